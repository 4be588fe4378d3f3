"""Fuzzy translation-memory matches, with the numbers and terms that differ put right.

A segment the memory does not hold exactly may still be last year's sentence with this year's
figures (``2025年…增长8%`` beside an approved ``2024年…增长7%``). The memory is indexed by the
rarest characters of its normalised Chinese, so a lookup scores only the few units that share
them with the segment (rapidfuzz on a short list) instead of every unit. Numbers are
masked in the keys, so two sentences that differ only in figures score 100 and the figures are
substituted; the result is never approved: its origin is ``fuzzy`` and it needs review.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz

from doctool.glossary.matcher import TermMatcher
from doctool.glossary.memory import normalize_key
from doctool.translate.masking import Mask, mask

#: the lowest similarity (0-100) a fuzzy match may have, unless the caller asks otherwise
DEFAULT_THRESHOLD = 75
#: shorter texts (names, headings) are too short for a near match to mean anything
MIN_LENGTH = 6
#: how many of the units sharing the most bigrams are scored in full
SHORTLIST = 24
#: where rank characters start: Supplementary Private Use Area-A, above any text a report has
_RANK_BASE = 0xF0000
_FIRST_RANK = chr(_RANK_BASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")


def fuzzy_key(zh: str) -> str:
    """The text compared: the memory's normalised key with every number written ``#``."""
    return _NUMBER.sub("#", normalize_key(zh))


@dataclass(frozen=True)
class FuzzyMatch:
    """The best memory unit for a segment: its Chinese, its English, and the similarity."""

    zh: str
    en: str
    score: int


class FuzzyIndex:
    """The units of a memory indexed for fuzzy lookup by the rarest characters of each.

    Prefix filtering, as in set-similarity joins: the characters of every key are ranked by how
    rare they are in the whole memory, and a unit is filed under its few rarest only. Two
    sentences similar enough to score above the threshold share most of their characters, so
    they share rare ones too: a lookup gathers the units filed under the segment's rarest
    characters, keeps those that share the most, and scores only them. Filing a few characters
    per unit keeps both the index and a lookup small where common characters (的, 发, 展) would
    otherwise list most of the memory.
    """

    #: characters a unit is filed under, and characters of a segment looked up
    FILED = 6
    PROBED = 10

    def __init__(self, units: Iterable[tuple[str, str]]) -> None:
        self._units = [(fuzzy_key(zh), zh, en) for zh, en in units if en]
        frequency = Counter("".join(key for key, _, _ in self._units))
        # each character written as its rank (the rarest first) in a private range, so that
        # sorting a key's characters in C orders them by rarity: no key function per character
        ranked = sorted(frequency, key=lambda c: (frequency[c], c))
        self._rank = str.maketrans({c: chr(_RANK_BASE + i) for i, c in enumerate(ranked)})
        self._postings: dict[str, list[int]] = {}
        for index, (key, _, _) in enumerate(self._units):
            for char in self._rarest(key, self.FILED):
                self._postings.setdefault(char, []).append(index)

    def __len__(self) -> int:
        return len(self._units)

    def _rarest(self, key: str, count: int) -> list[str]:
        # a character the memory never has keeps its own code point, below every rank: it
        # has no postings, so it is left out rather than let it take a rare character's place
        return [c for c in sorted(set(key.translate(self._rank))) if c >= _FIRST_RANK][:count]

    def best(self, zh: str, threshold: int = DEFAULT_THRESHOLD) -> FuzzyMatch | None:
        """The most similar unit scoring at least ``threshold``, or None.

        A sentence is matched with sentences only, and a name or heading with its like: the
        English of 启明星计划 is no translation of 实施启明星计划。, however similar the two score.
        """
        key = fuzzy_key(zh)
        if len(key) < MIN_LENGTH:
            return None
        sentence = _is_sentence(key)
        shared: Counter[int] = Counter()
        for char in self._rarest(key, self.PROBED):
            shared.update(self._postings.get(char, ()))
        best: FuzzyMatch | None = None
        for index, _ in shared.most_common(SHORTLIST):
            unit_key, unit_zh, unit_en = self._units[index]
            if _is_sentence(unit_key) != sentence:
                continue
            score = fuzz.ratio(key, unit_key, score_cutoff=threshold)
            if score and (best is None or score > best.score):
                best = FuzzyMatch(unit_zh, unit_en, round(score))
        return best


def _is_sentence(key: str) -> bool:
    return key.rstrip("”’」』）)").endswith(("。", "！", "？", "；", "…", ".", "!", "?"))


def _shape(en: str) -> str:
    return _DIGITS.sub("#", en)


def _replace_once(text: str, old: str, new: str) -> str | None:
    """``text`` with the one whole occurrence of ``old`` replaced; None if not exactly one."""
    pattern = re.compile(rf"(?<![\w.,]){re.escape(old)}(?![\w]|[.,]\d)")
    found = list(pattern.finditer(text))
    if len(found) != 1:
        return None
    match = found[0]
    return text[: match.start()] + new + text[match.end() :]


def _substitute(en: str, old: Mask, new: Mask) -> str | None:
    whole = _replace_once(en, old.en, new.en)
    if whole is not None:
        return whole
    # the memory may word a figure its own way ("around 7%"): change the digits only, when the
    # two renderings differ in nothing else
    old_digits, new_digits = _DIGITS.findall(old.en), _DIGITS.findall(new.en)
    if _shape(old.en) != _shape(new.en) or len(old_digits) != len(new_digits):
        return None
    for a, b in zip(old_digits, new_digits, strict=True):
        if a != b:
            replaced = _replace_once(en, a, b)
            if replaced is None:
                return None
            en = replaced
    return en


def adapt(match: FuzzyMatch, zh: str, matcher: TermMatcher) -> str | None:
    """The match's English with the terms and numbers where ``zh`` differs substituted.

    None when the two do not line up one for one (a term or figure added or dropped), or when
    the English of a differing term or figure cannot be found in the match's English: then the
    match is no help and the segment goes to machine translation.
    """
    old, new = mask(match.zh, matcher).masks, mask(zh, matcher).masks
    if len(old) != len(new):
        return None
    en = match.en
    for a, b in zip(old, new, strict=True):
        if a.token[1] != b.token[1]:
            return None  # a term where there was a figure, or the reverse
        if a.zh == b.zh:
            continue
        replaced = _substitute(en, a, b)
        if replaced is None:
            return None
        en = replaced
    return en
