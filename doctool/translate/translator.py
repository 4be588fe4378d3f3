"""The translator: fills the English of a Content from the memory, then the MT engine.

For each segment: the translation memory (exact match on the normalised Chinese), else machine
translation with glossary terms and numbers masked (one batched engine call), else nothing
(origin ``none``, English empty). Short texts (meeting title, headings, speakers, targets,
programs) are filled the same way, with glossary terms first and personal names romanised.

A glossary edit takes effect everywhere: before a memory translation is used, any outdated
(``forbidden``) rendering of a term in its Chinese is rewritten as the approved one.
English is recomputed on every run, so the output always reflects the current glossary,
memory and engine.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from doctool.glossary.folder import find_glossary_dir, terms_path
from doctool.glossary.matcher import TermMatcher, build_matcher, rewrite_rendering
from doctool.glossary.memory import Memory, memory_path
from doctool.glossary.terms import Term, TermBase
from doctool.glossary.validation import load_termbase
from doctool.model import Content, Meeting, Segment, Source, Text
from doctool.surnames import is_chinese_name
from doctool.translate.engines import Engine
from doctool.translate.fuzzy import DEFAULT_THRESHOLD, FuzzyIndex, adapt
from doctool.translate.masking import translate_masked
from doctool.translate.names import romanize_name

#: what a short text is, which decides how it is translated
TextRole = Literal[
    "title", "event", "place", "publication", "reporter", "heading", "name", "position",
    "organization", "metric", "program",
]

_PERSON_ROLES: tuple[TextRole, ...] = ("name", "reporter")
_COMPOSED_ROLES: tuple[TextRole, ...] = ("position", "organization")
# 党组书记、主任 is two titles; so is 董事长、总裁 or 副书记，副主任
_LIST_SEPARATORS = re.compile(r"[、，,；;/\s]+|兼")
_HOLDER_KINDS = ("organization", "place", "company", "program", "term")


@dataclass(frozen=True)
class TranslationResult:
    """The translated content and where its English came from."""

    content: Content
    from_memory: int
    from_mt: int
    untranslated: int
    texts_untranslated: int = 0
    engine: str | None = None
    #: segments made from a near memory match, which need review
    from_fuzzy: int = 0

    @property
    def segments(self) -> int:
        """How many segments the content has."""
        return self.from_memory + self.from_fuzzy + self.from_mt + self.untranslated


@dataclass(frozen=True)
class Glossary:
    """What the translator and the checks read from a glossary folder."""

    folder: Path
    termbase: TermBase
    memory: Memory


def open_glossary(override: Path | None = None, start: Path | None = None) -> Glossary:
    """The glossary found from ``start`` (or given as ``override``): term base and memory.

    A folder without terms.tsv has an empty term base and one without memory.tmx an empty
    memory, so either file can be started later.
    """
    folder = find_glossary_dir(start=start, override=override)
    tsv = terms_path(folder)
    termbase = load_termbase(tsv) if tsv.exists() else TermBase((), tsv)
    return Glossary(folder, termbase, Memory.load(memory_path(folder)))


def person_terms(content: Content, termbase: TermBase) -> list[Term]:
    """Speakers and reporters that the glossary does not list, as romanised person terms.

    They are masked like glossary terms, so a model never gets the chance to translate a name
    word by word.
    """
    names = [s.name.zh for s in content.speakers]
    names += [r.zh for r in content.meeting.source.reporters]
    names += [r.zh for b in content.blocks() for r in b.reporters]
    terms: dict[str, Term] = {}
    for zh in names:
        zh = zh.strip()
        if is_chinese_name(zh) and termbase.get(zh) is None and zh not in terms:
            terms[zh] = Term(zh=zh, en=romanize_name(zh), kind="person")
    return list(terms.values())


def program_terms(content: Content, resolver: _Resolver) -> list[Term]:
    """Programs the glossary lacks but the memory names, as terms with that approved name."""
    terms: list[Term] = []
    for program in content.programs:
        zh = program.name.zh.strip()
        if zh and resolver.termbase.get(zh) is None:
            en = resolver.from_memory(zh)
            if en:
                terms.append(Term(zh=zh, en=en, kind="program"))
    return terms


def refresh_rendering(zh: str, en: str, matcher: TermMatcher) -> str:
    """``en`` with outdated renderings of the terms in ``zh`` rewritten as the approved ones.

    The approved English of every term in ``zh`` is left intact: when 两江新区 changes, the
    rendering of a longer term that holds the old one (两江新区党工委) is the term base's to
    change, not the translator's.
    """
    terms = [match.term for match in matcher.find(zh)]
    approved = [term.en for term in terms]
    for term in terms:
        for old in term.forbidden:
            en = rewrite_rendering(en, old, term.en, keep=approved)
    return en


def refresh_memory(memory: Memory, termbase: TermBase) -> int:
    """Rewrite outdated renderings in every memory unit; the number of units changed.

    Call it after a glossary edit and save the memory, so memory.tmx itself stops carrying the
    old rendering (translation already rewrites it on the fly).
    """
    matcher = TermMatcher(termbase.terms)
    changed = 0
    for unit in list(memory):
        en = refresh_rendering(unit.zh, unit.en, matcher)
        if en != unit.en:
            memory.set(unit.zh, en)
            changed += 1
    return changed


class _Resolver:
    """Finds English for a Chinese text from the glossary, the memory and personal names."""

    def __init__(self, termbase: TermBase, memory: Memory, matcher: TermMatcher) -> None:
        self.termbase = termbase
        self.memory = memory
        self.matcher = matcher

    def from_memory(self, zh: str) -> str | None:
        en = self.memory.lookup(zh)
        return refresh_rendering(zh, en, self.matcher) if en else None

    def without_mt(self, zh: str, role: TextRole) -> str | None:
        zh = zh.strip()
        term = self.termbase.get(zh)
        if term is not None and term.en:
            return term.en
        if role in _PERSON_ROLES and is_chinese_name(zh):
            return romanize_name(zh)
        return self.from_memory(zh)

    def composed(self, zh: str) -> str:
        """English built from the glossary for a list of titles (党组书记、主任); "" if it cannot."""
        parts = [p for p in _LIST_SEPARATORS.split(zh.strip()) if p]
        english = [self._covered(p) for p in parts]
        if not parts or not all(english):
            return ""
        if len(english) == 1:
            return english[0]
        return ", ".join(english[:-1]) + " and " + english[-1]

    def _covered(self, part: str) -> str:
        """English for ``part`` when it is one entry or a run of glossary terms; else ""."""
        known = self.without_mt(part, "position")
        if known:
            return known
        matches = self.matcher.find(part)
        covered = sum(m.end - m.start for m in matches)
        if not matches or covered != len(part) or not all(m.term.en for m in matches):
            return ""
        last = matches[-1].term
        rest = [m.term for m in matches[:-1]]
        if last.kind == "title" and rest and all(t.kind in _HOLDER_KINDS for t in rest):
            # 两江新区党工委副书记: the title comes first in English, then whose it is
            holder = " ".join(t.en for t in rest)
            article = "" if holder.lower().startswith("the ") else "the "
            return f"{last.en} of {article}{holder}"
        return " ".join(m.term.en for m in matches)


def translate(
    content: Content,
    termbase: TermBase,
    memory: Memory,
    engine: Engine | None,
    matcher: TermMatcher | None = None,
    fuzzy_threshold: int | None = DEFAULT_THRESHOLD,
) -> TranslationResult:
    """Content with every segment's ``en`` and ``origin`` and every short text's ``en`` filled.

    ``matcher`` is the build's (see :func:`~doctool.glossary.matcher.build_matcher`); without
    one, one is built for this content. A segment the memory lacks takes the best memory match
    scoring at least ``fuzzy_threshold`` (None: never), adapted, before machine translation.
    """
    if matcher is None:
        matcher = build_matcher(termbase, content)
    people = person_terms(content, termbase)
    resolver = _Resolver(termbase, memory, matcher.select([*termbase.terms, *people]))
    # programs with an approved name are masked too, so MT names them the same everywhere
    masking = matcher.select([*termbase.terms, *people, *program_terms(content, resolver)])

    done: dict[str, Segment] = {}
    pending: list[Segment] = []
    for segment in content.segments():
        en = resolver.from_memory(segment.zh)
        if en:
            done[segment.id] = replace(segment, en=en, origin="memory")
        else:
            pending.append(segment)
    if pending and fuzzy_threshold is not None and len(memory):
        # indexed only when some segment needs it: most builds of a known report never do
        index = FuzzyIndex((unit.zh, unit.en) for unit in memory)
        still: list[Segment] = []
        for segment in pending:
            match = index.best(segment.zh, fuzzy_threshold)
            en = adapt(match, segment.zh, masking) if match is not None else None
            if match is not None and en:
                en = refresh_rendering(segment.zh, en, masking)
                done[segment.id] = replace(segment, en=en, origin="fuzzy", score=match.score)
            else:
                still.append(segment)
        pending = still

    # short texts that neither the glossary nor the memory knows go to MT with the segments
    known: dict[tuple[str, TextRole], str] = {}
    asked: list[tuple[str, TextRole]] = []

    def collect(text: Text, role: TextRole) -> Text:
        key = (text.zh.strip(), role)
        if key[0] and key not in known and key not in asked:
            en = resolver.without_mt(*key)
            if en:
                known[key] = en
            else:
                asked.append(key)
        return text

    map_texts(content, collect)

    mt: list[str] = []
    if engine is not None:
        mt = translate_masked([s.zh for s in pending] + [zh for zh, _ in asked], engine, masking)
    from_mt = 0
    for i, segment in enumerate(pending):
        en = mt[i] if mt else ""
        done[segment.id] = replace(segment, en=en, origin="mt" if en else "none")
        from_mt += bool(en)
    for j, key in enumerate(asked):
        en = mt[len(pending) + j] if mt else ""
        if not en and key[1] in _COMPOSED_ROLES:
            en = resolver.composed(key[0])
        known[key] = en

    def fill(text: Text, role: TextRole) -> Text:
        return Text(text.zh, known.get((text.zh.strip(), role), ""))

    translated = map_texts(content.with_segments(done), fill)
    missing_texts = sum(1 for (zh, _), en in known.items() if zh and not en)
    return TranslationResult(
        content=translated,
        from_memory=sum(1 for s in done.values() if s.origin == "memory"),
        from_fuzzy=sum(1 for s in done.values() if s.origin == "fuzzy"),
        from_mt=from_mt,
        untranslated=len(pending) - from_mt,
        texts_untranslated=missing_texts,
        engine=engine.name if engine is not None else None,
    )


def map_texts(content: Content, fn: Callable[[Text, TextRole], Text]) -> Content:
    """A copy of ``content`` with ``fn`` applied to every short text, in reading order."""

    def each(texts: Iterable[Text], role: TextRole) -> tuple[Text, ...]:
        return tuple(fn(t, role) for t in texts)

    m = content.meeting
    meeting = Meeting(
        title=fn(m.title, "title"),
        event=fn(m.event, "event"),
        date=m.date,
        place=fn(m.place, "place"),
        source=Source(
            publication=fn(m.source.publication, "publication"),
            reporters=each(m.source.reporters, "reporter"),
        ),
        parts=m.parts,
    )
    sections = tuple(
        replace(
            section,
            heading=fn(section.heading, "heading") if section.heading is not None else None,
            blocks=tuple(
                replace(b, reporters=each(b.reporters, "reporter")) if b.reporters else b
                for b in section.blocks
            ),
        )
        for section in content.sections
    )
    speakers = tuple(
        replace(
            s,
            name=fn(s.name, "name"),
            title=fn(s.title, "position"),
            organization=fn(s.organization, "organization"),
        )
        for s in content.speakers
    )
    targets = tuple(replace(t, metric=fn(t.metric, "metric")) for t in content.targets)
    programs = tuple(replace(p, name=fn(p.name, "program")) for p in content.programs)
    return replace(
        content, meeting=meeting, sections=sections, speakers=speakers, targets=targets,
        programs=programs,
    )
