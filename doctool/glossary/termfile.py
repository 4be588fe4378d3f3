"""terms.tsv as lines of text, so that an edit rewrites only the rows it touches.

The file is UTF-8 and tab-separated, with the header ``zh en kind note forbidden`` (more columns
may follow). Comments (lines starting with ``#``) and blank lines are kept byte for byte by every
edit, and rows are never reordered.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from doctool.errors import GlossaryError
from doctool.glossary.folder import TERMS_FILE, display_path
from doctool.glossary.terms import FORBIDDEN_SEPARATOR, Term

#: the first columns of terms.tsv, in this order; more columns may follow
COLUMNS = ("zh", "en", "kind", "note", "forbidden")
HEADER_HINT = "zh<TAB>en<TAB>kind<TAB>note<TAB>forbidden"

Severity = Literal["error", "warning"]

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


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


def split_lines(text: str) -> list[str]:
    """The lines of ``text``, each with its own ending (LF, CRLF or CR; the last may have none)."""
    return _LINE.findall(text)


def line_body(line: str) -> str:
    """A line without its ending."""
    return line.rstrip("\r\n")


def _ending(line: str) -> str:
    return line[len(line_body(line)) :]


def _skipped(body: str) -> bool:
    stripped = body.strip()
    return not stripped or stripped.startswith("#")


def no_tab_hint(body: str) -> str:
    """A guess at why a row has no tab, for a message (`` (this row looks comma-separated)``)."""
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
        lines = split_lines(text)
        for index, line in enumerate(lines):
            body = line_body(line)
            if _skipped(body):
                continue
            columns = tuple(cell.strip() for cell in body.split("\t"))
            if len(columns) == 1:
                raise TermFileError(
                    Problem(
                        where,
                        index + 1,
                        f"the header has no tab; {TERMS_FILE} is tab-separated and starts with "
                        f"the header {HEADER_HINT}{no_tab_hint(body)}; to bring in a CSV file "
                        "use `doctool glossary import FILE`",
                    )
                )
            if columns[: len(COLUMNS)] != COLUMNS:
                raise TermFileError(
                    Problem(
                        where,
                        index + 1,
                        f"the header must start with {HEADER_HINT}, not "
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
            body = line_body(self.lines[index])
            if not _skipped(body):
                yield index, body.split("\t")

    def cells(self, index: int) -> list[str]:
        """The raw cells of line ``index``, padded to at least the five known columns."""
        cells = line_body(self.lines[index]).split("\t")
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


def read_bytes(path: Path, where: str) -> bytes:
    """The bytes of terms.tsv at ``path``; refuse a missing file, a folder or an unreadable one."""
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


def read_table(path: Path) -> TermTable:
    """terms.tsv at ``path``, parsed into its lines."""
    where = display_path(path)
    return TermTable.parse(read_bytes(path, where), where)


def cells_of(term: Term, width: int) -> list[str]:
    """The cells of a row for ``term``, padded with empty ones to ``width``."""
    cells = [term.zh, term.en, term.kind, term.note, FORBIDDEN_SEPARATOR.join(term.forbidden)]
    return cells + [""] * (width - len(cells))
