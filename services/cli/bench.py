"""`newsingest bench`: throughput of the real stack vs. the in-process pipeline on the same pages.

The stack is either a running one (`--api URL`) or one started here: a throwaway database, a free
Redis db, the API and the four stage workers as subprocesses (the argv of `processes(settings)`).
Progress goes to stderr, the report to stdout (and to `--json PATH`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import math
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psycopg
import redis
from tqdm import tqdm

from services.cli.pipeline import run_pipeline
from services.cli.scratch import claim_redis_db, free_port, throwaway_database
from services.cli.supervisor import SERVICES, processes, stop_children
from services.extractor.stage import extract
from services.normaliser.stage import normalise
from services.segmenter.engine import get_engine
from services.segmenter.stage import segment
from shared.celery_app import make_app
from shared.db import connect
from shared.settings import Settings, get_settings
from shared.types import STAGES, RawDocument

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"
BIN = Path(sys.executable).parent
CLK_TCK = os.sysconf("SC_CLK_TCK")
TARGET_RATIO = 0.7
PUBLICATIONS = ("人民日报", "解放日报", "文汇报", "新民晚报", "徐汇报")
WEEKDAYS = "一二三四五六日"
MB = 1024 * 1024


@dataclass(frozen=True)
class BenchOptions:
    pages: int = 2000
    batch: int = 20
    api: str | None = None
    concurrency: int | None = None
    uploaders: int = 4
    redis_url: str | None = None
    json_path: str | None = None
    seed: int | None = None
    timeout: float = 1800


@dataclass(frozen=True)
class Page:
    filename: str
    data: bytes


@dataclass
class InProcess:
    pages_per_s_1proc: float
    pages_per_s_2proc: float
    cpu_ms_per_page: float
    stage_cpu_ms_per_page: dict[str, float]
    stage_mb_per_s: dict[str, float]


@dataclass
class StageRow:
    avg_ms: float | None = None
    avg_wait_ms: float | None = None
    busy: float | None = None
    cpu_ms_per_page: float | None = None


@dataclass
class StackRun:
    stack: str
    concurrency: int | None
    storer_concurrency: int | None = None
    stored: int = 0
    failed: int = 0
    unfinished: int = 0
    duplicates: int = 0
    wall_s: float = 0.0
    pages_per_s: float = 0.0
    mb_per_s: float = 0.0
    latency_p50_s: float | None = None
    latency_p95_s: float | None = None
    latency_max_s: float | None = None
    upload_s: float = 0.0
    upload_request_p50_ms: float | None = None
    stages: dict[str, StageRow] = field(default_factory=dict)
    cpu_ms_per_page: dict[str, float] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)


@dataclass
class Report:
    pages: int
    total_mb: float
    seed: int
    inprocess: InProcess
    stack: StackRun
    ratio: float
    target: float = TARGET_RATIO
    verdict: str = ""


# ---------------------------------------------------------------- pages


def masthead_line(rng: random.Random, index: int, seed: int) -> str:
    """A masthead the normaliser reads (publication, date, issue) and drops from the articles."""
    day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
    date = f"{day.year}年{day.month}月{day.day}日 星期{WEEKDAYS[day.weekday()]}"
    return f"《{rng.choice(PUBLICATIONS)}》 准印证号(B){seed:04d} / {date} / 第{index % 300 + 1}期（总第{index + 1}期）"


def build_pages(seeds: Sequence[bytes], n: int, seed: int = 0) -> list[Page]:
    """N distinct pages (distinct sha256): seed page i % len(seeds) under a unique masthead line."""
    rng = random.Random(seed)
    pages = []
    for i in range(n):
        body = seeds[i % len(seeds)].decode("utf-8")
        text = f"{masthead_line(rng, i, seed)}\n\n{body}"
        pages.append(Page(f"bench_{seed}_{i:05d}.txt", text.encode("utf-8")))
    return pages


def load_seeds(directory: Path = SEEDS_DIR) -> list[bytes]:
    seeds = [p.read_bytes() for p in sorted(directory.glob("*.txt"))]
    if not seeds:
        raise FileNotFoundError(f"no seed pages in {directory}")
    return seeds


# ---------------------------------------------------------------- /proc CPU accounting


def _proc_table() -> dict[int, tuple[int, str, int]]:
    """pid → (ppid, comm, utime+stime+cutime+cstime in ticks) of every visible process."""
    table: dict[int, tuple[int, str, int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                raw = f.read()
        except OSError:
            continue
        close = raw.rindex(b")")
        comm = raw[raw.index(b"(") + 1 : close].decode(errors="replace")
        fields = raw[close + 2 :].split()
        table[int(entry.name)] = (int(fields[1]), comm, sum(int(x) for x in fields[11:15]))
    return table


def tree_cpu_seconds(roots: Mapping[str, int]) -> dict[str, float]:
    """CPU seconds of each root process plus all its descendants (reaped children via cutime/cstime)."""
    table = _proc_table()
    children: dict[int, list[int]] = defaultdict(list)
    for pid, (ppid, _, _) in table.items():
        children[ppid].append(pid)
    out: dict[str, float] = {}
    for name, root in roots.items():
        ticks, todo = 0, [root]
        while todo:
            pid = todo.pop()
            if pid in table:
                ticks += table[pid][2]
                todo.extend(children[pid])
        out[name] = ticks / CLK_TCK
    return out


def process_cpu_seconds(pid: int) -> float:
    return tree_cpu_seconds({"p": pid})["p"]


def server_roots() -> dict[str, int]:
    """Root pids of local Postgres and Redis servers, when visible (their CPU includes other clients)."""
    table = _proc_table()
    roots: dict[str, int] = {}
    for label, comm in (("postgres (server)", "postgres"), ("redis (server)", "redis-server")):
        found = [pid for pid, (ppid, c, _) in table.items() if c == comm and table.get(ppid, (0, "", 0))[1] != comm]
        if len(found) == 1:
            roots[label] = found[0]
    return roots


def _cmdlines() -> dict[int, tuple[int, list[str]]]:
    table = _proc_table()
    out: dict[int, tuple[int, list[str]]] = {}
    for pid, (ppid, _, _) in table.items():
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                out[pid] = (ppid, f.read().decode(errors="replace").split("\0"))
        except OSError:
            continue
    return out


def find_stack_pids(api_url: str) -> dict[str, int]:
    """Root pids of a running local stack's API and workers, matched by command line (best effort)."""
    port = str(urlsplit(api_url).port or 80)
    cmds = _cmdlines()
    patterns = {"api": ["services.api.main:create_app", port]} | {
        svc: [f"services.{svc}.worker", "worker"] for svc in SERVICES
    }
    pids: dict[str, int] = {}
    for name, needles in patterns.items():
        hits = {pid for pid, (_, argv) in cmds.items() if all(n in argv for n in needles)}
        roots = [pid for pid in hits if cmds[pid][0] not in hits]
        if len(roots) == 1:
            pids[name] = roots[0]
    return pids


