from __future__ import annotations

from services.normaliser.blocks import classify
from services.normaliser.lines import split_lines
from services.normaliser.rejoin import rejoin


def blocks(text: str):
    return classify(rejoin(split_lines(text)))


def test_leads_bylines_captions_and_furniture():
    text = (
        "今天晴到多云 温度：最低6℃ 最高13℃\n\n"
        "新华社北京1月6日电（记者刘华）1月6日上午，会谈举行。\n\n"
        "本报讯 （记者 张钰芸） 新年开新局。\n\n"
        "□记者 刘坤 陈文卿\n\n"
        "习近平在人民大会堂北大厅举行欢迎仪式。新华社记者 申宏摄\n\n"
        "上海徐汇抖音"
    )
    got = [(b.kind, b.text, b.names, b.source, b.dateline) for b in blocks(text)]
    assert got == [
        ("furniture", "今天晴到多云 温度：最低6℃ 最高13℃", [], None, None),
        ("lead", "1月6日上午，会谈举行。", ["刘华"], "新华社", "新华社北京1月6日电"),
        ("lead", "新年开新局。", ["张钰芸"], "本报讯", None),
        ("byline", "□记者 刘坤 陈文卿", ["刘坤", "陈文卿"], None, None),
        ("caption", "习近平在人民大会堂北大厅举行欢迎仪式。", ["申宏"], None, None),
        ("furniture", "上海徐汇抖音", [], None, None),
    ]


def test_index_teaser_is_furniture():
    got = blocks("一段正文。\n\n很多感动发生在\n日常配送工作中\n\n刊第二版")
    assert [b.kind for b in got] == ["body", "furniture"]


def test_heads_and_body():
    got = blocks("首席数据官如何点“数”成金\n\n叶强，静安区卫生健康委主任。")
    assert [(b.kind, b.level) for b in got] == [("head", 0), ("body", 0)]


def test_markdown_page_plain_lines_are_heads_only_right_under_a_heading():
    long_line = "正文里没有句号的一段话也不是标题因为它超过了二十五个字符长"
    got = blocks(f"## 在一起，向未来\n\n徐汇奏响奋进新征程的“大合唱”\n\n正文。\n\n## 小标题\n\n{long_line}")
    assert [b.kind for b in got] == ["head", "head", "body", "head", "body"]
