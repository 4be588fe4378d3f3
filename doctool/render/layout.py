"""Content + language -> Brief: everything a briefing pack says, decided once for every writer.

The Chinese and English packs share one structure: a cover, a summary (key targets, programs,
speakers) that runs on from page to page, the full report by section from a new page, and an
annex of the glossary terms the report uses, set in two columns from a new page. The bilingual
edition has the same cover, tables and annex with both languages, each on a line of its own in a
cell, and the report as parallel text, a borderless two-column table with a row per paragraph.
What the report says about its own text (who speaks, a jump, an excerpt) comes from
:mod:`doctool.render.report_body`. English text is typeset here (curly quotes, single spaces),
once for every writer. Writers only map these blocks; they decide nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from doctool.model import Block as ContentBlock
from doctool.model import Content, Lang, Program, Section, Segment, Speaker, Text
from doctool.render import front_matter, pinyin, summary
from doctool.render.brief import (
    Block,
    Brief,
    BriefLang,
    Contents,
    Furniture,
    Heading,
    Imprint,
    KeyValues,
    Masthead,
    Metadata,
    PageBreak,
    Paragraph,
    ParagraphStyle,
    Run,
    Table,
    Title,
)
from doctool.render.formatting import (
    english_typography,
    format_date,
)
from doctool.render.labels import EN, LABELS, Labels, heading_number
from doctool.render.report_body import (
    continued_from,
    glossary_title,
    is_excerpt,
    names_speaker,
    source_paragraphs,
)
from doctool.settings import DEFAULT, HouseSettings

if TYPE_CHECKING:
    from doctool.glossary.matcher import TermMatcher
    from doctool.glossary.terms import Term

Runs = tuple[Run, ...]
Row = tuple[Runs, ...]

#: what the Metadata.language field says for each edition
LANGUAGE_TAGS: dict[BriefLang, str] = {"zh": "zh-CN", "en": "en-US", "bilingual": "zh-CN, en-US"}

#: the documents' Author when the report names no publication
DEFAULT_OFFICE = "doctool"


def compiling_office(publication: Text, lang: Lang, house: HouseSettings = DEFAULT) -> str:
    """The office that compiles the brief, the Author of its documents: the house settings'
    office, else the publication the report came from, else doctool."""
    return house.get(lang).office or publication.get(lang) or publication.zh or DEFAULT_OFFICE


#: relative column widths of each table, per edition
_WIDTHS: dict[str, dict[BriefLang, tuple[float, ...]]] = {
    "programs": {"zh": (3.0, 3.4, 1.8), "en": (3.4, 3.0, 1.8), "bilingual": (3.0, 3.4, 1.8)},
    # the annex is set in two columns of the page: each of these is half the text width
    "glossary": {"zh": (1.0, 1.45), "en": (1.45, 1.0), "bilingual": (1.0, 1.45)},
}
#: the annex is a list to look things up in: two columns of the page, read down each
_ANNEX_COLUMNS = 2
#: between the languages of the bilingual edition in one cell or paragraph: a line break, so
#: that each language reads on its own line instead of running into the other
_BETWEEN = Run("\n", "en")
#: quotes and brackets that a glossary entry may open with: it is filed under what follows them
_SORT_IGNORES = "\"“‘'(（《"
#: ties the parts of a name in English ("Wang Zhijie"), so that a list of names in a narrow
#: column breaks between names and never inside one
_NO_BREAK = "\u00a0"
#: the bilingual report's columns: English runs about twice as long as the Chinese it translates
_ALIGNED_WIDTHS = (1.0, 1.6)


def layout(
    content: Content, lang: BriefLang, terms: Sequence[Term] = (), matcher: TermMatcher | None = None,
    *, readings: pinyin.Readings = pinyin.uncached, house: HouseSettings = DEFAULT,
    generated: dt.date | None = None,
) -> Brief:
    """The brief of ``content`` in ``lang``; ``terms`` are the glossary, for the annex.

    ``matcher`` is the build's, which knows ``terms`` (see :func:`terms_in`); ``readings`` gives
    their pinyin, for the annex's order (a :class:`doctool.render.pinyin.Cache`'s, say).
    ``house`` gives the masthead and the 报尾 (its date already filled in, see
    :meth:`HouseSettings.dated`); ``generated`` is the build's date, for the colophon.
    """
    return _Layout(content, lang, readings=readings, terms=tuple(terms), house=house,
                   generated=generated).brief(terms, matcher)


def is_untranslated(segment: Segment) -> bool:
    """True when the segment has no usable English: origin "none" or an empty translation."""
    return segment.origin == "none" or not segment.en.strip()


@dataclass(frozen=True)
class TranslationStatus:
    """How many segments came from memory or MT, and how many are untranslated."""

    total: int
    memory: int
    mt: int
    none: int


def translation_status(content: Content) -> TranslationStatus:
    """Count the segments of ``content`` by where their English came from."""
    segments = list(content.segments())
    untranslated = sum(1 for s in segments if is_untranslated(s))
    return TranslationStatus(
        total=len(segments),
        memory=sum(1 for s in segments if s.origin == "memory" and not is_untranslated(s)),
        mt=sum(1 for s in segments if s.origin == "mt" and not is_untranslated(s)),
        none=untranslated,
    )


@dataclass
class _Layout:
    """The state of one layout run: the content, the edition, and untranslated passages seen."""

    content: Content
    lang: BriefLang
    #: passages shown in Chinese because their English is missing; drives the DRAFT mark
    untranslated: int = field(default=0)
    #: the pinyin of the annex's terms
    readings: pinyin.Readings = pinyin.uncached
    #: the glossary: its person entries give titles the report leaves out
    terms: tuple[Term, ...] = ()
    #: the house settings: masthead, compiling office, 报尾
    house: HouseSettings = DEFAULT
    #: the build's date, for the colophon
    generated: dt.date | None = None

    @property
    def langs(self) -> tuple[Lang, ...]:
        return ("zh", "en") if self.lang == "bilingual" else (self.lang,)

    @property
    def main(self) -> Lang:
        """The language of metadata and page furniture: Chinese leads the bilingual edition."""
        return "en" if self.lang == "en" else "zh"

    # -- runs -----------------------------------------------------------------------------------

    def label(
        self, name: str, *, bold: bool = False, between: Run = _BETWEEN, **fields: object
    ) -> Runs:
        """A fixed wording in the edition's language(s); both, a line apart, if bilingual."""
        runs: list[Run] = []
        for lang in self.langs:
            text = str(getattr(LABELS[lang], name)).format(**fields)
            if runs:
                runs.append(between)
            runs.append(Run(text, lang, bold=bold))
        return tuple(runs)

    def labels(self, lang: Lang) -> Labels:
        return LABELS[lang]

    def missing(self, source: str, *, bold: bool = False) -> Runs:
        """The marked stand-in for a missing English text: a marker, then the Chinese source."""
        self.untranslated += 1
        marker = Run(EN.untranslated, "en", italic=True, untranslated=True)
        if not source or self.lang == "bilingual":
            # the bilingual edition always shows the Chinese next to the English already
            return (marker,)
        return (marker, Run(source, "zh", bold=bold, untranslated=True))

    def text(self, value: Text, lang: Lang, *, bold: bool = False) -> Runs:
        """A short text in ``lang``; in English, a missing translation is marked."""
        if lang == "zh":
            return (Run(value.zh, "zh", bold=bold),) if value.zh else ()
        if value.en:
            return (Run(value.en, "en", bold=bold),)
        return self.missing(value.zh, bold=bold) if value.zh else ()

    def person(self, name: Text, lang: Lang) -> Runs:
        """A person's name; in English, its parts are tied so a line never breaks inside it."""
        runs = self.text(name, lang)
        if lang != "en":
            return runs
        return tuple(replace(r, text=r.text.replace(" ", _NO_BREAK)) if not r.untranslated else r
                     for r in runs)

    def segment(self, segment: Segment, lang: Lang, *, show_source: bool = True) -> Runs:
        """One sentence in ``lang``; ``show_source`` False leaves the Chinese to a sibling cell."""
        if lang == "zh":
            return (Run(segment.zh, "zh"),)
        if is_untranslated(segment):
            return self.missing(segment.zh if show_source else "")
        return (Run(segment.en, "en"),)

    def both(self, value: Text, *, bold: bool = False) -> Runs:
        """A short text in every language of the edition, a line apart."""
        runs: list[Run] = []
        for lang in self.langs:
            part = self.text(value, lang, bold=bold)
            if runs and part:
                runs.append(_BETWEEN)
            runs.extend(part)
        return tuple(runs)

    def joined(self, items: Iterable[Runs], lang: Lang) -> Runs:
        """Several items in one cell, with the language's list separator; "—" when none."""
        runs: list[Run] = []
        for item in items:
            if runs:
                runs.append(Run(self.labels(lang).list_sep, lang))
            runs.extend(item)
        return tuple(runs) or self.none()

    def none(self) -> Runs:
        return (Run(self.labels(self.main).none, self.main),)

    def cell(self, value: Text) -> Runs:
        """A table cell with a short text, "—" when it is empty."""
        return self.both(value) or self.none()

    # -- the brief ------------------------------------------------------------------------------

    def brief(self, terms: Sequence[Term], matcher: TermMatcher | None = None) -> Brief:
        parts: list[tuple[str, list[Block]]] = [
            ("key_points", summary.key_points(self)),
            ("targets", self.targets()),
            ("programs", self.programs()),
            ("speakers", self.speakers()),
            ("report", self.report()),
        ]
        body: list[Block] = []
        for number, (name, blocks) in enumerate(parts, start=1):
            if name == "report":
                # the summary parts run on one after another; the report is the document the
                # summary points into, so it opens a page of its own
                body.append(PageBreak())
            body.append(self.part_heading(number, name))
            body.extend(blocks)
        body.append(PageBreak())
        # a heading keeps both languages on one line, as the part headings do
        body.append(Heading(1, self.label("annex", between=Run(" ", "en")), anchor="annex"))
        body.extend(self.annex(terms, matcher))
        # how the pack was made closes it, then the 报尾 if the house settings give one
        body.extend(front_matter.colophon(self, translation_status(self.content), self.generated))
        imprint = front_matter.imprint(self)
        if imprint is not None:
            body.append(imprint)
        # the cover is laid out after the body because it reports how many passages are left
        # untranslated, and the furniture after the cover, whose title may be one of them
        cover = self.cover()
        if self.lang == "bilingual":
            # every cover row is there twice: the contents would not fit under them
            cover.append(PageBreak())
        cover.append(front_matter.contents(self, body))
        return Brief(
            lang=self.lang,
            metadata=self.metadata(),
            furniture=self.furniture(),
            blocks=tuple(typeset(block) for block in (*cover, PageBreak(), *body)),
        )

    def part_heading(self, number: int, name: str) -> Heading:
        runs: list[Run] = []
        for lang in self.langs:
            if runs:
                runs.append(Run(" ", "en"))
            prefix = heading_number(number, lang) if not runs else ""
            label = "report_excerpt" if name == "report" and is_excerpt(self.content) else name
            runs.append(Run(prefix + str(getattr(self.labels(lang), label)), lang))
        return Heading(1, tuple(runs), anchor=name)

    @property
    def headline(self) -> Text:
        """The report's headline; a news item printed without one is headed by its event."""
        meeting = self.content.meeting
        return meeting.title if meeting.title.zh else meeting.event

    def metadata(self) -> Metadata:
        meeting = self.content.meeting
        lang = self.main

        def pick(value: Text) -> str:
            # document properties are plain strings: fall back to Chinese rather than leave a gap
            return value.get(lang) or value.zh

        if self.lang == "bilingual":
            title = " / ".join(t for t in (self.headline.zh, self.headline.en) if t)
        else:
            title = pick(self.headline)
        keywords: list[str] = []
        for program in self.content.programs:
            for program_lang in self.langs:
                name = program.name.get(program_lang)
                if name and name not in keywords:
                    keywords.append(name)
        return Metadata(
            title=title,
            author=compiling_office(meeting.source.publication, lang, self.house),
            subject=pick(meeting.event),
            language=LANGUAGE_TAGS[self.lang],
            keywords=tuple(keywords),
        )

    def furniture(self) -> Furniture:
        meeting = self.content.meeting
        pieces: list[str] = []
        # one language in the running header, even in the bilingual edition: both would wrap
        event = meeting.event.get(self.main) or meeting.event.zh
        if event:
            pieces.append(event)
        if meeting.date:
            pieces.append(format_date(meeting.date, self.main))
        sep = "　" if self.main == "zh" else " · "
        return Furniture(
            header=english_typography(sep.join(pieces)),
            page_numbers=self.main,
            draft=self.untranslated > 0,
            cover=True,
        )

    # -- cover ----------------------------------------------------------------------------------

    def cover(self) -> list[Block]:
        meeting = self.content.meeting
        # the masthead names the brief: the title block is the report's headline alone
        if self.lang == "bilingual":
            title = Title(self.both(self.headline))
        else:
            title = Title(self.text(self.headline, self.lang))
        rows: list[tuple[Runs, Runs]] = []

        def row(name: str, value: Runs) -> None:
            if value:
                rows.append((self.label(name, bold=True), value))

        if self.headline is not meeting.event:
            row("event", self.both(meeting.event))
        date = meeting.date
        if date is not None:
            row("date", self.per_lang(lambda lang: format_date(date, lang)))
        row("place", self.both(meeting.place))
        row("publication", front_matter.source_runs(self))
        reporters = meeting.source.reporters
        if reporters:
            row("reporters", self.per_lang_runs(
                lambda lang: self.joined((self.person(r, lang) for r in reporters), lang)
            ))
        blocks: list[Block] = [front_matter.masthead(self), title, KeyValues(tuple(rows))]
        # built after the body and the rows above, so that it covers every marked passage; its
        # count is the sentences' (as qa.json's and the colophon's), not the marked passages'
        if self.untranslated:
            status = translation_status(self.content)
            blocks.extend(front_matter.draft_notices(self, status.none, status.total))
        return blocks

    def per_lang(self, make: Callable[[Lang], str]) -> Runs:
        """One run per language of the edition, each made by ``make(lang)``, a line apart.

        A value that reads the same in both languages ("8%", "3%") is given once.
        """
        runs: list[Run] = []
        for lang in self.langs:
            text = make(lang)
            if runs and text == runs[-1].text:
                continue
            if runs:
                runs.append(_BETWEEN)
            runs.append(Run(text, lang))
        return tuple(runs)

    def per_lang_runs(self, make: Callable[[Lang], Runs]) -> Runs:
        """The runs ``make(lang)`` gives for every language of the edition, a line apart."""
        runs: list[Run] = []
        for lang in self.langs:
            if runs:
                runs.append(_BETWEEN)
            runs.extend(make(lang))
        return tuple(runs)

    # -- summary tables -------------------------------------------------------------------------

    def speaker_names(self, speakers: Iterable[Speaker | None]) -> Runs:
        """Who said something, each once, in every language of the edition; "—" if nobody."""
        seen: list[Speaker] = []
        for speaker in speakers:
            if speaker is not None and speaker not in seen:
                seen.append(speaker)
        if not seen:
            return self.none()
        return self.per_lang_runs(
            lambda lang: self.joined((self.person(s.name, lang) for s in seen), lang)
        )

    def header(self, *names: str, between: Run = _BETWEEN) -> Row:
        return tuple(self.label(name, bold=True, between=between) for name in names)

    def targets(self) -> list[Block]:
        return summary.targets(self)

    def language_label(self, name: str, lang: Lang) -> Runs:
        """A column head naming one language's version, e.g. "指标（中文）" / "Metric (English)"."""
        labels = self.labels(lang)
        head = str(getattr(labels, name))
        language = labels.language_name
        text = f"{head}（{language}）" if lang == "zh" else f"{head} ({language})"
        return (Run(text, lang, bold=True),)

    def programs(self) -> list[Block]:
        if not self.content.programs:
            return [Paragraph(self.label("no_programs"), style="note")]
        if self.lang == "bilingual":
            header = (
                self.language_label("program_name", "zh"),
                self.language_label("program_name", "en"),
                *self.header("program_by"),
            )
        else:
            header = self.header("program_name", "program_other_name", "program_by")
        rows = tuple(self.program_row(p) for p in self.content.programs)
        return [Table(header, rows, _WIDTHS["programs"][self.lang])]

    def program_row(self, program: Program) -> Row:
        speakers = self.speaker_names(self.content.speaker_of(s) for s in program.segments)
        if self.lang == "bilingual":
            zh = self.text(program.name, "zh") or self.none()
            en = self.text(program.name, "en") or self.none()
            return (zh, en, speakers)
        if self.lang == "zh":
            # the Chinese pack is complete on its own: a missing English name is just a gap
            other = (Run(program.name.en, "en"),) if program.name.en else self.none()
            return (self.text(program.name, "zh") or self.none(), other, speakers)
        return (
            self.text(program.name, "en") or self.none(),
            (Run(program.name.zh, "zh"),) if program.name.zh else self.none(),
            speakers,
        )

    def speakers(self) -> list[Block]:
        return summary.speakers(self)

    def anchor_of(self, segment_id: str) -> str:
        """The anchor of the report paragraph that holds a segment; in the bilingual edition,
        whose report is a table, that of its section's heading, or of the report's."""
        anchor = "report"
        previous_part = None
        for section in self.content.sections:
            first_of_part = section.part != previous_part
            previous_part = section.part
            if self.section_heading(section, first_of_part) is not None:
                anchor = f"section-{section.id}"
            for paragraph in source_paragraphs(section):
                if any(s.id == segment_id for block in paragraph for s in block.segments):
                    return anchor if self.lang == "bilingual" else paragraph_anchor(paragraph[0])
        return anchor

    def speaker_title(self, speaker: Speaker) -> Runs:
        """The speaker's title as the report gives it, else the glossary's (marked), else "not given"."""
        if speaker.title.zh:
            return self.cell(speaker.title)
        found = glossary_title(speaker, self.terms)
        runs: list[Run] = []
        for lang in self.langs:
            labels = self.labels(lang)
            title = found.get(lang)
            text = labels.title_from_glossary.format(title=title) if title else labels.title_not_given
            if runs:
                runs.append(_BETWEEN)
            runs.append(Run(text, lang, italic=lang == "en" and not title))
        return tuple(runs)

    # -- the report -----------------------------------------------------------------------------

    def section_heading(self, section: Section, first_of_part: bool) -> Heading | None:
        anchor = f"section-{section.id}"
        if section.heading is not None:
            runs = self.both(section.heading)
            return Heading(2, runs, anchor=anchor) if runs else None
        if section.part > 1 and first_of_part:
            # a jump from another page is labelled with it, as the newspaper itself does
            page = continued_from(self.content, section.part)
            if page is not None:
                return Heading(2, self.label("continued_from", page=page), anchor=anchor)
            return Heading(2, self.label("continued", part=section.part), anchor=anchor)
        # the lead section follows the part heading directly and needs no label of its own
        return None

    def report(self) -> list[Block]:
        blocks: list[Block] = []
        previous_part = None
        headed = False
        for index, section in enumerate(self.content.sections):
            heading = self.section_heading(section, section.part != previous_part)
            previous_part = section.part
            if heading is not None:
                blocks.append(heading)
            if self.lang == "bilingual":
                # the column heads stand once, over the first section: the rest read on
                table = self.aligned(section, header=not headed)
                if table.rows:
                    blocks.append(table)
                    headed = True
            else:
                blocks.extend(self.paragraphs(section, self.lang, lead=index == 0))
        return blocks

    def speaker_label(self, block: ContentBlock, lang: Lang) -> Runs:
        """The subhead naming who speaks, above a statement whose text does not name them."""
        speaker = self.content.speaker(block.speaker)
        if speaker is None:
            return ()
        name = speaker.name.get(lang) or speaker.name.zh
        if lang == "en":
            name = name.replace(" ", _NO_BREAK)
        return (Run(self.labels(lang).statement.format(name=name), lang, bold=True),)

    def attribution(self, paragraph: Sequence[ContentBlock], previous: ContentBlock | None,
                    lang: Lang) -> Runs:
        """The speaker subhead a source paragraph needs in ``lang``: none when its text names them.

        Only a statement run's first paragraph can need one; the reporter's lines never do.
        """
        for block in paragraph:
            if self.starts_statement(block, previous):
                speaker = self.content.speaker(block.speaker)
                if speaker is not None and not names_speaker(paragraph, speaker, lang):
                    return self.speaker_label(block, lang)
            previous = block
        return ()

    def starts_statement(self, block: ContentBlock, previous: ContentBlock | None) -> bool:
        """True for the first block of a speaker's run of statements."""
        if block.kind != "statement":
            return False
        return previous is None or previous.kind != "statement" or previous.speaker != block.speaker

    def caption_label(self, lang: Lang) -> Run:
        """The label of a photo caption: the pack carries no photos, so the caption is shown as a
        labelled note (图片说明：/ Photo caption:) in every edition, never as a caption of nothing."""
        return Run(self.labels(lang).caption, lang, bold=True)

    def tie_reporters(self, block: ContentBlock, runs: Runs) -> Runs:
        """A byline with each reporter's English name tied, so a line breaks between names only
        (the Chinese names, without spaces, are kept whole by the byline's line breaking)."""
        names = [r.en for r in block.reporters if r.en and " " in r.en]
        out = []
        for run in runs:
            text = run.text
            for name in names:
                text = text.replace(name, name.replace(" ", _NO_BREAK))
            out.append(replace(run, text=text))
        return tuple(out)

    def block_runs(self, blocks: Sequence[ContentBlock], lang: Lang, *,
                   show_source: bool = True, marks: bool = False) -> Runs:
        """The sentences of ``blocks`` in ``lang``; ``marks`` notes fuzzy English (reviewers')."""
        runs: list[Run] = []
        for segment in (s for block in blocks for s in block.segments):
            if runs and lang == "en":
                runs.append(Run(" ", "en"))
            runs.extend(self.segment(segment, lang, show_source=show_source))
            if marks and lang == "en" and segment.origin == "fuzzy" and not is_untranslated(segment):
                # the reviewers' edition says which English is last time's, adapted
                runs.append(Run(" " + EN.fuzzy_mark.format(score=segment.score), "en", italic=True))
        return tuple(runs)

    def paragraphs(self, section: Section, lang: Lang, *, lead: bool) -> list[Block]:
        """The section's text as the source paragraphs it has, speakers shown where it does not name them."""
        blocks: list[Block] = []
        previous: ContentBlock | None = None
        for paragraph in source_paragraphs(section):
            first = paragraph[0]
            runs = self.block_runs(paragraph, lang)
            style: ParagraphStyle = "body"
            label = self.attribution(paragraph, previous, lang)
            if label:
                blocks.append(Paragraph(label, style="speaker"))
            if first.kind == "statement":
                style = "statement"
            elif first.kind == "caption":
                style = "caption"
                runs = (self.caption_label(lang), *runs)
            elif first.kind == "byline":
                style = "byline"
                runs = self.tie_reporters(first, runs)
            elif lead and previous is None:
                style = "lead"
            blocks.append(Paragraph(runs, style=style, anchor=paragraph_anchor(first)))
            previous = paragraph[-1]
        return blocks

    def aligned(self, section: Section, *, header: bool = True) -> Table:
        """The section as parallel text: Chinese | English, one row per source paragraph."""
        rows: list[Row] = []
        previous: ContentBlock | None = None
        for paragraph in source_paragraphs(section):
            first = paragraph[0]
            zh = self.block_runs(paragraph, "zh")
            en = self.block_runs(paragraph, "en", show_source=False, marks=True)
            # the speaker subhead opens the row's cells, on a line of its own, rather than a
            # row of its own that a page break could strand at the foot of a page
            zh_label = self.attribution(paragraph, previous, "zh")
            en_label = self.attribution(paragraph, previous, "en")
            if zh_label or en_label:
                zh = (*(zh_label or self.speaker_label(first, "zh")), _BETWEEN, *zh)
                en = (*(en_label or self.speaker_label(first, "en")), _BETWEEN, *en)
            if first.kind == "caption":
                zh = (self.caption_label("zh"), *zh)
                en = (self.caption_label("en"), *en)
            if first.kind == "byline":
                en = self.tie_reporters(first, en)
            if first.kind in ("caption", "byline"):
                # only the English is set in italics: slanted Han characters are a misprint
                en = tuple(replace(r, italic=True) for r in en)
            rows.append((zh, en))
            previous = paragraph[-1]
        head: Row = ()
        if header:
            head = (
                (Run(self.labels("zh").column_zh, "zh", bold=True),),
                (Run(self.labels("en").column_en, "en", bold=True),),
            )
        return Table(head, tuple(rows), _ALIGNED_WIDTHS, style="aligned")

    # -- annex ----------------------------------------------------------------------------------

    def annex(self, terms: Sequence[Term], matcher: TermMatcher | None = None) -> list[Block]:
        used = terms_in(self.content, terms, matcher)
        if not used:
            return [Paragraph(self.label("no_terms"), style="note")]
        if self.lang == "en":
            # the English pack reads the glossary from the English side, alphabetically
            used.sort(key=lambda t: (t.en.lstrip(_SORT_IGNORES).casefold(), t.zh))
            header = self.header("annex_en", "annex_zh")
            rows = tuple(((Run(t.en, "en"),), (Run(t.zh, "zh"),)) for t in used)
        else:
            # pypinyin's readings, as the caller gives them (see doctool.render.pinyin)
            keys = self.readings(t.zh.lstrip(_SORT_IGNORES) for t in used)
            used.sort(key=lambda t: (keys[t.zh.lstrip(_SORT_IGNORES)], t.zh))
            # the list's column heads are short: one line each, even with both languages
            header = self.header("annex_zh", "annex_en", between=Run(" ", "en"))
            rows = tuple(((Run(t.zh, "zh"),), (Run(t.en, "en"),)) for t in used)
        return [Table(header, rows, _WIDTHS["glossary"][self.lang], style="compact",
                      columns=_ANNEX_COLUMNS)]


