"""Document status bookkeeping in Postgres, one statement per batch.

Status walks queued → normalising → segmenting → extracting → storing → stored, or ends in failed
with the stage and reason. document_stages keeps per-stage attempts and timings.
"""

from __future__ import annotations

import psycopg

from shared.types import Stage

ACTIVE_STATUS: dict[Stage, str] = {
    "normalise": "normalising",
    "segment": "segmenting",
    "extract": "extracting",
    "store": "storing",
}


def begin(conn: psycopg.Connection, stage: Stage, runs: dict[int, int]) -> set[int]:
    """Mark documents as entering `stage`; returns the ids whose run is current.

    Messages of an older run (the document was reprocessed meanwhile) are stale and must be dropped.
    """
    if not runs:
        return set()
    ids, run_numbers = list(runs), [runs[i] for i in runs]
    rows = conn.execute(
        """
        WITH batch AS (SELECT * FROM unnest(%(ids)s::bigint[], %(runs)s::int[]) AS b(id, run)),
        live AS (
            UPDATE documents d SET status = %(status)s, updated_at = now(), error = NULL, failed_stage = NULL
            FROM batch WHERE d.id = batch.id AND d.run = batch.run
            RETURNING d.id
        ),
        stages AS (
            INSERT INTO document_stages (document_id, stage, attempts, started_at)
            SELECT id, %(stage)s, 1, now() FROM live
            ON CONFLICT (document_id, stage) DO UPDATE
                SET attempts = document_stages.attempts + 1, started_at = now(),
                    finished_at = NULL, error = NULL
        )
        SELECT id FROM live
        """,
        {"ids": ids, "runs": run_numbers, "status": ACTIVE_STATUS[stage], "stage": stage},
    ).fetchall()
    return {r[0] for r in rows}


def finish(conn: psycopg.Connection, stage: Stage, durations_ms: dict[int, float]) -> None:
    if not durations_ms:
        return
    conn.execute(
        """
        UPDATE document_stages s SET finished_at = now(), duration_ms = b.ms
        FROM unnest(%(ids)s::bigint[], %(ms)s::float8[]) AS b(id, ms)
        WHERE s.document_id = b.id AND s.stage = %(stage)s
        """,
        {"ids": list(durations_ms), "ms": list(durations_ms.values()), "stage": stage},
    )


def fail(conn: psycopg.Connection, stage: Stage, document_id: int, run: int, reason: str) -> None:
    reason = reason[:2000] or "unknown error"
    conn.execute(
        """
        WITH d AS (
            UPDATE documents SET status = 'failed', failed_stage = %(stage)s, error = %(reason)s,
                   updated_at = now()
            WHERE id = %(id)s AND run = %(run)s RETURNING id
        )
        INSERT INTO document_stages (document_id, stage, attempts, started_at, finished_at, error)
        SELECT id, %(stage)s, 1, now(), now(), %(reason)s FROM d
        ON CONFLICT (document_id, stage) DO UPDATE SET finished_at = now(), error = EXCLUDED.error
        """,
        {"stage": stage, "reason": reason, "id": document_id, "run": run},
    )
