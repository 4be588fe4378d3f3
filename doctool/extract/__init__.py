"""From a source report to structured content (Chinese only): ``extract(text) -> Content``."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from doctool.extract.dates import Dating, meeting_date
from doctool.extract.meta import event_and_place
from doctool.extract.programs import PLAN_PERIOD, find_programs
from doctool.extract.reader import lines_of
from doctool.extract.sentences import split_sentences
from doctool.extract.speakers import (
    Mention,
    find_mentions,
    presenter,
    signature,
    title_in_text,
    titled_people,
    whole_name,
)
from doctool.extract.structure import (
    Repair,
    byline_parts,
    classify,
    front_matter,
    repair_breaks,
    split_datelines,
    split_inline_markers,
)
from doctool.extract.targets import find_targets, last_year, with_previous_results
from doctool.model import (
    Block,
    BlockKind,
    Content,
    Meeting,
    NumericKind,
    Part,
    Program,
    Section,
    Segment,
    Source,
    Speaker,
    Target,
    Text,
)

#: a paragraph that starts with one of these carries on the statement before it
_CONTINUES = re.compile(
    r"^(?:具体而言|具体来说|具体包括|具体|一是|主要有|主要包括|其中|此外|另外|同时|下一步|明年|今年|"
    r"接下来|未来|他(?!们)|她(?!们)|对此|为此|在此基础上|首先|第一|“)"
)
#: narration ends a statement: the meeting as the subject that stresses, sets out or asks
#: (会议强调, 会议对明年工作作出部署) or the meeting's course; the event taking place (…举行),
#: who attends or chairs; a sentence led by its date or by the event (同日, 会上, 此次), and
#: the reporter's own background
_NARRATION = re.compile(
    r"会议(?:强调|明确|指出|提出|要求|认为|部署|对|以|上|结束|期间|号召)"
    r"|(?:召开|举行|开幕|闭幕|举办)了?(?:[。，,；;]|$)"
    r"|(?:出席|参加|列席|陪同)了?[^，。；,;]{0,8}(?:[。，,；;]|$)"
    r"|主持[^，。；,;并]{0,8}(?:[。，,；;]|$)"
    r"|^(?:\d{1,2}月\d{1,2}日|同日|当天|当日|昨日|昨天|日前|近日|本报讯|据|此次|本次|会上|会前|会后|现场)"
    r"|^[^“”\"]*[？?]$"
    r"|记者|据了解|据悉|发布会上"
    # the reporter's word on a speech: 某市长的话虽言简意赅
    r"|^[^，,。]{1,4}(?:书记|市长|县长|区长|省长|主任|部长|总理)的(?:话|讲话|发言|报告)"
)


#: a sentence that is a quotation from start to end: direct speech, not the reporter's words
_QUOTED = re.compile(r"^[“\"「][^”\"」]*[”\"」]$")

#: where a sentence of a tour opens (在某公司，某某查看…)
_PLACE_FIRST = re.compile(r"^在[^，,。]{1,20}[，,]")


@dataclass
class Extraction:
    """The structured content and what was repaired on the way."""

    content: Content
    repairs: list[Repair] = field(default_factory=list)


@dataclass
class _Speakers:
    by_name: dict[str, Speaker] = field(default_factory=dict)

    def add(self, name: str, title: str, organization: str) -> str:
        known = self.by_name.get(name)
        if known is None:
            known = Speaker(f"sp{len(self.by_name) + 1}", Text(name), Text(title), Text(organization))
        elif not known.title.zh and title:
            known = Speaker(known.id, known.name, Text(title), Text(organization))
        self.by_name[name] = known
        return known.id

    def fill_titles(self, text: str) -> None:
        """Give a speaker introduced by name alone the title written elsewhere in the report."""
        for name, speaker in self.by_name.items():
            if not speaker.title.zh:
                found = title_in_text(text, name)
                if found:
                    self.by_name[name] = Speaker(
                        speaker.id, speaker.name, Text(found[1]), Text(found[0])
                    )


def heading_id(section: Section) -> str:
    """The id by which a program mention in a section heading is recorded."""
    return f"{section.id}.h"


def _note_program(
    programs: dict[str, tuple[str, list[str]]], key: str, display: str, where: str
) -> None:
    name, places = programs.get(key, (display, []))
    if len(display) > len(name):
        name = display  # 十四五 and “十四五”规划 are one program; keep the fuller name
    if where not in places:
        places.append(where)
    programs[key] = (name, places)


def _continues_statement(text: str) -> bool:
    if _CONTINUES.match(text):
        return True
    return not _NARRATION.search(text)


def _leads_in(sentence: str, names: tuple[str, ...]) -> bool:
    """True when ``sentence``, before a mention of ``names`` speaking, is already theirs."""
    if _QUOTED.match(sentence):
        return True
    return any(name in sentence for name in names) and not _NARRATION.search(sentence)


def extract(
    text: str, *, date: dt.date | None = None, known_programs: Iterable[str] = ()
) -> Content:
    """Structured content of a report's normalised text (see :func:`reader.read_source`)."""
    return extract_with_repairs(text, date=date, known_programs=known_programs).content


