"""Annotated dependencies: settings, a pooled Postgres connection, the Celery producer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import psycopg
from celery import Celery
from fastapi import Depends, Request
from psycopg_pool import ConnectionPool

from shared.settings import Settings


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_pool(request: Request) -> ConnectionPool:
    pool: ConnectionPool = request.app.state.pool
    return pool


def get_conn(pool: Annotated[ConnectionPool, Depends(get_pool)]) -> Iterator[psycopg.Connection]:
    with pool.connection() as conn:
        yield conn


def get_producer(request: Request) -> Celery:
    producer: Celery = request.app.state.producer
    return producer


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]
PoolDep = Annotated[ConnectionPool, Depends(get_pool)]
ConnDep = Annotated[psycopg.Connection, Depends(get_conn)]
ProducerDep = Annotated[Celery, Depends(get_producer)]
