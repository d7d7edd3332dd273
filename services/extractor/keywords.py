"""TF-IDF keywords over the segmenter's tokens, with jieba's bundled IDF table."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from importlib import resources

_CONTENT_POS = ("n", "v", "a", "j", "l", "i", "eng", "nz", "vn", "an")
_STOP = {"记者", "本报", "表示", "今年", "目前", "进行", "工作", "推进", "加强", "开展", "相关", "一个"}


@lru_cache(maxsize=1)
def idf_table() -> tuple[dict[str, float], float]:
    path = resources.files("jieba.analyse") / "idf.txt"
    table: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, value = line.partition(" ")
        if value:
            table[word] = float(value)
    median = sorted(table.values())[len(table) // 2]
    return table, median


def keywords(words: list[tuple[str, str]], k: int = 8) -> list[str]:
    table, median = idf_table()
    counts = Counter(w for w, pos in words if len(w) > 1 and pos.startswith(_CONTENT_POS) and w not in _STOP)
    total = sum(counts.values()) or 1
    scored = sorted(((c / total * table.get(w, median), w) for w, c in counts.items()), key=lambda x: (-x[0], x[1]))
    return [w for _, w in scored[:k]]
