from __future__ import annotations

from collections import Counter

from services.extractor.keywords import _CONTENT_POS, _STOP, idf_table, keyword_weights, keyword_weights_of


def _reference(words: list[tuple[str, str]], k: int = 8) -> list[tuple[str, float]]:
    """The straightforward definition: sort every content word by TF-IDF."""
    table, median = idf_table()
    counts = Counter(w for w, pos in words if len(w) > 1 and pos.startswith(_CONTENT_POS) and w not in _STOP)
    total = sum(counts.values()) or 1
    scored = sorted(((c / total * table.get(w, median), w) for w, c in counts.items()), key=lambda x: (-x[0], x[1]))
    return [(w, s) for s, w in scored[:k]]


WORDS = [
    ("上海", "ns"),
    ("市委", "n"),
    ("书记", "n"),
    ("陈吉宁", "nr"),
    ("主持", "v"),
    ("会议", "n"),
    ("，", "x"),
    ("会议", "n"),
    ("强调", "vd"),
    ("推进", "v"),
    ("科技", "n"),
    ("创新", "vn"),
    ("和", "c"),
    ("高质量", "nz"),
    ("发展", "vn"),
    ("发展", "vn"),
    ("记者", "n"),
    ("了", "ul"),
    ("某某某词", "n"),
    ("另一个新词", "n"),
]


def test_keyword_weights_match_the_plain_definition():
    for k in (0, 1, 3, 8, 50):
        assert keyword_weights(WORDS, k) == _reference(WORDS, k)
        assert keyword_weights_of([w for w, _ in WORDS], [p for _, p in WORDS], k) == _reference(WORDS, k)
    assert keyword_weights([]) == []
