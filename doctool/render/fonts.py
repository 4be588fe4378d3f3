"""The fonts doctool bundles, their registration with reportlab, and per-character fallback.

The fonts live in ``doctool/fonts/`` (made by ``tools/convert_fonts.py``, see SOURCES.txt there):
Noto Serif CJK SC regular and bold for Chinese text, Noto Sans CJK SC bold for Chinese headings
and Noto Serif regular, bold, italic and bold italic for English. A font that lacks a glyph
draws nothing, without complaint, so every character is checked against the fonts' character
maps: it is drawn in the first bundled font that has it, and a character no bundled font has is
an error, never a blank.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from doctool.errors import RenderError

#: where the bundled font files live (inside the installed package)
FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"

# reportlab names are the file stems, so pdffonts shows where each embedded font came from
SERIF_SC = "NotoSerifCJKsc-Regular"
SERIF_SC_BOLD = "NotoSerifCJKsc-Bold"
SANS_SC_BOLD = "NotoSansCJKsc-Bold"
SERIF = "NotoSerif-Regular"
SERIF_BOLD = "NotoSerif-Bold"
SERIF_ITALIC = "NotoSerif-Italic"
SERIF_BOLD_ITALIC = "NotoSerif-BoldItalic"

#: every bundled font, by reportlab name
BUNDLED: tuple[str, ...] = (
    SERIF_SC,
    SERIF_SC_BOLD,
    SANS_SC_BOLD,
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
    SERIF_BOLD_ITALIC,
)

#: fonts to try, in order, for a character the primary font lacks: same weight first, so
#: a Chinese word inside bold English text comes out bold too
_FALLBACK_REGULAR = (SERIF_SC, SERIF, SERIF_ITALIC, SERIF_SC_BOLD, SANS_SC_BOLD, SERIF_BOLD)
_FALLBACK_BOLD = (SERIF_SC_BOLD, SANS_SC_BOLD, SERIF_BOLD, SERIF_BOLD_ITALIC, SERIF_SC, SERIF)
_BOLD_FONTS = frozenset({SERIF_SC_BOLD, SANS_SC_BOLD, SERIF_BOLD, SERIF_BOLD_ITALIC})


@dataclass(frozen=True)
class FontRun:
    """A stretch of text drawn in one font."""

    font: str
    text: str


def font_path(name: str) -> Path:
    """The file of the bundled font ``name``."""
    return FONT_DIR / f"{name}.ttf"


def _utf16_hex(code: int) -> str:
    """A code point as the hex digits of its UTF-16BE form (a surrogate pair above U+FFFF)."""
    return chr(code).encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, but correct for characters beyond U+FFFF.

    reportlab writes each code point as ``<%04X>``, so 𠮷 (U+20BB7) becomes the five digits
    ``20BB7`` and text extraction returns ₻ (U+20BB). A ToUnicode CMap holds UTF-16BE, which
    needs a surrogate pair there: ``<D842DFB7>``. Output for the BMP is unchanged.
    """
    chars = "\n".join(f"<{i:02X}> <{_utf16_hex(code)}>" for i, code in enumerate(subset))
    return "\n".join(
        (
            "/CIDInit /ProcSet findresource begin",
            "12 dict begin",
            "begincmap",
            "/CIDSystemInfo",
            f"<< /Registry ({fontname})",
            f"/Ordering ({fontname})",
            "/Supplement 0",
            ">> def",
            f"/CMapName /{fontname} def",
            "/CMapType 2 def",
            "1 begincodespacerange",
            f"<00> <{len(subset) - 1:02X}>",
            "endcodespacerange",
            f"{len(subset)} beginbfchar",
            chars,
            "endbfchar",
            "endcmap",
            "CMapName currentdict /CMap defineresource pop",
            "end",
            "end",
        )
    )


