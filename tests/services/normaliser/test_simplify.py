from __future__ import annotations

from services.normaliser.simplify import to_simplified


def test_stray_traditional_character_in_simplified_text():
    text = "在深化高水平开放上持续用力，全方位大力度推进首創性改革、引领性开放。"
    assert to_simplified(text) == text.replace("創", "创")


def test_characters_that_are_also_simplified_are_never_touched():
    text = "著名作家乾隆年间之后的故事，" * 5
    assert to_simplified(text) == text


def test_a_traditional_page_is_left_as_printed():
    text = "中華人民共和國國務院總理在會議上發表講話，強調經濟發展與環境保護並重。"
    assert to_simplified(text) == text


def test_no_cjk():
    assert to_simplified("plain ASCII") == "plain ASCII"
