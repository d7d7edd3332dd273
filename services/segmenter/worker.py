"""Celery worker for the segment queue: `celery -A services.segmenter.worker worker -Q newsingest.segment`."""

from __future__ import annotations

from typing import Any

from services.segmenter.engine import get_engine
from services.segmenter.stage import segment
from shared.celery_app import StageSpec, make_app, register_stage
from shared.db import ProcessConnection
from shared.envelope import Envelope
from shared.settings import get_settings
from shared.types import NormalisedPage, SegmentedPage

app = make_app("newsingest-segmenter")
engine = get_engine(get_settings().segmenter_engine)  # load the dictionary before the pool forks


def run(db: ProcessConnection, env: Envelope, _: Any) -> SegmentedPage:
    return segment(env.unpack(NormalisedPage), engine)


task_spec = StageSpec("segment", run=run)
task = register_stage(app, task_spec)
