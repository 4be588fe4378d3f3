"""The term base: ``glossary/terms.tsv`` found, read, checked and edited one row at a time.

The file is UTF-8 and tab-separated, with the header ``zh en kind note forbidden`` (more columns
may follow). Comments (lines starting with ``#``) and blank lines are kept byte for byte by every
edit, rows are never reordered, and an edit rewrites only the rows it touches. Edits hold a lock
on ``terms.tsv.lock`` and re-read the file inside it, so concurrent editors never lose a change.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import shlex
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeVar, get_args

import filelock

from doctool.cjk import has_han
from doctool.errors import GlossaryError
from doctool.fsutil import atomic_write_bytes, clean_stale_temp

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
_KIND_OF: dict[str, TermKind] = {kind: kind for kind in KINDS}

#: the first columns of terms.tsv, in this order; more columns may follow
COLUMNS = ("zh", "en", "kind", "note", "forbidden")
#: how forbidden renderings are separated inside the ``forbidden`` cell
FORBIDDEN_SEPARATOR = " | "
TERMS_FILE = "terms.tsv"
#: a longer term of these kinds must carry the English of a shorter one of these kinds inside it
NESTED_KINDS: frozenset[TermKind] = frozenset({"organization", "place", "program", "company"})
#: seconds to wait for another editor before giving up
LOCK_TIMEOUT = 30.0

Severity = Literal["error", "warning"]

_HEADER_HINT = "zh<TAB>en<TAB>kind<TAB>note<TAB>forbidden"
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
# C0/C1 controls (tab aside) cannot be written to XML and are never part of a term
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")
_SHELL_SAFE = re.compile(r"[^\s'\"\\$`!*?;&|<>(){}\[\]#~]+")

_T = TypeVar("_T")


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
        return self._index.get(unicodedata.normalize("NFC", zh))

    def by_kind(self, *kinds: TermKind) -> tuple[Term, ...]:
        """The terms of any of ``kinds``, in file order."""
        wanted = set(kinds)
        return tuple(term for term in self.terms if term.kind in wanted)


@dataclass(frozen=True)
class Problem:
    """One finding about a term-base file: where it is, what is wrong and what to do."""

    where: str
    line: int | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        location = f"{self.where}:{self.line}" if self.line else self.where
        return f"{location}: {self.message}"


class TermFileError(GlossaryError):
    """A term-base file that cannot be read at all (encoding, header); carries its problem."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


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


@dataclass(frozen=True)
class Row:
    """A row read from some file, before it is checked: zh, en, kind, note, forbidden cells."""

    cells: tuple[str, str, str, str, str]
    line: int | None = None
    #: how to name the row where there are no line numbers (``"entry c3: "``)
    label: str = ""


# --- finding the glossary -------------------------------------------------------------------


