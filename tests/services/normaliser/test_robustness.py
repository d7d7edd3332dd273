"""Variants generated from the seeds — other wrap widths, CRLF, GB18030 / UTF-16, markdown stripped, half-width
punctuation — must give the same articles in substance: same titles, bylines, sources, continuations and
captions, bodies equal once whitespace is removed."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from services.normaliser.stage import normalise
from shared.types import ArticleText, NormalisedPage, RawDocument
from tests.conftest import SEEDS
from tests.services.normaliser.annotations import FIELDS, squash
from tests.services.normaliser.variants import crlf, half_width, rewrap, strip_markdown

TEXTS = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS}
# Page 000 is already hard-wrapped at its column widths; cutting its lines again at a fixed width would
# make lines no printer makes (a 27-character line cut into 20 + 7), so it is not re-wrapped.
UNWRAPPED = [stem for stem in TEXTS if not stem.startswith("000")]


def read(text: str, encoding: str = "utf-8") -> NormalisedPage:
    return normalise(RawDocument(data=text.encode(encoding)))


def substance(art: ArticleText) -> tuple[object, ...]:
    """Everything but whitespace (a wrap may fall on the space of `动真碰硬 解决…`)."""
    caps = tuple((squash(c.text), c.photographer) for c in art.captions)
    fields = (squash(v) if isinstance(v := getattr(art, f), str) else v for f in FIELDS)
    return (*fields, squash(art.body), caps)


def assert_same(got: NormalisedPage, want: NormalisedPage) -> None:
    assert [squash(a.title) for a in got.articles] == [squash(a.title) for a in want.articles]
    for g, w in zip(got.articles, want.articles, strict=True):
        assert substance(g) == substance(w), w.title
    assert got.document == want.document


@pytest.mark.parametrize("width", [20, 35, 60])
@pytest.mark.parametrize("stem", UNWRAPPED)
def test_rewrapped_at_other_widths(stem, width):
    assert_same(read(rewrap(TEXTS[stem], width)), read(TEXTS[stem]))


@pytest.mark.parametrize("stem", list(TEXTS))
@pytest.mark.parametrize(
    "variant",
    [crlf, half_width, lambda t: "\ufeff" + t, lambda t: t.replace("\n", "\n  ")],
    ids=["crlf", "half-width-punctuation", "bom", "indented"],
)
def test_same_in_substance(stem, variant: Callable[[str], str]):
    assert_same(read(variant(TEXTS[stem])), read(TEXTS[stem]))


@pytest.mark.parametrize("stem", list(TEXTS))
@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-16-le", "utf-16-be"])
def test_other_encodings(stem, encoding):
    got = read(TEXTS[stem], encoding)
    assert got.articles == read(TEXTS[stem]).articles


@pytest.mark.parametrize("stem", list(TEXTS))
def test_crlf_rewrapped_half_width_gb18030_all_at_once(stem):
    text = TEXTS[stem] if stem.startswith("000") else rewrap(TEXTS[stem], 35)
    assert_same(read(crlf(half_width(text)), "gb18030"), read(TEXTS[stem]))


# Without `#` levels, head lines are read by order alone. Page 001's export prints its first story's heads as
# kicker / subtitle (`####`) / title (`#`) and a column banner (`## 加快建设高水平人才高地`, no spaces) under the
# last story's title; read by order, the subtitle is taken for the title and the banner for a subtitle. Nothing
# but the markers tells these apart, so there (only) the head lines may change roles; everything else must not.
HEADS_BY_MARKERS_ONLY = {"001_e56cffc8e1b154ce"}
_HEADS = ("title", "kicker", "subtitle")


@pytest.mark.parametrize("stem", list(TEXTS))
def test_markdown_markers_stripped(stem):
    """Same articles as the marked-up page: a section head inside a story (short lines, body text next, no
    byline of their own, in a story that has its byline) stays in that story's body (page 004)."""
    got, want = read(strip_markdown(TEXTS[stem])), read(TEXTS[stem])
    if stem not in HEADS_BY_MARKERS_ONLY:
        assert_same(got, want)
        return
    assert len(got.articles) == len(want.articles)
    keep = [n for n, f in enumerate(FIELDS) if f not in _HEADS]
    for g, w in zip(got.articles, want.articles, strict=True):
        assert [substance(g)[n] for n in keep] == [substance(w)[n] for n in keep], w.title
        assert substance(g)[len(FIELDS) :] == substance(w)[len(FIELDS) :], w.title
        got_heads, want_heads = ({squash(getattr(a, f) or "") for f in _HEADS} - {""} for a in (g, w))
        assert want_heads <= got_heads, w.title
    assert got.document == want.document
