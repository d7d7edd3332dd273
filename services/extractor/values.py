"""DATE, TIME, MONEY, PERCENT and QUANTITY mentions with resolved values.

- DATE `value` is an ISO 8601 date at the precision the text gives: `2023-06-26`, `2023-06`, `2023`,
  or an interval `2022-01-01/2022-09-30` (去年前三季度); relative expressions (昨天, 今年, 明年底) are
  resolved against the page date and are null when it is unknown; month-day dates (1月6日) take the
  page's year.
- TIME `value` is `HH:MM` on a 24-hour clock (下午3时 → `15:00`).
- MONEY `value` is `{"amount": number, "unit": ISO currency}` (147亿元 → 14700000000 CNY).
- PERCENT `value` is a fraction (99.9% → 0.999, 百分之五 → 0.05).
- QUANTITY `value` is `{"amount": number, "unit": str}` (1.25万亩 → 12500 亩).

Chinese numerals (三千五百万, 两千) are read with cn2an.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from shared.types import Entity

_CN_DIGITS = "零〇○一二两三四五六七八九"
_CN_NUM = "零〇○一二两三四五六七八九十百千万亿"
_DIGIT_OF = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "两": 2}

# A number: Arabic (with thousands separators / decimals) or Chinese, optionally followed by a scale.
_ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
_NUMBER = rf"(?:{_ARABIC}[十百千]?(?:万亿|万|亿)?|[{_CN_NUM}]{{2,}}|[一二两三四五六七八九十](?=[万亿千百]))"

CURRENCIES = {
    "元": "CNY",
    "人民币": "CNY",
    "块": "CNY",
    "美元": "USD",
    "欧元": "EUR",
    "日元": "JPY",
    "英镑": "GBP",
    "港元": "HKD",
    "港币": "HKD",
    "卢布": "RUB",
    "韩元": "KRW",
}
QUANTITY_UNITS = (
    "平方公里 平方千米 平方米 立方米 公顷 亩 公里 千米 米 厘米 毫米 吨 公斤 千克 克 斤 升 毫升 千瓦时 千瓦 瓦 兆瓦 度 "
    "标准箱 箱 人次 人 户 家 个 项 件 套 辆 台 架 艘 座 所 条 场 名 位 批 只 头 株 棵 本 册 部 篇 次 岁 天 小时 分钟"
).split()
_UNIT_ALT = "|".join(sorted(QUANTITY_UNITS, key=len, reverse=True))
_CUR_ALT = "|".join(sorted((c for c in CURRENCIES if c != "人民币"), key=len, reverse=True))

_MONEY = re.compile(rf"(?=[人\d{_CN_NUM}])(?:人民币)?({_NUMBER})(多|余)?({_CUR_ALT})")
_PERCENT = re.compile(rf"(?=[\d百])(?:({_ARABIC})\s?%|百分之([{_CN_NUM}点]+|{_ARABIC}))")
_QUANTITY = re.compile(rf"(?=[\d{_CN_NUM}])({_NUMBER})(多|余)?({_UNIT_ALT})(?![元%])")

_YMD = re.compile(
    rf"(?=[\d{_CN_DIGITS}])"
    rf"(\d{{4}}|[{_CN_DIGITS}]{{4}})年(?:(\d{{1,2}}|[{_CN_NUM}]{{1,3}})月(?:(\d{{1,2}}|[{_CN_NUM}]{{1,3}})[日号])?)?"
)
_MD = re.compile(
    rf"(?=[\d{_CN_NUM}])(?<![年\d{_CN_NUM}])(\d{{1,2}}|[{_CN_NUM}]{{1,3}})月(\d{{1,2}}|[{_CN_NUM}]{{1,3}})[日号]"
)
_DAY_REL = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "明日": 1, "后天": 2}
_YEAR_REL = {"今年": 0, "本年": 0, "去年": -1, "明年": 1, "前年": -2, "后年": 2}
_PERIOD = (
    r"(前三季度|第一季度|第二季度|第三季度|第四季度|一季度|二季度|三季度|四季度|上半年|下半年|年初|年底|年末|年中|底|末|初"
    r"|(?:\d{1,2}|[一二三四五六七八九十]{1,2})月(?:份)?)?"
)
_REL = re.compile(rf"(?=[今昨前明后本去])(?:({'|'.join(_DAY_REL)})|({'|'.join(_YEAR_REL)}){_PERIOD})")
_TIME = re.compile(
    r"(?=[上下晚凌早中傍夜\d一二三四五六七八九十])"
    r"(上午|下午|晚上|晚间|凌晨|早上|中午|傍晚|夜间)?(\d{1,2}|[一二三四五六七八九十]{1,3})[时点](?:(\d{1,2}|半)分?)?"
)
_CLOCK = re.compile(r"(?=\d)(?<![\d:])([01]?\d|2[0-3]):([0-5]\d)(?![\d:])")

_ANY_NUMBER = re.compile(rf"[\d{_CN_NUM}]")
_CURRENCY_CHAR = re.compile("[元币块镑布]")  # every currency in CURRENCIES has one
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "第一": 1, "第二": 2, "第三": 3, "第四": 4}


_UNITS = {"十": 10, "百": 100, "千": 1000}
_SCALES = {"万": 10_000, "亿": 100_000_000}
_ARABIC_SCALED = re.compile(r"(\d+(?:\.\d+)?)([十百千]?)(万亿|万|亿)?")


def _cn_integer(text: str) -> int | None:
    """Plain Chinese integer numerals (三千五百万, 一百零五, 两千); None for anything else."""
    total = section = digit = 0
    for ch in text:
        if ch in _DIGIT_OF:
            digit = _DIGIT_OF[ch]
        elif ch in _UNITS:
            section += (digit or 1) * _UNITS[ch]
            digit = 0
        elif ch in _SCALES:
            scale = _SCALES[ch]
            if scale == 100_000_000:
                total = (total + section + digit) * scale
            else:
                total += (section + digit) * scale
            section = digit = 0
        else:
            return None
    return total + section + digit


def cn_number(text: str) -> float | None:
    """A number written in Arabic or Chinese numerals, with 万/亿 scales: 三千五百万 → 35000000.

    Plain forms are read here; anything else (mixed or unusual forms) is left to cn2an.
    """
    text = text.replace(",", "")
    try:
        return float(text)
    except ValueError:
        pass
    m = _ARABIC_SCALED.fullmatch(text)
    if m:
        value = float(m.group(1)) * (_UNITS[m.group(2)] if m.group(2) else 1)
        for ch in m.group(3) or "":
            value *= _SCALES[ch]
        return value
    if text and all(c in _DIGIT_OF or c in _UNITS or c in _SCALES for c in text):
        small = _cn_integer(text)
        if small is not None:
            return float(small)
    import cn2an  # imported on first use only: it costs 0.15 s

    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def _small(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    value = cn_number(text)
    return int(value) if value is not None and value.is_integer() else None


def _year(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if all(c in _DIGIT_OF for c in text):  # 二〇二三 is read digit by digit
        return int("".join(str(_DIGIT_OF[c]) for c in text))
    return None


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else round(value, 6)


def _date(y: int, m: int | None = None, d: int | None = None) -> str | None:
    try:
        if d is not None and m is not None:
            return dt.date(y, m, d).isoformat()
        if m is not None:
            return f"{dt.date(y, m, 1):%Y-%m}"
        return f"{y:04d}" if 1 <= y <= 9999 else None
    except ValueError:
        return None


def _interval(y: int, m1: int, m2: int) -> str:
    return f"{dt.date(y, m1, 1).isoformat()}/{dt.date(y, m2, calendar.monthrange(y, m2)[1]).isoformat()}"


def _period_value(year: int, period: str | None) -> str | None:
    if not period:
        return _date(year)
    if period == "前三季度":
        return _interval(year, 1, 9)
    if period.endswith("季度"):
        q = _QUARTERS.get(period[:-2])
        return _interval(year, 3 * q - 2, 3 * q) if q else None
    if period == "上半年":
        return _interval(year, 1, 6)
    if period == "下半年":
        return _interval(year, 7, 12)
    if period in ("年初", "初"):
        return _date(year, 1)
    if period in ("年底", "年末", "底", "末"):
        return _date(year, 12)
    if period == "年中":
        return _date(year, 6)
    month = _small(period.rstrip("份").rstrip("月"))
    return _date(year, month) if month else None


Span = tuple[int, int, str, Any]  # (start, end, type, value)


def _ent(m: re.Match[str], etype: str, value: Any) -> Span:
    return (m.start(), m.end(), etype, value)


def value_entities(text: str, page_date: dt.date | None) -> list[Entity]:
    """Every DATE/TIME/MONEY/PERCENT/QUANTITY mention in `text` (possibly overlapping; the caller resolves)."""
    return [Entity(text=text[s:e], type=t, start=s, end=e, value=v) for s, e, t, v in value_spans(text, page_date)]


def value_spans(text: str, page_date: dt.date | None) -> list[Span]:
    """`value_entities` as (start, end, type, value) tuples, in the same order."""
    found: list[Span] = []
    has_digit = _ANY_NUMBER.search(text) is not None
    if "年" in text:
        for m in _YMD.finditer(text):
            y = _year(m.group(1))
            mo = _small(m.group(2)) if m.group(2) else None
            d = _small(m.group(3)) if m.group(3) else None
            if y is not None and (m.group(2) is None or mo) and (m.group(3) is None or d):
                found.append(_ent(m, "DATE", _date(y, mo, d)))
    if "月" in text:
        for m in _MD.finditer(text):
            mo, d = _small(m.group(1)), _small(m.group(2))
            value = _date(page_date.year, mo, d) if page_date and mo and d else None
            found.append(_ent(m, "DATE", value))
    for m in _REL.finditer(text):
        if m.group(1):
            value = (page_date + dt.timedelta(days=_DAY_REL[m.group(1)])).isoformat() if page_date else None
        else:
            value = _period_value(page_date.year + _YEAR_REL[m.group(2)], m.group(3)) if page_date else None
        found.append(_ent(m, "DATE", value))
    if not has_digit:
        return found
    for m in _TIME.finditer(text) if ("时" in text or "点" in text) else ():
        hour = _small(m.group(2))
        minute = 30 if m.group(3) == "半" else (_small(m.group(3)) if m.group(3) else 0)
        if hour is None or minute is None or hour > 24 or minute > 59:
            continue
        if m.group(1) in ("下午", "晚上", "晚间", "傍晚", "夜间") and hour < 12:
            hour += 12
        if not m.group(1) and not m.group(3) and m.group(0).endswith("点"):
            continue  # 3点 alone is too often "three points"
        found.append(_ent(m, "TIME", f"{hour % 24:02d}:{minute:02d}"))
    for m in _CLOCK.finditer(text) if ":" in text else ():
        found.append(_ent(m, "TIME", f"{int(m.group(1)):02d}:{m.group(2)}"))
    for m in _MONEY.finditer(text) if _CURRENCY_CHAR.search(text) else ():
        amount = cn_number(m.group(1))
        if amount is not None:
            found.append(_ent(m, "MONEY", {"amount": _number(amount), "unit": CURRENCIES[m.group(3)]}))
    for m in _PERCENT.finditer(text) if ("%" in text or "百分之" in text) else ():
        raw = m.group(1) or m.group(2)
        number = cn_number(raw.replace("点", ".")) if "点" not in raw else _point_number(raw)
        if number is not None:
            found.append(_ent(m, "PERCENT", round(number / 100, 10)))
    for m in _QUANTITY.finditer(text):
        amount = cn_number(m.group(1))
        if amount is not None:
            found.append(_ent(m, "QUANTITY", {"amount": _number(amount), "unit": m.group(3)}))
    return found


def _point_number(raw: str) -> float | None:
    whole, _, frac = raw.partition("点")
    w = cn_number(whole) if whole else 0.0
    digits = "".join(str(_DIGIT_OF[c]) for c in frac if c in _DIGIT_OF)
    return None if w is None else float(f"{int(w)}.{digits or 0}")
