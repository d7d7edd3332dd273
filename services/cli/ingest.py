"""`newsingest ingest`: upload files to a running API and optionally wait for them to finish."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
from tqdm import tqdm

TERMINAL = {"stored", "failed"}


def collect(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith(".")))
        elif p.is_file():
            files.append(p)
        else:
            raise FileNotFoundError(f"no such file or directory: {p}")
    return files


def upload(client: httpx.Client, files: list[Path], form: dict[str, str], batch: int) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = []
    for i in range(0, len(files), batch):
        chunk = files[i : i + batch]
        parts = [("files", (f.name, f.read_bytes(), "text/plain")) for f in chunk]
        resp = client.post("/v1/documents", files=parts, data=form)
        if resp.status_code != 202:
            raise RuntimeError(f"upload failed ({resp.status_code}): {resp.text}")
        docs.extend(resp.json()["documents"])
    return docs


def wait(client: httpx.Client, docs: list[dict[str, Any]], timeout: float) -> dict[int, dict[str, Any]]:
    final: dict[int, dict[str, Any]] = {}
    pending = {d["id"] for d in docs if d["status"] not in TERMINAL}
    for d in docs:
        if d["id"] not in pending:
            final[d["id"]] = client.get(f"/v1/documents/{d['id']}").json()
    deadline = time.monotonic() + timeout
    with tqdm(total=len(docs), initial=len(final), unit="doc", file=sys.stderr) as bar:
        while pending and time.monotonic() < deadline:
            for doc_id in sorted(pending):
                info = client.get(f"/v1/documents/{doc_id}").json()
                if info["status"] in TERMINAL:
                    final[doc_id] = info
                    pending.discard(doc_id)
                    bar.update(1)
            if pending:
                time.sleep(0.3)
    return final


def ingest(paths: list[str], api_url: str, do_wait: bool, form: dict[str, str], batch: int, timeout: float) -> int:
    files = collect(paths)
    if not files:
        print("nothing to ingest", file=sys.stderr)
        return 1
    with httpx.Client(base_url=api_url, timeout=60) as client:
        docs = upload(client, files, form, batch)
        dup = sum(1 for d in docs if d["duplicate"])
        print(f"uploaded {len(docs)} document(s) ({dup} already known)")
        if not do_wait:
            for d in docs:
                print(f"{d['id']}\t{d['status']}\t{d['filename']}\t{d['status_url']}")
            return 0
        final = wait(client, docs, timeout)
    counts = Counter(info["status"] for info in final.values())
    for d in docs:
        info = final.get(d["id"])
        state = info["status"] if info else "timed out"
        reason = f"\t{info['error']['stage']}: {info['error']['reason']}" if info and info.get("error") else ""
        print(f"{d['id']}\t{state}\t{d['filename']}{reason}")
    missing = len(docs) - len(final)
    print(f"stored {counts['stored']}, failed {counts['failed']}" + (f", unfinished {missing}" if missing else ""))
    return 0 if counts["stored"] == len(docs) else 1
