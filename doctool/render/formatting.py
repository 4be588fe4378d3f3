"""Numbers, units, qualifiers and dates written the way each language writes them.

Chinese groups large numbers by 万 (10^4) and 亿 (10^8): 840000000000 yuan is "8400亿元".
English groups them by thousand, million and billion: "840 billion yuan". Only Decimal
arithmetic is used, so a value read as 8400亿 is never printed as 839.99999 billion.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from doctool import units
from doctool.model import UNITS, Lang, Unit

#: Chinese magnitudes, largest first; 万亿 before 亿 so 1.2e12 reads "1.2万亿" not "12000亿"
_ZH_SCALES: tuple[tuple[Decimal, str], ...] = (
    (Decimal(10) ** 12, "万亿"),
    (Decimal(10) ** 8, "亿"),
    (Decimal(10) ** 4, "万"),
)
_EN_SCALES: tuple[tuple[Decimal, str], ...] = (
    (Decimal(10) ** 12, "trillion"),
    (Decimal(10) ** 9, "billion"),
    (Decimal(10) ** 6, "million"),
)
#: a magnitude word is used only if it leaves at most this many decimals (1.25亿, not 1.2345亿)
_MAX_SCALED_DECIMALS = 2


@dataclass(frozen=True)
class UnitWords:
    """How one unit is written after a number: Chinese suffix, English singular and plural."""

    zh: str
    en: str
    en_plural: str
    #: English writes "8%" and "225 km" but "3 percentage points": no space before symbols
    en_space: bool = True


def _unit_words(unit: Unit) -> UnitWords:
    """A target unit as a brief writes it: the first Chinese word that records it, table English."""
    if unit == "count":
        # a bare count has no measure word we can trust (个/家/项/座 depend on the noun)
        return UnitWords("", "", "")
    zh = next(zh for zh, word in units.UNIT_WORDS.items() if word.target == unit)
    measure = units.MEASURES[unit]
    return UnitWords(
        zh, measure.symbol or measure.singular, measure.symbol or measure.plural, en_space=unit != "%"
    )


UNIT_WORDS: dict[Unit, UnitWords] = {unit: _unit_words(unit) for unit in UNITS}

Position = Literal["before", "after"]


@dataclass(frozen=True)
class QualifierWords:
    """Where a qualifier stands in Chinese, and the English phrase it becomes."""

    zh_position: Position
    #: English template; ``{}`` is the formatted value
    en: str


QUALIFIERS: dict[str, QualifierWords] = {
    "以上": QualifierWords("after", "more than {}"),
    "多": QualifierWords("after", "more than {}"),
    "左右": QualifierWords("after", "about {}"),
    "上下": QualifierWords("after", "around {}"),
    "以内": QualifierWords("after", "within {}"),
    "以下": QualifierWords("after", "no more than {}"),
    "力争": QualifierWords("before", "strive for {}"),
    "确保": QualifierWords("before", "ensure {}"),
    "预计": QualifierWords("before", "expected {}"),
    "超过": QualifierWords("before", "more than {}"),
    "超": QualifierWords("before", "more than {}"),
    "突破": QualifierWords("before", "over {}"),
    "约": QualifierWords("before", "about {}"),
    "近": QualifierWords("before", "nearly {}"),
    "达到": QualifierWords("before", "reach {}"),
    "不低于": QualifierWords("before", "at least {}"),
    "不少于": QualifierWords("before", "at least {}"),
    "至少": QualifierWords("before", "at least {}"),
}
#: an unknown qualifier goes in front in Chinese: the words that follow a number are few and known
_DEFAULT_POSITION: Position = "before"

_EN_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)


def plain_number(value: Decimal) -> str:
    """``value`` in positional notation without trailing zeros: 8.50 -> "8.5", 8.4E+3 -> "8400"."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _scaled(
    value: Decimal, scales: tuple[tuple[Decimal, str], ...]
) -> tuple[Decimal, str] | None:
    for size, word in scales:
        if abs(value) >= size:
            scaled = value / size
            if _decimals(scaled) <= _MAX_SCALED_DECIMALS:
                return scaled, word
    return None


def _grouped(value: Decimal) -> str:
    """English digit grouping, keeping every decimal the value has: 23000 -> "23,000"."""
    text = plain_number(value)
    sign = "-" if text.startswith("-") else ""
    whole, dot, fraction = text.removeprefix("-").partition(".")
    return f"{sign}{int(whole):,}{dot}{fraction}"


def format_number(value: Decimal, lang: Lang) -> str:
    """A bare number: zh "8400亿", "2.3万"; en "840 billion", "23,000"."""
    if lang == "zh":
        scaled = _scaled(value, _ZH_SCALES)
        return plain_number(value) if scaled is None else f"{plain_number(scaled[0])}{scaled[1]}"
    scaled = _scaled(value, _EN_SCALES)
    return _grouped(value) if scaled is None else f"{plain_number(scaled[0])} {scaled[1]}"


