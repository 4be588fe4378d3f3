"""A target's previous result: the same metric's result or estimate for an earlier period."""

from __future__ import annotations

from decimal import Decimal

import pytest

from doctool import content_io
from doctool.errors import ContentError
from doctool.extract import extract
from doctool.extract.reader import read_source
from doctool.extract.targets import same_metric, with_previous_results
from doctool.model import NumericKind, Target, Text, Unit
from tests.conftest import ROOT


def _fact(id: str, metric: str, value: str, kind: NumericKind, year: int | None,
          unit: Unit = "%") -> Target:
    return Target(id, Text(metric), Decimal(value), unit, f"s.{id}", value, year=year, kind=kind)


@pytest.mark.parametrize(
    ("a", "b", "places", "same"),
    [
        ("生产总值增长", "生产总值增长", (), True),
        # a scope of the whole place, or a place the report names, does not change the metric
        ("全市商品销售总额", "商品销售总额", (), True),
        ("江北商品销售总额", "商品销售总额", ("江北区委",), True),
        ("江北商品销售总额", "商品销售总额", (), False),
        # a qualifying word does: above designated size is not all industry
        ("规模以上工业总产值", "工业总产值", ("重庆",), False),
        ("生产总值增长", "生产总值", (), False),
        # two characters say too little to pair on
        ("最高", "最高", (), False),
    ],
)
def test_same_metric(a: str, b: str, places: tuple[str, ...], same: bool) -> None:
    assert same_metric(a, b, places) is same


def test_a_target_is_paired_with_the_latest_earlier_result() -> None:
    facts = (
        _fact("t1", "生产总值增长", "7", "result", 2023),
        _fact("t2", "生产总值增长", "6", "estimate", 2024),
        _fact("t3", "生产总值增长", "5", "target", 2025),
        _fact("t4", "财政收入增长", "4", "result", 2024),
    )
    paired = {t.id: t.previous for t in with_previous_results(facts)}
    assert paired == {"t1": None, "t2": None, "t3": "t2", "t4": None}


def test_no_pairing_across_units_kinds_or_later_periods() -> None:
    facts = (
        _fact("t1", "商品销售总额", "840000000000", "estimate", 2024, "CNY"),
        _fact("t2", "商品销售总额", "15", "target", 2025),
        _fact("t3", "投资增长", "6", "result", 2026),
        _fact("t4", "投资增长", "8", "target", 2025),
        _fact("t5", "投资增长", "9", "statistic", 2024),
    )
    assert all(t.previous is None for t in with_previous_results(facts))


def test_without_years_a_result_told_before_the_target_is_its_previous() -> None:
    facts = (
        _fact("t1", "失业率", "5.1", "result", None),
        _fact("t2", "失业率", "5.5", "target", None),
        _fact("t3", "失业率", "5.0", "result", None),
    )
    assert with_previous_results(facts)[1].previous == "t1"


def test_the_sample_pairs_jiangbei_sales_with_its_estimate() -> None:
    content = extract(read_source(ROOT / "seeds" / "chongqing-economic-work-conference-2024.txt"))
    facts = {t.id: t for t in content.targets}
    sales = next(t for t in content.targets if t.kind == "target" and t.metric.zh == "商品销售总额")
    assert sales.previous is not None
    previous = facts[sales.previous]
    assert (previous.metric.zh, previous.value, previous.kind, previous.year) == (
        "江北商品销售总额", Decimal(840000000000), "estimate", 2024)


def test_a_government_work_report_gives_last_years_results() -> None:
    content = extract(read_source(
        ROOT / "tests" / "corpus" / "020-national-government-work-report-2022.txt"))
    facts = {t.id: t for t in content.targets}
    pairs = {t.metric.zh: facts[t.previous].value for t in content.targets if t.previous}
    assert pairs["国内生产总值增长"] == Decimal("8.1")
    assert pairs["城镇调查失业率"] == Decimal("5.1")


def test_the_content_file_keeps_the_pairing_and_refuses_a_dangling_one() -> None:
    content = extract(read_source(ROOT / "seeds" / "chongqing-economic-work-conference-2024.txt"))
    text = content_io.dumps(content)
    assert "previous: t4" in text
    assert content_io.loads(text) == content
    with pytest.raises(ContentError, match="previous result 't99'"):
        content_io.loads(text.replace("previous: t4", "previous: t99"))