# ---------------------------------------------------------------- statistics


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100), linear interpolation between closest ranks."""
    if not values:
        raise ValueError("percentile of no values")
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo = math.floor(pos)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


# ---------------------------------------------------------------- in-process pipeline


def _articles(data: bytes) -> int:
    return len(run_pipeline(RawDocument(data=data)).page.articles)


def _stage_cpu(pages: Sequence[Page]) -> dict[str, float]:
    """CPU seconds spent in each pure stage function over all pages."""
    spent = dict.fromkeys(("normalise", "segment", "extract"), 0.0)
    for page in pages:
        t0 = time.process_time()
        normalised = normalise(RawDocument(data=page.data))
        t1 = time.process_time()
        segmented = segment(normalised)
        t2 = time.process_time()
        extract(segmented)
        t3 = time.process_time()
        spent["normalise"] += t1 - t0
        spent["segment"] += t2 - t1
        spent["extract"] += t3 - t2
    return spent


def run_inprocess(pages: Sequence[Page]) -> InProcess:
    """run_pipeline over all pages: one process, then a Pool(2); then each stage timed on its own."""
    n, mb = len(pages), sum(len(p.data) for p in pages) / MB
    get_engine(get_settings().segmenter_engine)
    _articles(pages[0].data)  # warm-up
    t, c = time.perf_counter(), time.process_time()
    for page in pages:
        _articles(page.data)
    single, cpu = n / (time.perf_counter() - t), (time.process_time() - c) / n
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_articles, [pages[0].data] * 4, chunksize=1)
        t = time.perf_counter()
        pool.map(_articles, [p.data for p in pages], chunksize=max(1, n // 100))
        dual = n / (time.perf_counter() - t)
    spent = _stage_cpu(pages)
    return InProcess(
        pages_per_s_1proc=single,
        pages_per_s_2proc=dual,
        cpu_ms_per_page=cpu * 1000,
        stage_cpu_ms_per_page={s: v * 1000 / n for s, v in spent.items()},
        stage_mb_per_s={s: mb / v if v > 0 else math.inf for s, v in spent.items()},
    )


# ---------------------------------------------------------------- the stack


@dataclass
class Stack:
    url: str
    database_url: str
    redis_url: str
    pids: dict[str, int]
    concurrency: int | None
    label: str
    storer_concurrency: int | None = None


def _log_tail(logdir: Path, name: str) -> str:
    path = logdir / f"{name}.log"
    return path.read_text(errors="replace")[-3000:] if path.exists() else ""


@contextlib.contextmanager
def start_children(settings: Settings, logdir: Path) -> Iterator[dict[str, subprocess.Popen[bytes]]]:
    """API and the four workers (not Flower) as subprocesses with the settings in their environment."""
    env = dict(os.environ) | {k.upper(): str(v) for k, v in settings.model_dump().items()}
    children: dict[str, subprocess.Popen[bytes]] = {}
    try:
        for proc in processes(settings):
            if proc.name == "flower":
                continue
            with open(logdir / f"{proc.name}.log", "wb") as log:
                children[proc.name] = subprocess.Popen(
                    [str(BIN / proc.argv[0]), *proc.argv[1:]],
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
        yield children
    finally:
        stop_children(children)


def api_ready(url: str) -> bool:
    try:
        return httpx.get(f"{url.rstrip('/')}/readyz", timeout=3).status_code == 200
    except httpx.HTTPError:
        return False


def wait_api(url: str, children: Mapping[str, subprocess.Popen[bytes]], logdir: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for name, child in children.items():
            if child.poll() is not None:
                raise RuntimeError(f"{name} exited with {child.returncode}:\n{_log_tail(logdir, name)}")
        if api_ready(url):
            return
        time.sleep(0.3)
    raise TimeoutError(f"API not ready after {timeout:.0f}s:\n{_log_tail(logdir, 'api')}")


def wait_workers(settings: Settings, timeout: float) -> set[str]:
    """Ping the stage workers over the broker until all four answer; returns those that did."""
    app = make_app("newsingest-bench", settings)
    wanted = set(SERVICES)
    seen: set[str] = set()
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and not wanted <= seen:
            replies = app.control.ping(timeout=1.0) or []
            seen |= {name.split("@")[0] for reply in replies for name in reply}
    finally:
        app.close()
    return seen & wanted


@contextlib.contextmanager
def own_stack(base: Settings, concurrency: int, redis_url: str | None) -> Iterator[Stack]:
    with contextlib.ExitStack() as stack:
        database_url = stack.enter_context(throwaway_database(base.database_url, "newsingest_bench"))
        redis_url = redis_url or stack.enter_context(claim_redis_db(base.redis_url))
        settings = base.model_copy(
            update={
                "database_url": database_url,
                "redis_url": redis_url,
                "api_host": "127.0.0.1",
                "api_port": free_port(),
                "worker_concurrency": concurrency,
            }
        )
        logdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="newsingest-bench-")))
        children = stack.enter_context(start_children(settings, logdir))
        url = f"http://127.0.0.1:{settings.api_port}"
        wait_api(url, children, logdir)
        if (ready := wait_workers(settings, 60)) != set(SERVICES):
            raise RuntimeError(f"workers not answering: {sorted(set(SERVICES) - ready)}")
        pids = {name: child.pid for name, child in children.items()}
        label = (
            f"own stack (api + 4 workers, -c {concurrency}, storer -c {settings.storer_concurrency}, "
            f"db {database_url.rsplit('/', 1)[1]}, {redis_url})"
        )
        yield Stack(url, database_url, redis_url, pids, concurrency, label, settings.storer_concurrency)


def running_stack(url: str, settings: Settings) -> Stack:
    missing = set(SERVICES) - wait_workers(settings, 10)
    if missing:
        print(f"warning: workers not answering a ping: {sorted(missing)}", file=sys.stderr)
    pids = find_stack_pids(url)
    return Stack(url.rstrip("/"), settings.database_url, settings.redis_url, pids, None, f"running stack at {url}")


# ---------------------------------------------------------------- upload and wait


@dataclass
class Uploaded:
    ids: list[int]
    duplicates: int
    seconds: float
    request_ms: list[float]


def upload_all(url: str, pages: Sequence[Page], batch: int, uploaders: int) -> Uploaded:
    """POST the pages in batches from `uploaders` threads; per-document time is its request's."""
    batches = [pages[i : i + batch] for i in range(0, len(pages), batch)]
    lock, dup = threading.Lock(), [0]
    ids: list[int] = []
    request_ms: list[float] = []
    bar = tqdm(total=len(pages), unit="page", desc="upload", file=sys.stderr)

    def send(client: httpx.Client, chunk: Sequence[Page]) -> None:
        t = time.perf_counter()
        resp = client.post("/v1/documents", files=[("files", (p.filename, p.data, "text/plain")) for p in chunk])
        ms = (time.perf_counter() - t) * 1000
        if resp.status_code != 202:
            raise RuntimeError(f"upload failed ({resp.status_code}): {resp.text[:500]}")
        docs = resp.json()["documents"]
        with lock:
            ids.extend(d["id"] for d in docs if not d["duplicate"])
            dup[0] += sum(1 for d in docs if d["duplicate"])
            request_ms.extend([ms] * len(docs))
            bar.update(len(docs))

    limits = httpx.Limits(max_connections=uploaders)
    t0 = time.perf_counter()
    with bar, httpx.Client(base_url=url, timeout=120, limits=limits) as client:
        with ThreadPoolExecutor(uploaders) as pool:
            for fut in [pool.submit(send, client, chunk) for chunk in batches]:
                fut.result()
    return Uploaded(ids, dup[0], time.perf_counter() - t0, request_ms)


