"""Kinsoku line breaking: each rule on its own, then properties over random text."""

from __future__ import annotations

import itertools
import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doctool.render.kinsoku import NO_LINE_END, NO_LINE_START, break_lines, break_spans, is_cjk


def width_of(text: str) -> float:
    """Wide (Chinese) characters count 2, everything else 1: an additive toy font."""
    return float(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text))


def em(n: float) -> float:
    """The width of ``n`` Chinese characters."""
    return 2.0 * n


def test_chinese_breaks_between_any_two_characters() -> None:
    # the last line takes a second character from the line above rather than stand alone
    assert break_lines("一二三四五六七", em(3), width_of) == ["一二三", "四五", "六七"]


def test_closing_punctuation_never_starts_a_line() -> None:
    # 。 would start line two: the character before it moves down with it (oidashi)
    assert break_lines("一二三。四五", em(3), width_of)[:2] == ["一二", "三。"]


@pytest.mark.parametrize("mark", sorted("，。、；：？！）》」』】”’％·…—"))
def test_every_closing_mark_is_kept_off_the_line_start(mark: str) -> None:
    lines = break_lines(f"一二三{mark}四五六", em(3), width_of)
    assert all(not line.startswith(mark) for line in lines[1:]), lines


@pytest.mark.parametrize("mark", sorted("（《「『【“‘"))
def test_every_opening_mark_is_kept_off_the_line_end(mark: str) -> None:
    lines = break_lines(f"一二{mark}三四五", em(3), width_of)
    assert all(not line.endswith(mark) for line in lines), lines


def test_opening_bracket_moves_down_with_what_it_opens() -> None:
    assert break_lines("一二（三）", em(3), width_of) == ["一二", "（三）"]


def test_a_chain_of_closing_marks_moves_down_together() -> None:
    # 。” may not start a line either: 三 moves down with both
    assert break_lines("一二三。”四", em(4), width_of) == ["一二", "三。”四"]


def test_latin_words_are_not_split() -> None:
    assert break_lines("中文 growth target", 7, width_of) == ["中文", "growth", "target"]


@pytest.mark.parametrize("number", ["8.5%", "1,000", "2024", "840.5", "-3.2%", "33618"])
def test_numbers_are_not_split(number: str) -> None:
    text = f"增长{number}左右"
    for width in range(len(number), 16):
        lines = break_lines(text, width, width_of)
        assert any(number in line for line in lines), (width, lines)


def test_number_and_the_chinese_unit_after_it_may_part() -> None:
    # 2024 stays whole; a break between a number and 年 is allowed, as between any CJK pair
    assert break_lines("会议于2024年召开", 9, width_of) == ["会议于", "2024年", "召开"]


def test_quoted_program_name_keeps_its_quotes() -> None:
    lines = break_lines("推进“33618”现代制造业", 12, width_of)
    assert not any(line.endswith("“") for line in lines)
    assert any("“33618”" in line for line in lines)


def test_english_possessive_is_one_word() -> None:
    assert break_lines("China’s economy", 8, width_of) == ["China’s", "economy"]


@pytest.mark.parametrize("pair", ["——", "……"])
def test_double_dashes_and_ellipses_stay_together(pair: str) -> None:
    for width in range(4, 12):
        lines = break_lines(f"一二三{pair}四五", width, width_of)
        assert any(pair in line for line in lines), (width, lines)


def test_spaces_at_a_break_are_dropped() -> None:
    assert break_lines("aaa   bbb", 4, width_of) == ["aaa", "bbb"]


def test_spaces_inside_a_line_are_kept() -> None:
    assert break_lines("a  b", 10, width_of) == ["a  b"]


def test_a_word_wider_than_the_line_is_split_as_a_last_resort() -> None:
    assert break_lines("abcdefghij", 4, width_of) == ["abcd", "efgh", "ij"]


def test_a_character_wider_than_the_line_gets_its_own_line() -> None:
    assert break_lines("一二", 1, width_of) == ["一", "二"]


def test_combining_marks_stay_with_their_letter() -> None:
    text = "e\u0301e\u0301e\u0301"
    assert break_lines(text, 1, width_of) == ["e\u0301"] * 3


