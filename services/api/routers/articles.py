"""/v1/articles: one article, or articles filtered by entity, author, publication and date."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from services.api import queries
from services.api.deps import ConnDep
from services.api.filters import FilterDep
from services.api.schemas import ArticleDetail, ArticleSummary, ArticleSummaryList, ErrorBody

router = APIRouter(prefix="/v1/articles", tags=["articles"])


@router.get("", response_model=ArticleSummaryList)
def list_articles(
    conn: ConnDep,
    flt: FilterDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: str | None = None,
) -> ArticleSummaryList:
    """Newest first, e.g. `?person=陈吉宁&from=2023-01-01&to=2023-01-31`; follow `next_cursor`."""
    if cursor is not None and not cursor.isdigit():
        raise HTTPException(422, detail="invalid cursor")
    rows = queries.list_articles(conn, flt, limit, int(cursor) if cursor else None)
    return ArticleSummaryList(
        articles=[ArticleSummary(**r) for r in rows],
        next_cursor=str(rows[-1]["id"]) if len(rows) == limit else None,
    )


@router.get("/{article_id}", response_model=ArticleDetail, responses={404: {"model": ErrorBody}})
def get_article(article_id: int, conn: ConnDep) -> ArticleDetail:
    row = queries.article(conn, article_id)
    if row is None:
        raise HTTPException(404, detail=f"article {article_id} not found")
    return ArticleDetail(**row)