def wait_terminal(database_url: str, ids: list[int], timeout: float) -> tuple[int, int]:
    """Poll Postgres until every document is stored or failed; returns (stored, failed)."""
    deadline = time.monotonic() + timeout
    stored = failed = 0
    with connect(database_url) as conn, tqdm(total=len(ids), unit="page", desc="stored", file=sys.stderr) as bar:
        while True:
            row = conn.execute(
                "SELECT count(*) FILTER (WHERE status = 'stored'), count(*) FILTER (WHERE status = 'failed'),"
                " count(*) FROM documents WHERE id = ANY(%s)",
                (ids,),
            ).fetchone()
            assert row is not None
            stored, failed, found = int(row[0]), int(row[1]), int(row[2])
            if found < len(ids):
                raise RuntimeError(f"only {found} of {len(ids)} uploaded documents are in {database_url}")
            bar.update(stored + failed - bar.n)
            if stored + failed == len(ids) or time.monotonic() > deadline:
                return stored, failed
            time.sleep(0.25)


# ---------------------------------------------------------------- figures from Postgres

STAGE_SQL = """
SELECT s.stage, avg(s.duration_ms), sum(s.duration_ms),
       1000 * avg(extract(epoch FROM s.started_at - coalesce(p.finished_at, d.created_at)))
FROM document_stages s
JOIN documents d ON d.id = s.document_id
LEFT JOIN document_stages p ON p.document_id = s.document_id AND p.stage = CASE s.stage
     WHEN 'segment' THEN 'normalise' WHEN 'extract' THEN 'segment' WHEN 'store' THEN 'extract' END
WHERE s.document_id = ANY(%s) AND s.finished_at IS NOT NULL AND s.duration_ms IS NOT NULL
GROUP BY s.stage
"""


