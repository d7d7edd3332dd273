from __future__ import annotations

import datetime as dt

from services.extractor.entities import extract_entities, name_shaped, surname_len
from services.segmenter.engine import get_engine
from services.segmenter.stage import tokenize


def ents(text, page_date=None):
    found = extract_entities(text, tokenize(get_engine("rjieba"), text), page_date)
    for e in found:
        assert text[e.start : e.end] == e.text
    return found


def people(text):
    return {e.text: e.role for e in ents(text) if e.type == "PERSON"}


def of_type(text, etype):
    return {e.text for e in ents(text) if e.type == etype}


def test_surnames_and_name_shape():
    assert surname_len("诸葛宇杰") == 2 and surname_len("陈吉宁") == 1 and surname_len("多云") == 0
    assert name_shaped("王嘉旻") and name_shaped("欧阳春华") and not name_shaped("多云") and not name_shaped("陈")


def test_title_before_name_gives_role():
    p = people("市委书记陈吉宁主持会议，副市长宗明出席，市委副书记诸葛宇杰讲话。")
    assert p == {"陈吉宁": "市委书记", "宗明": "副市长", "诸葛宇杰": "市委副书记"}


def test_rare_surname_takes_its_title():
    assert people("国家主席习近平在人民大会堂同来华的总统会谈。") == {"习近平": "国家主席"}
    assert people("要学习习惯用法。") == {}


def test_name_list_after_trigger():
    p = people("市领导吴朝晖、王嘉旻、陈凯先、朱芝松出席。")
    assert {"吴朝晖", "王嘉旻", "朱芝松"} <= set(p)


def test_list_with_one_known_name_makes_all_names():
    p = people("会议由市委书记陈吉宁主持，罗华品、谭伟时等参加讨论。陈吉宁、罗华品、谭伟时一同考察。")
    assert {"陈吉宁", "罗华品", "谭伟时"} <= set(p)


def test_transliterated_name_with_dot():
    p = people("土库曼斯坦总统谢尔达尔·别尔德穆哈梅多夫举行会谈。")
    assert "谢尔达尔·别尔德穆哈梅多夫" in p


def test_byline():
    assert "刘华" in people("新华社北京1月6日电（记者刘华）国家主席习近平会见外宾。")


def test_propagation_within_the_article():
    found = [e for e in ents("副市长宗明指出，要抓好落实。宗明强调，各区要加强协同。") if e.type == "PERSON"]
    assert [e.text for e in found] == ["宗明", "宗明"]
    assert all(e.role == "副市长" for e in found)


def test_stop_lists_weather_and_slogans():
    p = people("今天多云转小雨，明天阵雨。学习贯彻党的二十大精神，智慧城市建设。")
    assert not p


def test_places_and_organisations():
    text = "上海市徐汇区人民政府与复旦大学在浦东新区签约，国务院、新华社报道。"
    orgs, locs = of_type(text, "ORG"), of_type(text, "LOC")
    assert {"复旦大学", "国务院", "新华社"} <= orgs
    assert "浦东新区" in locs
    assert any("人民政府" in o for o in orgs)


def test_values_inside_extract_entities():
    found = {e.text: e.value for e in ents("去年前三季度完成投资147亿元，占比99.9%。", dt.date(2023, 6, 26))}
    assert found["去年前三季度"] == "2022-01-01/2022-09-30"
    assert found["147亿元"] == {"amount": 14_700_000_000, "unit": "CNY"}
    assert found["99.9%"] == 0.999


def test_full_width_text():
    found = {e.text: e.value for e in ents("总投资１４７亿元，增长５．２％")}
    assert found["１４７亿元"] == {"amount": 14_700_000_000, "unit": "CNY"}
    assert found["５．２％"] == 0.052
