#!/usr/bin/env python3
"""Make the fonts doctool bundles in ``doctool/fonts/`` from Debian's font packages.

reportlab embeds TrueType (glyf) fonts only, and Debian ships Noto CJK as CFF outlines inside
TTC collections and the Fandol faces as CFF OpenType. This script takes the Simplified Chinese
faces out of the collections, subsets them to what Chinese reports use, converts the cubic CFF
outlines to quadratic glyf outlines and writes plain TTF files. The Latin serif (Noto Serif)
is already glyf and is copied unchanged. LXGW WenKai, glyf too, is cut to GB 2312 and renamed
Doctool Kai: its licence reserves its name for unmodified copies.
Next to each font it writes ``<font>.json``, its character map as reportlab reads it, so that
doctool knows each font's coverage without parsing the font (and without fontTools) at run time.

Needs: ``apt-get install fonts-noto-cjk fonts-noto-core fonts-lxgw-wenkai texlive-lang-chinese``
and ``pip install fonttools``. Run from the repository root: ``python tools/convert_fonts.py``
(about a minute per CJK face; the faces are converted in parallel). The output is committed, so
a fresh machine never runs this. ``--maps-only`` writes the character maps alone, from the fonts
already in the output folder; ``--only FILE`` makes just the named output files (the notices
and maps are written for all); ``--root DIR`` reads the packages from a tree unpacked with
``dpkg -x`` instead of the installed system.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.ttLib.tables._c_m_a_p import CmapSubtable

CJK_DIR = Path("/usr/share/fonts/opentype/noto")
LATIN_DIR = Path("/usr/share/fonts/truetype/noto")
FANDOL_DIR = Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")
WENKAI_DIR = Path("/usr/share/fonts/truetype/lxgw-wenkai")
CJK_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
#: Debian copyright files that quote the OFL 1.1 in full (any one will do)
OFL_COPYRIGHTS = (CJK_COPYRIGHT, Path("/usr/share/doc/fonts-lxgw-wenkai/copyright"))
#: the Fandol faces' licence: the GPL version 3 with the font exception at its end
FANDOL_COPYING = Path("/usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz")
FANDOL_LICENCE = "FandolFang-LICENSE.txt"
OUT_DIR = Path(__file__).resolve().parent.parent / "doctool" / "fonts"

#: the TTC member holding the Simplified Chinese face (JP, KR, SC, TC, HK in every collection)
SC_INDEX = 2

#: maximum distance, in font units (1000 per em), between a cubic curve and its quadratic copy;
#: 1 unit is 0.012 pt at 12 pt, far below what print or screen can show
MAX_ERR = 1.0

#: Unicode ranges kept in the CJK faces. Chinese reports need every CJK Unified Ideograph
#: (names of people and places reach into the whole block), Extension A and the Extension B
#: characters Noto covers (e.g. 𠮷 U+20BB7), the CJK and full-width punctuation, and the
#: Latin, Greek, number, arrow and symbol blocks that show up in figures and lists
#: (①, ㎡, ℃, Ⅱ, ≥, ★). Cyrillic, kana and hangul are left out: the Chinese face is never the
#: place for them and each would add thousands of glyphs.
KEEP_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0020, 0x007E, "Basic Latin"),
    (0x00A0, 0x024F, "Latin-1 Supplement, Latin Extended-A/B (pinyin tone marks)"),
    (0x02B0, 0x02FF, "Spacing Modifier Letters (ˇ ˉ)"),
    (0x0370, 0x03FF, "Greek"),
    (0x2000, 0x206F, "General Punctuation"),
    (0x2070, 0x209F, "Superscripts and Subscripts"),
    (0x20A0, 0x20CF, "Currency Symbols"),
    (0x2100, 0x214F, "Letterlike Symbols (℃ №)"),
    (0x2150, 0x218F, "Number Forms (Ⅰ Ⅱ)"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators"),
    (0x2460, 0x24FF, "Enclosed Alphanumerics (① ⑴ ⒈)"),
    (0x2500, 0x257F, "Box Drawing"),
    (0x25A0, 0x25FF, "Geometric Shapes (■ ● ◆)"),
    (0x2600, 0x26FF, "Miscellaneous Symbols (★ ☆)"),
    (0x2E80, 0x2FDF, "CJK Radicals"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x3100, 0x312F, "Bopomofo"),
    (0x3200, 0x32FF, "Enclosed CJK Letters and Months (㈠)"),
    (0x3300, 0x33FF, "CJK Compatibility (㎡ ㎞)"),
    (0x3400, 0x4DBF, "CJK Unified Ideographs Extension A"),
    (0x4E00, 0x9FFF, "CJK Unified Ideographs"),
    (0xF900, 0xFAFF, "CJK Compatibility Ideographs"),
    (0xFE10, 0xFE1F, "Vertical Forms"),
    (0xFE30, 0xFE4F, "CJK Compatibility Forms"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
    (0x20000, 0x2A6DF, "CJK Unified Ideographs Extension B (the part Noto covers)"),
)

#: tables reportlab never reads; dropping them saves megabytes. VORG only makes sense with CFF.
DROP_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx", "DSIG", "JSTF", "MATH")


@dataclass(frozen=True)
class CjkFace:
    """One CJK face to take from a collection (its SC member) or a single font, subset and
    convert."""

    source: Path
    out: str
    #: keep only GB 2312 of the ideographs (the rest of :data:`KEEP_RANGES` stays whole)
    gb2312: bool = False
    #: a new family name: a subset of a font whose licence reserves its name must not keep it
    rename: str = ""

    @property
    def collection(self) -> bool:
        return self.source.suffix == ".ttc"


CJK_FACES = (
    CjkFace(CJK_DIR / "NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular.ttf"),
    CjkFace(CJK_DIR / "NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold.ttf"),
    CjkFace(CJK_DIR / "NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.ttf"),
    # 仿宋 for Chinese body text (GB/T 9704); GB 2312 and a little more, so doctool falls back
    # to Noto Serif CJK for the rest
    CjkFace(FANDOL_DIR / "FandolFang-Regular.otf", "FandolFang-Regular.ttf"),
    # 楷体 for second-level headings: LXGW WenKai cut to GB 2312, a quarter of its size (and of
    # the memory a build holds it in); its Reserved Font Names (霞鹜, LXGW) go with the cut
    CjkFace(WENKAI_DIR / "LXGWWenKai-Regular.ttf", "DoctoolKai-Regular.ttf", gb2312=True,
            rename="Doctool Kai"),
)

#: faces that are glyf already, copied unchanged: (source, output name)
COPIED_FACES: tuple[tuple[Path, str], ...] = (
    *((LATIN_DIR / name, name) for name in (
        "NotoSerif-Regular.ttf",
        "NotoSerif-Bold.ttf",
        "NotoSerif-Italic.ttf",
        "NotoSerif-BoldItalic.ttf",
    )),
)
LATIN_FACES = tuple(name for _, name in COPIED_FACES)
#: the faces under the GPL with the font exception, not the OFL
GPL_FACES = frozenset({"FandolFang-Regular.ttf"})


def keep_codepoints(gb2312: bool = False) -> list[int]:
    """Every code point the CJK subsets keep (if the font has it); with ``gb2312``, of the
    ideographs only those of GB 2312."""
    if not gb2312:
        return [cp for lo, hi, _ in KEEP_RANGES for cp in range(lo, hi + 1)]
    han = {"CJK Unified Ideographs", "CJK Unified Ideographs Extension A",
           "CJK Compatibility Ideographs"}
    kept = [cp for lo, hi, label in KEEP_RANGES if label not in han and not label.startswith(
        "CJK Unified Ideographs Extension B") for cp in range(lo, hi + 1)]
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                kept.append(ord(bytes((row, cell)).decode("gb2312")))
            except UnicodeDecodeError:
                continue  # unassigned cells
    return sorted(set(kept))


def rename_font(font: TTFont, family: str) -> None:
    """Give ``font`` the family name ``family`` (regular style) in place of every name it had."""
    if "CFF " in font:
        raise SystemExit("renaming a CFF font would also need its CFF names changed")
    postscript = family.replace(" ", "") + "-Regular"
    names = font["name"]
    for name_id in (1, 2, 3, 4, 6, 16, 17, 18):
        names.removeNames(nameID=name_id)
    for name_id, value in ((1, family), (2, "Regular"), (3, f"{postscript};doctool"),
                           (4, family), (6, postscript)):
        names.setName(value, name_id, 3, 1, 0x409)


def subset_font(font: TTFont, gb2312: bool = False) -> None:
    """Cut ``font`` down to :data:`KEEP_RANGES` (see :func:`keep_codepoints`), dropping tables
    reportlab does not use."""
    options = subset.Options()
    options.layout_features = []
    options.drop_tables = [*options.drop_tables, *DROP_TABLES]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False
    options.desubroutinize = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep_codepoints(gb2312))
    subsetter.subset(font)


def cff_to_glyf(font: TTFont) -> None:
    """Replace the CFF outlines of ``font`` with quadratic TrueType outlines, in place."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType clockwise: reverse while converting
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    for tag in ("VORG",):
        if tag in font:
            del font[tag]

    # the left side bearing must equal xMin for TrueType rasterisers to place glyphs right
    hmtx = font["hmtx"]
    for name in glyph_order:
        glyph = glyf.glyphs[name]
        glyph.recalcBounds(glyf)
        advance, _ = hmtx.metrics[name]
        hmtx.metrics[name] = (advance, getattr(glyph, "xMin", 0) if glyph.numberOfContours else 0)

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(glyph_order)
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
        "maxPoints",
        "maxContours",
        "maxCompositePoints",
        "maxCompositeContours",
        "maxComponentDepth",
    ):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["maxp"] = maxp

    # post format 3 carries no glyph names: reportlab does not need them and they cost space
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def convert_face(face: CjkFace, out_dir: Path, root: Path = Path("/")) -> str:
    """Extract, subset and convert one CJK face; returns a one-line summary."""
    started = time.monotonic()
    source = rooted(root, face.source)
    if face.collection:
        font = TTCollection(source).fonts[SC_INDEX]
        family = font["name"].getDebugName(4)
        if "SC" not in family:
            raise SystemExit(f"{face.source.name}[{SC_INDEX}] is {family!r}, not the SC face")
    else:
        font = TTFont(source)
        family = font["name"].getDebugName(4)
    subset_font(font, face.gb2312)
    if "glyf" not in font:
        cff_to_glyf(font)
    if face.rename:
        rename_font(font, face.rename)
        family = f"{face.rename} (from {family})"
    # keep the source's head.modified date, so that running this again gives the same bytes
    font.recalcTimestamp = False
    out = out_dir / face.out
    tmp = out.with_suffix(".tmp")
    font.save(tmp)  # save() recomputes maxp, head bounds and loca from the new glyf table
    tmp.replace(out)
    # reopen to prove the file parses and lost no mapped character to the conversion
    check = TTFont(out)
    glyphs = len(check.getGlyphOrder())
    mapped = len(check.getBestCmap())
    size = out.stat().st_size / 1e6
    took = time.monotonic() - started
    return f"{face.out}: {family}, {glyphs} glyphs, {mapped} characters, {size:.1f} MB, {took:.0f} s"


