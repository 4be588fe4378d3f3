"""Numeric facts: kinds, ranges and metrics, on made-up sentences of the genre."""

from __future__ import annotations

from decimal import Decimal

import pytest

from doctool.extract.targets import find_targets, numeric_kind


def _kinds(sentence: str, meeting_year: int | None = 2024, **kw: object) -> list[tuple[str, str]]:
    return [(t.source, t.kind) for t in find_targets(sentence, meeting_year, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a commitment: 力争, 确保, 要, 预期目标, 推动, 拟
        ("力争全区地区生产总值增长6.5%左右。", [("增长6.5%左右", "target")]),
        ("确保城镇新增就业3万人以上。", [("3万人以上", "target")]),
        ("明年全县要实现固定资产投资增长8%。", [("增长8%", "target")]),
        ("此次签约项目总投资12亿美元，拟利用外资3亿美元。",
         [("12亿美元", "result"), ("3亿美元", "target")]),
        # a past outcome: 以来, 累计, 前三季度, 1-9月, 签约
        ("今年以来，全区累计完成固定资产投资320亿元。", [("320亿元", "result")]),
        ("前三季度地区生产总值增长5.8%。", [("增长5.8%", "result")]),
        ("2023年1-9月，社会消费品零售总额达812亿元。", [("达812亿元", "result")]),
        # an estimate: 预计, and every figure after it in the sentence
        ("预计全年实现地区生产总值2150亿元、增长6.2%。",
         [("2150亿元", "estimate"), ("增长6.2%", "estimate")]),
        # a statistic: a share without a verb of its own, an example
        ("民生支出46亿元，占一般公共预算支出的78%。", [("46亿元", "result"), ("78%", "statistic")]),
        ("比如去年引进项目投资增长30%。", [("增长30%", "statistic")]),
    ],
)
def test_kind_from_the_words_before_the_figure(sentence: str, expected: list[tuple[str, str]]) -> None:
    found = _kinds(sentence, 2024, late_in_year=False)
    assert [k for _, k in found] == [k for _, k in expected]
    for (source, _), (want, _) in zip(found, expected, strict=True):
        assert want in source


def test_a_share_with_its_own_verb_is_a_target_when_the_sentence_plans() -> None:
    found = find_targets("力争研发经费投入占地区生产总值比重达到3%。", 2024)
    assert [t.kind for t in found] == ["target"]


def test_jijiang_is_not_a_commitment() -> None:
    # 即将 (about to) describes the present; the nearest cue is 今年以来
    found = find_targets("今年以来，新商场即将开业，商圈日均客流突破50万人次。", 2024)
    assert [t.kind for t in found] == ["result"]


@pytest.mark.parametrize(
    ("year", "late", "kind"),
    [(2025, True, "target"), (2023, True, "result"), (2024, True, "estimate"),
     (2024, False, "target")],
)
def test_without_a_cue_the_year_decides(year: int, late: bool, kind: str) -> None:
    assert numeric_kind("全市生产总值增长", "。", year=year, meeting_year=2024,
                        late_in_year=late) == kind


def test_without_a_cue_or_a_year_approximate_figures_are_targets() -> None:
    assert numeric_kind("全市生产总值增长", "", year=None, meeting_year=None, late_in_year=True,
                        qualifier="左右") == "target"
    assert numeric_kind("签约项目总投资", "", year=None, meeting_year=None,
                        late_in_year=True) == "result"


def test_the_kind_carries_through_a_paragraph_while_the_year_stays() -> None:
    assert numeric_kind("城镇新增就业", "", year=2025, meeting_year=2024, late_in_year=True,
                        carried=("estimate", 2025)) == "estimate"
    assert numeric_kind("城镇新增就业", "", year=2023, meeting_year=2024, late_in_year=True,
                        carried=("estimate", 2025)) == "result"


def test_a_heading_that_names_targets_makes_its_figures_targets() -> None:
    assert numeric_kind("■全市生产总值增长", "", year=None, meeting_year=None, late_in_year=True,
                        heading="今年主要预期目标") == "target"


def test_words_after_the_figure() -> None:
    assert _kinds("经济增长7%左右的预期目标是有条件的。", None) == [("增长7%左右", "target")]
    assert _kinds("今后三年年均增长5.2%以上就可以。", None) == [("增长5.2%以上", "statistic")]


@pytest.mark.parametrize(
    ("sentence", "source", "low", "high", "unit"),
    [
        ("全市生产总值增长6%-6.5%。", "增长6%-6.5%", "6", "6.5", "%"),
        ("力争引进资金6-8亿元。", "6-8亿元", "600000000", "800000000", "CNY"),
        ("居民收入增长7%～8%。", "增长7%～8%", "7", "8", "%"),
    ],
)
def test_a_range_is_one_fact(sentence: str, source: str, low: str, high: str, unit: str) -> None:
    [fact] = find_targets(sentence, 2024)
    assert fact.source == source
    assert (fact.value, fact.low, fact.high, fact.unit) == (None, Decimal(low), Decimal(high), unit)


def test_a_change_to_a_level_is_not_a_range() -> None:
    found = find_targets("城镇化率提高1.5个百分点至68%。", 2024)
    assert [(t.value, t.unit) for t in found] == [(Decimal("1.5"), "pp"), (Decimal(68), "%")]


