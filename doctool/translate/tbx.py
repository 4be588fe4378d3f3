"""Term bases in TBX (TermBase eXchange, ISO 30042:2019), TBX-Basic dialect, DCA style.

One ``conceptEntry`` per term: the kind as ``descrip type="subjectField"``, the note as
``note``, the Chinese term in a ``zh-CN`` language section, the approved English as the
preferred term and every forbidden rendering as a deprecated one. Reading also accepts the older
TBX 2 layout (``martif``/``termEntry``/``langSet``/``tig``).

XML is parsed only with defusedxml, which refuses DTDs and entity declarations: a term base
received from elsewhere must never make doctool expand entities or fetch external files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from xml.etree.ElementTree import Element, ParseError
from xml.sax.saxutils import escape, quoteattr

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from doctool.errors import GlossaryError
from doctool.translate.glossary import FORBIDDEN_SEPARATOR, KINDS, Row, Term, terms_from_rows

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
PREFERRED = "preferredTerm-admn-sts"
DEPRECATED = "deprecatedTerm-admn-sts"
# administrative statuses (TBX 3 and TBX 2 spellings) that mark a rendering not to be used
_NOT_TO_USE = ("deprecated", "superseded", "obsolete", "notrecommended", "forbidden")
_ENTRIES = ("conceptEntry", "termEntry")
_LANGUAGES = ("langSec", "langSet")
_TERM_SECTIONS = ("termSec", "tig", "ntig")


def _term_section(term: str, status: str) -> list[str]:
    return [
        "        <termSec>",
        f"          <term>{escape(term)}</term>",
        '          <termNote type="partOfSpeech">noun</termNote>',
        f'          <termNote type="administrativeStatus">{status}</termNote>',
        "        </termSec>",
    ]


def _entry(number: int, term: Term) -> Iterator[str]:
    yield f"    <conceptEntry id={quoteattr(f'c{number}')}>"
    yield f'      <descrip type="subjectField">{term.kind}</descrip>'
    if term.note:
        yield f"      <note>{escape(term.note)}</note>"
    yield '      <langSec xml:lang="zh-CN">'
    yield from _term_section(term.zh, PREFERRED)
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


def _local(element: Element) -> str:
    return str(element.tag).rpartition("}")[2]


def _children(element: Element, names: tuple[str, ...]) -> Iterator[Element]:
    return (child for child in element if _local(child) in names)


def _text(element: Element) -> str:
    return "".join(element.itertext()).strip()


def _note_of(element: Element, kind: str) -> str:
    """The text of ``termNote``/``descrip`` elements of type ``kind`` in ``element``."""
    for child in element.iter():
        if _local(child) in ("termNote", "descrip") and child.get("type") == kind:
            return _text(child)
    return ""


def _entry_row(entry: Element, label: str) -> list[Row]:
    subject = ""
    notes: list[str] = []
    for child in entry:
        if _local(child) == "note":
            notes.append(_text(child))
        elif _local(child) in ("descrip", "descripGrp") and not subject:
            subject = _note_of(child, "subjectField")
    chinese: list[str] = []
    english: list[str] = []
    forbidden: list[str] = []
    for section in _children(entry, _LANGUAGES):
        language = (section.get(_XML_LANG) or section.get("lang") or "").lower()
        for term_section in _children(section, _TERM_SECTIONS):
            found = next((e for e in term_section.iter() if _local(e) == "term"), None)
            text = _text(found) if found is not None else ""
            if not text:
                continue
            status = _note_of(term_section, "administrativeStatus").lower().replace("-", "")
            retired = status.startswith(_NOT_TO_USE)
            if language.startswith("zh") and not retired:
                chinese.append(text)
            elif language.startswith("en"):
                (forbidden if retired else english).append(text)
    # an entry from another tool may carry a domain ("economics") where doctool keeps the kind
    kind = subject if subject in KINDS else "term"
    en = english[0] if english else ""
    note = "; ".join(note for note in notes if note)
    cells = (kind, note, FORBIDDEN_SEPARATOR.join(forbidden))
    if not chinese:
        chinese = [""]
    return [Row((zh, en, *cells), label=f"entry {label}: ") for zh in chinese]


def parse_tbx(data: bytes, where: str) -> list[Term]:
    """The terms of a TBX file (v3 or v2); refuse DTDs, entities and malformed entries."""
    try:
        root = fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise GlossaryError(
            f"{where} declares a DTD or entities (<!DOCTYPE ...>); doctool never expands XML "
            "entities, so remove the DOCTYPE block and import again"
        ) from None
    except ParseError as exc:
        line, column = exc.position
        raise GlossaryError(
            f"{where}:{line}: not well-formed XML (column {column + 1}); fix it or export the file again"
        ) from None
    if _local(root) not in ("tbx", "martif"):
        raise GlossaryError(
            f"{where} is XML but not TBX (its root element is <{_local(root)}>); "
            "give a .tbx file, or a CSV or TSV file"
        )
    rows: list[Row] = []
    for number, entry in enumerate(
        (element for element in root.iter() if _local(element) in _ENTRIES), start=1
    ):
        rows.extend(_entry_row(entry, entry.get("id") or str(number)))
    return terms_from_rows(rows, where)
