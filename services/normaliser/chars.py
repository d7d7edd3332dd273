"""Character normalisation that fits Chinese text.

Not NFKC: NFKC would turn Chinese full-width punctuation into ASCII. Instead: full-width ASCII
letters and digits → half-width, odd spaces → plain space, invisible characters dropped, and the
interpunct variants of foreign names unified to `·` without surrounding spaces.
"""

from __future__ import annotations

import re

_TABLE: dict[int, int | None] = {}
for _cp in range(0xFF10, 0xFF1A):  # ０-９
    _TABLE[_cp] = _cp - 0xFEE0
for _cp in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):  # Ａ-Ｚ ａ-ｚ
    _TABLE[_cp] = _cp - 0xFEE0
for _cp in (0x00A0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F):
    _TABLE[_cp] = 0x20
for _cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD):
    _TABLE[_cp] = None
for _cp in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F]:
    _TABLE[_cp] = None
for _cp in (0x2022, 0x2027, 0x30FB, 0xFF65, 0x2219, 0x22C5, 0x0387, 0x16EB, 0x2E31):
    _TABLE[_cp] = 0x00B7  # • ‧ ・ ･ ∙ ⋅ · ᛫ ⸱ → ·
_TABLE[0x3000] = 0x20  # ideographic space
_TABLE[0x0D] = None  # CR of CRLF; lone CRs are rare in pages

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
_INTERPUNCT = re.compile(rf"(?<=[{_CJK}])\s*·\s*(?=[{_CJK}])")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_PUNCT_AFTER_CJK = re.compile(rf"(?<=[{_CJK}”）》])([,;:?!])(?!\d)")
_PUNCT_BEFORE_CJK = re.compile(rf"([,;:?!])(?=[{_CJK}“（《])")
_PARENS = re.compile(rf"\(([^()\n]{{0,40}}[{_CJK}][^()\n]{{0,40}})\)")


def normalise_chars(text: str) -> str:
    text = text.translate(_TABLE)
    text = _INTERPUNCT.sub("·", text)
    text = _PUNCT_AFTER_CJK.sub(lambda m: _HALF_TO_FULL[m.group(1)], text)
    text = _PUNCT_BEFORE_CJK.sub(lambda m: _HALF_TO_FULL[m.group(1)], text)
    text = _PARENS.sub(r"（\1）", text)
    return text
