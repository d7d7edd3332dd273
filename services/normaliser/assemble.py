"""Step 8 — assemble blocks into articles.

Reading top to bottom, an article starts at a byline, `本报讯`/`新华社…电`, `（上接第X版）` or a group of
title lines that is a title (not a subhead). A group of title lines is an article's title when it is
followed by a byline, lead or `上接`, stands after a continuation marker / pull quote / caption, opens or
closes the page, has two or more lines (plain pages) or holds the page's biggest heading level `#`
(markdown pages). Otherwise it is a subhead and stays in the body of the article it is in. On plain pages, title
lines with body text next, inside a titled story that has its byline, are section heads too — a new story needs
its own byline, `本报讯`/dateline (before or after its body) or a kicker (`…——`).

A title goes to the article above when that one has a body but no title yet (pages that print the
title after the body, seed 000), else it opens a new article. A byline right after a title belongs to
that title's article; after body text it is the trailing byline of the current article. `▼ 下转第X版`
closes the article's body; `（上接第X版）` opens one. Photo captions go to the article they share the most
wording with (the photo of a meeting sits by the meeting's report), else to the one they are printed in.
Last, column breaks the text order got wrong are mended (columns.py): halves of a sentence printed in reverse
order join, and paragraphs of the story above printed inside the next one go back to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from services.normaliser.blocks import Block
from services.normaliser.columns import reorder_reversed, untangle
from services.normaliser.heads import split_heads
from shared.types import ArticleText, Caption

_TITLE_NEIGHBOURS = ("byline", "lead", "marker_from")
_PROSE = ("body", "lead", "subhead")
_SKIP = ("pull", "furniture", "caption")
_NOT_TEXT = re.compile(r"[^\u3400-\u4dbf\u4e00-\u9fffA-Za-z0-9]")
_MIN_SHARED_BIGRAMS = 4
_BANNER = re.compile(r"^\S{2,6}(?: \S{2,6}){2,}$")


@dataclass
class _Draft:
    heads: list[tuple[str, int]] = field(default_factory=list)
    heads_after_body: bool = False
    body: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    dateline: str | None = None
    continued_on: int | None = None
    continued_from: int | None = None
    captions: list[Caption] = field(default_factory=list)
    body_closed: bool = False  # after `▼ 下转`, or once a title printed after the body has been read
    started: bool = False  # a lead, byline or 上接 opened it: a title line group can no longer attach above

    def add_authors(self, names: list[str]) -> None:
        self.authors.extend(n for n in names if n not in self.authors)

    def to_article(self) -> ArticleText | None:
        if not self.body:
            return None
        heads = split_heads(self.heads, self.heads_after_body)
        title = heads.title or self.body[0][:20]
        return ArticleText(
            title=title,
            kicker=heads.kicker,
            subtitle=heads.subtitle,
            authors=self.authors,
            source=self.source,
            dateline=self.dateline,
            continued_on=self.continued_on,
            continued_from=self.continued_from,
            body="\n".join(self.body),
            captions=self.captions,
        )


def _bigrams(text: str) -> set[str]:
    t = _NOT_TEXT.sub("", text)
    return {t[i : i + 2] for i in range(len(t) - 1)}


def _trailing_byline(blocks: list[Block], j: int) -> bool:
    """Is there a byline or `本报讯` after the body text that starts at `j`, before any other title's byline?"""
    prev = "head"
    for b in blocks[j:]:
        if b.kind in ("byline", "lead"):
            return prev != "head"
        if b.kind.startswith("marker"):
            return False
        if b.kind not in _SKIP:
            prev = b.kind
    return False


def _is_title(
    group: list[Block], before: Block | None, after: Block | None, cur: _Draft | None, md: bool, trailing_byline: bool
) -> bool:
    if cur is None or after is None or after.kind in _TITLE_NEIGHBOURS:
        return True
    if md:
        return any(b.level == 1 for b in group)
    if cur.heads and cur.authors and cur.body and not cur.body_closed and not any(h.text.endswith("——") for h in group):
        return trailing_byline  # section heads of the story, unless their body text ends in a byline of its own
    return len(group) >= 2 or before is None or before.kind not in _PROSE


