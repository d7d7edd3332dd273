"""Helpers that put real rows into the test database."""

from __future__ import annotations

import hashlib
import uuid

import psycopg

from services.cli.pipeline import run_pipeline
from services.segmenter.engine import get_engine
from shared.types import ExtractedPage, RawDocument


def insert_document(conn: psycopg.Connection, data: bytes, filename: str = "page.txt") -> int:
    row = conn.execute(
        "INSERT INTO documents (sha256, filename, size_bytes, raw, trace_id) VALUES (%s, %s, %s, %s, %s) RETURNING id",
        (hashlib.sha256(data).digest(), filename, len(data), data, uuid.uuid4().hex),
    ).fetchone()
    assert row is not None
    return int(row[0])


def extracted(data: bytes) -> ExtractedPage:
    return run_pipeline(RawDocument(data=data), get_engine("rjieba"))


def counts(conn: psycopg.Connection, doc_id: int) -> dict[str, int]:
    row = conn.execute(
        """
        SELECT (SELECT count(*) FROM articles WHERE document_id = %(d)s),
               (SELECT count(*) FROM entity_mentions m JOIN articles a ON a.id = m.article_id
                 WHERE a.document_id = %(d)s),
               (SELECT count(*) FROM article_keywords k JOIN articles a ON a.id = k.article_id
                 WHERE a.document_id = %(d)s),
               (SELECT count(*) FROM captions c JOIN articles a ON a.id = c.article_id
                 WHERE a.document_id = %(d)s)
        """,
        {"d": doc_id},
    ).fetchone()
    assert row is not None
    return dict(zip(("articles", "mentions", "keywords", "captions"), map(int, row), strict=True))


# Metadata an uploader would send with the five seed pages (page 004 carries its own masthead).
SEED_METADATA: dict[str, tuple[str | None, str | None, int | None]] = {
    "000": ("解放日报", "2023-01-07", 1),
    "001": ("文汇报", "2021-09-28", 2),
    "002": ("解放日报", "2026-01-15", 1),
    "003": ("解放日报", "2024-01-10", 1),
    "004": (None, None, 1),
}


def store_seed_pages(conn: psycopg.Connection, paths: list) -> list[int]:
    """Insert and store the seed pages through the real stage functions; returns document ids."""
    import datetime as dt

    from services.storer.stage import store

    ids = []
    for path in paths:
        publication, date, page = SEED_METADATA[path.name[:3]]
        data = path.read_bytes()
        doc = insert_document(conn, data, path.name)
        conn.execute(
            "UPDATE documents SET publication = %s, pub_date = %s, page = %s WHERE id = %s",
            (publication, date, page, doc),
        )
        raw = RawDocument(
            data=data,
            filename=path.name,
            publication=publication,
            date=dt.date.fromisoformat(date) if date else None,
            page=page,
        )
        assert store(conn, doc, 1, run_pipeline(raw, get_engine("rjieba")))
        ids.append(doc)
    return ids
