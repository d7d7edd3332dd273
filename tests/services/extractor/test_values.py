from __future__ import annotations

import datetime as dt

import pytest

from services.extractor.values import cn_number, value_entities

PAGE = dt.date(2023, 6, 26)


def _values(text, page_date=PAGE):
    return {e.text: (e.type, e.value) for e in value_entities(text, page_date)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三千五百万", 35_000_000),
        ("一百零五", 105),
        ("两千", 2000),
        ("一亿二千万", 120_000_000),
        ("1.25万", 12_500),
        ("147亿", 14_700_000_000),
        ("1,234.5", 1234.5),
    ],
)
def test_cn_number(text, expected):
    assert cn_number(text) == expected


def test_money_percent_quantity():
    v = _values("总投资达147亿元，投入三千五百万元，合格率99.9%，增长百分之五，新增1.25万亩，约3亿美元。")
    assert v["147亿元"] == ("MONEY", {"amount": 14_700_000_000, "unit": "CNY"})
    assert v["三千五百万元"] == ("MONEY", {"amount": 35_000_000, "unit": "CNY"})
    assert v["3亿美元"] == ("MONEY", {"amount": 300_000_000, "unit": "USD"})
    assert v["99.9%"] == ("PERCENT", 0.999)
    assert v["百分之五"] == ("PERCENT", 0.05)
    assert v["1.25万亩"] == ("QUANTITY", {"amount": 12_500, "unit": "亩"})


def test_absolute_dates():
    v = _values("2023年6月26日开会，1月6日签约，二〇二三年十月完工，2022年全年。")
    assert v["2023年6月26日"] == ("DATE", "2023-06-26")
    assert v["1月6日"] == ("DATE", "2023-01-06")  # the page's year
    assert v["二〇二三年十月"] == ("DATE", "2023-10")
    assert v["2022年"] == ("DATE", "2022")
    assert _values("1月6日签约", None)["1月6日"] == ("DATE", None)


def test_relative_dates_against_the_page_date():
    v = _values("昨天举行；今年目标；去年前三季度增长；明年底建成；今年上半年；明天开幕。")
    assert v["昨天"] == ("DATE", "2023-06-25")
    assert v["明天"] == ("DATE", "2023-06-27")
    assert v["今年"] == ("DATE", "2023")
    assert v["去年前三季度"] == ("DATE", "2022-01-01/2022-09-30")
    assert v["明年底"] == ("DATE", "2024-12")
    assert v["今年上半年"] == ("DATE", "2023-01-01/2023-06-30")
    unknown = _values("昨天举行；去年前三季度增长", None)
    assert unknown["昨天"] == ("DATE", None) and unknown["去年前三季度"] == ("DATE", None)


def test_times():
    v = _values("上午10时30分开幕，下午3时闭幕，19:30演出。")
    assert v["上午10时30分"] == ("TIME", "10:30")
    assert v["下午3时"] == ("TIME", "15:00")
    assert v["19:30"] == ("TIME", "19:30")
