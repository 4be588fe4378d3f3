"""Content + language -> Brief: golden text dumps and the rules a briefing pack follows."""

from __future__ import annotations

import os
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from doctool import content_io
from doctool.glossary.terms import Term
from doctool.model import Content, Segment
from doctool.render.brief import (
    Brief,
    BriefLang,
    Heading,
    PageBreak,
    Paragraph,
    Run,
    Table,
    plain,
)
from doctool.render.formatting import english_typography
from doctool.render.labels import EN, ZH
from doctool.render.layout import (
    brief_runs,
    layout,
    terms_in,
    translation_status,
    untranslated_passages,
)
from doctool.render.text import brief_to_text

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixtures" / "render" / "small-meeting.yaml"
GOLDEN = HERE / "golden"
EDITIONS: tuple[BriefLang, ...] = ("zh", "en", "bilingual")

#: a few glossary terms: three occur in the fixture report, one does not
TERMS = (
    Term("“33618”现代制造业集群体系", '"33618" modern manufacturing cluster system', "program"),
    Term("市委经济工作会议", "Economic Work Conference of the CPC Chongqing Municipal Committee",
         "event"),
    Term("长寿区", "Changshou District", "place"),
    Term("西部陆海新通道", "New International Land-Sea Trade Corridor", "program"),
)


@pytest.fixture(scope="module")
def content() -> Content:
    return content_io.load(FIXTURE)


def texts(brief: Brief) -> str:
    return "\n".join(plain(runs) for runs in brief_runs(brief))


@pytest.mark.parametrize("lang", EDITIONS)
def test_golden(content: Content, lang: BriefLang) -> None:
    """The whole brief, as text, matches tests/golden (DOCTOOL_UPDATE_GOLDEN=1 rewrites it)."""
    actual = brief_to_text(layout(content, lang, TERMS))
    golden = GOLDEN / f"small-meeting.{lang}.txt"
    if os.environ.get("DOCTOOL_UPDATE_GOLDEN") == "1":
        golden.write_text(actual, encoding="utf-8")
    assert golden.is_file(), f"{golden} is missing; run with DOCTOOL_UPDATE_GOLDEN=1"
    assert actual == golden.read_text(encoding="utf-8")


def test_layout_is_a_pure_function(content: Content) -> None:
    assert layout(content, "en", TERMS) == layout(content, "en", TERMS)


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_segment_is_in_the_brief(content: Content, lang: BriefLang) -> None:
    # a no-break space (tying a reporter's name in a byline) prints as a space
    text = texts(layout(content, lang)).replace("\u00a0", " ")
    for segment in content.segments():
        if lang in ("zh", "bilingual"):
            assert segment.zh in text
        if lang in ("en", "bilingual") and segment.en:
            # the brief prints English typeset: curly quotes for the memory's straight ones
            assert english_typography(segment.en) in text


@pytest.mark.parametrize("lang", ["en", "bilingual"])
def test_a_byline_ties_each_reporters_english_name(content: Content, lang: BriefLang) -> None:
    names = [r.en for section in content.sections for block in section.blocks
             if block.kind == "byline" for r in block.reporters if r.en and " " in r.en]
    assert names
    bylines = [plain(runs) for runs in brief_runs(layout(content, lang)) if "reporter" in plain(runs)]
    assert bylines
    for name in names:
        # a line may break between names but never inside one
        assert any(name.replace(" ", "\u00a0") in text for text in bylines), name
        assert not any(name in text for text in bylines), name


def test_untranslated_segment_is_marked_with_its_source(content: Content) -> None:
    brief = layout(content, "en")
    source = "要谋早谋实、紧抓快干，全力确保明年经济开好局起好步。"
    runs = [r for runs in brief_runs(brief) for r in runs if r.text == source]
    assert runs == [Run(source, "zh", untranslated=True)]
    assert brief.furniture.draft
    assert any(r.text == EN.untranslated and r.untranslated for rs in brief_runs(brief) for r in rs)


