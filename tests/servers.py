"""Where the tests get their Postgres and Redis: env URLs → testcontainers (Docker engine) → local servers.

Every run makes its own throwaway database and claims an empty Redis db number, and removes both at
the end.
"""

from __future__ import annotations

import contextlib
import os
import random
from collections.abc import Iterator

import redis

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


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_OURS = (b"_kombu.", b"newsingest", b"unacked", b"celery")


def _claimable(client: redis.Redis) -> bool:
    """Empty, or left behind by a test run whose process is gone and holding only our own keys."""
    if client.dbsize() == 0:
        return True
    owner = client.get(CLAIM_KEY)
    if owner is not None and owner.isdigit() and pid_alive(int(owner)):
        return False
    if owner is None and client.dbsize() > 200:
        return False
    return all(key.startswith(_OURS) for key in client.scan_iter(count=500))


@contextlib.contextmanager
def throwaway_redis_db(server_url: str) -> Iterator[str]:
    """Claim a free db number (1-15) on the server for this run; flush it afterwards."""
    base = server_url.rstrip("/")
    if base.count("/") > 2:  # a db number was given: use the server part only
        base = base.rsplit("/", 1)[0]
    me = str(os.getpid())
    candidates = list(range(1, 16))
    random.shuffle(candidates)
    for db in candidates:
        client = redis.Redis.from_url(f"{base}/{db}")
        if _claimable(client):
            client.flushdb()
            if client.set(CLAIM_KEY, me, nx=True, ex=6 * 3600):
                try:
                    yield f"{base}/{db}"
                finally:
                    client.flushdb()
                    client.close()
                return
        client.close()
    raise RuntimeError(f"no free Redis database on {base} to run the tests in")


def drop_orphaned_databases(server_url: str) -> list[str]:
    """Drop test databases of earlier runs whose process died before cleaning up (names carry the pid)."""
    from shared.db import connect, drop_database, with_database

    with connect(with_database(server_url, "postgres")) as conn:
        names = [r[0] for r in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 'newsingest_test_%'")]
    dropped = []
    for name in names:
        parts = name.split("_")
        if len(parts) == 4 and parts[2].isdigit() and not pid_alive(int(parts[2])):
            drop_database(with_database(server_url, name))
            dropped.append(name)
    return dropped
