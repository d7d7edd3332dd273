"""The normalise stage: raw bytes → clean page with articles. Pure; the worker, CLI and tests call it.

The reader is an ordered list of steps; each step's module says what it does and why there.
"""

from __future__ import annotations

from services.normaliser.chars import normalise_chars
from services.normaliser.decode import decode
from services.normaliser.lines import rejoin
from services.normaliser.structure import masthead, split_articles
from shared.errors import InvalidInput
from shared.types import NormalisedPage, PageMeta, RawDocument


def normalise(raw: RawDocument) -> NormalisedPage:
    # 1. bytes → str; refuses binary/undecodable input.
    text, encoding = decode(raw.data)
    # 2. characters: full-width ASCII, odd spaces, invisible characters, punctuation, interpuncts.
    text = normalise_chars(text)
    # 3. hard-wrapped lines → paragraphs (needs normalised punctuation to see sentence ends).
    paragraphs = rejoin(text)
    # 4. masthead facts; the upload's own metadata wins over what the page says.
    meta = masthead(
        paragraphs,
        PageMeta(
            publication=raw.publication,
            date=raw.date.isoformat() if raw.date else None,
            page=raw.page,
        ),
    )
    # 5. articles: titles, bylines, sources, continuations, captions; furniture dropped.
    articles = split_articles(paragraphs)
    if not articles:
        raise InvalidInput("no article text found on the page")
    return NormalisedPage(encoding=encoding, document=meta, articles=articles)
