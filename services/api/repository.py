"""SQL for the API: document rows, their stages and their stored articles."""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

import psycopg
from psycopg.rows import dict_row


@dataclass(frozen=True)
class NewUpload:
    data: bytes
    filename: str | None
    content_type: str | None
    publication: str | None
    date: dt.date | None
    page: int | None


@dataclass(frozen=True)
class Accepted:
    id: int
    filename: str | None
    status: str
    duplicate: bool
    run: int
    trace_id: str


def insert_documents(conn: psycopg.Connection, uploads: list[NewUpload]) -> list[Accepted]:
    """Store the raw bytes durably; an upload whose sha256 is known returns the existing document."""
    out: list[Accepted] = []
    with conn.transaction():
        for up in uploads:
            digest = hashlib.sha256(up.data).digest()
            row = conn.execute(
                """
                INSERT INTO documents (sha256, filename, content_type, size_bytes, raw, publication,
                                       pub_date, page, trace_id)
                VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)
                ON CONFLICT (sha256) DO NOTHING
                RETURNING id, filename, status, run, trace_id
                """,
                (
                    digest,
                    up.filename,
                    up.content_type,
                    len(up.data),
                    up.data,
                    up.publication,
                    up.date,
                    up.page,
                    uuid.uuid4().hex,
                ),
            ).fetchone()
            duplicate = row is None
            if row is None:
                row = conn.execute(
                    "SELECT id, filename, status, run, trace_id FROM documents WHERE sha256 = %s", (digest,)
                ).fetchone()
            assert row is not None
            out.append(Accepted(row[0], row[1], row[2], duplicate, row[3], row[4]))
    return out


def fail_documents(conn: psycopg.Connection, ids: list[int], stage: str, reason: str) -> None:
    conn.execute(
        "UPDATE documents SET status = 'failed', failed_stage = %s, error = %s, updated_at = now() WHERE id = ANY(%s)",
        (stage, reason, ids),
    )


def get_document(conn: psycopg.Connection, doc_id: int) -> dict[str, Any] | None:
    with conn.cursor(row_factory=dict_row) as cur:
        doc = cur.execute(
            """
            SELECT id, filename, encode(sha256, 'hex') AS sha256, size_bytes, status, failed_stage, error,
                   publication, pub_date, page, run, trace_id, pipeline_version, created_at, updated_at,
                   stored_at
            FROM documents WHERE id = %s
            """,
            (doc_id,),
        ).fetchone()
        if doc is None:
            return None
        doc["stages"] = {
            r["stage"]: r
            for r in cur.execute(
                "SELECT stage, attempts, started_at, finished_at, duration_ms, error "
                "FROM document_stages WHERE document_id = %s",
                (doc_id,),
            ).fetchall()
        }
    return doc


def list_documents(
    conn: psycopg.Connection, status: str | None, limit: int, before_id: int | None
) -> list[dict[str, Any]]:
    with conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(
            """
            SELECT id, filename, status, created_at, stored_at FROM documents
            WHERE (%(status)s::text IS NULL OR status = %(status)s)
              AND (%(before)s::bigint IS NULL OR id < %(before)s)
            ORDER BY id DESC LIMIT %(limit)s
            """,
            {"status": status, "before": before_id, "limit": limit},
        ).fetchall()
