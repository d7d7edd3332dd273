"""The FastAPI app: uploads, status, results. `uvicorn --factory services.api.main:create_app`."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse
from psycopg_pool import ConnectionPool

from services.api.routers import articles, documents, entities, health, search
from services.segmenter.engine import get_engine
from shared.celery_app import make_app
from shared.settings import Settings, get_settings


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        pool = ConnectionPool(settings.database_url, min_size=1, max_size=10, open=False, kwargs={"autocommit": True})
        pool.open(wait=False)
        app.state.pool = pool
        producer = make_app("newsingest-api", settings)
        producer.conf.broker_connection_timeout = 3
        producer.conf.task_publish_retry_policy = {
            "max_retries": 2,
            "interval_start": 0.2,
            "interval_step": 0.5,
        }
        app.state.producer = producer
        app.state.engine = get_engine(settings.segmenter_engine)  # query segmentation for /v1/search
        try:
            yield
        finally:
            pool.close()

    app = FastAPI(
        title="newsingest",
        version="0.1.0",
        description="Ingest Chinese newspaper pages; follow their status; read the structured articles.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.include_router(health.router)
    app.include_router(documents.router)
    app.include_router(articles.router)
    app.include_router(search.router)
    app.include_router(entities.router)

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    logging.basicConfig(level=settings.log_level)
    return app
