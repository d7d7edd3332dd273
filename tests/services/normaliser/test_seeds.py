"""The five seed pages against the editors' annotations in tests/fixtures/seeds/ (one JSON per page)."""

from __future__ import annotations

import pytest

from services.normaliser.stage import normalise
from shared.types import NormalisedPage, RawDocument
from tests.conftest import SEEDS
from tests.services.normaliser.annotations import FIELDS, load, wrap_artefacts

STEMS = [p.stem for p in SEEDS]
_PAGES: dict[str, NormalisedPage] = {}


def page(stem: str) -> NormalisedPage:
    if stem not in _PAGES:
        path = next(p for p in SEEDS if p.stem == stem)
        _PAGES[stem] = normalise(RawDocument(data=path.read_bytes()))
    return _PAGES[stem]


@pytest.mark.parametrize("stem", STEMS)
def test_every_article_a_reader_sees_with_its_title(stem):
    want = load(stem)
    got = page(stem)
    assert [a.title for a in got.articles] == [a["title"] for a in want["articles"]]


@pytest.mark.parametrize("stem", STEMS)
def test_kicker_subtitle_bylines_sources_continuations(stem):
    for art, want in zip(page(stem).articles, load(stem)["articles"], strict=True):
        for name in FIELDS:
            assert getattr(art, name) == want[name], (stem, art.title, name)


@pytest.mark.parametrize("stem", STEMS)
def test_captions_apart_from_bodies(stem):
    for art, want in zip(page(stem).articles, load(stem)["articles"], strict=True):
        assert [c.model_dump() for c in art.captions] == want["captions"], (stem, art.title)
        for cap in art.captions:
            assert cap.text not in art.body


@pytest.mark.parametrize("stem", STEMS)
def test_bodies_start_end_and_hold_the_annotated_text(stem):
    for art, want in zip(page(stem).articles, load(stem)["articles"], strict=True):
        if want["body_starts"]:
            assert art.body.startswith(want["body_starts"]), (stem, art.title, art.body[:80])
        if want["body_ends"]:
            assert art.body.endswith(want["body_ends"]), (stem, art.title, art.body[-80:])
        for snippet in want["body_contains"]:
            assert snippet in art.body, (stem, art.title, snippet)
        for snippet in want["body_contains_once"]:
            assert art.body.count(snippet) == 1, (stem, art.title, snippet)  # the pull quote is not in the body
        for snippet in want.get("body_lacks", []):
            assert snippet not in art.body, (stem, art.title, snippet)  # another story's column printed inside it


@pytest.mark.parametrize("stem", STEMS)
def test_no_furniture_pull_quotes_or_markers_in_bodies(stem):
    for art in page(stem).articles:
        for snippet in load(stem)["never_in_bodies"]:
            assert snippet not in art.body, (stem, art.title, snippet)


@pytest.mark.parametrize("stem", STEMS)
def test_no_line_break_artefacts(stem):
    for art in page(stem).articles:
        assert "\n\n" not in art.body and art.body == art.body.strip()
        for para in wrap_artefacts(art.body):
            # The only paragraphs allowed to stop mid-sentence are the ones the source itself cut off.
            assert stem.startswith("001") and para.endswith("国产医药产"), (stem, para)


@pytest.mark.parametrize("stem", STEMS)
def test_document_facts(stem):
    want = load(stem)["document"]
    got = page(stem).document
    assert (got.publication, got.date, got.issue) == (want["publication"], want["date"], want["issue"])
