"""Glossary suggestions are whole terms: made-up sentences of the genre, cut by jieba."""

from __future__ import annotations

import subprocess
import sys

from doctool.glossary.suggest import suggest_terms


def found(text: str) -> dict[str, str]:
    return {c.zh: c.kind for c in suggest_terms(text)}


def test_a_name_does_not_run_across_a_person_and_a_verb() -> None:
    got = found("1月10日，市委副书记、市长刘建国到白云区调研重点项目建设。")
    assert got.get("白云区") == "place"
    assert not any(zh.startswith("刘建国") for zh in got)


def test_a_name_does_not_start_inside_a_word() -> None:
    got = found("区委书记周海林代表区委常委会作工作报告。")
    assert got.get("周海林") == "person"
    assert not any(zh.startswith("委书记") or zh.endswith("代表区") for zh in got)


def test_a_name_does_not_end_inside_a_word() -> None:
    assert found("经济运行保持在合理区间，产业布局合理区域协调。") == {}


def test_the_extractors_programs_and_speakers_come_whole() -> None:
    got = found("深入实施“千村示范工程”典型村开展经济合作。南沙区委书记陈立新表示，要奋力推进。")
    assert got["“千村示范工程”"] == "program"
    assert not any("典型村" in zh for zh in got)
    assert got["陈立新"] == "person"
    assert got["南沙区委"] == "organization"
    got = found("开展“营商环境优化年”“招商引资攻坚年”和“民生实事落实年”活动。")
    assert [zh for zh, kind in got.items() if kind == "program"] == [
        "“营商环境优化年”活动", "“招商引资攻坚年”活动", "“民生实事落实年”活动"
    ]


def test_a_place_the_segmenter_mistakes_for_a_person_is_still_a_place() -> None:
    got = found("各区县，两江新区、重庆高新区、万盛经开区要走在前列。")
    assert {"两江新区", "重庆高新区", "万盛经开区"} <= set(got)


def test_verbs_in_longer_words_end_a_name() -> None:
    got = found("紧紧围绕市委决策部署，认真落实市委要求。")
    assert not any(zh.startswith(("紧紧", "认真")) for zh in got)


def test_quoted_figures_are_not_terms() -> None:
    assert found("全年经济增长“5.5%左右”。") == {}


def test_building_does_not_load_the_segmenter() -> None:
    code = (
        "import sys, doctool.cli, doctool.pipeline; from doctool.extract import extract; "
        "extract('区委经济工作会议召开\\n\\n12月20日，区委经济工作会议召开。'); "
        "print('jieba' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_segmenter_is_quiet() -> None:
    code = "from doctool.glossary.suggest import suggest_terms; suggest_terms('两江新区表示，要加快发展。')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stderr == ""


def test_a_name_the_segmenter_reads_otherwise_is_dropped() -> None:
    # 笑称 after the name: the speaker finder may take 王娟笑 for a name; the words say 王娟
    got = found("主持人问她能否继续，王娟笑称：“听你的。”")
    assert "王娟笑" not in got
