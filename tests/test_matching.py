"""Term matching (leftmost-longest, non-overlapping) and candidate terms for the glossary."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from doctool.glossary.matcher import Match, TermMatcher
from doctool.glossary.suggest import suggest_terms
from doctool.glossary.terms import Term, TermBase

AREA = Term("两江新区", "Liangjiang New Area", "place")
COMMITTEE = Term("两江新区管委会", "Administrative Committee of Liangjiang New Area", "organization")
CITY = Term("重庆", "Chongqing", "place")
PLAN = Term("“满天星”行动计划", "“Mantianxing” Action Plan", "program")
SEED = Path(__file__).parents[1] / "seeds" / "chongqing-economic-work-conference-2024.txt"


def spans(matches: list[Match]) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.term.zh) for m in matches]


def test_the_longest_term_wins() -> None:
    matcher = TermMatcher([AREA, COMMITTEE])
    assert spans(matcher.find("两江新区管委会副主任")) == [(0, 7, "两江新区管委会")]
    assert spans(matcher.find("两江新区将盯紧")) == [(0, 4, "两江新区")]


def test_order_of_terms_does_not_matter() -> None:
    text = "在两江新区管委会和两江新区"
    assert TermMatcher([COMMITTEE, AREA]).find(text) == TermMatcher([AREA, COMMITTEE]).find(text)


def test_adjacent_terms_are_both_found() -> None:
    matcher = TermMatcher([CITY, AREA])
    assert spans(matcher.find("重庆两江新区")) == [(0, 2, "重庆"), (2, 6, "两江新区")]


def test_overlapping_terms_the_leftmost_wins() -> None:
    left = Term("AB", "ab", "term")
    right = Term("BC", "bc", "term")
    assert spans(TermMatcher([left, right]).find("ABC")) == [(0, 2, "AB")]
    # ... unless a longer one starts at the same place
    longer = Term("ABCD", "abcd", "term")
    assert spans(TermMatcher([left, right, longer]).find("ABCD")) == [(0, 4, "ABCD")]


def test_repeated_and_quoted_terms() -> None:
    matcher = TermMatcher([PLAN, CITY])
    text = "以“满天星”行动计划为牵引，重庆……重庆"
    assert spans(matcher.find(text)) == [(1, 10, "“满天星”行动计划"), (14, 16, "重庆"), (18, 20, "重庆")]


def test_characters_outside_the_basic_plane_keep_offsets_right() -> None:
    rare = Term("𠀀𠀁", "rare", "term")
    matches = TermMatcher([rare, CITY]).find("𠀂𠀀𠀁重庆")
    assert spans(matches) == [(1, 3, "𠀀𠀁"), (3, 5, "重庆")]


def test_no_terms_and_empty_text() -> None:
    assert TermMatcher([]).find("重庆") == []
    assert TermMatcher([CITY]).find("") == []


def test_contains_respects_longer_terms() -> None:
    matcher = TermMatcher([AREA, COMMITTEE])
    assert matcher.contains("两江新区将", "两江新区")
    assert not matcher.contains("两江新区管委会", "两江新区")
    with pytest.raises(KeyError):
        matcher.contains("重庆", "重庆")


def test_find_all_reports_nested_occurrences() -> None:
    matcher = TermMatcher([AREA, COMMITTEE])
    assert sorted(spans(matcher.find_all("两江新区管委会"))) == [
        (0, 4, "两江新区"),
        (0, 7, "两江新区管委会"),
    ]


def test_the_first_of_two_terms_with_the_same_chinese_is_used() -> None:
    other = Term("重庆", "Chungking", "place")
    assert TermMatcher([CITY, other]).find("重庆")[0].term is CITY


ALPHABET = "两江新区管委会重庆市"
words = st.text(alphabet=ALPHABET, min_size=1, max_size=5)


@given(
    zhs=st.lists(words, min_size=1, max_size=8, unique=True),
    text=st.text(alphabet=ALPHABET + "，的", max_size=60),
)
def test_matches_are_the_terms_and_never_overlap(zhs: list[str], text: str) -> None:
    terms = [Term(zh, zh, "term") for zh in zhs]
    matches = TermMatcher(terms).find(text)
    for match in matches:
        assert text[match.start : match.end] == match.term.zh
    for before, after in pairwise(matches):
        assert before.end <= after.start
    # leftmost-longest: no term starts before the first match, and none longer starts with it
    covered = {i for m in matches for i in range(m.start, m.end)}
    for zh in zhs:
        start = text.find(zh)
        while start != -1:
            # every occurrence overlaps a match: the greedy scan never skips a whole term
            assert covered & set(range(start, start + len(zh)))
            start = text.find(zh, start + 1)
    for match in matches:
        for zh in zhs:
            if text.startswith(zh, match.start):
                assert len(zh) <= match.end - match.start


@given(
    zhs=st.lists(words, min_size=1, max_size=8, unique=True),
    chosen=st.lists(st.integers(min_value=0, max_value=7), max_size=8),
    text=st.text(alphabet=ALPHABET + "，的𠀀", max_size=60),
)
def test_a_selection_finds_what_a_matcher_of_its_own_would(
    zhs: list[str], chosen: list[int], text: str
) -> None:
    everything = TermMatcher([Term(zh, zh, "term") for zh in zhs])
    # the selection's own terms, not the matcher's, are reported: same Chinese, other English
    some = [Term(zhs[i], f"en {i}", "place") for i in chosen if i < len(zhs)]
    selected = everything.select(some)
    own = TermMatcher(some)
    assert selected.find_all(text) == own.find_all(text)
    assert selected.find(text) == own.find(text)
    assert selected.terms == own.terms


def test_a_selection_shares_the_automaton_and_knows_only_its_terms() -> None:
    matcher = TermMatcher([AREA, COMMITTEE, CITY])
    selected = matcher.select([AREA])
    assert spans(selected.find("两江新区管委会")) == [(0, 4, "两江新区")]
    assert spans(matcher.find("两江新区管委会")) == [(0, 7, "两江新区管委会")]
    assert matcher.select([]).find("重庆") == []
    with pytest.raises(KeyError, match="满天星"):
        matcher.select([PLAN])


def test_long_texts_are_matched_quickly() -> None:
    terms = [Term(f"术语{i}号", f"term {i}", "term") for i in range(2000)]
    text = "".join(f"术语{i}号，" for i in range(2000)) * 20
    matches = TermMatcher(terms).find(text)
    assert len(matches) == 40000


# --- candidate terms -------------------------------------------------------------------------


def candidates(text: str, known: TermBase | None = None) -> dict[str, tuple[str, int]]:
    found = suggest_terms(text, known or TermBase(()))
    return {c.zh: (c.kind, c.count) for c in found}


def test_quoted_program_names_share_their_suffix() -> None:
    found = candidates("以“满天星”“启明星”“北斗星”行动计划为牵引，持续做大做强“33618”现代制造业集群体系")
    assert found["“满天星”行动计划"] == ("program", 1)
    assert found["“北斗星”行动计划"] == ("program", 1)
    assert found["“33618”现代制造业集群体系"] == ("program", 1)


def test_quoted_speech_is_not_a_term() -> None:
    found = candidates("“会议为我们制造企业指明了方向！”他说。")
    assert not any("方向" in zh for zh in found)


def test_organisations_and_places() -> None:
    found = candidates("位于长寿区的重庆小康动力有限公司智能工厂，依托两江协同创新区等平台")
    assert found["长寿区"] == ("place", 1)
    assert found["重庆小康动力有限公司"] == ("company", 1)
    assert found["两江协同创新区"] == ("place", 1)


def test_speakers_with_organisation_and_title() -> None:
    found = candidates("市经济信息委党组书记、主任王志杰谈到，明年全市将……")
    assert found["王志杰"] == ("person", 1)
    assert found["市经济信息委"] == ("organization", 1)
    assert found["党组书记"] == ("title", 1)
    assert found["主任"] == ("title", 1)


def test_two_character_names() -> None:
    found = candidates("市发展改革委党组书记、主任高健表示，下一步")
    assert found["高健"] == ("person", 1)
    assert found["市发展改革委"] == ("organization", 1)


def test_known_terms_are_not_suggested_even_without_quotes() -> None:
    known = TermBase((Term("满天星行动计划", "Mantianxing Action Plan", "program"), CITY))
    found = candidates("“满天星”行动计划，重庆市商务委", known)
    assert "“满天星”行动计划" not in found
    assert "重庆市商务委" in found


def test_common_words_ending_like_organisations_are_skipped() -> None:
    found = candidates("为实现良好开局打牢基础，形成新格局，推动产业园区建设")
    assert found == {}


def test_the_sample_report_yields_its_key_names() -> None:
    from doctool.extract.reader import read_source

    found = candidates(read_source(SEED))
    for zh in (
        "“33618”现代制造业集群体系",
        "“满天星”行动计划",
        "重庆美利信科技股份有限公司",
        "市经济信息委",
        "王志杰",
        "许宏球",
        "两江新区",
        "渝西水资源配置工程",
    ):
        assert zh in found, zh
    assert found["两江新区"][1] > 1
