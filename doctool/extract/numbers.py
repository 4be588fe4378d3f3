"""Chinese number expressions to exact Decimal values: 8400亿 = 840000000000, 百万 = 1000000.

Decimal arithmetic throughout: with floats, 16.4亿 would come out as 1639999999.
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

from doctool.errors import InputError

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
          "六": 6, "七": 7, "八": 8, "九": 9}
SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
LARGE_UNITS = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}
CN_NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(LARGE_UNITS)

#: an Arabic number (with thousands separators and decimals) and optional 万/亿 multipliers
ARABIC = r"\d+(?:,\d{3})*(?:\.\d+)?"
NUMBER_RE = re.compile(rf"(?P<num>{ARABIC}|[{CN_NUMERAL_CHARS}]+)(?P<mult>[万亿]*)")
#: digits an Arabic number may have; a longer run is an identifier, not a quantity, and the
#: limit lets every computation stay exact at PRECISION digits
MAX_DIGITS = 40
PRECISION = 100

# full-width forms map one-to-one onto ASCII, so positions in the mapped text are positions in
# the original; not the full-width comma: in Chinese text it is punctuation, never a separator
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％", "0123456789.%")


def to_halfwidth(text: str) -> str:
    """Full-width digits, point and percent sign as their ASCII forms, one for one."""
    return text.translate(_FULLWIDTH)


def chinese_numeral_value(text: str) -> Decimal | None:
    """Value of a Chinese numeral such as 三千五百, 十二, 两万, 百万 or 一亿二千万; None if not one."""
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        return None
    total = Decimal(0)  # completed 亿 groups
    group = Decimal(0)  # completed 万 group below the current 亿
    section = Decimal(0)  # the part below 万
    digit: int | None = None
    for ch in text:
        if ch in DIGITS:
            digit = DIGITS[ch]
        elif ch in SMALL_UNITS:
            # a bare 十/百/千 means one of them: 十二 is 12, 百万 is one million
            section += (digit if digit is not None else 1) * SMALL_UNITS[ch]
            digit = None
        elif ch == "万":
            section += digit or 0
            digit = None
            group = (group + (section or 1)) * LARGE_UNITS["万"]
            section = Decimal(0)
        else:  # 亿
            section += digit or 0
            digit = None
            total = (total + group + section or Decimal(1)) * LARGE_UNITS["亿"]
            group = section = Decimal(0)
    return total + group + section + (digit or 0)


def number_value(num: str, mult: str = "") -> Decimal | None:
    """Exact value of a number and its multipliers, ("8400", "亿") or ("百", "万"); None if not one."""
    num = to_halfwidth(num)
    if sum(ch.isdigit() for ch in num) > MAX_DIGITS:
        return None
    with localcontext(prec=PRECISION):
        arabic = re.fullmatch(ARABIC, num)
        value = Decimal(num.replace(",", "")) if arabic else chinese_numeral_value(num)
        if value is None:
            return None
        for ch in mult:
            if ch in SMALL_UNITS:
                value *= SMALL_UNITS[ch]
            elif ch in LARGE_UNITS:
                value *= LARGE_UNITS[ch]
            else:
                return None
        return normalize(value)


def parse_chinese_integer(text: str) -> Decimal:
    """Value of a Chinese numeral; raises InputError if ``text`` is not one."""
    value = chinese_numeral_value(text)
    if value is None:
        raise InputError(f"{text!r} is not a Chinese numeral")
    return value


def parse_number(num: str, mult: str = "") -> Decimal:
    """Exact value of a number such as ("8400", "亿"), ("16.4", "亿"), ("百", "万")."""
    value = number_value(num, mult)
    if value is None:
        raise InputError(f"{num}{mult!s} is not a number doctool can read")
    return value


def normalize(value: Decimal) -> Decimal:
    """The value without a trailing exponent or zeros: 8.40E+11 → 840000000000, 6.50 → 6.5."""
    # quantize needs room for every digit; the default 28 would refuse a long identifier
    with localcontext(prec=PRECISION):
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
        return value.normalize()
