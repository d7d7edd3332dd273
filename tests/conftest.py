"""Shared fixtures: a throwaway Postgres database (migrated) and Redis db for the whole run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from services.cli.scratch import claim_redis_db, throwaway_database
from shared.db import connect
from shared.settings import Settings
from tests.servers import postgres_server, redis_server

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with postgres_server() as url:
        yield url


@pytest.fixture(scope="session")
def database_url(postgres_url: str) -> Iterator[str]:
    with throwaway_database(postgres_url, "newsingest_test") as url:
        yield url


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    with redis_server() as server, claim_redis_db(server) as url:
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
