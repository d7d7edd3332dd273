"""The store stage: ExtractedPage → rows, in one transaction, idempotently.

The document row is locked, its previous results deleted and the new ones inserted (articles with
one multi-row INSERT, mentions/keywords/captions with COPY), the document marked stored and a
NOTIFY sent, all in one transaction: a reader sees the old results or the new ones, never a mix,
and a redelivered message leaves exactly one copy.
"""

from __future__ import annotations

import json

import psycopg

from shared.search import search_text
from shared.types import ExtractedPage
from shared.version import PIPELINE_VERSION

NOTIFY_CHANNEL = "newsingest_documents"
STORED_SEQ_LOCK = 0x73746F72  # "stor"


def store(conn: psycopg.Connection, document_id: int, run: int, page: ExtractedPage) -> bool:
    """Replace the document's results. Returns False (and writes nothing) for a stale run."""
    meta = page.page.document
    with conn.transaction():
        row = conn.execute("SELECT run FROM documents WHERE id = %s FOR UPDATE", (document_id,)).fetchone()
        if row is None or row[0] != run:
            return False
        conn.execute("DELETE FROM articles WHERE document_id = %s", (document_id,))
        arts = page.page.articles
        cols = {
            "position": list(range(len(arts))),
            "title": [a.title for a in arts],
            "kicker": [a.kicker for a in arts],
            "subtitle": [a.subtitle for a in arts],
            "authors": [json.dumps(a.authors, ensure_ascii=False) for a in arts],
            "source": [a.source for a in arts],
            "dateline": [a.dateline for a in arts],
            "continued_on": [a.continued_on for a in arts],
            "continued_from": [a.continued_from for a in arts],
            "body": [a.body for a in arts],
            "summary": [an.summary for an in page.analyses],
            "search_text": [
                search_text(a.title, t.title) + " " + search_text(a.body, t.body)
                for a, t in zip(arts, page.tokens, strict=True)
            ],
        }
        ids = conn.execute(
            """
            INSERT INTO articles (document_id, position, title, kicker, subtitle, authors, source, dateline,
                                  continued_on, continued_from, body, summary, publication, pub_date,
                                  pipeline_version, search_text, search)
            SELECT %(doc)s, u.position, u.title, u.kicker, u.subtitle,
                   ARRAY(SELECT jsonb_array_elements_text(u.authors::jsonb)), u.source, u.dateline,
                   u.continued_on, u.continued_from, u.body, u.summary, %(publication)s, %(pub_date)s,
                   %(version)s, u.search_text, to_tsvector('simple', u.search_text)
            FROM unnest(%(position)s::int[], %(title)s::text[], %(kicker)s::text[], %(subtitle)s::text[],
                        %(authors)s::text[], %(source)s::text[], %(dateline)s::text[],
                        %(continued_on)s::int[], %(continued_from)s::int[], %(body)s::text[],
                        %(summary)s::text[], %(search_text)s::text[])
                 AS u(position, title, kicker, subtitle, authors, source, dateline, continued_on,
                      continued_from, body, summary, search_text)
            ORDER BY u.position
            RETURNING id, position
            """,
            {
                **cols,
                "doc": document_id,
                "publication": meta.publication,
                "pub_date": meta.date,
                "version": PIPELINE_VERSION,
            },
        ).fetchall()
        article_ids = {pos: aid for aid, pos in ids}
        with conn.cursor().copy(
            "COPY entity_mentions (article_id, type, text, value, role, start_offset, end_offset) FROM STDIN"
        ) as copy:
            for pos, analysis in enumerate(page.analyses):
                for e in analysis.entities:
                    value = None if e.value is None else json.dumps(e.value, ensure_ascii=False)
                    copy.write_row((article_ids[pos], e.type, e.text, value, e.role, e.start, e.end))
        with conn.cursor().copy("COPY article_keywords (article_id, rank, keyword) FROM STDIN") as copy:
            for pos, analysis in enumerate(page.analyses):
                for rank, kw in enumerate(analysis.keywords):
                    copy.write_row((article_ids[pos], rank, kw))
        with conn.cursor().copy("COPY captions (article_id, position, text, photographer) FROM STDIN") as copy:
            for pos, art in enumerate(arts):
                for n, cap in enumerate(art.captions):
                    copy.write_row((article_ids[pos], n, cap.text, cap.photographer))
        conn.execute(
            """
            UPDATE documents SET status = 'stored', stored_at = now(), updated_at = now(),
                   pipeline_version = %s, encoding = %s, issue = coalesce(issue, %s),
                   publication = coalesce(publication, %s), pub_date = coalesce(pub_date, %s::date),
                   error = NULL, failed_stage = NULL
            WHERE id = %s
            """,
            (PIPELINE_VERSION, page.page.encoding, meta.issue, meta.publication, meta.date, document_id),
        )
        # the store stage's own timing becomes visible together with 'stored' (the worker refines it)
        conn.execute(
            "UPDATE document_stages SET finished_at = now(), "
            "duration_ms = extract(epoch FROM clock_timestamp() - started_at) * 1000 "
            "WHERE document_id = %s AND stage = 'store' AND started_at IS NOT NULL",
            (document_id,),
        )
        # Catch-up order: the sequence number is taken under a lock held until commit, so numbers
        # become visible in commit order. Then the event, delivered on commit.
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (STORED_SEQ_LOCK,))
        conn.execute("UPDATE documents SET stored_seq = nextval('documents_stored_seq') WHERE id = %s", (document_id,))
        conn.execute("SELECT pg_notify(%s, %s)", (NOTIFY_CHANNEL, str(document_id)))
    return True
