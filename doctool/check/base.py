"""What every check takes and returns: the content to check, and findings."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from doctool.glossary.matcher import TermMatcher, contains_rendering, find_rendering
from doctool.glossary.terms import TermBase
from doctool.model import Content, labelled_texts

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    """One problem in the translated content: which check, how bad, where, what to do."""

    check: str
    severity: Severity
    segment: str
    message: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.message} [{self.check}]"


@dataclass(frozen=True)
class CheckInput:
    """The content to check, its term base, matchers for its terms and names, the strictness."""

    content: Content
    termbase: TermBase
    #: finds the term base's terms
    matcher: TermMatcher
    #: finds the names of the content's programs, speakers and reporters
    names: TermMatcher
    strict: bool = False


#: a check: its docstring's first line is its title; it returns findings and never raises
Check = Callable[[CheckInput], list[Finding]]

_QUOTES = str.maketrans({"“": '"', "”": '"', "″": '"', "‘": "'", "’": "'", "‐": "-", "‑": "-",
                         "–": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """``text`` for comparing renderings: case-folded, straight quotes, single spaces."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).casefold().strip()


def has_phrase(text: str, phrase: str) -> bool:
    """True when ``phrase`` is in ``text`` as whole words, ignoring case, quote style, spacing.

    Word edges are ASCII ones, so a rendering right next to Chinese characters still counts.
    """
    return contains_rendering(fold(text), fold(phrase))


def phrase_spans(text: str, phrase: str, *, outside: Sequence[str] = ()) -> list[str]:
    """The occurrences of ``phrase`` in ``text`` (as folded text), skipping any inside ``outside``."""
    folded = fold(text)
    spans = find_rendering(folded, fold(phrase), outside=[fold(o) for o in outside])
    return [folded[start:end] for start, end in spans]


@dataclass(frozen=True)
class Unit:
    """A checkable piece of content: a segment or a short text, with a label naming it."""

    label: str
    zh: str
    en: str
    is_segment: bool


def units(content: Content) -> list[Unit]:
    """Every segment and every non-empty short text of ``content``, in reading order."""
    texts = labelled_texts(content)
    meeting = [Unit(label, t.zh, t.en, False) for label, t in texts if label.startswith("meeting.")]
    by_label = {label: t for label, t in texts}
    body: list[Unit] = []
    for section in content.sections:
        heading = by_label.get(f"{section.id}.heading")
        if heading is not None:
            body.append(Unit(f"{section.id}.heading", heading.zh, heading.en, False))
        for block in section.blocks:
            body += [Unit(s.id, s.zh, s.en, True) for s in block.segments]
            body += [
                Unit(label, t.zh, t.en, False)
                for label, t in texts
                if label.startswith(f"{block.id}.reporters.")
            ]
    rest = [
        Unit(label, t.zh, t.en, False)
        for label, t in texts
        if label.startswith(("speakers.", "targets.", "programs."))
    ]
    return meeting + body + rest
