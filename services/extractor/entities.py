"""Entities, first cut: names from POS tags, dates/money/percentages from patterns with values."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from shared.types import Entity, Tokens

POS_TYPES = {"nr": "PERSON", "nrfg": "PERSON", "nrt": "PERSON", "ns": "LOC", "nt": "ORG"}
STOP = {"多云", "小雨", "中雨", "大雨", "阵雨", "二十大", "上海力量"}

_NUM = r"\d+(?:\.\d+)?"
_DATE_FULL = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_DATE_MD = re.compile(r"(?<![年\d])(\d{1,2})月(\d{1,2})日")
_RELATIVE = {"今天": 0, "昨天": -1, "前天": -2, "明天": 1, "昨日": -1, "今日": 0}
_RELATIVE_RE = re.compile("|".join(_RELATIVE))
_MONEY = re.compile(rf"({_NUM})(万亿|亿|万)?元")
_PERCENT = re.compile(rf"({_NUM})[%％]")
_SCALE = {None: 1, "万": 10_000, "亿": 100_000_000, "万亿": 1_000_000_000_000}


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in taken)


def _safe_date(y: int, m: int, d: int) -> str | None:
    try:
        return dt.date(y, m, d).isoformat()
    except ValueError:
        return None


def pattern_entities(text: str, page_date: dt.date | None) -> list[Entity]:
    found: list[Entity] = []
    for m in _DATE_FULL.finditer(text):
        value = _safe_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        found.append(Entity(text=m.group(0), type="DATE", start=m.start(), end=m.end(), value=value))
    for m in _DATE_MD.finditer(text):
        value = _safe_date(page_date.year, int(m.group(1)), int(m.group(2))) if page_date else None
        found.append(Entity(text=m.group(0), type="DATE", start=m.start(), end=m.end(), value=value))
    for m in _RELATIVE_RE.finditer(text):
        value = (page_date + dt.timedelta(days=_RELATIVE[m.group(0)])).isoformat() if page_date else None
        found.append(Entity(text=m.group(0), type="DATE", start=m.start(), end=m.end(), value=value))
    for m in _MONEY.finditer(text):
        amount = float(m.group(1)) * _SCALE[m.group(2)]
        found.append(
            Entity(
                text=m.group(0),
                type="MONEY",
                start=m.start(),
                end=m.end(),
                value={"amount": int(amount) if amount.is_integer() else amount, "unit": "CNY"},
            )
        )
    for m in _PERCENT.finditer(text):
        found.append(
            Entity(
                text=m.group(0),
                type="PERCENT",
                start=m.start(),
                end=m.end(),
                value=round(float(m.group(1)) / 100, 10),
            )
        )
    return found


def tag_entities(text: str, tokens: Tokens) -> Iterable[Entity]:
    for start, end, tag in tokens.spans():
        etype = POS_TYPES.get(tag)
        word = text[start:end]
        if etype and word not in STOP and len(word) > 1:
            yield Entity(text=word, type=etype, start=start, end=end)


def extract_entities(text: str, tokens: Tokens, page_date: dt.date | None) -> list[Entity]:
    patterns = pattern_entities(text, page_date)
    taken = [(e.start, e.end) for e in patterns]
    names = [e for e in tag_entities(text, tokens) if not _overlaps((e.start, e.end), taken)]
    return sorted(patterns + names, key=lambda e: (e.start, e.end))
