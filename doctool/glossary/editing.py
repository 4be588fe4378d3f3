"""Editing terms.tsv one row at a time, under a lock, so concurrent editors never lose a change.

Edits hold a lock on ``terms.tsv.lock`` and re-read the file inside it; an edit rewrites only the
rows it touches and is written atomically, and only if the file is still valid afterwards.
"""

from __future__ import annotations

import re
import shlex
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from doctool.errors import GlossaryError
from doctool.fsutil import atomic_write_bytes, clean_stale_temp, locked
from doctool.glossary.folder import display_path
from doctool.glossary.termfile import TermTable, cells_of, read_bytes
from doctool.glossary.terms import (
    CONTROL,
    FORBIDDEN_SEPARATOR,
    KIND_OF,
    Term,
    dedupe,
    nfc,
    parse_kind,
    scope_problem,
    split_forbidden,
    split_scope,
)
from doctool.glossary.validation import scan_table

#: seconds to wait for another editor before giving up
LOCK_TIMEOUT = 30.0

_SHELL_SAFE = re.compile(r"[^\s'\"\\$`!*?;&|<>(){}\[\]#~]+")

_T = TypeVar("_T")


@dataclass(frozen=True)
class Conflict:
    """An imported term whose rendering differs from the one in the term base."""

    zh: str
    current: str
    incoming: str
    line: int


class MergeConflict(GlossaryError):
    """An import refused because some terms have another rendering already; lists them all."""

    def __init__(self, where: str, conflicts: Sequence[Conflict]) -> None:
        first = conflicts[0]
        more = f" and {len(conflicts) - 1} more" if len(conflicts) > 1 else ""
        super().__init__(
            f"{len(conflicts)} imported term{'s' if len(conflicts) > 1 else ''} "
            f"{'have' if len(conflicts) > 1 else 'has'} another rendering in {where} "
            f"({first.zh}: {first.current!r} there, {first.incoming!r} imported{more}); "
            "settle them with `doctool glossary set`, or import with --replace to take the "
            "imported renderings"
        )
        self.conflicts = tuple(conflicts)


@dataclass(frozen=True)
class MergeResult:
    """What an import did: terms appended, terms whose rendering was replaced, others."""

    added: tuple[Term, ...] = ()
    replaced: tuple[Term, ...] = ()
    updated: tuple[Term, ...] = ()
    unchanged: int = 0



def edit_termbase(path: Path, change: Callable[[TermTable], _T]) -> _T:
    """Apply ``change`` to terms.tsv under its lock; write the result atomically if it is valid."""
    path = Path(path)
    where = display_path(path)
    started = time.time()
    busy = GlossaryError(
        f"{where} is being edited by another doctool (its lock {where}.lock was held for "
        f"{LOCK_TIMEOUT:.0f} s); try again when that has finished"
    )
    try:
        with locked(Path(f"{path}.lock"), timeout=LOCK_TIMEOUT, busy=busy):
            # an editor killed mid-write leaves its temporary file; under the lock it is stale
            clean_stale_temp(path.parent, before=started, of=path.name)
            # re-read inside the lock: another editor may have written since we last looked
            data = read_bytes(path, where) if path.exists() else b""
            table = TermTable.parse(data, where)
            result = change(table)
            new = table.to_bytes()
            if new != data:
                problems = scan_table(TermTable.parse(new, where)).problems
                errors = [problem for problem in problems if problem.severity == "error"]
                if errors:
                    raise GlossaryError(f"{errors[0]}; nothing was changed")
                atomic_write_bytes(path, new)
    except OSError as exc:
        raise GlossaryError(
            f"cannot lock {where} for editing ({exc.strerror or exc}); check that its folder "
            "exists and is writable"
        ) from None
    return result

def _shell_word(word: str) -> str:
    """``word`` quoted for a shell only when it needs it (shlex quotes all non-ASCII)."""
    return word if _SHELL_SAFE.fullmatch(word) else shlex.quote(word)


