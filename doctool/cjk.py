"""Chinese characters: the one definition of a Han ideograph that every layer matches with.

The class covers the CJK Unified Ideographs (U+4E00-U+9FFF), Extension A (U+3400-U+4DBF), the
CJK Compatibility Ideographs (U+F900-U+FAFF) and the Supplementary and Tertiary Ideographic
Planes (U+20000-U+3FFFF: Extensions B to I and the compatibility supplement). Rare characters
in personal and place names live in the extensions; punctuation, kana and Hangul do not count.
"""

from __future__ import annotations

import re

#: the body of a regular-expression character class, to combine with others: rf"[{HAN}·]"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff"
#: one Han ideograph
HAN_CHAR = re.compile(f"[{HAN}]")
_HAN_RUN = re.compile(f"[{HAN}]+")


def has_han(text: str) -> bool:
    """True when ``text`` holds at least one Han ideograph."""
    return HAN_CHAR.search(text) is not None


def is_han(text: str) -> bool:
    """True when ``text`` is not empty and every character of it is a Han ideograph."""
    return _HAN_RUN.fullmatch(text) is not None
