"""The hand annotations of the seed pages (tests/fixtures/seeds/*.json) and helpers to check a page against them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
FIELDS = ("title", "kicker", "subtitle", "authors", "source", "dateline", "continued_on", "continued_from")
_TERMINAL = re.compile(r"[。！？…”）]$")


def load(stem: str) -> dict[str, Any]:
    return json.loads((FIXTURES / f"{stem}.json").read_text(encoding="utf-8"))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def wrap_artefacts(body: str) -> list[str]:
    """Body paragraphs that stop mid-sentence and are not short section heads: line-break artefacts."""
    return [p for p in body.split("\n") if not _TERMINAL.search(p) and (len(p) > 40 or "。" in p)]
