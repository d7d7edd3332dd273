"""Step 8b (used by assembly) — column breaks that the page's text order got wrong.

Two rules, both on paragraphs already gathered into articles:

- Reversed fragments. A prose paragraph that stops mid-sentence with nothing after it to continue it (the end of
  the article, or a subhead next), and an earlier paragraph of the same article that opens mid-sentence (with a
  word that cannot open a sentence: `将突破…`, `的…`) after a paragraph that ended its sentence: the export put the
  bottom of a column before its top. The cut-off paragraph (with the subheads right above it) moves before the
  opening fragment, and the two halves of the sentence join.
- Interleaved columns. A paragraph that continues the topic of the article printed above it — it shares that
  article's rare words (names, places, terms of its title and body: trigrams found in no other article on the
  page, counted as often as that article uses them) and hardly any of its own article's — was printed in a column
  of that story. It is never an article's first paragraph. A run of such paragraphs (with the subheads that open
  them) moves to the end of the story above; once a run has started, a paragraph leaning that way at all goes on
  with it. Only the story above: its last columns run on beside the start of the next story, so the export lists
  them inside that one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from services.normaliser.patterns import CJK, TERMINAL
from services.normaliser.rejoin import glue, heading_like

_NOT_TEXT = re.compile(rf"[^{CJK}A-Za-z0-9]")
# Words that continue a sentence and cannot open one (`将突破2000亿元` after `…产业规模`).
_MID_SENTENCE = re.compile(rf"^[将的了着和及并也都就才被把得地等][{CJK}\d]")
_DANGLING_MIN = 25  # characters: a shorter unpunctuated line is a heading, not a cut-off sentence
_RUN_START = 5  # rare trigrams shared with the neighbour to say a paragraph is the neighbour's
_RUN_RATIO = 2  # … and that many times more than it shares with its own article


def _subhead(text: str) -> bool:
    return heading_like(text) and not TERMINAL.search(text) and len(text) < _DANGLING_MIN


def _dangling(text: str) -> bool:
    return not TERMINAL.search(text) and not _subhead(text) and ("，" in text or len(text) >= _DANGLING_MIN)


def reorder_reversed(body: list[str]) -> list[str]:
    """[…, F…X, H…D, …] → […, H…D+F, …X, …] when D is cut off mid-sentence and F opens mid-sentence."""
    for d in range(len(body) - 1, 0, -1):
        if not _dangling(body[d]) or (d + 1 < len(body) and not _subhead(body[d + 1])):
            continue
        s = d
        while s > 1 and _subhead(body[s - 1]):
            s -= 1
        for f in range(s - 1, 0, -1):
            if _MID_SENTENCE.match(body[f]) and TERMINAL.search(body[f - 1]):
                return [*body[:f], *body[s:d], glue(body[d], body[f]), *body[f + 1 : s], *body[d + 1 :]]
    return body


def _squash(text: str) -> str:
    return _NOT_TEXT.sub("", text)


def _trigrams(t: str) -> set[str]:
    return {t[i : i + 3] for i in range(len(t) - 2)}


def _strays(
    heads: str,
    body: list[str],
    grams: list[set[str]],
    above: str,
    above_grams: set[str],
    rare: Callable[[str], bool],
) -> list[int]:
    """Indices of the paragraphs of a story (squashed, with their trigrams; the first one is the story's own) that
    belong to the story above (squashed text `above`). `heads`: the story's own title lines, squashed."""
    core_text = heads + body[0]
    core = _trigrams(heads) | grams[0]
    strays: list[int] = []
    run: list[int] = []
    pending: list[int] = []  # subheads: they go with the paragraph after them
    for n in range(1, len(body)):
        if not grams[n]:
            pending.append(n)
            continue
        theirs = sum(above.count(g) for g in grams[n] & above_grams - core if rare(g))
        if run or theirs >= _RUN_START:
            ours = sum(core_text.count(g) for g in grams[n] & core - above_grams)
            if (run and theirs > ours) or (theirs >= _RUN_START and theirs >= _RUN_RATIO * ours):
                run.extend([*pending, n])
                pending = []
                continue
        strays.extend(run)
        run, pending = [], []
        core |= grams[n]
        core_text += body[n]
    return strays + (run + pending if run else [])


def untangle(texts: list[tuple[list[str], list[str]]]) -> None:
    """`texts`: (title lines, body paragraphs) of each article in page order; bodies are changed in place."""
    heads = [_squash(" ".join(h)) for h, _ in texts]
    bodies = [[_squash(p) for p in body] for _, body in texts]
    grams = [
        [set() if _subhead(p) else _trigrams(q) for p, q in zip(body, sq, strict=True)]
        for (_, body), sq in zip(texts, bodies, strict=True)
    ]
    alls = [_trigrams(h).union(*g) for h, g in zip(heads, grams, strict=True)]
    spread: Counter[str] = Counter()  # in how many articles each trigram is
    for a in alls:
        spread.update(a)
    moves: list[tuple[int, list[str]]] = []  # (to, paragraphs)
    for i in range(1, len(texts)):
        body = texts[i][1]
        if not texts[i - 1][1] or len(body) < 2:
            continue
        ours = alls[i]

        def rare(g: str, ours: set[str] = ours) -> bool:
            return spread[g] == 1 + (g in ours)  # only in the story above (and this one)

        above_text = heads[i - 1] + "".join(bodies[i - 1])
        strays = set(_strays(heads[i], bodies[i], grams[i], above_text, alls[i - 1], rare))
        if strays:
            moves.append((i - 1, [p for n, p in enumerate(body) if n in strays]))
            body[:] = [p for n, p in enumerate(body) if n not in strays]
    for k, moved in moves:
        texts[k][1].extend(moved)
