"""Chinese personal names in Hanyu Pinyin, the way GB/T 28039-2011 writes them.

Surname first, then the given name; each capitalised, syllables of one part joined
(王志杰 → Wang Zhijie, 欧阳修 → Ouyang Xiu), an apostrophe where a syllable starting
with a, o or e would otherwise run into the one before (张西安 → Zhang Xi'an), ü kept as ü.

pypinyin reads characters the way they are read in running text, which is wrong for many
surnames (单 is dan in text, Shan as a surname; 曾 ceng / Zeng; 解 jie / Xie); pypinyin has
no surname mode, so the surname readings come from doctool.surnames.
"""

from __future__ import annotations

import re
import unicodedata

from doctool.cjk import has_han
from doctool.surnames import COMPOUND_SURNAMES, SURNAME_READINGS, clean_name, split_name

# separators inside transliterated minority and foreign names: 阿不都·热合曼
_NAME_PARTS = re.compile(r"[·•・‧.\-]")


def romanize_name(name: str) -> str:
    """A Chinese personal name in Pinyin, surname first: 王志杰 → "Wang Zhijie"."""
    if not has_han(name):
        return " ".join(unicodedata.normalize("NFC", name).split())
    name = clean_name(name)
    if _NAME_PARTS.search(name):
        # transliterated names have no surname in front; each part is written on its own
        return " ".join(_word(_syllables(p)) for p in _NAME_PARTS.split(name) if p)
    surname, given = split_name(name)
    family = _surname_syllables(surname)
    if not given:
        return _word(family)
    return f"{_word(family)} {_word(_syllables(given))}"


def romanize(text: str) -> str:
    """Any Chinese text in Pinyin, syllables of the whole text joined and capitalised."""
    text = clean_name(text)
    return _word(_syllables(text)) if text else ""


def _surname_syllables(surname: str) -> list[str]:
    if surname in COMPOUND_SURNAMES:
        reading = COMPOUND_SURNAMES[surname]
        # keep the syllable boundary so an apostrophe can be placed if one is needed
        first = _syllables(surname[0])[0]
        if reading.startswith(first):
            return [first, reading[len(first):]]
        return [reading]
    if surname in SURNAME_READINGS:
        return [SURNAME_READINGS[surname]]
    return _syllables(surname)


def _syllables(text: str) -> list[str]:
    # imported here: loading pypinyin's dictionaries takes about 0.2 s, and most builds find
    # every name in the glossary
    from pypinyin import Style, lazy_pinyin

    return [s for s in lazy_pinyin(text, style=Style.NORMAL, v_to_u=True) if s.strip()]


def _word(syllables: list[str]) -> str:
    """Syllables joined into one word, capitalised, with apostrophes where the rules want them."""
    word = ""
    for syllable in syllables:
        if word and syllable[:1] in "aoe":
            word += "'"
        word += syllable
    return word[:1].upper() + word[1:]