def _clean_cell(value: str, what: str, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise GlossaryError(f"the {what} is empty; give one")
    if "\t" in value or "\n" in value or "\r" in value or CONTROL.search(value):
        raise GlossaryError(f"the {what} {value!r} holds a tab, line break or control character")
    return value


def _clean_rendering(en: str) -> str:
    en = _clean_cell(en, "English rendering")
    if "|" in en:
        raise GlossaryError(
            f"the English rendering {en!r} holds '|', which separates forbidden renderings; reword it"
        )
    return en


def clean_term(term: Term) -> Term:
    """``term`` with its cells trimmed and its Chinese in NFC; refuse what cannot be a row."""
    forbidden = dedupe(_clean_rendering(item) for item in term.forbidden)
    en = _clean_rendering(term.en)
    return Term(
        zh=nfc(_clean_cell(term.zh, "Chinese term")),
        en=en,
        kind=parse_kind(term.kind),
        note=_clean_cell(term.note, "note", required=False),
        forbidden=tuple(item for item in forbidden if item != en),
        scope=_clean_scope(term.scope),
    )


def _clean_scope(scope: Iterable[str]) -> tuple[str, ...]:
    entries = dedupe(entry for item in scope for entry in split_scope(item))
    for entry in entries:
        wrong = scope_problem(entry)
        if wrong:
            raise GlossaryError(wrong)
        _clean_cell(entry, "scope")
    return tuple(entries)


def _row_scope(table: TermTable, cells: Sequence[str]) -> tuple[str, ...]:
    return tuple(dedupe(split_scope(table.scope_cell(cells))))

def rows_for(table: TermTable, zh: str, scope: tuple[str, ...] | None = None) -> list[int]:
    """The rows for ``zh`` (of ``scope`` alone when one is given).

    Without a scope, a term listed for several scopes is refused: the edit must say which.
    """
    found = [index for index, cells in table.rows() if nfc(cells[0].strip()) == zh]
    if scope is not None:
        return [index for index in found if _row_scope(table, table.cells(index)) == scope]
    scopes = dedupe(" | ".join(_row_scope(table, table.cells(index))) for index in found)
    if len(scopes) > 1:
        listed = ", ".join(repr(item or "everywhere") for item in scopes)
        raise GlossaryError(
            f"{zh} is listed in {table.where} for several scopes ({listed}); "
            "say which with --scope"
        )
    return found


def _scope_column(table: TermTable, term: Term) -> int | None:
    return table.add_scope_column() if term.scope else table.scope_column


def add_term(path: Path, term: Term) -> Term:
    """Append ``term`` to terms.tsv; refuse a Chinese term that is already there."""
    term = clean_term(term)

    def change(table: TermTable) -> None:
        existing = rows_for(table, term.zh, term.scope)
        if existing:
            index = existing[0]
            raise GlossaryError(
                f"{term.zh} is already in {table.where} (line {index + 1}, "
                f"{table.cells(index)[1].strip()!r}); change its rendering with "
                f"`doctool glossary set {_shell_word(term.zh)} EN`"
            )
        at = _scope_column(table, term)
        table.append(cells_of(term, len(table.columns), at))

    edit_termbase(path, change)
    return term


def _set_row(
    table: TermTable, zh: str, en: str, scope: tuple[str, ...] | None = None
) -> tuple[str, Term]:
    """Give ``zh`` the rendering ``en`` in ``table``; the old one moves to forbidden."""
    found = rows_for(table, zh, scope)
    if not found:
        raise GlossaryError(
            f"{zh} is not in {table.where}; add it with "
            f"`doctool glossary add {_shell_word(zh)} {_shell_word(en)} --kind KIND`"
        )
    first, *others = found
    cells = table.cells(first)
    old = cells[1].strip()
    # rows listing the same term again are folded into the first one
    rows = [cells] + [table.cells(index) for index in others]
    forbidden = [item for row in rows for item in split_forbidden(row[4])]
    forbidden += [row[1].strip() for row in rows]
    forbidden = [item for item in dedupe(forbidden) if item and item != en]
    cells[1] = en
    cells[4] = FORBIDDEN_SEPARATOR.join(forbidden)
    table.set_cells(first, cells)
    for index in reversed(others):
        table.delete(index)
    kind = KIND_OF.get(cells[2].strip(), "term")
    term = Term(zh, en, kind, cells[3].strip(), tuple(forbidden), _row_scope(table, cells))
    return old, term


def set_rendering(
    path: Path, zh: str, en: str, scope: Sequence[str] | None = None
) -> tuple[str, Term]:
    """Give ``zh`` the rendering ``en``; the old one moves to forbidden. (old English, new term)."""
    zh = nfc(_clean_cell(zh, "Chinese term"))
    en = _clean_rendering(en)
    chosen = None if scope is None else _clean_scope(scope)
    return edit_termbase(path, lambda table: _set_row(table, zh, en, chosen))


@dataclass(frozen=True)
class SetResult:
    """What ``set_everywhere`` changed: the term, its old English, and longer terms updated."""

    old: str
    term: Term
    cascaded: tuple[tuple[str, str, str], ...] = ()


def set_everywhere(path: Path, zh: str, en: str, scope: Sequence[str] | None = None) -> SetResult:
    """Like :func:`set_rendering`, and update longer terms that spell out the old rendering.

    两江新区党工委 "Liangjiang New Area Party Working Committee" follows a change of 两江新区
    to "Liangjiang New Zone", so no term keeps the outdated rendering; each longer term's old
    English becomes one of its forbidden renderings. One lock, one atomic write.
    """
    zh = nfc(_clean_cell(zh, "Chinese term"))
    en = _clean_rendering(en)
    chosen = None if scope is None else _clean_scope(scope)
    return edit_termbase(path, lambda table: set_in_table(table, zh, en, chosen))


def set_in_table(
    table: TermTable, zh: str, en: str, scope: tuple[str, ...] | None = None
) -> SetResult:
    """:func:`set_everywhere`'s change of an open table (the caller holds its lock)."""
    old, term = _set_row(table, zh, en, scope)
    cascaded: list[tuple[str, str, str]] = []
    if old and old != en:
        for _, cells in list(table.rows()):
            longer = nfc(cells[0].strip())
            if longer == zh or zh not in longer or old not in cells[1]:
                continue
            before = cells[1].strip()
            _set_row(table, longer, before.replace(old, en))
            cascaded.append((longer, before, before.replace(old, en)))
    return SetResult(old, term, tuple(cascaded))


def remove_term(
    path: Path, zh: str, scope: Sequence[str] | None = None,
    guard: Callable[[TermTable], None] | None = None,
) -> tuple[str, ...]:
    """Delete every row for ``zh`` (of ``scope`` alone when given); the English they had.

    ``guard`` sees the table first, under the lock, and may refuse the edit by raising.
    """
    zh = nfc(_clean_cell(zh, "Chinese term"))
    chosen = None if scope is None else _clean_scope(scope)

    def change(table: TermTable) -> tuple[str, ...]:
        if guard is not None:
            guard(table)
        found = rows_for(table, zh, chosen)
        if not found:
            raise GlossaryError(
                f"{zh} is not in {table.where}; nothing was removed (see `doctool glossary list`)"
            )
        removed = tuple(table.cells(index)[1].strip() for index in found)
        for index in reversed(found):
            table.delete(index)
        return removed

    return edit_termbase(path, change)


def merge_terms(path: Path, terms: Iterable[Term], replace: bool = False) -> MergeResult:
    """Merge ``terms`` into terms.tsv: new ones appended; other renderings refused or replaced."""
    incoming = [clean_term(term) for term in terms]

    def change(table: TermTable) -> MergeResult:
        rows: dict[tuple[str, tuple[str, ...]], int] = {}
        for index, cells in table.rows():
            rows.setdefault((nfc(cells[0].strip()), _row_scope(table, cells)), index)
        added: list[Term] = []
        replaced: list[Term] = []
        updated: list[Term] = []
        conflicts: list[Conflict] = []
        unchanged = 0
        for term in incoming:
            found = rows.get((term.zh, term.scope))
            if found is None:
                at = _scope_column(table, term)
                rows[term.zh, term.scope] = table.append(cells_of(term, len(table.columns), at))
                added.append(term)
                continue
            index = found
            cells = table.cells(index)
            current = cells[1].strip()
            if current != term.en and not replace:
                conflicts.append(Conflict(term.zh, current, term.en, index + 1))
                continue
            before = list(cells)
            forbidden = [*split_forbidden(cells[4]), *term.forbidden]
            if current != term.en:
                forbidden.append(current)
                cells[1] = term.en
            cells[4] = FORBIDDEN_SEPARATOR.join(x for x in dedupe(forbidden) if x != term.en)
            if replace:
                cells[2], cells[3] = term.kind, term.note
            if cells == before:
                unchanged += 1
                continue
            table.set_cells(index, cells)
            (replaced if current != term.en else updated).append(term)
        if conflicts:
            raise MergeConflict(table.where, conflicts)
        return MergeResult(tuple(added), tuple(replaced), tuple(updated), unchanged)

    return edit_termbase(path, change)
