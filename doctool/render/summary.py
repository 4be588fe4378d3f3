"""The summary a decision-maker reads first: key points, the targets table, speakers' commitments.

Layout (:mod:`doctool.render.layout`) calls these with itself as the :class:`Pen`, which knows
the edition's languages and how to write a text, a sentence or a name in them; what is said is
chosen in :mod:`doctool.render.keypoints` and the extracted facts. Every sentence shown is the
report's own, in Chinese and as its segment's English.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from doctool.model import Content, Lang, Segment, Speaker, Target, Text
from doctool.render import keypoints
from doctool.render.brief import Block, BriefLang, Paragraph, Run, Table
from doctool.render.formatting import QUALIFIERS, in_one_scale, qualifier_words
from doctool.render.labels import Labels
from doctool.render.report_body import glossary_title

if TYPE_CHECKING:
    from doctool.glossary.terms import Term

Runs = tuple[Run, ...]
Row = tuple[Runs, ...]

#: between the languages of the bilingual edition in one cell or paragraph (as in layout)
_BETWEEN = Run("\n", "en")

#: relative column widths, per edition
WIDTHS: dict[str, dict[BriefLang, tuple[float, ...]]] = {
    # metric, unit, previous result, target, qualifier, year, set by
    "targets": {
        "zh": (2.75, 0.9, 1.6, 1.0, 1.0, 1.2, 1.5),
        "en": (2.4, 1.1, 1.4, 1.1, 1.5, 0.8, 1.7),
        "bilingual": (2.0, 1.0, 1.6, 1.2, 1.5, 1.0, 1.9),
    },
    # the bilingual key points: Chinese | English, as the report's parallel text
    "key_points": {"bilingual": (1.0, 1.6)},
    # name, organization and title, commitments
    "speakers": {"zh": (1.0, 2.2, 5.3), "en": (1.6, 2.5, 4.6), "bilingual": (1.6, 2.5, 4.6)},
}


class Pen(Protocol):
    """What the summary needs of a layout run: the content, its edition and its way with words."""

    content: Content
    lang: BriefLang
    #: the glossary, whose person entries may give a title the report does not
    terms: tuple[Term, ...]

    @property
    def langs(self) -> tuple[Lang, ...]:
        """The languages of the edition, Chinese first."""

    def label(self, name: str, *, bold: bool = ..., between: Run = ..., **fields: object) -> Runs:
        """A fixed wording in the edition's language(s)."""

    def labels(self, lang: Lang) -> Labels:
        """The fixed wordings of one language."""

    def text(self, value: Text, lang: Lang, *, bold: bool = ...) -> Runs:
        """A short text in ``lang``, a missing translation marked."""

    def segment(self, segment: Segment, lang: Lang, *, show_source: bool = ...) -> Runs:
        """One sentence in ``lang``, a missing translation marked."""

    def per_lang(self, make: Callable[[Lang], str]) -> Runs:
        """``make(lang)`` for every language of the edition, a line apart, given once if alike."""

    def per_lang_runs(self, make: Callable[[Lang], Runs]) -> Runs:
        """``make(lang)`` for every language of the edition, a line apart."""

    def both(self, value: Text, *, bold: bool = ...) -> Runs:
        """A short text in every language of the edition."""

    def none(self) -> Runs:
        """What an empty cell shows."""

    def speaker_names(self, speakers: Iterable[Speaker | None]) -> Runs:
        """The names of some speakers, each once; "—" if none."""

    def header(self, *names: str, between: Run = ...) -> Row:
        """A table's header row of fixed wordings."""

    def anchor_of(self, segment_id: str) -> str:
        """The anchor of the report paragraph that holds a segment."""


def _sentences(pen: Pen, segments: Sequence[Segment], lang: Lang) -> Runs:
    """Some of the report's sentences in ``lang``, as the report runs them together."""
    runs: list[Run] = []
    for segment in segments:
        if runs and lang == "en":
            runs.append(Run(" ", "en"))
        runs.extend(pen.segment(segment, lang))
    return tuple(runs)


