"""API input/output models (separate from the stage types and the database rows)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, Field

DocumentStatus = Literal["queued", "normalising", "segmenting", "extracting", "storing", "stored", "failed"]


class UploadedDocument(BaseModel):
    id: int
    filename: str | None
    status: DocumentStatus
    status_url: str
    duplicate: bool


class UploadResponse(BaseModel):
    documents: list[UploadedDocument]


class StageInfo(BaseModel):
    attempts: int
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    duration_ms: float | None
    error: str | None


class DocumentError(BaseModel):
    stage: str
    reason: str


class DocumentOut(BaseModel):
    id: int
    filename: str | None
    sha256: str
    size_bytes: int
    status: DocumentStatus
    error: DocumentError | None
    stages: dict[str, StageInfo]
    publication: str | None
    date: dt.date | None
    page: int | None
    run: int
    trace_id: str
    pipeline_version: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    stored_at: dt.datetime | None


class DocumentSummary(BaseModel):
    id: int
    filename: str | None
    status: DocumentStatus
    created_at: dt.datetime
    stored_at: dt.datetime | None
    status_url: str


class DocumentList(BaseModel):
    documents: list[DocumentSummary]
    next_cursor: str | None = Field(description="pass as `cursor` to get the next page; null at the end")


class EntityOut(BaseModel):
    text: str
    type: str
    start: int
    end: int
    value: Any = None
    role: str | None = None


class CaptionOut(BaseModel):
    text: str
    photographer: str | None


class ArticleOut(BaseModel):
    id: int
    position: int
    title: str
    kicker: str | None
    subtitle: str | None
    authors: list[str]
    source: str | None
    dateline: str | None
    continued_on: int | None
    continued_from: int | None
    body: str
    summary: str
    captions: list[CaptionOut]
    entities: list[EntityOut]
    keywords: list[str]


class ArticleList(BaseModel):
    articles: list[ArticleOut]


class ReprocessResponse(BaseModel):
    id: int
    status: DocumentStatus
    run: int
    status_url: str


class ErrorBody(BaseModel):
    detail: str


class ArticleDetail(ArticleOut):
    document_id: int
    publication: str | None
    pub_date: dt.date | None
    pipeline_version: str


class ArticleSummary(BaseModel):
    id: int
    document_id: int
    title: str
    authors: list[str]
    publication: str | None
    pub_date: dt.date | None
    summary: str


class ArticleSummaryList(BaseModel):
    articles: list[ArticleSummary]
    next_cursor: str | None


class SearchResult(BaseModel):
    article_id: int
    document_id: int
    title: str
    snippet: str = Field(description="HTML-escaped excerpt with the query words in <mark>")
    rank: float
    authors: list[str]
    publication: str | None
    pub_date: dt.date | None


class SearchResponse(BaseModel):
    query: list[str] = Field(description="the query as segmented into index terms")
    results: list[SearchResult]
    next_offset: int | None


class EntitySummary(BaseModel):
    text: str
    type: str
    mentions: int
    articles: int
    roles: list[str]


class EntityList(BaseModel):
    entities: list[EntitySummary]
