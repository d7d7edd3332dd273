"""Celery worker for the normalise queue.

`celery -A services.normaliser.worker worker -Q newsingest.normalise`
"""

from __future__ import annotations

from typing import Any

from services.normaliser.stage import normalise
from shared.celery_app import StageSpec, make_app, register_stage
from shared.db import ProcessConnection
from shared.envelope import Envelope
from shared.types import NormalisedPage, RawDocument

app = make_app("newsingest-normaliser")


def load_raw(db: ProcessConnection, envelopes: list[Envelope]) -> dict[int, RawDocument]:
    """Claim check: the raw bytes travel through Postgres, not through Redis."""
    if not envelopes:
        return {}
    rows = (
        db.get()
        .execute(
            "SELECT id, raw, filename, publication, pub_date, page FROM documents WHERE id = ANY(%s)",
            ([e.document_id for e in envelopes],),
        )
        .fetchall()
    )
    return {r[0]: RawDocument(data=bytes(r[1]), filename=r[2], publication=r[3], date=r[4], page=r[5]) for r in rows}


def run(db: ProcessConnection, env: Envelope, raw: Any) -> NormalisedPage:
    return normalise(raw)


task_spec = StageSpec("normalise", run=run, load=load_raw)
task = register_stage(app, task_spec)
