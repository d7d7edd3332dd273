"""Step 9 (used by assembly) — a group of title lines → kicker (引题), title and subtitle (副题).

Markdown pages say it with heading levels: the biggest heading (`#`) is the title; a kicker is the line
before it (a line ending `——` wins); a smaller one (`####`) between them is the subtitle; a `##` next
to a `#` title is a column banner (`学党史 悟思想 办实事 开新局`) and dropped.
Plain pages say it with order and punctuation:
- a line ending with `——` is a kicker and the next line the title;
- title lines printed before the body read kicker / title / subtitle, or title / subtitle for two
  lines (`陈吉宁：全力提升…` / `主持市委中心组学习会…`) — unless the second is a short couplet
  (`让技术找到场景 让企业找到伙伴`): that is the title and the line above its kicker;
- title lines printed after the body (seed 000) read subtitle / kicker / title, the title last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "让技术找到场景 让企业找到伙伴", "接好“第一棒” 跑出“加速度”": a short couplet is a main title, never a kicker.
_COUPLET = re.compile(r"^\S{2,10} \S{2,10}$")


@dataclass
class Heads:
    title: str | None = None
    kicker: str | None = None
    subtitle: str | None = None


def _join(parts: list[str]) -> str | None:
    return " ".join(parts) or None


def _markdown(lines: list[tuple[str, int]]) -> Heads:
    levels = [lvl for _, lvl in lines if lvl > 0]
    top = min(levels)
    t = next(i for i, (_, lvl) in enumerate(lines) if lvl == top)
    banner = 2 if top == 1 else None
    pre = [text for text, lvl in lines[:t] if lvl != banner]
    post = [text for text, lvl in lines[t + 1 :] if lvl != banner]
    kicker = next((p for p in pre if p.endswith("——")), pre[0] if pre else None)
    subtitle = [p for p in pre if p != kicker] + post
    return Heads(lines[t][0], kicker, _join(subtitle))


def split_heads(lines: list[tuple[str, int]], after_body: bool) -> Heads:
    """`lines`: (text, markdown level or 0) in page order."""
    if not lines:
        return Heads()
    if any(lvl > 0 for _, lvl in lines):
        return _markdown(lines)
    texts = [text for text, _ in lines]
    dash = next((i for i, t in enumerate(texts) if t.endswith("——")), None)
    if dash is not None and dash + 1 < len(texts):
        return Heads(texts[dash + 1], texts[dash], _join(texts[dash + 2 :]))
    if after_body:
        return Heads(texts[-1], texts[-2] if len(texts) >= 2 else None, _join(texts[:-2]))
    if len(texts) == 2 and _COUPLET.match(texts[1]) and not _COUPLET.match(texts[0]):
        return Heads(texts[1], texts[0], None)
    if len(texts) <= 2:
        return Heads(texts[0], None, _join(texts[1:]))
    return Heads(texts[1], texts[0], _join(texts[2:]))
