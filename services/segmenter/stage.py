"""The segment stage: NormalisedPage → SegmentedPage (tokens with POS and offsets, sentence ends)."""

from __future__ import annotations

import re
from itertools import accumulate

from services.segmenter.engine import Engine, get_engine
from shared.settings import get_settings
from shared.types import ArticleTokens, NormalisedPage, SegmentedPage, Tokens

_SENTENCE_END = re.compile(r"[。！？!?…]+[”’」』）)]*|\n")


def tokenize(engine: Engine, text: str) -> Tokens:
    """Tokens of `text` (full-width folded before cutting; offsets are those of `text`)."""
    words, pos = engine.cut_folded(text)
    ends = list(accumulate(map(len, words)))
    offset = ends[-1] if ends else 0
    if offset != len(text):  # engines must cover the text exactly; offsets depend on it
        raise RuntimeError(f"segmenter lost characters: {offset} != {len(text)}")
    return Tokens.model_construct(ends=ends, pos=pos)


def sentence_ends(text: str) -> list[int]:
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    if not ends or ends[-1] != len(text):
        ends.append(len(text))
    return ends


def segment(page: NormalisedPage, engine: Engine | None = None) -> SegmentedPage:
    engine = engine or get_engine(get_settings().segmenter_engine)
    tokens = [
        ArticleTokens(title=tokenize(engine, a.title), body=tokenize(engine, a.body), sentences=sentence_ends(a.body))
        for a in page.articles
    ]
    return SegmentedPage(page=page, tokens=tokens)
