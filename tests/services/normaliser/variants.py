"""Variants of a seed page that must read the same in substance (robustness tests)."""

from __future__ import annotations

import re

_HALF = str.maketrans({"，": ",", "；": ";", "：": ":", "？": "?", "！": "!", "（": "(", "）": ")"})


def rewrap(text: str, width: int) -> str:
    """Hard-wrap every prose line at `width` characters. Markdown headings stay whole, as exporters keep them, and
    so do masthead lines (`准印证号…`, the 数字报 URL), which are typeset on their own, not in a column."""
    out: list[str] = []
    for line in text.split("\n"):
        if len(line) <= width or line.lstrip().startswith("#") or "准印证号" in line or "http" in line:
            out.append(line)
        else:
            out.extend(line[i : i + width] for i in range(0, len(line), width))
    return "\n".join(out)


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def strip_markdown(text: str) -> str:
    return re.sub(r"^[ \t]*#{1,6}[ \t]*", "", text, flags=re.M).replace("**", "")


def half_width(text: str) -> str:
    return text.translate(_HALF)
