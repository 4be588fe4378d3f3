"""Programs span exactly their name; made-up sentences of the genre."""

from __future__ import annotations

from doctool.extract import extract
from doctool.extract.programs import find_programs


def names(sentence: str) -> list[str]:
    return [m.name for m in find_programs(sentence)]


def test_a_program_ends_where_its_name_ends() -> None:
    assert names("深入实施“百千万工程”典型村开展经济合作。") == ["“百千万工程”"]
    # a word trusted only right after the quotes takes no modifier before it
    assert names("分析了“十二五”开局之年全县经济发展态势。") == ["“十二五”"]


def test_a_list_of_quoted_names_shares_its_program_word() -> None:
    found = names("开展“营商环境优化年”“招商引资攻坚年”和“民生实事落实年”活动。")
    assert found == ["“营商环境优化年”活动", "“招商引资攻坚年”活动", "“民生实事落实年”活动"]
    assert names("落实“六稳”、“六保”任务。") == ["“六稳”", "“六保”"]


def test_quoted_figures_days_and_speech_are_not_programs() -> None:
    assert names("全年经济增长目标定在“6%左右”。") == []
    assert names("增速“8.5%”来之不易。") == []
    assert names("9月27日是“9·27”世界旅游日,记者来到景区。") == []
    assert names("主持人问能否继续,他笑称:“没问题的”整个答问环节轻松。") == []
    # a code of digits is a name
    assert names("加快构建“2345”现代产业体系。") == ["“2345”现代产业体系"]


def test_what_follows_the_quotes_can_make_it_something_else() -> None:
    # a verb of designation between the quotes and a program word
    assert names("要把“项目建设”作为头号工程来抓。") == []
    # a group of people
    assert names("县“两委”班子成员参加会议。") == []
    # projects of a campaign are not the campaign's program word
    assert names("“招商兴县·季季签”招商引资项目集中签约仪式举行。") == ["“招商兴县·季季签”"]


def test_a_named_experience_and_a_strategy_with_its_word() -> None:
    assert names("入选新时代“浦江经验”先进典型。") == ["“浦江经验”"]
    assert names("全面推进乡村振兴战略。") == ["乡村振兴战略"]


def test_a_plan_period_alone_is_not_a_program() -> None:
    text = "县政府全体会议召开\n\n会议指出，“十五”期间全县经济稳步增长。\n\n要编制好“十一五”规划。"
    programs = [p.name.zh for p in extract(text).programs]
    assert programs == ["“十一五”规划"]
