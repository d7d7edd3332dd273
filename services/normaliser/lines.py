"""Step 4 — lines: split the text into stripped lines and tag the ones that are structure, not prose.

Each line remembers whether a blank line came before it (a `gap`). Tags: markdown headings (with their
level) and bold leads, bylines (`■本报记者 X`, `□记者 X Y`, a bare `本报记者 X`), pull-quote starts
(`■ …`), continuation markers (`▼ 下转第三版`, `（上接第一版）`, split off the prose they are printed
in), teaser references (`刊第二版`), and prose lines that open an article (`本报讯`, `新华社…电`).
Everything else is `text`, left for the rejoiner.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.normaliser.patterns import (
    BYLINE,
    CONTINUED_FROM,
    CONTINUED_ON,
    MD_BOLD,
    MD_HEADING,
    PLAIN_BYLINE,
    PULL_QUOTE,
    SOURCE_LEAD,
    TEASER_REF,
    page_number,
)


@dataclass
class Line:
    text: str
    kind: str = "text"  # text | lead | heading | bold | byline | pull | marker_on | marker_from | teaser_ref
    gap: bool = False  # a blank line came before it
    level: int = 0  # markdown heading level
    page: int | None = None  # for markers and teaser references


def _classify(text: str, gap: bool) -> list[Line]:
    if m := MD_HEADING.match(text):
        return [Line(m.group(2).replace("**", "").strip(), "heading", gap, level=len(m.group(1)))]
    if m := MD_BOLD.match(text):
        return [Line(m.group(1).strip(), "bold", gap)]
    text = text.replace("**", "")
    if "下转" in text and (m := CONTINUED_ON.search(text)):
        before, after = text[: m.start()].strip(), text[m.end() :].strip()
        out = _classify(before, gap) if before else []
        out.append(Line("", "marker_on", gap and not before, page=page_number(m.group(1))))
        if after:
            out.extend(_classify(after, False))
        return out
    if "上接" in text and (m := CONTINUED_FROM.search(text)):
        before, after = text[: m.start()].strip(), text[m.end() :].strip()
        out = _classify(before, gap) if before else []
        out.append(Line("", "marker_from", gap and not before, page=page_number(m.group(1))))
        if after:
            out.extend(_classify(after, False))
        return out
    if m := TEASER_REF.match(text):
        return [Line(text, "teaser_ref", gap, page=page_number(m.group(1)))]
    if (BYLINE.match(text) or PLAIN_BYLINE.match(text)) and not text.endswith("摄"):
        return [Line(text, "byline", gap)]
    if PULL_QUOTE.match(text):
        return [Line(text.lstrip("■□ "), "pull", gap)]
    if SOURCE_LEAD.match(text):
        return [Line(text, "lead", gap)]
    return [Line(text, "text", gap)]


def split_lines(text: str) -> list[Line]:
    lines: list[Line] = []
    gap = False
    for raw in text.split("\n"):
        stripped = raw.strip()
        if not stripped:
            gap = True
            continue
        lines.extend(_classify(stripped, gap))
        gap = False
    return lines
