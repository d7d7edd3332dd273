"""Entities of one text from its tokens: PERSON / ORG / LOC by rules over the segmenter's tokens and
POS tags, DATE / TIME / MONEY / PERCENT / QUANTITY by patterns with values (`values.py`).

Names (PERSON), from strongest to weakest evidence:
- an office title or role right before (市委书记陈吉宁, 副市长宗明, 记者刘华); the title is the `role`;
- transliterated names joined by `·` (谢尔达尔·别尔德穆哈梅多夫), and runs of transliteration tokens;
- name lists separated by `、` in which one item is a name or which follow 出席/市领导/委员…;
- jieba's dictionary or HMM names (nr, nrfg, nrt) that start with a surname (single or compound);
- document-level propagation: a name found in a strong context is found at every occurrence;
- stop lists (weather, slogans, place names the HMM takes for names).

Places (LOC) are jieba's `ns` words, extended by an administrative or geographic suffix (省/市/区/县/
镇/街道/路/江/山…); organisations (ORG) are `nt` words and compounds that end in an organisation
suffix (委员会/集团/公司/大学/局/委/办…) after a place or name-like head. Overlaps are resolved by
evidence: values, then ORG compounds, then PERSON, then LOC.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from functools import lru_cache
from itertools import compress
from operator import and_, attrgetter, itemgetter, or_
from pathlib import Path
from typing import Any

from services.extractor.values import value_spans
from services.segmenter.engine import fold_width
from shared.types import Entity, Tokens

DATA = Path(__file__).resolve().parent / "data"


def _words(name: str) -> list[str]:
    out: list[str] = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            out.extend(line.split())
    return out


SURNAMES = frozenset(w for w in _words("surnames.txt") if len(w) == 1)
COMPOUND_SURNAMES = frozenset(w for w in _words("surnames.txt") if len(w) == 2)
TITLES = frozenset(_words("titles.txt"))
NAME_STOP = frozenset(_words("name_stop.txt"))
COMMON_NR = frozenset(_words("common_nr.txt"))

# Transliteration characters (public knowledge: the characters Xinhua's transliteration tables use most).
TRANSLIT = frozenset(
    "阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼毕别宾波伯博布查柴达戴丹道德邓迪蒂丁东杜多厄恩尔法菲费芬弗福盖甘冈戈格根"
    "古圭哈海汉豪赫亨胡华霍基吉加贾杰捷金卡凯坎康柯科克肯库夸奎拉莱兰朗劳勒雷里理利莉丽连林琳卢鲁路伦罗洛吕马玛"
    "迈麦曼芒毛梅门蒙米明莫默姆穆纳娜奈南内尼聂宁纽努诺欧帕潘佩彭皮普奇齐契乔切钦琼丘屈萨塞桑瑟森沙莎善舍什施斯"
    "松苏索塔泰坦汤唐特滕提图托瓦万威韦维温沃乌伍西希锡席夏谢辛休修雅亚扬耶叶伊因英尤于约泽扎詹哲珍兹佐朱茨贡"
    "赛翰普罗利埃莎娃诺夫"
)
DOTS = frozenset("·•・‧")
_DOTS_RE = re.compile("[·•・‧]")

# Single characters and words that end a name: function words, common verbs after a name.
NAME_BREAK = frozenset(
    "的了在和与及等是说也都就对到为将把被向从同跟给让由以于之并或而又还曾已均各该这那其此每今前后上下中内外里时"
    "年月日号个们会以表称讲说听看到来去有无不没很更最再才所并即"
) | frozenset(
    "主持 讲话 指出 表示 认为 强调 出席 参加 陪同 会见 会谈 一行 率团 介绍 说明 希望 要求 提出 参观 考察 调研 宣布 "
    "发表 致辞 致信 作出 批示 担任 当选 任命 先后 分别 共同 一起 带领 率领 代表 获得 荣获 今天 昨天".split()
)
LIST_TRIGGERS = frozenset(
    "市领导 区领导 领导 出席 参加 会见 委员 常委 嘉宾 同志 代表 有 包括 陪同 成员 以及 获奖者 "
    "主任 副主任 副市长 副区长".split()
)
_LIST_TRIGGER_RE = re.compile("|".join(map(re.escape, sorted(LIST_TRIGGERS, key=len, reverse=True))))
BYLINE_TITLES = frozenset("记者 通讯员 摄影 实习生 特约记者 首席记者 见习记者 编辑".split())

LOC_SUFFIXES = frozenset(
    "省 市 县 区 镇 乡 村 州 盟 旗 岛 街道 路 街 大道 公路 港 湾 江 河 湖 山 峰 海 洋 半岛 群岛 地区 新区 "
    "自治区 自治州 "
    "开发区 高新区 园区 片区 社区 小区 新村 广场 公园 机场 车站 站".split()
)
PLACE_END = frozenset("省市县区镇乡村州岛江河湖山路街港湾")
ORG_SUFFIXES = frozenset(
    "委员会 常委会 公司 有限公司 集团 银行 大学 学院 中学 小学 学校 幼儿园 医院 研究院 研究所 研究中心 中心 协会 学会 "
    "联合会 基金会 商会 工会 政府 人民政府 法院 检察院 公安局 局 部 厅 委 办 办公室 署 院 所 社 报 报社 日报 晚报 "
    "电视台 电台 党 总部 联盟 组织 军 军区 部队 俱乐部 工厂 厂 博物馆 图书馆 剧院 乐团 代表团 办事处 交易所 议会 "
    "国会 内阁 党委 党组 支部 工委 管委会 合作社 事务所 出版社 通讯社 新闻社 大使馆 领事馆 使馆 共青团 团委 妇联 "
    "科协 侨联 政协 人大 检察署 理事会 董事会 委员会办公室 基地 实验室 馆".split()
)
ORG_HEAD_TAGS = frozenset("ns nt nz nr nrt nrfg j x".split())
ORG_BODY_TAGS = frozenset("ns nt nz n nr nrt nrfg j x vn l b an ng nnt".split())
_NOT_NAME_TAGS = frozenset("v vn p c u uj ul d m q r f t".split())
PUNCT = frozenset("，。、；：？！,.;:?!（）()《》〈〉“”‘’\"' \t\n—-…·【】[]")

# Priorities when spans overlap (higher wins, then longer).
_PRIO = {"DATE": 6, "TIME": 6, "MONEY": 6, "PERCENT": 6, "QUANTITY": 5, "ORG": 4, "PERSON": 3, "LOC": 2}


_all_cjk = re.compile("[\u4e00-\u9fff]*").fullmatch  # all(map(is_cjk, s)), in C


def is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def surname_len(name: str) -> int:
    """Length of the surname `name` starts with (2 for 诸葛/欧阳…, 1, or 0 if none)."""
    if name[:2] in COMPOUND_SURNAMES and len(name) >= 3:
        return 2
    return 1 if name[:1] in SURNAMES else 0


def name_shaped(name: str) -> bool:
    """2–3 Chinese characters after a surname (4 with a compound surname), not a stop word."""
    n = surname_len(name)
    return n > 0 and 2 <= len(name) <= n + 2 and (_all_cjk(name) is not None) and name not in NAME_STOP


def is_translit(name: str) -> bool:
    return len(name) >= 2 and all(c in TRANSLIT for c in name)


class _Doc:
    """Tokens of one text as parallel lists, with the folded text."""

    __slots__ = ("ends", "n", "starts", "tags", "text", "words")

    def __init__(self, text: str, tokens: Tokens) -> None:
        self.text = fold_width(text)
        self.ends = tokens.ends
        self.starts = [0, *tokens.ends[:-1]]
        self.tags = tokens.pos
        self.words = list(map(self.text.__getitem__, map(slice, self.starts, self.ends)))
        self.n = len(self.ends)

    def grab_forward(self, i: int) -> tuple[int, int] | None:
        """A name starting at token i: tokens whose chars total 2–3 (4 with a compound surname)."""
        if i >= self.n:
            return None
        start = self.starts[i]
        first = self.words[i]
        if not first or not is_cjk(first[0]) or first in NAME_BREAK or first in TITLES:
            return None
        tag = self.tags[i]
        if len(first) >= 2 and not (tag.startswith("nr") or tag == "x" or first in COMPOUND_SURNAMES):
            return None  # a dictionary word that is not a name (市民申办, 代表区域)
        if len(first) >= 2 and tag.startswith("nr") and name_shaped(first) and first not in COMPOUND_SURNAMES:
            j = i + 1  # a dictionary name; extend by one char only for 2-char names cut short (陈凯/先)
            if len(first) == 2 and j < self.n and len(self.words[j]) == 1 and self._tail_char(j):
                return start, self.ends[j]
            return start, self.ends[i]
        limit = 4 if first[:2] in COMPOUND_SURNAMES else 3
        end, j = start, i
        while j < self.n and self.ends[j] - start <= limit:
            w = self.words[j]
            if (
                _all_cjk(w) is None
                or w in NAME_BREAK
                or w in TITLES
                or (j > i and (len(w) > 2 or self.tags[j] in _NOT_NAME_TAGS))
            ):
                break
            end = self.ends[j]
            j += 1
        name = self.text[start:end]
        return (start, end) if name_shaped(name) else None

    def _tail_char(self, j: int) -> bool:
        """Token j (one char) plausibly ends a 3-char name: then comes punctuation, a break word or the end."""
        w = self.words[j]
        if not is_cjk(w) or w in NAME_BREAK or self.tags[j] in ("v", "p", "c", "u", "uj", "d", "m", "q", "r"):
            return False
        nxt = self.words[j + 1] if j + 1 < self.n else ""
        return not nxt or nxt[0] in PUNCT or nxt in NAME_BREAK or nxt in TITLES

    def grab_backward(self, j: int) -> tuple[int, int] | None:
        """A name ending just before token j (its last 2–3 chars)."""
        if j <= 0:
            return None
        end = self.ends[j - 1]
        k = j - 1
        start = end
        while k >= 0 and end - self.starts[k] <= 4:
            w = self.words[k]
            if _all_cjk(w) is None or w in NAME_BREAK or w in TITLES:
                break
            start = self.starts[k]
            if name_shaped(self.text[start:end]) and (end - start >= 3 or k == 0 or not self._joins(k - 1)):
                return start, end
            k -= 1
        return None

    def _joins(self, k: int) -> bool:
        """Token k could be the start of a longer name (so a 2-char item is not yet complete)."""
        w = self.words[k]
        return len(w) == 1 and w in SURNAMES and w not in NAME_BREAK


_SEEN_TAGS: set[str] = set()
_HOT_TAGS: set[str] = set()  # the tags seen so far that start a name: nr, nrt, nrfg…, nnt (a title)


def _person_candidates(doc: _Doc) -> tuple[dict[tuple[int, int], str | None], set[str]]:
    """PERSON spans → role, and the set of strongly evidenced names (for propagation)."""
    text, words, tags = doc.text, doc.words, doc.tags
    found: dict[tuple[int, int], str | None] = {}
    strong: set[str] = set()

    def add(span: tuple[int, int] | None, role: str | None = None, is_strong: bool = False) -> None:
        if span is None:
            return
        if role is not None or span not in found:
            found[span] = role if role is not None else found.get(span)
        if is_strong:
            strong.add(text[span[0] : span[1]])

    # Transliterated names joined by a dot.
    if _DOTS_RE.search(text):
        for m in _DOTS_RE.finditer(text):
            i = m.start()
            if i == 0 or i + 1 >= len(text):
                continue
            s = i
            while s > 0 and text[s - 1] in TRANSLIT and i - s < 8:
                s -= 1
            if s == i:
                continue
            if any((a <= s < b) for a, b in found):  # part of a longer dotted name already
                continue
            e = i + 1
            while True:
                e0 = e
                while e < len(text) and text[e] in TRANSLIT and e - e0 < 8:
                    e += 1
                if e == e0:
                    e = e0 - 1  # drop a trailing dot
                    break
                if e < len(text) and text[e] in DOTS and e + 1 < len(text) and text[e + 1] in TRANSLIT:
                    e += 1
                    continue
                break
            if e - s >= 4 and e > i + 1:
                add((s, e), is_strong=True)

    n = doc.n
    # Only titles and name-like tags do anything below; visit just those tokens (in order).
    new_tags = set(tags) - _SEEN_TAGS
    if new_tags:
        _HOT_TAGS.update(t for t in new_tags if t.startswith("nr") or t == "nnt")
        _SEEN_TAGS.update(new_tags)
    short_x = map(and_, map(_X.__contains__, tags), map(_LEN_2_3.__contains__, map(len, words)))
    todo = compress(
        range(n), map(or_, map(or_, map(_HOT_TAGS.__contains__, tags), short_x), map(TITLES.__contains__, words))
    )
    next_i = 0
    for i in todo:
        if i < next_i:
            continue  # inside a run of transliteration tokens taken as one name
        w, tag = words[i], tags[i]
        # Title or role right before a name.
        if (w in TITLES or tag == "nnt") and i + 1 < n:
            span = doc.grab_forward(i + 1)
            if span is None and words[i + 1] in ("、", " ") and w in BYLINE_TITLES:
                span = None
            if span is not None:
                add(span, w, True)
                if w in BYLINE_TITLES:  # 记者 张三 李四 / 记者张三、李四
                    k = next((x for x in range(i + 1, n) if doc.ends[x] == span[1]), n) + 1
                    while k + 1 < n and words[k] in (" ", "、", "  "):
                        nxt = doc.grab_forward(k + 1)
                        if nxt is None:
                            break
                        add(nxt, w, True)
                        k = next((x for x in range(k + 1, n) if doc.ends[x] == nxt[1]), n) + 1
        # Dictionary / HMM names.
        if tag.startswith("nr") and (w[-1] in PLACE_END or (i + 1 < n and words[i + 1] in LOC_SUFFIXES)):
            continue  # 徐汇区, 中山/路: a place the dictionary calls a name
        if tag.startswith("nr") and len(w) >= 2 and w not in NAME_STOP and w not in COMMON_NR:
            if tag == "nrt" and not surname_len(w):
                pass  # transliteration pieces alone are mostly places or foreign words; dots and titles find names
            elif tag in ("nrt",) or (tag == "nrfg" and not surname_len(w)):
                # a run of transliteration tokens: 克林顿, 谢尔/达尔
                j = i
                while j + 1 < n and tags[j + 1] in ("nrt", "nr") and is_translit(words[j + 1]):
                    j += 1
                span_t = (doc.starts[i], doc.ends[j])
                if is_translit(text[span_t[0] : span_t[1]]) or tag == "nrfg" or j > i:
                    add(span_t)
                    next_i = j + 1
                    continue
                if surname_len(w):
                    add(doc.grab_forward(i))
            elif surname_len(w):
                add(doc.grab_forward(i), is_strong=tag == "nrfg" or len(w) == 3)
        elif tag == "nr" and len(w) == 1 and w in SURNAMES and i + 1 < n:
            # a surname cut off from its given name: 吴/朝晖
            follow = words[i + 1]
            if (
                1 <= len(follow) <= 2
                and (_all_cjk(follow) is not None)
                and follow not in NAME_BREAK
                and tags[i + 1] != "v"
            ):
                span = doc.grab_forward(i)
                if span is not None and span[1] - span[0] == 1 + len(follow):
                    add(span)
        elif tag == "x" and 2 <= len(w) <= 3 and name_shaped(w):
            add((doc.starts[i], doc.ends[i]))

    # Lists separated by 、: one name (or a trigger before the list) makes every name-shaped item a name.
    if "、" in text:
        _lists(doc, found, strong)
    return found, strong


def _lists(doc: _Doc, found: dict[tuple[int, int], str | None], strong: set[str]) -> None:
    words, n = doc.words, doc.n
    seps = list(compress(range(n), map(_COMMA.__contains__, words)))
    groups: list[list[int]] = []
    for k in seps:
        if groups and _gap_is_one_item(doc, groups[-1][-1], k):
            groups[-1].append(k)
        else:
            groups.append([k])
    for group in groups:
        # Items are at most 4 characters long and the trigger is in the 4 before the first: without a trigger
        # or a known name near the list, nothing can come of it (this skips most lists cheaply).
        lo, hi = doc.starts[group[0]], doc.ends[group[-1]]
        if _LIST_TRIGGER_RE.search(doc.text, max(0, lo - 8), lo) is None and not any(
            lo - 8 <= a and b <= hi + 8 for a, b in found
        ):
            continue
        items: list[tuple[int, int]] = []
        left = doc.grab_backward(group[0])
        if left:
            items.append(left)
        for n_k, k in enumerate(group):
            if n_k + 1 < len(group):  # an inner item is exactly the text between two 、
                a, b = doc.ends[k], doc.starts[group[n_k + 1]]
                if name_shaped(doc.text[a:b]):
                    items.append((a, b))
                continue
            right = doc.grab_forward(k + 1)
            if right:
                items.append(right)
        if len(items) < len(group) + 1 - 1:
            continue
        head = doc.starts[group[0]] - (left[1] - left[0] if left else 0)
        before = doc.text[max(0, head - 4) : head]
        trigger = _LIST_TRIGGER_RE.search(before) is not None
        known = sum(1 for it in items if it in found)
        role = next((found[it] for it in items if found.get(it)), None)
        if trigger or (known * 2 >= len(items) and known > 0):
            for it in items:
                if it not in found:
                    found[it] = role
                strong.add(doc.text[it[0] : it[1]])


def _gap_is_one_item(doc: _Doc, k1: int, k2: int) -> bool:
    """Between two 、 tokens there is a single short item (≤ 4 chars, no punctuation)."""
    s, e = doc.ends[k1], doc.starts[k2]
    return 0 < e - s <= 4 and (_all_cjk(doc.text[s:e]) is not None)


def _propagate(doc: _Doc, found: dict[tuple[int, int], str | None], strong: set[str]) -> None:
    text, ends = doc.text, doc.ends

    def at_boundary(pos: int) -> bool:  # a token starts at pos
        k = bisect_left(ends, pos)
        return pos == 0 or (k < len(ends) and ends[k] == pos)

    roles: dict[str, str] = {}
    for (s, e), role in found.items():
        if role:
            roles.setdefault(text[s:e], role)
    for name in strong:
        if len(name) < 2:
            continue
        pos = text.find(name)
        while pos >= 0:
            span = (pos, pos + len(name))
            if span not in found and at_boundary(pos):
                found[span] = None
            pos = text.find(name, pos + 1)
    for span in found:
        if found[span] is None:
            found[span] = roles.get(text[span[0] : span[1]])


def _locations(doc: _Doc) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    words, tags, n = doc.words, doc.tags, doc.n
    next_i = 0
    for i in compress(range(n), map(_LOC_TAGS.__contains__, tags)):
        if i < next_i:
            continue
        w, tag = words[i], tags[i]
        if (tag == "ns" and len(w) >= 2 and w not in NAME_STOP) or (
            tag != "ns" and len(w) >= 2 and i + 1 < n and words[i + 1] in LOC_SUFFIXES and is_cjk(w[0])
        ):
            j = i
            while j + 1 < n and words[j + 1] in LOC_SUFFIXES and len(w) + len(words[j + 1]) <= 8:
                j += 1
            out.append((doc.starts[i], doc.ends[j]))
            next_i = j + 1
    return out


_LOC_TAGS = frozenset(("ns", "nr", "nrt", "x"))
_ORG_TAGS = frozenset(("nt",))
_X = frozenset(("x",))
_LEN_2_3 = frozenset((2, 3))
_COMMA = frozenset("、")
_LAST2 = itemgetter(slice(-2, None))


def _organisations(doc: _Doc) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    words, tags, n = doc.words, doc.tags, doc.n
    # candidates: an organisation suffix, whole or as the last two characters, or an `nt` word
    ends_like_org = map(or_, map(ORG_SUFFIXES.__contains__, words), map(ORG_SUFFIXES.__contains__, map(_LAST2, words)))
    for i in compress(range(n), map(or_, ends_like_org, map(_ORG_TAGS.__contains__, tags))):
        w, tag = words[i], tags[i]
        suffix = w in ORG_SUFFIXES or (tag in ("nt", "n", "j") and len(w) >= 3 and w[-2:] in ORG_SUFFIXES)
        if tag == "nt" and len(w) >= 2 and not suffix:
            out.append((doc.starts[i], doc.ends[i]))
            continue
        if not suffix:
            continue
        # walk back over the body of the name to a proper head (place, organisation, name, abbreviation)
        k, head = i - 1, -1
        while k >= 0 and i - k <= 5 and tags[k] in ORG_BODY_TAGS and (_all_cjk(words[k]) is not None):
            if tags[k] in ORG_HEAD_TAGS:
                head = k
            k -= 1
        if head >= 0:
            out.append((doc.starts[head], doc.ends[i]))
        elif tag == "nt" and len(w) >= 2:
            out.append((doc.starts[i], doc.ends[i]))
    return out


def extract_entities(text: str, tokens: Tokens, page_date: dt.date | None) -> list[Entity]:
    """All entities of `text` (offsets into `text`), given its tokens; dates resolved against `page_date`."""
    if not text:
        return []
    return doc_entities(_Doc(text, tokens), text, page_date)


_RANK = itemgetter(0, 1, 2)
_POSITION = attrgetter("start", "end")
_new_entity = Entity.__pydantic_validator__.validate_python  # Entity(**fields) without the keyword-argument detour


def doc_entities(doc: _Doc, text: str, page_date: dt.date | None) -> list[Entity]:
    """`extract_entities` of a prepared `_Doc` of `text`."""
    cands: list[tuple[int, int, int, Any, object, str | None]] = []  # (-prio, -len, start, type, value, role)
    for vs, ve, vtype, value in value_spans(doc.text, page_date):
        cands.append((-_PRIO[vtype], vs - ve, vs, vtype, value, None))
    persons, strong = _person_candidates(doc)
    _propagate(doc, persons, strong)
    for (a, b), role in persons.items():
        cands.append((-_PRIO["PERSON"], a - b, a, "PERSON", None, role))
    for a, b in _organisations(doc):
        cands.append((-_PRIO["ORG"], a - b, a, "ORG", None, None))
    for a, b in _locations(doc):
        cands.append((-_PRIO["LOC"], a - b, a, "LOC", None, None))
    cands.sort(key=_RANK)
    taken = bytearray(len(text))
    out: list[Entity] = []
    for _, neg_len, start, etype, value, role in cands:
        end = start - neg_len
        if taken.find(1, start, end) >= 0:  # overlaps a span already taken
            continue
        taken[start:end] = b"\x01" * (end - start)
        out.append(
            _new_entity(
                {"text": text[start:end], "type": etype, "start": start, "end": end, "value": value, "role": role}
            )
        )
    out.sort(key=_POSITION)
    return out


@lru_cache(maxsize=1)
def load() -> None:
    """Warm everything up (lists, cn2an) so a worker pays it before forking."""
    from services.extractor.values import cn_number

    cn_number("三千")


def pattern_entities(text: str, page_date: dt.date | None) -> list[Entity]:
    """Only the value entities (DATE/TIME/MONEY/PERCENT/QUANTITY), overlaps resolved."""
    return [e for e in extract_entities(text, Tokens(ends=[len(text)], pos=["x"]), page_date) if e.type not in _NAMES]


_NAMES = {"PERSON", "ORG", "LOC"}
