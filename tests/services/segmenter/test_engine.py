from __future__ import annotations

import os
import time

import pytest

from services.segmenter.engine import NEWS_DICT, fold_width, make_engine, read_dict
from services.segmenter.stage import tokenize


def test_fold_width_keeps_length_and_offsets():
    text = "ＧＤＰ增长５．２％，　总投资１４７亿元"
    folded = fold_width(text)
    assert folded == "GDP增长5.2%, 总投资147亿元"
    assert len(folded) == len(text)


def test_fold_width_is_a_translation_of_every_full_width_character():
    from services.segmenter.engine import FULLWIDTH

    text = "".join(chr(c) for c in range(0x3000, 0x3010)) + "".join(chr(c) for c in range(0xFF00, 0xFF61)) + "中文"
    assert fold_width(text) == text.translate(FULLWIDTH)
    assert fold_width("没有全角字符") == "没有全角字符"


@pytest.mark.parametrize("name", ["rjieba", "jieba"])
def test_cut_folded_matches_tag_folded(name):
    engine = make_engine(name)
    text = "２０２３年，徐汇区副区长张三在上海说：“ＧＤＰ增长５．２％。”"
    words, tags = engine.cut_folded(text)
    assert list(zip(words, tags, strict=True)) == engine.tag_folded(text)
    assert [list(part) for part in engine.cut_folded("")] == [[], []]


@pytest.mark.parametrize("name", ["rjieba", "jieba"])
def test_full_width_text_is_cut_like_half_width(name):
    engine = make_engine(name)
    full, half = "２０２３年ＧＤＰ增长５．２％", "2023年GDP增长5.2%"
    assert tokenize(engine, full).ends == tokenize(engine, half).ends
    words = [w for w, _ in engine.tag(full)]
    assert "".join(words) == full  # words are slices of the original text


def test_shipped_news_dictionary():
    entries = {w: tag for w, _, tag in read_dict(NEWS_DICT)}
    assert len([w for w, t in entries.items() if t == "ns" and w.endswith("区")]) >= 16  # Shanghai's districts
    engine = make_engine("rjieba")
    tags = dict(engine.tag("徐汇区和崇明区在临港新片区签约，市委副书记出席"))
    assert tags["徐汇区"] == "ns" and tags["崇明区"] == "ns" and tags["临港新片区"] == "ns"
    assert tags["市委副书记"] == "nnt"


@pytest.mark.parametrize("name", ["rjieba", "jieba"])
def test_user_dictionary_is_reloaded_without_restart(tmp_path, name):
    path = tmp_path / "user.txt"
    path.write_text("# operator words\n", encoding="utf-8")
    engine = make_engine(name, path, check_interval=0)
    text = "橙汁星云工程启动"
    assert "橙汁星云" not in [w for w, _ in engine.tag(text)]

    path.write_text("橙汁星云 nz\n", encoding="utf-8")
    os.utime(path, (time.time() + 5, time.time() + 5))  # a distinct mtime even on coarse filesystems
    assert ("橙汁星云", "nz") in engine.tag(text)

    path.write_text("# removed again\n", encoding="utf-8")
    os.utime(path, (time.time() + 10, time.time() + 10))
    assert "橙汁星云" not in [w for w, _ in engine.tag(text)]


def test_reload_is_throttled(tmp_path):
    path = tmp_path / "user.txt"
    path.write_text("", encoding="utf-8")
    engine = make_engine("rjieba", path, check_interval=3600)
    path.write_text("橙汁星云 nz\n", encoding="utf-8")
    os.utime(path, (time.time() + 5, time.time() + 5))
    assert not engine.maybe_reload()  # not yet: the next check is an hour away
    assert engine.maybe_reload(force=True)
    assert ("橙汁星云", "nz") in engine.tag("橙汁星云")
