"""Finding glossary terms in Chinese text, and their renderings in English text.

``TermMatcher`` runs one Aho-Corasick automaton (pyahocorasick) over the text, so finding every
term costs time linear in the text whatever the size of the term base. Matches are
leftmost-longest and never overlap: in 两江新区管委会 the longer term wins over 两江新区.

The automaton works on UTF-16 code units split into bytes (one character per byte):
pyahocorasick scans a node's children one by one, and over characters the root of a Chinese
glossary has thousands of them, over bytes at most 256. A Chinese character is two bytes (UTF-8
would take three, and a third more trie). Matches at odd offsets straddle two characters and
are dropped; offsets map back by halving, or by a forward walk when the text has characters
beyond the BMP (four bytes, one character).

In English, renderings are found as whole words, ignoring case (:func:`find_rendering`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import ahocorasick

from doctool.glossary.terms import Term, TermBase, TermKind
from doctool.model import Content, Text


def _as_bytes(text: str) -> str:
    """``text`` as its UTF-16-LE bytes, one character per byte."""
    return text.encode("utf-16-le").decode("latin-1")


def _first_of_each(terms: Iterable[Term]) -> dict[str, Term]:
    """``terms`` by their Chinese, the first one kept for a repeated form, blank ones left out."""
    chosen: dict[str, Term] = {}
    for term in terms:
        if term.zh:
            chosen.setdefault(term.zh, term)
    return chosen


@dataclass(frozen=True)
class Match:
    """A term found in a text: ``text[start:end] == term.zh``."""

    start: int
    end: int
    term: Term


class TermMatcher:
    """Finds the terms of a term base in text (first term wins for a repeated Chinese form).

    One automaton can serve several sets of terms: :meth:`select` gives a matcher for some of
    its terms that shares it, so a build constructs one and each stage picks what it needs.
    """

    def __init__(self, terms: Iterable[Term]) -> None:
        self._terms = _first_of_each(terms)
        self._automaton: ahocorasick.Automaton | None = None
        if self._terms:
            automaton = ahocorasick.Automaton()
            for zh, term in self._terms.items():
                automaton.add_word(_as_bytes(zh), term)
            automaton.make_automaton()
            self._automaton = automaton

    def select(self, terms: Iterable[Term]) -> TermMatcher:
        """A matcher for ``terms`` alone that shares this one's automaton.

        It finds what ``TermMatcher(terms)`` would and reports the terms given here; every
        Chinese form in ``terms`` must be one this matcher looks for (KeyError if not).
        """
        chosen = _first_of_each(terms)
        missing = next((zh for zh in chosen if zh not in self._terms), None)
        if missing is not None:
            raise KeyError(f"{missing} is not one of this matcher's terms")
        # no __init__: the automaton is shared, not built again
        view = TermMatcher.__new__(TermMatcher)
        view._terms = chosen
        view._automaton = self._automaton if chosen else None
        return view

    @property
    def terms(self) -> tuple[Term, ...]:
        """The terms this matcher looks for."""
        return tuple(self._terms.values())

    def term(self, zh: str) -> Term:
        """The term whose Chinese is ``zh``; KeyError if the matcher does not know it."""
        return self._terms[zh]

    def find_all(self, text: str) -> list[Match]:
        """Every occurrence of every term, overlapping ones included, in order of their ends."""
        if self._automaton is None or not text:
            return []
        raw = _as_bytes(text)
        astral = len(raw) != 2 * len(text)
        matches: list[Match] = []
        byte_at, char_at = 0, 0
        for last, found in self._automaton.iter(raw):
            end = last + 1
            # a shared automaton knows words this matcher was not given
            term = self._terms.get(found.zh)
            if end % 2 or term is None:
                continue  # an odd end straddles two characters: not a real match
            if astral:
                # byte ends come in ascending order, so one forward walk maps them all
                char_at += len(raw[byte_at:end].encode("latin-1").decode("utf-16-le"))
                byte_at = end
            else:
                char_at = end // 2
            matches.append(Match(char_at - len(term.zh), char_at, term))
        return matches

    def find(self, text: str) -> list[Match]:
        """Leftmost-longest, non-overlapping matches, in text order."""
        longest: dict[int, Match] = {}
        for match in self.find_all(text):
            best = longest.get(match.start)
            if best is None or match.end > best.end:
                longest[match.start] = match
        chosen: list[Match] = []
        position = 0
        for start in sorted(longest):
            if start >= position:
                chosen.append(longest[start])
                position = longest[start].end
        return chosen

    def contains(self, text: str, zh: str) -> bool:
        """True when term ``zh`` is matched in ``text`` (not just inside a longer term)."""
        if zh not in self._terms:
            raise KeyError(f"{zh} is not one of this matcher's terms")
        return any(match.term.zh == zh for match in self.find(text))


def content_names(content: Content) -> list[Term]:
    """The names ``content`` holds, as terms to match: programs, speakers and reporters.

    Each name comes as written and trimmed of spaces; its English is whatever the content has.
    """
    texts: list[tuple[Text, TermKind]] = [(p.name, "program") for p in content.programs]
    texts += [(s.name, "person") for s in content.speakers]
    texts += [(r, "person") for r in content.meeting.source.reporters]
    texts += [(r, "person") for b in content.blocks() for r in b.reporters]
    return [
        Term(zh, text.en, kind)
        for text, kind in texts
        for zh in dict.fromkeys((text.zh, text.zh.strip()))
    ]


def build_matcher(termbase: TermBase, content: Content) -> TermMatcher:
    """The one matcher a build needs: the glossary's terms and the names in ``content``.

    The translator, the checks and the layout each :meth:`~TermMatcher.select` their terms.
    """
    return TermMatcher([*termbase.terms, *content_names(content)])


# --- renderings in English -------------------------------------------------------------------


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    # whole words only: "Area" must not match inside "Areas" or "subarea"; ASCII word edges,
    # so that a rendering right next to Chinese characters is still found
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)", re.IGNORECASE | re.ASCII)


def contains_rendering(text: str, phrase: str) -> bool:
    """True when ``phrase`` occurs in ``text`` as whole words, ignoring case."""
    return bool(phrase) and _phrase_pattern(phrase).search(text) is not None


def find_rendering(
    text: str, phrase: str, *, outside: Sequence[str] = ()
) -> list[tuple[int, int]]:
    """Spans of ``phrase`` in ``text`` (whole words, any case), skipping those inside ``outside``.

    ``outside`` holds approved renderings: an outdated "New Area" is not reported inside an
    approved "Liangjiang New Area".
    """
    if not phrase:
        return []
    keep = [
        (m.start(), m.end())
        for other in outside
        if other
        for m in _phrase_pattern(other).finditer(text)
    ]
    return [
        (m.start(), m.end())
        for m in _phrase_pattern(phrase).finditer(text)
        if not any(s <= m.start() and m.end() <= e for s, e in keep)
    ]


def rewrite_rendering(text: str, old: str, new: str, *, keep: Sequence[str] = ()) -> str:
    """``text`` with each whole-word occurrence of ``old`` (any case) replaced by ``new``.

    Case-aware: where the old rendering was capitalised (at the start of a sentence) and the new
    one starts in lower case, the new one is capitalised too. Occurrences that are already part
    of ``new`` are left alone, so rewriting "Chongqing" as "Chongqing Municipality" is idempotent,
    and so are those inside any rendering in ``keep`` (the approved English of longer terms).
    """
    if not old or old == new:
        return text
    out: list[str] = []
    pos = 0
    for start, end in find_rendering(text, old, outside=[new, *keep]):
        found = text[start:end]
        replacement = new
        if found[:1].isupper() and new[:1].islower():
            replacement = new[:1].upper() + new[1:]
        out.append(text[pos:start])
        out.append(replacement)
        pos = end
    out.append(text[pos:])
    return "".join(out)