def db_figures(database_url: str, ids: list[int], run: StackRun, total_bytes: int) -> None:
    """Wall time, latencies, failures and per-stage timings of `ids`, straight from Postgres."""
    with connect(database_url) as conn:
        first, last = conn.execute(
            "SELECT extract(epoch FROM min(created_at)), extract(epoch FROM max(coalesce(stored_at, updated_at)))"
            " FROM documents WHERE id = ANY(%s)",
            (ids,),
        ).fetchone() or (None, None)
        latencies = [
            float(r[0])
            for r in conn.execute(
                "SELECT extract(epoch FROM stored_at - created_at) FROM documents"
                " WHERE id = ANY(%s) AND status = 'stored'",
                (ids,),
            )
        ]
        run.failures = [
            f"{r[0]}: {r[1]}"
            for r in conn.execute(
                "SELECT failed_stage, error FROM documents WHERE id = ANY(%s) AND status = 'failed' LIMIT 5", (ids,)
            )
        ]
        stage_rows = conn.execute(STAGE_SQL, (ids,)).fetchall()
    run.wall_s = float(last - first) if first is not None and last is not None else 0.0
    if run.wall_s > 0:
        run.pages_per_s = run.stored / run.wall_s
        run.mb_per_s = total_bytes / MB / run.wall_s
    if latencies:
        run.latency_p50_s = percentile(latencies, 50)
        run.latency_p95_s = percentile(latencies, 95)
        run.latency_max_s = max(latencies)
    for stage, avg_ms, sum_ms, wait_ms in stage_rows:
        workers = (run.storer_concurrency if stage == "store" else run.concurrency) or 1
        row = run.stages.setdefault(stage, StageRow())
        row.avg_ms, row.avg_wait_ms = float(avg_ms), float(wait_ms)
        row.busy = float(sum_ms) / 1000 / run.wall_s / workers if run.wall_s > 0 else None


