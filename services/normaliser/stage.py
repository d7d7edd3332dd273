"""The normalise stage: raw bytes → clean page with articles. Pure; the worker, CLI and tests call it.

The reader is a short ordered list of steps, one module each; read them top to bottom. The order
matters: characters are normalised before lines are judged (sentence ends need full-width
punctuation), lines are tagged before they are rejoined (a byline or `▼ 下转` never joins prose), and
paragraphs exist before anyone decides what is a title, a caption or furniture.
"""

from __future__ import annotations

from services.normaliser.assemble import assemble
from services.normaliser.blocks import classify
from services.normaliser.chars import normalise_chars
from services.normaliser.decode import decode
from services.normaliser.lines import split_lines
from services.normaliser.masthead import masthead
from services.normaliser.rejoin import rejoin
from services.normaliser.simplify import to_simplified
from shared.errors import InvalidInput
from shared.types import NormalisedPage, PageMeta, RawDocument


def normalise(raw: RawDocument) -> NormalisedPage:
    # 1. decode: bytes → str (BOM, UTF-8, UTF-16, GB18030, Big5); refuses binary/undecodable input.
    text, encoding = decode(raw.data)
    # 2. chars: line ends, full-width ASCII, odd spaces, invisibles, interpuncts, half-width punctuation.
    text = normalise_chars(text)
    # 3. simplify: stray traditional characters in a simplified page → simplified.
    text = to_simplified(text)
    # 4. lines: split and tag structural lines (headings, bylines, leads, pull quotes, 下转/上接 markers).
    lines = split_lines(text)
    # 5. rejoin: hard-wrapped lines and column breaks → paragraphs; captions and pull quotes kept apart.
    paragraphs = rejoin(lines)
    # 6. blocks: what each paragraph is (title line, byline, lead, body, caption, furniture…).
    blocks = classify(paragraphs)
    # 7. masthead: publication, date, issue; the upload's own metadata wins over what the page says.
    meta = masthead(
        blocks,
        PageMeta(publication=raw.publication, date=raw.date.isoformat() if raw.date else None, page=raw.page),
    )
    # 8. assemble: articles with title/kicker/subtitle (heads.py), authors, source, continuations, captions;
    #    column breaks read in the wrong order mended (columns.py).
    articles = assemble(blocks)
    if not articles:
        raise InvalidInput("no article text found on the page")
    return NormalisedPage(encoding=encoding, document=meta, articles=articles)
