"""Redelivery after a worker dies mid-task: acks_late + reject_on_worker_lost + visibility timeout.

Its own module, so that no other test's workers are consuming the same queues meanwhile.
"""

from __future__ import annotations

import time

import httpx
import pytest

from services.cli.scratch import free_port
from shared.db import connect
from shared.settings import Settings
from tests.e2e.stack import Stack
from tests.e2e.test_pipeline import upload, wait_all
from tests.factories import counts

pytestmark = pytest.mark.e2e


def test_worker_killed_mid_batch_message_is_redelivered(database_url, redis_url, tmp_path, db, seed_paths):
    """acks_late + reject_on_worker_lost: a message whose worker dies is delivered again."""
    settings = Settings(
        database_url=database_url,
        redis_url=redis_url,
        api_port=free_port(),
        visibility_timeout=5,
        redelivery_check_interval=1,
        _env_file=None,
    )
    s = Stack(settings, tmp_path)
    s.start({"api", "normaliser", "segmenter", "extractor"})  # no storer yet: store messages wait
    try:
        s.wait_ready()
        with httpx.Client(base_url=s.url, timeout=30) as api:
            doc_id = upload(api, ("k.txt", seed_paths[1].read_bytes()))[0]["id"]
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:  # extracted and handed to the (absent) storer
                if (api.get(f"/v1/documents/{doc_id}").json()["stages"].get("extract") or {}).get("finished_at"):
                    break
                time.sleep(0.2)
            # Hold the document's row lock so the storer blocks inside its task, then kill it there.
            blocker = connect(database_url, autocommit=False)
            blocker.execute("SELECT 1 FROM documents WHERE id = %s FOR UPDATE", (doc_id,))
            s.start_one(
                "storer-doomed",
                [
                    "celery",
                    "-A",
                    "services.storer.worker",
                    "worker",
                    "-Q",
                    "newsingest.store",
                    "-c",
                    "1",
                    "-P",
                    "solo",
                    "--loglevel",
                    "info",
                ],
            )
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                waiting = db.execute(
                    "SELECT count(*) FROM pg_stat_activity"
                    " WHERE wait_event_type = 'Lock' AND datname = current_database()"
                ).fetchone()[0]
                if waiting:
                    break
                time.sleep(0.2)
            assert waiting, "the storer never picked up the message"
            s.kill("storer-doomed")
            blocker.rollback()
            blocker.close()
            assert api.get(f"/v1/documents/{doc_id}").json()["status"] != "stored"
            s.start({"storer"})
            final = wait_all(api, [doc_id], timeout=90)[doc_id]
            assert final["status"] == "stored"
            assert counts(db, doc_id)["articles"] > 0
    finally:
        s.stop()