def cpu_figures(before: Mapping[str, float], after: Mapping[str, float], pages: int, run: StackRun) -> None:
    for name in before.keys() & after.keys():
        run.cpu_ms_per_page[name] = (after[name] - before[name]) * 1000 / pages
    for service, stage in SERVICES.items():
        if service in run.cpu_ms_per_page:
            run.stages.setdefault(stage, StageRow()).cpu_ms_per_page = run.cpu_ms_per_page[service]


def run_stack(stack: Stack, pages: Sequence[Page], opts: BenchOptions) -> StackRun:
    run = StackRun(stack=stack.label, concurrency=stack.concurrency, storer_concurrency=stack.storer_concurrency)
    roots = stack.pids | server_roots()
    before = tree_cpu_seconds(roots)
    uploaded = upload_all(stack.url, pages, opts.batch, opts.uploaders)
    run.upload_s, run.duplicates = uploaded.seconds, uploaded.duplicates
    if uploaded.request_ms:
        run.upload_request_p50_ms = percentile(uploaded.request_ms, 50)
    if not uploaded.ids:
        raise RuntimeError("every page was already known to the API (use another --seed)")
    run.stored, run.failed = wait_terminal(stack.database_url, uploaded.ids, opts.timeout)
    after = tree_cpu_seconds(roots)
    run.unfinished = len(uploaded.ids) - run.stored - run.failed
    cpu_figures(before, after, len(uploaded.ids), run)
    total_bytes = sum(len(p.data) for p in pages) * len(uploaded.ids) // len(pages)
    db_figures(stack.database_url, uploaded.ids, run, total_bytes)
    return run


# ---------------------------------------------------------------- report


def _f(value: float | None, fmt: str = ".1f", width: int = 9) -> str:
    return f"{'-' if value is None else format(value, fmt):>{width}}"


