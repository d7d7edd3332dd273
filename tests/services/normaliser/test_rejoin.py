from __future__ import annotations

from services.normaliser.rejoin import glue, heading_like, rejoin_text


def test_wrapped_lines_with_blank_lines_between_are_one_paragraph():
    # Page 000 doubles every line break; the lines fill their column, so they are wrapped prose.
    lines = [
        "新华社北京1月6日电（记者刘华）1月6日上午，国家主席习",
        "近平在人民大会堂同来华进行国事访问的土库曼斯坦总统谢尔达",
        "尔·别尔德穆哈梅多夫举行会谈。两国元首宣布，将中土关系提升",
        "为全面战略伙伴关系。",
        "习近平指出，这是你就任总统后首次访华，今天又是中土建交",
        "纪念日，我们全面谋划中土关系下一步发展，共同宣布将两国关系",
        "提升为全面战略伙伴，意义重大。中国共产党正在团结带领全国",
        "各族人民以中国式现代化全面推进中华民族伟大复兴。",
        "耐心投入 形成创新生态圈",
        "从生物医药、医疗器械产品的进出口",
        "贸易起步，外高桥逐步发展医药品及医疗",
        "器械的专业第三方物流。",
    ] * 2
    paras = rejoin_text("\n\n".join(lines))
    assert paras[:4] == [
        "新华社北京1月6日电（记者刘华）1月6日上午，国家主席习近平在人民大会堂同来华进行国事访问的土库曼斯坦总统"
        "谢尔达尔·别尔德穆哈梅多夫举行会谈。两国元首宣布，将中土关系提升为全面战略伙伴关系。",
        "习近平指出，这是你就任总统后首次访华，今天又是中土建交纪念日，我们全面谋划中土关系下一步发展，"
        "共同宣布将两国关系提升为全面战略伙伴，意义重大。中国共产党正在团结带领全国各族人民以中国式现代化"
        "全面推进中华民族伟大复兴。",
        "耐心投入 形成创新生态圈",
        "从生物医药、医疗器械产品的进出口贸易起步，外高桥逐步发展医药品及医疗器械的专业第三方物流。",
    ]


def test_column_break_mid_sentence_is_joined():
    a = "陈吉宁指出，建设上海国际科创中心是党中央部署的重大战略任务，习近平总书记对推进长三角一体化发展高度重视。要"
    b = "把习近平总书记重要讲话和重要指示贯通起来，一体深刻领悟、一体深化落实。"
    assert rejoin_text(f"{a}\n\n{b}\n\n下一段。") == [a + b, "下一段。"]


def test_pull_quote_dropped_into_a_sentence_is_skipped():
    a = "华为青浦研发中心基本建成，连续六年签下进博会上海交易团“首单”。新建公"
    text = f"{a}\n\n■ 把握习近平总书记指明的政治站位，提高工作推进的整体性。\n\n共停车位完成进度全市第一。"
    assert rejoin_text(text) == [
        a + "共停车位完成进度全市第一。",
        "把握习近平总书记指明的政治站位，提高工作推进的整体性。",
    ]


def test_caption_inside_a_paragraph_is_kept_apart_and_the_repeated_character_dropped():
    a = "同时，伴随着“一网通办”深入推进，业务事项也在增加——截至目前，临"
    cap = "临汾路街道社区事务受理服务中心工作人员指导社区居民打印离线随申码。本报记者 叶辰亮摄"
    b = "临汾路街道社区事务受理服务中心所涉及办理业务囊括12个大类共计200项。"
    assert rejoin_text(f"{a}\n\n{cap}\n\n{b}") == [a + b[1:], cap]


def test_speech_verb_continues_the_sentence():
    text = "上海交通大学副校长奚立峰\n\n介绍道，上海交大将立足虹桥。"
    assert rejoin_text(text) == ["上海交通大学副校长奚立峰介绍道，上海交大将立足虹桥。"]


def test_headings_stay_apart():
    text = "\n\n".join(
        [
            "陈吉宁：全力提升长三角科技创新策源能力 加快推进科创中心建设",
            "主持市委中心组学习会听取专题辅导报告",
            "本报讯 会议举行。",
        ]
    )
    assert rejoin_text(text) == [
        "陈吉宁：全力提升长三角科技创新策源能力 加快推进科创中心建设",
        "主持市委中心组学习会听取专题辅导报告",
        "本报讯 会议举行。",
    ]


def test_latin_words_keep_one_space():
    assert rejoin_text("the quick\nbrown fox.") == ["the quick brown fox."]
    assert glue("WAIC", "2023") == "WAIC 2023" and glue("3.", "5") == "3.5" and glue("中", "文") == "中文"


def test_heading_like():
    assert heading_like("首席数据官如何点“数”成金")
    assert heading_like("外高桥集团持续发力新赛道，助力浦东引领区打造世界级生物医药产业集群——")
    assert not heading_like("市领导陈通、彭沉雷出席。")
    assert not heading_like(
        "城市更新、产业升级和民生改善的过程中，实现城区和区域单位的相互成就，让城区有新面貌，单位能共发展"
    )
