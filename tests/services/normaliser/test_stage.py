from __future__ import annotations

import datetime as dt

import pytest

from services.normaliser.stage import normalise
from shared.errors import InvalidInput
from shared.types import RawDocument


def test_page_000_first_article(seed_paths):
    page = normalise(RawDocument(data=seed_paths[0].read_bytes()))
    first = page.articles[0]
    assert first.source == "新华社" and first.authors == ["刘华"]
    assert first.dateline == "新华社北京1月6日电"
    assert first.continued_on == 3
    assert "谢尔达尔·别尔德穆哈梅多夫" in first.body and "习\n近平" not in first.body


def test_masthead_facts_of_page_004(seed_paths):
    page = normalise(RawDocument(data=seed_paths[4].read_bytes()))
    assert page.document.publication == "徐汇报"
    assert page.document.date == "2023-06-26"
    assert page.articles[0].authors == ["刘坤", "陈文卿"]


def test_upload_metadata_wins():
    raw = RawDocument(data="本报讯 昨天举行会议。".encode(), publication="解放日报", date=dt.date(2023, 1, 7), page=1)
    page = normalise(raw)
    assert (page.document.publication, page.document.date, page.document.page) == ("解放日报", "2023-01-07", 1)
    assert page.articles[0].source == "本报讯" and page.articles[0].body == "昨天举行会议。"


def test_traditional_page_from_big5_keeps_its_characters():
    text = "中華人民共和國國務院總理在會議上發表講話，強調經濟發展與環境保護並重。" * 3
    page = normalise(RawDocument(data=text.encode("big5")))
    assert page.encoding == "big5" and "國務院" in page.articles[0].body


def test_junk_is_invalid_input():
    with pytest.raises(InvalidInput):
        normalise(RawDocument(data=bytes(range(256)) * 4))


def test_page_with_only_furniture_is_invalid_input():
    with pytest.raises(InvalidInput, match="no article"):
        normalise(RawDocument(data="上海徐汇抖音\n\n准印证号(B)0150".encode()))
