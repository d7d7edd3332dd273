from __future__ import annotations

import msgpack

from shared.celery_app import QUEUES


def _files(*items):
    return [("files", (name, data, "text/plain")) for name, data in items]


def _queued_envelopes(broker):
    """Decode the Celery messages waiting on the normalise queue (kombu JSON → base64 body → msgpack)."""
    import base64
    import json

    out = []
    for raw in broker.lrange(QUEUES["normalise"], 0, -1):
        message = json.loads(raw)
        body = base64.b64decode(message["body"])
        args, _kwargs, _embed = msgpack.unpackb(body, raw=False)
        out.extend(args[0])
    return out


def test_upload_stores_and_enqueues(client, db, broker, seed_paths):
    resp = client.post(
        "/v1/documents",
        files=_files(
            (seed_paths[0].name, seed_paths[0].read_bytes()), (seed_paths[1].name, seed_paths[1].read_bytes())
        ),
        data={"publication": "解放日报", "date": "2023-01-07", "page": "1"},
    )
    assert resp.status_code == 202, resp.text
    docs = resp.json()["documents"]
    assert [d["filename"] for d in docs] == [seed_paths[0].name, seed_paths[1].name]
    assert all(d["status"] == "queued" and not d["duplicate"] for d in docs)
    assert docs[0]["status_url"].endswith(f"/v1/documents/{docs[0]['id']}")
    row = db.execute(
        "SELECT raw, publication, pub_date::text, page, encode(sha256, 'hex') FROM documents WHERE id = %s",
        (docs[0]["id"],),
    ).fetchone()
    assert bytes(row[0]) == seed_paths[0].read_bytes() and row[1:4] == ("解放日报", "2023-01-07", 1)
    queued = _queued_envelopes(broker)
    assert sorted(e["document_id"] for e in queued) == sorted(d["id"] for d in docs)
    assert all(e["stage"] == "normalise" and e["v"] == 1 for e in queued)


def test_duplicate_upload_returns_existing_document(client, db, broker, seed_paths):
    data = seed_paths[2].read_bytes()
    first = client.post("/v1/documents", files=_files(("a.txt", data))).json()["documents"][0]
    again = client.post("/v1/documents", files=_files(("b.txt", data))).json()["documents"][0]
    assert again["id"] == first["id"] and again["duplicate"] is True and first["duplicate"] is False
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert len(_queued_envelopes(broker)) == 1  # the duplicate is not processed again


def test_raw_text_body(client, broker):
    resp = client.post(
        "/v1/documents?filename=x.txt&date=2023-06-26",
        content="本报讯 昨天举行会议。".encode(),
        headers={"content-type": "text/plain; charset=utf-8"},
    )
    assert resp.status_code == 202
    assert resp.json()["documents"][0]["filename"] == "x.txt"


def test_empty_file_is_refused_and_nothing_stored(client, db):
    resp = client.post("/v1/documents", files=_files(("ok.txt", "本报讯 会议。".encode()), ("empty.txt", b"")))
    assert resp.status_code == 400 and "empty" in resp.json()["detail"]
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_oversize_file_is_413(client, db, api_settings):
    big = "字".encode() * (api_settings.max_upload_bytes // 3 + 10)
    resp = client.post("/v1/documents", files=_files(("big.txt", big)))
    assert resp.status_code == 413 and "limit" in resp.json()["detail"]
    resp = client.post("/v1/documents", content=big, headers={"content-type": "text/plain"})
    assert resp.status_code == 413
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_too_many_files_is_413(client, api_settings):
    files = _files(*[(f"{i}.txt", f"本报讯 第{i}条。".encode()) for i in range(api_settings.max_files_per_request + 1)])
    assert client.post("/v1/documents", files=files).status_code == 413


def test_bad_metadata_is_422(client):
    resp = client.post("/v1/documents", files=_files(("a.txt", "正文。".encode())), data={"date": "26/06/2023"})
    assert resp.status_code == 422 and "YYYY-MM-DD" in resp.json()["detail"]


def test_unsupported_content_type_is_415(client):
    assert client.post("/v1/documents", json={"x": 1}).status_code == 415


def test_unknown_document_is_404(client):
    for path in ("/v1/documents/999999", "/v1/documents/999999/articles"):
        resp = client.get(path)
        assert resp.status_code == 404 and "not found" in resp.json()["detail"]
    assert client.post("/v1/documents/999999/reprocess").status_code == 404


def test_status_and_listing_with_cursor(client, broker):
    ids = []
    for i in range(3):
        resp = client.post("/v1/documents", files=_files((f"{i}.txt", f"本报讯 第{i}条消息。".encode())))
        ids.append(resp.json()["documents"][0]["id"])
    doc = client.get(f"/v1/documents/{ids[0]}").json()
    assert doc["status"] == "queued" and doc["error"] is None and doc["stages"] == {}
    page1 = client.get("/v1/documents?limit=2").json()
    assert [d["id"] for d in page1["documents"]] == [ids[2], ids[1]]
    page2 = client.get(f"/v1/documents?limit=2&cursor={page1['next_cursor']}").json()
    assert [d["id"] for d in page2["documents"]] == [ids[0]] and page2["next_cursor"] is None
    assert client.get("/v1/documents?status=stored").json()["documents"] == []


def test_reprocess_bumps_run_and_enqueues(client, db, broker):
    doc_id = client.post("/v1/documents", files=_files(("a.txt", "本报讯 会议。".encode()))).json()["documents"][0][
        "id"
    ]
    db.execute(
        "UPDATE documents SET status = 'failed', failed_stage = 'normalise', error = 'x' WHERE id = %s",
        (doc_id,),
    )
    resp = client.post(f"/v1/documents/{doc_id}/reprocess")
    assert resp.status_code == 202 and resp.json()["run"] == 2
    doc = client.get(f"/v1/documents/{doc_id}").json()
    assert doc["status"] == "queued" and doc["error"] is None and doc["run"] == 2
    runs = [e["run"] for e in _queued_envelopes(broker) if e["document_id"] == doc_id]
    assert sorted(runs) == [1, 2]


def test_health_and_readiness(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json() == {"status": "ready", "postgres": "ok", "redis": "ok"}


def test_readiness_reports_unreachable_redis(api_settings, db):
    from fastapi.testclient import TestClient

    from services.api.main import create_app

    broken = api_settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"})
    with TestClient(create_app(broken)) as c:
        resp = c.get("/readyz")
    assert resp.status_code == 503 and resp.json()["postgres"] == "ok" and "unreachable" in resp.json()["redis"]


def test_openapi_docs(client):
    spec = client.get("/openapi.json").json()
    assert {
        "/v1/documents",
        "/v1/documents/{doc_id}",
        "/v1/documents/{doc_id}/articles",
        "/v1/documents/{doc_id}/reprocess",
        "/healthz",
        "/readyz",
    } <= set(spec["paths"])
    assert client.get("/docs").status_code == 200
