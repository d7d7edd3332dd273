"""The `newsingest process` and `newsingest entities` contracts, through the installed console script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

NEWSINGEST = str(Path(sys.executable).parent / "newsingest")
ENTITY_TYPES = {"PERSON", "ORG", "LOC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY"}


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([NEWSINGEST, *args], capture_output=True, text=True, input=stdin, timeout=120)


def _optional(value, kind) -> bool:
    return value is None or isinstance(value, kind)


@pytest.fixture(scope="module")
def processed(seed_paths) -> list[dict]:
    result = run("process", "--format", "json", *map(str, seed_paths))
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_one_json_object_per_file(processed, seed_paths):
    assert [doc["source"] for doc in processed] == list(map(str, seed_paths))


def test_contract_fields_and_types(processed):
    for doc in processed:
        assert set(doc) >= {"source", "document", "articles"}
        meta = doc["document"]
        assert set(meta) == {"publication", "date", "issue", "page"}
        assert _optional(meta["publication"], str) and _optional(meta["issue"], str)
        assert _optional(meta["page"], int) and _optional(meta["date"], str)
        for art in doc["articles"]:
            assert isinstance(art["title"], str) and art["title"]
            for key in ("kicker", "subtitle", "source", "dateline"):
                assert _optional(art[key], str)
            for key in ("continued_on", "continued_from"):
                assert _optional(art[key], int)
            assert isinstance(art["authors"], list) and all(isinstance(a, str) for a in art["authors"])
            assert isinstance(art["body"], str) and art["body"]
            assert isinstance(art["keywords"], list)
            assert isinstance(art["captions"], list)
            for e in art["entities"]:
                assert e["type"] in ENTITY_TYPES
                assert isinstance(e["start"], int) and isinstance(e["end"], int)
                assert art["body"][e["start"] : e["end"]] == e["text"]
                assert "value" in e


def test_page_004_document_facts(processed):
    doc = processed[4]["document"]
    assert doc == {"publication": "徐汇报", "date": "2023-06-26", "issue": "第26期（总第1732期）", "page": None}


def test_readable_summary_without_format(seed_paths):
    result = run("process", str(seed_paths[0]))
    assert result.returncode == 0 and "article(s)" in result.stdout and "刘华" in result.stdout


def test_bad_file_reports_reason_and_fails(tmp_path, seed_paths):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(bytes(range(256)) * 8)
    result = run("process", "--format", "json", str(junk), str(seed_paths[0]))
    assert result.returncode == 1 and "binary" in result.stderr
    assert len(result.stdout.splitlines()) == 1  # the good file is still processed


def test_entities_one_object_per_line_with_offsets():
    lines = ["国家主席习近平在北京会见土库曼斯坦总统。", "", "总投资达147亿元，增长94%。"]
    result = run("entities", "--format", "json", "-", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(x) for x in result.stdout.splitlines()]
    assert len(out) == 3 and out[1] == {"entities": []}
    for line, obj in zip(lines, out, strict=True):
        for e in obj["entities"]:
            assert line[e["start"] : e["end"]] == e["text"]
    assert {"text": "习近平", "type": "PERSON"}.items() <= next(
        e for e in out[0]["entities"] if e["text"] == "习近平"
    ).items()
    money = next(e for e in out[2]["entities"] if e["type"] == "MONEY")
    assert money["value"] == {"amount": 14_700_000_000, "unit": "CNY"}
