"""The character maps of the bundled fonts, as ``tools/convert_fonts.py`` recorded them.

fontTools reads each font's cmap once, at conversion time; at run time the map is a small JSON
file beside the font, so neither the font writer nor the glyph check parses TrueType tables.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

from doctool.errors import RenderError


@dataclass(frozen=True)
class CharacterMap:
    """A font's character map as ``tools/convert_fonts.py`` recorded it with fontTools."""

    #: the font file's checksum (its head table's checkSumAdjustment), to tell the map of this
    #: very file from another's
    checksum: int
    #: the format of the cmap subtable reportlab reads (4 or 12 in the bundled fonts)
    format: int
    #: (first character, last character, first glyph): consecutive characters drawn by
    #: consecutive glyphs, in character order; characters without a glyph are left out
    runs: tuple[tuple[int, int, int], ...]


def map_path(font_file: Path) -> Path:
    """Where the character map of the font file ``font_file`` is kept: beside it, ``.json``."""
    return font_file.with_suffix(".json")


@functools.cache
def read_character_map(font_file: Path) -> CharacterMap:
    """The recorded character map of ``font_file``; a :class:`RenderError` if it is missing."""
    path = map_path(font_file)
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        return CharacterMap(
            int(record["checksum"]), int(record["format"]),
            tuple((int(first), int(last), int(glyph)) for first, last, glyph in record["cmap"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise RenderError(
            f"the character map {path.name} of bundled font {font_file.name} cannot be read ({exc});"
            " reinstall doctool or run tools/convert_fonts.py to make it again"
        ) from None


