"""General rules of the genre, shown on made-up but realistic sentences (none is in the sample)."""

from __future__ import annotations

from doctool.extract import extract
from doctool.extract.programs import find_programs
from doctool.extract.speakers import find_mentions
from doctool.glossary.suggest import suggest_terms


def _programs(sentence: str) -> list[str]:
    return [m.key for m in find_programs(sentence)]


def test_a_quoted_name_counted_by_a_number_is_a_program() -> None:
    # a figure and a measure word name a campaign: “渝味360碗”, “湘菜100道”, “百校千企”
    assert _programs("加强“湘菜100道”营销推广，办好美食节。") == ["湘菜100道"]
    assert _programs("推动“川味50店”走出四川。") == ["川味50店"]
    # without the figure a measure word is a figure of speech
    assert _programs("让群众吃上“一碗热饭”。") == []


def test_a_paragraph_about_the_meeting_ends_the_statement() -> None:
    text = "\n\n".join(
        [
            "区委经济工作会议召开",
            "本报讯 12月20日，区委经济工作会议召开。",
            "区发展改革委主任李明辉表示，明年将加快推进重大项目建设。",
            "扩大有效投资，是区委经济工作会议对明年工作的重要部署。",
            "稳就业，事关千家万户，会议对明年民生工作作出安排。",
        ]
    )
    content = extract(text)
    kinds = [(b.kind, b.segments[0].zh[:4]) for b in content.blocks()]
    assert ("statement", "区发展改") in kinds
    assert ("paragraph", "扩大有效") in kinds
    assert ("paragraph", "稳就业，") in kinds


def test_a_titled_name_opening_a_clause_ends_where_its_predicate_starts() -> None:
    found = find_mentions("县委书记李明辉来到田间地头，他表示，要抓好春耕备耕。")
    assert [(m.organization, m.title, m.name) for m in found] == [("县委", "书记", "李明辉")]
    found = find_mentions("区长张三走进车间后很受鼓舞，他表示，要帮企业解难题。")
    assert [m.name for m in found] == ["张三"]
    found = find_mentions("某公司董事长王建国走访园区后深有感触，他说，信心更足了。")
    assert [m.name for m in found] == ["王建国"]


def test_districts_and_counties_are_not_an_organisation() -> None:
    found = {c.zh for c in suggest_terms("全区商品销售总额继续领跑全市区县，位居西部区县前列。")}
    assert not any(zh.endswith("区") for zh in found)
    assert "两江新区" in {c.zh for c in suggest_terms("两江新区表示，全力打造智能网联新能源汽车之城。")}
