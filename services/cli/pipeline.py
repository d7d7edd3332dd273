"""The whole pipeline in one process, without Redis or Postgres: the same stage functions the workers run."""

from __future__ import annotations

from typing import Any

from services.extractor.stage import extract
from services.normaliser.stage import normalise
from services.segmenter.engine import Engine
from services.segmenter.stage import segment
from shared.types import ExtractedPage, RawDocument


def run_pipeline(raw: RawDocument, engine: Engine | None = None) -> ExtractedPage:
    return extract(segment(normalise(raw), engine))


def contract(source: str, result: ExtractedPage) -> dict[str, Any]:
    """The public JSON contract of `newsingest process --format json`."""
    page = result.page
    return {
        "source": source,
        "document": page.document.model_dump(),
        "articles": [
            {
                "title": a.title,
                "kicker": a.kicker,
                "subtitle": a.subtitle,
                "authors": a.authors,
                "source": a.source,
                "dateline": a.dateline,
                "continued_on": a.continued_on,
                "continued_from": a.continued_from,
                "body": a.body,
                "captions": [c.model_dump() for c in a.captions],
                "entities": [e.model_dump(exclude_none=False) for e in an.entities],
                "keywords": an.keywords,
                "summary": an.summary,
            }
            for a, an in zip(page.articles, result.analyses, strict=True)
        ],
    }
