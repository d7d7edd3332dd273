"""TF-IDF keywords over the segmenter's tokens, with jieba's bundled IDF table."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from itertools import compress
from typing import cast

from shared.types import Tokens

_CONTENT_POS = ("n", "v", "a", "j", "l", "i", "eng", "nz", "vn", "an")
_STOP = {"记者", "本报", "表示", "今年", "目前", "进行", "工作", "推进", "加强", "开展", "相关", "一个"}


@lru_cache(maxsize=1)
def idf_table() -> tuple[dict[str, float], float]:
    # jieba's bundled IDF table, read as a file: importing jieba.analyse would load jieba.posseg (1.5 s)
    path = resources.files("jieba") / "analyse" / "idf.txt"
    table: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, value = line.partition(" ")
        if value:
            table[word] = float(value)
    median = sorted(table.values())[len(table) // 2]
    return table, median


def keyword_weights(words: list[tuple[str, str]], k: int = 8) -> list[tuple[str, float]]:
    """The k best content words by TF-IDF (jieba's IDF table; unknown words get its median), best first."""
    return keyword_weights_of([w for w, _ in words], [pos for _, pos in words], k)


_SEEN: dict[str, float] = {}  # IDF of the words met in this process (cleared when it grows large)


def keyword_weights_of(words: list[str], tags: list[str], k: int = 8) -> list[tuple[str, float]]:
    """`keyword_weights` over parallel lists of words and their POS tags."""
    return _best(Counter(compress(words, map(_content_tags(tags).__contains__, tags))), k)


def keyword_weights_in(texts: Iterable[tuple[str, Tokens]], k: int = 8) -> list[tuple[str, float]]:
    """`keyword_weights` of the words of several tokenised texts; only content words are sliced out."""
    counts: Counter[str] = Counter()
    for text, tokens in texts:
        ends, tags = tokens.ends, tokens.pos
        chosen = list(map(_content_tags(tags).__contains__, tags))
        starts = compress([0, *ends[:-1]], chosen)
        counts.update(map(text.__getitem__, map(slice, starts, compress(ends, chosen))))
    return _best(counts, k)


def _content_tags(tags: list[str]) -> set[str]:
    return {t for t in set(tags) if t.startswith(_CONTENT_POS)}


def _best(counts: Counter[str], k: int) -> list[tuple[str, float]]:
    """The k words of `counts` (content words, with counts) of highest TF-IDF, best first."""
    table, median = idf_table()
    for w in [w for w in counts if len(w) <= 1 or w in _STOP]:
        del counts[w]
    total = sum(counts.values()) or 1
    keys = list(counts)
    # a small dict of the words seen so far is much faster to look up than the big table
    idf: list[float | None] = list(map(_SEEN.get, keys))
    if None in idf:
        if len(_SEEN) > 200_000:
            _SEEN.clear()
        for n, w in enumerate(keys):
            if idf[n] is None:
                idf[n] = _SEEN[w] = table.get(w, median)
    scores = [c / total * f for c, f in zip(counts.values(), cast(list[float], idf), strict=True)]
    cut = sorted(scores, reverse=True)[k - 1] if len(scores) > k > 0 else -math.inf
    # best first: highest weight, then the word; only the words that can be among the k best are ranked
    ranked = sorted([(-s, w) for s, w in zip(scores, keys, strict=True) if s >= cut])
    return [(w, -s) for s, w in ranked[:k]]


def keywords(words: list[tuple[str, str]], k: int = 8) -> list[str]:
    return [w for w, _ in keyword_weights(words, k)]
