"""Regular expressions and small helpers shared by the reader's steps (no logic of their own)."""

from __future__ import annotations

import re

CJK = r"\u3400-\u4dbf\u4e00-\u9fff"
NAME = rf"[{CJK}][{CJK}·]{{1,9}}"
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
PAGE_NO = r"[一二三四五六七八九十\d]{1,3}"

# Sentence-final punctuation: a line ending with one of these ends a paragraph.
TERMINAL = re.compile(r"(?:[。！？!?…；]|[。！？!?…][”’」』）)]|——)$")
# "陈吉宁主持 对新冠…", "耐心投入 形成创新生态圈": a space between CJK characters marks headline type.
HEADLINE_SPACE = re.compile(rf"[{CJK}”“《》]\s+[{CJK}“《]")
# A paragraph that opens with a verb of saying continues a sentence whose subject was cut off.
# "话。市委常委…", "议，传达…": one character and a stop cannot open a paragraph; it ends a wrapped word.
WORD_TAIL = re.compile(rf"^[{CJK}][，。、；：！？”]")
SPEECH_START = re.compile(r"^(?:介绍道?|表示|指出|强调|认为|说道?|称|透露|坦言|告诉记者)[，：,:]")

CONTINUED_ON = re.compile(rf"[▼▽]?\s*[（(]?\s*下转第({PAGE_NO})版\s*[）)]?")
CONTINUED_FROM = re.compile(rf"[（(]\s*上接第({PAGE_NO})版\s*[）)]")
TEASER_REF = re.compile(rf"^(?:详见|见|刊)第({PAGE_NO})版$")
BYLINE = re.compile(
    rf"^[■□▲●◆]\s*(?:本报|本刊)?(?:特约|见习|首席)?(?:记者|通讯员|撰稿|评论员)\s*(?P<names>{NAME}(?:[\s、，]+{NAME})*)$"
)
PLAIN_BYLINE = re.compile(
    rf"^(?:本报|本刊)(?:特约|见习|首席)?(?:记者|通讯员)\s*(?P<names>{NAME}(?:[\s、，]+{NAME}){{0,4}})$"
)
SOURCE_LEAD = re.compile(
    rf"^(?P<source>本报讯|本报(?P<bplace>[{CJK}]{{2,6}}?)(?P<bdate>\d{{1,2}}月\d{{1,2}}日)电"
    rf"|新华社(?P<place>[{CJK}]{{0,8}}?)(?P<date>\d{{1,2}}月\d{{1,2}}日)电)"
    rf"\s*(?:[（(]\s*(?:本报)?(?:记者|通讯员)\s*(?P<authors>[^）)]{{1,40}})[）)])?\s*"
)
CAPTION_END = re.compile(rf"(?:(?:记者|通讯员|摄影)\s*|\s)(?P<who>{NAME})\s*摄[。.]?$")
CAPTION_CREDIT = re.compile(rf"\s*(?:(?:本报|新华社|特约)?(?:记者|通讯员|摄影)\s*)?{NAME}\s*摄[。.]?$")
PULL_QUOTE = re.compile(r"^[■□]\s*\S")
MD_HEADING = re.compile(r"^(#{1,6})\s*(.+?)\s*#*$")
MD_BOLD = re.compile(r"^\*\*(.+?)\*\*\s*$")

FURNITURE = re.compile(
    r"(温度[：:]\s*最低|最高\d+℃|风\d-\d级|准印证号|\bAPP$|App$|微信$|微博$|抖音$|数字报|<https?://|^https?://"
    r"|^第\d+版$|^责任编辑|^版式|^美编|^校对)"
)
MASTHEAD_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*星期[一二三四五六日天]")
MASTHEAD_ISSUE = re.compile(r"第(\d+)期(?:[（(]总第\d+期[）)])?")
MASTHEAD_PUBLICATION = re.compile(r"《([^》]{1,20}报)》")


def page_number(token: str) -> int | None:
    """'3' → 3, '三' → 3, '十二' → 12."""
    if token.isdigit():
        return int(token)
    if token in _CN_DIGITS:
        return _CN_DIGITS[token]
    if len(token) == 2 and token[0] == "十":
        return 10 + _CN_DIGITS.get(token[1], 0)
    if len(token) == 2 and token[1] == "十":
        return _CN_DIGITS.get(token[0], 0) * 10
    if len(token) == 3 and token[1] == "十":
        return _CN_DIGITS.get(token[0], 0) * 10 + _CN_DIGITS.get(token[2], 0)
    return None


def split_names(text: str) -> list[str]:
    return [n for n in re.split(r"[\s、，,]+", text.strip()) if n]


_NARROW = "，。、；：？！“”‘’（）《》〈〉「」『』—…·"
_WIDE = re.compile(rf"[^\u0000-\u10ff{_NARROW}]")


def width(text: str) -> int:
    """Printed width in half-em cells: ideographs 2; ASCII and Chinese punctuation 1 (print squeezes it)."""
    return len(text) + len(_WIDE.findall(text))
