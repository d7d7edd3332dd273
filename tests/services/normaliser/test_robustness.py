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


@pytest.mark.parametrize("stem", list(TEXTS))
def test_markdown_markers_stripped(stem):
    """Without `#` levels the title lines are read by order alone, and on page 004 the section heads of the first
    story (`在一起，向未来` / `徐汇奏响…`: two title lines, no byline) read as titles of stories of their own. What
    must stay: every byline and source, every paragraph, every article a title from its own title lines."""
    got, want = read(strip_markdown(TEXTS[stem])), read(TEXTS[stem])
    assert [a.authors for a in got.articles if a.authors] == [a.authors for a in want.articles if a.authors]
    assert [a.source for a in got.articles if a.source] == [a.source for a in want.articles if a.source]
    everything = squash("".join(f"{a.kicker}{a.title}{a.subtitle}{a.body}" for a in got.articles))
    for art in want.articles:
        for para in art.body.split("\n"):
            assert squash(para) in everything, (stem, para[:40])
        heads = {art.title, art.kicker, art.subtitle}
        assert any(g.title in heads for g in got.articles), (stem, art.title)
