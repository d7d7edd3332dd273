from __future__ import annotations

import datetime as dt

from services.extractor.entities import pattern_entities
from services.extractor.stage import extract
from services.normaliser.stage import normalise
from services.segmenter.engine import get_engine
from services.segmenter.stage import segment
from shared.types import RawDocument


def _by_text(entities):
    return {e.text: e for e in entities}


def test_values_of_money_percent_and_dates():
    text = "总投资达147亿元，完成94%。2023年6月26日开会，1月6日签约，昨天举行。"
    ents = _by_text(pattern_entities(text, dt.date(2023, 6, 26)))
    assert ents["147亿元"].value == {"amount": 14_700_000_000, "unit": "CNY"}
    assert ents["94%"].value == 0.94
    assert ents["2023年6月26日"].value == "2023-06-26"
    assert ents["1月6日"].value == "2023-01-06"
    assert ents["昨天"].value == "2023-06-25"
    assert _by_text(pattern_entities(text, None))["昨天"].value is None


def test_entities_offsets_point_into_body(seed_paths):
    for path in seed_paths:
        result = extract(segment(normalise(RawDocument(data=path.read_bytes())), get_engine("rjieba")))
        assert len(result.analyses) == len(result.page.articles)
        for art, an in zip(result.page.articles, result.analyses, strict=True):
            for e in an.entities:
                assert art.body[e.start : e.end] == e.text
            assert an.keywords and len(an.keywords) == len(set(an.keywords))
            assert an.summary and an.summary in art.body


def test_people_on_page_000(seed_paths):
    result = extract(segment(normalise(RawDocument(data=seed_paths[0].read_bytes())), get_engine("rjieba")))
    people = {e.text for an in result.analyses for e in an.entities if e.type == "PERSON"}
    assert {"习近平", "陈吉宁"} <= people
    assert "多云" not in people
