from __future__ import annotations

from services.cli.bench_storage import StorageOptions, fill, percentile, seed_pages, time_search, variant
from shared.db import connect


def test_percentile():
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5
    assert percentile([5.0], 95) == 5.0


def test_variants_differ_in_date_and_publication():
    page = seed_pages()[0]
    a, b = variant(page, 0), variant(page, 1)
    assert a.page.document.date != b.page.document.date
    assert a.page.document.publication != b.page.document.publication
    assert a.page.articles == page.page.articles


def test_small_fill_and_search_timing(database_url, settings, db):
    figures = fill(database_url, seed_pages(), n_pages=12, batch=5, connections=2)
    assert figures["pages"] == 12 and figures["articles"] >= 12 and figures["store_pages_per_s"] > 0
    with connect(database_url) as conn:
        stored = conn.execute("SELECT count(*) FROM documents WHERE status = 'stored'").fetchone()
    assert stored == (12,)
    search = time_search(settings, repeats=2)
    assert search["p95_ms"] > 0
    assert search["queries"]["q=上海"]["results"] > 0 and search["queries"]["q=习近平"]["results"] > 0
    assert StorageOptions().articles == 100_000
