"""Celery app factory, queue names and the thin task adapter shared by the four stage workers.

A stage worker module does three things: build its app with `make_app`, load its heavy resources
at import time (before the prefork pool forks), and register its stage with `register_stage`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from celery import Celery, Task
from pydantic import BaseModel

from shared import status
from shared.db import ProcessConnection
from shared.envelope import Envelope
from shared.errors import TRANSIENT_ERRORS, InvalidInput
from shared.settings import Settings, get_settings
from shared.types import Stage

log = logging.getLogger(__name__)

QUEUES: dict[Stage, str] = {s: f"newsingest.{s}" for s in ("normalise", "segment", "extract", "store")}
TASKS: dict[Stage, str] = {s: f"newsingest.{s}" for s in QUEUES}
NEXT_STAGE: dict[Stage, Stage | None] = {
    "normalise": "segment",
    "segment": "extract",
    "extract": "store",
    "store": None,
}


def make_app(name: str, settings: Settings | None = None) -> Celery:
    s = settings or get_settings()
    app = Celery(name, broker=s.redis_url)
    app.conf.update(
        task_serializer="msgpack",
        accept_content=["msgpack"],
        task_ignore_result=True,
        result_backend=None,
        task_acks_late=True,  # ack only after the stage finished ...
        task_reject_on_worker_lost=True,  # ... and re-queue if the worker process died meanwhile
        worker_prefetch_multiplier=1,
        broker_transport_options={
            "visibility_timeout": s.visibility_timeout,
            "unacked_restore_interval": s.redelivery_check_interval,
            "unacked_restore_throttle": 1,  # scan on every check, not every 10th
        },
        broker_connection_retry_on_startup=True,
        task_routes={task: {"queue": QUEUES[stage]} for stage, task in TASKS.items()},
        worker_send_task_events=True,  # for Flower
        task_send_sent_event=True,
        worker_hijack_root_logger=False,
    )
    return app


def enqueue(app: Celery, stage: Stage, envelopes: list[Envelope]) -> None:
    if envelopes:
        app.send_task(TASKS[stage], args=[[e.to_wire() for e in envelopes]], queue=QUEUES[stage])


@dataclass
class StageSpec:
    """How a worker runs one stage over a batch.

    run:    calls the pure stage function on the envelope's payload (or on what `load` fetched).
    load:   fetches inputs for the whole batch at once (the normaliser reads raw bytes from Postgres).
    commit: takes the batch's results at once (the storer writes them in one transaction) and
            returns the documents that failed permanently, with reasons.
    The result is packed into the next stage's envelope, or handed to `commit` for the last stage.
    """

    stage: Stage
    run: Callable[[ProcessConnection, Envelope, Any], BaseModel | None]
    load: Callable[[ProcessConnection, list[Envelope]], dict[int, Any]] = lambda db, envs: {
        e.document_id: None for e in envs
    }
    commit: Callable[[ProcessConnection, list[tuple[Envelope, Any]]], dict[int, str]] | None = None


def process_batch(spec: StageSpec, db: ProcessConnection, batch: list[Any]) -> tuple[list[Envelope], dict[int, str]]:
    """Run a stage over a wire batch. Returns the envelopes for the next stage and the failures.

    Permanent errors fail one document and let the rest go on; transient errors propagate so the
    whole batch is retried (every stage is idempotent).
    """
    envelopes: list[Envelope] = []
    failures: dict[int, str] = {}
    for item in batch:
        try:
            envelopes.append(Envelope.from_wire(item))
        except InvalidInput as exc:
            doc_id = item.get("document_id") if isinstance(item, dict) else None
            log.error("dropping invalid message for document %s: %s", doc_id, exc)
            if isinstance(doc_id, int):
                status.fail(db.get(), spec.stage, doc_id, int(item.get("run", 1)), str(exc))
                failures[doc_id] = str(exc)
    live = status.begin(db.get(), spec.stage, {e.document_id: e.run for e in envelopes})
    envelopes = [e for e in envelopes if e.document_id in live]
    inputs = spec.load(db, envelopes)
    forward: list[Envelope] = []
    results: list[tuple[Envelope, Any]] = []
    durations: dict[int, float] = {}
    next_stage = NEXT_STAGE[spec.stage]
    for env in envelopes:
        t0 = time.perf_counter()
        try:
            if env.document_id not in inputs:
                raise InvalidInput("document not found")
            result = spec.run(db, env, inputs[env.document_id])
        except TRANSIENT_ERRORS:
            raise
        except InvalidInput as exc:
            reason = str(exc)
        except Exception as exc:  # a bug in a stage: record it, retrying would fail the same way
            log.exception("stage %s crashed on document %s", spec.stage, env.document_id)
            reason = f"internal error in {spec.stage}: {type(exc).__name__}: {exc}"
        else:
            durations[env.document_id] = (time.perf_counter() - t0) * 1000
            if next_stage is not None and result is not None:
                forward.append(env.forward(next_stage, result))
            results.append((env, result))
            continue
        status.fail(db.get(), spec.stage, env.document_id, env.run, reason)
        failures[env.document_id] = reason
    if spec.commit is not None and results:
        t0 = time.perf_counter()
        committed = spec.commit(db, results)
        share = (time.perf_counter() - t0) * 1000 / len(results)
        runs = {env.document_id: env.run for env, _ in results}
        for doc_id in durations:
            durations[doc_id] += share
        for doc_id, reason in committed.items():
            durations.pop(doc_id, None)
            status.fail(db.get(), spec.stage, doc_id, runs[doc_id], reason)
            failures[doc_id] = reason
    status.finish(db.get(), spec.stage, durations)
    return forward, failures


def register_stage(app: Celery, spec: StageSpec, settings: Settings | None = None) -> Task:
    """The Celery task: a thin shell around process_batch with retry policy and forwarding."""
    s = settings or get_settings()
    db = ProcessConnection(s.database_url)

    @app.task(name=TASKS[spec.stage], bind=True, max_retries=s.task_max_retries)
    def stage_task(self: Task, batch: list[Any]) -> None:
        try:
            forward, _ = process_batch(spec, db, batch)
            next_stage = NEXT_STAGE[spec.stage]
            if next_stage is not None:
                enqueue(app, next_stage, forward)
        except TRANSIENT_ERRORS as exc:
            db.reset()
            retries = self.request.retries
            if retries >= s.task_max_retries:
                _give_up(spec.stage, db, batch, exc)
                return
            countdown = min(s.retry_backoff_max, 2**retries)
            log.warning("%s: transient %s, retry %d in %ss", spec.stage, exc, retries + 1, countdown)
            raise self.retry(exc=exc if isinstance(exc, Exception) else None, countdown=countdown) from exc

    return stage_task


def _give_up(stage: Stage, db: ProcessConnection, batch: list[Any], exc: BaseException) -> None:
    reason = f"gave up after retries: {type(exc).__name__}: {exc}"
    log.error("%s: %s", stage, reason)
    for item in batch:
        try:
            env = Envelope.from_wire(item)
            status.fail(db.get(), stage, env.document_id, env.run, reason)
        except Exception:  # Postgres still down: the message is acked, the status says where it stopped
            log.exception("could not record failure of %s", item.get("document_id"))
