"""The review page: each segment in Chinese and English, its origin, terms and findings; approvals.

Segments are grouped as the report has them, by section and paragraph, a statement under its
speaker. Approving a segment's English puts it into the translation memory through the same
gate as ``doctool xliff import`` (the term, forbidden, number and placeholder checks), and
then the pack is rebuilt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from doctool.check import Finding
from doctool.check.base import has_phrase
from doctool.errors import DoctoolError
from doctool.glossary.matcher import TermMatcher
from doctool.glossary.terms import Term
from doctool.model import Origin, Speaker, Text
from doctool.serve.csrf import checked_form
from doctool.serve.project import Snapshot
from doctool.serve.web import Note, answer, editor, render

#: the filters of the page, by their query value, with their labels
FILTERS: dict[str, str] = {
    "all": "All",
    "unapproved": "To approve",
    "untranslated": "Untranslated",
    "fuzzy": "Fuzzy",
    "mt": "Machine",
    "findings": "With findings",
}


@dataclass(frozen=True)
class Row:
    """One segment as the page shows it."""

    id: str
    #: the Chinese cut into plain stretches and glossary terms
    pieces: tuple[tuple[str, Term | None], ...]
    en: str
    origin: Origin
    score: int | None
    approved: bool
    findings: tuple[Finding, ...]
    #: the glossary terms in the Chinese, and whether the English carries each one's rendering
    terms: tuple[tuple[Term, bool], ...]

    def shows(self, show: str) -> bool:
        """True when the row belongs under filter ``show``."""
        return {
            "unapproved": not self.approved,
            "untranslated": self.origin == "none" or not self.en.strip(),
            "fuzzy": self.origin == "fuzzy",
            "mt": self.origin == "mt",
            "findings": bool(self.findings),
        }.get(show, True)


@dataclass(frozen=True)
class Group:
    """A paragraph of the report: its kind, its speaker for a statement, its segments."""

    id: str
    kind: str
    speaker: Speaker | None
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Part:
    """A section: its heading (and findings on it) and its paragraphs."""

    id: str
    heading: Text | None
    findings: tuple[Finding, ...]
    groups: tuple[Group, ...]


def pieces(zh: str, matcher: TermMatcher) -> tuple[tuple[str, Term | None], ...]:
    """``zh`` cut at the glossary terms it holds: (text, term or None), in order."""
    out: list[tuple[str, Term | None]] = []
    at = 0
    for match in matcher.find(zh):
        if match.start > at:
            out.append((zh[at:match.start], None))
        out.append((zh[match.start:match.end], match.term))
        at = match.end
    if at < len(zh):
        out.append((zh[at:], None))
    return tuple(out)


def message_of(finding: Finding) -> str:
    """A finding's message without the label it starts with (the page shows where it is)."""
    return finding.message.removeprefix(f"{finding.segment}: ")


def review_model(snap: Snapshot) -> list[Part]:
    """Every section, paragraph and segment of the build, with what the page shows of each."""
    if snap.content is None:
        return []
    content = snap.content
    matcher = TermMatcher(snap.glossary.termbase.terms)
    memory = snap.glossary.memory
    by_label: dict[str, list[Finding]] = {}
    for finding in snap.findings:
        by_label.setdefault(finding.segment, []).append(finding)
    parts: list[Part] = []
    for section in content.sections:
        groups: list[Group] = []
        for block in section.blocks:
            rows = []
            for seg in block.segments:
                approved = memory.lookup(seg.zh)
                # an approval waiting for the rebuild already shows what the pack will say
                en = approved if snap.pending and approved else seg.en
                found = tuple(dict.fromkeys(m.term for m in matcher.find(seg.zh)))
                rows.append(Row(
                    seg.id, pieces(seg.zh, matcher), en, seg.origin, seg.score,
                    seg.origin == "memory" or approved is not None,
                    tuple(by_label.get(seg.id, ())),
                    tuple((term, bool(en.strip()) and has_phrase(en, term.en)) for term in found),
                ))
            groups.append(Group(block.id, block.kind, content.speaker(block.speaker), tuple(rows)))
        heading = tuple(by_label.get(f"{section.id}.heading", ()))
        parts.append(Part(section.id, section.heading, heading, tuple(groups)))
    return parts


def shown(parts: list[Part], show: str) -> list[Part]:
    """The parts, paragraphs and segments filter ``show`` keeps (a heading's findings count)."""
    out: list[Part] = []
    for part in parts:
        groups = [replace(g, rows=tuple(r for r in g.rows if r.shows(show))) for g in part.groups]
        groups = [g for g in groups if g.rows]
        if groups or (show == "findings" and part.findings):
            out.append(replace(part, groups=tuple(groups)))
    return out


def counts(parts: list[Part]) -> dict[str, int]:
    """How many segments each filter shows."""
    rows = [row for part in parts for group in part.groups for row in group.rows]
    return {name: sum(row.shows(name) for row in rows) for name in FILTERS}


async def page(request: Request) -> Response:
    """GET /review: the segments, under the filter ``show``."""
    show = request.query_params.get("show", "all")
    show = show if show in FILTERS else "all"
    snap = await run_in_threadpool(editor(request).project.snapshot)
    parts = review_model(snap)
    others = [f for f in snap.findings if snap.segment(f.segment) is None
              and not f.segment.endswith(".heading")]
    return render(request, "review.html", {
        "parts": shown(parts, show), "show": show, "filters": FILTERS, "counts": counts(parts),
        "pending": snap.pending, "others": others, "message_of": message_of,
        "has_build": snap.content is not None,
    })


async def approve(request: Request) -> Response:
    """POST /review/approve: approve a segment's English into the memory, then rebuild."""
    form = await checked_form(request)
    ed = editor(request)
    segment = str(form.get("segment", ""))
    en = str(form.get("en", ""))
    show = str(form.get("show", "all"))
    to = f"/review?show={show if show in FILTERS else 'all'}"
    if not en.strip():
        return answer(request, Note("error", f"{segment}: the English is empty; write it first"), to,
                      f"#seg-{segment}")
    try:
        shown = form.get("shown")
        plan = await run_in_threadpool(ed.project.approve, segment, en,
                                       shown if isinstance(shown, str) else None)
    except DoctoolError as exc:
        return answer(request, Note("error", str(exc)), to, f"#seg-{segment}")
    if plan.refused:
        finding = plan.refused[0].finding
        note = Note("error", f"{segment} not approved: {message_of(finding)}")
    elif plan.unchanged:
        note = Note("info", f"{segment}: the memory already holds this English")
    else:
        ed.rebuilder.request()
        note = Note("ok", f"{segment} approved into the translation memory; the pack is being rebuilt")
    return answer(request, note, to, f"#seg-{segment}", approved=not plan.refused, segment=segment)
