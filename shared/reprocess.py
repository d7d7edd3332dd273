"""Start new runs of stored documents (after a rule or dictionary change) and enqueue them.

A new run bumps `documents.run`, so messages of the old run are dropped as stale; the old results
stay readable until the storer replaces them in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import psycopg
from celery import Celery

from shared.celery_app import enqueue
from shared.envelope import Envelope


@dataclass(frozen=True)
class Selection:
    ids: list[int] | None = None
    all: bool = False
    failed: bool = False
    since: dt.date | None = None
    outdated_from: str | None = None  # pipeline version: re-run what an older pipeline stored
    stuck_minutes: int | None = None  # not finished and untouched this long (lost message, dead broker)


def start_runs(conn: psycopg.Connection, sel: Selection) -> list[Envelope]:
    rows = conn.execute(
        """
        UPDATE documents SET run = run + 1, status = 'queued', error = NULL, failed_stage = NULL,
               updated_at = now()
        WHERE (%(ids)s::bigint[] IS NULL OR id = ANY(%(ids)s))
          AND (%(all)s OR %(ids)s::bigint[] IS NOT NULL OR (%(failed)s AND status = 'failed')
               OR (%(since)s::date IS NOT NULL AND created_at >= %(since)s::date)
               OR (%(version)s::text IS NOT NULL AND status = 'stored'
                   AND pipeline_version IS DISTINCT FROM %(version)s)
               OR (%(stuck)s::int IS NOT NULL AND status NOT IN ('stored', 'failed')
                   AND updated_at < now() - make_interval(mins => %(stuck)s::int)))
        RETURNING id, run, trace_id
        """,
        {
            "ids": sel.ids,
            "all": sel.all,
            "failed": sel.failed,
            "since": sel.since,
            "version": sel.outdated_from,
            "stuck": sel.stuck_minutes,
        },
    ).fetchall()
    return [Envelope(document_id=r[0], run=r[1], trace_id=r[2], stage="normalise") for r in sorted(rows)]


def reprocess(conn: psycopg.Connection, producer: Celery, sel: Selection, batch: int = 20) -> list[Envelope]:
    """Start the runs and enqueue them; if Redis is down the documents are marked failed with the reason."""
    envelopes = start_runs(conn, sel)
    for i in range(0, len(envelopes), batch):
        chunk = envelopes[i : i + batch]
        try:
            enqueue(producer, "normalise", chunk)
        except Exception as exc:
            reason = f"could not enqueue: broker unavailable ({type(exc).__name__}); reprocess it"
            conn.execute(
                "UPDATE documents SET status = 'failed', failed_stage = 'normalise', error = %s WHERE id = ANY(%s)",
                (reason, [e.document_id for e in envelopes[i:]]),
            )
            raise
    return envelopes
