"""Checking a term base: every row by the term-base rules, and longer terms against shorter ones.

Rows may come from terms.tsv or from a file being imported (CSV, TSV, TBX); each problem names
its file and line (or entry) and says what to do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from doctool.cjk import has_han
from doctool.errors import GlossaryError
from doctool.glossary.matcher import TermMatcher
from doctool.glossary.termfile import (
    COLUMNS,
    HEADER_HINT,
    Problem,
    Severity,
    TermFileError,
    TermTable,
    no_tab_hint,
    read_table,
)
from doctool.glossary.terms import (
    CONTROL,
    KIND_OF,
    KINDS,
    NESTED_KINDS,
    Term,
    TermBase,
    dedupe,
    nfc,
    split_forbidden,
)

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Row:
    """A row read from some file, before it is checked: zh, en, kind, note, forbidden cells."""

    cells: tuple[str, str, str, str, str]
    line: int | None = None
    #: how to name the row where there are no line numbers (``"entry c3: "``)
    label: str = ""


@dataclass
class _Scan:
    """Terms read from rows, where each came from, and what is wrong with the rows."""

    terms: list[Term] = field(default_factory=list)
    lines: dict[str, int | None] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def _scan_rows(rows: Iterable[Row], where: str) -> _Scan:
    scan = _Scan()
    first: dict[str, tuple[Row, Term]] = {}
    for row in rows:

        def report(message: str, severity: Severity = "error", row: Row = row) -> None:
            scan.problems.append(Problem(where, row.line, row.label + message, severity))

        zh_cell, en_cell, kind_cell, note_cell, forbidden_cell = row.cells
        zh, en, kind = nfc(zh_cell.strip()), en_cell.strip(), kind_cell.strip()
        if not zh:
            report("the zh cell is empty; fill it in or delete the row")
            continue
        if not en:
            report(f"{zh} has no English (the en cell is empty); give it or delete the row")
            continue
        if any(CONTROL.search(cell) for cell in row.cells):
            report(f"{zh}: a cell holds a control character; delete it")
            continue
        if kind not in KIND_OF:
            said = f"unknown kind {kind!r}" if kind else "no kind"
            report(f"{zh} has {said}; use one of {', '.join(KINDS)}")
            continue
        listed = split_forbidden(forbidden_cell)
        forbidden = tuple(dedupe(listed))
        if len(forbidden) < len(listed):
            report(f"{zh}: a forbidden rendering is listed twice; keep one", "warning")
        if en in forbidden:
            report(
                f"{zh}: the approved rendering {en!r} is also listed as forbidden; "
                "remove it from the forbidden cell"
            )
        if zh_cell != zh_cell.strip() or en_cell != en_cell.strip():
            report(f"{zh}: spaces around the zh or en cell are ignored; remove them", "warning")
        if has_han(en):
            report(f"{zh}: the English {en!r} holds Chinese characters", "warning")
        term = Term(zh, en, KIND_OF[kind], note_cell.strip(), forbidden)
        if zh not in first:
            first[zh] = (row, term)
            scan.terms.append(term)
            scan.lines[zh] = row.line
            continue
        earlier_row, earlier = first[zh]
        at = f" (first on line {earlier_row.line})" if earlier_row.line else ""
        if earlier.en == en:
            report(f"{zh} is listed twice{at}; keep one row")
        else:
            report(
                f"{zh} has two renderings, {earlier.en!r}{at} and {en!r}; keep one and put the "
                "other in the forbidden column"
            )
    return scan


def terms_from_rows(rows: Iterable[Row], where: str) -> list[Term]:
    """Check rows read from any file by the term-base rules; the terms, or the first error."""
    scan = _scan_rows(rows, where)
    raise_first(scan.problems)
    return scan.terms


def _table_rows(table: TermTable) -> tuple[list[Row], list[Problem]]:
    rows: list[Row] = []
    problems: list[Problem] = []
    if table.header is None:
        problems.append(
            Problem(table.where, None, f"has no header row; its first row must be {HEADER_HINT}")
        )
    width = len(table.columns)
    for index, cells in table.rows():
        line = index + 1
        if len(cells) == 1:
            problems.append(
                Problem(
                    table.where,
                    line,
                    f"the row has no tab; cells are separated by tabs{no_tab_hint(cells[0])}",
                )
            )
        elif len(cells) > width:
            problems.append(
                Problem(
                    table.where,
                    line,
                    f"the row has {len(cells)} cells but the header has {width}; a cell must not hold a tab",
                )
            )
        else:
            padded = [*cells, "", "", ""][: len(COLUMNS)]
            rows.append(Row((padded[0], padded[1], padded[2], padded[3], padded[4]), line))
    return rows, problems


def scan_table(table: TermTable) -> _Scan:
    """The terms of ``table`` and every problem with its rows, in line order."""
    rows, problems = _table_rows(table)
    scan = _scan_rows(rows, table.where)
    scan.problems = sorted(problems + scan.problems, key=lambda p: p.line or 0)
    return scan


def raise_first(problems: Sequence[Problem]) -> None:
    """Raise the first error among ``problems``, saying how many more there are."""
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        more = len(errors) - 1
        tail = f" ({more} more: run `doctool glossary check`)" if more else ""
        raise GlossaryError(f"{errors[0]}{tail}")

def load_termbase(path: Path, strict: bool = True) -> TermBase:
    """Read terms.tsv; refuse it, naming file:line, if any row is wrong (unless not ``strict``)."""
    path = Path(path)
    scan = scan_table(read_table(path))
    if strict:
        raise_first(scan.problems)
    return TermBase(tuple(scan.terms), path)


def check_termbase(path: Path) -> list[Problem]:
    """Every problem in terms.tsv, errors and warnings, in line order (none: all is well)."""
    path = Path(path)
    try:
        table = read_table(path)
    except TermFileError as exc:
        return [exc.problem]
    scan = scan_table(table)
    problems = scan.problems + nesting_problems(scan.terms, table.where, scan.lines)
    return sorted(problems, key=lambda p: p.line or 0)


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text.casefold()).strip()


def nesting_problems(
    terms: Sequence[Term], where: str, lines: dict[str, int | None] | None = None
) -> list[Problem]:
    """A term nested in a longer one whose English does not carry the shorter term's English."""
    lines = lines or {}
    nested = [term for term in terms if term.kind in NESTED_KINDS]
    matcher = TermMatcher(nested)
    problems: list[Problem] = []
    for outer in nested:
        inners = dedupe(match.term.zh for match in matcher.find_all(outer.zh))
        for zh in inners:
            inner = matcher.term(zh)
            if inner.zh == outer.zh or _fold(inner.en) in _fold(outer.en):
                continue
            at = f" (line {lines[zh]})" if lines.get(zh) else ""
            problems.append(
                Problem(
                    where,
                    lines.get(outer.zh),
                    f"{outer.zh} is {outer.en!r}, which does not contain {inner.en!r}, the "
                    f"English of {inner.zh}{at}; make the two agree",
                )
            )
    return problems