@functools.cache
def register_fonts() -> None:
    """Register every bundled font with reportlab (once per process; parsing takes a moment)."""
    # rare characters (Extension B) must survive copy and paste and text extraction
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    for name in BUNDLED:
        path = font_path(name)
        if not path.is_file():
            raise RenderError(
                f"bundled font {path.name} is missing from {FONT_DIR}; reinstall doctool"
                " or run tools/convert_fonts.py to make it again"
            )
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except TTFError as exc:
            raise RenderError(
                f"bundled font {path} cannot be read ({exc}); reinstall doctool"
                " or run tools/convert_fonts.py to make it again"
            ) from None
    # families, so that reportlab's own bold/italic lookups land on a bundled face
    for family, regular, bold, italic, bold_italic in (
        (SERIF, SERIF, SERIF_BOLD, SERIF_ITALIC, SERIF_BOLD_ITALIC),
        # Chinese has no italic: the upright faces stand in
        (SERIF_SC, SERIF_SC, SERIF_SC_BOLD, SERIF_SC, SERIF_SC_BOLD),
    ):
        pdfmetrics.registerFontFamily(
            family, normal=regular, bold=bold, italic=italic, boldItalic=bold_italic
        )


@functools.cache
def _cmap(font: str) -> frozenset[int]:
    """The code points ``font`` has a glyph for."""
    register_fonts()
    if font not in BUNDLED:
        raise ValueError(f"{font!r} is not a bundled font")
    face = pdfmetrics.getFont(font).face
    return frozenset(face.charToGlyph)


def is_invisible(char: str) -> bool:
    """True for characters that never draw anything: controls, format marks, selectors."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Cc", "Cf") or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF
    )


def missing_glyphs(text: str, font: str) -> list[str]:
    """The characters of ``text`` that ``font`` has no glyph for, each once, in order.

    Invisible characters (zero-width spaces, joiners, variation selectors) are not counted:
    they draw nothing in any font.
    """
    cmap = _cmap(font)
    missing: dict[str, None] = {}
    for char in text:
        if ord(char) not in cmap and not is_invisible(char):
            missing.setdefault(char)
    return list(missing)


def fallback_order(font: str) -> tuple[str, ...]:
    """The fonts to try for a character, ``font`` first, then the others by likeness."""
    others = _FALLBACK_BOLD if font in _BOLD_FONTS else _FALLBACK_REGULAR
    return (font, *(f for f in others if f != font))


def font_for(char: str, font: str) -> str | None:
    """The first font in :func:`fallback_order` that has ``char``; ``None`` if none has it."""
    code = ord(char)
    for candidate in fallback_order(font):
        if code in _cmap(candidate):
            return candidate
    return None


def _context(text: str, index: int) -> str:
    """A few characters either side of ``text[index]``, for an error message."""
    lo, hi = max(0, index - 8), min(len(text), index + 9)
    snippet = text[lo:hi].replace("\n", " ")
    return ("…" if lo else "") + snippet + ("…" if hi < len(text) else "")


def font_runs(text: str, font: str) -> list[FontRun]:
    """Split ``text`` into runs each drawn in one font, trying the bundled fonts in turn.

    Invisible characters are dropped (they draw nothing anyway); any other character that no
    bundled font has raises :class:`RenderError`.
    """
    pieces: list[tuple[str, list[str]]] = []
    for index, char in enumerate(text):
        if is_invisible(char):
            # zero-width spaces, joiners, selectors, soft hyphens: nothing to draw, and a font
            # that maps them would only split the run and leave them in the extracted text
            continue
        chosen = font_for(char, font)
        if chosen is None:
            raise RenderError(
                f"character {char!r} (U+{ord(char):04X}) in “{_context(text, index)}” is in"
                " no bundled font; replace it or add a font"
            )
        if pieces and pieces[-1][0] == chosen:
            pieces[-1][1].append(char)
        else:
            pieces.append((chosen, [char]))
    return [FontRun(name, "".join(chars)) for name, chars in pieces]
