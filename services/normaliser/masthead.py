"""Step 7 — masthead facts: publication (`《徐汇报》`), date (`2023年6月26日 星期一` → `2023-06-26`) and issue
(`第26期（总第1732期）`), read from the page's furniture and first paragraphs. The upload's own metadata wins.
"""

from __future__ import annotations

from services.normaliser.blocks import Block
from services.normaliser.patterns import MASTHEAD_DATE, MASTHEAD_ISSUE, MASTHEAD_PUBLICATION
from shared.types import PageMeta

_FIRST = 15


def masthead(blocks: list[Block], meta: PageMeta) -> PageMeta:
    meta = meta.model_copy()
    texts = [b.text for b in blocks[:_FIRST]] + [b.text for b in blocks[_FIRST:] if b.kind == "furniture"]
    for text in texts:
        if meta.date is None and (m := MASTHEAD_DATE.search(text)):
            meta.date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        if meta.issue is None and "准印证号" in text and (m := MASTHEAD_ISSUE.search(text)):
            meta.issue = m.group(0)
        if meta.publication is None and (m := MASTHEAD_PUBLICATION.search(text)):
            meta.publication = m.group(1)
    return meta