def reportlab_subtable(font: TTFont) -> CmapSubtable:
    """The cmap subtable reportlab draws with: the last Unicode one listed, else Mac Roman."""
    chosen: CmapSubtable | None = None
    unicode = False
    for table in font["cmap"].tables:
        platform, encoding = table.platformID, table.platEncID
        if platform == 3 or (platform == 1 and encoding == 1) or (platform == 0 and encoding != 5):
            chosen, unicode = table, True
        elif platform == 1 and encoding == 0 and not unicode:
            chosen = table
    if chosen is None:
        raise SystemExit("no cmap subtable reportlab can read")
    return chosen


def character_map(path: Path) -> dict[str, Any]:
    """The character map of the font at ``path``, as ``<font>.json`` records it.

    ``cmap`` lists runs of consecutive characters drawn by consecutive glyphs, as
    ``[first character, last character, first glyph]``, in character order; characters that map
    to the missing glyph (0) are left out. ``format`` is the subtable's format, which decides
    how reportlab reads it; ``checksum`` (the file's own, from its head table) and ``sha256``
    tell the map of this very file from another's.
    """
    data = path.read_bytes()
    font = TTFont(path, lazy=True)
    table = reportlab_subtable(font)
    runs: list[list[int]] = []
    for char, name in sorted(table.cmap.items()):
        glyph = font.getGlyphID(name)
        if glyph == 0:
            continue
        if runs and runs[-1][1] == char - 1 and runs[-1][2] + char - runs[-1][0] == glyph:
            runs[-1][1] = char
        else:
            runs.append([char, char, glyph])
    return {
        "font": path.name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "checksum": font["head"].checkSumAdjustment,
        "format": table.format,
        "cmap": runs,
    }