def test_newlines_are_hard_breaks() -> None:
    assert break_lines("一二\n三", em(10), width_of) == ["一二", "三"]


def test_empty_and_blank_text_give_no_lines() -> None:
    assert break_lines("", 10, width_of) == []
    assert break_lines("   ", 10, width_of) == []


def test_spans_index_the_original_text() -> None:
    text = "  中文 words  here"
    spans = break_spans(text, 5, lambda s, e: width_of(text[s:e]))
    assert [text[s:e] for s, e in spans] == ["中文", "words", "here"]


def test_measure_may_depend_on_position() -> None:
    # the first two characters are twice as wide (a bold run, say)
    text = "一二三四"
    spans = break_spans(text, 8, lambda s, e: 4.0 if s < 2 else 2.0)
    assert [text[s:e] for s, e in spans] == ["一二", "三四"]


def test_ideographic_space_is_a_character_not_a_break() -> None:
    assert break_lines("\u3000\u3000一二", em(2), width_of) == ["\u3000\u3000", "一二"]


# ---------------------------------------------------------------- properties over random text

CJK = "中国经济增长发展会议推进"
CLOSING = "，。、；：？！）》」』】”’％·…—"
OPENING = "（《「『【“‘"
LATIN = "abcXYZ0123456789.%,-"
SHARED = "“”‘’—…·"
ALPHABET = CJK * 3 + CLOSING + OPENING + LATIN * 2 + "     "


def _in_word(text: str, i: int) -> bool:
    """The spec for "same word": ``text[i-1]`` and ``text[i]`` belong to one Latin word."""
    a, b = text[i - 1], text[i]
    if a.isspace() or b.isspace() or is_cjk(a) or is_cjk(b):
        return False
    lo = i - 1
    while lo > 0 and not text[lo - 1].isspace() and not is_cjk(text[lo - 1]):
        lo -= 1
    hi = i
    while hi < len(text) and not text[hi].isspace() and not is_cjk(text[hi]):
        hi += 1
    return not all(c in SHARED for c in text[lo:hi])


def allowed(text: str, i: int) -> bool:
    """The spec: may a line break at index ``i`` of ``text`` (spaces around it are dropped)?"""
    left = i - 1
    while left >= 0 and text[left] == " ":
        left -= 1
    right = i
    while right < len(text) and text[right] == " ":
        right += 1
    if left < 0 or right >= len(text):
        return False
    if text[right] in NO_LINE_START or text[left] in NO_LINE_END:
        return False
    return right - left > 1 or not _in_word(text, right)


def locate(text: str, lines: list[str]) -> list[tuple[int, int]]:
    """Where each line sits in ``text``; fails unless the lines rebuild the text exactly."""
    pattern = r" *" + r" *".join(f"({re.escape(line)})" for line in lines) + r" *"
    match = re.fullmatch(pattern, text)
    assert match is not None, (text, lines)
    return [match.span(k + 1) for k in range(len(lines))]


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=60), width=st.floats(1, 30))
def test_random_text_breaks_by_the_rules(text: str, width: float) -> None:
    lines = break_lines(text, width, width_of)
    spans = locate(text, lines)
    for line in lines:
        assert line and line == line.strip(" ")
        assert width_of(line) <= width + 1e-6 or len(line) == 1, (line, width)
    for (start, end), (next_start, _) in itertools.pairwise(spans):
        if allowed(text, end):
            continue
        # a forced break: nothing in the line could break by the rules and the next
        # character did not fit
        assert not any(allowed(text, i) for i in range(start + 1, end)), (text, lines)
        assert width_of(text[start : next_start + 1]) > width, (text, lines)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=CJK * 4 + CLOSING + OPENING, max_size=80),
    chars=st.integers(8, 30),
)
def test_chinese_text_wide_enough_never_breaks_a_rule(text: str, chars: int) -> None:
    # with at most three marks in a row, no unbreakable stretch is longer than seven
    # characters ((((中。。。), so with lines eight characters wide no break is ever forced
    text = re.sub(f"([{re.escape(CLOSING + OPENING)}]{{4,}})", lambda m: m.group(1)[:3], text)
    lines = break_lines(text, em(chars), width_of)
    for line, following in itertools.pairwise(lines):
        assert following[0] not in NO_LINE_START, lines
        assert line[-1] not in NO_LINE_END, lines
    for line in lines:
        assert width_of(line) <= em(chars)
    assert "".join(lines) == text


