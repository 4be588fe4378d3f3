"""reportlab's TrueType face, with its three big tables read in bulk.

reportlab reads a font's character map, horizontal metrics and glyph locations one number at a
time in Python: about 50 ms for each of the bundled CJK faces (32,000 characters, 31,600
glyphs), a quarter of a second for the seven fonts a build registers. :class:`QuickFace` lets
reportlab read everything else (names, header, OS/2, post, hhea, maxp) and reads those three
tables with one ``struct`` call each, building the very same attributes, in the same order,
as reportlab would. A character map in a format other than 4 or 12 is left to reportlab.
"""

from __future__ import annotations

import struct
from collections import Counter
from typing import Any

from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFace


class _Unsupported(Exception):
    """A character map that :class:`QuickFace` does not read in bulk."""


class QuickFace(TTFontFace):  # type: ignore[misc]
    """A ``TTFontFace`` whose cmap, hmtx and loca tables are read in bulk."""

    # reportlab's method and argument names
    def extractInfo(self, charInfo: int = 1) -> None:
        """reportlab's ``extractInfo``, the same attributes, the big tables read in bulk."""
        # reportlab reads the small tables and stops before the character information
        super().extractInfo(0)
        if not charInfo:
            return
        try:
            self._char_info()
        except (_Unsupported, struct.error, IndexError, KeyError):
            # an unusual or damaged file: reportlab reads it, or says what is wrong with it
            super().extractInfo(charInfo)

    def _char_info(self) -> None:
        data: bytes = self._ttf_data
        head = self.get_table_pos("head")[0]
        index_to_loc_format, glyph_data_format = struct.unpack_from(">HH", data, head + 50)
        number_of_hmetrics = struct.unpack_from(">H", data, self.get_table_pos("hhea")[0] + 34)[0]
        num_glyphs: int = self.numGlyphs
        if glyph_data_format != 0:
            raise TTFError(f"Unknown glyph data format ({glyph_data_format})")

        char_to_glyph, glyph_to_char = self._cmap(data)

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

    def _cmap(self, data: bytes) -> tuple[dict[int, int], dict[int, list[int]]]:
        """``charToGlyph`` and ``glyphToChar`` from the subtable reportlab would choose."""
        cmap = self.get_table_pos("cmap")[0]
        version, count = struct.unpack_from(">HH", data, cmap)
        if count == 0 and version != 0:
            count = version
        chosen: int | None = None
        kind = 0
        for index in range(count):
            platform, encoding, offset = struct.unpack_from(">HHL", data, cmap + 4 + 8 * index)
            if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
                kind, chosen = 1, offset
            elif platform == 1 and encoding == 0 and kind != 1:
                kind, chosen = 2, offset
        if chosen is None:
            raise TTFError("could not find a suitable cmap encoding")
        table = cmap + chosen
        fmt = struct.unpack_from(">H", data, table)[0]
        char_to_glyph: dict[int, int] = {}
        glyph_to_char: dict[int, list[int]] = {}
        if fmt == 12:
            groups = struct.unpack_from(">L", data, table + 12)[0]
            chars: list[int] = []
            glyphs: list[int] = []
            for start, end, first in struct.iter_unpack(">LLL", data[table + 16 : table + 16 + 12 * groups]):
                chars.extend(range(start, end + 1))
                glyphs.extend(range(first, first + end + 1 - start))
            # dicts filled in bulk keep the order (and, for a repeated key, the value) that
            # reportlab's one-by-one filling gives
            char_to_glyph = dict(zip(chars, glyphs, strict=True))
            glyph_to_char = dict(zip(glyphs, map(list, zip(chars)), strict=True))
            if len(glyph_to_char) < len(glyphs):
                # glyphs that draw several characters list them all, in the order of the map
                shared: dict[int, list[int]] = {
                    glyph: [] for glyph, count in Counter(glyphs).items() if count > 1
                }
                for char, glyph in zip(chars, glyphs, strict=True):
                    if glyph in shared:
                        shared[glyph].append(char)
                glyph_to_char.update(shared)
        elif fmt == 4:
            length = struct.unpack_from(">H", data, table + 2)[0]
            limit = table + length
            segments = struct.unpack_from(">H", data, table + 6)[0] // 2
            ends = struct.unpack_from(f">{segments}H", data, table + 14)
            starts = struct.unpack_from(f">{segments}H", data, table + 16 + 2 * segments)
            deltas = struct.unpack_from(f">{segments}h", data, table + 16 + 4 * segments)
            ranges_at = table + 16 + 6 * segments
            range_offsets = struct.unpack_from(f">{segments}H", data, ranges_at)
            for n in range(segments):
                start, delta, range_offset = starts[n], deltas[n], range_offsets[n]
                for char in range(start, ends[n] + 1):
                    if range_offset == 0:
                        glyph = (char + delta) & 0xFFFF
                    else:
                        at = ranges_at + 2 * n + (char - start) * 2 + range_offset
                        if at >= limit:
                            # reportlab's workaround for broken fonts
                            glyph = 0
                        else:
                            glyph = struct.unpack_from(">H", data, at)[0]
                            if glyph != 0:
                                glyph = (glyph + delta) & 0xFFFF
                    char_to_glyph[char] = glyph
                    glyph_to_char.setdefault(glyph, []).append(char)
        else:
            raise _Unsupported(f"cmap format {fmt}")
        return char_to_glyph, glyph_to_char


def quick_ttfont(name: str, path: str) -> TTFont:
    """``TTFont(name, path)``, its face read by :class:`QuickFace`."""
    # TTFont makes its face with the module's TTFontFace; QuickFace is one, so everything that
    # checks the face's type still holds
    original = ttfonts.TTFontFace
    ttfonts.TTFontFace = QuickFace
    try:
        return TTFont(name, path)
    finally:
        ttfonts.TTFontFace = original
