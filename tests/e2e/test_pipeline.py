"""End to end: the real API and real Celery workers on real Redis and Postgres."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from services.cli.scratch import free_port
from shared.celery_app import enqueue, make_app
from shared.envelope import Envelope
from tests.e2e.stack import Stack
from tests.factories import counts, extracted

pytestmark = pytest.mark.e2e
TERMINAL = {"stored", "failed"}


@pytest.fixture(scope="module")
def stack(database_url, redis_url, tmp_path_factory) -> Iterator[Stack]:
    from shared.settings import Settings

    settings = Settings(database_url=database_url, redis_url=redis_url, api_port=free_port(), _env_file=None)
    s = Stack(settings, tmp_path_factory.mktemp("stack-logs"))
    s.start()
    try:
        s.wait_ready()
        yield s
    finally:
        s.stop()


@pytest.fixture
def api(stack, db) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.url, timeout=30) as client:
        yield client


def wait_all(api: httpx.Client, ids: list[int], timeout: float = 90) -> dict[int, dict]:
    deadline = time.monotonic() + timeout
    done: dict[int, dict] = {}
    while time.monotonic() < deadline and len(done) < len(ids):
        for i in ids:
            if i not in done and (info := api.get(f"/v1/documents/{i}").json())["status"] in TERMINAL:
                done[i] = info
        time.sleep(0.2)
    assert len(done) == len(ids), f"unfinished: {set(ids) - set(done)}"
    return done


def upload(api: httpx.Client, *files: tuple[str, bytes], **form: str) -> list[dict]:
    resp = api.post("/v1/documents", files=[("files", (n, d, "text/plain")) for n, d in files], data=form)
    assert resp.status_code == 202, resp.text
    return resp.json()["documents"]


def test_seed_pages_end_to_end(api, db, stack, seed_paths):
    docs = upload(api, *[(p.name, p.read_bytes()) for p in seed_paths])
    final = wait_all(api, [d["id"] for d in docs])
    for d in docs:
        info = final[d["id"]]
        assert info["status"] == "stored", (info, stack.log("normaliser"))
        assert set(info["stages"]) == {"normalise", "segment", "extract", "store"}
        for stage in info["stages"].values():
            assert stage["attempts"] == 1 and stage["duration_ms"] >= 0 and stage["finished_at"]
        articles = api.get(f"/v1/documents/{d['id']}/articles").json()["articles"]
        assert articles and all(a["title"] and a["body"] for a in articles)
        for a in articles:
            for e in a["entities"]:
                assert a["body"][e["start"] : e["end"]] == e["text"]
        # what the stack stored is what the in-process pipeline produces from the same bytes
        local = extracted(next(p for p in seed_paths if p.name == d["filename"]).read_bytes())
        assert [a["title"] for a in articles] == [a.title for a in local.page.articles]
        assert [len(a["entities"]) for a in articles] == [len(x.entities) for x in local.analyses]
    people = {
        e["text"]
        for d in docs
        for a in api.get(f"/v1/documents/{d['id']}/articles").json()["articles"]
        for e in a["entities"]
        if e["type"] == "PERSON"
    }
    assert {"习近平", "陈吉宁"} <= people
    listed = api.get("/v1/documents?status=stored&limit=10").json()["documents"]
    assert {d["id"] for d in listed} == {d["id"] for d in docs}


def test_bad_inputs_end_to_end(api, db, seed_paths):
    text = seed_paths[3].read_text(encoding="utf-8")
    docs = upload(
        api,
        ("junk.bin", bytes(range(256)) * 20),
        ("page-gb18030.txt", text.encode("gb18030")),
        ("page-utf16.txt", text.encode("utf-16")),
    )
    final = wait_all(api, [d["id"] for d in docs])
    junk, gb, u16 = (final[d["id"]] for d in docs)
    assert junk["status"] == "failed"
    assert junk["error"]["stage"] == "normalise" and "binary" in junk["error"]["reason"]
    assert junk["stages"]["normalise"]["attempts"] == 1  # permanent: not retried
    assert gb["status"] == "stored" and u16["status"] == "stored"
    gb_articles = api.get(f"/v1/documents/{gb['id']}/articles").json()["articles"]
    u16_articles = api.get(f"/v1/documents/{u16['id']}/articles").json()["articles"]
    assert [a["body"] for a in gb_articles] == [a["body"] for a in u16_articles]
    assert "本报讯" not in gb_articles[0]["body"][:3]
    assert api.post("/v1/documents", files=[("files", ("e.txt", b"", "text/plain"))]).status_code == 400


def test_redelivered_message_and_reprocess(api, db, stack, seed_paths):
    data = seed_paths[4].read_bytes()
    doc_id = upload(api, ("p.txt", data))[0]["id"]
    wait_all(api, [doc_id])
    before = counts(db, doc_id)
    # deliver the same store message twice, as Redis does after a worker dies before acking
    producer = make_app("e2e-producer", stack.settings)
    msg = Envelope(document_id=doc_id, stage="extract").forward("store", extracted(data))
    enqueue(producer, "store", [msg])
    enqueue(producer, "store", [msg])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if api.get(f"/v1/documents/{doc_id}").json()["stages"]["store"]["attempts"] == 3:
            break
        time.sleep(0.2)
    info = api.get(f"/v1/documents/{doc_id}").json()
    assert info["stages"]["store"]["attempts"] == 3 and info["status"] == "stored"
    assert counts(db, doc_id) == before
    # reprocess: a new run goes through every stage again and replaces the results
    assert api.post(f"/v1/documents/{doc_id}/reprocess").json()["run"] == 2
    final = wait_all(api, [doc_id])[doc_id]
    assert final["status"] == "stored" and final["run"] == 2
    assert final["stages"]["normalise"]["attempts"] == 2
    assert counts(db, doc_id) == before


def test_cli_ingest_wait(stack, db, seed_paths):
    import subprocess
    import sys
    from pathlib import Path

    cli = str(Path(sys.executable).parent / "newsingest")
    result = subprocess.run(
        [cli, "ingest", str(seed_paths[0].parent), "--wait", "--api", stack.url, "--timeout", "90"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "uploaded 5 document(s)" in result.stdout and "stored 5, failed 0" in result.stdout
    assert db.execute("SELECT count(*) FROM documents WHERE status = 'stored'").fetchone()[0] == 5