def test_bilingual_marks_the_gap_without_repeating_the_chinese(content: Content) -> None:
    brief = layout(content, "bilingual")
    assert brief.furniture.draft
    source = "要谋早谋实、紧抓快干，全力确保明年经济开好局起好步。"
    rows = [row for b in brief.blocks if isinstance(b, Table) and b.style == "aligned"
            for row in b.rows if plain(row[0]) == source]
    assert len(rows) == 1
    assert [r.untranslated for r in rows[0][1]] == [True]
    assert plain(rows[0][1]) == EN.untranslated


def test_chinese_pack_is_never_draft(content: Content) -> None:
    brief = layout(content, "zh")
    assert not brief.furniture.draft
    assert untranslated_passages(brief) == 0


def test_fully_translated_english_pack_is_not_draft(content: Content) -> None:
    done = content.with_segments(
        {"s-3-2": Segment("s-3-2", "要谋早谋实。", "Plan early.", "memory")}
    )
    programs = tuple(
        replace(p, name=replace(p.name, en=p.name.en or "fifth rail transit plan"))
        for p in done.programs
    )
    brief = layout(replace(done, programs=programs), "en")
    assert not brief.furniture.draft
    assert untranslated_passages(brief) == 0


def test_untranslated_passages_are_counted(content: Content) -> None:
    # the segment s-3-2 and the English name of program g-3
    assert untranslated_passages(layout(content, "en")) == 2
    assert untranslated_passages(layout(content, "bilingual")) == 2


def test_translation_status(content: Content) -> None:
    status = translation_status(content)
    assert (status.total, status.memory, status.mt, status.none) == (11, 6, 4, 1)


def test_a_segment_with_english_but_origin_none_counts_as_untranslated(content: Content) -> None:
    odd = content.with_segments({"s-1-1": Segment("s-1-1", "十二月。", "December.", "none")})
    assert translation_status(odd).none == 2
    brief = layout(odd, "en")
    assert "December." not in texts(brief)


@pytest.mark.parametrize(
    ("lang", "language", "author"),
    [("zh", "zh-CN", "重庆日报"), ("en", "en-US", "Chongqing Daily"),
     ("bilingual", "zh-CN, en-US", "重庆日报")],
)
def test_metadata(content: Content, lang: BriefLang, language: str, author: str) -> None:
    meta = layout(content, lang).metadata
    assert meta.language == language
    assert meta.author == author
    assert meta.title
    assert meta.subject


def test_keywords_are_program_names(content: Content) -> None:
    assert layout(content, "zh").metadata.keywords == (
        "“33618”现代制造业集群体系", "“满天星”行动计划", "轨道交通第五轮规划",
    )


def test_author_falls_back_to_doctool(content: Content) -> None:
    meeting = replace(content.meeting, source=replace(content.meeting.source,
                                                       publication=replace(
                                                           content.meeting.source.publication,
                                                           zh="", en="")))
    assert layout(replace(content, meeting=meeting), "en").metadata.author == "doctool"


def test_furniture(content: Content) -> None:
    zh = layout(content, "zh").furniture
    assert zh.header == "市委经济工作会议　2024年12月23日"
    assert zh.page_numbers == "zh"
    en = layout(content, "en").furniture
    assert en.header.endswith("23 December 2024")
    assert en.page_numbers == "en"


def test_targets_name_who_committed(content: Content) -> None:
    brief = layout(content, "en")
    table = next(b for b in brief.blocks if isinstance(b, Table))
    # names are tied with no-break spaces, so that a narrow column never breaks inside one
    rows = {plain(row[0]): tuple(plain(c).replace("\xa0", " ") for c in row[1:])
            for row in table.rows}
    assert rows["total sales of goods in Jiangbei"] == ("840 billion yuan", "2024", "Tao Shixiang")
    # a target stated in narration has nobody to attribute it to
    assert rows["rail transit under construction"] == ("strive for 225 km", "—", "—")


