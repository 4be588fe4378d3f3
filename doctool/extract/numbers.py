"""Chinese number expressions to exact Decimal values: 8400亿 = 840000000000, 百万 = 1000000.

Decimal arithmetic throughout: with floats, 16.4亿 would come out as 1639999999.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from doctool.errors import InputError

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
LARGE_UNITS = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}
CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(LARGE_UNITS)

#: an Arabic number (with thousands separators and decimals) and optional 万/亿 multipliers
ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
NUMBER_RE = re.compile(rf"(?P<num>{ARABIC}|[{CN_NUMERAL_CHARS}]+)(?P<mult>[万亿]*)")

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")


def to_halfwidth(text: str) -> str:
    """Full-width digits, point, comma and percent sign as their ASCII forms."""
    return text.translate(_FULLWIDTH)


def parse_chinese_integer(text: str) -> Decimal:
    """Value of a Chinese numeral such as 三千五百, 十二, 两万, 百万 or 一亿二千万."""
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        raise InputError(f"{text!r} is not a Chinese numeral")
    total = Decimal(0)      # completed 亿/万 groups
    section = Decimal(0)    # the part below the current large unit
    digit: int | None = None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            # a bare 十/百/千 means one of them (十二 = 12, 百万 = one million)
            section += Decimal(digit if digit is not None else 1) * SMALL_UNITS[ch]
            digit = None
        else:
            unit = LARGE_UNITS[ch]
            section += digit or 0
            digit = None
            if section == 0:
                section = Decimal(1)
            if unit > 10**4 or total == 0:
                total = (total + section) * unit
            else:
                total += section * unit
            section = Decimal(0)
    section += digit or 0
    return total + section


def parse_number(num: str, mult: str = "") -> Decimal:
    """Exact value of a number such as ("8400", "亿"), ("16.4", "亿"), ("百", "万")."""
    num = to_halfwidth(num)
    try:
        arabic = re.fullmatch(ARABIC, num)
        value = Decimal(num.replace(",", "")) if arabic else parse_chinese_integer(num)
    except InvalidOperation:
        raise InputError(f"{num!r} is not a number") from None
    for ch in mult:
        value *= LARGE_UNITS[ch]
    return normalize(value)


def normalize(value: Decimal) -> Decimal:
    """The value without a trailing exponent or zeros: 8.40E+11 → 840000000000, 6.50 → 6.5."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()
