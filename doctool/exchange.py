"""A build's segments for translators in a CAT tool, and what their returned targets may approve.

Export: one XLIFF unit per segment, in reading order, with its state from the segment's origin
and notes a translator needs (the glossary terms in it with their approved English, who says
it, what the checks found). Import: every unit must belong to the build and carry the source it
was exported with; a target the translator finished is approved into the memory only if the
term, forbidden-rendering, number and placeholder checks pass on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from doctool.check import Finding, check
from doctool.check.base import units as check_units
from doctool.errors import ExchangeError
from doctool.glossary.matcher import TermMatcher
from doctool.glossary.memory import Memory, memory_lock, memory_path, normalize_key
from doctool.glossary.terms import TermBase
from doctool.model import Block, Content, Meeting, Section, Segment, Text
from doctool.xliff import APPROVED_STATES, Note, TransUnit, XliffFile, state_of

if TYPE_CHECKING:
    from doctool.translate.translator import Glossary

#: checks an imported target must pass to be approved (the others judge the whole pack)
GATE_CHECKS = ("term", "forbidden", "number", "placeholder")


def export_document(
    content: Content, termbase: TermBase, memory: Memory, findings: Iterable[Finding], name: str
) -> XliffFile:
    """Every segment and short text of a build as XLIFF units, with glossary, speaker and QA notes.

    Short texts (the headline, headings, speakers' titles, program names) are units too, with
    their label as id, so a translator can finish the whole pack, not just its sentences.
    """
    matcher = TermMatcher(termbase.terms)
    by_label: dict[str, list[Finding]] = {}
    for finding in findings:
        by_label.setdefault(finding.segment, []).append(finding)
    segments = {segment.id: segment for segment in content.segments()}
    speakers: dict[str, str] = {}
    for block in content.blocks():
        speaker = content.speaker(block.speaker)
        if speaker is not None:
            who = "，".join(t for t in (speaker.name.zh, speaker.organization.zh + speaker.title.zh) if t)
            speakers.update((segment.id, who) for segment in block.segments)
    units = []
    for unit in check_units(content):
        notes = [Note("glossary", f"{m.term.zh} → {m.term.en}") for m in matcher.find(unit.zh)]
        if unit.label in speakers:
            notes.append(Note("speaker", speakers[unit.label]))
        notes += [Note("qa", f"{f.severity} [{f.check}] {f.message}") for f in by_label.get(unit.label, [])]
        segment = segments.get(unit.label)
        if segment is not None:
            target = segment.en if segment.origin != "none" else ""
            state = state_of(segment.origin)
        else:
            target = unit.en
            state = _short_text_state(unit.zh, unit.en, termbase, memory)
        units.append(TransUnit(unit.label, unit.zh, target, state, tuple(notes)))
    return XliffFile(name, tuple(units))


def _short_text_state(zh: str, en: str, termbase: TermBase, memory: Memory) -> str:
    """Final when the glossary or the memory approved the English; else it needs review."""
    if not en.strip():
        return "new"
    term = termbase.get(zh.strip())
    approved = {memory.lookup(zh), term.en if term is not None else None}
    return "final" if en in approved else "needs-review-translation"


@dataclass(frozen=True)
class Refusal:
    """A finished target that is not approved, and the finding that stops it."""

    id: str
    finding: Finding


@dataclass
class ImportPlan:
    """What an import would do: targets to approve, targets refused, units passed over."""

    approve: list[tuple[Segment, str]] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    #: units not finished in the CAT tool (state new or needing review), or with no target
    unfinished: int = 0
    #: finished targets the memory or the glossary already holds word for word
    unchanged: int = 0


def finished_by_state(unit: TransUnit) -> bool:
    """A target is the translator's when its XLIFF state says translated, final or signed off."""
    return unit.state in APPROVED_STATES


def check_belong(content: Content, units: Sequence[TransUnit], name: str) -> dict[str, str]:
    """The Chinese of every unit's segment; ExchangeError for a unit the build does not have.

    A unit whose source differs from the segment's Chinese is refused too: its translation
    would be approved for a sentence nobody translated.
    """
    known = {unit.label: unit.zh for unit in check_units(content)}
    seen: set[str] = set()
    for unit in units:
        if unit.id in seen:
            raise ExchangeError(f"{name}: unit {unit.id} appears twice; keep one and import again")
        seen.add(unit.id)
        zh = known.get(unit.id)
        if zh is None:
            raise ExchangeError(
                f"{name}: unit {unit.id} is not a segment of this build; export the XLIFF "
                "again from the current build and translate that"
            )
        if normalize_key(unit.source) != normalize_key(zh):
            raise ExchangeError(
                f"{name}: the source of unit {unit.id} was changed ({unit.source[:20]}… is not "
                f"{zh[:20]}…); translate the target only, or export the XLIFF again"
            )
    return known


def plan_import(
    content: Content,
    units: Sequence[TransUnit],
    termbase: TermBase,
    memory: Memory,
    name: str,
    finished: Callable[[TransUnit], bool] = finished_by_state,
) -> ImportPlan:
    """Match returned units to the build's segments and gate each finished target by the checks.

    Raises ExchangeError, before anything is written, for a unit the build does not have or
    whose source differs from the segment's Chinese.
    """
    known = check_belong(content, units, name)
    plan = ImportPlan()
    candidates: dict[str, Segment] = {}
    for unit in units:
        zh = known[unit.id]
        target = unit.target.strip()
        if not finished(unit) or not target:
            plan.unfinished += 1
            continue
        term = termbase.get(zh.strip())
        if target in (memory.lookup(zh), term.en if term is not None else None):
            plan.unchanged += 1
            continue
        candidates[unit.id] = Segment(unit.id, zh, target, "memory")
    if candidates:
        # every candidate checked as a segment of its own, beside the report's speakers (whose
        # names the checks know), so a short text is held to the same rules as a sentence
        trial = Content(
            Meeting(Text("")),
            (Section("import", None, (Block("import.b1", "paragraph", tuple(candidates.values())),)),),
            speakers=content.speakers,
        )
        blocking: dict[str, Finding] = {}
        for finding in check(trial, termbase, only=GATE_CHECKS):
            if finding.severity == "error" and finding.segment in candidates:
                blocking.setdefault(finding.segment, finding)
        for unit_id, segment in candidates.items():
            if unit_id in blocking:
                plan.refused.append(Refusal(unit_id, blocking[unit_id]))
            else:
                plan.approve.append((segment, segment.en))
    return plan


def apply_plan(plan: ImportPlan, memory: Memory) -> int:
    """Write the approved targets into ``memory`` (the caller holds its lock and saves it)."""
    for segment, en in plan.approve:
        memory.set(segment.zh, en)
    return len(plan.approve)


def approve_units(
    content: Content,
    units: Sequence[TransUnit],
    glossary: Glossary,
    name: str,
    finished: Callable[[TransUnit], bool] = finished_by_state,
    guard: Callable[[Memory], None] | None = None,
) -> ImportPlan:
    """Gate ``units`` and approve the good ones into the glossary's memory.tmx, locked and atomic.

    ``glossary`` is the one that applies to ``content`` (its place's terms). ``guard`` sees
    the memory as it is under the lock and may refuse the approval by raising.
    """
    check_belong(content, units, name)  # before the lock: a refused file leaves no trace
    path = memory_path(glossary.folder)
    with memory_lock(path):
        # read again under the lock: another edit may have landed since the glossary was opened
        memory = Memory.load(path)
        if guard is not None:
            guard(memory)
        plan = plan_import(content, units, glossary.termbase, memory, name, finished)
        if plan.approve:
            apply_plan(plan, memory)
            memory.save(path)
    return plan
