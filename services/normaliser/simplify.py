"""Step 3 — stray traditional characters in simplified text → simplified (`首創性` → `首创性`).

Character by character, from OpenCC's traditional→simplified table (shipped inside the
`opencc-python-reimplemented` package: no download at run time). Only characters that are *not*
simplified characters themselves are converted (GB2312 holds the simplified set), so `著`, `乾`, `后`
are never touched; and only when the page is predominantly simplified: a page set in traditional
characters (a Big5 upload) is left as printed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from services.normaliser.patterns import CJK

_MIN_SIMPLIFIED_SHARE = 0.9
_CJK = re.compile(f"[{CJK}]")


def _is_simplified_common(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=1)
def _table() -> dict[int, str]:
    text = resources.files("opencc").joinpath("dictionary/TSCharacters.txt").read_text(encoding="utf-8")
    table: dict[int, str] = {}
    for row in text.splitlines():
        trad, _, simp = row.partition("\t")
        target = simp.split(" ")[0] if simp else ""
        if len(trad) == 1 and len(target) == 1 and trad != target and not _is_simplified_common(trad):
            table[ord(trad)] = target
    return table


@lru_cache(maxsize=1)
def _traditional() -> frozenset[str]:
    return frozenset(map(chr, _table()))


def to_simplified(text: str) -> str:
    table = _table()
    found = _traditional().intersection(text)  # the page's distinct characters: a set operation in C
    if not found:
        return text
    stray = sum(text.count(ch) for ch in found)
    cjk = len(_CJK.findall(text))
    if cjk == 0 or stray / cjk > 1 - _MIN_SIMPLIFIED_SHARE:
        return text  # a traditional page: leave it as printed
    return text.translate(table)
