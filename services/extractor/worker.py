"""Celery worker for the extract queue: `celery -A services.extractor.worker worker -Q newsingest.extract`."""

from __future__ import annotations

from typing import Any

from services.extractor.entities import load as load_entities
from services.extractor.keywords import idf_table
from services.extractor.stage import extract
from shared.celery_app import StageSpec, make_app, register_stage
from shared.db import ProcessConnection
from shared.envelope import Envelope
from shared.types import ExtractedPage, SegmentedPage

app = make_app("newsingest-extractor")
idf_table()  # load the IDF table and the entity lists before the pool forks
load_entities()


def run(db: ProcessConnection, env: Envelope, _: Any) -> ExtractedPage:
    return extract(env.unpack(SegmentedPage))


task_spec = StageSpec("extract", run=run)
task = register_stage(app, task_spec)
