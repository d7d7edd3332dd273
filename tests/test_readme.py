"""The README is the user's manual: its configuration table and envelope schema must match the code."""

from __future__ import annotations

import json
import re

import pytest

from shared.db import connect
from shared.envelope import Envelope
from shared.settings import Settings
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_documented_with_its_default():
    rows = dict(re.findall(r"^\| `([A-Z_]+)` \| `([^`]*)` \|", README, re.M))
    for name, field in Settings.model_fields.items():
        assert name.upper() in rows, f"{name.upper()} missing from the README configuration table"
        assert rows[name.upper()] == str(field.default), name


def test_envelope_schema_in_readme_matches_the_model():
    block = re.search(r"Every hop carries the\s+same envelope:\s+```json\n(.*?)```", README, re.S)
    assert block, "envelope schema block not found"
    documented = json.loads(block.group(1))
    schema = Envelope.model_json_schema()
    assert set(documented["properties"]) == set(schema["properties"])
    assert documented["required"] == schema["required"]
    for name, prop in documented["properties"].items():
        if "default" in prop:
            assert prop["default"] == schema["properties"][name]["default"], name


def test_quickstart_commands():
    assert "make run" in README and "make test" in README


def _example_queries() -> list[str]:
    section = README.split("### Example queries", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sql\n(.*?)```", section, re.S)


def test_ten_example_queries_are_documented():
    assert len(_example_queries()) >= 10


@pytest.mark.parametrize("number", range(1, 11))
def test_example_query_returns_rows_on_the_seed_pages(number, stored_seeds, database_url):
    sql = _example_queries()[number - 1]
    with connect(database_url) as conn:
        conn.execute("SET ROLE newsingest_reader")  # downstream services only see the views
        rows = conn.execute(sql).fetchall()
    assert rows, f"example query {number} returned nothing:\n{sql}"
