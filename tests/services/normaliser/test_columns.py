"""Column breaks the text order got wrong: reversed fragments and interleaved columns (columns.py)."""

from __future__ import annotations

from services.normaliser.columns import reorder_reversed, untangle


def test_a_sentence_cut_at_the_end_is_completed_by_a_fragment_printed_before_it():
    body = [
        "开头一段，说明了会议的情况。",
        "将超过300家，其中一半在郊区。这是后半段的内容。",
        "另一段话，结尾有标点。",
        "小标题在这里",
        "根据市里的规划，到明年年底，全市各区的早餐示范点数量",
    ]
    assert reorder_reversed(body) == [
        "开头一段，说明了会议的情况。",
        "小标题在这里",
        "根据市里的规划，到明年年底，全市各区的早餐示范点数量将超过300家，其中一半在郊区。这是后半段的内容。",
        "另一段话，结尾有标点。",
    ]


def test_no_reordering_without_a_fragment_that_opens_mid_sentence():
    body = ["开头一段。", "据了解，这是一段完整的话。", "根据规划，到明年年底，全市的示范点数量"]
    assert reorder_reversed(body) == body
    assert reorder_reversed(["开头一段。", "将来的事，谁也说不好。"]) == ["开头一段。", "将来的事，谁也说不好。"]


def test_paragraphs_of_the_story_above_printed_inside_the_next_go_back():
    above = (
        ["洋山港码头集装箱吞吐量创新高"],
        ["洋山港四期自动化码头昨天迎来第一千万标准箱，码头负责人张海峰介绍了自动化码头的运营情况。"],
    )
    below = (
        ["社区食堂开进老小区"],
        [
            "虹口区第一家社区长者食堂昨天开张，居民们排队品尝新菜。",
            "张海峰说，洋山港四期自动化码头的桥吊和无人集卡运行稳定，标准箱吞吐量还将继续提高。",
            "长者食堂由街道和社区居民共同商量开办，菜价比市场便宜，居民们都说好。",
        ],
    )
    untangle([above, below])
    assert above[1][-1].startswith("张海峰说")
    assert [p[:4] for p in below[1]] == ["虹口区第", "长者食堂"]


def test_a_paragraph_sharing_words_with_the_story_above_but_more_with_its_own_stays():
    above = (["上海推进数字化转型"], ["市政府昨天召开会议，部署推进城市数字化转型工作，要求各区加快推进。"])
    below = (
        ["徐汇发布人工智能产业政策"],
        [
            "徐汇区昨天发布人工智能产业新政，支持大模型企业在徐汇区落户。",
            "按照市政府数字化转型的要求，徐汇区人工智能产业新政向大模型企业倾斜，落户徐汇区的企业可获补贴。",
        ],
    )
    untangle([above, below])
    assert len(above[1]) == 1 and len(below[1]) == 2
