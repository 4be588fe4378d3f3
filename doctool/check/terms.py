"""Glossary checks: approved renderings present, outdated ones gone, names read the same."""

from __future__ import annotations

from doctool.check.base import CheckInput, Finding, has_phrase, phrase_spans, units


def term(ctx: CheckInput) -> list[Finding]:
    """Glossary terms keep their approved English.

    A term in the Chinese whose approved rendering is missing from the English is an error.
    Untranslated segments are left to the ``untranslated`` check.
    """
    findings: list[Finding] = []
    for unit in units(ctx.content):
        if not unit.en.strip():
            continue
        seen: set[str] = set()
        for match in ctx.matcher.find(unit.zh):
            t = match.term
            if t.zh in seen or not t.en:
                continue
            seen.add(t.zh)
            if not has_phrase(unit.en, t.en):
                findings.append(Finding(
                    "term", "error", unit.label,
                    f'{unit.label}: {t.zh} should read "{t.en}"; '
                    "add it to the English (or to glossary/memory.tmx) or change the glossary",
                ))
    return findings


def forbidden(ctx: CheckInput) -> list[Finding]:
    """No outdated or forbidden renderings.

    For each glossary term in the Chinese, any of its ``forbidden`` renderings in the English
    is an error; occurrences inside the approved rendering of a term in the same Chinese
    (the term itself, or a longer one holding it) do not count.
    """
    findings: list[Finding] = []
    for unit in units(ctx.content):
        if not unit.en.strip():
            continue
        found = [match.term for match in ctx.matcher.find(unit.zh)]
        approved = [t.en for t in found]
        seen: set[str] = set()
        for t in found:
            if t.zh in seen:
                continue
            seen.add(t.zh)
            for old in t.forbidden:
                if phrase_spans(unit.en, old, outside=approved):
                    findings.append(Finding(
                        "forbidden", "error", unit.label,
                        f'{unit.label}: "{old}" is an outdated rendering of {t.zh}; '
                        f'write "{t.en}" (run doctool translate again, or fix glossary/memory.tmx)',
                    ))
    return findings


def consistency(ctx: CheckInput) -> list[Finding]:
    """Programs and people read the same in every segment.

    A program outside the glossary must carry its English name in every segment that names it
    (error); a speaker's name, its English in every segment that names the speaker (warning).
    """
    content = ctx.content
    by_id = {s.id: s for s in content.segments()}
    # the names each segment holds, found in one pass; the empty name is in every text
    names = {s.id: {"", *(m.term.zh for m in ctx.names.find_all(s.zh))} for s in by_id.values()}
    findings: list[Finding] = []
    for program in content.programs:
        name = program.name
        if not name.en.strip() or ctx.termbase.get(name.zh) is not None:
            continue  # glossary programs are the term check's business
        for seg_id in program.segments:
            seg = by_id.get(seg_id)
            if seg is None or not seg.en.strip() or name.zh not in names[seg.id]:
                continue
            if not has_phrase(seg.en, name.en):
                findings.append(Finding(
                    "consistency", "error", seg.id,
                    f'{seg.id}: program {name.zh} reads "{name.en}" elsewhere; use the same '
                    "English here, or add the program to the glossary so every segment gets it",
                ))
    for speaker in content.speakers:
        name = speaker.name
        if not name.zh.strip() or not name.en.strip():
            continue
        for seg in by_id.values():
            if seg.en.strip() and name.zh in names[seg.id] and not has_phrase(seg.en, name.en):
                findings.append(Finding(
                    "consistency", "warning", seg.id,
                    f'{seg.id}: {name.zh} is "{name.en}" elsewhere; write the name the same way '
                    "here (or add the person to the glossary)",
                ))
    return findings
