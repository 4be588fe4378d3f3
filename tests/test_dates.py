"""The meeting date comes from the report's own dating, or it is empty: never guessed wrong."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from doctool.extract import extract
from doctool.extract.dates import Dating, meeting_date, plan_year
from doctool.extract.reader import normalize
from tests.conftest import ROOT, Run


def date_of(text: str) -> dt.date | None:
    """The date extracted from a made-up report."""
    return extract(normalize(text)).meeting.date


@pytest.mark.parametrize(
    ("text", "month", "year"),
    [
        ("会议总结2024年经济工作，研究部署2025年经济工作。", 12, 2024),
        ("会议听取了2023年全区任务完成情况，谋划2024年重点项目。", 11, 2023),
        ("报告提出了2018年发展的主要预期目标。", 3, 2018),
        ("报告表示，2021年，全国国内生产总值达到114万亿元。", 3, 2022),
        ("紧盯2025年目标任务，抓好项目建设。", 4, 2025),
    ],
)
def test_the_plan_year_settles_the_year(text: str, month: int, year: int) -> None:
    assert plan_year(text, month) == year


@pytest.mark.parametrize(
    "text",
    [
        "在疫情前的2019年，全市经济增长较快。",  # a year in passing
        "要完成经济总量在2020年比2010年翻一番的目标。",
        "会议总结2024年经济工作，研究部署2026年经济工作。",  # the cues disagree
    ],
)
def test_a_year_mentioned_in_passing_or_cues_that_disagree_settle_nothing(text: str) -> None:
    assert plan_year(text, 12) is None


def test_a_december_conference_that_plans_next_year_is_dated_this_year() -> None:
    text = "锚定目标加油干\n\n12月20日，青山县召开县委经济工作会议，总结2024年工作，部署2025年经济工作。"
    assert date_of(text) == dt.date(2024, 12, 20)


def test_yesterday_is_counted_back_from_the_dateline() -> None:
    text = "青山区人代会开幕\n\n青山新闻网2024年1月19日讯（青山日报记者 王某某）昨日上午，青山区人代会开幕。"
    assert date_of(text) == dt.date(2024, 1, 18)


def test_a_day_without_a_month_is_read_against_the_posting_date() -> None:
    text = "2007-02-07 00:00:00 作者：杨某某 来源：青山日报\n6日上午，青山市政府召开全体会议。"
    assert date_of(text) == dt.date(2007, 2, 6)


def test_a_posting_date_the_content_contradicts_gives_way_to_the_content() -> None:
    text = ("青山市经济工作会议举行\n发布时间:2007-12-27\n青山市经济工作会议于12月26日举行。"
            "会议总结了2006年的各项工作，对2007年经济工作提出了目标任务。")
    assert date_of(text) == dt.date(2006, 12, 26)


def test_a_commentary_is_dated_by_its_issue() -> None:
    text = ("青山日报 2020年05月24日 星期日\n\n务实功 求实效\n\n作者:本报评论员 《青山日报》( 2020年05月24日 01版)"
            "\n\n5月23日，有关会议召开。")
    assert date_of(text) == dt.date(2020, 5, 24)


@pytest.mark.parametrize(
    "text",
    [
        "本报讯（记者 石某）23日上午，青山市政府召开工作联席会。",  # a day, no month, no year
        "7月14日，省委书记王某某到青山县调研。在疫情前的2019年，全县经济增长较快。",
        "| | | 2019年01月28日 星期一\n\n青山市长作政府工作报告\n\n今年预期目标\n\n■全市生产总值增长6%。",
        "新华社北京8月28日电 题：经济如何应对？\n新华社记者安某\n何某某28日向会议报告了今年以来的情况。",
    ],
)
def test_when_the_dating_does_not_settle_it_there_is_no_date(text: str) -> None:
    assert date_of(text) is None


def test_the_date_given_wins() -> None:
    dating = Dating(lines=(), lead="23日上午，会议召开。", whole="")
    assert meeting_date(dating) is None
    assert meeting_date(dating, dt.date(2025, 3, 23)) == dt.date(2025, 3, 23)


def test_extract_warns_naming_date_when_the_text_does_not_settle_it(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    source = tmp_path / "report.txt"
    source.write_text("青山市召开工作联席会\n\n23日上午，青山市政府召开工作联席会。\n", "utf-8")
    result = cli("extract", source, "-o", tmp_path / "c.yaml")
    assert result.code == 0
    warnings = [line for line in result.err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "--date" in warnings[0]
    assert "warning" not in cli("extract", source, "-o", tmp_path / "d.yaml", "--date", "2019-12-23").err


def test_build_warns_naming_date_when_the_text_does_not_settle_it(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    source = tmp_path / "report.txt"
    source.write_text("青山市召开工作联席会\n\n23日上午，青山市政府召开工作联席会。\n", "utf-8")
    result = cli("build", source, "--out", tmp_path / "out", "--engine", "memory",
                 "--glossary", tmp_path / "glossary")
    assert result.code == 0, result.err
    assert any(line.startswith("warning:") and "--date" in line for line in result.err.splitlines())


def test_a_speech_is_dated_by_its_subtitle() -> None:
    text = "坚定信心 实干争先\n──2025年7月30日在全县经济工作会议上的讲话\n县委书记 王某某\n\n同志们：今天召开会议。"
    assert date_of(text) == dt.date(2025, 7, 30)


def test_posting_details_that_invite_comments_do_not_make_a_report_a_commentary() -> None:
    text = "青山区人代会开幕\n\n发布时间：2024-01-19 10:00 我要评论\n\n昨日上午，青山区人代会开幕。\n\n大会听取了报告。"
    assert date_of(text) == dt.date(2024, 1, 18)
