"""Query-string filters shared by /v1/articles and /v1/search."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import Depends, Query

from services.api.queries import ArticleFilter


def article_filter(
    person: Annotated[str | None, Query(description="a PERSON mentioned in the article")] = None,
    org: Annotated[str | None, Query(description="an ORG mentioned in the article")] = None,
    loc: Annotated[str | None, Query(description="a LOC mentioned in the article")] = None,
    entity: Annotated[str | None, Query(description="any entity text mentioned in the article")] = None,
    author: Annotated[str | None, Query(description="one of the article's authors")] = None,
    publication: str | None = None,
    date_from: Annotated[dt.date | None, Query(alias="from", description="publication date ≥ (YYYY-MM-DD)")] = None,
    date_to: Annotated[dt.date | None, Query(alias="to", description="publication date ≤ (YYYY-MM-DD)")] = None,
) -> ArticleFilter:
    return ArticleFilter(person, org, loc, entity, author, publication, date_from, date_to)


FilterDep = Annotated[ArticleFilter, Depends(article_filter)]
