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
import struct
import unicodedata
from dataclasses import dataclass
from pathlib import Path

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


def _missing_font(path: Path) -> RenderError:
    return RenderError(
        f"bundled font {path.name} is missing from {FONT_DIR}; reinstall doctool"
        " or run tools/convert_fonts.py to make it again"
    )


#: the bundled fonts registered with reportlab in this process
_REGISTERED: set[str] = set()


def register(*names: str) -> None:
    """Register the named bundled fonts with reportlab, each once per process.

    Parsing a CJK face takes a few tens of milliseconds, so a process registers only the faces
    it draws with: the English PDF needs neither of the bold CJK faces.
    """
    todo = [name for name in names if name not in _REGISTERED]
    if not todo:
        return
    # imported here: the glyph checks and the DOCX writer need the fonts' character maps only,
    # which this module reads without reportlab
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError

    from doctool.render.quickface import quick_ttfont

    _prepare_reportlab()
    for name in todo:
        if name not in BUNDLED:
            raise ValueError(f"{name!r} is not a bundled font")
        path = font_path(name)
        if not path.is_file():
            raise _missing_font(path)
        try:
            pdfmetrics.registerFont(quick_ttfont(name, str(path)))
        except TTFError as exc:
            raise RenderError(
                f"bundled font {path} cannot be read ({exc}); reinstall doctool"
                " or run tools/convert_fonts.py to make it again"
            ) from None
        _REGISTERED.add(name)


@functools.cache
def register_fonts() -> None:
    """Register every bundled font with reportlab (once per process; parsing takes a moment)."""
    register(*BUNDLED)


@functools.cache
def _prepare_reportlab() -> None:
    """What reportlab needs once, before the first bundled font: the ToUnicode fix, families."""
    from reportlab.pdfbase import pdfmetrics, ttfonts

    # rare characters (Extension B) must survive copy and paste and text extraction
    ttfonts.makeToUnicodeCMap = _to_unicode_cmap
    # families, so that reportlab's own bold/italic lookups land on a bundled face (they map
    # names only: no face is read for them)
    for family, regular, bold, italic, bold_italic in (
        (SERIF, SERIF, SERIF_BOLD, SERIF_ITALIC, SERIF_BOLD_ITALIC),
        # Chinese has no italic: the upright faces stand in
        (SERIF_SC, SERIF_SC, SERIF_SC_BOLD, SERIF_SC, SERIF_SC_BOLD),
    ):
        pdfmetrics.registerFontFamily(
            family, normal=regular, bold=bold, italic=italic, boldItalic=bold_italic
        )


class _OddFont(Exception):
    """A font file whose character map :func:`_read_cmap` does not read; reportlab decides."""


def _read_cmap(path: Path) -> frozenset[int]:
    """The keys of reportlab's ``charToGlyph`` for the font at ``path``, from its cmap table alone.

    reportlab parses the whole font (every glyph's metrics and location) to learn this, about
    50 ms for each CJK face; the character map is a few kilobytes. The subtable is chosen as
    reportlab chooses it (the last suitable one listed) and read the same way, code points that
    map to glyph 0 included; formats other than 4 and 12, which the bundled fonts do not use,
    raise :class:`_OddFont`.
    """
    with path.open("rb") as handle:
        head = handle.read(12)
        if len(head) < 12:
            raise _OddFont("no table directory")
        (count,) = struct.unpack(">H", head[4:6])
        directory = handle.read(16 * count)
        tables = {
            tag: (offset, length)
            for tag, _, offset, length in struct.iter_unpack(">4sLLL", directory)
        }
        if b"cmap" not in tables or b"loca" not in tables:
            raise _OddFont("no cmap or loca table")
        offset, length = tables[b"cmap"]
        handle.seek(offset)
        cmap = handle.read(length)
    version, subtables = struct.unpack_from(">HH", cmap, 0)
    if subtables == 0 and version != 0:
        subtables = version
    chosen: int | None = None
    kind = 0
    for index in range(subtables):
        platform, encoding, where = struct.unpack_from(">HHL", cmap, 4 + 8 * index)
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            kind, chosen = 1, where
        elif platform == 1 and encoding == 0 and kind != 1:
            kind, chosen = 2, where
    if chosen is None:
        raise _OddFont("no suitable cmap subtable")
    (fmt,) = struct.unpack_from(">H", cmap, chosen)
    codes: set[int] = set()
    if fmt == 4:
        (doubled,) = struct.unpack_from(">H", cmap, chosen + 6)
        segments = doubled // 2
        ends = struct.unpack_from(f">{segments}H", cmap, chosen + 14)
        starts = struct.unpack_from(f">{segments}H", cmap, chosen + 16 + 2 * segments)
        for start, end in zip(starts, ends, strict=True):
            codes.update(range(start, end + 1))
    elif fmt == 12:
        (groups,) = struct.unpack_from(">L", cmap, chosen + 12)
        for start, end, _ in struct.iter_unpack(">LLL", cmap[chosen + 16 : chosen + 16 + 12 * groups]):
            codes.update(range(start, end + 1))
    else:
        raise _OddFont(f"cmap format {fmt}")
    # reportlab maps a no-break space to the space glyph when the font lacks one, and back
    if 0x20 in codes or 0xA0 in codes:
        codes.update((0x20, 0xA0))
    return frozenset(codes)


@functools.cache
def _cmap(font: str) -> frozenset[int]:
    """The code points ``font`` has a glyph for."""
    if font not in BUNDLED:
        raise ValueError(f"{font!r} is not a bundled font")
    path = font_path(font)
    if not path.is_file():
        raise _missing_font(path)
    try:
        return _read_cmap(path)
    except (OSError, struct.error, _OddFont):
        # a damaged or unusual file: reportlab's parser reads it or says what is wrong with it
        from reportlab.pdfbase import pdfmetrics

        register(font)
        return frozenset(pdfmetrics.getFont(font).face.charToGlyph)


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


@functools.cache
def font_for(char: str, font: str) -> str | None:
    """The first font in :func:`fallback_order` that has ``char``; ``None`` if none has it."""
    code = ord(char)
    for candidate in fallback_order(font):
        if code in _cmap(candidate):
            return candidate
    return None


#: per primary font: character -> the font that draws it in a run, "" for an invisible
#: character and None for one that no bundled font has. The same few thousand characters are
#: asked about for every paragraph of every PDF, so each is decided once.
_RUN_FONTS: dict[str, dict[str, str | None]] = {}


def _run_font(char: str, font: str, choices: dict[str, str | None]) -> str | None:
    """Decide, and remember in ``choices``, which font draws ``char`` in a run of ``font``."""
    chosen = "" if is_invisible(char) else font_for(char, font)
    choices[char] = chosen
    return chosen


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
    choices = _RUN_FONTS.setdefault(font, {})
    runs: list[FontRun] = []
    current = ""
    chars: list[str] = []
    for index, char in enumerate(text):
        try:
            chosen = choices[char]
        except KeyError:
            chosen = _run_font(char, font, choices)
        if not chosen:
            if chosen is None:
                raise RenderError(
                    f"character {char!r} (U+{ord(char):04X}) in “{_context(text, index)}” is in"
                    " no bundled font; replace it or add a font"
                )
            # zero-width spaces, joiners, selectors, soft hyphens: nothing to draw, and a font
            # that maps them would only split the run and leave them in the extracted text
            continue
        if chosen != current:
            if chars:
                runs.append(FontRun(current, "".join(chars)))
            current, chars = chosen, []
        chars.append(char)
    if chars:
        runs.append(FontRun(current, "".join(chars)))
    return runs
