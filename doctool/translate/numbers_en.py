"""Chinese number expressions found in text and written out in English.

8400亿元 → "840 billion yuan", 1.2万亿元 → "1.2 trillion yuan", 2.3万户 → "23,000 households",
百万人次 → "one million person-times", 225公里 → "225 km", 6%以上 → "more than 6%",
12月23日 → "December 23", “33618” → "33618" (a name, not a quantity).

Values are exact Decimals: with floats 16.4亿 would come out as 1639999999.
The masker uses :func:`find_quantities` to protect numbers from machine translation and the
number check uses it to compare the Chinese with the English.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext
from typing import Literal

from doctool.extract.numbers import (
    ARABIC,
    DIGITS,
    PRECISION,
    SMALL_UNITS,
    chinese_numeral_value,
    normalize,
    number_value,
    to_halfwidth,
)
from doctool.units import MEASURES, UNIT_WORDS

#: what a number is: an amount, a calendar year, a date (month and day), a month, a run of
#: months (1-11月), a name made of digits (“33618”, 6·18), or an ordinal (第5)
Kind = Literal["amount", "year", "date", "month", "months", "code", "ordinal"]

_CN = "".join(DIGITS) + "".join(SMALL_UNITS)

_ARABIC = ARABIC
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")

_UNIT_RE = "|".join(re.escape(u) for u in sorted(UNIT_WORDS, key=len, reverse=True))

#: qualifiers written after the number (6%以上) and before it (约6%)
_AFTER = {"以上": "more than", "左右": "about", "以下": "less than", "以内": "within",
          "上下": "about"}
_BEFORE = {"超过": "more than", "约": "about", "逾": "more than", "超": "more than",
           "近": "nearly"}
# 近 starts these words without being "nearly"
_NOT_NEARLY = "最接附将"

_YEAR_MONTH_DAY = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?")
_MONTH_RANGE = re.compile(r"(?P<m1>\d{1,2})[-—–~至到](?P<m2>\d{1,2})月")
_MONTH_DAY = re.compile(r"(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号])?")
_YEAR = re.compile(r"(?P<y>\d{4})年(?!代)")
_DOT_CODE = re.compile(r"\d+·\d+")
_PERCENT_WORDS = re.compile(rf"百分之(?P<num>{_ARABIC}|[{_CN}]+)")
_ARABIC_AMOUNT = re.compile(
    # 千 and 百 multiply unless they start a unit: 1千米 is 1 km, 3百分点 3 points
    rf"(?P<num>{_ARABIC})(?P<more1>[多余])?(?P<mult>(?:千(?!米|瓦)|百(?!分))?[万亿]{{0,2}})"
    rf"(?P<more2>[多余])?"
    rf"(?P<unit>{_UNIT_RE})?(?P<after>以上|左右|以下|以内|上下)?"
)
_CHINESE_AMOUNT = re.compile(
    rf"(?P<num>(?:[{_CN}]+[万亿]{{1,2}})*[{_CN}]+)(?P<more1>[多余])?(?P<mult>[万亿]{{1,2}})"
    rf"(?P<more2>[多余])?"
    rf"(?P<unit>{_UNIT_RE})?(?P<after>以上|左右|以下|以内|上下)?"
)


@dataclass(frozen=True)
class Quantity:
    """A number found in Chinese text: where it is, its exact value and how to say it in English.

    ``value`` is in base units (yuan, people, km; 8% is 8); for a date it is month * 100 + day,
    for a month the month number, for a run of months first * 100 + last. ``unit`` is a code
    such as ``%``, ``CNY``, ``km`` or ``count`` (a measure word), or "" for a bare number;
    ``year`` is the year a date or month carries (2024年12月).
    """

    start: int
    end: int
    text: str
    value: Decimal
    kind: Kind = "amount"
    unit: str = ""
    qualifier: str = ""
    spoken: bool = False  # written in Chinese numerals (百万)
    scaled: bool = False  # carried 万 or 亿
    year: int | None = None

    @property
    def en(self) -> str:
        """The quantity in English."""
        return render(self)


#: Chinese numbers are read by the extractor's parser: one implementation, exact Decimal
halfwidth = to_halfwidth
parse_chinese_numeral = chinese_numeral_value
parse_number = number_value
_normal = normalize


def find_quantities(text: str) -> list[Quantity]:
    """Every number expression in Chinese ``text``, left to right, not overlapping."""
    return list(_scan(text))


def _scan(text: str) -> Iterator[Quantity]:
    flat = halfwidth(text)
    pos = 0
    n = len(flat)
    while pos < n:
        ch = flat[pos]
        if not (ch.isdigit() or ch in _CN):
            pos += 1
            continue
        found = _match_at(flat, text, pos)
        if found is None:
            # skip the rest of a digit run so that 12345 is never read again as 2345
            pos += 1
            while pos < n and flat[pos].isdigit() and ch.isdigit():
                pos += 1
            continue
        yield from found
        pos = found[-1].end


def _match_at(flat: str, text: str, pos: int) -> list[Quantity] | None:
    before = flat[pos - 1] if pos else ""
    if flat[pos].isdigit():
        if before.isdigit() or (before.isascii() and before.isalpha()):
            return None  # inside a longer number or a code such as G20
        if before in ".," and pos >= 2 and flat[pos - 2].isdigit():
            return None
        return _arabic_at(flat, text, pos, before)
    if flat.startswith("百分之", pos):
        m = _PERCENT_WORDS.match(flat, pos)
        if m:
            value = parse_number(m["num"])
            if value is not None:
                q = Quantity(pos, m.end(), text[pos:m.end()], value, unit="%",
                             spoken=not m["num"][0].isdigit())
                return [_with_qualifiers(q, flat, text)]
        return None
    if before and before in _CN + "万亿":
        return None
    m = _CHINESE_AMOUNT.match(flat, pos)
    if m is None:
        return None
    value = parse_number(m["num"] + m["mult"])
    if value is None:
        return None
    return [_with_qualifiers(_amount(m, text, value, spoken=True), flat, text)]


def _arabic_at(flat: str, text: str, pos: int, before: str) -> list[Quantity] | None:
    m = _YEAR_MONTH_DAY.match(flat, pos)
    if m and _valid_date(int(m["m"]), m["d"]):
        # one token for the whole date, so that "December 23, 2024" comes out in one piece
        return [replace(_date(m, text, pos), year=int(m["y"]))]
    m = _MONTH_RANGE.match(flat, pos)
    if m and _valid_date(int(m["m1"]), None) and _valid_date(int(m["m2"]), None):
        span = Decimal(int(m["m1"]) * 100 + int(m["m2"]))
        return [Quantity(pos, m.end(), text[pos:m.end()], span, kind="months")]
    m = _MONTH_DAY.match(flat, pos)
    if m and _valid_date(int(m["m"]), m["d"]):
        return [_date(m, text, pos)]
    m = _YEAR.match(flat, pos)
    if m and 1000 <= int(m["y"]) <= 2999:
        return [Quantity(pos, m.end(), text[pos:m.end()], Decimal(m["y"]), kind="year")]
    m = _DOT_CODE.match(flat, pos)
    if m:
        return [Quantity(pos, m.end(), text[pos:m.end()], Decimal(m[0].replace("·", "")),
                         kind="code")]
    m = _ARABIC_AMOUNT.match(flat, pos)
    if m is None:  # pragma: no cover - a digit always starts an Arabic number
        return None
    end = m.end()
    after_num = m.end("num")
    if end < len(flat) and flat[end].isascii() and flat[end].isalpha() and end == after_num:
        return None  # part of a code such as 5G or G20: leave it alone
    value = parse_number(m["num"], m["mult"])
    if value is None:
        return None
    if before == "第":
        return [Quantity(pos, after_num, text[pos:after_num], value, kind="ordinal")]
    closing = flat[after_num] if after_num < len(flat) else ""
    if before and closing and before in "“\"‘'「" and closing in "”\"’'」" and not m["mult"]:
        return [Quantity(pos, after_num, text[pos:after_num], value, kind="code")]
    return [_with_qualifiers(_amount(m, text, value, spoken=False), flat, text)]


def _valid_date(month: int, day: str | None) -> bool:
    return 1 <= month <= 12 and (day is None or 1 <= int(day) <= 31)


def _date(m: re.Match[str], text: str, start: int) -> Quantity:
    month = int(m["m"])
    end = m.end()
    if m["d"] is None:
        return Quantity(start, end, text[start:end], Decimal(month), kind="month")
    return Quantity(start, end, text[start:end], Decimal(month * 100 + int(m["d"])), kind="date")


def _amount(m: re.Match[str], text: str, value: Decimal, *, spoken: bool) -> Quantity:
    unit = UNIT_WORDS[m["unit"]].code if m["unit"] else ""
    qualifier = _AFTER.get(m["after"] or "", "")
    if m["more1"] or m["more2"]:
        qualifier = qualifier or "more than"
    return Quantity(m.start(), m.end(), text[m.start():m.end()], value, unit=unit,
                    qualifier=qualifier, spoken=spoken, scaled=bool(m["mult"]))


def _with_qualifiers(q: Quantity, flat: str, text: str) -> Quantity:
    """``q`` extended over a qualifier written before it (约, 超过, 近)."""
    for word, meaning in _BEFORE.items():
        start = q.start - len(word)
        if start >= 0 and flat.startswith(word, start):
            if word == "近" and start > 0 and flat[start - 1] in _NOT_NEARLY:
                continue
            return replace(q, start=start, text=text[start:q.end],
                           qualifier=q.qualifier or meaning)
    return q


# -- English --------------------------------------------------------------------------------

_SCALES = ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"),
           (Decimal(10) ** 6, "million"))
_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven",
          8: "eight", 9: "nine", 10: "ten"}


def format_decimal(value: Decimal) -> str:
    """``value`` with thousands separators and no exponent or trailing zeros: 23000 → "23,000"."""
    # normalize already drops the exponent of whole numbers, at a precision that fits them
    return f"{_normal(value):,f}"


def format_amount(value: Decimal, *, spoken: bool = False) -> str:
    """A number the way an English report writes it: 840 billion, 1.2 trillion, 23,000.

    Millions and up take a scale word when the figure stays short (at most three decimals);
    ``spoken`` numbers (written 百万 in Chinese) come out as words when they are one to ten.
    """
    for scale, word in _SCALES:
        if abs(value) >= scale:
            with localcontext(prec=PRECISION):
                mantissa = value / scale
            if mantissa == mantissa.quantize(Decimal("0.001")):
                if spoken and mantissa == mantissa.to_integral_value() and int(mantissa) in _WORDS:
                    return f"{_WORDS[int(mantissa)]} {word}"
                return f"{format_decimal(mantissa)} {word}"
            break
    return format_decimal(value)


def ordinal(n: int) -> str:
    """1 → "1st", 2 → "2nd", 11 → "11th", 23 → "23rd"."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def render(q: Quantity) -> str:
    """The English for a quantity found by :func:`find_quantities`."""
    if q.kind in ("year", "code"):
        return halfwidth(q.text).rstrip("年")
    if q.kind == "ordinal":
        return ordinal(int(q.value))
    if q.kind == "months":
        first, last = divmod(int(q.value), 100)
        return f"{_MONTHS[first - 1]}-{_MONTHS[last - 1]}"
    if q.kind == "month":
        return _MONTHS[int(q.value) - 1] + (f" {q.year}" if q.year else "")
    if q.kind == "date":
        month, day = divmod(int(q.value), 100)
        return f"{_MONTHS[month - 1]} {day}" + (f", {q.year}" if q.year else "")
    return _with_qualifier(q.qualifier, _amount_en(q))


def _amount_en(q: Quantity) -> str:
    if q.unit == "" and not q.scaled and not q.spoken:
        # a bare number keeps its digits ungrouped: it may be a code or a page number
        return f"{_plain(q.value)}"
    number = format_amount(q.value, spoken=q.spoken)
    if q.unit == "%":
        return f"{number}%"
    if q.unit == "":
        return number
    measure = MEASURES[q.unit]
    if not measure.singular:
        return number  # a measure word: the noun that follows is translated with the text
    return f"{number} {measure.singular if q.value == 1 else measure.plural}"


def _plain(value: Decimal) -> str:
    with localcontext(prec=PRECISION):
        return f"{_normal(value):f}"


def _with_qualifier(qualifier: str, text: str) -> str:
    return f"{qualifier} {text}" if qualifier else text


def to_english(text: str) -> str:
    """A Chinese number expression in English: "8400亿元" → "840 billion yuan".

    Text around the numbers is kept as it stands; text without numbers comes back unchanged.
    """
    out: list[str] = []
    pos = 0
    for q in find_quantities(text):
        out.append(text[pos:q.start])
        out.append(render(q))
        pos = q.end
    out.append(text[pos:])
    return "".join(out)