def write_maps(out_dir: Path, names: list[str]) -> None:
    """Write ``<font>.json`` next to each bundled font (see :func:`character_map`)."""
    for name in names:
        path = out_dir / name
        record = character_map(path)
        # one run a line: small diffs when a font changes, and still compact
        runs = ",\n".join(json.dumps(run) for run in record["cmap"])
        head = json.dumps({k: v for k, v in record.items() if k != "cmap"}, indent=1)[:-2]
        path.with_suffix(".json").write_text(f'{head},\n "cmap": [\n{runs}\n]}}\n', encoding="utf-8")
        print(f"{path.with_suffix('.json').name}: character map")


def rooted(root: Path, path: Path) -> Path:
    """``path`` (absolute, as installed) inside the tree at ``root``."""
    return root / path.relative_to("/")


def ofl_text(root: Path = Path("/")) -> str:
    """The OFL 1.1 text, as Debian records it in a font package's copyright file."""
    found = [rooted(root, p) for p in OFL_COPYRIGHTS if rooted(root, p).is_file()]
    if not found:
        raise SystemExit(f"none of {', '.join(map(str, OFL_COPYRIGHTS))}: apt-get install fonts-noto-cjk")
    text = found[0].read_text(encoding="utf-8")
    match = re.search(r"^License: (?:SIL-1\.1|OFL-1\.1)\n((?: .*\n?)+)", text, re.MULTILINE)
    if match is None:
        raise SystemExit(f"no OFL text in {found[0]}")
    lines = [line[1:] for line in match.group(1).splitlines()]
    return "\n".join("" if line == "." else line for line in lines).strip() + "\n"


