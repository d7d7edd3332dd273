"""TF-IDF keywords over the segmenter's tokens, with jieba's bundled IDF table."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from importlib import resources

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
    table, median = idf_table()
    counts = Counter(w for w, pos in words if len(w) > 1 and pos.startswith(_CONTENT_POS) and w not in _STOP)
    total = sum(counts.values()) or 1
    scored = sorted(((c / total * table.get(w, median), w) for w, c in counts.items()), key=lambda x: (-x[0], x[1]))
    return [(w, s) for s, w in scored[:k]]


def keywords(words: list[tuple[str, str]], k: int = 8) -> list[str]:
    return [w for w, _ in keyword_weights(words, k)]
