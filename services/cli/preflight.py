"""Say exactly which backing service is unreachable and how to start it."""

from __future__ import annotations

import sys

import psycopg
import redis

from shared.db import with_database
from shared.settings import Settings

HINTS = {
    "postgres": "start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start",
    "redis": 'start it with: redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no',
}


def preflight(settings: Settings) -> int:
    problems = []
    try:
        psycopg.connect(with_database(settings.database_url, "postgres"), connect_timeout=3).close()
    except psycopg.Error as exc:
        problems.append(f"PostgreSQL at {settings.database_url} is not reachable ({exc}).\n  {HINTS['postgres']}")
    try:
        redis.Redis.from_url(settings.redis_url, socket_connect_timeout=3).ping()
    except redis.RedisError as exc:
        problems.append(f"Redis at {settings.redis_url} is not reachable ({exc}).\n  {HINTS['redis']}")
    for p in problems:
        print(p, file=sys.stderr)
    return 1 if problems else 0