def test_statement_label_only_before_a_speakers_first_block(content: Content) -> None:
    brief = layout(content, "zh")
    statements = [b for b in brief.blocks if isinstance(b, Paragraph) and b.style == "statement"]
    labels = [b.runs[0].text if b.runs[0].bold else None for b in statements]
    assert labels == ["王志杰：", None, "陶世祥："]


def test_continuation_part_gets_a_heading_and_lead_none(content: Content) -> None:
    headings = [b for b in layout(content, "zh").blocks if isinstance(b, Heading)]
    level2 = [plain(h.text) for h in headings if h.level == 2]
    assert level2 == ["强化工业经济“主引擎”作用", ZH.continued.format(part=2)]


def test_part_headings_are_numbered(content: Content) -> None:
    level1 = [plain(b.text) for b in layout(content, "zh").blocks
              if isinstance(b, Heading) and b.level == 1]
    assert level1 == ["一、主要目标", "二、重点项目与举措", "三、发言人", "四、会议报道全文",
                      "附录：术语对照"]
    level1_en = [plain(b.text) for b in layout(content, "en").blocks
                 if isinstance(b, Heading) and b.level == 1]
    assert level1_en[0] == "1. Key targets"
    assert level1_en[-1] == "Annex: Glossary"


def test_annex_lists_the_terms_that_occur(content: Content) -> None:
    used = terms_in(content, TERMS)
    assert {t.zh for t in used} == {"“33618”现代制造业集群体系", "市委经济工作会议", "长寿区"}
    brief = layout(content, "zh", TERMS)
    annex = brief.blocks[-1]
    assert isinstance(annex, Table)
    # by pinyin, a term that opens with a quote filed under what follows it
    assert [plain(row[0]) for row in annex.rows] == [
        "“33618”现代制造业集群体系", "长寿区", "市委经济工作会议",
    ]


def test_english_annex_is_alphabetical_from_the_english_side(content: Content) -> None:
    annex = layout(content, "en", TERMS).blocks[-1]
    assert isinstance(annex, Table)
    assert [plain(c) for c in annex.header] == [EN.annex_en, EN.annex_zh]
    assert [plain(row[0]) for row in annex.rows] == [
        "“33618” modern manufacturing cluster system",
        "Changshou District",
        "Economic Work Conference of the CPC Chongqing Municipal Committee",
    ]


def test_annex_without_terms_says_so(content: Content) -> None:
    annex = layout(content, "en").blocks[-1]
    assert isinstance(annex, Paragraph)
    assert plain(annex.runs) == EN.no_terms


def test_empty_tables_become_notes() -> None:
    bare = content_io.loads(
        "schema: doctool.content/1\n"
        "meeting: {title: {zh: 标题, en: Title}}\n"
        "sections: [{id: s, heading: null, blocks: [{id: b, kind: paragraph, segments: "
        "[{id: g, zh: 一句。, en: One sentence., origin: memory}]}]}]\n"
        "speakers: []\ntargets: []\nprograms: []\n"
    )
    brief = layout(bare, "en")
    notes = [plain(b.runs) for b in brief.blocks if isinstance(b, Paragraph) and b.style == "note"]
    assert notes == [EN.no_targets, EN.no_programs, EN.no_speakers, EN.no_terms]
    assert not brief.furniture.draft
    assert brief.furniture.header == ""


def test_bilingual_report_is_one_aligned_row_per_segment(content: Content) -> None:
    brief = layout(content, "bilingual")
    aligned = [b for b in brief.blocks if isinstance(b, Table) and b.style == "aligned"]
    rows = [row for table in aligned for row in table.rows]
    assert len(rows) == translation_status(content).total
    assert all(len(row) == 2 for row in rows)
    assert all(r.lang == "zh" for row in rows for r in row[0])


