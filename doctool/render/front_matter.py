"""The front and back of a brief: masthead (报头), source line, contents, colophon and 报尾.

A brief opens as an office's briefing does (GB/T 9704's 版头): the brief's name large in red,
its issue number, the compiling office and the date of issue over a red rule, the
classification line above them when there is one; then the title, the cover rows and a table
of contents. How the pack was made (languages, translation counts, doctool's version) is for
the colophon at the end, not the cover; after it comes the 报尾 (版记) when the house settings
give a distribution list or a contact. Everything here is decided from the content and the
house settings (:mod:`doctool.settings`), for every writer alike.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from typing import Protocol

from doctool import __version__
from doctool.model import Content, Lang, Meeting
from doctool.render.brief import (
    Block,
    BriefLang,
    Contents,
    ContentsEntry,
    Heading,
    Imprint,
    KeyValues,
    Masthead,
    Paragraph,
    Run,
)
from doctool.render.formatting import format_date
from doctool.render.front_labels import FRONT_LABELS
from doctool.render.labels import BILINGUAL_LANGUAGE_NAME, LABELS
from doctool.settings import HouseSettings

Runs = tuple[Run, ...]


class _Layout(Protocol):
    """What the front and back take from a layout run (:class:`doctool.render.layout._Layout`)."""

    content: Content
    lang: BriefLang
    house: HouseSettings

    @property
    def langs(self) -> tuple[Lang, ...]:
        """The languages of the edition."""

    @property
    def main(self) -> Lang:
        """The language of metadata and page furniture."""

    def per_lang(self, make: Callable[[Lang], str]) -> Runs:
        """One run per language of the edition, a line apart."""


class Status(Protocol):
    """Translation counts, as :class:`doctool.render.layout.TranslationStatus` holds them."""

    @property
    def total(self) -> int:
        """Every segment."""

    @property
    def memory(self) -> int:
        """Segments from the translation memory."""

    @property
    def mt(self) -> int:
        """Segments machine-translated."""

    @property
    def none(self) -> int:
        """Segments without English."""

#: the page a continued part says the report started on: <<上接1版, （紧接第1版）
_CONTINUED_FROM = re.compile(r"(?:上接|紧接)(?:第)?(?P<page>[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})版")
#: the TOC lists the parts of the brief and the report's sections
CONTENTS_LEVELS = 2


def masthead(lay: _Layout) -> Masthead:
    """The 报头 of the edition: in its main language, the name in both in the bilingual one."""
    house = lay.house
    main = lay.main
    wording = house.get(main)
    names: list[Run] = []
    for lang in lay.langs:
        name = house.get(lang).name or LABELS[lang].kind
        if names:
            if name == names[-1].text:
                continue
            names.append(Run("\n", "en"))
        names.append(Run(name, lang))
    issue = FRONT_LABELS[main].issue.format(issue=house.issue) if house.issue else ""
    date = format_date(house.date, main) if house.date else ""
    return Masthead(
        name=tuple(names),
        issue=_runs(issue, main),
        office=_runs(wording.office, main),
        date=_runs(date, main),
        classification=_runs(wording.classification, main),
    )


def report_page(meeting: Meeting) -> str:
    """The page of the publication the report starts on, when a continued part names it."""
    for part in meeting.parts:
        found = _CONTINUED_FROM.search(part.marker or "")
        if found:
            page = found["page"]
            return page.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return ""


def source_line(meeting: Meeting, lang: Lang) -> str:
    """The publication the report appeared in, its date and page, as far as the report says
    them: 《重庆日报》2024年12月24日 第1版; empty if it names none of them."""
    labels = FRONT_LABELS[lang]
    source = meeting.source
    publication = source.publication.get(lang) or source.publication.zh
    page = source.page or report_page(meeting)
    title = labels.source.format(publication=publication) if publication else ""
    date = format_date(source.published, lang) if source.published is not None else ""
    number = labels.page.format(page=page) if page else ""
    if lang == "en":
        return ", ".join(p for p in (title, date, number) if p)
    # 《重庆日报》2024年12月24日 第1版: the date runs on from the title marks, the page stands
    # apart from a date (《重庆日报》第1版 without one)
    return title + date + (" " if date and number else "") + number


def source_runs(lay: _Layout) -> Runs:
    """The source line in every language of the edition; none when the report names none."""
    meeting = lay.content.meeting
    if not any(source_line(meeting, lang) for lang in lay.langs):
        return ()
    return lay.per_lang(lambda lang: source_line(meeting, lang))


def contents(lay: _Layout, body: Sequence[Block]) -> Contents:
    """The table of contents of ``body``: its level-1 and level-2 headings, in order.

    The bilingual edition lists its headings in Chinese, which leads it: both languages of a
    heading on one contents line would not fit.
    """
    entries: list[ContentsEntry] = []
    for block in body:
        if not isinstance(block, Heading) or block.level > CONTENTS_LEVELS or not block.anchor:
            continue
        runs = block.text
        if lay.lang == "bilingual":
            runs = tuple(r for r in runs if r.lang == "zh")
        # a contents entry is one line: a line break between languages becomes a space
        runs = tuple(Run(" ", r.lang) if r.text == "\n" else r for r in runs)
        entries.append(ContentsEntry(block.level, runs, block.anchor))
    return Contents(_runs(FRONT_LABELS[lay.main].contents, lay.main), tuple(entries))


def draft_notices(lay: _Layout, untranslated: int, total: int) -> list[Block]:
    """The DRAFT notice under the cover rows, with the one count qa.json and the colophon give.

    ``untranslated`` is the number of sentences without English; when every sentence has
    English but a heading or name has none, the notice says so without a count.
    """
    blocks: list[Block] = []
    for lang in lay.langs:
        labels = LABELS[lang]
        if untranslated:
            notice = labels.draft_notice.format(count=untranslated, total=total)
        else:
            notice = labels.draft_notice_names
        blocks.append(Paragraph((Run(notice, lang, bold=True),), style="note"))
    return blocks


def colophon(lay: _Layout, status: Status, generated: dt.date | None) -> list[Block]:
    """The colophon closing the brief: source, languages, translation status (``status``),
    the build's date and doctool's version."""
    rows: list[tuple[Runs, Runs]] = []

    def row(name: str, value: Runs) -> None:
        if value:
            rows.append((lay.per_lang(lambda lang: getattr(FRONT_LABELS[lang], name)), value))

    row("colophon_source", source_runs(lay))
    if lay.lang == "bilingual":
        zh_name, en_name = BILINGUAL_LANGUAGE_NAME
        row("colophon_languages", (Run(zh_name, "zh"), Run("\n", "en"), Run(en_name, "en")))
    else:
        row("colophon_languages", lay.per_lang(lambda lang: LABELS[lang].language_name))
    counts = {"total": status.total, "memory": status.memory, "mt": status.mt, "none": status.none}
    row("colophon_translation", lay.per_lang(lambda lang: LABELS[lang].status.format(**counts)))
    if generated is not None:
        row("colophon_generated", lay.per_lang(lambda lang: format_date(generated, lang)))
    row("colophon_tool", (Run(f"doctool {__version__}", "en"),))
    # its rows say what it is: a title of its own could be stranded at a page foot
    return [KeyValues(tuple(rows))]


def imprint(lay: _Layout) -> Imprint | None:
    """The 报尾 in the edition's main language, when the settings give what it carries."""
    house = lay.house
    if not house.has_imprint:
        return None
    main = lay.main
    labels = FRONT_LABELS[main]
    wording = house.get(main)
    lines: list[tuple[Runs, Runs]] = []
    for label, names in ((labels.send_to, wording.send_to), (labels.copy_to, wording.copy_to)):
        if names:
            lines.append((_runs(label + labels.list_sep.join(names) + labels.list_end, main), ()))
    if wording.contact:
        lines.append((_runs(wording.contact, main), ()))
    issued = labels.issued.format(date=format_date(house.date, main)) if house.date else ""
    if wording.office or issued:
        lines.append((_runs(wording.office, main), _runs(issued, main)))
    return Imprint(tuple(lines))


def _runs(text: str, lang: Lang) -> Runs:
    return (Run(text, lang),) if text else ()