def paragraph_anchor(block: ContentBlock) -> str:
    """The anchor of a report paragraph, which the summary's links point at."""
    return f"p-{block.id}"


def typeset_runs(runs: Runs) -> Runs:
    """``runs`` with their English typeset (curly quotes, single spaces); Chinese is left as is."""
    out: list[Run] = []
    before = ""
    for run in runs:
        if run.lang == "en":
            text = english_typography(run.text, before)
            if text != run.text:
                run = replace(run, text=text)
        out.append(run)
        before = run.text or before
    return tuple(out)


def typeset(block: Block) -> Block:
    """``block`` with the English of every run typeset."""
    if isinstance(block, Title):
        return Title(typeset_runs(block.text), typeset_runs(block.subtitle))
    if isinstance(block, Heading):
        return replace(block, text=typeset_runs(block.text))
    if isinstance(block, Paragraph):
        return replace(block, runs=typeset_runs(block.runs))
    if isinstance(block, Table):
        return replace(
            block,
            header=tuple(typeset_runs(cell) for cell in block.header),
            rows=tuple(tuple(typeset_runs(cell) for cell in row) for row in block.rows),
        )
    if isinstance(block, KeyValues):
        return KeyValues(tuple((typeset_runs(k), typeset_runs(v)) for k, v in block.rows))
    if isinstance(block, Masthead):
        return Masthead(*(typeset_runs(runs) for runs in (
            block.name, block.issue, block.office, block.date, block.classification)))
    if isinstance(block, Contents):
        return Contents(typeset_runs(block.title), tuple(
            replace(e, text=typeset_runs(e.text)) for e in block.entries))
    if isinstance(block, Imprint):
        return Imprint(tuple((typeset_runs(a), typeset_runs(b)) for a, b in block.lines))
    return block


