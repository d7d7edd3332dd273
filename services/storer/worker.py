"""Celery worker for the store queue: `celery -A services.storer.worker worker -Q newsingest.store`."""

from __future__ import annotations

from typing import Any

from services.storer.stage import store
from shared.celery_app import StageSpec, make_app, register_stage
from shared.db import ProcessConnection
from shared.envelope import Envelope
from shared.types import ExtractedPage

app = make_app("newsingest-storer")


def run(db: ProcessConnection, env: Envelope, _: Any) -> None:
    store(db.get(), env.document_id, env.run, env.unpack(ExtractedPage))


task_spec = StageSpec("store", run=run)
task = register_stage(app, task_spec)
