from __future__ import annotations

import psycopg

from services.storer.stage import NOTIFY_CHANNEL, store
from shared.db import connect
from tests.factories import counts, extracted, insert_document


def test_store_writes_everything_once_and_is_idempotent(db, seed_paths):
    data = seed_paths[0].read_bytes()
    doc = insert_document(db, data)
    page = extracted(data)
    assert store(db, doc, 1, page) is True
    first = counts(db, doc)
    assert first["articles"] == len(page.page.articles)
    assert first["mentions"] == sum(len(a.entities) for a in page.analyses) > 0
    assert first["keywords"] > 0
    assert store(db, doc, 1, page) is True  # the same message delivered again
    assert counts(db, doc) == first
    status, stored_at = db.execute("SELECT status, stored_at FROM documents WHERE id = %s", (doc,)).fetchone()
    assert status == "stored" and stored_at is not None


def test_stale_run_writes_nothing(db, seed_paths):
    data = seed_paths[1].read_bytes()
    doc = insert_document(db, data)
    db.execute("UPDATE documents SET run = 2 WHERE id = %s", (doc,))
    assert store(db, doc, 1, extracted(data)) is False
    assert counts(db, doc)["articles"] == 0


def test_search_vector_finds_segmented_words(db, seed_paths):
    data = seed_paths[0].read_bytes()
    doc = insert_document(db, data)
    store(db, doc, 1, extracted(data))
    hits = db.execute(
        "SELECT count(*) FROM articles WHERE document_id = %s AND search @@ to_tsquery('simple', '习近平')",
        (doc,),
    ).fetchone()[0]
    assert hits >= 1


def test_notify_is_sent_on_commit(db, database_url, seed_paths):
    listener = connect(database_url)
    try:
        listener.execute(f"LISTEN {NOTIFY_CHANNEL}")
        data = seed_paths[3].read_bytes()
        doc = insert_document(db, data)
        store(db, doc, 1, extracted(data))
        got = [n.payload for n in listener.notifies(timeout=5, stop_after=1)]
        assert got == [str(doc)]
    finally:
        listener.close()


def test_failure_inside_transaction_leaves_old_results(db, seed_paths):
    data = seed_paths[0].read_bytes()
    doc = insert_document(db, data)
    page = extracted(data)
    store(db, doc, 1, page)
    before = counts(db, doc)
    broken = page.model_copy(deep=True)
    broken.analyses[0].entities[0].end = -5  # violates the CHECK constraint
    try:
        store(db, doc, 1, broken)
    except psycopg.errors.CheckViolation:
        pass
    else:
        raise AssertionError("expected the CHECK constraint to fire")
    assert counts(db, doc) == before
