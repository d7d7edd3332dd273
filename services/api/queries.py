"""Read-side SQL of the query API: articles, full-text search, entities."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.rows import dict_row

_ARTICLE_DETAIL = """
    SELECT a.id, a.document_id, a.position, a.title, a.kicker, a.subtitle, a.authors, a.source, a.dateline,
           a.continued_on, a.continued_from, a.body, a.summary, a.publication, a.pub_date, a.pipeline_version,
           coalesce((SELECT jsonb_agg(jsonb_build_object('text', c.text, 'photographer', c.photographer)
                                      ORDER BY c.position)
                     FROM captions c WHERE c.article_id = a.id), '[]') AS captions,
           coalesce((SELECT jsonb_agg(jsonb_build_object('text', m.text, 'type', m.type, 'start', m.start_offset,
                                      'end', m.end_offset, 'value', m.value, 'role', m.role)
                                      ORDER BY m.start_offset, m.end_offset)
                     FROM entity_mentions m WHERE m.article_id = a.id), '[]') AS entities,
           coalesce((SELECT array_agg(k.keyword ORDER BY k.rank)
                     FROM article_keywords k WHERE k.article_id = a.id), '{}') AS keywords
    FROM articles a
"""


_CONDITIONS = {
    "date_from": "a.pub_date >= %(date_from)s",
    "date_to": "a.pub_date <= %(date_to)s",
    "publication": "a.publication = %(publication)s",
    "author": "a.authors @> ARRAY[%(author)s::text]",
    "person": "a.id IN (SELECT article_id FROM entity_mentions WHERE type = 'PERSON' AND text = %(person)s)",
    "org": "a.id IN (SELECT article_id FROM entity_mentions WHERE type = 'ORG' AND text = %(org)s)",
    "loc": "a.id IN (SELECT article_id FROM entity_mentions WHERE type = 'LOC' AND text = %(loc)s)",
    "entity": "a.id IN (SELECT article_id FROM entity_mentions WHERE text = %(entity)s)",
}


@dataclass(frozen=True)
class ArticleFilter:
    person: str | None = None
    org: str | None = None
    loc: str | None = None
    entity: str | None = None
    author: str | None = None
    publication: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def sql(self) -> str:
        """WHERE conditions on `a` (articles) for the filters that are set; values come from params().

        Only the set filters appear, so the planner sees plain conditions it can estimate (a
        `param IS NULL OR …` would hide them and turn the entity filters into hashed subplans).
        """
        conditions = ["TRUE"] + [sql for name, sql in _CONDITIONS.items() if getattr(self, name) is not None]
        return " AND ".join(conditions)

    def params(self) -> dict[str, Any]:
        return dict(self.__dict__)


def article(conn: psycopg.Connection, article_id: int) -> dict[str, Any] | None:
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(_ARTICLE_DETAIL + " WHERE a.id = %s", (article_id,)).fetchone()


def document_articles(conn: psycopg.Connection, doc_id: int) -> list[dict[str, Any]]:
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(_ARTICLE_DETAIL + " WHERE a.document_id = %s ORDER BY a.position", (doc_id,)).fetchall()


def list_articles(
    conn: psycopg.Connection, flt: ArticleFilter, limit: int, before_id: int | None
) -> list[dict[str, Any]]:
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(
            f"""
            SELECT a.id, a.document_id, a.title, a.authors, a.publication, a.pub_date, a.summary
            FROM articles a
            WHERE {flt.sql()} AND (%(before)s::bigint IS NULL OR a.id < %(before)s)
            ORDER BY a.id DESC LIMIT %(limit)s
            """,
            {**flt.params(), "before": before_id, "limit": limit},
        ).fetchall()


def search(
    conn: psycopg.Connection, terms: list[str], flt: ArticleFilter, limit: int, offset: int, window: int
) -> list[dict[str, Any]]:
    """Articles matching every term: the `window` most recent matches, best first by ts_rank_cd.

    Ranking every match of a common word (上海 is on most pages) would read every article's
    tsvector; ranking a recency window keeps the answer time flat as the archive grows. The words
    are inlined (not a CTE) so the planner sees how common they are: newest-first index scan for
    common words, GIN bitmap for rare ones.
    """
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(
            f"""
            WITH recent AS MATERIALIZED (
                SELECT a.id, a.search FROM articles a
                WHERE a.search @@ plainto_tsquery('simple', %(terms)s) AND {flt.sql()}
                ORDER BY a.pub_date DESC NULLS LAST, a.id DESC
                LIMIT %(window)s
            ),
            ranked AS (
                SELECT r.id, ts_rank_cd(r.search, plainto_tsquery('simple', %(terms)s)) AS rank FROM recent r
                ORDER BY rank DESC, r.id DESC LIMIT %(limit)s OFFSET %(offset)s
            )
            SELECT a.id, a.document_id, a.title, a.body, a.authors, a.publication, a.pub_date, ranked.rank
            FROM ranked JOIN articles a USING (id)
            ORDER BY ranked.rank DESC, a.id DESC
            """,
            {**flt.params(), "terms": " ".join(terms), "limit": limit, "offset": offset, "window": window},
            prepare=False,  # a custom plan per query: the planner must see the words to pick the recency index
        ).fetchall()


def entities(
    conn: psycopg.Connection, etype: str | None, q: str | None, role: str | None, limit: int
) -> list[dict[str, Any]]:
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(
            """
            SELECT m.text, m.type, count(*) AS mentions, count(DISTINCT m.article_id) AS articles,
                   coalesce(array_agg(DISTINCT m.role ORDER BY m.role) FILTER (WHERE m.role IS NOT NULL),
                            '{}') AS roles
            FROM entity_mentions m
            WHERE (%(type)s::text IS NULL OR m.type = %(type)s)
              AND (%(q)s::text IS NULL OR strpos(m.text, %(q)s) > 0)
              AND (%(role)s::text IS NULL OR EXISTS (
                    SELECT 1 FROM entity_mentions r WHERE r.text = m.text AND r.type = m.type
                    AND strpos(r.role, %(role)s) > 0))
            GROUP BY m.text, m.type
            ORDER BY mentions DESC, m.text
            LIMIT %(limit)s
            """,
            {"type": etype, "q": q, "role": role, "limit": limit},
        ).fetchall()
