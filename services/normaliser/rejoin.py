"""Step 5 — rejoin hard-wrapped lines into paragraphs.

CJK has no spaces, so a wrapped line is joined to the next with nothing between them (Latin words
keep one space). A break is kept after sentence-final punctuation, around structural lines, and
where the line is visibly shorter than the column it belongs to (a heading, a paragraph's last line).
Two passes:

A. Line by line. Inside a run of lines (no blank line between), a line joins the next when it fills
   its column: its width is within TOL of the next lines' width. Pages that double every line break
   (blank lines between wrapped lines, seed 000) are read the same way across blank lines; on other
   pages a blank line ends the paragraph. A pull quote (`■ …`) keeps the lines that follow it without a
   blank line between; a self-contained photo caption line (`…本报记者 X摄`) is a paragraph of its own.
B. Column breaks. A long paragraph that stops mid-sentence (`…要` / `把习近平…`) continues in the next
   prose paragraph, also across a pull quote or caption dropped into it (`新建公` ■… `共停车位`); a
   paragraph that opens with a verb of saying (`介绍道，…`) continues the one before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

from services.normaliser.lines import Line
from services.normaliser.patterns import (
    CAPTION_END,
    CJK,
    HEADLINE_SPACE,
    SPEECH_START,
    TERMINAL,
    WORD_TAIL,
    width,
)

TOL = 6  # display cells (3 CJK characters): printed lines of one column differ by a character or two
LONG = 45  # characters: longer paragraphs are prose, never headings
LONG_INTERRUPTED = 30
_HEADLINE_MAX = 60
_NO_HEADING = re.compile(r"[。；！？!?]")
_LATIN_END = re.compile(r"[A-Za-z0-9.,;:!?%)]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(]")
_CJK_CHAR = re.compile(rf"[{CJK}]")
_URL_GOES_ON = re.compile(r"(?:https?://|www\.)\S*$")
_URL_CONTINUES = re.compile(r"^[\w./:?=&%#~-]+")

PROSE = ("text", "lead")
_CREDIT_ENDS = ("摄", "摄。", "摄.")
INTERRUPTIONS = ("pull", "caption")


@dataclass
class Para:
    text: str
    kind: str  # text | lead | caption | pull | heading | bold | byline | marker_on | marker_from | teaser_ref
    gap: bool = False
    level: int = 0
    page: int | None = None
    lines: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, line: Line) -> Para:
        return cls(line.text, line.kind, line.gap, line.level, line.page, [line.text])


def heading_like(text: str) -> bool:
    """Short, no sentence inside, at most two commas: a title, kicker or subhead rather than prose."""
    if text.endswith("——"):
        return True
    return len(text) <= _HEADLINE_MAX and not _NO_HEADING.search(text) and text.count("，") <= 2


def glue(a: str, b: str) -> str:
    """Join two wrapped pieces: nothing between CJK, one space between Latin words."""
    if _LATIN_END.search(a) and _LATIN_START.match(b) and not (a[-1] in "0123456789.," and b[0].isdigit()):
        return f"{a} {b}"
    return a + b


def _double_spaced(lines: list[Line]) -> bool:
    prose = [ln for ln in lines if ln.kind in PROSE]
    if len(prose) < 10:
        return False
    gapped = sum(ln.gap for ln in prose) / len(prose)
    return gapped >= 0.5 and median(len(ln.text) for ln in prose) < 40


def _is_caption(text: str) -> bool:
    return text.endswith(_CREDIT_ENDS) and len(text) <= 200 and bool(CAPTION_END.search(text))


def _wraps(para: Para, b: str, after: str | None, gap: bool) -> bool:
    """Does `b` continue the last line of `para` (a wrapped line) rather than start a new paragraph?"""
    a = para.lines[-1]
    if TERMINAL.search(a):
        return False
    if SPEECH_START.match(b) or WORD_TAIL.match(b):
        return True
    if gap and para.kind == "text" and len(para.text) <= _HEADLINE_MAX and HEADLINE_SPACE.search(para.text):
        return False  # `市政协党组召开民主生活会 董云虎讲话` on a line of its own: headline type
    if _URL_GOES_ON.search(a) and _URL_CONTINUES.match(b):
        return True
    if len(a) >= LONG or (para.kind == "lead" and len(para.lines) == 1):
        return True  # a long line, or the first line of `本报讯…`/`新华社…电`, stops mid-sentence: it goes on
    wa, wb = width(a), width(b)
    column = max(wb, width(after)) if after is not None and not TERMINAL.search(b) else wb
    if wa < column - TOL:
        return False  # `a` stops short of its column: a heading or a paragraph's last line
    if len(para.lines) >= 2:
        return wa >= width(para.lines[-2]) - TOL
    # A line standing alone over a much shorter one, a blank line between, is two headings, not a wrap.
    return not gap or wb >= 0.6 * wa


def _pull_continues(para: Para, line: Line) -> bool:
    if not line.gap:
        return True
    first = para.lines[0]
    return len(para.lines) == 1 and not TERMINAL.search(first) and abs(width(line.text) - width(first)) <= 12


def _pass_a(lines: list[Line]) -> list[Para]:
    doubled = _double_spaced(lines)
    out: list[Para] = []
    for i, line in enumerate(lines):
        cur = out[-1] if out else None
        if line.kind != "text" or cur is None:
            out.append(Para.of(line))
            continue
        standalone_caption = _is_caption(line.text) and len(line.text) >= 16
        after = lines[i + 1].text if i + 1 < len(lines) and lines[i + 1].kind == "text" else None
        if cur.kind == "pull" and _pull_continues(cur, line):
            cur.lines.append(line.text)
            cur.text = glue(cur.text, line.text)
        elif (
            cur.kind in PROSE
            and not standalone_caption
            and (not line.gap or doubled)
            and _wraps(cur, line.text, after, line.gap)
        ):
            cur.lines.append(line.text)
            cur.text = glue(cur.text, line.text)
        else:
            out.append(Para.of(line))
    for para in out:
        if para.kind == "text" and _is_caption(para.text):
            para.kind = "caption"
    return out


def _column_break(p1: Para, p2: Para, interrupted: bool) -> bool:
    if TERMINAL.search(p1.text):
        return False
    if SPEECH_START.match(p2.text):
        return True
    if p1.kind == "text" and len(p1.text) <= _HEADLINE_MAX and HEADLINE_SPACE.search(p1.text):
        return False
    # A caption or pull quote between the pieces is itself a sign of a cut: shorter prose qualifies then.
    return len(p1.text) >= (LONG_INTERRUPTED if interrupted else LONG) and not heading_like(p2.text)


def _pass_b(paras: list[Para]) -> list[Para]:
    out: list[Para] = []
    for para in paras:
        if para.kind == "text":
            j = len(out) - 1
            while j >= 0 and out[j].kind in INTERRUPTIONS:
                j -= 1
            interrupted = j < len(out) - 1
            if (
                j >= 0
                and out[j].kind in PROSE
                and (para.gap or interrupted)
                and _column_break(out[j], para, interrupted)
            ):
                prev, text = out[j], para.text
                if interrupted and prev.text[-1] == text[0] and _CJK_CHAR.match(text[0]):
                    text = text[1:]  # the export repeated the character at the cut
                prev.text = glue(prev.text, text)
                prev.lines.extend(para.lines)
                continue
        out.append(para)
    return out


def rejoin(lines: list[Line]) -> list[Para]:
    return _pass_b(_pass_a(lines))


def rejoin_text(text: str) -> list[str]:
    """Convenience for tests and tools: plain text → paragraph texts."""
    from services.normaliser.lines import split_lines

    return [p.text for p in rejoin(split_lines(text))]