def extract_with_repairs(
    text: str, *, date: dt.date | None = None, known_programs: Iterable[str] = ()
) -> Extraction:
    """Like :func:`extract`, also returning the mid-sentence breaks that were repaired."""
    pieces = split_datelines(split_inline_markers(classify(lines_of(text))))
    pieces, repairs = repair_breaks(pieces)
    front = front_matter(pieces)
    title = front.title
    paragraphs = [p.text for p in pieces if p.kind == "paragraph"]
    lead = "".join(paragraphs[:3])
    when = meeting_date(Dating(front.dating, paragraphs[0] if paragraphs else "", text), date)
    event, place = event_and_place(lead, title)

    known = tuple(known_programs)
    speakers = _Speakers()
    # a pronoun may refer to anyone the report introduces with a title, speaker or not yet
    people = titled_people(text)
    # a report given by the person named under its title (县发展改革局局长 某某) is theirs
    given_by: str | None = None
    sections: list[Section] = []
    blocks: list[Block] = []
    heading: Text | None = None
    part = 1
    parts = [Part(1)]
    current: str | None = None
    publication = front.publication
    reporters = [Text(name) for name in front.authors]
    ended_part = False

    def close_section() -> None:
        nonlocal blocks
        if blocks or heading is not None:
            sections.append(Section(f"s{len(sections) + 1}", heading, tuple(blocks), part))
        blocks = []

    def add_block(kind: BlockKind, sentences: list[str], speaker: str | None = None,
                  names: tuple[Text, ...] = (), *, runs_on: bool = False) -> None:
        block_id = f"s{len(sections) + 1}.b{len(blocks) + 1}"
        segs = tuple(Segment(f"{block_id}.{i}", s) for i, s in enumerate(sentences, 1))
        blocks.append(Block(block_id, kind, segs, speaker, names, runs_on))

    for piece in pieces:
        if piece.kind in ("title", "front"):
            continue
        if not sections and not any(b.kind in ("paragraph", "statement") for b in blocks):
            presented = presenter(piece.text) if piece.kind != "byline" else None
            if presented is not None:
                given_by = speakers.add(
                    whole_name(text, presented.name), presented.title, presented.organization
                )
        signed = signature(piece.text)
        if signed is not None and blocks:
            # ——某单位新闻发言人某某 under a commentary: the paragraphs above are theirs
            signer = speakers.add(whole_name(text, signed.name), signed.title, signed.organization)
            index = len(blocks)
            while index > 0 and blocks[index - 1].kind == "paragraph":
                index -= 1
            blocks[index:] = [replace(b, kind="statement", speaker=signer) for b in blocks[index:]]
        if ended_part and piece.kind != "marker":
            close_section()
            heading = None
            part += 1
            parts.append(Part(part))
            ended_part = False
        if piece.kind == "marker":
            if piece.marker == "下转":
                ended_part = True
                continue
            close_section()
            heading = None
            part += 1
            parts.append(Part(part, piece.text))
            ended_part = False
            current = None
        elif piece.kind == "heading":
            close_section()
            heading = Text(piece.text)
            current = None
        elif piece.kind == "byline":
            pub, names = byline_parts(piece.text)
            publication = publication or pub
            texts = tuple(Text(n) for n in names)
            reporters.extend(t for t in texts if t not in reporters)
            add_block("byline", split_sentences(piece.text), names=texts)
            current = None
        elif piece.kind == "caption":
            # 某某市长作政府工作报告: a caption may be the one place that says who spoke
            for named in find_mentions(piece.text):
                speakers.add(whole_name(text, named.name), named.title, named.organization)
            add_block("caption", split_sentences(piece.text))
        else:
            # sentence by sentence: a speaker's mention opens a statement, narration ends it,
            # and a paragraph that holds both becomes one block for each
            mentions = find_mentions(piece.text, [*speakers.by_name, *people])
            sentences = split_sentences(piece.text)
            said: list[list[Mention]] = []
            start = 0
            for sentence in sentences:
                end = start + len(sentence)
                said.append([m for m in mentions if start <= m.at < end])
                start = end
            # the sentences that lead up to the paragraph's first speaker are theirs only when
            # they quote or name them (“会议为我们指明了方向！”某某表示，…; 某某代表市政府感谢….
            # 他说); the reporter's own setting of the scene (作为消费大区，某区对明年充满信心。
            # 区委书记某某介绍，…) is narration
            first = next((i for i, names in enumerate(said) if names), 0)
            first_names = tuple(m.name for m in said[first])
            lead_in = first
            while lead_in > 0 and _leads_in(sentences[lead_in - 1], first_names):
                lead_in -= 1
            runs: list[tuple[str | None, list[str]]] = []
            for index, sentence in enumerate(sentences):
                speaking = said[index] or (said[first] if lead_in <= index < first else [])
                if index == 0 < lead_in and not _CONTINUES.match(sentence):
                    # a paragraph that opens with the scene the reporter sets for a new speaker
                    # does not carry on the last one
                    current = None
                elif speaking:
                    ids = [speakers.add(whole_name(text, m.name), m.title, m.organization)
                           for m in speaking]
                    current = ids[0]
                elif current is None and given_by is not None:
                    if not _NARRATION.search(sentence):
                        current = given_by
                elif current is not None and (
                    not _continues_statement(sentence)
                    or _PLACE_FIRST.sub("", sentence).startswith(tuple(people))
                ):
                    # 某某查看…: the person as the subject of what they do, not say
                    current = None
                if runs and runs[-1][0] == current:
                    runs[-1][1].append(sentence)
                else:
                    runs.append((current, [sentence]))
            for index, (who, sentences) in enumerate(runs):
                add_block("statement" if who else "paragraph", sentences, who, runs_on=index > 0)
    close_section()
    speakers.fill_titles(text)

    content_sections = tuple(sections)
    targets: list[Target] = []
    programs: dict[str, tuple[str, list[str]]] = {}
    year = when.year if when else None
    late = when.month >= 10 if when else True
    context: int | None = None
    for section in content_sections:
        if section.heading is not None:
            # a heading can name a program too (推动西部陆海新通道建设)
            for mention in find_programs(section.heading.zh, known):
                _note_program(programs, mention.key, mention.name, heading_id(section))
        heading_year = re.search(r"20\d{2}", section.heading.zh) if section.heading else None
        # the year a section is talking about carries from sentence to sentence until renamed
        if section.heading is not None:
            context = int(heading_year.group(0)) if heading_year else None
        for block in section.blocks:
            if block.kind in ("byline",):
                continue
            previous_metric = ""
            carried: tuple[NumericKind, int | None] | None = None
            for segment in block.segments:
                found_targets = find_targets(
                    segment.zh, year, previous_metric, context, late, carried,
                    section.heading.zh if section.heading else "",
                )
                context = last_year(segment.zh, year, late) or context
                for found in found_targets:
                    previous_metric = found.metric.removesuffix("增长")
                    carried = (found.kind, found.year)
                    targets.append(
                        Target(
                            f"t{len(targets) + 1}", Text(found.metric), found.value, found.unit,
                            segment.id, found.source, found.qualifier, found.year,
                            found.kind, found.low, found.high, found.since,
                        )
                    )
                for mention in find_programs(segment.zh, known):
                    _note_program(programs, mention.key, mention.name, segment.id)

    meeting = Meeting(
        title=Text(title),
        event=Text(event),
        date=when,
        place=Text(place),
        source=Source(Text(publication), tuple(reporters), front.published, front.page),
        parts=tuple(parts),
    )
    content = Content(
        meeting=meeting,
        sections=content_sections,
        speakers=tuple(speakers.by_name.values()),
        # a place the report names (its own, a speaker's organization) may scope a metric
        targets=with_previous_results(
            targets, (place, *(s.organization.zh for s in speakers.by_name.values()))
        ),
        programs=tuple(
            Program(f"pg{i}", Text(name), tuple(segs))
            # a plan period named on its own everywhere (“十五”) is a time, not a program
            for i, (name, segs) in enumerate(
                (v for v in programs.values() if not PLAN_PERIOD.match(v[0])), 1
            )
        ),
    )
    return Extraction(content, repairs)
