"""The one correction doctool makes to reportlab: ToUnicode maps right beyond U+FFFF.

reportlab writes each code point of a subset's ToUnicode CMap as ``<%04X>``, so 𠮷 (U+20BB7)
becomes the five digits ``20BB7`` and text extraction, copy and paste, and search return ₻
(U+20BB). A ToUnicode CMap holds UTF-16BE, which needs a surrogate pair there: ``<D842DFB7>``.
Chinese names reach into CJK Extension B, so the map is written here instead; for the BMP it
is what reportlab writes, byte for byte.
"""

from __future__ import annotations

import functools


def _utf16_hex(code: int) -> str:
    """A code point as the hex digits of its UTF-16BE form (a surrogate pair above U+FFFF)."""
    return chr(code).encode("utf-16-be").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap for one font subset, correct for characters beyond U+FFFF."""
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
def install() -> None:
    """Have reportlab write :func:`to_unicode_cmap` for every TrueType subset (once a process)."""
    from reportlab.pdfbase import ttfonts

    # reportlab offers no hook for this map: its module function is the only way in
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
