"""Fuzzy memory: which unit is found, with what score, and how its English is put right."""

from __future__ import annotations

import pytest

from doctool.glossary.matcher import TermMatcher
from doctool.glossary.terms import Term
from doctool.translate.fuzzy import FuzzyIndex, FuzzyMatch, adapt, fuzzy_key

MATCHER = TermMatcher([
    Term("两江新区", "Liangjiang New Area", "place"),
    Term("西部科学城", "Western China Science City", "program"),
    Term("重庆", "Chongqing", "place"),
])
LAST_YEAR = "2024年两江新区地区生产总值增长7%左右。"
LAST_YEAR_EN = "In 2024, the GDP of Liangjiang New Area grew by around 7%."
INDEX = FuzzyIndex([
    (LAST_YEAR, LAST_YEAR_EN),
    ("会议在重庆召开。", "The meeting was held in Chongqing."),
    ("要坚定不移推进高水平对外开放。", "We must unswervingly advance high-standard opening up."),
    ("没有英文的单元。", ""),
])


def test_figures_do_not_lower_the_score_and_are_substituted() -> None:
    zh = "2025年两江新区地区生产总值增长8%左右。"
    match = INDEX.best(zh)
    assert match == FuzzyMatch(LAST_YEAR, LAST_YEAR_EN, 100)
    assert adapt(match, zh, MATCHER) == "In 2025, the GDP of Liangjiang New Area grew by around 8%."


def test_a_different_term_is_substituted_with_its_approved_english() -> None:
    zh = "2025年西部科学城地区生产总值增长8%左右。"
    match = INDEX.best(zh)
    assert match is not None and 75 <= match.score < 100
    assert adapt(match, zh, MATCHER) == "In 2025, the GDP of Western China Science City grew by around 8%."


def test_a_changed_word_scores_below_100_and_keeps_the_english() -> None:
    zh = "会议在重庆隆重召开。"
    match = INDEX.best(zh)
    assert match is not None and match.zh == "会议在重庆召开。" and 75 <= match.score < 100
    assert adapt(match, zh, MATCHER) == "The meeting was held in Chongqing."


@pytest.mark.parametrize(
    "zh",
    [
        "2025年两江新区地区生产总值增长8%。",  # 左右 dropped: "around" cannot be put right
        "2025年两江新区地区生产总值增长8%左右，增速9%。",  # a figure added
    ],
)
def test_a_match_that_does_not_line_up_is_no_help(zh: str) -> None:
    match = INDEX.best(zh)
    assert match is not None
    assert adapt(match, zh, MATCHER) is None


def test_nothing_is_found_below_the_threshold_or_in_units_without_english() -> None:
    assert INDEX.best("全面推进乡村振兴。") is None
    assert INDEX.best("没有英文的单元。") is None
    assert INDEX.best("要坚定不移推进高水平对外开放。", threshold=101) is None
    assert INDEX.best("会议在重庆隆重召开。", threshold=95) is None


def test_characters_the_memory_never_saw_do_not_hide_a_match() -> None:
    zh = "要坚定不移推进高水平对外开放龘。"
    match = INDEX.best(zh)
    assert match is not None and match.en.startswith("We must")


def test_keys_ignore_spaces_and_figures() -> None:
    assert fuzzy_key("2024年 增长 7.5%") == fuzzy_key("2025年增长8%") == "#年增长#%"


def test_a_figure_worded_differently_has_only_its_digits_changed() -> None:
    match = FuzzyMatch("地区生产总值增长7%左右。", "GDP grew by roughly 7 percent.", 100)
    # "about 7%" is not in the English, but the two renderings differ only in the digits
    assert adapt(match, "地区生产总值增长8%左右。", MATCHER) == "GDP grew by roughly 8 percent."
    match = FuzzyMatch("增长7%左右，新开7个园区。", "up roughly 7 percent, with 7 new parks.", 100)
    assert adapt(match, "增长8%左右，新开7个园区。", MATCHER) is None  # which 7 is the growth?
    match = FuzzyMatch("地区生产总值达到8400亿元。", "GDP reached 840 billion yuan.", 100)
    assert adapt(match, "地区生产总值达到9200亿元。", MATCHER) == "GDP reached 920 billion yuan."
