"""The README is the user's manual: its configuration table and envelope schema must match the code."""

from __future__ import annotations

import json
import re

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
