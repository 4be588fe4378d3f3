"""A glossary as it applies to one report's place: scoped terms, and memory units that use them.

A term scoped to a place (``place:重庆``) that does not apply to a report is neither enforced,
masked nor listed in its annex; nor is a memory unit whose English renders that term, since
it was approved for the other place (市委经济工作会议 as the Chongqing committee's conference).
"""

from __future__ import annotations

from doctool.glossary.matcher import TermMatcher, contains_rendering
from doctool.glossary.memory import Memory, Unit
from doctool.glossary.terms import Term, TermBase
from doctool.model import Content


def report_place(content: Content, override: str | None = None) -> str | None:
    """The place a report is from: ``override`` (``--place``), else its meeting's place."""
    place = (override or content.meeting.place.zh).strip()
    return place or None


def foreign_renderings(termbase: TermBase, place: str | None) -> dict[str, list[str]]:
    """Renderings of scoped terms that do not apply to ``place``, by their Chinese.

    A rendering the place's own term shares is not foreign.
    """
    here = termbase.for_place(place)
    foreign: dict[str, list[str]] = {}
    for term in termbase.rows:
        if term.scope and not term.applies_to(place):
            own = here.get(term.zh)
            if own is None or own.en != term.en:
                foreign.setdefault(term.zh, []).append(term.en)
    return foreign


def memory_for_place(memory: Memory, termbase: TermBase, place: str | None) -> Memory:
    """``memory`` without the units that render a scoped term which does not apply to ``place``."""
    foreign = foreign_renderings(termbase, place)
    if not foreign:
        return memory
    matcher = TermMatcher(Term(zh, "", "term") for zh in foreign)

    def renders_foreign(unit: Unit) -> bool:
        found = {match.term.zh for match in matcher.find_all(unit.zh)}
        return any(contains_rendering(unit.en, en) for zh in found for en in foreign[zh])

    return Memory((unit for unit in memory if not renders_foreign(unit)), memory.path)
