"""What goes into the full-text index, shared by the storer (documents) and the API (queries).

Both sides segment with the same engine and keep the same tokens, so a query word matches exactly
the lexemes `to_tsvector('simple', …)` stored.
"""

from __future__ import annotations

import html
import re

from shared.types import Tokens

_WORDLIKE = re.compile(r"\w")


def search_words(text: str, tokens: Tokens) -> list[str]:
    return [w.lower() for w in tokens.words(text) if _WORDLIKE.search(w)]


def search_text(text: str, tokens: Tokens) -> str:
    """Space-joined tokens: what to_tsvector('simple', …) indexes (it lower-cases and skips punctuation)."""
    start = 0
    words = []
    for end in tokens.ends:
        words.append(text[start:end])
        start = end
    return " ".join(words)


def snippet(body: str, terms: list[str], width: int = 60) -> str:
    """An HTML-escaped window of the body around the first term, every term wrapped in <mark>."""
    lowered = body.lower()
    hits = [i for i in (lowered.find(t) for t in terms if t) if i >= 0]
    start = max(0, min(hits) - width // 3) if hits else 0
    window = body[start : start + width]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True) if t), re.I)
    out, last = [], 0
    for m in pattern.finditer(window) if terms else []:
        out.append(html.escape(window[last : m.start()]))
        out.append(f"<mark>{html.escape(m.group(0))}</mark>")
        last = m.end()
    out.append(html.escape(window[last:]))
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(body) else ""
    return prefix + "".join(out) + suffix