def display_path(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it, for messages."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def find_glossary_dir(start: Path | None = None, override: Path | None = None) -> Path:
    """The glossary folder: ``override``, else ``glossary/`` here or in the nearest parent."""
    if override is not None:
        override = Path(override)
        if not override.is_dir():
            raise GlossaryError(
                f"--glossary {override}: no such folder; give the folder that holds {TERMS_FILE}"
            )
        return override
    here = Path(start if start is not None else Path.cwd()).resolve()
    # the installed package is never a place to keep (and later write) a term base
    package = Path(__file__).resolve().parents[1]
    for folder in (here, *here.parents):
        candidate = folder / "glossary"
        if candidate.is_dir() and not candidate.resolve().is_relative_to(package):
            return candidate
    raise GlossaryError(
        f"no glossary/ folder in {here} or any folder above it; run doctool inside a project "
        "that has one, create glossary/, or pass --glossary DIR"
    )


def terms_path(glossary_dir: Path) -> Path:
    """The term-base file of a glossary folder."""
    return Path(glossary_dir) / TERMS_FILE


# --- reading ---------------------------------------------------------------------------------


def decode(data: bytes, where: str) -> tuple[str, bool]:
    """UTF-8 bytes to text, and whether they began with a byte-order mark (which is dropped)."""
    bom = data.startswith(codecs.BOM_UTF8)
    if bom:
        data = data[len(codecs.BOM_UTF8) :]
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise TermFileError(Problem(where, None, "the file is UTF-16 text; re-save it as UTF-8"))
    try:
        return data.decode("utf-8"), bom
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TermFileError(
            Problem(
                where,
                line,
                f"not valid UTF-8 (byte 0x{data[exc.start]:02X}); re-save the file as UTF-8",
            )
        ) from None


def _body(line: str) -> str:
    return line.rstrip("\r\n")


def _ending(line: str) -> str:
    return line[len(_body(line)) :]


def _skipped(body: str) -> bool:
    stripped = body.strip()
    return not stripped or stripped.startswith("#")


def _no_tab_hint(body: str) -> str:
    for mark, name in ((",", "comma"), (";", "semicolon"), ("|", "bar")):
        if mark in body:
            return f" (this row looks {name}-separated)"
    if " " in body.strip():
        return " (an editor may have turned the tabs into spaces)"
    return ""


@dataclass
class TermTable:
    """terms.tsv as a list of lines (endings included), so an edit changes only its rows."""

    where: str
    lines: list[str]
    bom: bool = False
    #: index in ``lines`` of the header row; None while the file has none
    header: int | None = None
    columns: tuple[str, ...] = COLUMNS

    @classmethod
    def parse(cls, data: bytes, where: str) -> TermTable:
        """Split a terms.tsv file into lines and check its header; refuse what cannot be read."""
        text, bom = decode(data, where)
        lines: list[str] = _LINE.findall(text)
        for index, line in enumerate(lines):
            body = _body(line)
            if _skipped(body):
                continue
            columns = tuple(cell.strip() for cell in body.split("\t"))
            if len(columns) == 1:
                raise TermFileError(
                    Problem(
                        where,
                        index + 1,
                        f"the header has no tab; {TERMS_FILE} is tab-separated and starts with "
                        f"the header {_HEADER_HINT}{_no_tab_hint(body)}; to bring in a CSV file "
                        "use `doctool glossary import FILE`",
                    )
                )
            if columns[: len(COLUMNS)] != COLUMNS:
                raise TermFileError(
                    Problem(
                        where,
                        index + 1,
                        f"the header must start with {_HEADER_HINT}, not "
                        f"{'<TAB>'.join(columns[: len(COLUMNS)])}; fix the first row",
                    )
                )
            return cls(where, lines, bom, index, columns)
        return cls(where, lines, bom)

    @property
    def newline(self) -> str:
        """The line ending new rows get: the header's, else the first line's, else LF."""
        order = ([self.header] if self.header is not None else []) + list(range(len(self.lines)))
        for index in order:
            ending = _ending(self.lines[index])
            if ending:
                return ending
        return "\n"

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(line index, raw cells) of every data row, in file order."""
        if self.header is None:
            return
        for index in range(self.header + 1, len(self.lines)):
            body = _body(self.lines[index])
            if not _skipped(body):
                yield index, body.split("\t")

    def cells(self, index: int) -> list[str]:
        """The raw cells of line ``index``, padded to at least the five known columns."""
        cells = _body(self.lines[index]).split("\t")
        return cells + [""] * (len(COLUMNS) - len(cells))

    def set_cells(self, index: int, cells: Sequence[str]) -> None:
        """Rewrite line ``index`` with ``cells``, keeping its line ending."""
        self.lines[index] = "\t".join(cells) + _ending(self.lines[index])

    def delete(self, index: int) -> None:
        """Drop line ``index``."""
        del self.lines[index]

    def append(self, cells: Sequence[str]) -> int:
        """Add a row at the end (and the header first if the file has none); its line index."""
        newline = self.newline
        if self.lines and not _ending(self.lines[-1]):
            self.lines[-1] += newline
        if self.header is None:
            self.lines.append("\t".join(COLUMNS) + newline)
            self.header = len(self.lines) - 1
            self.columns = COLUMNS
        self.lines.append("\t".join(cells) + newline)
        return len(self.lines) - 1

    def to_bytes(self) -> bytes:
        """The file's bytes: untouched lines exactly as read."""
        data = "".join(self.lines).encode("utf-8")
        return codecs.BOM_UTF8 + data if self.bom else data


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def split_forbidden(cell: str) -> tuple[str, ...]:
    """The renderings of a ``forbidden`` cell, in order, without blanks."""
    return tuple(part.strip() for part in cell.split("|") if part.strip())


def _dedupe(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


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
        zh, en, kind = _nfc(zh_cell.strip()), en_cell.strip(), kind_cell.strip()
        if not zh:
            report("the zh cell is empty; fill it in or delete the row")
            continue
        if not en:
            report(f"{zh} has no English (the en cell is empty); give it or delete the row")
            continue
        if any(_CONTROL.search(cell) for cell in row.cells):
            report(f"{zh}: a cell holds a control character; delete it")
            continue
        if kind not in _KIND_OF:
            said = f"unknown kind {kind!r}" if kind else "no kind"
            report(f"{zh} has {said}; use one of {', '.join(KINDS)}")
            continue
        listed = split_forbidden(forbidden_cell)
        forbidden = tuple(_dedupe(listed))
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
        term = Term(zh, en, _KIND_OF[kind], note_cell.strip(), forbidden)
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
    _raise_first(scan.problems)
    return scan.terms


def _table_rows(table: TermTable) -> tuple[list[Row], list[Problem]]:
    rows: list[Row] = []
    problems: list[Problem] = []
    if table.header is None:
        problems.append(
            Problem(table.where, None, f"has no header row; its first row must be {_HEADER_HINT}")
        )
    width = len(table.columns)
    for index, cells in table.rows():
        line = index + 1
        if len(cells) == 1:
            problems.append(
                Problem(
                    table.where,
                    line,
                    f"the row has no tab; cells are separated by tabs{_no_tab_hint(cells[0])}",
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


def _scan_table(table: TermTable) -> _Scan:
    rows, problems = _table_rows(table)
    scan = _scan_rows(rows, table.where)
    scan.problems = sorted(problems + scan.problems, key=lambda p: p.line or 0)
    return scan


def _raise_first(problems: Sequence[Problem]) -> None:
    errors = [problem for problem in problems if problem.severity == "error"]
    if errors:
        more = len(errors) - 1
        tail = f" ({more} more: run `doctool glossary check`)" if more else ""
        raise GlossaryError(f"{errors[0]}{tail}")


def _read_bytes(path: Path, where: str) -> bytes:
    if not path.exists():
        raise GlossaryError(
            f"{where}: no such file; start it with `doctool glossary add ZH EN --kind KIND` "
            "or `doctool glossary import FILE`"
        )
    if path.is_dir():
        raise GlossaryError(f"{where} is a folder; the term base is a file ({TERMS_FILE})")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"{where}: cannot read ({exc.strerror}); check its permissions") from None


def _read_table(path: Path) -> TermTable:
    where = display_path(path)
    return TermTable.parse(_read_bytes(path, where), where)


def load_termbase(path: Path, strict: bool = True) -> TermBase:
    """Read terms.tsv; refuse it, naming file:line, if any row is wrong (unless not ``strict``)."""
    path = Path(path)
    scan = _scan_table(_read_table(path))
    if strict:
        _raise_first(scan.problems)
    return TermBase(tuple(scan.terms), path)


def check_termbase(path: Path) -> list[Problem]:
    """Every problem in terms.tsv, errors and warnings, in line order (none: all is well)."""
    path = Path(path)
    try:
        table = _read_table(path)
    except TermFileError as exc:
        return [exc.problem]
    scan = _scan_table(table)
    problems = scan.problems + nesting_problems(scan.terms, table.where, scan.lines)
    return sorted(problems, key=lambda p: p.line or 0)


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text.casefold()).strip()


def nesting_problems(
    terms: Sequence[Term], where: str, lines: dict[str, int | None] | None = None
) -> list[Problem]:
    """A term nested in a longer one whose English does not carry the shorter term's English."""
    # imported here because matching builds on Term from this module
    from doctool.translate.matching import TermMatcher

    lines = lines or {}
    nested = [term for term in terms if term.kind in NESTED_KINDS]
    matcher = TermMatcher(nested)
    problems: list[Problem] = []
    for outer in nested:
        inners = _dedupe(match.term.zh for match in matcher.find_all(outer.zh))
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


# --- editing ---------------------------------------------------------------------------------


def _lock(path: Path) -> filelock.BaseFileLock:
    return filelock.FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT)


def edit_termbase(path: Path, change: Callable[[TermTable], _T]) -> _T:
    """Apply ``change`` to terms.tsv under its lock; write the result atomically if it is valid."""
    path = Path(path)
    where = display_path(path)
    started = time.time()
    try:
        with _lock(path):
            # an editor killed mid-write leaves its temporary file; under the lock it is stale
            clean_stale_temp(path.parent, before=started, of=path.name)
            # re-read inside the lock: another editor may have written since we last looked
            data = _read_bytes(path, where) if path.exists() else b""
            table = TermTable.parse(data, where)
            result = change(table)
            new = table.to_bytes()
            if new != data:
                problems = _scan_table(TermTable.parse(new, where)).problems
                errors = [problem for problem in problems if problem.severity == "error"]
                if errors:
                    raise GlossaryError(f"{errors[0]}; nothing was changed")
                atomic_write_bytes(path, new)
    except filelock.Timeout:
        raise GlossaryError(
            f"{where} is being edited by another doctool (its lock {where}.lock was held for "
            f"{LOCK_TIMEOUT:.0f} s); try again when that has finished"
        ) from None
    except OSError as exc:
        raise GlossaryError(
            f"cannot lock {where} for editing ({exc.strerror or exc}); check that its folder "
            "exists and is writable"
        ) from None
    return result


def parse_kind(kind: str) -> TermKind:
    """``kind`` as a TermKind; refuse an unknown one, listing those allowed."""
    found = _KIND_OF.get(kind.strip())
    if found is None:
        raise GlossaryError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    return found


def _shell_word(word: str) -> str:
    """``word`` quoted for a shell only when it needs it (shlex quotes all non-ASCII)."""
    return word if _SHELL_SAFE.fullmatch(word) else shlex.quote(word)


def _clean_cell(value: str, what: str, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise GlossaryError(f"the {what} is empty; give one")
    if "\t" in value or "\n" in value or "\r" in value or _CONTROL.search(value):
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
    forbidden = _dedupe(_clean_rendering(item) for item in term.forbidden)
    en = _clean_rendering(term.en)
    return Term(
        zh=_nfc(_clean_cell(term.zh, "Chinese term")),
        en=en,
        kind=parse_kind(term.kind),
        note=_clean_cell(term.note, "note", required=False),
        forbidden=tuple(item for item in forbidden if item != en),
    )


def _cells_of(term: Term, width: int) -> list[str]:
    cells = [term.zh, term.en, term.kind, term.note, FORBIDDEN_SEPARATOR.join(term.forbidden)]
    return cells + [""] * (width - len(cells))


def _rows_for(table: TermTable, zh: str) -> list[int]:
    return [index for index, cells in table.rows() if _nfc(cells[0].strip()) == zh]


def add_term(path: Path, term: Term) -> Term:
    """Append ``term`` to terms.tsv; refuse a Chinese term that is already there."""
    term = clean_term(term)

    def change(table: TermTable) -> None:
        existing = _rows_for(table, term.zh)
        if existing:
            index = existing[0]
            raise GlossaryError(
                f"{term.zh} is already in {table.where} (line {index + 1}, "
                f"{table.cells(index)[1].strip()!r}); change its rendering with "
                f"`doctool glossary set {_shell_word(term.zh)} EN`"
            )
        table.append(_cells_of(term, len(table.columns)))

    edit_termbase(path, change)
    return term


def _set_row(table: TermTable, zh: str, en: str) -> tuple[str, Term]:
    """Give ``zh`` the rendering ``en`` in ``table``; the old one moves to forbidden."""
    found = _rows_for(table, zh)
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
    forbidden = [item for item in _dedupe(forbidden) if item and item != en]
    cells[1] = en
    cells[4] = FORBIDDEN_SEPARATOR.join(forbidden)
    table.set_cells(first, cells)
    for index in reversed(others):
        table.delete(index)
    kind = _KIND_OF.get(cells[2].strip(), "term")
    return old, Term(zh, en, kind, cells[3].strip(), tuple(forbidden))


def set_rendering(path: Path, zh: str, en: str) -> tuple[str, Term]:
    """Give ``zh`` the rendering ``en``; the old one moves to forbidden. (old English, new term)."""
    zh = _nfc(_clean_cell(zh, "Chinese term"))
    en = _clean_rendering(en)
    return edit_termbase(path, lambda table: _set_row(table, zh, en))


@dataclass(frozen=True)
class SetResult:
    """What ``set_everywhere`` changed: the term, its old English, and longer terms updated."""

    old: str
    term: Term
    cascaded: tuple[tuple[str, str, str], ...] = ()


def set_everywhere(path: Path, zh: str, en: str) -> SetResult:
    """Like :func:`set_rendering`, and update longer terms that spell out the old rendering.

    两江新区党工委 "Liangjiang New Area Party Working Committee" follows a change of 两江新区
    to "Liangjiang New Zone", so no term keeps the outdated rendering; each longer term's old
    English becomes one of its forbidden renderings. One lock, one atomic write.
    """
    zh = _nfc(_clean_cell(zh, "Chinese term"))
    en = _clean_rendering(en)

    def change(table: TermTable) -> SetResult:
        old, term = _set_row(table, zh, en)
        cascaded: list[tuple[str, str, str]] = []
        if old and old != en:
            for _, cells in list(table.rows()):
                longer = _nfc(cells[0].strip())
                if longer == zh or zh not in longer or old not in cells[1]:
                    continue
                before = cells[1].strip()
                _set_row(table, longer, before.replace(old, en))
                cascaded.append((longer, before, before.replace(old, en)))
        return SetResult(old, term, tuple(cascaded))

    return edit_termbase(path, change)


def remove_term(path: Path, zh: str) -> tuple[str, ...]:
    """Delete every row for ``zh``; the English renderings they had."""
    zh = _nfc(_clean_cell(zh, "Chinese term"))

    def change(table: TermTable) -> tuple[str, ...]:
        found = _rows_for(table, zh)
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
        rows: dict[str, int] = {}
        for index, cells in table.rows():
            rows.setdefault(_nfc(cells[0].strip()), index)
        added: list[Term] = []
        replaced: list[Term] = []
        updated: list[Term] = []
        conflicts: list[Conflict] = []
        unchanged = 0
        for term in incoming:
            found = rows.get(term.zh)
            if found is None:
                rows[term.zh] = table.append(_cells_of(term, len(table.columns)))
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
            cells[4] = FORBIDDEN_SEPARATOR.join(x for x in _dedupe(forbidden) if x != term.en)
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


# --- CSV and TSV exchange --------------------------------------------------------------------


def _column_index(header: Sequence[str], where: str, separator: str) -> dict[str, int]:
    names = [cell.strip().lower() for cell in header]
    if names[:4] != list(COLUMNS[:4]):
        hint = ""
        if len(names) == 1:
            hint = _no_tab_hint(header[0]) if separator == "tab" else " (is it tab-separated?)"
        raise GlossaryError(
            f"{where}:1: the header must start with zh, en, kind, note ({separator}-separated)"
            f"{hint}; fix the first row"
        )
    return {name: index for index, name in reversed(list(enumerate(names)))}


def _rows_of_table(table: Iterable[tuple[int, list[str]]], where: str, separator: str) -> list[Term]:
    rows: list[Row] = []
    columns: dict[str, int] | None = None
    width = 0
    for line, cells in table:
        if not any(cell.strip() for cell in cells) or cells[0].lstrip().startswith("#"):
            continue
        if columns is None:
            columns = _column_index(cells, where, separator)
            width = len(cells)
            continue
        if len(cells) > width:
            raise GlossaryError(
                f"{where}:{line}: the row has {len(cells)} cells but the header has {width}; fix the row"
            )
        values = [
            cells[columns[name]] if name in columns and columns[name] < len(cells) else "" for name in COLUMNS
        ]
        rows.append(Row((values[0], values[1], values[2], values[3], values[4]), line))
    if columns is None:
        raise GlossaryError(f"{where} has no header row; its first row must be zh, en, kind, note")
    return terms_from_rows(rows, where)


def parse_csv(data: bytes, where: str) -> list[Term]:
    """The terms of a CSV file whose header starts ``zh,en,kind,note``; refuse a bad row."""
    text, _ = decode(data, where)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        table = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        raise GlossaryError(f"{where}:{reader.line_num}: {exc}; fix the quoting") from None
    return _rows_of_table(table, where, "comma")


def parse_tsv(data: bytes, where: str) -> list[Term]:
    """The terms of a TSV file whose header starts ``zh en kind note``; refuse a bad row."""
    text, _ = decode(data, where)
    lines = enumerate(_LINE.findall(text), start=1)
    table = [(number, _body(line).split("\t")) for number, line in lines]
    return _rows_of_table(table, where, "tab")


def _export_rows(terms: Iterable[Term]) -> Iterator[list[str]]:
    yield list(COLUMNS)
    for term in terms:
        yield _cells_of(term, len(COLUMNS))


def dump_csv(terms: Iterable[Term]) -> str:
    """Terms as CSV with the header ``zh,en,kind,note,forbidden``."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(_export_rows(terms))
    return buffer.getvalue()


def dump_tsv(terms: Iterable[Term]) -> str:
    """Terms as TSV with the header ``zh en kind note forbidden`` (the terms.tsv layout)."""
    return "".join("\t".join(row) + "\n" for row in _export_rows(terms))
