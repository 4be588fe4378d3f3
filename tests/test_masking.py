"""Masking glossary terms and numbers around machine translation, and the fallback."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doctool.errors import ModelError
from doctool.glossary.matcher import TermMatcher
from doctool.glossary.terms import Term
from doctool.translate.masking import (
    Mask,
    assemble,
    join_words,
    mask,
    stretches,
    tidy,
    translate_masked,
    unmask,
)

TERMS = [
    Term("两江新区", "Liangjiang New Area", "place"),
    Term("两江新区管委会", "Liangjiang New Area Administrative Committee", "organization"),
    Term("新质生产力", "new quality productive forces", "term"),
    Term("王志杰", "Wang Zhijie", "person"),
]
MATCHER = TermMatcher(TERMS)
TOKEN = re.compile(r"⟦[TN]\d+⟧")


class FakeEngine:
    """An engine that applies ``change`` to each text and records every call."""

    name = "fake"

    def __init__(self, change: Callable[[str], str]) -> None:
        self.change = change
        self.calls: list[list[str]] = []

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.calls.append(list(texts))
        return [self.change(t) for t in texts]


def identity(text: str) -> str:
    return text


def test_mask_replaces_terms_longest_first_and_numbers() -> None:
    masked = mask("两江新区管委会和两江新区培育新质生产力，增长8%。", MATCHER)
    assert masked.text == "⟦T1⟧和⟦T2⟧培育⟦T3⟧，增长⟦N1⟧。"
    assert [(m.token, m.zh, m.en) for m in masked.masks] == [
        ("⟦T1⟧", "两江新区管委会", "Liangjiang New Area Administrative Committee"),
        ("⟦T2⟧", "两江新区", "Liangjiang New Area"),
        ("⟦T3⟧", "新质生产力", "new quality productive forces"),
        ("⟦N1⟧", "8%", "8%"),
    ]
    assert stretches(masked) == ["和", "培育", "，增长"]


def test_numbers_inside_terms_belong_to_the_term() -> None:
    matcher = TermMatcher([Term("“33618”现代制造业集群体系", "“33618” system", "program")])
    masked = mask("做强“33618”现代制造业集群体系。", matcher)
    assert masked.text == "做强⟦T1⟧。"


def test_unmask_with_intact_tokens() -> None:
    masked = mask("王志杰表示，要增长8400亿元。", MATCHER)
    out = unmask(masked, "⟦T1⟧ said growth should reach ⟦N1⟧.")
    assert out == "Wang Zhijie said growth should reach 840 billion yuan."


def test_renderings_never_run_into_words_or_each_other() -> None:
    masked = mask("主任王志杰表示。", TermMatcher([*TERMS, Term("主任", "Director", "title")]))
    assert unmask(masked, "⟦T1⟧⟦T2⟧said so.") == "Director Wang Zhijie said so."
    assert unmask(masked, "⟦T1⟧⟦T2⟧表示。") == "Director Wang Zhijie表示。"


def test_unmask_repairs_spaces_inside_brackets() -> None:
    masked = mask("王志杰表示。", MATCHER)
    assert unmask(masked, "⟦ T1 ⟧ said.") == "Wang Zhijie said."


@pytest.mark.parametrize(
    "output",
    [
        "He said.",  # dropped
        "⟦T1⟧ and ⟦T1⟧ said.",  # repeated
        "[T1] said.",  # brackets replaced
        "T1 said.",  # brackets lost
        "⟦T1⟧ said T1.",  # intact and a stray copy
        "⟦T1⟧ said N3.",  # debris of a token that was never there
        "⟦T1⟧ said ⟦T7⟧.",  # a token that was never there
        "⟦T1 said.",  # half a bracket
    ],
)
def test_unmask_refuses_damaged_tokens(output: str) -> None:
    assert unmask(mask("王志杰表示。", MATCHER), output) is None


def test_first_letter_is_capitalised() -> None:
    masked = mask("新质生产力发展。", MATCHER)
    assert unmask(masked, "⟦T1⟧ develop.") == "New quality productive forces develop."


@pytest.mark.parametrize(
    "damage",
    [
        lambda t: TOKEN.sub("", t),  # drops every token
        lambda t: TOKEN.sub(lambda m: m[0] * 2, t),  # repeats every token
        lambda t: TOKEN.sub(lambda m: m[0].replace("⟦", "[").replace("⟧", "]"), t),
        lambda t: TOKEN.sub(lambda m: m[0].strip("⟦⟧"), t),
    ],
    ids=["drop", "repeat", "square-brackets", "bare"],
)
def test_fallback_translates_the_pieces_and_keeps_every_term(
    damage: Callable[[str], str],
) -> None:
    engine = FakeEngine(lambda t: damage(t) if "⟦" in t else f"<{t}>")
    [out] = translate_masked(["两江新区管委会和两江新区培育新质生产力，增长8%。"], engine, MATCHER)
    assert out == (
        "Liangjiang New Area Administrative Committee <和> Liangjiang New Area <培育> "
        "new quality productive forces <，增长> 8%."
    )
    # one call for the masked texts, one for all the pieces of the failed ones
    assert len(engine.calls) == 2
    assert engine.calls[1] == ["和", "培育", "，增长"]


def test_fallback_drops_full_stops_the_model_put_inside_a_sentence() -> None:
    engine = FakeEngine(lambda t: "garbled" if "⟦" in t else {
        "会议指出": "The meeting pointed out.", "要发展。": "Must develop."}[t])
    [out] = translate_masked(["会议指出两江新区要发展。"], engine, MATCHER)
    assert out == "The meeting pointed out Liangjiang New Area Must develop."


def test_texts_that_are_only_terms_and_punctuation_need_no_engine() -> None:
    engine = FakeEngine(identity)
    assert translate_masked(["两江新区", "“王志杰”，8%"], engine, MATCHER) == [
        "Liangjiang New Area", "“Wang Zhijie”, 8%"]
    assert engine.calls == []


def test_an_empty_piece_leaves_the_segment_untranslated() -> None:
    engine = FakeEngine(lambda t: "" if "⟦" not in t else "garbled")
    assert translate_masked(["王志杰表示同意。"], engine, MATCHER) == [""]


def test_an_engine_that_returns_the_wrong_count_is_refused() -> None:
    class Short:
        name = "short"

        def translate(self, texts: Sequence[str]) -> list[str]:
            return []

    with pytest.raises(ModelError, match="returned 0 translations for 1"):
        translate_masked(["会议召开。"], Short(), MATCHER)


def test_source_holding_token_brackets_is_not_confused_with_tokens() -> None:
    masked = mask("见⟦T1⟧王志杰", MATCHER)
    assert masked.text == "见〚T1〛⟦T1⟧"
    [out] = translate_masked(["见⟦T1⟧王志杰"], FakeEngine(identity), MATCHER)
    assert "Wang Zhijie" in out and "⟦" not in out


def test_assemble_and_join_words() -> None:
    masked = mask("（王志杰）", MATCHER)
    assert assemble(masked, []) == "(Wang Zhijie)"
    assert join_words(["a", ",", "“", "b", "”", "c"]) == "a, “b” c"
    assert isinstance(masked.pieces[1], Mask)


# -- properties -----------------------------------------------------------------------------

_ALPHABET = "两江新区会议重庆发展产业培育和，。、“”（）"


@st.composite
def texts_and_terms(draw: st.DrawFn) -> tuple[str, list[Term]]:
    zhs = draw(st.lists(st.text(alphabet=_ALPHABET[:10], min_size=1, max_size=4),
                        min_size=1, max_size=6, unique=True))
    # English renderings that cannot occur by accident, so occurrences can be counted
    terms = [Term(zh, f"Term{chr(65 + i)}x", "term") for i, zh in enumerate(zhs)]
    text = draw(st.text(alphabet=_ALPHABET, max_size=40))
    return text, terms


def _expected(text: str, matcher: TermMatcher) -> str:
    out: list[str] = []
    pos = 0
    for m in matcher.find(text):
        # adjacent renderings are kept apart by a space
        space = " " if out and m.start == pos else ""
        out += [text[pos:m.start], space + m.term.en]
        pos = m.end
    return "".join([*out, text[pos:]])


@given(texts_and_terms())
@settings(max_examples=300)
def test_identity_engine_replaces_every_occurrence_exactly_once(
    case: tuple[str, list[Term]],
) -> None:
    text, terms = case
    matcher = TermMatcher(terms)
    masked = mask(text, matcher)
    # the identity "engine": the masked text comes back untouched
    assert unmask(masked, masked.text) == tidy(_expected(text, matcher))
    [out] = translate_masked([text], FakeEngine(identity), matcher)
    assert "⟦" not in out and "⟧" not in out
    for term in terms:
        occurrences = sum(1 for m in matcher.find(text) if m.term is term)
        assert out.count(term.en) == occurrences


_DAMAGE: list[Callable[[str], str]] = [
    identity,
    lambda t: TOKEN.sub("", t),
    lambda t: TOKEN.sub(lambda m: m[0] * 2, t),
    lambda t: TOKEN.sub(lambda m: m[0].replace("⟦", "[").replace("⟧", "]"), t),
    lambda t: TOKEN.sub(lambda m: m[0].strip("⟦⟧"), t),
    lambda t: TOKEN.sub(lambda m: m[0].replace("⟦", "⟦ "), t),
    lambda t: "".join(reversed(TOKEN.findall(t))) + TOKEN.sub("", t),
]


@given(texts_and_terms(), st.lists(st.sampled_from(range(len(_DAMAGE))), min_size=1, max_size=3))
@settings(max_examples=300)
def test_every_term_survives_whatever_the_engine_does_to_tokens(
    case: tuple[str, list[Term]], choices: list[int],
) -> None:
    text, terms = case
    calls = iter(choices * 2)
    engine = FakeEngine(lambda t: _DAMAGE[next(calls, 0)](t) if "⟦" in t else t)
    matcher = TermMatcher(terms)
    [out] = translate_masked([text], engine, matcher)
    assert not TOKEN.search(out) and "⟦" not in out and "⟧" not in out
    for term in terms:
        occurrences = sum(1 for m in matcher.find(text) if m.term is term)
        assert out.count(term.en) == occurrences