def format_quantity(value: Decimal, unit: Unit, lang: Lang) -> str:
    """A number with its unit: zh "8400亿元", "225公里"; en "840 billion yuan", "225 km"."""
    words = UNIT_WORDS[unit]
    number = format_number(value, lang)
    if lang == "zh":
        return f"{number}{words.zh}"
    if not words.en:
        return number
    # English takes the singular only for exactly one ("1 percentage point", "1.5 percentage points")
    word = words.en if abs(value) == 1 else words.en_plural
    return f"{number} {word}" if words.en_space else f"{number}{word}"


def format_target_value(
    value: Decimal, unit: Unit, qualifier: str | None, lang: Lang, high: Decimal | None = None
) -> str:
    """A target's value with unit and qualifier: zh "8%以上", "力争9000亿元"; en "more than 8%".

    With ``high``, ``value`` is the low end of a range: zh "6%-6.5%", en "6% to 6.5%".
    """
    quantity = format_quantity(value, unit, lang)
    if high is not None:
        quantity += ("-" if lang == "zh" else " to ") + format_quantity(high, unit, lang)
    if not qualifier:
        return quantity
    known = QUALIFIERS.get(qualifier)
    if lang == "zh":
        position = known.zh_position if known is not None else _DEFAULT_POSITION
        return f"{qualifier}{quantity}" if position == "before" else f"{quantity}{qualifier}"
    if known is None:
        # an unknown qualifier is kept in Chinese rather than dropped: it may change the meaning
        return f"{quantity} ({qualifier})"
    return known.en.format(quantity)


def format_date(date: dt.date, lang: Lang) -> str:
    """A date: zh "2024年12月23日" (Arabic numerals, GB/T 9704); en "23 December 2024"."""
    if lang == "zh":
        return f"{date.year}年{date.month}月{date.day}日"
    return f"{date.day} {_EN_MONTHS[date.month - 1]} {date.year}"


def format_year(year: int, lang: Lang) -> str:
    """A year: zh "2025年"; en "2025"."""
    return f"{year}年" if lang == "zh" else str(year)


#: after these a straight quote opens a quotation; after anything else it closes one
_OPENS_AFTER = frozenset(" \t\n\u00a0([{‘“—–-/")
_DOUBLE_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")


def english_typography(text: str, before: str = "") -> str:
    """English text set as print sets it: curly quotes and apostrophes, single word spaces.

    ``before`` is the text that precedes ``text`` on the page (the previous run), which decides
    whether a quote at its very start opens or closes. Translation memory and glossary keep the
    plain ASCII forms that translators type; only the printed brief is typeset.
    """
    out: list[str] = []
    previous = before[-1:] or " "
    for char in _DOUBLE_SPACES.sub(" ", text):
        if char == '"':
            char = "“" if previous in _OPENS_AFTER else "”"
        elif char == "'":
            # an apostrophe (China's, 1990's) follows a letter or digit, as a closing quote does
            char = "‘" if previous in _OPENS_AFTER else "’"
        out.append(char)
        previous = char
    return "".join(out)


def in_one_scale(values: tuple[Decimal, ...], unit: Unit, lang: Lang) -> tuple[tuple[str, ...], str]:
    """``values`` as numbers on the scale of the first, and the unit that scale makes.

    A table row with a target of 9000亿元 and a previous 8400亿元 reads zh ("9000", "8400")
    and "亿元", en ("900", "840") and "billion yuan"; a scale that would leave a value with
    long decimals is not used.
    """
    words = UNIT_WORDS[unit]
    word = words.zh if lang == "zh" else words.en_plural
    scales = _ZH_SCALES if lang == "zh" else _EN_SCALES
    first = _scaled(values[0], scales) if values else None
    if first is not None:
        size = next(size for size, name in scales if name == first[1])
        scaled = [value / size for value in values]
        if all(_decimals(v) <= _MAX_SCALED_DECIMALS for v in scaled):
            joined = f"{first[1]}{word}" if lang == "zh" else f"{first[1]} {word}".strip()
            return tuple(plain_number(v) for v in scaled), joined
    numbers = tuple(plain_number(v) if lang == "zh" else _grouped(v) for v in values)
    return numbers, word


def qualifier_words(qualifier: str, lang: Lang) -> str:
    """A qualifier on its own, as words: zh "以上", "力争"; en "more than", "strive for"."""
    known = QUALIFIERS.get(qualifier)
    if lang == "zh" or known is None:
        # an unknown qualifier is shown as written rather than dropped
        return qualifier
    return known.en.replace("{}", "").strip()
