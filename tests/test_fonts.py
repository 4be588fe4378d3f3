"""The bundled fonts: present, TrueType outlines, licensed, covering Chinese, failing loudly."""

from __future__ import annotations

import hashlib
import json
import re
import struct
from pathlib import Path

import pytest

from doctool.errors import RenderError
from doctool.render import fontmaps, fonts
from doctool.render.fonts import (
    BUNDLED,
    SANS_SC_BOLD,
    SERIF,
    SERIF_BOLD,
    SERIF_SC,
    SERIF_SC_BOLD,
    FontRun,
    font_path,
    font_runs,
    missing_glyphs,
)

CJK_FACES = (SERIF_SC, SERIF_SC_BOLD, SANS_SC_BOLD)


@pytest.fixture(scope="module", autouse=True)
def registered() -> None:
    """Parse the fonts once for the whole module."""
    fonts.register_fonts()


def table_tags(path: Path) -> set[bytes]:
    """The table tags of a TrueType file, read from its table directory."""
    with path.open("rb") as handle:
        version, count = struct.unpack(">4sH", handle.read(6))
        assert version == b"\x00\x01\x00\x00", f"{path.name} is not a TrueType-outline font"
        handle.seek(12)
        return {handle.read(16)[:4] for _ in range(count)}


@pytest.mark.parametrize("name", BUNDLED)
def test_every_font_is_truetype_with_glyf_outlines(name: str) -> None:
    tags = table_tags(font_path(name))
    assert {b"glyf", b"loca", b"cmap", b"hmtx"} <= tags
    assert b"CFF " not in tags


@pytest.mark.parametrize("name", CJK_FACES)
def test_cjk_fonts_stay_a_reasonable_size(name: str) -> None:
    assert font_path(name).stat().st_size < 15_000_000


