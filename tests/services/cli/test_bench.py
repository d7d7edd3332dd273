"""The pure parts of `newsingest bench`: page generation, /proc CPU accounting, percentiles."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time

import pytest

from services.cli.bench import build_pages, percentile, process_cpu_seconds, tree_cpu_seconds
from services.normaliser.stage import normalise
from shared.types import RawDocument


@pytest.fixture(scope="module")
def seeds(seed_paths) -> list[bytes]:
    return [p.read_bytes() for p in seed_paths]


def test_pages_are_distinct_and_normalise_like_their_seed(seeds):
    pages = build_pages(seeds, 23, seed=7)
    assert len(pages) == 23
    assert len({hashlib.sha256(p.data).digest() for p in pages}) == 23
    assert len({p.filename for p in pages}) == 23
    for i, page in enumerate(pages):
        got = normalise(RawDocument(data=page.data))
        want = normalise(RawDocument(data=seeds[i % len(seeds)]))
        assert got.articles and [a.title for a in got.articles] == [a.title for a in want.articles]
        assert [a.body for a in got.articles] == [a.body for a in want.articles]
        # the generated masthead is read, not turned into article text
        assert got.document.publication and got.document.date and got.document.issue


def test_pages_are_deterministic_per_seed(seeds):
    assert build_pages(seeds, 10, seed=1) == build_pages(seeds, 10, seed=1)
    first = {hashlib.sha256(p.data).digest() for p in build_pages(seeds, 10, seed=1)}
    second = {hashlib.sha256(p.data).digest() for p in build_pages(seeds, 10, seed=2)}
    assert not first & second


def _burn(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        sum(range(1000))


def test_cpu_of_this_process_is_positive_and_grows():
    before = process_cpu_seconds(os.getpid())
    assert before > 0
    _burn(0.3)
    assert process_cpu_seconds(os.getpid()) >= before + 0.2


def test_tree_cpu_includes_live_and_reaped_children():
    me = os.getpid()
    tree_before = tree_cpu_seconds({"me": me})["me"]
    burn = "import time\nend = time.process_time() + 0.5\nwhile time.process_time() < end: pass\ntime.sleep(60)"
    child = subprocess.Popen([sys.executable, "-c", burn])
    try:
        deadline = time.monotonic() + 20
        while tree_cpu_seconds({"me": me})["me"] - tree_before < 0.45 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert tree_cpu_seconds({"me": me})["me"] - tree_before >= 0.45  # the live child counts
    finally:
        child.kill()
        child.wait()
    # reaped: its CPU moved into our cutime/cstime, and still counts
    assert tree_cpu_seconds({"me": me})["me"] - tree_before >= 0.45


def test_percentile():
    assert percentile([5.0], 95) == 5.0
    assert percentile([1, 2, 3, 4, 5], 50) == 3
    assert percentile([4, 1, 3, 2], 50) == 2.5
    assert percentile(list(range(101)), 95) == 95
    assert percentile([1, 2], 0) == 1 and percentile([1, 2], 100) == 2
    with pytest.raises(ValueError):
        percentile([], 50)
