"""reportlab's TrueType face for the CJK fonts, their character map and big tables read in bulk.

reportlab reads a font's character map, horizontal metrics and glyph locations one number at a
time in Python: about 0.15 s for each of the bundled CJK faces (32,000 characters, 31,600
glyphs) against 0.05 s here, and a build registers all three. With reportlab's own reading a
build took 1.07x as long in its fastest rounds and 1.31x in the median (side by side with
``make bench``), about 14% more CPU time, so this face earns its place.
:class:`QuickFace` lets reportlab read everything else (names, header, OS/2, post, hhea, maxp),
takes the character map from the one ``tools/convert_fonts.py`` recorded with fontTools (see
:func:`doctool.render.fontmaps.read_character_map`) and reads the two other tables with one
``struct`` call each, building the very same attributes, in the same order, as reportlab would.

Only a format 12 map (the CJK faces') is taken so: reportlab reads a format 4 map (the Latin
faces', 2,800 characters, 10 ms) with quirks of its own, such as the end marker U+FFFF mapped
to no glyph, and such a face is left to reportlab whole.
"""

from __future__ import annotations

import struct
from collections import Counter
from pathlib import Path
from typing import Any

from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFace


class QuickFace(TTFontFace):  # type: ignore[misc]
    """A ``TTFontFace`` whose character map is the recorded one and hmtx and loca are read in bulk."""

    # reportlab's method and argument names
    def extractInfo(self, charInfo: int = 1) -> None:
        """reportlab's ``extractInfo``, the same attributes, the big tables read in bulk."""
        from doctool.errors import RenderError
        from doctool.render.fontmaps import read_character_map

        try:
            recorded = read_character_map(Path(self.filename))
        except RenderError:
            recorded = None
        if not charInfo or recorded is None or recorded.format != 12:
            super().extractInfo(charInfo)
            return
        # reportlab reads the small tables and stops before the character information
        super().extractInfo(0)
        try:
            head = self.get_table_pos("head")[0]
            if struct.unpack_from(">L", self._ttf_data, head + 8)[0] != recorded.checksum:
                raise ValueError("the recorded map is another font's")
            self._char_info(recorded.runs)
        except (ValueError, struct.error, IndexError, KeyError):
            # a damaged file, or one the map was not made from: reportlab reads it, or says
            # what is wrong with it
            super().extractInfo(charInfo)

    def _char_info(self, runs: tuple[tuple[int, int, int], ...]) -> None:
        data: bytes = self._ttf_data
        head = self.get_table_pos("head")[0]
        index_to_loc_format, glyph_data_format = struct.unpack_from(">HH", data, head + 50)
        number_of_hmetrics = struct.unpack_from(">H", data, self.get_table_pos("hhea")[0] + 34)[0]
        num_glyphs: int = self.numGlyphs
        if glyph_data_format != 0:
            raise TTFError(f"Unknown glyph data format ({glyph_data_format})")

        char_to_glyph, glyph_to_char = _maps(runs)

        # hmtx: advance widths and left side bearings; the glyphs past numberOfHMetrics repeat
        # the last advance, which reportlab stores already scaled
        scale = self._pdfScale
        hmtx = self.get_table_pos("hmtx")[0]
        pairs = struct.unpack_from(f">{2 * number_of_hmetrics}H", data, hmtx)
        advances, bearings = pairs[0::2], pairs[1::2]
        hmetrics: list[tuple[Any, int]] = list(zip(advances, bearings, strict=True))
        scaled = list(map(scale, advances))
        last = scaled[-1]
        tail = struct.unpack_from(
            f">{num_glyphs - number_of_hmetrics}H", data, hmtx + 4 * number_of_hmetrics
        ) if num_glyphs > number_of_hmetrics else ()
        hmetrics.extend((last, bearing) for bearing in tail)
        # reportlab fills this glyph by glyph; nothing reads it in order, so it is made here
        # character by character, with the same entries
        widths = scaled + [last] * (num_glyphs - number_of_hmetrics)
        known = len(widths)
        char_widths: dict[int, Any] = {
            char: widths[glyph] for char, glyph in char_to_glyph.items() if glyph < known
        }

        if "loca" not in self.table:
            raise TTFError("missing location table")
        loca = self.get_table_pos("loca")[0]
        if index_to_loc_format == 0:
            positions = [p << 1 for p in struct.unpack_from(f">{num_glyphs + 1}H", data, loca)]
            end = loca + 2 * (num_glyphs + 1)
        elif index_to_loc_format == 1:
            positions = list(struct.unpack_from(f">{num_glyphs + 1}L", data, loca))
            end = loca + 4 * (num_glyphs + 1)
        else:
            raise TTFError(f"Unknown location table format ({index_to_loc_format})")
        if 0x20 in char_to_glyph:
            char_to_glyph[0xA0] = char_to_glyph[0x20]
            char_widths[0xA0] = char_widths[0x20]
        elif 0xA0 in char_to_glyph:
            char_to_glyph[0x20] = char_to_glyph[0xA0]
            char_widths[0x20] = char_widths[0xA0]

        self.charToGlyph = char_to_glyph
        self.glyphToChar = glyph_to_char
        self.charWidths = char_widths
        self.hmetrics = hmetrics
        self.defaultWidth = scaled[0]
        self.glyphPos = positions
        # where reportlab's reader would have stopped
        self._pos = end


def _maps(runs: tuple[tuple[int, int, int], ...]) -> tuple[dict[int, int], dict[int, list[int]]]:
    """``charToGlyph`` and ``glyphToChar`` as reportlab builds them from a format 12 map."""
    chars: list[int] = []
    glyphs: list[int] = []
    for first, last, glyph in runs:
        chars.extend(range(first, last + 1))
        glyphs.extend(range(glyph, glyph + last + 1 - first))
    # dicts filled in bulk keep the order (and, for a repeated key, the value) that
    # reportlab's one-by-one filling gives
    char_to_glyph = dict(zip(chars, glyphs, strict=True))
    glyph_to_char = dict(zip(glyphs, map(list, zip(chars)), strict=True))
    if len(glyph_to_char) < len(glyphs):
        # glyphs that draw several characters list them all, in the order of the map
        shared: dict[int, list[int]] = {glyph: [] for glyph, count in Counter(glyphs).items() if count > 1}
        for char, glyph in zip(chars, glyphs, strict=True):
            if glyph in shared:
                shared[glyph].append(char)
        glyph_to_char.update(shared)
    return char_to_glyph, glyph_to_char


def quick_ttfont(name: str, path: str) -> TTFont:
    """``TTFont(name, path)``, its face read by :class:`QuickFace`."""
    # TTFont makes its face with the module's TTFontFace and takes no face of ours: swapped in
    # for this one call. QuickFace is one, so everything that checks the face's type still holds
    original = ttfonts.TTFontFace
    ttfonts.TTFontFace = QuickFace
    try:
        return TTFont(name, path)
    finally:
        ttfonts.TTFontFace = original
