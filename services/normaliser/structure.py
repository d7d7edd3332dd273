"""Page structure, first cut: furniture, masthead facts, bylines, continuation markers, articles.

An article starts at a byline or source line (■本报记者 X, □记者 X, 本报讯, 新华社…电) or at a
top-level markdown heading; the short heading-like paragraphs just before it are its title lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from shared.types import ArticleText, Caption, PageMeta

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}

FURNITURE = re.compile(
    r"(温度[：:]\s*最低|最高\d+℃|风\d-\d级|准印证号|APP$|微信$|微博$|抖音$|数字报|<https?://|^https?://)"
)
MASTHEAD_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*星期[一二三四五六日天]")
MASTHEAD_ISSUE = re.compile(r"第(\d+)期(?:（总第(\d+)期）|\(总第(\d+)期\))?")
MASTHEAD_PUBLICATION = re.compile(r"《([^》]{1,20}报)》")
CONTINUED_ON = re.compile(r"▼?\s*下转第([一二三四五六七八九十\d]+)版")
CONTINUED_FROM = re.compile(r"[（(]\s*上接第([一二三四五六七八九十\d]+)版\s*[）)]")
BYLINE = re.compile(r"^[■□]\s*(?:本报)?(?:特约)?(?:记者|通讯员|见习记者)\s*(.+)$")
TRAILING_BYLINE = re.compile(r"^(?:本报)?记者\s*([\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4})*)$")
SOURCE_LEAD = re.compile(
    r"^(本报讯|新华社(?P<place>[\u4e00-\u9fff]{0,8}?)(?P<date>\d{1,2}月\d{1,2}日)电)"
    r"\s*(?:[（(]\s*(?:本报)?记者\s*(?P<authors>[^）)]{1,40})[）)])?\s*"
)
CAPTION = re.compile(r"(?:本报|新华社)?记者\s*([\u4e00-\u9fff]{2,4})\s*摄[。]?$")
PULL_QUOTE = re.compile(r"^■\s*\S")
HEADING = re.compile(r"^(#{1,6})\s*(.+)$")


def page_number(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    if token in _CN_DIGITS:
        return _CN_DIGITS[token]
    if len(token) == 2 and token[0] == "十":
        return 10 + _CN_DIGITS.get(token[1], 0)
    if len(token) == 2 and token[1] == "十":
        return _CN_DIGITS.get(token[0], 0) * 10
    return None


def split_names(text: str) -> list[str]:
    return [n for n in re.split(r"[\s、，,]+", text.strip()) if n]


def masthead(paragraphs: list[str], meta: PageMeta) -> PageMeta:
    for p in paragraphs[:15]:
        if meta.date is None and (m := MASTHEAD_DATE.search(p)):
            meta.date = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
        if meta.issue is None and "准印证号" in p and (m := MASTHEAD_ISSUE.search(p)):
            meta.issue = m.group(0)
        if meta.publication is None and (m := MASTHEAD_PUBLICATION.search(p)):
            meta.publication = m.group(1)
    return meta


@dataclass
class _Draft:
    heads: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    dateline: str | None = None
    continued_on: int | None = None
    continued_from: int | None = None
    captions: list[Caption] = field(default_factory=list)

    def to_article(self) -> ArticleText | None:
        heads = [h for h in self.heads if h]
        if not self.body and not heads:
            return None
        if not heads:
            heads = [self.body[0][:30]]
        title = max(heads, key=len) if len(heads) > 1 else heads[0]
        idx = heads.index(title)
        kicker = "".join(heads[:idx]) or None
        subtitle = "".join(heads[idx + 1 :]) or None
        return ArticleText(
            title=title,
            kicker=kicker,
            subtitle=subtitle,
            authors=self.authors,
            source=self.source,
            dateline=self.dateline,
            continued_on=self.continued_on,
            continued_from=self.continued_from,
            body="\n".join(self.body),
            captions=self.captions,
        )


def _is_heading_like(p: str) -> bool:
    return len(p) <= 60 and not re.search(r"[。！？]$", p)


def split_articles(paragraphs: list[str]) -> list[ArticleText]:
    drafts: list[_Draft] = []
    current: _Draft | None = None
    pending_heads: list[str] = []

    def start() -> _Draft:
        nonlocal current, pending_heads
        current = _Draft(heads=pending_heads)
        pending_heads = []
        drafts.append(current)
        return current

    for para in paragraphs:
        if FURNITURE.search(para) or MASTHEAD_DATE.search(para):
            continue
        if m := HEADING.match(para):
            level, text = len(m.group(1)), m.group(2).strip()
            if level == 1 or current is None or current.body:
                if level <= 2 and current is not None and current.body and not current.authors:
                    current.body.append(text)  # subhead inside an article without a new byline
                else:
                    pending_heads.append(text)
            else:
                pending_heads.append(text)
            continue
        cont_on = CONTINUED_ON.search(para)
        cont_from = CONTINUED_FROM.search(para)
        if cont_on:
            para = CONTINUED_ON.sub("", para).strip()
        if cont_from:
            para = CONTINUED_FROM.sub("", para).strip()
        if not para:  # the paragraph was only a continuation marker
            if current is not None:
                if cont_on:
                    current.continued_on = page_number(cont_on.group(1))
                if cont_from and current.continued_from is None:
                    current.continued_from = page_number(cont_from.group(1))
            continue
        if m := BYLINE.match(para):
            d = start()
            d.authors = split_names(m.group(1))
            d.continued_from = page_number(cont_from.group(1)) if cont_from else None
            continue
        if m := SOURCE_LEAD.match(para):
            d = start()
            d.source = "新华社" if m.group(1).startswith("新华社") else "本报讯"
            if m.group("date"):
                d.dateline = m.group(0).split("（")[0].split("(")[0].strip()
            if m.group("authors"):
                d.authors = split_names(m.group("authors"))
            para = para[m.end() :]
        elif m := CAPTION.search(para):
            target = current or start()
            target.captions.append(Caption(text=para, photographer=m.group(1)))
            continue
        elif PULL_QUOTE.match(para):
            continue  # pull quotes repeat the body
        elif current is None or (_is_heading_like(para) and current.body and len(para) <= 40):
            pending_heads.append(para)
            continue
        elif pending_heads:
            current.body.extend(pending_heads)
            pending_heads = []
        if current is None:
            current = start()
        if cont_from and current.continued_from is None:
            current.continued_from = page_number(cont_from.group(1))
        if para:
            current.body.append(para)
        if cont_on:
            current.continued_on = page_number(cont_on.group(1))
    if current is not None and pending_heads:
        current.body.extend(pending_heads)
    return [a for d in drafts if (a := d.to_article()) is not None]
