"""Checks on the English as a whole: something is there, and no masking token is left in it."""

from __future__ import annotations

import re

from doctool.check.base import CheckInput, Finding, Severity, units
from doctool.translate.masking import DAMAGED_TOKEN

_TOKEN = re.compile(r"⟦[^⟦⟧]{0,12}⟧|[⟦⟧]")


def untranslated(ctx: CheckInput) -> list[Finding]:
    """Every segment and heading has English.

    A warning for each piece without English (no memory entry and no MT model); an error when
    the check runs strictly.
    """
    severity: Severity = "error" if ctx.strict else "warning"
    return [
        Finding(
            "untranslated", severity, unit.label,
            f"{unit.label}: not translated; add it to glossary/memory.tmx, or install a model "
            "with doctool models install FILE.argosmodel and translate again",
        )
        for unit in units(ctx.content)
        if unit.zh.strip() and not unit.en.strip()
    ]


def fuzzy(ctx: CheckInput) -> list[Finding]:
    """English adapted from a fuzzy memory match is reviewed before it is approved.

    A warning for each such segment, with the match's similarity: its figures and terms were
    put right, but the rest of the sentence is last time's.
    """
    return [
        Finding(
            "fuzzy", "warning", segment.id,
            f"{segment.id}: adapted from a {segment.score}% memory match; review it and approve "
            "it with doctool xliff import (or add it to glossary/memory.tmx)",
        )
        for segment in ctx.content.segments()
        if segment.origin == "fuzzy"
    ]


def placeholder(ctx: CheckInput) -> list[Finding]:
    """No masking token is left in the English.

    A ``⟦T1⟧`` or ``⟦N1⟧`` token (or a stray bracket of one) in the English means a term or
    number was lost on the way through machine translation (error); a bare ``T1`` or ``N2``
    looks like one the model garbled (warning).
    """
    findings: list[Finding] = []
    for unit in units(ctx.content):
        found = _TOKEN.findall(unit.en)
        if found:
            findings.append(Finding(
                "placeholder", "error", unit.label,
                f"{unit.label}: masking token {found[0]} left in the English; translate again "
                "with doctool translate, or fix the text in glossary/memory.tmx",
            ))
        elif unit.is_segment and (damaged := DAMAGED_TOKEN.search(unit.en)):
            # T1 or N2 on its own is most likely a token the model garbled, rarely real English
            findings.append(Finding(
                "placeholder", "warning", unit.label,
                f"{unit.label}: {damaged[0]!r} in the English looks like a damaged masking "
                "token; check the translation, or put an approved one in glossary/memory.tmx",
            ))
    return findings