def test_month_spans_and_dates_are_not_ranges() -> None:
    assert find_targets("1—6月，规上工业增加值增长7%。", 2024)[0].value == Decimal(7)
    assert [t.value for t in find_targets("2024-12-23，投资增长5%。", 2024)] == [Decimal(5)]


def test_per_ten_thousand_yuan_is_not_an_amount() -> None:
    found = find_targets("万元生产总值能耗降低3%。", 2024)
    assert [(t.source, t.unit) for t in found] == [("降低3%", "%")]


@pytest.mark.parametrize(
    ("sentence", "metric"),
    [
        ("公司去年整车产量突破20万辆。", "公司整车产量"),
        ("今年全区社会消费品零售总额预计达到710亿元。", "社会消费品零售总额"),
        ("全市财政总收入可达270亿元。", "财政总收入"),
        ("■全区生产总值增长6%。", "生产总值增长"),
    ],
)
def test_metric_is_the_noun_phrase(sentence: str, metric: str) -> None:
    assert find_targets(sentence, 2024)[0].metric == metric


def test_people_counted_at_the_event_are_statistics() -> None:
    [delegates] = find_targets("215名区人大代表出席大会。", 2024)
    assert (delegates.kind, delegates.unit, delegates.metric) == ("statistic", "people", "区人大代表")
    [everyone] = find_targets("各镇街负责人等共900多人参加会议。", 2024)
    assert (everyone.kind, everyone.qualifier, everyone.metric) == ("statistic", "多", "参加会议人数")


@pytest.mark.parametrize(
    ("sentence", "source"),
    [("此次集中签约28个项目，总投资51亿元。", "28个"),
     ("会上，17个项目成功签约。", "17个"),
     ("本次签约项目共计12个。", "12个")],
)
def test_counts_of_signed_projects_are_results(sentence: str, source: str) -> None:
    first = find_targets(sentence, 2024)[0]
    assert (first.source, first.unit, first.kind, first.qualifier) == (source, "count", "result", None)


def test_jin_is_a_unit() -> None:
    [grain] = find_targets("粮食产量保持在1.3万亿斤以上。", 2024)
    assert (grain.value, grain.unit, grain.metric, grain.source) == (
        Decimal(1300000000000), "jin", "粮食产量", "保持在1.3万亿斤以上"
    )


def test_a_year_of_comparison_is_not_the_facts_year() -> None:
    found = find_targets("2025年合同利用外资15亿美元，与2024年持平。实际利用外资8亿美元。", 2024)
    assert [t.year for t in found] == [2025, 2025]


@pytest.mark.parametrize(
    ("sentence", "since", "year"),
    [("过去五年，全市生产总值年均增长7%。", 2019, 2023),
     ("2016—2020年，全市生产总值年均增长7%。", 2016, 2020),
     ("今后三年，全市生产总值年均增长6%以上。", 2024, 2026),
     ("一年来，全市生产总值增长5%。", None, 2023)],
)
def test_the_period_of_a_fact(sentence: str, since: int | None, year: int) -> None:
    # an early-year meeting looks back on the years before its own
    fact = find_targets(sentence, 2024, late_in_year=False)[0]
    assert (fact.since, fact.year) == (since, year)


def test_a_share_takes_the_metric_before_it() -> None:
    found = find_targets("民生投入达到80亿元，占财政支出的75%。", 2024)
    assert found[1].metric == "民生投入占财政支出比重"


@pytest.mark.parametrize(
    ("sentence", "metric"),
    [
        ("2024年度计划投资达到120亿元。", "年度计划投资"),
        ("前三季度地区生产总值同比增长5.6%。", "地区生产总值增长"),
        ("企业明年将再投入2亿元。", "企业投入"),
    ],
)
def test_metric_drops_periods_but_keeps_words(sentence: str, metric: str) -> None:
    assert find_targets(sentence, 2024)[0].metric == metric


def test_figures_in_a_quoted_statement_count_but_names_do_not() -> None:
    said = find_targets("他说：“明年全县力争地区生产总值增长7%，投资增长10%。”", 2024)
    assert [(t.source, t.kind) for t in said] == [("增长7%", "target"), ("增长10%", "target")]
    assert find_targets("推进“两个100%”工程，培育“百亿元级”企业。", 2024) == []


def test_verbs_of_effort_mark_a_target_only_in_their_own_clause() -> None:
    assert _kinds("推动全市规上工业增加值增长8%。", 2024) == [("增长8%", "target")]
    assert _kinds("今年以来，全区推动高质量发展，地区生产总值增长6%。", 2024) == [
        ("增长6%", "result")
    ]


def test_jiang_and_mubiao_mark_a_target_only_in_their_own_clause() -> None:
    assert _kinds("到2026年，年产能将达到50万辆。", 2024) == [("达到50万辆", "target")]
    assert _kinds("去年，全市将招商作为一号工程，引进项目投资120亿元。", 2024) == [
        ("120亿元", "result")
    ]
    assert _kinds("去年圆满完成年度目标任务，生产总值增长6%。", 2024) == [("增长6%", "result")]
    assert _kinds("明年的主要目标是：生产总值增长6%。", 2024) == [("增长6%", "target")]


def test_a_later_year_outweighs_a_cue_of_the_past() -> None:
    found = _kinds("“去年我们新上了两条生产线。”他表示，今年再投入2亿元。", 2025, late_in_year=False)
    assert found == [("投入2亿元", "target")]
