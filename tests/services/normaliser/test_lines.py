from __future__ import annotations

from services.normaliser.lines import split_lines


def kinds(text: str) -> list[tuple[str, str]]:
    return [(ln.kind, ln.text) for ln in split_lines(text)]


def test_structural_lines_are_tagged():
    text = "\n".join(
        [
            "## 标题",
            "**加粗导语**",
            "■本报记者 唐玮婕",
            "□记者 刘坤 陈文卿",
            "本报记者 陈佳琳",
            "■ 中土两国理",
            "刊第二版",
            "本报讯 市委",
        ]
    )
    assert kinds(text) == [
        ("heading", "标题"),
        ("bold", "加粗导语"),
        ("byline", "■本报记者 唐玮婕"),
        ("byline", "□记者 刘坤 陈文卿"),
        ("byline", "本报记者 陈佳琳"),
        ("pull", "中土两国理"),
        ("teaser_ref", "刊第二版"),
        ("lead", "本报讯 市委"),
    ]


def test_heading_level_and_photo_credit_is_not_a_byline():
    lines = split_lines("### 小标题\n本报记者 张伊辰摄")
    assert (lines[0].level, lines[1].kind) == (3, "text")


def test_continuation_markers_are_split_off_the_prose():
    lines = split_lines("合本国国情的发展道路。 ▼ 下转第三版\n（上接第一版）市政协副主席钱锋")
    assert [(ln.kind, ln.text, ln.page) for ln in lines] == [
        ("text", "合本国国情的发展道路。", None),
        ("marker_on", "", 3),
        ("marker_from", "", 1),
        ("text", "市政协副主席钱锋", None),
    ]


def test_gaps_are_remembered():
    lines = split_lines("一\n\n\n二\n三")
    assert [ln.gap for ln in lines] == [False, True, False]