# -- key points ----------------------------------------------------------------------------------


def point_number(number: int, lang: Lang) -> str:
    """The number before a key point: "1．" in Chinese (GB/T 9704's third level), "1. " in English."""
    return f"{number}．" if lang == "zh" else f"{number}. "


def key_points(pen: Pen) -> list[Block]:
    """The key points, numbered, each a sentence of the report; in the bilingual edition a
    Chinese | English table."""
    points = keypoints.key_points(pen.content)
    if not points:
        return [Paragraph(pen.label("no_key_points"), style="note")]
    numbered = [
        {lang: (Run(point_number(number, lang), lang), *_sentences(pen, (segment,), lang))
         for lang in pen.langs}
        for number, segment in enumerate(points, start=1)
    ]
    if pen.lang == "bilingual":
        # ruled like the summary's other tables; the report below is the parallel text
        header = ((Run(pen.labels("zh").column_zh, "zh", bold=True),),
                  (Run(pen.labels("en").column_en, "en", bold=True),))
        rows = tuple((point["zh"], point["en"]) for point in numbered)
        return [Table(header, rows, WIDTHS["key_points"]["bilingual"])]
    return [Paragraph(point[pen.lang], style="body") for point in numbered]


# -- targets -------------------------------------------------------------------------------------


def _figures(values: Sequence[str], lang: Lang) -> str:
    """One figure, or the two ends of a range: "6-6.5", "6 to 6.5"."""
    return ("-" if lang == "zh" else " to ").join(values)


def _previous(previous: Target, figures: Sequence[str], lang: Lang, labels: Labels) -> str:
    """A previous result over its period: zh "8400" over "2024年预计", en "840" over "(2024, est.)"."""
    notes: list[str] = []
    if previous.period is not None:
        notes.append(f"{previous.period}年" if lang == "zh" else previous.period)
    if previous.kind == "estimate":
        notes.append(labels.estimate)
    figure = _qualified(_figures(figures, lang), previous.qualifier, lang)
    if not notes:
        return figure
    # the period on a line of its own: a narrow column would break it anywhere
    if lang == "zh":
        return f"{figure}\n{''.join(notes)}"
    return f"{figure}\n({', '.join(notes)})"


def _qualified(figure: str, qualifier: str | None, lang: Lang) -> str:
    """A previous figure with its own qualifier (16以上, "more than 16"); 预计 is said apart."""
    known = QUALIFIERS.get(qualifier or "")
    if known is None or qualifier == "预计":
        return figure
    if lang == "en":
        return known.en.format(figure)
    return f"{qualifier}{figure}" if known.zh_position == "before" else f"{figure}{qualifier}"


def target_row(pen: Pen, target: Target, previous: Target | None) -> Row:
    """One target: metric (a link to its paragraph), unit, previous result, target, qualifier,
    year, and who set it."""
    count = len(target.values)
    earlier: tuple[Decimal, ...] = previous.values if previous is not None else ()

    def scaled(lang: Lang) -> tuple[tuple[str, ...], str]:
        # the target and its previous result on one scale, so that the unit column holds for both
        return in_one_scale((*target.values, *earlier), target.unit, lang)

    anchor = pen.anchor_of(target.segment)
    metric = tuple(run if run.text == "\n" else replace(run, link=anchor)
                   for run in pen.both(target.metric)) or pen.none()
    unit = pen.per_lang(lambda lang: scaled(lang)[1]) if any(
        scaled(lang)[1] for lang in pen.langs) else pen.none()
    value = pen.per_lang(lambda lang: _figures(scaled(lang)[0][:count], lang))
    before = pen.none()
    if previous is not None:
        before = pen.per_lang(
            lambda lang: _previous(previous, scaled(lang)[0][count:], lang, pen.labels(lang))
        )
    qualifier = pen.none()
    if target.qualifier:
        words = target.qualifier
        qualifier = pen.per_lang(lambda lang: qualifier_words(words, lang))
    year = pen.none()
    period = target.period
    if period is not None and pen.lang == "bilingual":
        # a bare year reads the same in both languages of the bilingual edition
        year = (Run(period, "en"),)
    elif period is not None:
        year = pen.per_lang(lambda lang: f"{period}年" if lang == "zh" else period)
    return (metric, unit, before, value, qualifier, year, set_by(pen, target))


