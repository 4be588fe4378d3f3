"""Chinese number expressions found in text and written in English, exactly (Decimal)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doctool.translate.numbers_en import (
    find_quantities,
    format_amount,
    ordinal,
    parse_chinese_numeral,
    parse_number,
    to_english,
)


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("8400亿元", "840 billion yuan"),
        ("1.2万亿元", "1.2 trillion yuan"),
        ("2.3万户", "23,000 households"),
        ("百万人次", "one million person-times"),
        ("225公里", "225 km"),
        ("6%以上", "more than 6%"),
        ("15%", "15%"),
        ("１２％", "12%"),
        ("3个百分点", "3 percentage points"),
        ("0.5个百分点", "0.5 percentage points"),
        ("约300人", "about 300 people"),
        ("100多万人", "more than 1 million people"),
        ("两千亿元", "200 billion yuan"),
        ("一亿二千万元", "120 million yuan"),
        ("9000亿", "900 billion"),
        ("500万元", "5 million yuan"),
        ("3000元", "3,000 yuan"),
        ("1千米", "1 km"),
        ("10分钟", "10 minutes"),
        ("百分之十五", "15%"),
        ("5000家", "5,000"),
        ("16.4亿元", "1.64 billion yuan"),
        ("1234.5678万", "12,345,678"),
        ("12345.6789万", "123,456,789"),
    ],
)
def test_amounts_in_english(zh: str, en: str) -> None:
    assert to_english(zh) == en


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("12月23日", "December 23"),
        ("2024年12月23日", "December 23, 2024"),
        ("2024年12月", "December 2024"),
        ("1-11月", "January-November"),
        ("2025年", "2025"),
        ("“33618”", "“33618”"),
        ("6·18", "6·18"),
        ("第5轮", "第5th轮"),
        ("星光68", "星光68"),
    ],
)
def test_dates_years_names_and_ordinals(zh: str, en: str) -> None:
    assert to_english(zh) == en


def test_bare_numbers_keep_their_digits() -> None:
    assert to_english("8400") == "8400"  # no unit: it may be a code, so no grouping


def test_quantities_in_a_sentence_with_spans() -> None:
    text = "预计2024年江北商品销售总额8400亿元、增长15%，观音桥商圈单日最高人流量突破百万人次。"
    found = find_quantities(text)
    assert [(q.kind, q.value, q.unit) for q in found] == [
        ("year", Decimal(2024), ""),
        ("amount", Decimal(840_000_000_000), "CNY"),
        ("amount", Decimal(15), "%"),
        ("amount", Decimal(1_000_000), "person-times"),
    ]
    for q in found:
        assert text[q.start:q.end] == q.text


def test_words_that_are_not_numbers_are_left_alone() -> None:
    for text in ("一是全力以赴", "“十四五”规划", "二十届二中全会", "三大行动", "一批", "5G网络", "G20"):
        assert find_quantities(text) == [], text


def test_the_chinese_comma_is_punctuation_not_a_separator() -> None:
    found = find_quantities("增长15%，8400亿元")
    assert [q.value for q in found] == [Decimal(15), Decimal(840_000_000_000)]


def test_qualifier_before_the_number() -> None:
    [q] = find_quantities("超过6%")
    assert q.en == "more than 6%"
    [q] = find_quantities("最近3年")  # 近 belongs to 最近 here
    assert q.en == "3 years"


def test_parse_chinese_numeral() -> None:
    assert parse_chinese_numeral("三千五百") == 3500
    assert parse_chinese_numeral("十二") == 12
    assert parse_chinese_numeral("两万") == 20000
    assert parse_chinese_numeral("百万") == 1_000_000
    assert parse_chinese_numeral("一亿二千万") == 120_000_000
    assert parse_chinese_numeral("两万亿") == 2 * 10**12
    assert parse_chinese_numeral("abc") is None


def test_parse_number_is_exact() -> None:
    assert parse_number("16.4", "亿") == Decimal(1_640_000_000)
    assert parse_number("1.2", "万亿") == Decimal(1_200_000_000_000)
    assert str(parse_number("1.2", "万亿")) == "1200000000000"


def test_long_digit_runs_stay_exact_or_are_not_quantities() -> None:
    [q] = find_quantities("12345678901234567890123456789.5亿元")
    assert q.value == Decimal("1234567890123456789012345678950000000")
    assert find_quantities("1" * 41) == []


def test_format_amount() -> None:
    assert format_amount(Decimal(840_000_000_000)) == "840 billion"
    assert format_amount(Decimal(1_000_000), spoken=True) == "one million"
    assert format_amount(Decimal(1_000_000)) == "1 million"
    assert format_amount(Decimal(23000)) == "23,000"
    assert format_amount(Decimal("3.5")) == "3.5"


def test_ordinal() -> None:
    assert [ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111)] == [
        "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]


@given(st.integers(min_value=1, max_value=99_999), st.sampled_from(["万", "亿", "万亿"]))
def test_scaled_amounts_round_trip_exactly(n: int, mult: str) -> None:
    value = Decimal(n) * {"万": 10**4, "亿": 10**8, "万亿": 10**12}[mult]
    [q] = find_quantities(f"达到{n}{mult}元")
    assert q.value == value and q.unit == "CNY"
    words, unit = q.en.rsplit(" ", 1)[0], q.en.rsplit(" ", 1)[1]
    assert unit == "yuan"
    number, _, scale = words.partition(" ")
    scales = {"": 1, "million": 10**6, "billion": 10**9, "trillion": 10**12}
    assert Decimal(number.replace(",", "")) * scales[scale] == value


@given(st.text(alphabet="一二三四五六七八九十百千万亿元%0123456789.，、年月日第“”个人次公里以上", max_size=30))
def test_quantities_never_overlap_and_point_into_the_text(text: str) -> None:
    position = 0
    for q in find_quantities(text):
        assert q.start >= position
        assert text[q.start:q.end] == q.text
        assert q.en  # every quantity has an English rendering
        position = q.end
