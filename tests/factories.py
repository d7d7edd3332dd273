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