def set_by(pen: Pen, target: Target) -> Runs:
    """Who set a target: the speaker whose statement holds it, else the meeting that the report
    is about (its event, or "the meeting" when the report names none); never blank."""
    speaker = pen.content.speaker_of(target.segment)
    if speaker is not None:
        return pen.speaker_names([speaker])
    event = pen.content.meeting.event
    return pen.both(event) if event.zh else pen.label("the_meeting")


def targets(pen: Pen) -> list[Block]:
    """The key-targets table: commitments only, each row linked to the paragraph that sets it."""
    # results, estimates and statistics are in the text; the table holds commitments only
    rows = [t for t in pen.content.targets if t.kind == "target"]
    if not rows:
        return [Paragraph(pen.label("no_targets"), style="note")]
    facts = {t.id: t for t in pen.content.targets}
    header = pen.header("target_metric", "target_unit", "target_previous", "target_value",
                        "target_qualifier", "target_year", "target_by")
    table = Table(
        header,
        tuple(target_row(pen, t, facts.get(t.previous or "")) for t in rows),
        WIDTHS["targets"][pen.lang],
    )
    return [table, Paragraph(pen.label("targets_link_note"), style="note")]


# -- speakers ------------------------------------------------------------------------------------


def _role(pen: Pen, speaker: Speaker, lang: Lang) -> Runs:
    """Organization and title as the language writes them: 市商务委党组书记、主任; Director,
    Chongqing Municipal Commission of Commerce; a title the report does not give is said so."""
    organization = pen.text(speaker.organization, lang)
    title = pen.text(speaker.title, lang)
    if not speaker.title.zh:
        # a person entry of the glossary may give the title, marked as the glossary's
        found = glossary_title(speaker, pen.terms).get(lang)
        labels = pen.labels(lang)
        not_given = (Run(labels.title_from_glossary.format(title=found) if found
                         else labels.title_not_given, lang),)
        if not organization:
            return not_given
        brackets = ("（", "）") if lang == "zh" else (" (", ")")
        return (*organization, Run(brackets[0], lang), *not_given, Run(brackets[1], lang))
    if lang == "zh":
        return _joined_zh(speaker.organization.zh, speaker.title.zh)
    if not organization:
        return title
    return (*title, Run(", ", "en"), *organization)


def _joined_zh(organization: str, title: str) -> Runs:
    """Organization and title run together as Chinese writes them, without saying twice what
    both hold: 江北区委 and 区委书记 make 江北区委书记."""
    overlap = next((k for k in range(min(len(organization), len(title)), 1, -1)
                    if organization.endswith(title[:k])), 0)
    return (Run(organization + title[overlap:], "zh"),)


def speakers(pen: Pen) -> list[Block]:
    """Each speaker with organization and title and, in a line or two, what they committed to."""
    if not pen.content.speakers:
        return [Paragraph(pen.label("no_speakers"), style="note")]
    header = pen.header("speaker_name", "speaker_role", "speaker_commitments")
    rows: list[Row] = []
    for speaker in pen.content.speakers:
        chosen = keypoints.commitments(pen.content, speaker)
        said = pen.per_lang_runs(functools.partial(_sentences, pen, chosen)) if chosen else pen.none()
        rows.append((
            pen.speaker_names([speaker]),
            pen.per_lang_runs(functools.partial(_role, pen, speaker)),
            said,
        ))
    return [Table(header, tuple(rows), WIDTHS["speakers"][pen.lang])]
