"""Where the tests get their Postgres and Redis: env URLs → testcontainers (Docker engine) → local servers.

Every run makes its own throwaway database and claims an empty Redis db number, and removes both at
the end.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
LOCAL_REDIS = "redis://127.0.0.1:6379"
CLAIM_KEY = "newsingest:test-run-claim"


def docker_engine_answers() -> bool:
    try:
        import docker

        client = docker.from_env(timeout=3)
        client.ping()
        return True
    except Exception:
        return False


@contextlib.contextmanager
def postgres_server() -> Iterator[str]:
    """A Postgres server URL (any database on it; tests create their own)."""
    if url := os.environ.get("TEST_DATABASE_URL"):
        yield url
    elif docker_engine_answers():
        from testcontainers.postgres import PostgresContainer

        with PostgresContainer("postgres:15", driver=None) as pg:
            yield pg.get_connection_url()
    else:
        yield LOCAL_POSTGRES


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    if url := os.environ.get("TEST_REDIS_URL"):
        yield url
    elif docker_engine_answers():
        from testcontainers.redis import RedisContainer

        with RedisContainer("redis:7") as rc:
            yield f"redis://{rc.get_container_host_ip()}:{rc.get_exposed_port(6379)}"
    else:
        yield LOCAL_REDIS
