"""/v1/search: Chinese full-text search inside Postgres."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request

from services.api import queries
from services.api.deps import ConnDep, SettingsDep
from services.api.filters import FilterDep
from services.api.schemas import ErrorBody, SearchResponse, SearchResult
from services.segmenter.engine import Engine
from services.segmenter.stage import tokenize
from shared.search import search_words, snippet

router = APIRouter(prefix="/v1/search", tags=["search"])


@router.get("", response_model=SearchResponse, responses={422: {"model": ErrorBody}})
def search(
    request: Request,
    conn: ConnDep,
    settings: SettingsDep,
    flt: FilterDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="words to find, e.g. 生物医药 临港")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=10_000)] = 0,
) -> SearchResponse:
    """The query is segmented by the same segmenter as the articles; every word must match.

    The `SEARCH_WINDOW` most recent matches (by publication date) are ranked by `ts_rank_cd`;
    snippets are HTML-escaped with the words in `<mark>`. Filters as in
    `/v1/articles` (`from`, `to`, `publication`, `person`, `org`, `loc`, `entity`, `author`).
    """
    engine: Engine = request.app.state.engine
    terms = search_words(q, tokenize(engine, q))
    if not terms:
        raise HTTPException(422, detail="the query has no searchable words")
    rows = queries.search(conn, terms, flt, limit + 1, offset, settings.search_window)
    more = len(rows) > limit
    return SearchResponse(
        query=terms,
        results=[
            SearchResult(
                article_id=r["id"],
                document_id=r["document_id"],
                title=r["title"],
                snippet=snippet(r["body"], terms),
                rank=r["rank"],
                authors=r["authors"],
                publication=r["publication"],
                pub_date=r["pub_date"],
            )
            for r in rows[:limit]
        ],
        next_offset=offset + limit if more else None,
    )
