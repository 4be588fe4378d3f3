"""XLIFF 1.2, the file every CAT tool reads: a build's segments out, a translator's targets back.

This module holds the format only (units in, bytes out, and back); which units a build exports
and what an import may approve live in :mod:`doctool.exchange`. XLIFF 1.2 rather than 2.x
because it is what OmegaT, Trados, memoQ, Phrase and Okapi all read and write.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from doctool import safexml
from doctool.errors import ExchangeError
from doctool.model import Origin

NS = "urn:oasis:names:tc:xliff:document:1.2"
SOURCE_LANG = "zh-CN"
TARGET_LANG = "en"
#: states in which a target is the translator's and may be approved into the memory
APPROVED_STATES = frozenset({"translated", "final", "signed-off"})
#: every state XLIFF 1.2 defines; anything else is read as ``new``
STATES = frozenset({
    "new", "needs-translation", "needs-adaptation", "needs-l10n", "needs-review-translation",
    "needs-review-adaptation", "needs-review-l10n", "translated", "final", "signed-off",
})
_STATE_OF_ORIGIN: dict[str, str] = {
    "memory": "final",
    "fuzzy": "needs-review-translation",
    "mt": "needs-review-translation",
    "none": "new",
}


def state_of(origin: Origin | str) -> str:
    """The XLIFF state for a segment's origin: approved memory is final, MT needs review."""
    return _STATE_OF_ORIGIN.get(origin, "new")


@dataclass(frozen=True)
class Note:
    """A note on a unit; ``about`` says what it concerns (glossary, speaker, qa)."""

    about: str
    text: str


@dataclass(frozen=True)
class TransUnit:
    """One segment: its stable id, the Chinese, the current English and its state."""

    id: str
    source: str
    target: str = ""
    state: str = "new"
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True)
class XliffFile:
    """The units of one ``<file>`` with the languages and the name of the document they come from."""

    original: str
    units: tuple[TransUnit, ...]
    source_lang: str = SOURCE_LANG
    target_lang: str = TARGET_LANG


def to_xliff(document: XliffFile) -> bytes:
    """The XLIFF 1.2 bytes of ``document`` (UTF-8, indented, one trans-unit per segment)."""
    # the namespace declared before the version: OmegaT 3.6 recognises no other order
    root = Element("xliff", {"xmlns": NS, "version": "1.2"})
    file = SubElement(root, "file", {
        "original": document.original,
        "source-language": document.source_lang,
        "target-language": document.target_lang,
        "datatype": "plaintext",
    })
    body = SubElement(file, "body")
    for unit in document.units:
        element = SubElement(body, "trans-unit", {"id": unit.id})
        SubElement(element, "source").text = unit.source
        target = SubElement(element, "target", {"state": unit.state})
        target.text = unit.target
        for note in unit.notes:
            SubElement(element, "note", {"from": "doctool", "annotates": "general",
                                              "priority": "1" if note.about == "qa" else "2"}
                       ).text = f"{note.about}: {note.text}"
    indent(root, space=" ")
    body_xml = tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body_xml + "\n").encode("utf-8")


def _children(element: Element, tag: str) -> list[Element]:
    return [child for child in element if safexml.local(child.tag) == tag]


def _text(element: Element | None) -> str:
    # inline markup a CAT tool may add (<g>, <x/>, <mrk>) holds text worth keeping, tags none
    return "".join(element.itertext()) if element is not None else ""


def parse_xliff(raw: bytes, name: str) -> list[XliffFile]:
    """The files and units of an XLIFF 1.2 document; ExchangeError if it is unsafe or not XLIFF."""
    if not raw.strip():
        raise ExchangeError(f"{name}: the file is empty; export it again with `doctool xliff export`")
    root = safexml.parse(raw, name, ExchangeError, kind="XLIFF",
                         fix="save it again from the CAT tool or export a fresh one")
    if safexml.local(root.tag) != "xliff":
        raise ExchangeError(
            f"{name}: not an XLIFF file (the root element is <{safexml.local(root.tag)}>, not <xliff>)"
        )
    version = root.get("version", "")
    if not version.startswith("1."):
        raise ExchangeError(
            f"{name}: XLIFF version {version or '(none)'} is not read; save as XLIFF 1.2"
        )
    files = []
    for file in _children(root, "file"):
        units = []
        for body in _children(file, "body"):
            for element in body.iter():
                if safexml.local(element.tag) != "trans-unit":
                    continue
                unit_id = element.get("id", "")
                if not unit_id:
                    raise ExchangeError(f"{name}: a <trans-unit> has no id; export the file again")
                targets = _children(element, "target")
                target = targets[0] if targets else None
                state = target.get("state", "new") if target is not None else "new"
                units.append(TransUnit(
                    unit_id,
                    _text(next(iter(_children(element, "source")), None)),
                    _text(target),
                    state if state in STATES else "new",
                ))
        files.append(XliffFile(
            file.get("original", ""), tuple(units),
            file.get("source-language", ""), file.get("target-language", ""),
        ))
    if not files:
        raise ExchangeError(f"{name}: the XLIFF file holds no <file>; export it again")
    return files


def check_languages(files: Sequence[XliffFile], name: str) -> None:
    """Refuse a file whose language pair is not Chinese to English."""
    for file in files:
        source, target = file.source_lang.lower(), file.target_lang.lower()
        if not source.startswith("zh") or not target.startswith("en"):
            raise ExchangeError(
                f"{name}: translates {file.source_lang or '?'} to {file.target_lang or '?'}; "
                "doctool takes Chinese (zh) to English (en) only"
            )


def units_of(files: Iterable[XliffFile]) -> list[TransUnit]:
    """Every unit of every file, in document order."""
    return [unit for file in files for unit in file.units]