def test_licence_and_provenance_ship_with_the_fonts() -> None:
    ofl = (fonts.FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in ofl
    assert "Adobe" in ofl and "Google" in ofl  # the copyright notices of both families
    sources = (fonts.FONT_DIR / "SOURCES.txt").read_text(encoding="utf-8")
    assert "tools/convert_fonts.py" in sources
    for name in BUNDLED:
        assert f"{name}.ttf" in sources


def test_licence_is_the_full_ofl_text() -> None:
    ofl = (fonts.FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    for part in ("PREAMBLE", "DEFINITIONS", "PERMISSION & CONDITIONS", "TERMINATION", "DISCLAIMER"):
        assert part in ofl


def test_font_files_match_the_digests_recorded_when_they_were_made() -> None:
    sources = (fonts.FONT_DIR / "SOURCES.txt").read_text(encoding="utf-8")
    recorded = dict(
        (name, digest)
        for digest, name in re.findall(r"^  ([0-9a-f]{16})  (\S+\.ttf)$", sources, re.MULTILINE)
    )
    assert set(recorded) == {f"{name}.ttf" for name in BUNDLED}
    for name, digest in recorded.items():
        assert hashlib.sha256((fonts.FONT_DIR / name).read_bytes()).hexdigest()[:16] == digest, name


@pytest.mark.parametrize("name", CJK_FACES)
def test_chinese_faces_cover_every_unified_ideograph_to_unicode_10(name: str) -> None:
    ideographs = "".join(chr(c) for c in range(0x4E00, 0x9FEB))
    assert missing_glyphs(ideographs, name) == []


@pytest.mark.parametrize("name", CJK_FACES)
def test_chinese_faces_cover_punctuation_and_rare_characters(name: str) -> None:
    text = "，。、；：？！（）《》「」『』【】“”‘’％·…—～①②㎡℃Ⅱ★●→≥×±０１Ａａ￥ 　𠮷镕堃"
    assert missing_glyphs(text, name) == []


def test_latin_serif_lacks_chinese_and_says_so() -> None:
    assert missing_glyphs("GDP 增长 8.5%", SERIF) == ["增", "长"]


def test_missing_glyphs_lists_each_character_once_in_order() -> None:
    assert missing_glyphs("😀a😀🎉", SERIF_SC) == ["😀", "🎉"]


def test_invisible_characters_are_not_reported_missing() -> None:
    assert missing_glyphs("a\u200bb\u200d\ufe0f\u2060", SERIF) == []


def test_fallback_draws_chinese_inside_english_in_the_chinese_face() -> None:
    assert font_runs("GDP增长8%", SERIF) == [
        FontRun(SERIF, "GDP"),
        FontRun(SERIF_SC, "增长"),
        FontRun(SERIF, "8%"),
    ]


def test_fallback_keeps_the_weight() -> None:
    assert font_runs("Plan 计划", SERIF_BOLD) == [
        FontRun(SERIF_BOLD, "Plan "),
        FontRun(SERIF_SC_BOLD, "计划"),
    ]


def test_chinese_face_draws_its_own_latin_and_digits() -> None:
    assert font_runs("增长8.5%（GDP）", SERIF_SC) == [FontRun(SERIF_SC, "增长8.5%（GDP）")]


def test_rare_characters_are_drawn_not_dropped() -> None:
    assert "".join(r.text for r in font_runs("吉𠮷镕", SERIF_SC)) == "吉𠮷镕"


@pytest.mark.parametrize("char", ["😀", "𪚥", "あ", "한"])
def test_a_character_in_no_font_is_an_error_that_names_it(char: str) -> None:
    # emoji: no bundled font has them (colour emoji fonts cannot be embedded by reportlab);
    # 𪚥: an Extension B character Noto lacks; kana and hangul: left out of the subset
    with pytest.raises(RenderError) as caught:
        font_runs(f"增长{char}百分之八", SERIF_SC)
    message = str(caught.value)
    assert f"{char!r} (U+{ord(char):04X})" in message
    assert "增长" in message  # where it is
    assert "replace it or add a font" in message
    assert caught.value.exit_code == 7


def test_invisible_characters_are_dropped_rather_than_refused() -> None:
    assert "".join(r.text for r in font_runs("增\u200b长\ufe0f", SERIF_SC)) == "增长"


def test_registration_happens_once() -> None:
    fonts.register_fonts()
    fonts.register_fonts()
    assert fonts.register_fonts.cache_info().hits >= 2


@pytest.mark.parametrize("name", BUNDLED)
def test_character_maps_read_without_reportlab_match_reportlabs(name: str) -> None:
    """The glyph checks read only the recorded map; reportlab, which draws, must agree on every code point.

    reportlab also lists U+FFFF, the end marker of a format 4 map, with the missing glyph (0):
    it draws nothing, so it is no glyph.
    """
    from reportlab.pdfbase import pdfmetrics

    drawn = pdfmetrics.getFont(name).face.charToGlyph
    assert fonts._cmap(name) == frozenset(char for char, glyph in drawn.items() if glyph)
    assert {char for char, glyph in drawn.items() if not glyph} <= {0xFFFF}


@pytest.mark.parametrize("name", BUNDLED)
def test_character_maps_are_those_of_the_fonts_beside_them(name: str) -> None:
    """Each ``<font>.json`` was made from the very font file it sits beside."""
    record = json.loads(fontmaps.map_path(font_path(name)).read_text(encoding="utf-8"))
    assert record["font"] == font_path(name).name
    assert record["sha256"] == hashlib.sha256(font_path(name).read_bytes()).hexdigest()


def test_a_font_without_its_character_map_is_an_error_that_says_how_to_fix_it(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match=r"NotoSerif-Regular\.json .*tools/convert_fonts\.py"):
        fontmaps.read_character_map(tmp_path / "NotoSerif-Regular.ttf")


@pytest.mark.parametrize("name", BUNDLED)
def test_fonts_read_in_bulk_are_read_as_reportlab_reads_them(name: str) -> None:
    """Every attribute of the quickly read face equals reportlab's own, down to the order of its maps."""
    from reportlab.pdfbase.ttfonts import TTFontFace

    from doctool.render.quickface import QuickFace

    quick, full = vars(QuickFace(str(font_path(name)))), vars(TTFontFace(str(font_path(name))))
    # the scale is a function reportlab makes anew for each face
    assert quick.pop("_pdfScale")(1000) == full.pop("_pdfScale")(1000)
    assert quick == full
    # the maps that are read in order (charWidths only ever by key)
    for table in ("charToGlyph", "glyphToChar"):
        assert list(quick[table]) == list(full[table]), table
