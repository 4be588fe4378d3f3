"""Term bases in and out of doctool: CSV, TSV and TBX files.

CSV and TSV files start with the header ``zh,en,kind,note`` (more columns may follow, such as
``forbidden`` and ``scope``; a ``layer`` column, written by ``glossary list``, is ignored).
TBX is TBX-Basic (TermBase eXchange, ISO 30042:2019), DCA style: one ``conceptEntry`` per term,
the kind as ``descrip type="subjectField"``, the note as ``note``, the Chinese term in a
``zh-CN`` language section, the approved English as the preferred term and every forbidden
rendering as a deprecated one; a scope (``place:重庆``) is the Chinese term's
``geographicalUsage``. Reading also accepts the older TBX 2 layout
(``martif``/``termEntry``/``langSet``/``tig``).

XML is parsed only with defusedxml, which refuses DTDs and entity declarations: a term base
received from elsewhere must never make doctool expand entities or fetch external files.
Imported rows are checked by the term-base rules (:func:`~doctool.glossary.validation.terms_from_rows`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape, quoteattr

from doctool import safexml
from doctool.errors import GlossaryError
from doctool.glossary.termfile import (
    COLUMNS,
    SCOPE,
    cells_of,
    decode,
    line_body,
    no_tab_hint,
    split_lines,
)
from doctool.glossary.terms import FORBIDDEN_SEPARATOR, KINDS, SCOPE_SEPARATOR, Term
from doctool.glossary.validation import Row, terms_from_rows

# --- CSV and TSV -----------------------------------------------------------------------------


def _column_index(header: Sequence[str], where: str, separator: str) -> dict[str, int]:
    names = [cell.strip().lower() for cell in header]
    if names[:4] != list(COLUMNS[:4]):
        hint = ""
        if len(names) == 1:
            hint = no_tab_hint(header[0]) if separator == "tab" else " (is it tab-separated?)"
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
        at = columns.get(SCOPE)
        scope = cells[at] if at is not None and at < len(cells) else ""
        rows.append(Row((values[0], values[1], values[2], values[3], values[4]), line, scope=scope))
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
    lines = enumerate(split_lines(text), start=1)
    table = [(number, line_body(line).split("\t")) for number, line in lines]
    return _rows_of_table(table, where, "tab")

def _export_rows(terms: Iterable[Term], layers: bool = False) -> Iterator[list[str]]:
    terms = list(terms)
    # a scope column only where some term has a scope, so a plain term base stays five columns
    columns = [*COLUMNS, *([SCOPE] if any(term.scope for term in terms) else [])]
    scope_at = len(COLUMNS) if len(columns) > len(COLUMNS) else None
    yield [*columns, *(["layer"] if layers else [])]
    for term in terms:
        yield cells_of(term, len(columns), scope_at) + ([term.layer] if layers else [])


def dump_csv(terms: Iterable[Term]) -> str:
    """Terms as CSV with the header ``zh,en,kind,note,forbidden`` (then ``scope`` if any)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(_export_rows(terms))
    return buffer.getvalue()


def dump_tsv(terms: Iterable[Term], layers: bool = False) -> str:
    """Terms as TSV with the header ``zh en kind note forbidden`` (the terms.tsv layout).

    A ``scope`` column follows if any term has a scope, and with ``layers`` a ``layer`` column
    naming the layer each term comes from.
    """
    return "".join("\t".join(row) + "\n" for row in _export_rows(terms, layers))


# --- TBX -------------------------------------------------------------------------------------

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
# administrative statuses (TBX 3 and TBX 2 spellings) that mark a rendering not to be used
_NOT_TO_USE = ("deprecated", "superseded", "obsolete", "notrecommended", "forbidden")
_ENTRIES = ("conceptEntry", "termEntry")
_LANGUAGES = ("langSec", "langSet")
_TERM_SECTIONS = ("termSec", "tig", "ntig")


def _term_section(term: str, status: str, places: Sequence[str] = ()) -> list[str]:
    # a scope (place:重庆) is where the Chinese term has this meaning: TBX's geographical usage
    usage = [f'          <termNote type="geographicalUsage">{escape(p)}</termNote>' for p in places]
    return [
        "        <termSec>",
        f"          <term>{escape(term)}</term>",
        '          <termNote type="partOfSpeech">noun</termNote>',
        f'          <termNote type="administrativeStatus">{status}</termNote>',
        *usage,
        "        </termSec>",
    ]


