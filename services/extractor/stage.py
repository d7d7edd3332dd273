"""The extract stage: SegmentedPage → ExtractedPage (entities with offsets and values, keywords, summary)."""

from __future__ import annotations

import datetime as dt
import math
from itertools import compress

from services.extractor.entities import extract_entities
from services.extractor.keywords import keyword_weights_in
from shared.types import ArticleAnalysis, ArticleTokens, ExtractedPage, SegmentedPage


def _summary(
    body: str, tokens: ArticleTokens, weights: dict[str, float], max_sentences: int = 3, max_chars: int = 160
) -> str:
    """1–3 consecutive sentences of the body (a slice of it): the window that carries most keywords,
    with a bonus for the lead, which in news usually says who did what."""
    spans: list[tuple[int, int]] = []
    start = 0
    for end in tokens.sentences:
        a, b = start, end
        while a < b and body[a].isspace():
            a += 1
        while b > a and body[b - 1].isspace():
            b -= 1
        start = end
        if b - a >= 2:
            spans.append((a, b))
    if not spans:
        return body.strip()[:max_chars]

    keys, values = list(weights), list(weights.values())

    def score(a: int, b: int) -> float:
        return sum(compress(values, map(body[a:b].__contains__, keys)))

    # With no negative weight, no window scores more than all keywords together: a window whose value
    # could not beat the best one even so is not scored (the same choice, found faster).
    everything = sum(values) if all(v >= 0 for v in values) else math.inf
    best, best_score = spans[0], -1.0
    for i in range(len(spans)):
        for j in range(i, min(i + max_sentences, len(spans))):
            a, b = spans[i][0], spans[j][1]
            if b - a > max_chars and j > i:
                break
            if everything * (1.5 if i == 0 else 1.0) / (1 + (b - a) / 200) <= best_score:
                continue
            value = score(a, b) * (1.5 if i == 0 else 1.0) / (1 + (b - a) / 200)
            if value > best_score:
                best, best_score = (a, b), value
    return body[best[0] : best[1]]


def extract(seg: SegmentedPage) -> ExtractedPage:
    page_date = dt.date.fromisoformat(seg.page.document.date) if seg.page.document.date else None
    analyses = []
    for article, toks in zip(seg.page.articles, seg.tokens, strict=True):
        body = article.body
        ranked = keyword_weights_in([(article.title, toks.title), (body, toks.body)])
        analyses.append(
            ArticleAnalysis(
                entities=extract_entities(body, toks.body, page_date),
                keywords=[w for w, _ in ranked],
                summary=_summary(body, toks, dict(ranked)),
            )
        )
    return ExtractedPage(page=seg.page, tokens=seg.tokens, analyses=analyses)