def terms_in(
    content: Content, terms: Sequence[Term], matcher: TermMatcher | None = None
) -> list[Term]:
    """The glossary terms that occur in the Chinese of ``content``, each once, in reading order.

    They are found with ``matcher`` (which must know every term) when given, else with a
    matcher built for ``terms``.
    """
    if not terms:
        return []
    if matcher is not None:
        matcher = matcher.select(terms)
    else:
        # imported here so that a brief without a glossary does not load the matcher
        from doctool.glossary.matcher import TermMatcher

        matcher = TermMatcher(terms)
    found: dict[tuple[str, str], Term] = {}
    for segment in content.segments():
        for match in matcher.find(segment.zh):
            found.setdefault((match.term.zh, match.term.en), match.term)
    return list(found.values())


def brief_runs(brief: Brief) -> Iterator[Runs]:
    """Every stretch of runs in the brief (a title, a paragraph, a table cell), in order."""
    for block in brief.blocks:
        if isinstance(block, Title):
            yield block.text
            yield block.subtitle
        elif isinstance(block, Heading):
            yield block.text
        elif isinstance(block, Paragraph):
            yield block.runs
        elif isinstance(block, Table):
            yield from block.header
            for row in block.rows:
                yield from row
        elif isinstance(block, KeyValues):
            for label, value in block.rows:
                yield label
                yield value
        elif isinstance(block, Masthead):
            yield from (block.classification, block.name, block.issue, block.office, block.date)
        elif isinstance(block, Contents):
            # the entries repeat the headings: a marked heading is one passage, not two
            yield block.title
        elif isinstance(block, Imprint):
            for left, right in block.lines:
                yield left
                yield right


def untranslated_passages(brief: Brief) -> int:
    """How many passages the brief shows marked as untranslated (adjacent marked runs are one)."""
    count = 0
    for runs in brief_runs(brief):
        previous = False
        for run in runs:
            if run.untranslated and not previous:
                count += 1
            previous = run.untranslated
    return count
