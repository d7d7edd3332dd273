"""process_batch (the worker's whole job minus Celery) against the real database."""

from __future__ import annotations

from services.normaliser import worker as normaliser
from services.storer import worker as storer
from shared.celery_app import process_batch
from shared.db import ProcessConnection
from shared.envelope import Envelope
from tests.factories import counts, extracted, insert_document


def _status(db, doc):
    return db.execute("SELECT status, failed_stage, error FROM documents WHERE id = %s", (doc,)).fetchone()


def test_normalise_batch_isolates_a_bad_document(db, database_url, seed_paths):
    good = insert_document(db, seed_paths[0].read_bytes(), "good.txt")
    junk = insert_document(db, bytes(range(256)) * 8, "junk.bin")
    batch = [Envelope(document_id=d, stage="normalise").to_wire() for d in (good, junk)]
    forward, failures = process_batch(normaliser.task_spec, ProcessConnection(database_url), batch)
    assert [e.document_id for e in forward] == [good]
    assert forward[0].stage == "segment" and forward[0].payload
    assert set(failures) == {junk} and "binary" in failures[junk]
    assert _status(db, good)[0] == "normalising"
    status, stage, error = _status(db, junk)
    assert (status, stage) == ("failed", "normalise") and "binary" in error
    attempts, finished = db.execute(
        "SELECT attempts, finished_at FROM document_stages WHERE document_id = %s AND stage = 'normalise'",
        (good,),
    ).fetchone()
    assert attempts == 1 and finished is not None


def test_invalid_message_fails_document_without_retry(db, database_url, seed_paths):
    doc = insert_document(db, seed_paths[0].read_bytes())
    bad = {"document_id": doc, "stage": "store", "run": 1, "payload": b"not msgpack of a page"}
    forward, failures = process_batch(storer.task_spec, ProcessConnection(database_url), [bad])
    assert forward == [] and doc in failures
    assert _status(db, doc)[:2] == ("failed", "store")


def test_redelivered_store_message_leaves_one_copy(db, database_url, seed_paths):
    data = seed_paths[2].read_bytes()
    doc = insert_document(db, data)
    msg = Envelope(document_id=doc, stage="extract").forward("store", extracted(data)).to_wire()
    conn = ProcessConnection(database_url)
    process_batch(storer.task_spec, conn, [msg])
    once = counts(db, doc)
    process_batch(storer.task_spec, conn, [msg])
    assert counts(db, doc) == once and once["articles"] > 0
    assert _status(db, doc)[0] == "stored"
    attempts = db.execute(
        "SELECT attempts FROM document_stages WHERE document_id = %s AND stage = 'store'", (doc,)
    ).fetchone()[0]
    assert attempts == 2


def test_stale_run_is_dropped(db, database_url, seed_paths):
    doc = insert_document(db, seed_paths[0].read_bytes())
    db.execute("UPDATE documents SET run = 3 WHERE id = %s", (doc,))
    msg = Envelope(document_id=doc, run=2, stage="normalise").to_wire()
    forward, failures = process_batch(normaliser.task_spec, ProcessConnection(database_url), [msg])
    assert forward == [] and failures == {}
    assert _status(db, doc)[0] == "queued"


def test_store_batch_is_one_transaction_but_a_refused_document_fails_alone(db, database_url, seed_paths):
    good_data, bad_data = seed_paths[0].read_bytes(), seed_paths[1].read_bytes()
    good, bad = insert_document(db, good_data), insert_document(db, bad_data)
    broken = extracted(bad_data)
    broken.analyses[0].entities[0].end = -5  # the database's CHECK constraint refuses this row
    batch = [
        Envelope(document_id=good, stage="extract").forward("store", extracted(good_data)).to_wire(),
        Envelope(document_id=bad, stage="extract").forward("store", broken).to_wire(),
    ]
    forward, failures = process_batch(storer.task_spec, ProcessConnection(database_url), batch)
    assert forward == [] and set(failures) == {bad} and "CheckViolation" in failures[bad]
    assert _status(db, good)[0] == "stored" and counts(db, good)["articles"] > 0
    assert _status(db, bad)[:2] == ("failed", "store") and counts(db, bad)["articles"] == 0
    seqs = db.execute("SELECT stored_seq FROM documents WHERE id = %s", (good,)).fetchone()
    assert seqs[0] is not None
