"""Chinese number expressions to exact values."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doctool.extract.numbers import parse_chinese_integer, parse_number


@pytest.mark.parametrize(
    ("num", "mult", "value"),
    [
        ("8400", "亿", "840000000000"),
        ("16.4", "亿", "1640000000"),
        ("9000", "亿", "900000000000"),
        ("1.2", "万亿", "1200000000000"),
        ("2.3", "万", "23000"),
        ("百", "万", "1000000"),
        ("１２", "万", "120000"),
        ("1,250", "", "1250"),
        ("6.50", "", "6.5"),
    ],
)
def test_parse_number_is_exact(num: str, mult: str, value: str) -> None:
    assert parse_number(num, mult) == Decimal(value)
    assert str(parse_number(num, mult)) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [("十二", 12), ("二十", 20), ("三千五百", 3500), ("两万", 20000), ("百万", 1000000),
     ("一亿二千万", 120000000), ("十万", 100000), ("一千零五", 1005)],
)
def test_chinese_numerals(text: str, value: int) -> None:
    assert parse_chinese_integer(text) == value


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))
def test_yi_conversion_round_trips(value: Decimal) -> None:
    assert parse_number(str(value), "亿") / Decimal(10) ** 8 == value