def copyright_lines(out_dir: Path, names: list[str]) -> list[str]:
    """The copyright notice (name ID 0) of each bundled font, once each."""
    seen: list[str] = []
    for name in names:
        notice = TTFont(out_dir / name, lazy=True)["name"].getDebugName(0)
        if notice and notice not in seen:
            seen.append(notice)
    return seen


def fandol_licence(root: Path = Path("/")) -> str:
    """FandolFang's licence file: what was changed, then the GPL 3 and its font exception."""
    path = rooted(root, FANDOL_COPYING)
    if not path.is_file():
        raise SystemExit(f"missing {FANDOL_COPYING}: apt-get install texlive-lang-chinese")
    copying = gzip.decompress(path.read_bytes()).decode("utf-8")
    if "As a special exception, if you create a document which uses this font" not in copying:
        raise SystemExit(f"{FANDOL_COPYING} no longer carries the font exception; read it again")
    return (
        "FandolFang-Regular.ttf: Copyright (c) 2012-2013, the Fandol team (Clerk Ma, Jie Su).\n\n"
        "Licensed under the GNU General Public License version 3 with the font exception\n"
        "quoted at the end of the text below: a document that embeds the font, or unaltered\n"
        "portions of it (the PDFs doctool writes embed a subset), is not thereby covered by\n"
        "the GPL.\n\n"
        "This is a modified version of FandolFang-Regular.otf (version 1.300, from the Debian\n"
        "package texlive-lang-chinese; upstream CTAN fonts/fandol): subset, OpenType layout\n"
        "dropped and CFF outlines converted to TrueType by tools/convert_fonts.py in doctool's\n"
        "source repository, which with that .otf file is the Corresponding Source of this\n"
        "version. The font exception is extended to this modified version.\n\n"
        "It is distributed alongside doctool, whose own code is MIT-licensed, as a separate\n"
        "work; doctool reads it as data and does not link it.\n\n"
        + "-" * 79 + "\n\n" + copying
    )


