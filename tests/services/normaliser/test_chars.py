from __future__ import annotations

import pytest

from services.normaliser.chars import normalise_chars


@pytest.mark.parametrize(
    "raw, clean",
    [
        ("ＡＢＣ１２３", "ABC123"),
        ("谢尔达尔 ·别尔德穆哈梅多夫", "谢尔达尔·别尔德穆哈梅多夫"),
        ("谢尔达尔・别尔德 • 穆哈", "谢尔达尔·别尔德·穆哈"),
        ("陈吉宁:全力提升,加快", "陈吉宁：全力提升，加快"),
        ("新项目?昨天!好;是", "新项目？昨天！好；是"),
        ("增长3.5%,达1,000元", "增长3.5%，达1,000元"),
        ("占113%;16个区", "占113%；16个区"),
        ("活动上,19家", "活动上，19家"),
        ("上海(长三角)国际", "上海（长三角）国际"),
        ("方案(2023-2025)》", "方案（2023-2025）》"),
        ("U-LAB(外高桥联合实验\n\n室平台)二期", "U-LAB（外高桥联合实验\n\n室平台）二期"),
        ("赋能\n;2025年", "赋能\n；2025年"),
        ("a\u200bb\u3000c", "ab c"),
        ("行一\r\n行二\r行三", "行一\n行二\n行三"),
    ],
)
def test_chinese_normalisation(raw, clean):
    assert normalise_chars(raw) == clean


@pytest.mark.parametrize(
    "text",
    ["Meet at 10:30, then go.", "see https://example.com/a?b=1,2", "3.5, 1,000 and 2,5", "f(x) = y (ok)"],
)
def test_latin_numbers_times_urls_untouched(text):
    assert normalise_chars(text) == text