def _entry(number: int, term: Term) -> Iterator[str]:
    yield f"    <conceptEntry id={quoteattr(f'c{number}')}>"
    yield f'      <descrip type="subjectField">{term.kind}</descrip>'
    if term.note:
        yield f"      <note>{escape(term.note)}</note>"
    yield '      <langSec xml:lang="zh-CN">'
    yield from _term_section(term.zh, PREFERRED, term.scope)
    yield "      </langSec>"
    yield '      <langSec xml:lang="en">'
    yield from _term_section(term.en, PREFERRED)
    for rendering in term.forbidden:
        yield from _term_section(rendering, DEPRECATED)
    yield "      </langSec>"
    yield "    </conceptEntry>"


def dump_tbx(terms: Iterable[Term]) -> str:
    """Terms as a TBX-Basic (TBX v3, DCA) document."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{NAMESPACE}">',
        "  <tbxHeader>",
        "    <fileDesc>",
        "      <sourceDesc>",
        "        <p>doctool term base (zh-CN to en)</p>",
        "      </sourceDesc>",
        "    </fileDesc>",
        "  </tbxHeader>",
        "  <text>",
        "    <body>",
    ]
    for number, term in enumerate(terms, start=1):
        lines.extend("  " + line for line in _entry(number, term))
    lines += ["    </body>", "  </text>", "</tbx>"]
    return "\n".join(lines) + "\n"


def _children(element: Element, names: tuple[str, ...]) -> Iterator[Element]:
    return (child for child in element if safexml.local(child.tag) in names)


def _text(element: Element) -> str:
    return "".join(element.itertext()).strip()


def _note_of(element: Element, kind: str) -> str:
    """The text of ``termNote``/``descrip`` elements of type ``kind`` in ``element``."""
    for child in element.iter():
        if safexml.local(child.tag) in ("termNote", "descrip") and child.get("type") == kind:
            return _text(child)
    return ""


def _entry_row(entry: Element, label: str) -> list[Row]:
    subject = ""
    notes: list[str] = []
    for child in entry:
        if safexml.local(child.tag) == "note":
            notes.append(_text(child))
        elif safexml.local(child.tag) in ("descrip", "descripGrp") and not subject:
            subject = _note_of(child, "subjectField")
    chinese: list[str] = []
    scope: list[str] = []
    english: list[str] = []
    forbidden: list[str] = []
    for section in _children(entry, _LANGUAGES):
        language = (section.get(_XML_LANG) or section.get("lang") or "").lower()
        for term_section in _children(section, _TERM_SECTIONS):
            found = next((e for e in term_section.iter() if safexml.local(e.tag) == "term"), None)
            text = _text(found) if found is not None else ""
            if not text:
                continue
            status = _note_of(term_section, "administrativeStatus").lower().replace("-", "")
            retired = status.startswith(_NOT_TO_USE)
            if language.startswith("zh") and not retired:
                chinese.append(text)
                scope += [
                    _text(note) for note in term_section.iter()
                    if safexml.local(note.tag) == "termNote" and note.get("type") == "geographicalUsage"
                ]
            elif language.startswith("en"):
                (forbidden if retired else english).append(text)
    # an entry from another tool may carry a domain ("economics") where doctool keeps the kind
    kind = subject if subject in KINDS else "term"
    en = english[0] if english else ""
    note = "; ".join(note for note in notes if note)
    cells = (kind, note, FORBIDDEN_SEPARATOR.join(forbidden))
    if not chinese:
        chinese = [""]
    where = SCOPE_SEPARATOR.join(scope)
    return [Row((zh, en, *cells), label=f"entry {label}: ", scope=where) for zh in chinese]


def parse_tbx(data: bytes, where: str) -> list[Term]:
    """The terms of a TBX file (v3 or v2); refuse DTDs, entities and malformed entries."""
    root = safexml.parse(data, where, GlossaryError, kind="TBX",
                         fix="fix it or export the file again")
    if safexml.local(root.tag) not in ("tbx", "martif"):
        raise GlossaryError(
            f"{where} is XML but not TBX (its root element is <{safexml.local(root.tag)}>); "
            "give a .tbx file, or a CSV or TSV file"
        )
    rows: list[Row] = []
    for number, entry in enumerate(
        (element for element in root.iter() if safexml.local(element.tag) in _ENTRIES), start=1
    ):
        rows.extend(_entry_row(entry, entry.get("id") or str(number)))
    return terms_from_rows(rows, where)
