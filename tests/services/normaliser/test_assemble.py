from __future__ import annotations

from services.normaliser.assemble import assemble
from services.normaliser.blocks import Block


def test_title_after_body_and_trailing_byline_belong_to_the_article_above():
    arts = assemble(
        [
            Block("lead", "会谈举行。", names=["刘华"], source="新华社", dateline="新华社北京1月6日电"),
            Block("marker_on", page=3),
            Block("pull", "引语"),
            Block("head", "持续深化中土全方位合作"),
            Block("lead", "市委会议举行。", source="本报讯"),
            Block("marker_on", page=2),
            Block("head", "引题"),
            Block("head", "主题"),
            Block("body", "外高桥日京路51号。"),
            Block("head", "耐心投入 形成创新生态圈"),
            Block("body", "从贸易到研发。"),
            Block("head", "外高桥集团持续发力——"),
            Block("head", "产业上下游都可在邻居中找到"),
            Block("byline", "■本报记者 唐玮婕", names=["唐玮婕"]),
        ]
    )
    assert [(a.title, a.kicker, a.authors, a.source, a.continued_on) for a in arts] == [
        ("持续深化中土全方位合作", None, ["刘华"], "新华社", 3),
        ("主题", "引题", [], "本报讯", 2),
        ("产业上下游都可在邻居中找到", "外高桥集团持续发力——", ["唐玮婕"], None, None),
    ]
    assert arts[2].body == "外高桥日京路51号。\n耐心投入 形成创新生态圈\n从贸易到研发。"


def test_markdown_sections_stay_inside_the_article():
    arts = assemble(
        [
            Block("head", "推进会举行", level=1),
            Block("byline", names=["刘坤"]),
            Block("body", "推进会举行。"),
            Block("head", "在一起，向未来", level=2),
            Block("head", "徐汇奏响大合唱"),
            Block("body", "曹立强指出。"),
            Block("head", "人工智能大会将启幕", level=2),
            Block("byline", names=["曹香玉"]),
            Block("body", "大会将举办。"),
            Block("head", "推进数字化转型", level=2),
            Block("marker_from", page=1),
            Block("body", "钱锋作讲座。"),
        ]
    )
    assert [(a.title, a.authors, a.continued_from) for a in arts] == [
        ("推进会举行", ["刘坤"], None),
        ("人工智能大会将启幕", ["曹香玉"], None),
        ("推进数字化转型", [], 1),
    ]
    assert arts[0].body == "推进会举行。\n在一起，向未来\n徐汇奏响大合唱\n曹立强指出。"


def test_caption_goes_to_the_article_it_talks_about():
    arts = assemble(
        [
            Block("lead", "习近平在人民大会堂同土库曼斯坦总统举行会谈。", source="新华社"),
            Block("head", "持续深化中土全方位合作"),
            Block("head", "引题"),
            Block("head", "主题"),
            Block("body", "外高桥日京路51号。"),
            Block("caption", "习近平在人民大会堂北大厅举行欢迎仪式。", names=["申宏"]),
        ]
    )
    assert [len(a.captions) for a in arts] == [1, 0]
    assert arts[0].captions[0].photographer == "申宏"


def test_articles_without_body_are_dropped():
    assert assemble([Block("head", "只有标题")]) == []


def test_plain_section_heads_inside_a_story_with_its_byline_stay_in_its_body():
    arts = assemble(
        [
            Block("head", "徐汇区区域化党建工作推进会举行"),
            Block("byline", "□记者 刘坤", names=["刘坤"]),
            Block("body", "推进会昨天举行。"),
            Block("head", "在一起，向未来"),
            Block("head", "徐汇奏响奋进新征程的大合唱"),
            Block("body", "区委书记在致辞中指出。"),
            Block("head", "人工智能大会将启幕"),
            Block("head", "徐汇带来科技和产业的盛宴"),
            Block("byline", "□记者 曹香玉", names=["曹香玉"]),
            Block("body", "大会将在上海举办。"),
            Block("head", "静安区企业数量列全市第一"),
            Block("head", "让技术找到场景 让企业找到伙伴"),
            Block("body", "区块链企业集聚静安。"),
            Block("byline", "本报记者 陈佳琳", names=["陈佳琳"]),
        ]
    )
    assert [(a.title, a.authors) for a in arts] == [
        ("徐汇区区域化党建工作推进会举行", ["刘坤"]),
        ("人工智能大会将启幕", ["曹香玉"]),
        ("让技术找到场景 让企业找到伙伴", ["陈佳琳"]),
    ]
    assert arts[0].body.split("\n")[1:3] == ["在一起，向未来", "徐汇奏响奋进新征程的大合唱"]
