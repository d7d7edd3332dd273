"""Read-side API on the five seed pages stored through the real pipeline."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from services.api.main import create_app


@pytest.fixture(scope="module")
def reader(database_url, redis_url, stored_seeds) -> Iterator[TestClient]:
    from shared.settings import Settings

    settings = Settings(database_url=database_url, redis_url=redis_url, _env_file=None)
    with TestClient(create_app(settings)) as c:
        yield c


def test_get_article_and_404(reader, stored_seeds):
    listing = reader.get(f"/v1/documents/{stored_seeds[0]}/articles").json()["articles"]
    art = reader.get(f"/v1/articles/{listing[0]['id']}").json()
    assert art["title"] == listing[0]["title"] and art["document_id"] == stored_seeds[0]
    assert art["publication"] == "解放日报" and art["pub_date"] == "2023-01-07"
    assert art["pipeline_version"] and art["entities"] and art["keywords"]
    assert reader.get("/v1/articles/999999").status_code == 404


def test_articles_filtered_by_person_and_month(reader):
    got = reader.get("/v1/articles", params={"person": "习近平", "from": "2023-01-01", "to": "2023-01-31"}).json()
    assert got["articles"] and all(a["pub_date"].startswith("2023-01") for a in got["articles"])
    for a in got["articles"]:
        people = {e["text"] for e in reader.get(f"/v1/articles/{a['id']}").json()["entities"] if e["type"] == "PERSON"}
        assert "习近平" in people
    none = reader.get("/v1/articles", params={"person": "习近平", "from": "1990-01-01", "to": "1990-12-31"}).json()
    assert none["articles"] == []


def test_articles_by_author_and_publication(reader):
    got = reader.get("/v1/articles", params={"author": "刘坤"}).json()["articles"]
    assert got and all("刘坤" in a["authors"] for a in got)
    assert all(a["publication"] == "徐汇报" for a in got)
    pub = reader.get("/v1/articles", params={"publication": "文汇报"}).json()["articles"]
    assert pub and all(a["publication"] == "文汇报" for a in pub)


def test_article_paging(reader):
    first = reader.get("/v1/articles", params={"limit": 3}).json()
    second = reader.get("/v1/articles", params={"limit": 3, "cursor": first["next_cursor"]}).json()
    ids1, ids2 = [a["id"] for a in first["articles"]], [a["id"] for a in second["articles"]]
    assert len(ids1) == 3 and ids2 and max(ids2) < min(ids1)


def test_search_segments_query_ranks_and_highlights(reader):
    resp = reader.get("/v1/search", params={"q": "生物医药产业"}).json()
    assert resp["query"] == ["生物医药", "产业"]
    results = resp["results"]
    assert results and all("<mark>" in r["snippet"] for r in results)
    assert [r["rank"] for r in results] == sorted((r["rank"] for r in results), reverse=True)
    top = reader.get(f"/v1/articles/{results[0]['article_id']}").json()
    assert "生物医药" in top["title"] + top["body"]


def test_search_filters_and_paging(reader):
    everything = reader.get("/v1/search", params={"q": "习近平", "limit": 100}).json()["results"]
    assert len(everything) >= 3
    page1 = reader.get("/v1/search", params={"q": "习近平", "limit": 2}).json()
    page2 = reader.get("/v1/search", params={"q": "习近平", "limit": 2, "offset": page1["next_offset"]}).json()
    assert [r["article_id"] for r in page1["results"] + page2["results"]] == [r["article_id"] for r in everything[:4]]
    dated = reader.get("/v1/search", params={"q": "习近平", "from": "2023-01-01", "to": "2023-01-31"}).json()
    assert dated["results"] and all(r["pub_date"].startswith("2023-01") for r in dated["results"])
    by_pub = reader.get("/v1/search", params={"q": "习近平", "publication": "徐汇报"}).json()["results"]
    assert all(r["publication"] == "徐汇报" for r in by_pub)
    assert reader.get("/v1/search", params={"q": "，。"}).status_code == 422
    assert reader.get("/v1/search", params={"q": "不存在的词语组合喵"}).json()["results"] == []


def test_entities_ordered_by_mentions_with_roles(reader):
    people = reader.get("/v1/entities", params={"type": "PERSON", "limit": 20}).json()["entities"]
    assert people and all(e["type"] == "PERSON" for e in people)
    assert [e["mentions"] for e in people] == sorted((e["mentions"] for e in people), reverse=True)
    xi = next(e for e in people if e["text"] == "习近平")
    assert xi["mentions"] >= xi["articles"] >= 3
    filtered = reader.get("/v1/entities", params={"q": "吉宁"}).json()["entities"]
    assert filtered and all("吉宁" in e["text"] for e in filtered)


def test_search_ranks_only_the_most_recent_window(database_url, redis_url, stored_seeds):
    from shared.settings import Settings

    settings = Settings(database_url=database_url, redis_url=redis_url, search_window=2, _env_file=None)
    with TestClient(create_app(settings)) as c:
        results = c.get("/v1/search", params={"q": "习近平", "limit": 10}).json()["results"]
    assert len(results) == 2
    # the two newest matching pages: 002 (2026-01-15) and 003 (2024-01-10) mention 习近平
    assert {r["pub_date"] for r in results} <= {"2026-01-15", "2024-01-10"}
