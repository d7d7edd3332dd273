"""Postgres access: connections, database creation and versioned migrations.

Migrations are plain SQL files in shared/migrations named NNNN_description.sql. `migrate()` applies
the ones not yet recorded in schema_migrations, each in its own transaction, under an advisory lock
so that concurrent starters (several API replicas, `make run` twice) do not race. Re-running is a
no-op.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

log = logging.getLogger(__name__)

_MIGRATION_LOCK = 0x6E657773  # "news"
_MIGRATION_RE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def connect(url: str, *, autocommit: bool = True) -> psycopg.Connection:
    return psycopg.connect(url, autocommit=autocommit, connect_timeout=5)


def database_name(url: str) -> str:
    return urlsplit(url).path.lstrip("/") or "postgres"


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))


def ensure_database(url: str) -> bool:
    """Create the database named in `url` if it does not exist. Returns True if it was created."""
    name = database_name(url)
    with connect(with_database(url, "postgres")) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if exists:
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        log.info("created database %s", name)
        return True


def drop_database(url: str) -> None:
    name = database_name(url)
    with connect(with_database(url, "postgres")) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def load_migrations() -> list[Migration]:
    found = []
    for entry in resources.files("shared.migrations").iterdir():
        m = _MIGRATION_RE.match(entry.name)
        if m:
            found.append(Migration(int(m.group(1)), m.group(2), entry.read_text(encoding="utf-8")))
    found.sort(key=lambda mig: mig.version)
    versions = [mig.version for mig in found]
    if len(set(versions)) != len(versions):
        raise RuntimeError(f"duplicate migration versions: {versions}")
    return found


def migrate(url: str, *, target: int | None = None) -> list[int]:
    """Apply pending migrations up to `target` (all if None). Returns the versions applied."""
    applied: list[int] = []
    with connect(url) as conn:
        conn.execute("SELECT pg_advisory_lock(%s)", (_MIGRATION_LOCK,))
        try:
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations ("
                " version integer PRIMARY KEY, name text NOT NULL,"
                " applied_at timestamptz NOT NULL DEFAULT now())"
            )
            done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
            for mig in load_migrations():
                if mig.version in done or (target is not None and mig.version > target):
                    continue
                with conn.transaction():
                    conn.execute(mig.sql.encode())
                    conn.execute(
                        "INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
                        (mig.version, mig.name),
                    )
                log.info("applied migration %04d_%s", mig.version, mig.name)
                applied.append(mig.version)
        finally:
            conn.execute("SELECT pg_advisory_unlock(%s)", (_MIGRATION_LOCK,))
    return applied


def schema_version(url: str) -> int:
    with connect(url) as conn:
        row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
        return int(row[0]) if row else 0


class ProcessConnection:
    """One lazily opened autocommit connection per (forked) process, reopened after failures."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._conn: psycopg.Connection | None = None
        self._pid = 0

    def get(self) -> psycopg.Connection:
        if self._conn is None or self._conn.closed or self._pid != os.getpid():
            self._conn = connect(self.url)
            self._pid = os.getpid()
        return self._conn

    def reset(self) -> None:
        if self._conn is not None and self._pid == os.getpid():
            try:
                self._conn.close()
            except psycopg.Error:
                pass
        self._conn = None
