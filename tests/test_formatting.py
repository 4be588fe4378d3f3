"""Values written per language: 万/亿 in Chinese, million/billion in English, qualifiers, dates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doctool.model import UNITS, Lang, Unit
from doctool.render.formatting import (
    UNIT_WORDS,
    english_typography,
    format_date,
    format_number,
    format_quantity,
    format_target_value,
    format_year,
    in_one_scale,
    plain_number,
    qualifier_words,
)


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "zh", "en"),
    [
        ("840000000000", "CNY", None, "8400亿元", "840 billion yuan"),
        ("8", "%", "以上", "8%以上", "more than 8%"),
        ("6.5", "%", "左右", "6.5%左右", "about 6.5%"),
        ("8", "%", "力争", "力争8%", "strive for 8%"),
        ("900000000000", "CNY", "力争", "力争9000亿元", "strive for 900 billion yuan"),
        ("1000000", "person-times", None, "100万人次", "1 million person-times"),
        ("1000000", "person-times", "突破", "突破100万人次", "over 1 million person-times"),
        ("225", "km", None, "225公里", "225 km"),
        ("23000", "count", None, "2.3万", "23,000"),
        ("120000000000", "CNY", "突破", "突破1200亿元", "over 120 billion yuan"),
        ("1200000000000", "CNY", None, "1.2万亿元", "1.2 trillion yuan"),
        ("215000000000", "CNY", None, "2150亿元", "215 billion yuan"),
        ("3", "pp", None, "3个百分点", "3 percentage points"),
        ("1", "pp", None, "1个百分点", "1 percentage point"),
        ("500000", "m2", None, "50万平方米", "500,000 m²"),
        ("1500000", "TEU", None, "150万标箱", "1.5 million TEU"),
        ("840000000000", "CNY", "预计", "预计8400亿元", "expected 840 billion yuan"),
        ("5", "USD", None, "5美元", "5 US dollars"),
        ("1", "people", None, "1人", "1 person"),
    ],
)
def test_target_values(
    value: str, unit: Unit, qualifier: str | None, zh: str, en: str
) -> None:
    assert format_target_value(Decimal(value), unit, qualifier, "zh") == zh
    assert format_target_value(Decimal(value), unit, qualifier, "en") == en


def test_a_value_that_does_not_round_to_a_magnitude_is_written_in_full() -> None:
    # 1.23456789亿 would hide the digits a reader checks against the source
    assert format_quantity(Decimal("123456789"), "CNY", "zh") == "123456789元"
    assert format_quantity(Decimal("123456789"), "CNY", "en") == "123,456,789 yuan"


def test_an_unknown_qualifier_is_kept_not_dropped() -> None:
    assert format_target_value(Decimal(8), "%", "预估", "zh") == "预估8%"
    assert format_target_value(Decimal(8), "%", "预估", "en") == "8% (预估)"


def test_decimals_are_exact() -> None:
    # binary floating point would print 0.30000000000000004
    assert format_number(Decimal("0.1") + Decimal("0.2"), "en") == "0.3"
    assert plain_number(Decimal("8.50")) == "8.5"
    assert plain_number(Decimal("8.4E+3")) == "8400"
    assert plain_number(Decimal("-0")) == "0"


def test_negative_values() -> None:
    assert format_quantity(Decimal("-2.5"), "%", "zh") == "-2.5%"
    assert format_quantity(Decimal("-23000"), "count", "en") == "-23,000"


def test_every_unit_has_words() -> None:
    assert set(UNIT_WORDS) == set(UNITS)


@pytest.mark.parametrize(("lang", "expected"), [("zh", "2024年12月23日"), ("en", "23 December 2024")])
def test_dates(lang: Lang, expected: str) -> None:
    assert format_date(dt.date(2024, 12, 23), lang) == expected


def test_years() -> None:
    assert format_year(2025, "zh") == "2025年"
    assert format_year(2025, "en") == "2025"


@given(st.integers(min_value=1, max_value=9999))
def test_hundred_millions_read_as_yi_and_as_tenths_of_billions(n: int) -> None:
    value = Decimal(n) * Decimal(10) ** 8
    assert format_number(value, "zh") == f"{n}亿"
    # n亿 is n/10 billion: the English must carry the same amount
    words = format_number(value, "en").split()
    scale = {"billion": Decimal(10) ** 9, "million": Decimal(10) ** 6}[words[1]]
    assert Decimal(words[0]) * scale == value


@given(st.integers(min_value=0, max_value=9999))
def test_small_integers_are_plain(n: int) -> None:
    assert format_number(Decimal(n), "zh") == str(n)
    assert format_number(Decimal(n), "en") == f"{n:,}"


@pytest.mark.parametrize(
    ("plain", "printed"),
    [
        ('the "main engine" of the economy', "the “main engine” of the economy"),
        ("Chongqing's reform", "Chongqing’s reform"),
        ("the 'Big Dipper' plan", "the ‘Big Dipper’ plan"),
        ('("33618")', "(“33618”)"),
        ('"33618" modern', "“33618” modern"),
        ("two  spaces   here", "two spaces here"),
        ("New Chongqing–Chongqing Daily", "New Chongqing–Chongqing Daily"),
    ],
)
def test_english_is_typeset_with_curly_quotes_and_single_spaces(plain: str, printed: str) -> None:
    assert english_typography(plain) == printed


def test_a_quote_at_the_start_of_a_run_opens_or_closes_by_what_precedes_it() -> None:
    assert english_typography('" said', before="the plan") == "” said"
    assert english_typography('"plan"', before="the ") == "“plan”"
    assert english_typography('"plan"') == "“plan”"


@pytest.mark.parametrize(
    ("values", "unit", "lang", "numbers", "word"),
    [
        # a target and its previous result on one scale, the unit column naming it
        (("900000000000", "840000000000"), "CNY", "zh", ("9000", "8400"), "亿元"),
        (("900000000000", "840000000000"), "CNY", "en", ("900", "840"), "billion yuan"),
        (("11000000", "12690000"), "people", "zh", ("1100", "1269"), "万人"),
        (("8",), "%", "en", ("8",), "%"),
        # a scale that would leave long decimals is not used
        (("10000", "12345"), "CNY", "zh", ("10000", "12345"), "元"),
        (("23",), "count", "zh", ("23",), ""),
    ],
)
def test_values_in_one_scale(values: tuple[str, ...], unit: Unit, lang: Lang,
                             numbers: tuple[str, ...], word: str) -> None:
    assert in_one_scale(tuple(Decimal(v) for v in values), unit, lang) == (numbers, word)


def test_a_qualifier_on_its_own_is_words() -> None:
    assert [qualifier_words(q, "en") for q in ("以上", "左右", "力争", "不低于")] == [
        "more than", "about", "strive for", "at least"]
    assert qualifier_words("以上", "zh") == "以上"
    # one the table does not know is shown as written, never dropped
    assert qualifier_words("争取", "en") == "争取"
