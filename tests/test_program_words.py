"""Program words: one vocabulary for extraction and glossary suggestions."""

from __future__ import annotations

from doctool.extract.programs import PROGRAM_WORDS, find_programs, program_words
from doctool.glossary.suggest import suggest_terms


def test_words_trusted_alone_are_also_trusted_after_quotes() -> None:
    alone = set(program_words("alone"))
    assert alone <= set(program_words("alone", "quoted")) <= set(PROGRAM_WORDS)
    assert "经济" not in alone and "行动计划" in alone


def test_longest_first() -> None:
    words = program_words("alone", "quoted", "tail")
    assert words.index("三年行动计划") < words.index("行动计划") < words.index("行动")


def test_extraction_and_suggestions_agree_on_a_word_trusted_alone() -> None:
    text = "全面实施“渝快办”提质工程。"
    assert [m.name for m in find_programs(text)] == ["“渝快办”提质工程"]
    assert ("“渝快办”提质工程", "program") in {(c.zh, c.kind) for c in suggest_terms(text)}
