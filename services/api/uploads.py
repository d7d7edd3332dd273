"""Read an upload request into NewUpload items: multipart `files` (one or many) or a raw text body.

Limits come from settings; exceeding one raises PayloadTooLarge (→ 413). Empty files are refused
(→ 400) before anything is stored, so a rejected request leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from fastapi import HTTPException, Request
from starlette.datastructures import UploadFile

from services.api.repository import NewUpload
from shared.settings import Settings

TEXT_TYPES = ("text/plain", "application/octet-stream")


class PayloadTooLarge(HTTPException):
    def __init__(self, detail: str) -> None:
        super().__init__(status_code=413, detail=detail)


def _bad(detail: str) -> HTTPException:
    return HTTPException(status_code=400, detail=detail)


def _metadata(values: Mapping[str, str | None]) -> tuple[str | None, dt.date | None, int | None]:
    publication = (values.get("publication") or "").strip() or None
    date_s = (values.get("date") or "").strip()
    page_s = (values.get("page") or "").strip()
    try:
        date = dt.date.fromisoformat(date_s) if date_s else None
    except ValueError:
        raise HTTPException(422, detail=f"date must be YYYY-MM-DD, got {date_s!r}") from None
    if page_s and not (page_s.isdigit() and int(page_s) > 0):
        raise HTTPException(422, detail=f"page must be a positive integer, got {page_s!r}")
    return publication, date, int(page_s) if page_s else None


async def _read_body(request: Request, limit: int) -> bytes:
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"document larger than the {limit}-byte limit")
        chunks.append(chunk)
    return b"".join(chunks)


async def read_uploads(request: Request, settings: Settings) -> list[NewUpload]:
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > settings.max_request_bytes:
        raise PayloadTooLarge(f"request larger than the {settings.max_request_bytes}-byte limit")
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        form = await request.form(max_files=settings.max_files_per_request + 1, max_fields=50)
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
        if not files:
            raise _bad("multipart upload needs one or more files in the `files` field")
        if len(files) > settings.max_files_per_request:
            raise PayloadTooLarge(f"more than {settings.max_files_per_request} files in one request")
        meta = {k: v for k in ("publication", "date", "page") if isinstance(v := form.get(k), str)}
        publication, date, page = _metadata(meta)
        uploads = []
        for f in files:
            data = await f.read(settings.max_upload_bytes + 1)
            if len(data) > settings.max_upload_bytes:
                raise PayloadTooLarge(f"{f.filename}: larger than the {settings.max_upload_bytes}-byte limit")
            if not data.strip():
                raise _bad(f"{f.filename}: empty file")
            uploads.append(NewUpload(data, f.filename, f.content_type, publication, date, page))
        return uploads
    if ctype.startswith("text/") or ctype in TEXT_TYPES:
        data = await _read_body(request, settings.max_upload_bytes)
        if not data.strip():
            raise _bad("empty body")
        publication, date, page = _metadata(dict(request.query_params))
        filename = request.query_params.get("filename") or request.headers.get("x-filename")
        return [NewUpload(data, filename, request.headers.get("content-type"), publication, date, page)]
    raise HTTPException(415, detail="send multipart/form-data with `files`, or a text/plain body")
