"""The Term model: one approved rendering, its kind, and a term base of them in file order."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

from doctool.errors import GlossaryError

TermKind = Literal[
    "program",
    "organization",
    "place",
    "company",
    "person",
    "title",
    "policy",
    "metric",
    "event",
    "publication",
    "term",
]
#: every kind a term may have, in the order they are listed to users
KINDS: tuple[TermKind, ...] = get_args(TermKind)
KIND_OF: dict[str, TermKind] = {kind: kind for kind in KINDS}

#: how forbidden renderings are separated inside the ``forbidden`` cell
FORBIDDEN_SEPARATOR = " | "
#: a longer term of these kinds must carry the English of a shorter one of these kinds inside it
NESTED_KINDS: frozenset[TermKind] = frozenset({"organization", "place", "program", "company"})
#: C0/C1 controls (tab aside): they cannot be written to XML and are never part of a term
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@dataclass(frozen=True)
class Term:
    """One approved rendering: Chinese source, English, kind, a note and forbidden renderings."""

    zh: str
    en: str
    kind: TermKind
    note: str = ""
    forbidden: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermBase:
    """The terms of a term base in file order, looked up by their Chinese."""

    terms: tuple[Term, ...]
    path: Path | None = None
    _index: dict[str, Term] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Term] = {}
        for term in self.terms:
            index.setdefault(term.zh, term)
        object.__setattr__(self, "_index", index)

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def get(self, zh: str) -> Term | None:
        """The term whose Chinese is ``zh``, or None."""
        return self._index.get(nfc(zh))

    def by_kind(self, *kinds: TermKind) -> tuple[Term, ...]:
        """The terms of any of ``kinds``, in file order."""
        wanted = set(kinds)
        return tuple(term for term in self.terms if term.kind in wanted)


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C, the form the Chinese of every term is kept in."""
    return unicodedata.normalize("NFC", text)


def parse_kind(kind: str) -> TermKind:
    """``kind`` as a TermKind; refuse an unknown one, listing those allowed."""
    found = KIND_OF.get(kind.strip())
    if found is None:
        raise GlossaryError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    return found


def split_forbidden(cell: str) -> tuple[str, ...]:
    """The renderings of a ``forbidden`` cell, in order, without blanks."""
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def dedupe(items: Iterable[str]) -> list[str]:
    """``items`` without repeats, in the order first seen."""
    return list(dict.fromkeys(items))
