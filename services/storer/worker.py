"""Celery worker for the store queue.

`celery -A services.storer.worker worker -Q newsingest.store`
"""

from __future__ import annotations

import logging
from typing import Any

import psycopg

from services.storer.stage import StoreItem, store_many
from shared.celery_app import StageSpec, make_app, register_stage
from shared.db import ProcessConnection
from shared.envelope import Envelope
from shared.errors import TRANSIENT_ERRORS
from shared.types import ExtractedPage

log = logging.getLogger(__name__)
app = make_app("newsingest-storer")


def run(db: ProcessConnection, env: Envelope, _: Any) -> ExtractedPage:
    return env.unpack(ExtractedPage)


def commit(db: ProcessConnection, results: list[tuple[Envelope, Any]]) -> dict[int, str]:
    """Store the whole batch in one transaction; if the database refuses it, find the culprits one by one."""
    items = [StoreItem(env.document_id, env.run, page) for env, page in results]
    try:
        store_many(db.get(), items)
        return {}
    except psycopg.Error as exc:
        if isinstance(exc, TRANSIENT_ERRORS):
            raise
        log.warning("batch of %d refused (%s); storing one by one", len(items), exc)
    failures: dict[int, str] = {}
    for item in items:
        try:
            store_many(db.get(), [item])
        except psycopg.Error as exc:
            if isinstance(exc, TRANSIENT_ERRORS):
                raise
            failures[item.document_id] = f"database refused the results: {type(exc).__name__}: {exc}"
    return failures


task_spec = StageSpec("store", run=run, commit=commit)
task = register_stage(app, task_spec)