def _spill_before_kicker(group: list[Block], cur: _Draft | None) -> list[Block]:
    """Plain lines above a kicker (`…——`) are the end of the article above — a subhead, a cut-off sentence — or
    a column banner (`学党史 悟思想 办实事 开新局`, dropped); the new article's title lines start at the kicker."""
    k = next((n for n, h in enumerate(group) if h.level == 0 and h.text.endswith("——")), 0)
    if k == 0 or cur is None or any(h.level for h in group):
        return group
    spill = [h.text for h in group[:k]]
    if _BANNER.match(spill[-1]):
        spill.pop()
    cur.body.extend(spill)
    return group[k:]


def _neighbour(blocks: list[Block], i: int, step: int) -> Block | None:
    while 0 <= i < len(blocks) and blocks[i].kind in _SKIP:
        i += step
    return blocks[i] if 0 <= i < len(blocks) else None


def assemble(blocks: list[Block]) -> list[ArticleText]:
    md = sum(b.kind == "head" and b.level > 0 for b in blocks) >= 2
    drafts: list[_Draft] = []
    placed: list[tuple[Block, _Draft | None]] = []
    cur: _Draft | None = None
    titled: _Draft | None = None  # the article whose title was just read (for a byline right after it)

    def new() -> _Draft:
        nonlocal cur
        cur = _Draft()
        drafts.append(cur)
        return cur

    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.kind == "head":
            j = i
            while j < len(blocks) and blocks[j].kind == "head":
                j += 1
            group = blocks[i:j]
            before, after = _neighbour(blocks, i - 1, -1), _neighbour(blocks, j, 1)
            if not _is_title(group, before, after, cur, md, _trailing_byline(blocks, j)):
                assert cur is not None
                cur.body.extend(h.text for h in group)
            elif cur is not None and cur.body and not cur.heads and not md:
                cur.heads, cur.heads_after_body, cur.body_closed = [(h.text, h.level) for h in group], True, True
                titled = cur
            else:
                group = _spill_before_kicker(group, cur)
                d = new()
                d.heads = [(h.text, h.level) for h in group]
                titled = d
            i = j
            continue
        after_title = titled is not None and i > 0 and blocks[i - 1].kind == "head"
        if b.kind == "byline":
            target = titled if after_title else cur
            if target is None or (target is cur and target.authors and not after_title):
                target = new()
            target.add_authors(b.names)
            target.started = True
        elif b.kind == "lead":
            d = cur if cur is not None and not cur.body and not cur.body_closed and cur.source is None else new()
            d.source, d.dateline, d.started = b.source, b.dateline, True
            d.add_authors(b.names)
            if b.text:
                d.body.append(b.text)
        elif b.kind == "marker_from":
            d = cur if cur is not None and not cur.body and not cur.body_closed else new()
            d.continued_from, d.started = b.page, True
        elif b.kind == "marker_on":
            if cur is not None:
                cur.continued_on, cur.body_closed = b.page, True
        elif b.kind in ("body", "subhead"):
            d = cur if cur is not None and not cur.body_closed else new()
            d.body.append(b.text)
        elif b.kind == "caption":
            placed.append((b, cur))
        if b.kind != "head" and not after_title:
            titled = None if b.kind in _PROSE else titled
        i += 1
    for d in drafts:
        d.body = reorder_reversed(d.body)
    untangle([([h for h, _ in d.heads], d.body) for d in drafts])
    _place_captions(placed, drafts)
    return [a for d in drafts if (a := d.to_article()) is not None]


def _place_captions(placed: list[tuple[Block, _Draft | None]], drafts: list[_Draft]) -> None:
    for block, near in placed:
        words = _bigrams(block.text)
        best, score = near, 0
        for d in drafts:
            shared = len(words & _bigrams(" ".join([*(h for h, _ in d.heads), *d.body])))
            if shared > score:
                best, score = d, shared
        if score < _MIN_SHARED_BIGRAMS:
            best = near or (drafts[0] if drafts else None)
        if best is not None:
            best.captions.append(Caption(text=block.text, photographer=block.names[0] if block.names else None))
