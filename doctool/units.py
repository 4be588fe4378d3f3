"""Units of measure: the Chinese unit words, their codes, and how English writes each code.

One table serves the three readers of units: target extraction (which words make a figure a
target, and the unit the target records), the English rendering of numbers (8400亿元 → "840
billion yuan") and the number check (which English words read as which code, and which
codes must agree between the languages).
"""

from __future__ import annotations

from dataclasses import dataclass

from doctool.model import Unit


@dataclass(frozen=True)
class Measure:
    """What a unit code is in English.

    ``singular`` and ``plural`` are the nouns a number takes ("" for a measure word: the noun
    after it says what is counted). ``strong`` codes must agree between the Chinese and the
    English; the others name what is counted, which the English may say in its own words.
    ``pattern`` is the regular expression that reads the unit in English text ("" when it is
    never read back); ``symbol`` is what a table writes instead of the noun (km²);
    ``prefixes`` are the signs English may write before the number instead (RMB 5, $3).
    """

    singular: str
    plural: str
    strong: bool = False
    pattern: str = ""
    symbol: str = ""
    prefixes: tuple[str, ...] = ()


#: unit codes; English patterns are tried in this order (percentage points before %, sq km
#: before km)
MEASURES: dict[str, Measure] = {
    "pp": Measure("percentage point", "percentage points", True, r"percentage[\s-]points?\b"),
    "%": Measure("%", "%", True, r"%|per\s?cent\b"),
    "km2": Measure(
        "sq km", "sq km", True, r"sq(?:uare)?\.?\s*(?:km|kilomet(?:re|er)s?)\b|km2\b|km²", "km²"
    ),
    "m2": Measure("square meter", "square meters", True, r"square\s+met(?:re|er)s?\b", "m²"),
    "km": Measure("km", "km", True, r"km\b|kilomet(?:re|er)s?\b"),
    "CNY": Measure("yuan", "yuan", True, r"yuan\b|RMB\b|CNY\b", prefixes=("RMB", "CNY", "¥", "￥")),
    "USD": Measure(
        "US dollar", "US dollars", True, r"(?:US\s)?dollars?\b|USD\b", prefixes=("US$", "USD", "$")
    ),
    "person-times": Measure(
        "person-time", "person-times", True,
        r"person[\s-]times?\b|passenger[\s-]trips?\b|visits?\b|visitors?\b|trips?\b",
    ),
    "t": Measure("tonne", "tonnes", True, r"tonnes?\b|tons?\b"),
    "jin": Measure("jin", "jin", True, r"jin\b"),
    "TEU": Measure("TEU", "TEU", True, r"TEU\b"),
    "kWh": Measure("kWh", "kWh", True, r"kWh\b"),
    "mu": Measure("mu", "mu", True, r"mu\b"),
    "hectares": Measure("hectare", "hectares", True, r"hectares?\b"),
    "people": Measure("person", "people"),
    "households": Measure("household", "households"),
    "vehicles": Measure("vehicle", "vehicles"),
    "times": Measure("time", "times"),
    "months": Measure("month", "months"),
    "years": Measure("year", "years"),
    "days": Measure("day", "days"),
    "hours": Measure("hour", "hours"),
    "minutes": Measure("minute", "minutes"),
    "count": Measure("", ""),
}


@dataclass(frozen=True)
class UnitWord:
    """A Chinese unit word: its code, and the unit a target records (None: never a target's)."""

    code: str
    target: Unit | None = None


def _measure_words(words: str, targets: str) -> dict[str, UnitWord]:
    """Measure words count things; those in ``targets`` also make a counted figure a target."""
    return {word: UnitWord("count", "count" if word in targets else None) for word in words}


#: Chinese unit words and their codes. Numeric facts take only the units a plan states its
#: figures in; 年/倍/天 and the like measure time or ratios, and 条/种/类 count kinds, not results.
UNIT_WORDS: dict[str, UnitWord] = {
    "个百分点": UnitWord("pp", "pp"),
    "百分点": UnitWord("pp"),
    "%": UnitWord("%", "%"),
    "美元": UnitWord("USD", "USD"),
    "元": UnitWord("CNY", "CNY"),
    "平方公里": UnitWord("km2", "km2"),
    "平方千米": UnitWord("km2"),
    "公里": UnitWord("km", "km"),
    "千米": UnitWord("km", "km"),
    "平方米": UnitWord("m2", "m2"),
    "公顷": UnitWord("hectares"),
    "亩": UnitWord("mu", "mu"),
    "人次": UnitWord("person-times", "person-times"),
    "人": UnitWord("people", "people"),
    # households and vehicles are counts to a target (the model's units have no noun for them)
    "户": UnitWord("households", "count"),
    "吨": UnitWord("t", "t"),
    "标箱": UnitWord("TEU", "TEU"),
    "千瓦时": UnitWord("kWh", "kWh"),
    "辆": UnitWord("vehicles", "count"),
    # 名 counts people (233名代表); its noun follows, so English counts it like 个
    "名": UnitWord("count", "people"),
    "倍": UnitWord("times"),
    "斤": UnitWord("jin", "jin"),
    "个月": UnitWord("months"),
    "年": UnitWord("years"),
    "天": UnitWord("days"),
    "小时": UnitWord("hours"),
    "分钟": UnitWord("minutes"),
    **_measure_words("个家项座条批所台套场件位支处种类只艘架列部", targets="个家项座所台套"),
}

#: the Chinese unit words that make a figure a target, with the unit the target records
TARGET_UNITS: dict[str, Unit] = {
    zh: word.target for zh, word in UNIT_WORDS.items() if word.target is not None
}
#: unit codes whose disagreement between the languages is an error
STRONG_UNITS = frozenset(code for code, measure in MEASURES.items() if measure.strong)
