"""Revising one row of a term base from an editor that shows it, guarded by the row's version.

An editor (the browser's glossary page) loads a term with its version, a digest of what its row
says. A revision names that version and is refused with :class:`StaleEdit` when the row changed
in the meantime (another tab, another person, a ``doctool glossary`` command), so no edit is
overwritten unseen. The rules are the CLI's: every edit goes through
:func:`~doctool.glossary.editing.edit_termbase` (its lock, its validation of the whole file), a
new rendering is :func:`~doctool.glossary.editing.set_everywhere`'s (the old one becomes
forbidden, longer terms follow) and the memory's approved translations follow it too.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from doctool.errors import GlossaryError
from doctool.glossary.editing import (
    SetResult,
    clean_term,
    edit_termbase,
    remove_term,
    rows_for,
    set_in_table,
)
from doctool.glossary.layers import load_glossary
from doctool.glossary.memory import Memory, memory_lock, memory_path
from doctool.glossary.termfile import TermTable
from doctool.glossary.terms import FORBIDDEN_SEPARATOR, SCOPE_SEPARATOR, Term, TermBase, dedupe
from doctool.glossary.validation import scan_table


def term_version(term: Term) -> str:
    """A short digest of everything a row says about ``term``; it changes with any cell."""
    cells = (term.zh, term.en, term.kind, term.note, FORBIDDEN_SEPARATOR.join(term.forbidden),
             SCOPE_SEPARATOR.join(term.scope))
    return hashlib.sha256("\x1f".join(cells).encode("utf-8")).hexdigest()[:16]


class StaleEdit(GlossaryError):
    """The row changed since the editor loaded it; ``current`` is the row now (None: removed)."""

    def __init__(self, zh: str, current: Term | None) -> None:
        what = "removed" if current is None else "changed"
        super().__init__(
            f"{zh} was {what} by someone else since you opened it; nothing was written: "
            "compare, then save again"
        )
        self.zh = zh
        self.current = current


def current_term(table: TermTable, zh: str, scope: tuple[str, ...]) -> Term | None:
    """The term the table lists for ``zh`` in ``scope``, or None."""
    return next((t for t in scan_table(table).terms if t.zh == zh and t.scope == scope), None)


def _guard(table: TermTable, zh: str, scope: tuple[str, ...], version: str) -> Term:
    current = current_term(table, zh, scope)
    if current is None or term_version(current) != version:
        raise StaleEdit(zh, current)
    return current


def revise_term(path: Path, zh: str, scope: tuple[str, ...], version: str, revised: Term) -> SetResult:
    """Give the row of ``zh`` (in ``scope``) the English, kind, note, forbidden and scope of ``revised``.

    Refused with StaleEdit unless the row is still at ``version``. A new English is set as
    ``glossary set`` sets it: the old one joins the forbidden renderings and longer terms that
    spell it out are updated.
    """
    revised = clean_term(Term(zh, revised.en, revised.kind, revised.note, revised.forbidden,
                              revised.scope))

    def change(table: TermTable) -> SetResult:
        current = _guard(table, revised.zh, scope, version)
        result = SetResult(current.en, current)
        if revised.en != current.en:
            result = set_in_table(table, revised.zh, revised.en, scope)
        index = rows_for(table, revised.zh, scope)[0]
        cells = table.cells(index)
        forbidden = [*revised.forbidden, *([current.en] if revised.en != current.en else [])]
        cells[2], cells[3] = revised.kind, revised.note
        cells[4] = FORBIDDEN_SEPARATOR.join(x for x in dedupe(forbidden) if x != revised.en)
        at = table.add_scope_column() if revised.scope else table.scope_column
        # a row without a scope cell keeps its width unless it gains a scope
        if at is not None and (revised.scope or at < len(cells)):
            cells += [""] * (at + 1 - len(cells))
            cells[at] = SCOPE_SEPARATOR.join(revised.scope)
        table.set_cells(index, cells)
        return SetResult(result.old, revised, result.cascaded)

    return edit_termbase(path, change)


def remove_revised(path: Path, zh: str, scope: tuple[str, ...], version: str) -> tuple[str, ...]:
    """Remove the row of ``zh`` (in ``scope``), unless it changed since ``version``."""

    def guard(table: TermTable) -> None:
        _guard(table, zh, scope, version)

    return remove_term(path, zh, scope, guard=guard)


def refresh_memory_file(glossary_dir: Path) -> tuple[Path, int]:
    """Rewrite outdated renderings in memory.tmx after a rendering changed; (its path, units changed).

    Under the memory's own lock, so two edits at once both reach it.
    """
    from doctool.translate.translator import refresh_memory

    path = memory_path(glossary_dir)
    if not path.exists():
        return path, 0
    with memory_lock(path):
        memory = Memory.load(path)
        # every layer and scope: the memory serves reports from every place
        termbase = load_glossary(glossary_dir)
        changed = refresh_memory(memory, TermBase(termbase.effective(), termbase.path))
        if changed:
            memory.save(path)
    return path, changed
