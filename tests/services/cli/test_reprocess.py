from __future__ import annotations

import argparse

import pytest
import redis

from services.cli import reprocess as cli
from shared.celery_app import QUEUES
from tests.factories import insert_document


@pytest.fixture
def queue(redis_url):
    r = redis.Redis.from_url(redis_url)
    r.delete(QUEUES["normalise"])
    yield r
    r.delete(QUEUES["normalise"])


def _parse(*argv: str) -> argparse.Namespace:
    p = argparse.ArgumentParser()
    cli.add_arguments(p)
    return p.parse_args(argv)


def _runs(db):
    return dict(db.execute("SELECT id, run FROM documents ORDER BY id").fetchall())


def test_failed_only(db, settings, queue, capsys):
    ok = insert_document(db, "本报讯 一。".encode())
    bad = insert_document(db, "本报讯 二。".encode())
    db.execute("UPDATE documents SET status = 'stored' WHERE id = %s", (ok,))
    db.execute("UPDATE documents SET status = 'failed', failed_stage = 'normalise', error = 'x' WHERE id = %s", (bad,))
    assert cli.run(_parse("--failed"), settings) == 0
    assert "queued 1 document" in capsys.readouterr().out
    assert _runs(db) == {ok: 1, bad: 2}
    assert db.execute("SELECT status, error FROM documents WHERE id = %s", (bad,)).fetchone() == ("queued", None)
    assert queue.llen(QUEUES["normalise"]) == 1


def test_all_and_outdated(db, settings, queue):
    a = insert_document(db, "本报讯 三。".encode())
    b = insert_document(db, "本报讯 四。".encode())
    db.execute("UPDATE documents SET status = 'stored', pipeline_version = '0.0.1' WHERE id = %s", (a,))
    db.execute(
        "UPDATE documents SET status = 'stored', pipeline_version = %s WHERE id = %s",
        (cli.PIPELINE_VERSION, b),
    )
    cli.run(_parse("--outdated"), settings)
    assert _runs(db) == {a: 2, b: 1}
    cli.run(_parse("--all"), settings)
    assert _runs(db) == {a: 3, b: 2}
    cli.run(_parse("--since", "2999-01-01"), settings)
    assert _runs(db) == {a: 3, b: 2}


def test_selection_is_required():
    with pytest.raises(SystemExit):
        _parse()


def test_stuck_documents_are_requeued(db, settings, queue):
    stuck = insert_document(db, "本报讯 五。".encode())
    fresh = insert_document(db, "本报讯 六。".encode())
    done = insert_document(db, "本报讯 七。".encode())
    db.execute(
        "UPDATE documents SET status = 'segmenting', updated_at = now() - interval '2 hours' WHERE id = %s", (stuck,)
    )
    db.execute("UPDATE documents SET status = 'segmenting' WHERE id = %s", (fresh,))
    db.execute("UPDATE documents SET status = 'stored', updated_at = now() - interval '2 hours' WHERE id = %s", (done,))
    cli.run(_parse("--stuck", "60"), settings)
    assert _runs(db) == {stuck: 2, fresh: 1, done: 1}
    assert db.execute("SELECT status FROM documents WHERE id = %s", (stuck,)).fetchone() == ("queued",)
    assert queue.llen(QUEUES["normalise"]) == 1
