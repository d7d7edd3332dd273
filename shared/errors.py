"""Named failures, arroyo-style.

- InvalidInput: the document (or message) itself is bad. Never retried: the document is marked
  failed with the reason, which is our dead-letter record.
- TransientError (and the driver errors listed in TRANSIENT_ERRORS): infrastructure trouble.
  Retried with exponential backoff up to a cap, then the document is marked failed.
"""

from __future__ import annotations

import kombu.exceptions
import psycopg
import redis.exceptions


class InvalidInput(Exception):
    """Permanent: bad bytes, bad encoding, invalid message. Dead-lettered, not retried."""


class TransientError(Exception):
    """Temporary: try again later."""


TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (
    TransientError,
    psycopg.OperationalError,
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    kombu.exceptions.OperationalError,
    ConnectionError,
    TimeoutError,
)
