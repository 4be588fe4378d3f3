"""Consistency checks on translated content: a registry of checks and the qa.json report.

Each check takes a :class:`CheckInput` and returns findings; none raises, so one run lists
every problem. ``CHECKS`` maps each check's name (the ``check`` key of a finding) to it; the
first line of its docstring is its title.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import asdict
from typing import Any

from doctool.check import numbers, segments, terms
from doctool.check.base import Check, CheckInput, Finding, Severity, units
from doctool.glossary.matcher import TermMatcher, build_matcher, content_names
from doctool.glossary.terms import TermBase
from doctool.model import ORIGINS, Content

__all__ = ["CHECKS", "Check", "CheckInput", "Finding", "Severity", "check", "qa_report", "title"]

#: check name → check, in the order they run and are reported
CHECKS: dict[str, Check] = {
    "term": terms.term,
    "forbidden": terms.forbidden,
    "number": numbers.number,
    "target": numbers.target,
    "consistency": terms.consistency,
    "untranslated": segments.untranslated,
    "fuzzy": segments.fuzzy,
    "placeholder": segments.placeholder,
}


def title(name: str) -> str:
    """The title of check ``name``: the first line of its docstring."""
    doc = CHECKS[name].__doc__ or name
    return doc.strip().splitlines()[0]


def check(
    content: Content,
    termbase: TermBase,
    *,
    strict: bool = False,
    only: Iterable[str] | None = None,
    matcher: TermMatcher | None = None,
) -> list[Finding]:
    """Run every check (or those named in ``only``) and return the findings in reading order.

    ``matcher`` is the build's (see :func:`~doctool.glossary.matcher.build_matcher`); without
    one, one is built for this content.
    """
    if matcher is None:
        matcher = build_matcher(termbase, content)
    ctx = CheckInput(
        content, termbase, matcher.select(termbase.terms), matcher.select(content_names(content)),
        strict,
    )
    names = list(only) if only is not None else list(CHECKS)
    unknown = [n for n in names if n not in CHECKS]
    if unknown:
        raise KeyError(f"unknown check {unknown[0]!r}; known: {', '.join(CHECKS)}")
    findings = [f for name in names for f in CHECKS[name](ctx)]
    order = {unit.label: i for i, unit in enumerate(units(content))}
    # stable: within one place, findings keep the order of CHECKS
    return sorted(findings, key=lambda f: order.get(f.segment, len(order)))


def qa_report(content: Content, findings: Iterable[Finding]) -> dict[str, Any]:
    """The qa.json document: segment counts, origins, error and warning counts, findings."""
    findings = list(findings)
    segs = list(content.segments())
    origins: Mapping[str, int] = Counter(s.origin for s in segs)
    severities = Counter(f.severity for f in findings)
    return {
        "segments": len(segs),
        "untranslated": sum(1 for s in segs if s.origin == "none" or not s.en.strip()),
        "origins": {origin: origins.get(origin, 0) for origin in ORIGINS},
        "errors": severities.get("error", 0),
        "warnings": severities.get("warning", 0),
        "findings": [asdict(f) for f in findings],
    }
