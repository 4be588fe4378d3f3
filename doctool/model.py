"""The structured meeting content: one typed model, no I/O.

Every stage of doctool is a function from one of these values to the next:
``extract(text) -> Content``, ``translate(content, ...) -> Content``,
``check(content, ...) -> findings``, ``layout(content, lang) -> Brief``.
The saved form (``content.yaml``) lives in :mod:`doctool.content_io`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Literal, get_args

SCHEMA = "doctool.content/1"

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
#: where a segment's English came from; ``fuzzy`` is a near memory match, adapted, to review
Origin = Literal["memory", "fuzzy", "mt", "none"]
ORIGINS: tuple[Origin, ...] = get_args(Origin)
BlockKind = Literal["paragraph", "statement", "caption", "byline"]
BLOCK_KINDS: tuple[BlockKind, ...] = get_args(BlockKind)
#: What a numeric fact is: a commitment for the plan period, a past outcome, a figure for a
#: period not yet over, or any other measurement (a share, a count at the event, a duration).
NumericKind = Literal["target", "result", "estimate", "statistic"]
NUMERIC_KINDS: tuple[NumericKind, ...] = get_args(NumericKind)

#: Units of a target's value. CNY and USD values are in whole currency units
#: (8400亿元 is 840000000000); ``pp`` is percentage points; ``count`` covers 个/家/项/座;
#: ``jin`` is the Chinese pound that grain output is counted in.
Unit = Literal[
    "%", "pp", "km", "km2", "m2", "mu", "CNY", "USD", "person-times", "people",
    "t", "TEU", "kWh", "count", "jin",
]
UNITS: tuple[Unit, ...] = get_args(Unit)


@dataclass(frozen=True)
class Text:
    """A short text in both languages; ``en`` is empty until translated."""

    zh: str
    en: str = ""

    def get(self, lang: Lang) -> str:
        """The text in ``lang``."""
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Segment:
    """One sentence of the report, with its translation and where that came from."""

    id: str
    zh: str
    en: str = ""
    origin: Origin = "none"
    #: for a fuzzy segment, the similarity (0-100) of the memory match it was made from
    score: int | None = None

    def get(self, lang: Lang) -> str:
        """The sentence in ``lang``."""
        return self.zh if lang == "zh" else self.en


@dataclass(frozen=True)
class Block:
    """A paragraph-level unit: a plain paragraph, a statement by a speaker, a caption or a byline."""

    id: str
    kind: BlockKind
    segments: tuple[Segment, ...]
    speaker: str | None = None
    reporters: tuple[Text, ...] = ()
    #: the block goes on in the source paragraph of the block before it: a paragraph split
    #: where the reporter's narration gives way to a statement is set as one paragraph again
    runs_on: bool = False

    def text(self, lang: Lang) -> str:
        """The block's sentences joined in ``lang`` (no separator in Chinese, a space in English)."""
        sep = "" if lang == "zh" else " "
        return sep.join(s.get(lang) for s in self.segments)


@dataclass(frozen=True)
class Section:
    """A run of blocks under one heading; the lead section and continuation parts have none."""

    id: str
    heading: Text | None
    blocks: tuple[Block, ...]
    part: int = 1


@dataclass(frozen=True)
class Speaker:
    """A person whose statement the report carries; title and organization may be empty."""

    id: str
    name: Text
    title: Text = field(default_factory=lambda: Text(""))
    organization: Text = field(default_factory=lambda: Text(""))


@dataclass(frozen=True)
class Target:
    """A numeric fact: ``metric`` is, or changes by, ``value`` ``unit`` (``qualifier``) in ``year``.

    ``kind`` says whether it is a target (only those go in the key-targets table), a result,
    an estimate or a statistic. A range (6%-6.5%) has ``low`` and ``high`` and no ``value``.
    ``since`` is the first year of a period of several years (2001-2006), ``year`` its last.
    ``previous`` is, for a target, the id of the result or estimate the report gives for the
    same metric in an earlier period (2024年增长6%左右 before a 2025 target of 6%).
    """

    id: str
    metric: Text
    value: Decimal | None
    unit: Unit
    segment: str
    source: str
    qualifier: str | None = None
    year: int | None = None
    kind: NumericKind = "target"
    low: Decimal | None = None
    high: Decimal | None = None
    since: int | None = None
    previous: str | None = None

    @property
    def values(self) -> tuple[Decimal, ...]:
        """The figures the fact states: its value, or the two ends of its range."""
        return tuple(v for v in (self.value, self.low, self.high) if v is not None)

    @property
    def period(self) -> str | None:
        """The period the fact is for: "2025", "2001-2006", or None when the text does not say."""
        if self.year is None:
            return None
        return f"{self.since}-{self.year}" if self.since is not None else str(self.year)


