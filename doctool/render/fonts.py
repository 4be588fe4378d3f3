"""The fonts doctool bundles, their registration with reportlab, and per-character fallback.

The fonts live in ``doctool/fonts/`` (made by ``tools/convert_fonts.py``, see SOURCES.txt there).
Chinese follows GB/T 9704's faces: FandolFang (仿宋) for text, Doctool Kai (楷体; LXGW WenKai
cut to GB 2312) for second-level headings, Noto Sans CJK SC bold (黑体) for first-level
headings and emphasis, Noto Serif CJK SC bold for titles (in place of 小标宋) and Noto Serif
CJK SC regular (宋体) for page numbers and running heads. English is Noto Serif regular, bold,
italic and bold italic. A font that lacks a glyph draws nothing, without complaint, so every
character is checked against the fonts' character maps: it is drawn in the first bundled font
that has it (FandolFang and Doctool Kai have GB 2312 and little more: a rarer character comes
from Noto Serif CJK SC), and a character no bundled font has is an error, never a blank. The
character maps come from ``<font>.json`` beside each font, which the same script writes with
fontTools: nothing parses a font to learn what it covers.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from doctool.errors import RenderError
from doctool.render.fontmaps import read_character_map

#: where the bundled font files live (inside the installed package)
FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"

# reportlab names are the file stems, so pdffonts shows where each embedded font came from
SERIF_SC = "NotoSerifCJKsc-Regular"
SERIF_SC_BOLD = "NotoSerifCJKsc-Bold"
SANS_SC_BOLD = "NotoSansCJKsc-Bold"
FANG_SC = "FandolFang-Regular"
KAI_SC = "DoctoolKai-Regular"
SERIF = "NotoSerif-Regular"
SERIF_BOLD = "NotoSerif-Bold"
SERIF_ITALIC = "NotoSerif-Italic"
SERIF_BOLD_ITALIC = "NotoSerif-BoldItalic"

#: every bundled font, by reportlab name
BUNDLED: tuple[str, ...] = (
    SERIF_SC,
    SERIF_SC_BOLD,
    SANS_SC_BOLD,
    FANG_SC,
    KAI_SC,
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
    SERIF_BOLD_ITALIC,
)

#: fonts to try, in order, for a character the primary font lacks: same weight first, so
#: a Chinese word inside bold English text comes out bold too. The 仿宋 and 楷体 faces are
#: never stand-ins: a character they lack comes from the serif CJK face, which has them all
_FALLBACK_REGULAR = (SERIF_SC, SERIF, SERIF_ITALIC, SERIF_SC_BOLD, SANS_SC_BOLD, SERIF_BOLD)
_FALLBACK_BOLD = (SERIF_SC_BOLD, SANS_SC_BOLD, SERIF_BOLD, SERIF_BOLD_ITALIC, SERIF_SC, SERIF)
_BOLD_FONTS = frozenset({SERIF_SC_BOLD, SANS_SC_BOLD, SERIF_BOLD, SERIF_BOLD_ITALIC})


#: characters a face has but must not draw: Doctool Kai's quotation marks (LXGW WenKai's) are
#: proportional (0.35 em), for Latin text, and squeeze a Chinese heading; the serif CJK face
#: draws them full-width
_NOT_DRAWN: dict[str, frozenset[int]] = {KAI_SC: frozenset(map(ord, "“”‘’"))}


@dataclass(frozen=True)
class FontRun:
    """A stretch of text drawn in one font."""

    font: str
    text: str


def font_path(name: str) -> Path:
    """The file of the bundled font ``name``."""
    return FONT_DIR / f"{name}.ttf"


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
    from reportlab.pdfbase import pdfmetrics

    from doctool.render import tounicode

    # rare characters (Extension B) must survive copy and paste and text extraction
    tounicode.install()
    # families, so that reportlab's own bold/italic lookups land on a bundled face (they map
    # names only: no face is read for them)
    for family, regular, bold, italic, bold_italic in (
        (SERIF, SERIF, SERIF_BOLD, SERIF_ITALIC, SERIF_BOLD_ITALIC),
        # Chinese has no italic: the upright faces stand in; bold 仿宋 and 楷体 are 黑体
        (SERIF_SC, SERIF_SC, SERIF_SC_BOLD, SERIF_SC, SERIF_SC_BOLD),
        (FANG_SC, FANG_SC, SANS_SC_BOLD, FANG_SC, SANS_SC_BOLD),
        (KAI_SC, KAI_SC, SANS_SC_BOLD, KAI_SC, SANS_SC_BOLD),
    ):
        pdfmetrics.registerFontFamily(
            family, normal=regular, bold=bold, italic=italic, boldItalic=bold_italic
        )


@functools.cache
def _cmap(font: str) -> frozenset[int]:
    """The code points ``font`` has a glyph for."""
    if font not in BUNDLED:
        raise ValueError(f"{font!r} is not a bundled font")
    path = font_path(font)
    if not path.is_file():
        raise _missing_font(path)
    codes: set[int] = set()
    for first, last, _ in read_character_map(path).runs:
        codes.update(range(first, last + 1))
    # reportlab draws a no-break space with the space glyph when a font lacks one, and back
    if 0x20 in codes or 0xA0 in codes:
        codes.update((0x20, 0xA0))
    return frozenset(codes)


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
        if code in _cmap(candidate) and code not in _NOT_DRAWN.get(candidate, ()):
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
