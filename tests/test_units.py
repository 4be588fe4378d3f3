"""The one table of units: Chinese unit words, codes, English."""

from __future__ import annotations

import re

from doctool.model import UNITS
from doctool.units import MEASURES, STRONG_UNITS, TARGET_UNITS, UNIT_WORDS


def test_every_word_has_a_known_code() -> None:
    assert all(word.code in MEASURES for word in UNIT_WORDS.values())


def test_targets_record_units_of_the_model() -> None:
    assert set(TARGET_UNITS.values()) == set(UNITS)
    assert TARGET_UNITS["元"] == "CNY" and TARGET_UNITS["户"] == "count"
    assert "年" not in TARGET_UNITS and "倍" not in TARGET_UNITS


def test_every_target_unit_has_english() -> None:
    assert set(UNITS) <= set(MEASURES)


def test_strong_units_are_read_back_from_english() -> None:
    for code in STRONG_UNITS:
        assert MEASURES[code].pattern, code
        assert re.compile(MEASURES[code].pattern)
    assert "count" not in STRONG_UNITS and "people" not in STRONG_UNITS


def test_currency_signs_belong_to_their_code() -> None:
    assert "$" in MEASURES["USD"].prefixes and "¥" in MEASURES["CNY"].prefixes
    assert all(not m.prefixes or m.strong for m in MEASURES.values())