@dataclass(frozen=True)
class Program:
    """A named program or initiative and where it is mentioned.

    ``segments`` holds segment ids, and ``<section id>.h`` for a mention in a section heading.
    """

    id: str
    name: Text
    segments: tuple[str, ...]


@dataclass(frozen=True)
class Part:
    """A part of the report; later parts start at a continuation marker such as ``<<上接1版``."""

    number: int
    marker: str | None = None


@dataclass(frozen=True)
class Source:
    """Where the report was published and who wrote it; when and on which page, if it says."""

    publication: Text = field(default_factory=lambda: Text(""))
    reporters: tuple[Text, ...] = ()
    #: the date of the issue it appeared in, from its front matter (not the meeting's date)
    published: dt.date | None = None
    #: the page it appeared on, as the publication numbers it ("1", "A3")
    page: str = ""


@dataclass(frozen=True)
class Meeting:
    """What the report is about: the headline, the event, its date and place, the source."""

    title: Text
    event: Text = field(default_factory=lambda: Text(""))
    date: dt.date | None = None
    place: Text = field(default_factory=lambda: Text(""))
    source: Source = field(default_factory=Source)
    parts: tuple[Part, ...] = (Part(1),)


@dataclass(frozen=True)
class Content:
    """The whole structured meeting content."""

    meeting: Meeting
    sections: tuple[Section, ...]
    speakers: tuple[Speaker, ...] = ()
    targets: tuple[Target, ...] = ()
    programs: tuple[Program, ...] = ()

    def blocks(self) -> Iterator[Block]:
        """Every block in reading order."""
        for section in self.sections:
            yield from section.blocks

    def segments(self) -> Iterator[Segment]:
        """Every segment in reading order."""
        for block in self.blocks():
            yield from block.segments

    def speaker(self, speaker_id: str | None) -> Speaker | None:
        """The speaker with ``speaker_id``, or None."""
        return next((s for s in self.speakers if s.id == speaker_id), None)

    def block_of(self, segment_id: str) -> Block | None:
        """The block that holds the segment ``segment_id``, or None."""
        for block in self.blocks():
            if any(s.id == segment_id for s in block.segments):
                return block
        return None

    def speaker_of(self, segment_id: str) -> Speaker | None:
        """Who said the segment ``segment_id``, if it is part of a statement."""
        block = self.block_of(segment_id)
        return self.speaker(block.speaker) if block else None

    def with_segments(self, segments: Mapping[str, Segment]) -> Content:
        """A copy with the segments whose ids are in ``segments`` replaced."""
        sections = tuple(
            replace(
                section,
                blocks=tuple(
                    replace(b, segments=tuple(segments.get(s.id, s) for s in b.segments))
                    for b in section.blocks
                ),
            )
            for section in self.sections
        )
        return replace(self, sections=sections)


def labelled_texts(content: Content) -> Sequence[tuple[str, Text]]:
    """Every non-empty short text with a label naming where it is (``speakers.p1.title``)."""
    out: list[tuple[str, Text]] = []
    m = content.meeting
    for label, text in (("meeting.title", m.title), ("meeting.event", m.event),
                        ("meeting.place", m.place), ("meeting.publication", m.source.publication)):
        out.append((label, text))
    out += [(f"meeting.reporters.{i + 1}", r) for i, r in enumerate(m.source.reporters)]
    for section in content.sections:
        if section.heading is not None:
            out.append((f"{section.id}.heading", section.heading))
        for block in section.blocks:
            out += [(f"{block.id}.reporters.{i + 1}", r) for i, r in enumerate(block.reporters)]
    for s in content.speakers:
        out += [(f"speakers.{s.id}.name", s.name), (f"speakers.{s.id}.title", s.title),
                (f"speakers.{s.id}.organization", s.organization)]
    out += [(f"targets.{t.id}.metric", t.metric) for t in content.targets]
    out += [(f"programs.{p.id}.name", p.name) for p in content.programs]
    return [(label, text) for label, text in out if text.zh.strip()]
