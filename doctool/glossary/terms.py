"""The Term model: one approved rendering, its kind and scope, and a term base of them.

A term base may be read from several layers (national, province, city, project): a later
layer overrides an earlier one. A term may be scoped to places (``place:重庆``); it applies
only to reports from there. :meth:`TermBase.for_place` resolves both for one report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
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
#: how the places of a ``scope`` cell are separated, and how each one starts
SCOPE_SEPARATOR = " | "
PLACE_SCOPE = "place:"
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
    #: the places the term applies to (``place:重庆``); empty: it applies everywhere
    scope: tuple[str, ...] = ()
    #: the layer the term was read from; not part of what the term is
    layer: str = field(default="", compare=False)

    def applies_to(self, place: str | None) -> bool:
        """True when the term applies to a report from ``place`` (None: a place not known).

        A scope place applies when the report's place contains it: ``place:重庆`` applies to
        重庆, 重庆市 and 重庆市江北区.
        """
        if not self.scope:
            return True
        return bool(place) and any(
            entry.removeprefix(PLACE_SCOPE) in nfc(place or "") for entry in self.scope
        )


@dataclass(frozen=True)
class TermBase:
    """The terms that apply, in file order, looked up by their Chinese.

    ``rows`` holds every row of every layer in layer order, scoped and overridden ones
    included; ``terms`` are those that apply where the place is not known (no scoped term), and
    :meth:`for_place` picks those of one place. Given only ``terms``, ``rows`` are the terms.
    """

    terms: tuple[Term, ...]
    path: Path | None = None
    rows: tuple[Term, ...] = ()
    _index: dict[str, Term] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.rows:
            object.__setattr__(self, "rows", self.terms)
        index: dict[str, Term] = {}
        for term in self.terms:
            index.setdefault(term.zh, term)
        object.__setattr__(self, "_index", index)

    @classmethod
    def of_rows(cls, rows: Iterable[Term], path: Path | None = None) -> TermBase:
        """The term base of ``rows`` (in layer order) where the place is not known."""
        rows = tuple(rows)
        return cls(resolve(rows, None), path, rows)

    def for_place(self, place: str | None) -> TermBase:
        """The term base of a report from ``place``: scopes and layer overrides resolved."""
        return TermBase(resolve(self.rows, place), self.path, self.rows)

    def effective(self) -> tuple[Term, ...]:
        """Every row a later layer does not override, scoped ones included (for listing)."""
        return _winners(self.rows, lambda term: (term.zh, term.scope), lambda term: 0)

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


def _winners(
    rows: Sequence[Term], key: Callable[[Term], Hashable], rank: Callable[[Term], int]
) -> tuple[Term, ...]:
    """For each ``key``, the row of the latest layer (then highest ``rank``), in row order."""
    layers: dict[str, int] = {}
    best: dict[Hashable, tuple[int, int, int]] = {}
    for index, term in enumerate(rows):
        order = layers.setdefault(term.layer, len(layers))
        score = (order, rank(term), -index)
        if key(term) not in best or score > best[key(term)]:
            best[key(term)] = score
    return tuple(rows[-score[2]] for score in sorted(best.values(), key=lambda s: -s[2]))


def resolve(rows: Sequence[Term], place: str | None) -> tuple[Term, ...]:
    """One term per Chinese form for a report from ``place``.

    Rows that do not apply there are left out; of the rest, the latest layer wins, and within a
    layer a row scoped to the place wins over one that applies everywhere.
    """
    applying = [term for term in rows if term.applies_to(place)]
    return _winners(applying, lambda term: term.zh, lambda term: bool(term.scope))


def split_scope(cell: str) -> tuple[str, ...]:
    """The entries of a ``scope`` cell (``place:重庆 | place:成都``), in order, without blanks."""
    return tuple(nfc(part.strip()) for part in cell.split("|") if part.strip())


def scope_problem(entry: str) -> str | None:
    """What is wrong with one scope entry, or None when it reads ``place:NAME``."""
    if not entry.startswith(PLACE_SCOPE) or not entry.removeprefix(PLACE_SCOPE).strip():
        return f"unknown scope {entry!r}; write place:NAME (place:重庆), or leave the cell empty"
    return None


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