def test_a_missing_english_title_alone_makes_a_draft(content: Content) -> None:
    translated = content.with_segments(
        {"s-3-2": Segment("s-3-2", "要谋早谋实。", "Plan early.", "memory")}
    )
    programs = tuple(replace(p, name=replace(p.name, en=p.name.en or "plan"))
                     for p in translated.programs)
    meeting = replace(translated.meeting, title=replace(translated.meeting.title, en=""))
    brief = layout(replace(translated, programs=programs, meeting=meeting), "en")
    assert brief.furniture.draft
    assert untranslated_passages(brief) == 1
    assert brief.metadata.title == content.meeting.title.zh


def test_summary_parts_run_on_and_the_report_and_annex_open_pages(content: Content) -> None:
    blocks = layout(content, "zh", TERMS).blocks
    breaks = [i for i, b in enumerate(blocks) if isinstance(b, PageBreak)]
    anchors = {b.anchor: i for i, b in enumerate(blocks) if isinstance(b, Heading)}
    # after the cover, before the full report and before the annex: nowhere else
    assert len(breaks) == 3
    assert breaks[1] == anchors["report"] - 1 and breaks[2] == anchors["annex"] - 1
    assert anchors["targets"] < anchors["programs"] < anchors["speakers"] < breaks[1]
    assert blocks[0] == layout(content, "zh").blocks[0]
    assert layout(content, "zh").furniture.cover


def test_annex_is_a_compact_list_in_two_columns(content: Content) -> None:
    annex = layout(content, "zh", TERMS).blocks[-1]
    assert isinstance(annex, Table)
    assert (annex.style, annex.columns) == ("compact", 2)


def test_bilingual_cells_put_each_language_on_its_own_line(content: Content) -> None:
    brief = layout(content, "bilingual")
    speakers = next(b for b in brief.blocks if isinstance(b, Table) and plain(b.header[0]) == "姓名\nName")
    assert plain(speakers.rows[0][0]) == "王志杰\nWang Zhijie"
    targets = next(b for b in brief.blocks if isinstance(b, Table))
    values = {plain(row[0]): plain(row[2]) for row in targets.rows}
    assert values["规上工业增加值增长"] == "8%以上\nmore than 8%"
    # a heading keeps both languages on one line; a section heading gives each its own
    headings = [plain(b.text) for b in brief.blocks if isinstance(b, Heading)]
    assert "一、主要目标 Key targets" in headings
    assert "强化工业经济“主引擎”作用\nStrengthening industry as the “main engine” of the economy" in headings


def test_a_value_that_reads_the_same_in_both_languages_is_given_once(content: Content) -> None:
    one = replace(content.targets[0], value=Decimal(8), unit="%", qualifier=None)
    brief = layout(replace(content, targets=(one,)), "bilingual")
    targets = next(b for b in brief.blocks if isinstance(b, Table))
    assert plain(targets.rows[0][2]) == "8%"


def test_english_runs_are_typeset_and_chinese_left_alone(content: Content) -> None:
    text = texts(layout(content, "bilingual"))
    assert '"' not in text and "'" not in text
    assert "“33618”现代制造业集群体系" in text and "the “33618” modern" in text


def test_only_targets_go_in_the_key_targets_table(content: Content) -> None:
    first, *rest = content.targets
    estimate = replace(first, kind="estimate")
    brief = layout(replace(content, targets=(estimate, *rest)), "en")
    table = next(b for b in brief.blocks if isinstance(b, Table))
    assert len(table.rows) == len(rest)
    assert first.metric.en not in {plain(row[0]) for row in table.rows}


def test_a_range_target_shows_both_ends(content: Content) -> None:
    ranged = replace(content.targets[0], value=None, low=Decimal(6), high=Decimal("6.5"),
                     unit="%", qualifier=None)
    for lang, shown in (("zh", "6%-6.5%"), ("en", "6% to 6.5%")):
        brief = layout(replace(content, targets=(ranged,)), lang)  # type: ignore[arg-type]
        table = next(b for b in brief.blocks if isinstance(b, Table))
        assert plain(table.rows[0][1]) == shown
