"""Shared fixtures: a throwaway Postgres database (migrated) and Redis db for the whole run."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from shared.db import connect, drop_database, ensure_database, migrate, with_database
from shared.settings import Settings
from tests.servers import drop_orphaned_databases, postgres_server, redis_server, throwaway_redis_db

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def database_url(postgres_url: str) -> Iterator[str]:
    drop_orphaned_databases(postgres_url)
    url = with_database(postgres_url, f"newsingest_test_{os.getpid()}_{uuid.uuid4().hex[:8]}")
    ensure_database(url)
    try:
        migrate(url)
        yield url
    finally:
        drop_database(url)


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    with redis_server() as server, throwaway_redis_db(server) as url:
        yield url


@pytest.fixture
def settings(database_url: str, redis_url: str) -> Settings:
    return Settings(database_url=database_url, redis_url=redis_url, _env_file=None)


@pytest.fixture
def db(database_url: str) -> Iterator[psycopg.Connection]:
    """A connection to the test database; every table is emptied after the test."""
    conn = connect(database_url)
    try:
        yield conn
    finally:
        conn.execute("TRUNCATE documents RESTART IDENTITY CASCADE")
        conn.close()


@pytest.fixture(scope="session")
def seed_paths() -> list[Path]:
    assert len(SEEDS) == 5, "the five seed pages must be in seeds/"
    return SEEDS


@pytest.fixture(scope="module")
def stored_seeds(database_url: str) -> Iterator[list[int]]:
    """The five seed pages stored through the real pipeline, for read-side tests (module-wide)."""
    from tests.factories import store_seed_pages

    conn = connect(database_url)
    try:
        conn.execute("TRUNCATE documents RESTART IDENTITY CASCADE")
        yield store_seed_pages(conn, SEEDS)
    finally:
        conn.execute("TRUNCATE documents RESTART IDENTITY CASCADE")
        conn.close()
