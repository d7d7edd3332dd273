"""`newsingest bench-storage`: storer throughput and search latency at 100k articles.

Stores synthetic pages (the five seed pages' real pipeline output, with varied dates and
publications) through the real `store()` into a throwaway database, then times `/v1/search`
through the real API app. Prints a table; `--json` writes the figures.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import statistics
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from services.cli.bench import percentile
from services.cli.pipeline import run_pipeline
from services.cli.scratch import throwaway_database
from services.segmenter.engine import get_engine
from services.storer.stage import StoreItem, store_many
from shared.db import connect
from shared.settings import Settings
from shared.types import ExtractedPage, RawDocument

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PUBLICATIONS = ("解放日报", "文汇报", "新民晚报", "徐汇报")
QUERIES: list[dict[str, str]] = [
    {"q": "上海"},
    {"q": "习近平"},
    {"q": "生物医药 产业"},
    {"q": "首席数据官"},
    {"q": "长三角 科创"},
    {"q": "上海", "from": "2023-01-01", "to": "2023-03-31"},
    {"q": "建设", "publication": "文汇报"},
    {"q": "会议", "person": "陈吉宁"},
]


@dataclass
class StorageOptions:
    articles: int = 100_000
    repeats: int = 20
    batch: int = 20
    connections: int = 2
    json_path: str | None = None


def seed_pages() -> list[ExtractedPage]:
    engine = get_engine("rjieba")
    return [
        run_pipeline(RawDocument(data=p.read_bytes(), filename=p.name), engine) for p in sorted(SEEDS.glob("*.txt"))
    ]


def variant(page: ExtractedPage, i: int) -> ExtractedPage:
    meta = page.page.document.model_copy(
        update={
            "date": (dt.date(2022, 1, 1) + dt.timedelta(days=i % 1500)).isoformat(),
            "publication": PUBLICATIONS[i % len(PUBLICATIONS)],
        }
    )
    return page.model_copy(update={"page": page.page.model_copy(update={"document": meta})})


def insert_documents(conn: Any, n: int) -> list[int]:
    buf = io.StringIO()
    for i in range(n):
        buf.write(f"\\\\x{uuid.uuid4().hex}{uuid.uuid4().hex}\t1\t\\\\x00\tbench-{i}\n")
    with conn.cursor().copy("COPY documents (sha256, size_bytes, raw, trace_id) FROM STDIN") as copy:
        copy.write(buf.getvalue())
    return [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY id").fetchall()]


def _store_all(url: str, items: list[StoreItem], batch: int) -> None:
    with connect(url) as conn:
        for start in range(0, len(items), batch):
            store_many(conn, items[start : start + batch])


def fill(url: str, pages: list[ExtractedPage], n_pages: int, batch: int, connections: int) -> dict[str, float]:
    """Store every page in batches over `connections` parallel connections (like storer processes)."""
    from concurrent.futures import ThreadPoolExecutor

    with connect(url) as conn:
        ids = insert_documents(conn, n_pages)
    items = [StoreItem(doc, 1, variant(pages[i % len(pages)], i)) for i, doc in enumerate(ids)]
    shares = [items[k::connections] for k in range(connections)]
    t0, cpu0 = time.perf_counter(), time.process_time()
    with ThreadPoolExecutor(connections) as pool:
        list(pool.map(lambda share: _store_all(url, share, batch), shares))
    wall, cpu = time.perf_counter() - t0, time.process_time() - cpu0
    with connect(url) as conn:
        conn.execute("VACUUM ANALYZE")
        articles = conn.execute("SELECT count(*) FROM articles").fetchone()
    return {
        "pages": n_pages,
        "batch": batch,
        "connections": connections,
        "articles": float(articles[0]) if articles else 0.0,
        "store_pages_per_s": n_pages / wall,
        "store_client_cpu_ms_per_page": cpu / n_pages * 1000,
    }


def time_search(settings: Settings, repeats: int) -> dict[str, Any]:
    from fastapi.testclient import TestClient

    from services.api.main import create_app

    per_query: dict[str, dict[str, float]] = {}
    everything: list[float] = []
    with TestClient(create_app(settings)) as client:
        for params in QUERIES:
            times = []
            hits = 0
            for _ in range(repeats):
                t0 = time.perf_counter()
                resp = client.get("/v1/search", params=params)
                times.append((time.perf_counter() - t0) * 1000)
                resp.raise_for_status()
                hits = len(resp.json()["results"])
            label = " ".join(f"{k}={v}" for k, v in params.items())
            per_query[label] = {"p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95), "results": hits}
            everything.extend(times)
    return {"queries": per_query, "p50_ms": percentile(everything, 50), "p95_ms": percentile(everything, 95)}


def bench_storage(opts: StorageOptions, base: Settings) -> int:
    with throwaway_database(base.database_url, "newsingest_bench_store") as url:
        pages = seed_pages()
        per_page = statistics.mean(len(p.page.articles) for p in pages)
        n_pages = int(opts.articles / per_page) + 1
        print(f"storing {n_pages} pages (~{opts.articles} articles) through store() …", flush=True)
        fill_figures = fill(url, pages, n_pages, opts.batch, opts.connections)
        search = time_search(base.model_copy(update={"database_url": url}), opts.repeats)
    print(
        f"\nstorer: {fill_figures['store_pages_per_s']:.0f} pages/s with {opts.connections} connection(s), "
        f"batches of {opts.batch} (client CPU "
        f"{fill_figures['store_client_cpu_ms_per_page']:.2f} ms/page) into {int(fill_figures['articles'])} articles "
        f"— target ≥ 200 pages/s: {'PASS' if fill_figures['store_pages_per_s'] >= 200 else 'MISS'}"
    )
    print(f"\n{'search query':48} {'p50 ms':>8} {'p95 ms':>8} {'hits':>5}")
    for label, q in search["queries"].items():
        print(f"{label:48} {q['p50_ms']:8.1f} {q['p95_ms']:8.1f} {int(q['results']):5d}")
    print(
        f"{'all queries':48} {search['p50_ms']:8.1f} {search['p95_ms']:8.1f}"
        f"   — target p95 < 50 ms: {'PASS' if search['p95_ms'] < 50 else 'MISS'}"
    )
    if opts.json_path:
        Path(opts.json_path).write_text(json.dumps({"store": fill_figures, "search": search}, indent=2))
    return 0
