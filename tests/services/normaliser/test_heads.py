from __future__ import annotations

from services.normaliser.heads import Heads, split_heads


def test_markdown_levels():
    lines = [("打造具有全球影响力的生物医药上海高地", 3), ("总投资达147亿元 全链发展", 4), ("24个项目集中签约", 1)]
    assert split_heads(lines, False) == Heads(
        "24个项目集中签约", "打造具有全球影响力的生物医药上海高地", "总投资达147亿元 全链发展"
    )


def test_markdown_banner_next_to_a_title_is_dropped():
    lines = [("学党史 悟思想 办实事 开新局", 2), ("承接改革试点——", 3), ("20多人政务小窗口", 1)]
    assert split_heads(lines, False) == Heads("20多人政务小窗口", "承接改革试点——", None)
    assert split_heads([("普陀区开发平台——", 3), ("手机一键办理", 1), ("加快建设高水平人才高地", 2)], False) == Heads(
        "手机一键办理", "普陀区开发平台——", None
    )


def test_plain_title_before_body():
    assert split_heads([("引题", 0), ("主题", 0), ("副题", 0)], False) == Heads("主题", "引题", "副题")
    assert split_heads([("陈吉宁：全力提升", 0), ("主持学习会", 0)], False) == Heads(
        "陈吉宁：全力提升", None, "主持学习会"
    )
    assert split_heads([("静安区企业数量列全市第一", 0), ("让技术找到场景 让企业找到伙伴", 0)], False) == Heads(
        "让技术找到场景 让企业找到伙伴", "静安区企业数量列全市第一", None
    )


def test_plain_title_after_body_reads_title_last():
    assert split_heads([("副题 某某出席", 0), ("引题", 0), ("主题", 0)], True) == Heads("主题", "引题", "副题 某某出席")
    assert split_heads([("外高桥集团持续发力新赛道——", 0), ("产业上下游都可在“邻居”中找到", 0)], True) == Heads(
        "产业上下游都可在“邻居”中找到", "外高桥集团持续发力新赛道——", None
    )
