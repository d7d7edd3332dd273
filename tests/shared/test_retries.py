"""The task shell's retry policy: transient errors retry with exponential backoff, then give up with a reason.

`Task.apply` runs a retry chain synchronously (countdowns are logged, not waited), so one call
shows the whole policy.
"""

from __future__ import annotations

import logging
import re

from services.normaliser import worker as normaliser
from shared.celery_app import make_app, register_stage
from shared.envelope import Envelope
from tests.factories import insert_document

UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"
UNREACHABLE_PG = "postgresql://postgres@127.0.0.1:1/nowhere"


def _task(settings):
    app = make_app("retry-test", settings)
    app.conf.broker_connection_timeout = 0.3
    app.conf.task_publish_retry = False
    app.conf.broker_connection_max_retries = 0
    return register_stage(app, normaliser.task_spec, settings)


def _countdowns(caplog) -> list[int]:
    return [int(m.group(1)) for r in caplog.records if (m := re.search(r"retry \d+ in (\d+)s", r.getMessage()))]


def test_broker_down_retries_with_backoff_then_fails_the_document(db, settings, seed_paths, caplog):
    caplog.set_level(logging.WARNING, logger="shared.celery_app")
    task = _task(settings.model_copy(update={"redis_url": UNREACHABLE_REDIS, "task_max_retries": 3}))
    doc = insert_document(db, seed_paths[0].read_bytes())
    result = task.apply(args=[[Envelope(document_id=doc, stage="normalise").to_wire()]])
    assert result.state == "SUCCESS"  # acked in the end: the document, not the message, keeps the failure
    assert _countdowns(caplog) == [1, 2, 4]
    status, stage, error = db.execute(
        "SELECT status, failed_stage, error FROM documents WHERE id = %s", (doc,)
    ).fetchone()
    assert (status, stage) == ("failed", "normalise")
    assert error.startswith("gave up after retries: OperationalError")
    attempts = db.execute(
        "SELECT attempts FROM document_stages WHERE document_id = %s AND stage = 'normalise'", (doc,)
    ).fetchone()
    assert attempts == (4,)  # the first try and three retries


def test_backoff_is_capped(settings, caplog):
    caplog.set_level(logging.WARNING, logger="shared.celery_app")
    s = settings.model_copy(update={"database_url": UNREACHABLE_PG, "task_max_retries": 5, "retry_backoff_max": 4})
    _task(s).apply(args=[[Envelope(document_id=1, stage="normalise").to_wire()]])
    assert _countdowns(caplog) == [1, 2, 4, 4, 4]
    assert any("could not record failure" in r.getMessage() for r in caplog.records)
