"""Step 2 — characters: a Unicode normalisation that fits Chinese.

Not NFKC: NFKC would turn Chinese full-width punctuation into ASCII. Instead:
- line ends unified (CRLF, CR → LF);
- full-width ASCII letters and digits → half-width (`ＡＢＣ１２３` → `ABC123`);
- odd spaces (no-break, ideographic, thin…) → plain space; zero-width, control and soft-hyphen characters dropped;
- the interpunct variants of foreign names (• ‧ ・ ･ ∙ ⋅ …) → `·`, with no spaces around it between CJK;
- half-width `, ; : ? !` next to CJK → `，；：？！`, and `( )` next to CJK → `（ ）`; numbers (`3.5`, `1,000`),
  times (`10:30`), URLs and Latin text are left alone.
"""

from __future__ import annotations

import re

from services.normaliser.patterns import CJK

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
_TABLE[0x09] = 0x20  # tab

_ODD = re.compile("[" + re.escape("".join(map(chr, _TABLE))) + "]")
_CJK_CHAR = re.compile(rf"[{CJK}]")
_AFTER_OK = re.compile(rf"[{CJK}”’）》」』]")  # half-width punctuation after these is Chinese
_BEFORE_OK = re.compile(rf"[{CJK}“‘（《「『]")  # … and before these
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_HALF_PUNCT = re.compile(r"[,;:?!]")
_INTERPUNCT = re.compile(r"[ ]*·[ ]*")
_PARENS = re.compile(r"\(([^()]{1,60})\)")
_TRAILING_SPACE = re.compile(r"[ ]+$", re.M)

# Each pattern matches the rare character itself and the callback looks at its neighbours: a lookbehind
# would be tried at every position of the page, ten times slower.


def _neighbours(text: str, start: int, end: int) -> tuple[str, str]:
    """The characters around text[start:end], looking past one line break (punctuation wrapped to a new line)."""
    i = start - 1
    if i >= 0 and text[i] == "\n":
        i -= 1
    j = end
    if j < len(text) and text[j] == "\n":
        j += 1
    return (text[i] if i >= 0 else ""), (text[j] if j < len(text) else "")


def _odd(m: re.Match[str]) -> str:
    target = _TABLE[ord(m.group())]
    return "" if target is None else chr(target)


def _punct(m: re.Match[str]) -> str:
    before, after = _neighbours(m.string, m.start(), m.end())
    ch = m.group()
    chinese = bool(
        _AFTER_OK.match(before) or _BEFORE_OK.match(after) or (before in "%‰" and ch in ",;" and after.isdigit())
    )
    return _HALF_TO_FULL[ch] if chinese and before else ch


def _interpunct(m: re.Match[str]) -> str:
    before, after = m.string[m.start() - 1 : m.start()], m.string[m.end() : m.end() + 1]
    return "·" if _CJK_CHAR.match(before) and _CJK_CHAR.match(after) else m.group()


def _parens(m: re.Match[str]) -> str:
    before, after = m.string[m.start() - 1 : m.start()], m.string[m.end() : m.end() + 1]
    if _CJK_CHAR.search(m.group(1)) or _CJK_CHAR.match(before) or _CJK_CHAR.match(after):
        return f"（{m.group(1)}）"
    return m.group()


def normalise_chars(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ODD.sub(_odd, text)
    text = _INTERPUNCT.sub(_interpunct, text)
    text = _HALF_PUNCT.sub(_punct, text)
    text = _PARENS.sub(_parens, text)
    return _TRAILING_SPACE.sub("", text)
