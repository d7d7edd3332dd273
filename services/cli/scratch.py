"""Throwaway resources for the test suite and the benchmarks: a database, a Redis db, a free port.

Names and claims carry the owner's pid, so leftovers of a killed run are recognised (the owner is
gone) and cleaned up by the next run instead of piling up.
"""

from __future__ import annotations

import contextlib
import os
import random
import socket
import uuid
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import redis

from shared.db import connect, drop_database, ensure_database, migrate, with_database

CLAIM_KEY = "newsingest:scratch-claim"
_OURS = (b"_kombu.", b"newsingest", b"unacked", b"celery")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def drop_orphaned_databases(server_url: str, prefix: str) -> list[str]:
    """Drop `<prefix>_<pid>_<hex>` databases whose pid is gone (a run killed before cleaning up)."""
    with connect(with_database(server_url, "postgres")) as conn:
        names = [r[0] for r in conn.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", (prefix + "_%",))]
    dropped = []
    for name in names:
        pid = name[len(prefix) + 1 :].split("_")[0]
        if pid.isdigit() and not pid_alive(int(pid)):
            drop_database(with_database(server_url, name))
            dropped.append(name)
    return dropped


@contextlib.contextmanager
def throwaway_database(server_url: str, prefix: str) -> Iterator[str]:
    """A new, migrated database on the server, dropped afterwards."""
    drop_orphaned_databases(server_url, prefix)
    url = with_database(server_url, f"{prefix}_{os.getpid()}_{uuid.uuid4().hex[:8]}")
    ensure_database(url)
    try:
        migrate(url)
        yield url
    finally:
        drop_database(url)


def _claimable(client: redis.Redis) -> bool:
    """Empty, or left behind by a run whose process is gone and holding only our own keys."""
    if client.dbsize() == 0:
        return True
    owner = client.get(CLAIM_KEY)
    if owner is not None and owner.isdigit() and pid_alive(int(owner)):
        return False
    if owner is None and client.dbsize() > 200:
        return False
    return all(key.startswith(_OURS) for key in client.scan_iter(count=500))


@contextlib.contextmanager
def claim_redis_db(server_url: str) -> Iterator[str]:
    """Claim a free db number (1-15) on the Redis server for this process; flush it afterwards."""
    parts = urlsplit(server_url)
    if parts.scheme == "unix":
        raise RuntimeError("cannot pick a Redis db on a unix:// URL")
    candidates = list(range(1, 16))
    random.shuffle(candidates)
    for db in candidates:
        url = urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, ""))
        client = redis.Redis.from_url(url)
        try:
            if _claimable(client):
                client.flushdb()
                if client.set(CLAIM_KEY, str(os.getpid()), nx=True, ex=6 * 3600):
                    try:
                        yield url
                    finally:
                        client.flushdb()
                    return
        finally:
            client.close()
    raise RuntimeError(f"no free Redis database on {server_url}")