def test_titles_break_at_the_spaces_between_phrases() -> None:
    text = "攻坚克难 唯实争先 奋力谱写中国式现代化重庆篇章"

    def measure(s: int, e: int) -> float:
        return width_of(text[s:e])

    plain = [text[s:e] for s, e in break_spans(text, em(20), measure)]
    assert plain == ["攻坚克难 唯实争先 奋力谱写中国式现代化重", "庆篇章"]
    titled = [text[s:e] for s, e in break_spans(text, em(20), measure, prefer_spaces=True)]
    assert titled == ["攻坚克难 唯实争先", "奋力谱写中国式现代化重庆篇章"]


def test_a_space_too_early_in_the_line_is_not_preferred() -> None:
    text = "一、 总体要求和主要目标任务"

    def measure(s: int, e: int) -> float:
        return width_of(text[s:e])

    lines = [text[s:e] for s, e in break_spans(text, em(8), measure, prefer_spaces=True)]
    assert lines == ["一、 总体要求和", "主要目标任务"]


# ---------------------------------------------------------------------------------- 孤字


def test_a_paragraph_never_ends_on_a_line_of_one_character() -> None:
    # ten characters to a line, 21 in all: greedily the third line would hold 甲 alone
    text = "一二三四五六七八九十" * 2 + "甲"
    assert break_lines(text, em(10), width_of) == ["一二三四五六七八九十", "一二三四五六七八九", "十甲"]


def test_a_lone_character_with_its_closing_marks_takes_one_more() -> None:
    text = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子。”"
    lines = break_lines(text, em(10), width_of)
    assert lines[-1] == "癸子。”", lines
    assert "".join(lines) == text


def test_the_pulled_down_break_follows_kinsoku() -> None:
    # the character before 子 is a closing mark: the break moves further up, before 癸
    text = "一二三四五六七八九十" + "甲乙丙丁戊己庚辛" + "癸，子"
    lines = break_lines(text, em(10), width_of)
    assert lines[-1] == "癸，子", lines
    assert not any(line.startswith("，") for line in lines)


def test_a_line_that_cannot_give_a_character_is_left_alone() -> None:
    # the line above is one unbreakable number: nothing can move down, and nothing is lost
    lines = break_lines("20242025年", 8, width_of)
    assert lines == ["20242025", "年"]


def test_a_line_of_one_latin_word_is_not_a_lone_character() -> None:
    assert break_lines("一二三四五六GDP", em(3), width_of) == ["一二三", "四五六", "GDP"]


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=CJK * 4 + "，。、；", min_size=12, max_size=90), chars=st.integers(8, 30))
def test_no_chinese_paragraph_ends_on_one_character(text: str, chars: int) -> None:
    text = re.sub("([，。、；]{2,})", lambda m: m.group(1)[0], text)
    lines = break_lines(text, em(chars), width_of)
    assert "".join(lines) == text
    if len(lines) > 1:
        assert sum(1 for c in lines[-1] if c in CJK) >= 2, lines


def test_bylines_break_only_between_names() -> None:
    text = "新重庆-重庆日报记者 杨骏 余振芳 夏元 唐琴 申晓佳"

    def measure(s: int, e: int) -> float:
        return width_of(text[s:e])

    lines = [text[s:e] for s, e in break_spans(text, em(14), measure, spaces_only=True)]
    assert lines == ["新重庆-重庆日报记者 杨骏", "余振芳 夏元 唐琴 申晓佳"]
    names = text.split()[1:]
    for width in range(6, 60):
        lines = [text[s:e] for s, e in break_spans(text, em(width / 2), measure, spaces_only=True)]
        assert all(any(name in line.split() for line in lines) for name in names), lines
