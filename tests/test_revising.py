"""Revising a row from an editor that shows it: every cell, guarded by the row's version."""

from __future__ import annotations

from pathlib import Path

import pytest

from doctool.errors import GlossaryError
from doctool.glossary.editing import set_everywhere
from doctool.glossary.revising import StaleEdit, remove_revised, revise_term, term_version
from doctool.glossary.terms import Term
from doctool.glossary.validation import load_termbase

HEADER = "zh\ten\tkind\tnote\tforbidden\n"


@pytest.fixture
def terms(tmp_path: Path) -> Path:
    path = tmp_path / "terms.tsv"
    path.write_text(
        HEADER
        + "两江新区\tLiangjiang New Area\tplace\told note\t\n"
        + "两江新区党工委\tLiangjiang New Area Party Working Committee\torganization\t\t\n"
        + "# a comment stays\n",
        encoding="utf-8",
    )
    return path


def version(path: Path, zh: str) -> str:
    term = load_termbase(path).get(zh)
    assert term is not None
    return term_version(term)


def test_every_cell_is_revised_and_a_new_rendering_works_as_set_does(terms: Path) -> None:
    result = revise_term(terms, "两江新区", (), version(terms, "两江新区"),
                         Term("", "Liangjiang New Zone", "organization", "new note", ("LNA",)))
    assert (result.old, result.cascaded[0][0]) == ("Liangjiang New Area", "两江新区党工委")
    base = load_termbase(terms)
    term = base.get("两江新区")
    assert term is not None
    assert (term.en, term.kind, term.note) == ("Liangjiang New Zone", "organization", "new note")
    assert term.forbidden == ("LNA", "Liangjiang New Area")
    longer = base.get("两江新区党工委")
    assert longer is not None and longer.en == "Liangjiang New Zone Party Working Committee"
    assert "# a comment stays\n" in terms.read_text("utf-8")


def test_a_scope_given_adds_the_column(terms: Path) -> None:
    revise_term(terms, "两江新区", (), version(terms, "两江新区"),
                Term("", "Liangjiang New Area", "place", scope=("place:重庆",)))
    assert terms.read_text("utf-8").splitlines()[0].endswith("\tscope")
    assert load_termbase(terms).rows[0].scope == ("place:重庆",)


def test_a_row_changed_since_it_was_loaded_is_not_overwritten(terms: Path) -> None:
    loaded = version(terms, "两江新区")
    set_everywhere(terms, "两江新区", "Liangjiang District")
    before = terms.read_bytes()
    with pytest.raises(StaleEdit) as caught:
        revise_term(terms, "两江新区", (), loaded, Term("", "Mine", "place"))
    assert caught.value.current is not None and caught.value.current.en == "Liangjiang District"
    with pytest.raises(StaleEdit):
        remove_revised(terms, "两江新区", (), loaded)
    assert terms.read_bytes() == before


def test_a_removed_row_is_a_conflict_with_nothing_current(terms: Path) -> None:
    loaded = version(terms, "两江新区")
    remove_revised(terms, "两江新区", (), loaded)
    with pytest.raises(StaleEdit) as caught:
        revise_term(terms, "两江新区", (), loaded, Term("", "Mine", "place"))
    assert caught.value.current is None
    assert "was removed by someone else" in str(caught.value)


def test_a_revision_the_term_base_rules_refuse_changes_nothing(terms: Path) -> None:
    before = terms.read_bytes()
    with pytest.raises(GlossaryError, match=r"holds '\|'"):
        revise_term(terms, "两江新区", (), version(terms, "两江新区"), Term("", "a | b", "place"))
    with pytest.raises(GlossaryError, match="unknown scope"):
        revise_term(terms, "两江新区", (), version(terms, "两江新区"), Term("", "x", "place", scope=("city:x",)))
    assert terms.read_bytes() == before
