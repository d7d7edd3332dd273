"""Rejoin hard-wrapped lines into paragraphs.

A line break is kept as a paragraph break only after sentence-final punctuation or around
structural lines (headings, bylines, markers); everywhere else the lines are joined, with no space
between CJK characters and one space between Latin words. Blank lines inside a wrapped sentence
(some exports double every line break) are ignored.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[。！？!?…：:；”」』）)]$")
_STRUCTURAL = re.compile(r"^(#{1,6}\s|[■□▼▲●◆]|本报讯|新华社|本报记者|记者|（上接|\(上接|▼)")
_LATIN_END = re.compile(r"[A-Za-z0-9,.]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9]")


def _is_structural(line: str) -> bool:
    return bool(_STRUCTURAL.match(line))


def _typical_width(lines: list[str]) -> int:
    lengths = sorted(len(line) for line in lines if line)
    return lengths[int(len(lengths) * 0.8)] if lengths else 0


def rejoin(text: str) -> list[str]:
    lines = [raw.strip() for raw in text.split("\n")]
    width = _typical_width(lines)
    paragraphs: list[str] = []
    current, last_len, gap = "", 0, False
    for line in lines:
        if not line:
            gap = True
            continue
        short_before_gap = gap and last_len < 0.6 * width
        if not current:
            current = line
        elif _SENTENCE_END.search(current) or _is_structural(line) or current.startswith("#") or short_before_gap:
            paragraphs.append(current)
            current = line
        elif _LATIN_END.search(current) and _LATIN_START.match(line):
            current = f"{current} {line}"
        else:
            current += line
        last_len, gap = len(line), False
    if current:
        paragraphs.append(current)
    return paragraphs
