from __future__ import annotations

import re

import pytest

from services.normaliser.chars import normalise_chars
from services.normaliser.lines import rejoin
from services.normaliser.stage import normalise
from shared.errors import InvalidInput
from shared.types import RawDocument


def test_chars_full_width_ascii_and_interpunct():
    assert normalise_chars("ＡＢＣ１２３") == "ABC123"
    assert normalise_chars("谢尔达尔 ·别尔德穆哈梅多夫") == "谢尔达尔·别尔德穆哈梅多夫"
    assert normalise_chars("陈吉宁:全力提升,加快") == "陈吉宁：全力提升，加快"
    assert normalise_chars("增长3.5%,达1,000元") == "增长3.5%，达1,000元"
    assert normalise_chars("a\u200bb\u3000c") == "ab c"


def test_rejoin_hard_wrapped_lines_and_keep_paragraphs():
    text = "国家主席习\n近平在人民大会堂同谢尔达\n\n尔举行会谈。\n\n习近平指出，这是\n\n首次访华。\n"
    assert rejoin(text) == ["国家主席习近平在人民大会堂同谢尔达尔举行会谈。", "习近平指出，这是首次访华。"]


def test_rejoin_latin_words_keep_one_space():
    assert rejoin("the quick\nbrown fox.") == ["the quick brown fox."]


def test_seed_pages_become_articles_without_wrap_artefacts(seed_paths):
    for path in seed_paths:
        page = normalise(RawDocument(data=path.read_bytes()))
        assert len(page.articles) >= 2, path.name
        for art in page.articles:
            assert art.title and art.body
            assert "习\n近平" not in art.body and "\n\n" not in art.body
            assert not re.search(r"温度：最低|准印证号|下转第", art.body), (path.name, art.title)


def test_page_000_first_article(seed_paths):
    page = normalise(RawDocument(data=seed_paths[0].read_bytes()))
    first = page.articles[0]
    assert first.source == "新华社" and first.authors == ["刘华"]
    assert first.dateline == "新华社北京1月6日电"
    assert first.continued_on == 3
    assert "谢尔达尔·别尔德穆哈梅多夫" in first.body


def test_masthead_facts_of_page_004(seed_paths):
    page = normalise(RawDocument(data=seed_paths[4].read_bytes()))
    assert page.document.publication == "徐汇报"
    assert page.document.date == "2023-06-26"
    assert page.articles[0].authors == ["刘坤", "陈文卿"]


def test_upload_metadata_wins():
    import datetime as dt

    raw = RawDocument(data="本报讯 昨天举行会议。".encode(), publication="解放日报", date=dt.date(2023, 1, 7), page=1)
    page = normalise(raw)
    assert (page.document.publication, page.document.date, page.document.page) == (
        "解放日报",
        "2023-01-07",
        1,
    )


def test_gb18030_page_normalises_like_utf8(seed_paths):
    text = seed_paths[0].read_text(encoding="utf-8")
    assert (
        normalise(RawDocument(data=text.encode("gb18030"))).articles
        == normalise(RawDocument(data=text.encode("utf-8"))).articles
    )


def test_junk_is_invalid_input():
    with pytest.raises(InvalidInput):
        normalise(RawDocument(data=bytes(range(256)) * 4))
