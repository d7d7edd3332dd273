"""/v1/documents: upload, status, articles, listing, reprocessing."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from starlette.concurrency import run_in_threadpool

from services.api import queries
from services.api import repository as repo
from services.api.deps import ConnDep, PoolDep, ProducerDep, SettingsDep
from services.api.schemas import (
    ArticleList,
    ArticleOut,
    DocumentError,
    DocumentList,
    DocumentOut,
    DocumentStatus,
    DocumentSummary,
    ErrorBody,
    ReprocessResponse,
    StageInfo,
    UploadedDocument,
    UploadResponse,
)
from services.api.uploads import read_uploads
from shared import reprocess as reprocessing
from shared.celery_app import enqueue
from shared.envelope import Envelope
from shared.errors import TRANSIENT_ERRORS
from shared.reprocess import Selection

log = logging.getLogger(__name__)
router = APIRouter(prefix="/v1/documents", tags=["documents"])

_UPLOAD_BODY = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
                        "publication": {"type": "string"},
                        "date": {"type": "string", "format": "date"},
                        "page": {"type": "integer", "minimum": 1},
                    },
                    "required": ["files"],
                }
            },
            "text/plain": {"schema": {"type": "string"}},
        },
        "required": True,
    }
}


def _status_url(request: Request, doc_id: int) -> str:
    return str(request.url_for("get_document", doc_id=doc_id))


@router.post(
    "",
    status_code=202,
    response_model=UploadResponse,
    openapi_extra=_UPLOAD_BODY,
    responses={400: {"model": ErrorBody}, 413: {"model": ErrorBody}, 503: {"model": ErrorBody}},
)
async def upload(request: Request, settings: SettingsDep, pool: PoolDep, producer: ProducerDep) -> UploadResponse:
    """Store the raw bytes in Postgres, enqueue new documents for normalisation, answer 202.

    Multipart field `files` (one or many), optional form fields `publication`, `date` (YYYY-MM-DD)
    and `page`; or a raw `text/plain` body with the same fields as query parameters. Re-uploading
    the same bytes returns the existing document with `duplicate: true`.
    """
    uploads = await read_uploads(request, settings)

    def persist_and_enqueue() -> list[repo.Accepted]:
        with pool.connection() as conn:
            accepted = repo.insert_documents(conn, uploads)
            fresh = [a for a in accepted if not a.duplicate]
            try:
                enqueue(
                    producer,
                    "normalise",
                    [Envelope(document_id=a.id, run=a.run, trace_id=a.trace_id, stage="normalise") for a in fresh],
                )
            except TRANSIENT_ERRORS as exc:
                reason = f"could not enqueue: broker unavailable ({type(exc).__name__}); reprocess it"
                repo.fail_documents(conn, [a.id for a in fresh], "normalise", reason)
                raise HTTPException(503, detail=reason) from exc
            return accepted

    accepted = await run_in_threadpool(persist_and_enqueue)
    return UploadResponse(
        documents=[
            UploadedDocument(
                id=a.id,
                filename=a.filename,
                status=a.status,
                status_url=_status_url(request, a.id),
                duplicate=a.duplicate,
            )
            for a in accepted
        ]
    )


@router.get("", response_model=DocumentList)
def list_documents(
    request: Request,
    conn: ConnDep,
    status: DocumentStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: str | None = None,
) -> DocumentList:
    """Newest first; follow `next_cursor` for older documents."""
    if cursor is not None and not cursor.isdigit():
        raise HTTPException(422, detail="invalid cursor")
    rows = repo.list_documents(conn, status, limit, int(cursor) if cursor else None)
    return DocumentList(
        documents=[DocumentSummary(**r, status_url=_status_url(request, r["id"])) for r in rows],
        next_cursor=str(rows[-1]["id"]) if len(rows) == limit else None,
    )


def _require(doc: dict[str, Any] | None, doc_id: int) -> dict[str, Any]:
    if doc is None:
        raise HTTPException(404, detail=f"document {doc_id} not found")
    return doc


@router.get("/{doc_id}", response_model=DocumentOut, responses={404: {"model": ErrorBody}})
def get_document(doc_id: int, conn: ConnDep) -> DocumentOut:
    """Status (queued → normalising → segmenting → extracting → storing → stored | failed) and per-stage timings."""
    doc = _require(repo.get_document(conn, doc_id), doc_id)
    error = None
    if doc["status"] == "failed":
        error = DocumentError(stage=doc["failed_stage"], reason=doc["error"])
    return DocumentOut(
        **{k: v for k, v in doc.items() if k not in ("stages", "error", "failed_stage", "pub_date")},
        date=doc["pub_date"],
        error=error,
        stages={name: StageInfo(**{k: v for k, v in s.items() if k != "stage"}) for name, s in doc["stages"].items()},
    )


@router.get("/{doc_id}/articles", response_model=ArticleList, responses={404: {"model": ErrorBody}})
def get_articles(doc_id: int, conn: ConnDep) -> ArticleList:
    """The stored articles in the `newsingest process` article shape (plus id, summary, captions)."""
    _require(repo.get_document(conn, doc_id), doc_id)
    return ArticleList(articles=[ArticleOut(**row) for row in queries.document_articles(conn, doc_id)])


@router.post(
    "/{doc_id}/reprocess",
    status_code=202,
    response_model=ReprocessResponse,
    responses={404: {"model": ErrorBody}, 503: {"model": ErrorBody}},
)
def reprocess(request: Request, doc_id: int, conn: ConnDep, producer: ProducerDep) -> ReprocessResponse:
    """Run the document through the pipeline again; its stored results are replaced atomically at the end."""
    try:
        started = reprocessing.reprocess(conn, producer, Selection(ids=[doc_id]))
    except TRANSIENT_ERRORS as exc:
        raise HTTPException(503, detail=f"could not enqueue: broker unavailable ({type(exc).__name__})") from exc
    if not started:
        raise HTTPException(404, detail=f"document {doc_id} not found")
    run = started[0].run
    return ReprocessResponse(id=doc_id, status="queued", run=run, status_url=_status_url(request, doc_id))
