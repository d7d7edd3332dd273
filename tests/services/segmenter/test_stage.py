from __future__ import annotations

import pytest

from services.normaliser.stage import normalise
from services.segmenter.engine import get_engine
from services.segmenter.stage import segment, sentence_ends, tokenize
from shared.types import RawDocument


@pytest.mark.parametrize("engine", ["rjieba", "jieba"])
def test_tokens_cover_text_exactly_with_pos(engine):
    text = "国家主席习近平在人民大会堂同土库曼斯坦总统会谈。\nGDP增长 5.2%"
    toks = tokenize(get_engine(engine), text)
    assert toks.ends[-1] == len(text)
    assert "".join(toks.words(text)) == text
    words = dict(zip(toks.words(text), toks.pos, strict=True))
    assert words["习近平"].startswith("nr")
    assert "人民大会堂" in words


def test_engines_mostly_agree_on_seed_pages(seed_paths):
    # rjieba's POS mode and jieba.posseg differ on some single-character words (为国 / 为 国);
    # the token boundaries must still agree on nearly every token.
    for path in seed_paths:
        page = normalise(RawDocument(data=path.read_bytes()))
        fast = segment(page, get_engine("rjieba"))
        slow = segment(page, get_engine("jieba"))
        for a, b in zip(fast.tokens, slow.tokens, strict=True):
            common = len(set(a.body.ends) & set(b.body.ends))
            f1 = 2 * common / (len(a.body.ends) + len(b.body.ends))
            assert f1 > 0.95, (path.name, f1)


def test_segment_page_keeps_articles_and_sentences(seed_paths):
    page = normalise(RawDocument(data=seed_paths[1].read_bytes()))
    seg = segment(page, get_engine("rjieba"))
    assert seg.page == page and len(seg.tokens) == len(page.articles)
    for art, toks in zip(page.articles, seg.tokens, strict=True):
        assert toks.body.ends[-1] == len(art.body) and toks.title.ends[-1] == len(art.title)
        assert toks.sentences[-1] == len(art.body)


def test_sentence_ends():
    text = "第一句。第二句！“第三句？”尾巴"
    ends = sentence_ends(text)
    assert [text[a:b] for a, b in zip([0, *ends], ends, strict=False)] == [
        "第一句。",
        "第二句！",
        "“第三句？”",
        "尾巴",
    ]
