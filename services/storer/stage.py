"""The store stage: ExtractedPages → rows, one transaction per batch, idempotently.

The documents' rows are locked (in id order, so concurrent storers cannot deadlock), their previous
results deleted and the new ones inserted (articles with one multi-row INSERT, mentions, keywords
and captions with COPY), the documents marked stored with a commit-ordered `stored_seq`, and a
NOTIFY sent per document, all in one transaction: a reader sees a document's old results or its
new ones, never a mix, and a redelivered message leaves exactly one copy. A batch costs the same
dozen round trips whether it holds one page or fifty.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import psycopg

from shared.search import search_text
from shared.types import ExtractedPage
from shared.version import PIPELINE_VERSION

NOTIFY_CHANNEL = "newsingest_documents"
STORED_SEQ_LOCK = 0x73746F72  # "stor"


@dataclass(frozen=True)
class StoreItem:
    document_id: int
    run: int
    page: ExtractedPage


def _article_columns(items: list[StoreItem]) -> dict[str, list[object]]:
    cols: dict[str, list[object]] = {
        k: []
        for k in (
            "doc", "position", "title", "kicker", "subtitle", "authors", "source", "dateline", "continued_on",
            "continued_from", "body", "summary", "publication", "pub_date", "search_text",
        )
    }  # fmt: skip
    for item in items:
        page = item.page
        meta = page.page.document
        for pos, (art, analysis, toks) in enumerate(zip(page.page.articles, page.analyses, page.tokens, strict=True)):
            cols["doc"].append(item.document_id)
            cols["position"].append(pos)
            cols["title"].append(art.title)
            cols["kicker"].append(art.kicker)
            cols["subtitle"].append(art.subtitle)
            cols["authors"].append(json.dumps(art.authors, ensure_ascii=False))
            cols["source"].append(art.source)
            cols["dateline"].append(art.dateline)
            cols["continued_on"].append(art.continued_on)
            cols["continued_from"].append(art.continued_from)
            cols["body"].append(art.body)
            cols["summary"].append(analysis.summary)
            cols["publication"].append(meta.publication)
            cols["pub_date"].append(meta.date)
            cols["search_text"].append(search_text(art.title, toks.title) + " " + search_text(art.body, toks.body))
    return cols


def _copy_children(conn: psycopg.Connection, items: list[StoreItem], article_ids: dict[tuple[int, int], int]) -> None:
    with conn.cursor().copy(
        "COPY entity_mentions (article_id, type, text, value, role, start_offset, end_offset) FROM STDIN"
    ) as copy:
        for item in items:
            for pos, analysis in enumerate(item.page.analyses):
                aid = article_ids[item.document_id, pos]
                for e in analysis.entities:
                    value = None if e.value is None else json.dumps(e.value, ensure_ascii=False)
                    copy.write_row((aid, e.type, e.text, value, e.role, e.start, e.end))
    with conn.cursor().copy("COPY article_keywords (article_id, rank, keyword) FROM STDIN") as copy:
        for item in items:
            for pos, analysis in enumerate(item.page.analyses):
                for rank, kw in enumerate(analysis.keywords):
                    copy.write_row((article_ids[item.document_id, pos], rank, kw))
    with conn.cursor().copy("COPY captions (article_id, position, text, photographer) FROM STDIN") as copy:
        for item in items:
            for pos, art in enumerate(item.page.page.articles):
                for n, cap in enumerate(art.captions):
                    copy.write_row((article_ids[item.document_id, pos], n, cap.text, cap.photographer))


def store_many(conn: psycopg.Connection, items: list[StoreItem]) -> list[int]:
    """Replace the results of every document in `items`; returns the ids stored (stale runs are skipped)."""
    if not items:
        return []
    with conn.transaction():
        current: dict[int, int] = dict(
            conn.execute(
                "SELECT id, run FROM documents WHERE id = ANY(%s) ORDER BY id FOR UPDATE",
                ([i.document_id for i in items],),
            ).fetchall()
        )
        live = {i.document_id: i for i in items if current.get(i.document_id) == i.run}  # last one wins
        items = list(live.values())
        ids = list(live)
        if not ids:
            return []
        conn.execute("DELETE FROM articles WHERE document_id = ANY(%s)", (ids,))
        rows = conn.execute(
            """
            INSERT INTO articles (document_id, position, title, kicker, subtitle, authors, source, dateline,
                                  continued_on, continued_from, body, summary, publication, pub_date,
                                  pipeline_version, search_text, search)
            SELECT u.doc, u.position, u.title, u.kicker, u.subtitle,
                   ARRAY(SELECT jsonb_array_elements_text(u.authors::jsonb)), u.source, u.dateline,
                   u.continued_on, u.continued_from, u.body, u.summary, u.publication, u.pub_date,
                   %(version)s, u.search_text, to_tsvector('simple', u.search_text)
            FROM unnest(%(doc)s::bigint[], %(position)s::int[], %(title)s::text[], %(kicker)s::text[],
                        %(subtitle)s::text[], %(authors)s::text[], %(source)s::text[], %(dateline)s::text[],
                        %(continued_on)s::int[], %(continued_from)s::int[], %(body)s::text[],
                        %(summary)s::text[], %(publication)s::text[], %(pub_date)s::date[],
                        %(search_text)s::text[])
                 AS u(doc, position, title, kicker, subtitle, authors, source, dateline, continued_on,
                      continued_from, body, summary, publication, pub_date, search_text)
            RETURNING id, document_id, position
            """,
            {**_article_columns(items), "version": PIPELINE_VERSION},
        ).fetchall()
        _copy_children(conn, items, {(doc, pos): aid for aid, doc, pos in rows})
        meta = [i.page.page.document for i in items]
        conn.execute(
            """
            UPDATE documents d SET status = 'stored', stored_at = now(), updated_at = now(),
                   pipeline_version = %(version)s, encoding = u.encoding, issue = coalesce(d.issue, u.issue),
                   publication = coalesce(d.publication, u.publication),
                   pub_date = coalesce(d.pub_date, u.pub_date), error = NULL, failed_stage = NULL
            FROM unnest(%(ids)s::bigint[], %(encoding)s::text[], %(issue)s::text[], %(publication)s::text[],
                        %(pub_date)s::date[]) AS u(id, encoding, issue, publication, pub_date)
            WHERE d.id = u.id
            """,
            {
                "version": PIPELINE_VERSION,
                "ids": ids,
                "encoding": [i.page.page.encoding for i in items],
                "issue": [m.issue for m in meta],
                "publication": [m.publication for m in meta],
                "pub_date": [m.date for m in meta],
            },
        )
        # the store stage's own timing becomes visible together with 'stored' (the worker refines it)
        conn.execute(
            "UPDATE document_stages SET finished_at = now(), "
            "duration_ms = extract(epoch FROM clock_timestamp() - started_at) * 1000 "
            "WHERE document_id = ANY(%s) AND stage = 'store' AND started_at IS NOT NULL",
            (ids,),
        )
        # Catch-up order: sequence numbers are taken under a lock held until commit, so they become
        # visible in commit order. Then the events, delivered on commit.
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (STORED_SEQ_LOCK,))
        conn.execute(
            "UPDATE documents SET stored_seq = nextval('documents_stored_seq') WHERE id = ANY(%s)", (sorted(ids),)
        )
        conn.execute("SELECT pg_notify(%s, id::text) FROM unnest(%s::bigint[]) AS id", (NOTIFY_CHANNEL, sorted(ids)))
    return ids


def store(conn: psycopg.Connection, document_id: int, run: int, page: ExtractedPage) -> bool:
    """Replace one document's results. Returns False (and writes nothing) for a stale run."""
    return bool(store_many(conn, [StoreItem(document_id, run, page)]))