def render(report: Report) -> str:
    s, ip = report.stack, report.inprocess
    mb = report.total_mb
    lines = [
        f"newsingest bench: {report.pages} pages, {mb:.2f} MB, seed {report.seed}",
        f"stack: {s.stack}",
        "",
        f"{'throughput':<38}{'pages/s':>9}{'MB/s':>9}",
        f"{'  stack, first upload → last stored':<38}{_f(s.pages_per_s)}{_f(s.mb_per_s, '.2f')}",
        f"{'  in-process, 1 process':<38}{_f(ip.pages_per_s_1proc)}"
        f"{_f(ip.pages_per_s_1proc * mb / report.pages, '.2f')}",
        f"{'  in-process, Pool(2)':<38}{_f(ip.pages_per_s_2proc)}{_f(ip.pages_per_s_2proc * mb / report.pages, '.2f')}",
        f"  ratio stack / in-process Pool(2): {report.ratio:.2f}  (target ≥ {report.target:.2f}: {report.verdict})",
        "",
        f"  wall time                         {s.wall_s:.1f} s",
        f"  upload phase (client)             {s.upload_s:.1f} s,"
        f" p50 request {_f(s.upload_request_p50_ms, '.0f', 0)} ms",
        f"  latency upload→stored p50/p95/max {_f(s.latency_p50_s, '.2f', 0)} / {_f(s.latency_p95_s, '.2f', 0)}"
        f" / {_f(s.latency_max_s, '.2f', 0)} s",
        f"  stored / failed / unfinished      {s.stored} / {s.failed} / {s.unfinished}"
        + (f"  ({s.duplicates} duplicates skipped)" if s.duplicates else ""),
        *(f"    failed {f}" for f in s.failures),
        "",
        f"{'per page':<19}{'avg ms':>9}{'wait ms':>9}{'busy':>7}{'CPU ms':>9}{'pure CPU ms':>13}{'pure MB/s':>11}",
    ]
    for stage in STAGES:
        row = s.stages.get(stage, StageRow())
        busy = f"{row.busy:>7.0%}" if row.busy is not None else f"{'-':>7}"
        lines.append(
            f"  {stage:<17}{_f(row.avg_ms, '.2f')}{_f(row.avg_wait_ms, '.0f')}{busy}{_f(row.cpu_ms_per_page, '.2f')}"
            f"{_f(ip.stage_cpu_ms_per_page.get(stage), '.2f', 13)}{_f(ip.stage_mb_per_s.get(stage), '.2f', 11)}"
        )
    others = [n for n in s.cpu_ms_per_page if n not in SERVICES]
    for name in sorted(others, key=lambda n: (n != "api", n)):
        lines.append(f"  {name:<17}{'':>25}{_f(s.cpu_ms_per_page[name], '.2f')}")
    stack_cpu = sum(v for n, v in s.cpu_ms_per_page.items() if "server" not in n)
    lines += [
        f"  {'api + workers':<17}{'':>25}{_f(stack_cpu, '.2f')}{_f(ip.cpu_ms_per_page, '.2f', 13)}",
        "",
        "avg ms: stage function time per page (document_stages); wait: queue time before the stage;",
        "busy: sum of stage time / wall / processes; CPU ms: process-tree CPU per page from /proc;",
        "pure: the stage function alone in this process (time.process_time).",
    ]
    return "\n".join(lines)


def _json_safe(value: object) -> object:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _json_safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe(v) for v in value]
    return value


# ---------------------------------------------------------------- main


def _note(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


@contextlib.contextmanager
def choose_stack(opts: BenchOptions, settings: Settings) -> Iterator[Stack]:
    if opts.api and api_ready(opts.api):
        yield running_stack(opts.api, settings)
        return
    if opts.api:
        _note(f"{opts.api} does not answer /readyz; starting a stack of our own")
    _note("starting API and workers ...")
    with own_stack(settings, opts.concurrency or settings.worker_concurrency, opts.redis_url) as stack:
        yield stack
    _note("stopped the stack, dropped its database")


def bench(opts: BenchOptions) -> int:
    settings = get_settings()
    if opts.pages < 1 or not 1 <= opts.batch <= settings.max_files_per_request:
        _note(f"--pages must be ≥ 1 and --batch within 1..{settings.max_files_per_request}")
        return 2
    seed = opts.seed if opts.seed is not None else (random.randrange(10**5) if opts.api else 0)
    pages = build_pages(load_seeds(), opts.pages, seed)
    if len({hashlib.sha256(p.data).digest() for p in pages}) != len(pages):
        raise RuntimeError("generated pages are not distinct")
    total_mb = sum(len(p.data) for p in pages) / MB
    _note(f"{len(pages)} pages, {total_mb:.2f} MB; in-process pipeline ...")
    inprocess = run_inprocess(pages)
    try:
        with choose_stack(opts, settings) as stack:
            _note(f"benchmarking {stack.label}")
            run = run_stack(stack, pages, opts)
    except (RuntimeError, OSError, psycopg.Error, redis.RedisError, httpx.HTTPError) as exc:
        _note(f"bench failed: {exc}")
        return 1
    ratio = run.pages_per_s / inprocess.pages_per_s_2proc if inprocess.pages_per_s_2proc else 0.0
    report = Report(len(pages), total_mb, seed, inprocess, run, ratio)
    report.verdict = "PASS" if ratio >= TARGET_RATIO else "MISS"
    print(render(report), flush=True)
    if opts.json_path:
        Path(opts.json_path).write_text(json.dumps(_json_safe(asdict(report)), ensure_ascii=False, indent=2) + "\n")
    return 0 if run.failed == 0 and run.unfinished == 0 else 1
