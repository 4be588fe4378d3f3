"""Number checks: the figures of the Chinese and the English agree, units and scale included.

Both sides are reduced to exact values in base units (8400亿元 and "840 billion yuan" are both
840000000000 CNY) and compared as multisets. Years, dates and months are compared as such;
ordinals (第5, 14th) and names made of digits (“33618”) are never required; English number
words (eight, a million) may stand for a Chinese figure.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from doctool.check.base import CheckInput, Finding
from doctool.translate.numbers_en import Quantity, find_quantities, format_amount
from doctool.units import MEASURES, STRONG_UNITS

Class = Literal["n", "year", "date", "month", "months", "word"]

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
          r"|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?")
# a bare month name counts only when written out in full and capitalised ("may" is a verb)
_FULL_MONTH = (r"\b(?:January|February|March|April|May|June|July|August|September|October"
               r"|November|December)\b")
# ASCII word boundaries throughout: English next to Chinese (2024江北) still has its edges
_MONTH_RANGE = re.compile(
    rf"\b(?P<m1>{_MONTH})\s*(?:-|–|—|to|through)\s*(?P<m2>{_MONTH})", re.ASCII
)
_DATE_MD = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b", re.ASCII)
_DATE_DM = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{_MONTH})", re.ASCII
)
_BARE_MONTH = re.compile(_FULL_MONTH, re.ASCII)

_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
          "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20,
          "thirty": 30, "forty": 40, "fifty": 50}
_SCALES = {"hundred": Decimal(100), "thousand": Decimal(1000), "million": Decimal(10) ** 6,
           "billion": Decimal(10) ** 9, "trillion": Decimal(10) ** 12, "mn": Decimal(10) ** 6,
           "bn": Decimal(10) ** 9, "tn": Decimal(10) ** 12}
# English unit words and the codes they read as, in the order they are tried
_UNITS = tuple((m.pattern, code) for code, m in MEASURES.items() if m.pattern)
# currency signs written before the number (matched ignoring case), longest first: US$ before $
_PREFIX_UNIT = {
    p.lower(): code for code, m in MEASURES.items() for p in sorted(m.prefixes, key=len, reverse=True)
}
_NUMBER = re.compile(
    rf"(?P<pre>(?:{'|'.join(map(re.escape, _PREFIX_UNIT))})\s?)?"
    r"(?<![A-Za-z0-9_.,])"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
    rf"|(?:{'|'.join(_WORDS)})\b)"
    r"(?P<ord>st|nd|rd|th)?"
    rf"(?:[\s-]*(?P<scale>{'|'.join(_SCALES)})\b)?"
    rf"(?:[\s-]*(?P<unit>{'|'.join(f'(?:{p})' for p, _ in _UNITS)}))?",
    re.IGNORECASE | re.ASCII,
)
_UNIT_OF = [(re.compile(p, re.IGNORECASE | re.ASCII), code) for p, code in _UNITS]


@dataclass(frozen=True)
class Figure:
    """A number to compare: its class, exact value, unit code ("" when weak) and how it reads."""

    cls: Class
    value: Decimal
    unit: str
    text: str


def _strong(unit: str) -> str:
    return unit if unit in STRONG_UNITS else ""


def _is_year(value: Decimal) -> bool:
    return value == value.to_integral_value() and 1900 <= value <= 2100


def zh_figures(zh: str) -> tuple[list[Figure], set[Decimal]]:
    """The figures of a Chinese text, and the values digit names in it may take in English."""
    figures: list[Figure] = []
    names: set[Decimal] = set()
    for q in find_quantities(zh):
        figures += _zh_figure(q, names)
    return figures, names


def _zh_figure(q: Quantity, names: set[Decimal]) -> list[Figure]:
    if q.kind == "ordinal":
        return []
    if q.kind == "code":
        names.add(q.value)
        for part in re.split(r"[·.]", q.text):
            if part.isdigit():
                names.add(Decimal(part))
        if "·" in q.text:
            names.add(Decimal(q.text.replace("·", ".")))
        return []
    if q.kind in ("date", "month"):
        out = [Figure(q.kind, q.value, "", q.text)]
        if q.year:
            out.append(Figure("year", Decimal(q.year), "", str(q.year)))
        return out
    if q.kind == "months":
        return [Figure("months", q.value, "", q.text)]
    if q.kind == "year" or (
        q.unit == "" and not q.scaled and not q.spoken and not q.qualifier and _is_year(q.value)
    ):
        return [Figure("year", q.value, "", q.text)]
    return [Figure("n", q.value, _strong(q.unit), q.text)]


def en_figures(en: str) -> list[Figure]:
    """The figures of an English text: amounts, years, dates, months and bare number words."""
    figures: list[Figure] = []
    taken = list(en)

    def take(m: re.Match[str]) -> None:
        taken[m.start():m.end()] = " " * (m.end() - m.start())

    for m in _MONTH_RANGE.finditer(en):
        first, last = _month(m["m1"]), _month(m["m2"])
        figures.append(Figure("months", Decimal(first * 100 + last), "", m[0]))
        take(m)
    text = "".join(taken)
    for pattern in (_DATE_MD, _DATE_DM):
        for m in pattern.finditer(text):
            day = int(m["d"])
            if 1 <= day <= 31:
                figures.append(Figure("date", Decimal(_month(m["m"]) * 100 + day), "", m[0]))
                take(m)
        text = "".join(taken)
    for m in _BARE_MONTH.finditer(text):
        figures.append(Figure("month", Decimal(_month(m[0])), "", m[0]))
        take(m)
    text = "".join(taken)
    for m in _NUMBER.finditer(text):
        figure = _en_figure(m, text)
        if figure is not None:
            figures.append(figure)
    return figures


def _month(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _en_figure(m: re.Match[str], text: str) -> Figure | None:
    num, scale, unit_text, pre = m["num"], m["scale"], m["unit"], m["pre"]
    if m["ord"]:
        return None  # 14th, 1st: ordinals are not figures
    end = m.end()
    if end < len(text) and text[end].isascii() and text[end].isalnum() and not (
        unit_text or scale
    ):
        return None  # part of a code: 5G, 3D
    start = m.start("num")
    if start >= 2 and text[start - 1] == "-" and text[start - 2].isalpha():
        return None  # COVID-19, Chang'e-5
    word = num.lower() in _WORDS
    if word and num.lower() == "a" and not scale:
        return None
    value = Decimal(_WORDS[num.lower()]) if word else Decimal(num.replace(",", ""))
    if scale:
        value *= _SCALES[scale.lower()]
    unit = ""
    if unit_text:
        unit = next(code for pattern, code in _UNIT_OF if pattern.fullmatch(unit_text))
    elif pre:
        unit = _PREFIX_UNIT.get(pre.strip().lower(), "")
    if word and not scale and not unit:
        return Figure("word", value, "", m[0].strip())
    if not scale and not unit and not pre and "," not in num and _is_year(value):
        return Figure("year", value, "", num)
    return Figure("n", value, unit, m[0].strip())


def _describe(f: Figure) -> str:
    if f.cls == "n" and f.unit:
        reading = format_amount(f.value) + ("%" if f.unit == "%" else f" {f.unit}")
        return f"{f.text} ({reading})" if reading != f.text else f.text
    if f.cls == "n" and f.value >= 10_000:
        return f"{f.text} ({format_amount(f.value)})"
    return f.text


def _pair(
    left: list[Figure], right: list[Figure], same: Callable[[Figure, Figure], bool]
) -> None:
    """Remove from both lists every pair for which ``same`` holds, first come first served."""
    for a in list(left):
        b = next((b for b in right if same(a, b)), None)
        if b is not None:
            left.remove(a)
            right.remove(b)


def compare(zh: str, en: str) -> tuple[list[Figure], list[Figure], list[tuple[Figure, Figure]]]:
    """Figures only in the Chinese, only in the English, and pairs whose units disagree."""
    zh_side, names = zh_figures(zh)
    en_all = en_figures(en)
    words = [f for f in en_all if f.cls == "word"]
    en_side = [f for f in en_all if f.cls != "word"]
    _pair(zh_side, en_side, lambda a, b: (a.cls, a.value, a.unit) == (b.cls, b.value, b.unit))
    # the English may be more specific than the Chinese: 9000亿 → 900 billion yuan
    _pair(zh_side, en_side, lambda a, b: a.cls == b.cls == "n" and a.value == b.value
          and a.unit == "")
    # years written as plain numbers on one side and amounts on the other
    _pair(zh_side, en_side, lambda a, b: {a.cls, b.cls} == {"n", "year"} and a.value == b.value
          and not a.unit and not b.unit)
    _pair(zh_side, words, lambda a, b: a.cls == "n" and a.value == b.value and a.unit == "")
    en_side = [f for f in en_side if not (f.cls in ("n", "year") and f.value in names)]
    mismatched: list[tuple[Figure, Figure]] = []
    for a in list(zh_side):
        b = next((b for b in en_side if b.cls == a.cls and b.value == a.value), None)
        if b is not None:
            zh_side.remove(a)
            en_side.remove(b)
            mismatched.append((a, b))
    return zh_side, en_side, mismatched


def number(ctx: CheckInput) -> list[Finding]:
    """Numbers and units agree between the Chinese and the English.

    Every figure of the Chinese must be in the English with the same value and unit, after
    万/亿 conversion (8400亿元 = 840 billion yuan), and the English may add none of its own.
    """
    findings: list[Finding] = []
    for seg in ctx.content.segments():
        if not seg.en.strip():
            continue
        only_zh, only_en, mismatched = compare(seg.zh, seg.en)
        for a, b in mismatched:
            findings.append(Finding(
                "number", "error", seg.id,
                f'{seg.id}: units disagree: {_describe(a)} in the Chinese, "{b.text}" in the '
                "English; fix the unit in the translation",
            ))
        for a in only_zh:
            findings.append(Finding(
                "number", "error", seg.id,
                f"{seg.id}: {_describe(a)} is missing from the English; put it in the translation",
            ))
        for b in only_en:
            findings.append(Finding(
                "number", "error", seg.id,
                f'{seg.id}: "{b.text}" in the English is not in the Chinese; '
                "correct or remove it",
            ))
    return findings


def _in_english(value: Decimal, unit_code: str, zh: str, en: str) -> bool:
    """Whether ``en`` has the figure ``value`` with a unit that agrees with ``unit_code``."""
    unit = _strong(unit_code)
    # the English need not name a unit the Chinese leaves implicit (9000亿 for 9000亿元)
    if any(f.value == value and not f.unit for f in zh_figures(zh)[0]):
        unit = ""
    return any(
        f.value == value and (f.cls == "year" or not unit or f.unit == unit)
        for f in en_figures(en)
        if f.cls in ("n", "year", "word")
    )


def target(ctx: CheckInput) -> list[Finding]:
    """Every numeric fact's figure is in the English of its segment.

    A fact extracted from a segment (规上工业增加值增长8%), whatever its kind, must have its
    value, or both ends of its range, with a unit that agrees, in that segment's English.
    """
    by_id = {s.id: s for s in ctx.content.segments()}
    findings: list[Finding] = []
    for t in ctx.content.targets:
        seg = by_id.get(t.segment)
        if seg is None or not seg.en.strip():
            continue
        missing = [v for v in t.values if not _in_english(v, t.unit, seg.zh, seg.en)]
        if not missing:
            continue
        reading = format_amount(missing[0]) + ("%" if t.unit == "%" else f" {t.unit}")
        findings.append(Finding(
            "target", "error", seg.id,
            f"{seg.id}: target {t.id} ({t.source or reading}, {reading}) is not in the English; "
            "put the figure in the translation",
        ))
    return findings
