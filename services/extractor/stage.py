"""The extract stage: SegmentedPage → ExtractedPage (entities with offsets and values, keywords, summary)."""

from __future__ import annotations

import datetime as dt

from services.extractor.entities import extract_entities
from services.extractor.keywords import keywords
from shared.types import ArticleAnalysis, ArticleTokens, ExtractedPage, SegmentedPage


def _summary(body: str, tokens: ArticleTokens, max_sentences: int = 2, max_chars: int = 160) -> str:
    out, start = "", 0
    for n, end in enumerate(tokens.sentences):
        sentence = body[start:end].strip()
        start = end
        if not sentence:
            continue
        if out and (n >= max_sentences or len(out) + len(sentence) > max_chars):
            break
        out += sentence
    return out


def extract(seg: SegmentedPage) -> ExtractedPage:
    page_date = dt.date.fromisoformat(seg.page.document.date) if seg.page.document.date else None
    analyses = []
    for article, toks in zip(seg.page.articles, seg.tokens, strict=True):
        body = article.body
        words = [(body[s:e], tag) for s, e, tag in toks.body.spans()]
        title_words = [(article.title[s:e], tag) for s, e, tag in toks.title.spans()]
        analyses.append(
            ArticleAnalysis(
                entities=extract_entities(body, toks.body, page_date),
                keywords=keywords(title_words + words),
                summary=_summary(body, toks),
            )
        )
    return ExtractedPage(page=seg.page, tokens=seg.tokens, analyses=analyses)
