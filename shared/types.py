"""Typed input and output of every stage function.

normalise: RawDocument -> NormalisedPage
segment:   NormalisedPage -> SegmentedPage
extract:   SegmentedPage -> ExtractedPage
store:     ExtractedPage -> rows in Postgres

The models are pydantic so that the message envelope can carry them (msgpack of `model_dump()`)
and the README can publish their JSON schema.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Stage = Literal["normalise", "segment", "extract", "store"]
STAGES: tuple[Stage, ...] = ("normalise", "segment", "extract", "store")

EntityType = Literal["PERSON", "ORG", "LOC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RawDocument(_Model):
    """What an upload gives the normaliser: the bytes exactly as received, plus the form metadata."""

    data: bytes
    filename: str | None = None
    publication: str | None = None
    date: dt.date | None = None
    page: int | None = None


class Caption(_Model):
    text: str
    photographer: str | None = None


class PageMeta(_Model):
    publication: str | None = None
    date: str | None = Field(None, description="YYYY-MM-DD")
    issue: str | None = None
    page: int | None = None


class ArticleText(_Model):
    title: str
    kicker: str | None = None
    subtitle: str | None = None
    authors: list[str] = Field(default_factory=list)
    source: str | None = None
    dateline: str | None = None
    continued_on: int | None = None
    continued_from: int | None = None
    body: str
    captions: list[Caption] = Field(default_factory=list)


class NormalisedPage(_Model):
    encoding: str
    document: PageMeta
    articles: list[ArticleText]


class Tokens(_Model):
    """Segmentation of one text, compact on the wire: token i spans [ends[i-1], ends[i]) with tag pos[i]."""

    ends: list[int]
    pos: list[str]

    def spans(self) -> Iterator[tuple[int, int, str]]:
        start = 0
        for end, tag in zip(self.ends, self.pos, strict=True):
            yield start, end, tag
            start = end

    def words(self, text: str) -> list[str]:
        return [text[s:e] for s, e, _ in self.spans()]


class ArticleTokens(_Model):
    title: Tokens
    body: Tokens
    sentences: list[int] = Field(default_factory=list, description="end offsets of body sentences")


class SegmentedPage(_Model):
    page: NormalisedPage
    tokens: list[ArticleTokens]


class Entity(_Model):
    text: str
    type: EntityType
    start: int
    end: int
    value: Any = None
    role: str | None = None


class ArticleAnalysis(_Model):
    entities: list[Entity]
    keywords: list[str]
    summary: str


class ExtractedPage(_Model):
    page: NormalisedPage
    tokens: list[ArticleTokens]
    analyses: list[ArticleAnalysis]
