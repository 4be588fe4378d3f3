"""The translation memory: approved English for Chinese segments, kept in ``glossary/memory.tmx``.

The file is TMX 1.4b (source language zh-CN, target en), read with defusedxml so that a file
with a DTD or entity declarations is refused rather than expanded. Lookups are exact matches on
a normalised key: NFC, with every space (half-width and full-width) removed, so a segment
re-extracted with different spacing still finds its translation. Saving is atomic and
deterministic: units keep the order of the file, new ones are appended.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape, quoteattr

from doctool import __version__, safexml
from doctool.errors import GlossaryError
from doctool.fsutil import atomic_write_text, clean_stale_temp, locked
from doctool.glossary.matcher import rewrite_rendering

MEMORY_FILE = "memory.tmx"
#: seconds to wait for another editor of the memory before giving up
LOCK_TIMEOUT = 30.0
SOURCE_LANG = "zh-CN"
TARGET_LANG = "en"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# characters XML 1.0 cannot carry at all
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def memory_path(glossary_dir: Path) -> Path:
    """Where the translation memory of a glossary folder lives."""
    return Path(glossary_dir) / MEMORY_FILE


@contextmanager
def memory_lock(path: Path) -> Iterator[None]:
    """Hold ``memory.tmx.lock`` around a load-edit-save of the memory at ``path``.

    Temporary files that an editor killed mid-save left behind are removed inside it.
    """
    path = Path(path)
    started = time.time()
    busy = GlossaryError(
        f"{path} is being edited by another doctool (its lock was held for "
        f"{LOCK_TIMEOUT:.0f} s); try again when that has finished"
    )
    with locked(Path(f"{path}.lock"), timeout=LOCK_TIMEOUT, busy=busy):
        clean_stale_temp(path.parent, before=started, of=path.name)
        yield


def normalize_key(zh: str) -> str:
    """The lookup key of a Chinese segment: NFC, every kind of space removed."""
    return "".join(unicodedata.normalize("NFC", zh).split())


@dataclass(frozen=True)
class Unit:
    """One translation unit: a Chinese segment, its approved English and any ``x-`` notes."""

    zh: str
    en: str
    props: tuple[tuple[str, str], ...] = ()


class Memory:
    """An ordered, editable set of translation units with exact lookup on the normalised key."""

    def __init__(self, units: Iterable[Unit] = (), path: Path | None = None) -> None:
        self.path = path
        self._units: dict[str, Unit] = {}
        for unit in units:
            self._put(unit, where=str(path) if path else "memory")

    # -- reading ---------------------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> Memory:
        """The memory in ``path``; a missing file is an empty memory that will be created there."""
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return cls(path=path)
        except IsADirectoryError:
            raise GlossaryError(
                f"{path} is a folder; the translation memory must be a TMX file"
            ) from None
        return cls(parse_tmx(raw, str(path)), path=path)

    def lookup(self, zh: str) -> str | None:
        """The approved English for ``zh``, or None when the memory has none."""
        unit = self._units.get(normalize_key(zh))
        return unit.en if unit is not None and unit.en else None

    def get(self, zh: str) -> Unit | None:
        """The unit for ``zh`` (matched on the normalised key), or None."""
        return self._units.get(normalize_key(zh))

    def __contains__(self, zh: object) -> bool:
        return isinstance(zh, str) and normalize_key(zh) in self._units

    def __iter__(self) -> Iterator[Unit]:
        return iter(self._units.values())

    def __len__(self) -> int:
        return len(self._units)

    # -- editing ---------------------------------------------------------------------------

    def add(self, zh: str, en: str) -> None:
        """Add a unit; refused when ``zh`` already has a different translation (use ``set``)."""
        existing = self.get(zh)
        if existing is not None and existing.en != en:
            raise GlossaryError(
                f"{self._name}: {zh} already translates as {existing.en!r}; "
                "replace it with set instead of add"
            )
        if existing is None:
            self._put(Unit(zh, en), where=self._name)

    def set(self, zh: str, en: str) -> None:
        """Add a unit or replace the English of an existing one (it keeps its place and notes)."""
        _check_text(zh, self._name)
        _check_text(en, self._name)
        key = normalize_key(zh)
        if not key:
            raise GlossaryError(f"{self._name}: a translation unit needs Chinese text")
        existing = self._units.get(key)
        self._units[key] = replace(existing, en=en) if existing else Unit(zh, en)

    def remove(self, zh: str) -> bool:
        """Remove the unit for ``zh``; False when there was none."""
        return self._units.pop(normalize_key(zh), None) is not None

    def replace_rendering(self, old_en: str, new_en: str) -> int:
        """Rewrite ``old_en`` as ``new_en`` in every unit's English; the number of units changed.

        Used when a glossary term's approved rendering changes, so that no approved
        translation keeps the outdated one. See :func:`rewrite_rendering` for the matching rules.
        """
        changed = 0
        for key, unit in self._units.items():
            en = rewrite_rendering(unit.en, old_en, new_en)
            if en != unit.en:
                self._units[key] = replace(unit, en=en)
                changed += 1
        return changed

    # -- writing ---------------------------------------------------------------------------

    def to_tmx(self) -> str:
        """The memory as TMX 1.4b text, the same bytes for the same units."""
        return to_tmx(tuple(self))

    def save(self, path: Path | None = None) -> None:
        """Write the memory to ``path`` (default: where it was loaded from), atomically."""
        target = path or self.path
        if target is None:
            raise GlossaryError("the translation memory has no file; give a path to save it to")
        atomic_write_text(Path(target), self.to_tmx())

    @property
    def _name(self) -> str:
        return str(self.path) if self.path else "memory"

    def _put(self, unit: Unit, where: str) -> None:
        _check_text(unit.zh, where)
        _check_text(unit.en, where)
        key = normalize_key(unit.zh)
        if not key:
            return
        existing = self._units.get(key)
        if existing is not None and existing.en != unit.en:
            raise GlossaryError(
                f"{where}: {unit.zh} is translated twice ({existing.en!r} and {unit.en!r}); "
                "keep one translation unit"
            )
        if existing is None:
            self._units[key] = unit


def _check_text(text: str, where: str) -> None:
    if _NOT_XML.search(text):
        raise GlossaryError(
            f"{where}: {text[:30]!r} holds control characters a TMX file cannot store; remove them"
        )


# -- TMX -------------------------------------------------------------------------------------


def _lang(tuv: Element) -> str:
    return (tuv.get(_XML_LANG) or tuv.get("lang") or "").lower()


def _seg_text(tuv: Element) -> str:
    seg = next((child for child in tuv if safexml.local(child.tag) == "seg"), None)
    # inline markup (<ph>, <bpt>) carries no text of its own worth keeping
    return "".join(seg.itertext()) if seg is not None else ""


def parse_tmx(raw: bytes, name: str = MEMORY_FILE) -> list[Unit]:
    """The translation units of a TMX document; GlossaryError if it is unsafe or not TMX."""
    if not raw.strip():
        raise GlossaryError(
            f"{name}: the file is empty, which is not well-formed TMX; delete it to start an "
            "empty memory, or restore it from version control"
        )
    root = safexml.parse(raw, name, GlossaryError, kind="TMX",
                         fix="fix the file or restore it from version control")
    if safexml.local(root.tag) != "tmx":
        raise GlossaryError(
            f"{name}: not a TMX file (the root element is <{safexml.local(root.tag)}>, not <tmx>); "
            "replace it with a TMX 1.4 translation memory or move it aside to start an empty one"
        )
    body = next((child for child in root if safexml.local(child.tag) == "body"), None)
    if body is None:
        raise GlossaryError(f"{name}: the TMX file has no <body>; add <body></body> after <header>")
    units: list[Unit] = []
    for tu in body:
        if safexml.local(tu.tag) != "tu":
            continue
        zh = en = None
        props: list[tuple[str, str]] = []
        for child in tu:
            tag = safexml.local(child.tag)
            if tag == "tuv":
                lang = _lang(child)
                if lang.startswith("zh") and zh is None:
                    zh = _seg_text(child)
                elif lang.startswith("en") and en is None:
                    en = _seg_text(child)
            elif tag in ("prop", "note"):
                kind = child.get("type", "") if tag == "prop" else "note"
                props.append((kind, child.text or ""))
        if zh is None:
            continue  # a unit without Chinese cannot be looked up
        units.append(Unit(zh, en or "", tuple(props)))
    return units


def to_tmx(units: tuple[Unit, ...]) -> str:
    """TMX 1.4b text holding ``units`` in the order given."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f'  <header creationtool="doctool" creationtoolversion={quoteattr(__version__)} '
        f'datatype="plaintext" segtype="sentence" adminlang="en" srclang="{SOURCE_LANG}" '
        'o-tmf="doctool"/>',
        "  <body>",
    ]
    for unit in units:
        lines.append("    <tu>")
        for kind, value in unit.props:
            if kind == "note":
                lines.append(f"      <note>{_escape(value)}</note>")
            else:
                lines.append(f"      <prop type={quoteattr(kind)}>{_escape(value)}</prop>")
        lines.append(f'      <tuv xml:lang="{SOURCE_LANG}"><seg>{_escape(unit.zh)}</seg></tuv>')
        lines.append(f'      <tuv xml:lang="{TARGET_LANG}"><seg>{_escape(unit.en)}</seg></tuv>')
        lines.append("    </tu>")
    lines += ["  </body>", "</tmx>", ""]
    return "\n".join(lines)


def _escape(text: str) -> str:
    # a carriage return would come back as a newline; keep it as a character reference
    return escape(text).replace("\r", "&#13;")