def write_notices(out_dir: Path, names: list[str], root: Path = Path("/")) -> None:
    """Write OFL.txt (copyright notices + licence), the Fandol licence and SOURCES.txt."""
    ofl_names = [n for n in names if n not in GPL_FACES]
    notices = copyright_lines(out_dir, ofl_names)
    header = "\n".join(notices)
    (out_dir / "OFL.txt").write_text(
        f"{header}\n\nThe fonts in this folder but {', '.join(sorted(GPL_FACES))} (see"
        f" {FANDOL_LICENCE})\nare licensed under the SIL Open Font License, Version 1.1."
        "\nThe Noto CJK fonts are Modified Versions (subset, outlines converted to TrueType),"
        "\nand so is Doctool Kai (LXGW WenKai subset and renamed); Noto Serif is unmodified."
        "\nSee SOURCES.txt.\n\n"
        f"{ofl_text(root)}",
        encoding="utf-8",
    )
    (out_dir / FANDOL_LICENCE).write_text(fandol_licence(root), encoding="utf-8")
    ranges = "\n".join(f"  U+{lo:04X}-U+{hi:04X}  {label}" for lo, hi, label in KEEP_RANGES)
    digests = "\n".join(
        f"  {hashlib.sha256((out_dir / n).read_bytes()).hexdigest()[:16]}  {n}" for n in names
    )
    noto = [f.source.name for f in CJK_FACES if f.collection]
    (out_dir / "SOURCES.txt").write_text(
        "Where these fonts come from (made by tools/convert_fonts.py; do not edit by hand)\n\n"
        "Noto Serif CJK SC Regular/Bold, Noto Sans CJK SC Bold (OFL 1.1):\n"
        "  Debian package fonts-noto-cjk (upstream https://github.com/notofonts/noto-cjk),\n"
        f"  member {SC_INDEX} (SC) of {', '.join(noto)}.\n"
        "  Subset to the ranges below (only characters the font has), OpenType layout and\n"
        "  vertical metrics dropped, CFF outlines converted to quadratic glyf outlines\n"
        f"  (fontTools cu2qu, max error {MAX_ERR} unit per 1000 em), glyph names dropped.\n"
        "  reportlab can embed only glyf fonts, hence the conversion.\n\n"
        "FandolFang Regular (仿宋; GPL 3 with the font exception, see FandolFang-LICENSE.txt):\n"
        "  Debian package texlive-lang-chinese (upstream CTAN fonts/fandol, the Fandol team),\n"
        "  FandolFang-Regular.otf version 1.300. Subset and converted as the Noto CJK faces.\n"
        "  It covers GB 2312 and about 1,200 more ideographs (7,942 of the CJK Unified\n"
        "  Ideographs block); doctool draws any character it lacks in Noto Serif CJK SC.\n\n"
        "Doctool Kai Regular (楷体; OFL 1.1), a Modified Version of LXGW WenKai Regular:\n"
        "  Debian package fonts-lxgw-wenkai (upstream https://github.com/lxgw/LxgwWenKai),\n"
        "  LXGWWenKai-Regular.ttf version 1.250, already glyf. Subset to GB 2312 and the\n"
        "  non-ideograph ranges below, OpenType layout and hinting dropped, and renamed, as\n"
        "  the Reserved Font Names 霞鹜 and LXGW may not name a modified copy. doctool draws a\n"
        "  character it lacks in Noto Serif CJK SC.\n\n"
        "Noto Serif Regular/Bold/Italic/BoldItalic (OFL 1.1):\n"
        "  Debian package fonts-noto-core (upstream https://github.com/notofonts/latin-greek-cyrillic),\n"
        "  copied unchanged (already glyf).\n\n"
        f"Ranges kept in the converted faces:\n{ranges}\n\n"
        "Not covered by any bundled font: emoji and other pictographs, kana, hangul, and\n"
        "CJK Extension B characters Noto lacks; doctool refuses to render them rather than\n"
        "drawing nothing.\n\n"
        f"SHA-256 (first 16 hex digits):\n{digests}\n",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    """Convert every face into ``--out`` (default: doctool/fonts)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    parser.add_argument("--jobs", type=int, default=3, help="faces converted at once")
    parser.add_argument("--maps-only", action="store_true",
                        help="only write the character maps of the fonts already in --out")
    parser.add_argument("--only", action="append", default=[], metavar="FILE",
                        help="make only this output file (repeatable); the others must be in --out")
    parser.add_argument("--root", type=Path, default=Path("/"),
                        help="read the font packages from this tree (dpkg -x) instead of /")
    args = parser.parse_args(argv)
    out_dir: Path = args.out
    root: Path = args.root
    out_dir.mkdir(parents=True, exist_ok=True)
    bundled = [f.out for f in CJK_FACES] + list(LATIN_FACES)
    if args.maps_only:
        write_maps(out_dir, bundled)
        return 0
    unknown = sorted(set(args.only) - set(bundled))
    if unknown:
        print(f"not a bundled font: {', '.join(unknown)}", file=sys.stderr)
        return 2
    wanted = set(args.only or bundled)
    convert = [f for f in CJK_FACES if f.out in wanted]
    copy = [(source, name) for source, name in COPIED_FACES if name in wanted]

    missing = [rooted(root, f.source) for f in convert] + [rooted(root, s) for s, _ in copy]
    missing = [p for p in missing if not p.exists()]
    missing += [out_dir / n for n in bundled if n not in wanted and not (out_dir / n).exists()]
    if missing:
        print(
            f"missing {', '.join(map(str, missing))}: apt-get install fonts-noto-cjk"
            " fonts-noto-core fonts-lxgw-wenkai texlive-lang-chinese",
            file=sys.stderr,
        )
        return 1

    for source, name in copy:
        if "glyf" not in TTFont(rooted(root, source), lazy=True):
            print(f"{name} has no glyf table; reportlab cannot embed it", file=sys.stderr)
            return 1
        shutil.copyfile(rooted(root, source), out_dir / name)
        print(f"{name}: copied")

    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for line in pool.map(convert_face, convert, [out_dir] * len(convert), [root] * len(convert)):
            print(line, flush=True)

    write_notices(out_dir, bundled, root)
    write_maps(out_dir, bundled)
    print(f"wrote OFL.txt, {FANDOL_LICENCE} and SOURCES.txt in {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
