from __future__ import annotations

import os
import subprocess

import redis

from services.cli.scratch import CLAIM_KEY, _claimable, drop_orphaned_databases, pid_alive
from shared.db import connect, ensure_database, with_database


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_pid_alive():
    assert pid_alive(os.getpid()) and not pid_alive(_dead_pid())


def test_orphaned_databases_are_dropped_and_live_ones_kept(postgres_url):
    dead = with_database(postgres_url, f"newsingest_scratchtest_{_dead_pid()}_aa")
    live = with_database(postgres_url, f"newsingest_scratchtest_{os.getpid()}_bb")
    ensure_database(dead)
    ensure_database(live)
    try:
        dropped = drop_orphaned_databases(postgres_url, "newsingest_scratchtest")
        assert dropped == [dead.rsplit("/", 1)[1]]
    finally:
        drop_orphaned_databases(postgres_url, "newsingest_scratchtest")
        with connect(with_database(postgres_url, "postgres")) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{live.rsplit("/", 1)[1]}"')


def test_redis_db_claims(redis_url):
    # runs inside this session's own claimed db, so it may write anything there
    client = redis.Redis.from_url(redis_url)
    try:
        client.flushdb()
        assert _claimable(client)  # empty
        client.set(CLAIM_KEY, str(os.getpid()))
        assert not _claimable(client)  # claimed by a live process
        client.set(CLAIM_KEY, str(_dead_pid()))
        client.set("_kombu.binding.newsingest.normalise", "x")
        assert _claimable(client)  # a dead run's leftovers
        client.set("someone-elses-key", "x")
        assert not _claimable(client)  # not ours: never flushed
    finally:
        client.flushdb()
        client.set(CLAIM_KEY, str(os.getpid()))
        client.close()
