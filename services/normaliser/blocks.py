"""Step 6 — blocks: say what each paragraph is on the page.

`head` (a title line: markdown heading, or a short line with no sentence in it), `subhead` (markdown
bold lead), `byline`, `lead` (`本报讯`/`新华社…电` + the article's first paragraph), `body`, `caption`
(with its photographer, credit cut off), `pull` (pull quote), continuation markers, and `furniture`
(weather, app and social links, masthead, `准印证号`). Index teasers — title lines followed by `刊第二版`,
or a photo credit under title lines right after a pull quote — are furniture too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from services.normaliser.patterns import (
    BYLINE,
    CAPTION_CREDIT,
    CAPTION_END,
    FURNITURE,
    MASTHEAD_DATE,
    PLAIN_BYLINE,
    SOURCE_LEAD,
    split_names,
)
from services.normaliser.rejoin import Para, heading_like

_FURNITURE_MAX = 120  # weather, links and masthead lines are short; a long paragraph is prose
_MD_PLAIN_HEAD_MAX = 25  # on markdown pages a plain line is a head only when short, right under a heading


@dataclass
class Block:
    kind: str  # head | subhead | byline | lead | body | caption | pull | marker_on | marker_from | furniture
    text: str = ""
    level: int = 0  # markdown heading level; 0 for plain text
    page: int | None = None
    names: list[str] = field(default_factory=list)  # byline / lead authors, caption photographer
    source: str | None = None
    dateline: str | None = None


def _lead(para: Para) -> Block:
    m = SOURCE_LEAD.match(para.text)
    assert m is not None
    source = (
        "本报讯" if m.group("source") == "本报讯" else ("新华社" if m.group("source").startswith("新华社") else "本报")
    )
    dateline = m.group("source") if source != "本报讯" else None
    names = split_names(m.group("authors")) if m.group("authors") else []
    return Block("lead", para.text[m.end() :].strip(), names=names, source=source, dateline=dateline)


def _caption(text: str) -> Block:
    m = CAPTION_END.search(text)
    who = m.group("who") if m else None
    credit = CAPTION_CREDIT.search(text)
    body = text[: credit.start()].strip() if credit else text
    return Block("caption", body, names=[who] if who else [])


def classify(paras: list[Para]) -> list[Block]:
    markdown = sum(p.kind == "heading" for p in paras) >= 2
    blocks: list[Block] = []
    for para in paras:
        kind, text = para.kind, para.text
        prev = blocks[-1] if blocks else None
        if kind == "heading":
            blocks.append(Block("head", text, level=para.level))
        elif kind == "bold":
            blocks.append(Block("subhead", text))
        elif kind == "byline":
            m = BYLINE.match(text) or PLAIN_BYLINE.match(text)
            blocks.append(Block("byline", text, names=split_names(m.group("names")) if m else []))
        elif kind == "lead":
            blocks.append(_lead(para))
        elif kind in ("pull", "marker_on", "marker_from"):
            blocks.append(Block(kind, text, page=para.page))
        elif kind == "teaser_ref":
            while blocks and blocks[-1].kind == "head":  # the teaser's title lines
                blocks.pop()
            blocks.append(Block("furniture", text))
        elif kind == "caption":
            block = _caption(text)
            teaser = prev is not None and prev.kind == "pull" and heading_like(block.text)
            blocks.append(Block("furniture", text) if teaser else block)
        elif len(text) <= _FURNITURE_MAX and (FURNITURE.search(text) or MASTHEAD_DATE.search(text)):
            blocks.append(Block("furniture", text))
        elif heading_like(text) and (
            not markdown or (len(text) <= _MD_PLAIN_HEAD_MAX and prev is not None and prev.kind == "head")
        ):
            blocks.append(Block("head", text.rstrip("，,、 ")))
        else:
            blocks.append(Block("body", text))
    return blocks
