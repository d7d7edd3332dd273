from __future__ import annotations

import uuid

import pytest

from shared.db import (
    connect,
    drop_database,
    ensure_database,
    load_migrations,
    migrate,
    schema_version,
    with_database,
)


@pytest.fixture
def empty_database(postgres_url: str):
    url = with_database(postgres_url, f"newsingest_mig_{uuid.uuid4().hex[:10]}")
    assert ensure_database(url) is True
    assert ensure_database(url) is False  # second call finds it
    try:
        yield url
    finally:
        drop_database(url)


def test_migrations_are_numbered_and_unique():
    versions = [m.version for m in load_migrations()]
    assert versions == sorted(set(versions)) and versions[0] == 1


def test_upgrade_from_empty_then_rerun_is_noop(empty_database: str):
    applied = migrate(empty_database)
    assert applied == [m.version for m in load_migrations()]
    assert migrate(empty_database) == []
    assert schema_version(empty_database) == applied[-1]
    with connect(empty_database) as conn:
        tables = {
            r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")
        }
    assert {
        "documents",
        "document_stages",
        "articles",
        "entity_mentions",
        "article_keywords",
        "captions",
    } <= tables


def test_constraints_reject_bad_rows(database_url: str, db):
    with pytest.raises(Exception, match="failed_has_reason"):
        db.execute(
            "INSERT INTO documents (sha256, size_bytes, raw, status, trace_id) "
            "VALUES (decode(repeat('ab', 32), 'hex'), 1, 'x', 'failed', 't')"
        )
    with pytest.raises(Exception, match="status"):
        db.execute(
            "INSERT INTO documents (sha256, size_bytes, raw, status, trace_id) "
            "VALUES (decode(repeat('cd', 32), 'hex'), 1, 'x', 'bogus', 't')"
        )


def test_upgrade_from_version_1_with_data(empty_database: str):
    assert migrate(empty_database, target=1) == [1]
    with connect(empty_database) as conn:
        inserted = conn.execute(
            "INSERT INTO documents (sha256, size_bytes, raw, status, trace_id, stored_at) "
            "VALUES (decode(repeat('ef', 32), 'hex'), 1, 'x', 'stored', 't', now()) RETURNING id"
        ).fetchone()
        assert inserted is not None
        doc = inserted[0]
        conn.execute(
            "INSERT INTO articles (document_id, position, title, body, pipeline_version, search_text, search) "
            "VALUES (%s, 0, '标题', '正文', '0.1.0', '正文', to_tsvector('simple', '正文'))",
            (doc,),
        )
    applied = migrate(empty_database)
    assert applied and applied[0] == 2
    with connect(empty_database) as conn:
        assert conn.execute("SELECT stored_seq FROM documents WHERE id = %s", (doc,)).fetchone() == (1,)
        row = conn.execute("SELECT title, body, stored_seq FROM v_articles WHERE document_id = %s", (doc,)).fetchone()
        assert row == ("标题", "正文", 1)


def test_reader_role_sees_views_but_not_tables(database_url: str, db):
    db.execute("SET ROLE newsingest_reader")
    try:
        assert db.execute("SELECT count(*) FROM v_articles").fetchone()[0] == 0
        with pytest.raises(Exception, match="permission denied"):
            db.execute("SELECT count(*) FROM documents")
    finally:
        db.execute("RESET ROLE")
