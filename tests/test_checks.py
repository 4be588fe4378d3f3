"""The checks: terms, forbidden renderings, numbers, targets, consistency, gaps, tokens."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doctool.check import CHECKS, Finding, check, qa_report, title
from doctool.check.numbers import compare, en_figures
from doctool.glossary.terms import Term, TermBase
from doctool.model import (
    Block,
    Content,
    Meeting,
    Origin,
    Program,
    Section,
    Segment,
    Speaker,
    Target,
    Text,
)

TERMBASE = TermBase((
    Term("两江新区", "Liangjiang New Area", "place", forbidden=("Liangjiang New Zone",)),
    Term("新区", "New Area", "term", forbidden=("New Zone",)),
    Term("“满天星”行动计划", "Mantianxing Action Plan", "program"),
))


def content_of(
    *pairs: tuple[str, str] | tuple[str, str, Origin],
    speakers: tuple[Speaker, ...] = (),
    targets: tuple[Target, ...] = (),
    programs: tuple[Program, ...] = (),
    heading: Text | None = None,
) -> Content:
    """A content whose one block holds a segment s1.b1.N for each (zh, en[, origin])."""
    segs = tuple(
        Segment(f"s1.b1.{i}", p[0], p[1], p[2] if len(p) == 3 else ("mt" if p[1] else "none"))
        for i, p in enumerate(pairs, 1)
    )
    return Content(
        Meeting(Text("会议", "Meeting")),
        (Section("s1", heading, (Block("s1.b1", "paragraph", segs),)),),
        speakers, targets, programs,
    )


def run(content: Content, name: str, *, strict: bool = False) -> list[Finding]:
    return check(content, TERMBASE, strict=strict, only=[name])


# -- registry and report ---------------------------------------------------------------------


def test_registry_has_the_documented_checks_with_titles() -> None:
    assert {"term", "forbidden", "number", "untranslated", "placeholder"} <= set(CHECKS)
    for name in CHECKS:
        assert title(name) and not title(name).endswith(" ")


def test_unknown_check_name() -> None:
    with pytest.raises(KeyError, match="unknown check"):
        check(content_of(), TERMBASE, only=["spelling"])


def test_qa_report_has_exactly_the_documented_keys() -> None:
    content = content_of(
        ("两江新区发展。", "Liangjiang New Zone grows.", "memory"),
        ("会议召开。", "", "none"),
        ("增长8%。", "Growth of 8%.", "mt"),
    )
    findings = check(content, TERMBASE)
    report = qa_report(content, findings)
    assert list(report) == ["segments", "untranslated", "origins", "errors", "warnings",
                            "findings"]
    assert report["segments"] == 3
    assert report["untranslated"] == 1
    assert report["origins"] == {"memory": 1, "fuzzy": 0, "mt": 1, "none": 1}
    assert report["errors"] == 2  # term and forbidden for 两江新区
    assert report["warnings"] == 1  # untranslated
    assert set(report["findings"][0]) == {"check", "severity", "segment", "message"}
    json.dumps(report)  # plain data


def test_findings_come_in_reading_order() -> None:
    content = content_of(
        ("会议召开。", ""),
        ("两江新区发展。", "Liangjiang New Zone grows."),
    )
    segments = [f.segment for f in check(content, TERMBASE)]
    assert segments == sorted(segments)


# -- term and forbidden ----------------------------------------------------------------------


def test_term_missing_from_the_english_is_an_error_naming_segment_and_fix() -> None:
    [finding] = run(content_of(("两江新区发展。", "The new district grows.")), "term")
    assert finding == Finding(
        "term", "error", "s1.b1.1",
        's1.b1.1: 两江新区 should read "Liangjiang New Area"; add it to the English '
        "(or to glossary/memory.tmx) or change the glossary",
    )


def test_term_check_ignores_case_quotes_and_untranslated_segments() -> None:
    content = content_of(
        ("两江新区发展。", "the LIANGJIANG new area grows."),
        ("两江新区发展。", ""),
        ("实施“满天星”行动计划。", "It carries out the “Mantianxing” Action Plan."),
    )
    findings = run(content, "term")
    assert [f.segment for f in findings] == ["s1.b1.3"]


def test_term_check_uses_the_longest_term() -> None:
    # 新区 inside 两江新区 is not a separate occurrence
    assert run(content_of(("两江新区发展。", "Liangjiang New Area grows.")), "term") == []


def test_forbidden_rendering_is_an_error() -> None:
    findings = run(content_of(("两江新区发展。", "Liangjiang New Zone grows.")), "forbidden")
    assert [f.message for f in findings] == [
        's1.b1.1: "Liangjiang New Zone" is an outdated rendering of 两江新区; write '
        '"Liangjiang New Area" (run doctool translate again, or fix glossary/memory.tmx)'
    ]


def test_forbidden_inside_the_approved_rendering_does_not_count() -> None:
    termbase = TermBase((Term("新区", "Liangjiang New Area", "place", forbidden=("New Area",)),))
    content = content_of(("新区发展。", "Liangjiang New Area grows."))
    assert check(content, termbase, only=["forbidden"]) == []


def test_short_texts_are_checked_too() -> None:
    content = content_of(("会议。", "Meeting."), heading=Text("两江新区", "Liangjiang New Zone"))
    findings = check(content, TERMBASE, only=["term", "forbidden"])
    assert {(f.check, f.segment) for f in findings} == {
        ("term", "s1.heading"), ("forbidden", "s1.heading")}


# -- numbers ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("江北商品销售总额8400亿元。", "Sales reached 840 billion yuan."),
        ("江北商品销售总额8400亿元。", "Sales reached RMB 840 billion."),
        ("达到1.2万亿元。", "It reached 1.2 trillion yuan."),
        ("新增2.3万户。", "23,000 households were added."),
        ("人流量突破百万人次。", "Footfall passed one million person-times."),
        ("人流量突破百万人次。", "Footfall passed 1 million visits."),
        ("人流量突破百万人次。", "Footfall passed a million visitors."),
        ("在建225公里。", "225 kilometres are under construction."),
        ("投资增长6%以上。", "Investment will grow by more than 6 percent."),
        ("提升3个百分点。", "It rose by 3 percentage points."),
        ("12月23日，会议召开。", "On December 23, the meeting was held."),
        ("2024年12月23日召开。", "It met on 23 December 2024."),
        ("2025年是关键之年。", "2025 is a crucial year."),
        ("1-11月增长5%。", "From January to November it grew 5%."),
        ("高质量完成“十四五”规划目标任务。", "Fulfil the goals of the 14th Five-Year Plan."),
        ("做强“33618”体系。", "Strengthen the 33618 system."),
        ("举办“6·18”电商节。", "Hold the 618 shopping festival."),
        ("推进第5轮规划。", "Advance the 5th round of planning."),
        ("培育8家企业。", "Foster eight companies."),
        ("迈上9000亿大关。", "Cross the 900-billion-yuan mark."),
        ("百亿级商业综合体。", "A 10-billion-yuan commercial complex."),
        ("一是全力以赴。", "First, go all out."),
        ("发展5G网络。", "Develop 5G networks."),
    ],
)
def test_numbers_that_agree(zh: str, en: str) -> None:
    assert run(content_of((zh, en)), "number") == []


@pytest.mark.parametrize(
    ("zh", "en", "fragment"),
    [
        ("销售总额8400亿元。", "Sales reached 8,400 billion yuan.", "missing from the English"),
        ("销售总额8400亿元。", "Sales reached 840 billion.", "units disagree"),
        ("增长15%。", "Growth of 15.", "units disagree"),
        ("增长15%。", "Growth was strong.", "15% is missing"),
        ("增长15%。", "Growth of 15% in 2023.", '"2023" in the English is not in the Chinese'),
        ("在建225公里。", "225 miles are under construction.", "units disagree"),
    ],
)
def test_numbers_that_disagree(zh: str, en: str, fragment: str) -> None:
    findings = run(content_of((zh, en)), "number")
    assert findings and all(f.severity == "error" for f in findings)
    assert any(fragment in f.message for f in findings), [f.message for f in findings]
    assert all(f.message.startswith("s1.b1.1: ") for f in findings)


def test_number_check_skips_untranslated_segments() -> None:
    assert run(content_of(("增长15%。", "")), "number") == []


def test_english_figures() -> None:
    figures = [(f.cls, f.value, f.unit) for f in en_figures(
        "In 2024 sales hit RMB 840bn, up 15 per cent, with 23,000 households and US$1.5 million "
        "on December 23; the 14th plan and 5G stay out, one of them is a word."
    )]
    assert figures == [
        ("date", Decimal(1223), ""),
        ("year", Decimal(2024), ""),
        ("n", Decimal(840_000_000_000), "CNY"),
        ("n", Decimal(15), "%"),
        ("n", Decimal(23000), ""),
        ("n", Decimal(1_500_000), "USD"),
        ("word", Decimal(1), ""),
    ]


@given(st.text(max_size=40), st.text(max_size=40))
def test_comparing_numbers_never_raises(zh: str, en: str) -> None:
    compare(zh, en)


@given(st.text(alphabet="0123456789.,%亿万元年月日百千一二两十第“”·-以上左右约多个人次公里户家 ",
               max_size=30))
def test_a_text_agrees_with_its_own_rendering(zh: str) -> None:
    from doctool.translate.numbers_en import find_quantities

    english = " and ".join(q.en for q in find_quantities(zh))
    only_zh, only_en, mismatched = compare(zh, english)
    # numbers rendered by doctool itself always check out
    assert (only_zh, only_en, mismatched) == ([], [], [])


# -- targets ---------------------------------------------------------------------------------


def test_target_value_must_be_in_its_segment() -> None:
    target = Target("t1", Text("工业增加值增长"), Decimal(8), "%", "s1.b1.1", "增长8%")
    ok = content_of(("工业增加值增长8%。", "Industrial value added grows 8%."), targets=(target,))
    assert run(ok, "target") == []
    wrong = content_of(("工业增加值增长8%。", "Industrial value added grows 9%."),
                       targets=(target,))
    [finding] = run(wrong, "target")
    assert "target t1" in finding.message and finding.segment == "s1.b1.1"


def test_money_target_in_yuan() -> None:
    target = Target("t4", Text("销售总额"), Decimal(840_000_000_000), "CNY", "s1.b1.1", "8400亿元")
    content = content_of(("销售总额8400亿元。", "Sales of 840 billion yuan."), targets=(target,))
    assert run(content, "target") == []


def test_target_unit_left_implicit_in_the_chinese() -> None:
    target = Target("t6", Text("销售总额"), Decimal(900_000_000_000), "CNY", "s1.b1.1", "9000亿")
    content = content_of(("迈上9000亿大关。", "Cross the 900 billion mark."), targets=(target,))
    assert run(content, "target") == []


def test_both_ends_of_a_range_must_be_in_the_english() -> None:
    target = Target("t7", Text("生产总值增长"), None, "%", "s1.b1.1", "增长6%-6.5%",
                    low=Decimal(6), high=Decimal("6.5"))
    ok = content_of(("生产总值增长6%-6.5%。", "GDP grows 6% to 6.5%."), targets=(target,))
    assert run(ok, "target") == []
    half = content_of(("生产总值增长6%-6.5%。", "GDP grows 6%."), targets=(target,))
    [finding] = run(half, "target")
    assert "6.5%" in finding.message


# -- consistency -----------------------------------------------------------------------------


def test_program_outside_the_glossary_must_read_the_same_everywhere() -> None:
    program = Program("g1", Text("“启明星”计划", "Qimingxing Plan"), ("s1.b1.1", "s1.b1.2"))
    content = content_of(
        ("落实“启明星”计划。", "Implement the Qimingxing Plan."),
        ("推进“启明星”计划。", "Advance the Morning Star programme."),
        programs=(program,),
    )
    [finding] = run(content, "consistency")
    assert finding.segment == "s1.b1.2" and finding.severity == "error"
    assert "add the program to the glossary" in finding.message


def test_speaker_name_reads_the_same() -> None:
    speaker = Speaker("p1", Text("王志杰", "Wang Zhijie"))
    content = content_of(
        ("王志杰表示。", "Wang Zhijie said."),
        ("王志杰指出。", "Wang Zhi Jie pointed out."),
        speakers=(speaker,),
    )
    [finding] = run(content, "consistency")
    assert finding.segment == "s1.b1.2" and finding.severity == "warning"


# -- untranslated and placeholder ------------------------------------------------------------


def test_untranslated_is_a_warning_or_an_error_when_strict() -> None:
    content = content_of(("会议召开。", "", "none"), ("会议。", "Meeting.", "memory"))
    [warning] = run(content, "untranslated")
    assert warning.severity == "warning" and warning.segment == "s1.b1.1"
    assert "glossary/memory.tmx" in warning.message and "doctool models install" in warning.message
    [error] = run(content, "untranslated", strict=True)
    assert error.severity == "error"


def test_leftover_tokens_are_errors() -> None:
    content = content_of(("两江新区发展。", "⟦T1⟧ grows."), ("会议。", "Meeting ⟦N1."))
    findings = run(content, "placeholder")
    assert [(f.segment, f.severity) for f in findings] == [
        ("s1.b1.1", "error"), ("s1.b1.2", "error")]
    assert "⟦T1⟧" in findings[0].message


def test_bare_token_names_are_warnings() -> None:
    content = content_of(("会议。", "The N4 meeting."), ("会议。", "T-shirts for 2 Nations."))
    [finding] = run(content, "placeholder")
    assert (finding.segment, finding.severity) == ("s1.b1.1", "warning")


@given(st.lists(st.tuples(st.text(max_size=30), st.text(max_size=30)), max_size=4))
def test_checks_never_raise(pairs: list[tuple[str, str]]) -> None:
    content = content_of(*pairs, heading=Text("两江新区", "⟦T1⟧"))
    findings = check(content, TERMBASE, strict=True)
    assert all(f.check in CHECKS for f in findings)
    qa_report(content, findings)
