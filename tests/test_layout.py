"""Content + language -> Brief: golden text dumps and the rules a briefing pack follows."""

from __future__ import annotations

import os
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from doctool import content_io
from doctool.extract import extract
from doctool.glossary.terms import Term
from doctool.model import Content, Lang, Segment, Text
from doctool.render.brief import (
    Brief,
    BriefLang,
    Heading,
    KeyValues,
    PageBreak,
    Paragraph,
    Run,
    Table,
    Title,
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


def annex_block(brief: Brief) -> object:
    """The block under the annex heading: its table, or its note when no term occurs."""
    index = next(i for i, b in enumerate(brief.blocks)
                 if isinstance(b, Heading) and b.anchor == "annex")
    return brief.blocks[index + 1]


def texts(brief: Brief) -> str:
    return "\n".join(plain(runs) for runs in brief_runs(brief))


def table_headed(brief: Brief, first: str) -> Table:
    """The table whose first column head reads ``first``."""
    return next(b for b in brief.blocks if isinstance(b, Table) and b.header
                and plain(b.header[0]) == first)


def targets_by_metric(brief: Brief, first: str) -> dict[str, dict[str, str]]:
    """The key-targets table as metric -> column head -> cell text (no-break spaces as spaces)."""
    table = table_headed(brief, first)
    heads = [plain(c) for c in table.header]
    return {plain(row[0]): {h: plain(c).replace("\xa0", " ") for h, c in zip(heads, row, strict=True)}
            for row in table.rows}


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
            for row in b.rows if source in plain(row[0])]
    assert len(rows) == 1
    english = rows[0][1]
    assert [r.text for r in english if r.untranslated] == [EN.untranslated]
    assert source not in plain(english)


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


def test_targets_name_who_set_them(content: Content) -> None:
    rows = targets_by_metric(layout(content, "en"), EN.target_metric)
    assert rows["total sales of goods in Jiangbei"][EN.target_by] == "Tao Shixiang"
    assert rows["total sales of goods in Jiangbei"][EN.target_value] == "840"
    assert rows["total sales of goods in Jiangbei"][EN.target_unit] == "billion yuan"
    # a target stated in narration is the meeting's, never a blank
    assert rows["rail transit under construction"][EN.target_by] == content.meeting.event.en
    assert rows["rail transit under construction"][EN.target_qualifier] == "strive for"
    bare = replace(content, meeting=replace(content.meeting, event=replace(content.meeting.event, zh="")))
    zh = targets_by_metric(layout(bare, "zh"), ZH.target_metric)
    assert zh["轨道交通在建里程"][ZH.target_by] == ZH.the_meeting


@pytest.mark.parametrize("lang", EDITIONS)
def test_no_speaker_label_where_the_text_names_the_speaker(content: Content, lang: BriefLang) -> None:
    brief = layout(content, lang)
    assert not [b for b in brief.blocks if isinstance(b, Paragraph) and b.style == "speaker"]
    # nothing is put before the text: each statement opens with the report's own words
    texts = [plain(b.runs) for b in brief.blocks if isinstance(b, Paragraph)]
    texts += [plain(cell) for b in brief.blocks if isinstance(b, Table) and b.style == "aligned"
              for row in b.rows for cell in row]
    assert not [t for t in texts if t.startswith(("王志杰：", "陶世祥：", "Wang Zhijie:", "Tao Shixiang:"))]


def _unnamed(content: Content) -> Content:
    """The fixture with Wang Zhijie's statement opening on a sentence that does not name him."""
    return content.with_segments({
        "s-2-1": Segment("s-2-1", "全市将持续做大做强“33618”现代制造业集群体系。",
                         "The city will keep strengthening the “33618” system.", "memory"),
    })


@pytest.mark.parametrize(("lang", "label"), [("zh", "王志杰发言"), ("en", "Statement by Wang\xa0Zhijie")])
def test_a_statement_that_does_not_name_its_speaker_gets_a_label_above_it(
    content: Content, lang: Lang, label: str
) -> None:
    blocks = layout(_unnamed(content), lang).blocks
    labels = [i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.style == "speaker"]
    assert [plain(blocks[i].runs) for i in labels] == [label]  # type: ignore[union-attr]
    after = blocks[labels[0] + 1]
    assert isinstance(after, Paragraph) and after.style == "statement"
    assert plain(after.runs).startswith(("全市将持续", "The city will"))


def test_the_bilingual_edition_labels_an_unnamed_speaker_on_a_line_of_its_own(content: Content) -> None:
    brief = layout(_unnamed(content), "bilingual")
    cells = next(row for b in brief.blocks if isinstance(b, Table) and b.style == "aligned"
             for row in b.rows if "全市将持续" in plain(row[0]))
    assert plain(cells[0]).startswith("王志杰发言\n全市将持续")
    assert plain(cells[1]).startswith("Statement by Wang\xa0Zhijie\nThe city will")


def test_continuation_part_gets_a_heading_and_lead_none(content: Content) -> None:
    headings = [b for b in layout(content, "zh").blocks if isinstance(b, Heading)]
    level2 = [plain(h.text) for h in headings if h.level == 2]
    assert level2 == ["强化工业经济“主引擎”作用", ZH.continued_from.format(page=1)]
    level2_en = [plain(h.text) for h in layout(content, "en").blocks
                 if isinstance(h, Heading) and h.level == 2]
    assert level2_en[-1] == "(Continued from page 1)"


def test_part_headings_are_numbered(content: Content) -> None:
    level1 = [plain(b.text) for b in layout(content, "zh").blocks
              if isinstance(b, Heading) and b.level == 1]
    # the fixture's second part jumps from page 1, whose start the source does not hold
    assert level1 == ["一、要点", "二、主要目标", "三、重点项目与举措", "四、发言人",
                      "五、会议报道节选", "附录：术语对照"]
    level1_en = [plain(b.text) for b in layout(content, "en").blocks
                 if isinstance(b, Heading) and b.level == 1]
    assert level1_en[0] == "1. Key points"
    assert level1_en[-1] == "Annex: Glossary"


def test_annex_lists_the_terms_that_occur(content: Content) -> None:
    used = terms_in(content, TERMS)
    assert {t.zh for t in used} == {"“33618”现代制造业集群体系", "市委经济工作会议", "长寿区"}
    brief = layout(content, "zh", TERMS)
    annex = annex_block(brief)
    assert isinstance(annex, Table)
    # by pinyin, a term that opens with a quote filed under what follows it
    assert [plain(row[0]) for row in annex.rows] == [
        "“33618”现代制造业集群体系", "长寿区", "市委经济工作会议",
    ]


def test_english_annex_is_alphabetical_from_the_english_side(content: Content) -> None:
    annex = annex_block(layout(content, "en", TERMS))
    assert isinstance(annex, Table)
    assert [plain(c) for c in annex.header] == [EN.annex_en, EN.annex_zh]
    assert [plain(row[0]) for row in annex.rows] == [
        "“33618” modern manufacturing cluster system",
        "Changshou District",
        "Economic Work Conference of the CPC Chongqing Municipal Committee",
    ]


def test_annex_without_terms_says_so(content: Content) -> None:
    annex = annex_block(layout(content, "en"))
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
    assert notes == [EN.no_key_points, EN.no_targets, EN.no_programs, EN.no_speakers, EN.no_terms]
    assert not brief.furniture.draft
    assert brief.furniture.header == ""


def test_bilingual_report_is_one_aligned_row_per_paragraph(content: Content) -> None:
    brief = layout(content, "bilingual")
    report = next(i for i, b in enumerate(brief.blocks) if isinstance(b, Heading) and b.anchor == "report")
    aligned = [b for b in brief.blocks[report:] if isinstance(b, Table) and b.style == "aligned"]
    rows = [row for table in aligned for row in table.rows]
    assert [plain(row[0]) for row in rows] == [
        "".join(s.zh for s in b.segments) if b.kind != "caption" else ZH.caption + b.text("zh")
        for b in content.blocks()
    ]
    assert all(len(row) == 2 for row in rows)
    assert all(r.lang == "zh" for row in rows for r in row[0])
    # the column heads stand once, over the first section
    assert [bool(table.header) for table in aligned] == [True] + [False] * (len(aligned) - 1)


def test_a_paragraph_split_at_its_speaker_is_one_paragraph_again() -> None:
    content = extract(
        "区里召开经济工作会议\n\n"
        "作为消费大区，江北区对明年促消费充满信心。江北区委书记陶世祥介绍，今年商贸业增长较快。\n"
    )
    blocks = layout(content, "zh").blocks
    body = [plain(b.runs) for b in blocks if isinstance(b, Paragraph) and b.style in ("lead", "body")]
    assert "作为消费大区，江北区对明年促消费充满信心。江北区委书记陶世祥介绍，今年商贸业增长较快。" in body
    rows = [row for b in layout(content, "bilingual").blocks if isinstance(b, Table)
            and b.style == "aligned" for row in b.rows]
    assert len(rows) == 1


def test_whole_report_is_the_full_report_and_an_excerpt_says_so() -> None:
    whole = extract("区里召开经济工作会议\n\n区委书记张明表示，要稳住投资。\n")
    cut = extract("区里召开经济工作会议\n\n区委书记张明表示，要稳住投资。\n\n他说，下一步要加快推进重大项目建设，持续扩大有效投资，推动产业转型升级，确保全区经济运行\n")
    summary = extract("区政府工作报告（摘要）\n\n区长张明表示，要稳住投资。\n")

    def heading(content: Content, lang: BriefLang) -> str:
        return next(plain(b.text) for b in layout(content, lang).blocks
                    if isinstance(b, Heading) and b.anchor == "report")

    assert heading(whole, "zh").endswith(ZH.report) and heading(whole, "en").endswith(EN.report)
    for excerpt in (cut, summary):
        assert heading(excerpt, "zh").endswith(ZH.report_excerpt)
        assert heading(excerpt, "en").endswith(EN.report_excerpt)


def test_a_speaker_without_a_title_is_shown_so_or_given_the_glossarys(content: Content) -> None:
    bare = replace(content, speakers=tuple(replace(s, title=Text(""), organization=Text(""))
                                           for s in content.speakers))
    glossary = (Term("王志杰", "Wang Zhijie", "person", "市经济信息委主任 / Director, Economy Commission"),
                Term("陶世祥", "Tao Shixiang", "person", "speaker"))

    def titles(lang: BriefLang) -> list[str]:
        blocks = layout(bare, lang, glossary).blocks
        start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.anchor == "speakers")
        table = next(b for b in blocks[start:] if isinstance(b, Table))
        return [plain(row[1]) for row in table.rows]

    assert titles("zh") == ["市经济信息委主任（据术语表）", ZH.title_not_given]
    assert titles("en") == ["Director, Economy Commission (from the glossary)", EN.title_not_given]
    assert titles("bilingual")[1] == f"{ZH.title_not_given}\n{EN.title_not_given}"


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
    annex = annex_block(layout(content, "zh", TERMS))
    assert isinstance(annex, Table)
    assert (annex.style, annex.columns) == ("compact", 2)


def test_bilingual_cells_put_each_language_on_its_own_line(content: Content) -> None:
    brief = layout(content, "bilingual")
    speakers = table_headed(brief, "姓名\nName")
    # the name column ties a name's parts, as every name column does
    assert plain(speakers.rows[0][0]) == "王志杰\nWang\xa0Zhijie"
    rows = targets_by_metric(brief, "指标\nMetric")
    row = rows["规上工业增加值增长\ngrowth in value added of industrial enterprises above designated size"]
    assert row["限定\nQualifier"] == "以上\nmore than"
    # a heading keeps both languages on one line; a section heading gives each its own
    headings = [plain(b.text) for b in brief.blocks if isinstance(b, Heading)]
    assert "二、主要目标 Key targets" in headings
    assert "强化工业经济“主引擎”作用\nStrengthening industry as the “main engine” of the economy" in headings


def test_a_value_that_reads_the_same_in_both_languages_is_given_once(content: Content) -> None:
    one = replace(content.targets[0], value=Decimal(8), unit="%", qualifier=None)
    brief = layout(replace(content, targets=(one,)), "bilingual")
    row = next(iter(targets_by_metric(brief, "指标\nMetric").values()))
    assert (row["目标值\nTarget"], row["单位\nUnit"]) == ("8", "%")


def test_english_runs_are_typeset_and_chinese_left_alone(content: Content) -> None:
    text = texts(layout(content, "bilingual"))
    assert '"' not in text and "'" not in text
    assert "“33618”现代制造业集群体系" in text and "the “33618” modern" in text


def test_only_targets_go_in_the_key_targets_table(content: Content) -> None:
    first, *rest = content.targets
    estimate = replace(first, kind="estimate")
    brief = layout(replace(content, targets=(estimate, *rest)), "en")
    table = table_headed(brief, EN.target_metric)
    assert len(table.rows) == len(rest)
    assert first.metric.en not in {plain(row[0]) for row in table.rows}


def test_a_range_target_shows_both_ends(content: Content) -> None:
    ranged = replace(content.targets[0], value=None, low=Decimal(6), high=Decimal("6.5"),
                     unit="%", qualifier=None)
    for lang, head, shown in (("zh", ZH, "6-6.5"), ("en", EN, "6 to 6.5")):
        brief = layout(replace(content, targets=(ranged,)), lang)  # type: ignore[arg-type]
        row = next(iter(targets_by_metric(brief, head.target_metric).values()))
        assert (row[head.target_value], row[head.target_unit]) == (shown, "%")


@pytest.mark.parametrize("lang", ["zh", "en", "bilingual"])
def test_a_report_without_a_headline_is_headed_by_its_event(content: Content, lang: BriefLang) -> None:
    # a short news item (本报讯…) is printed without a headline of its own
    meeting = replace(content.meeting, title=Text(""))
    brief = layout(replace(content, meeting=meeting), lang)
    title = next(b for b in brief.blocks if isinstance(b, Title))
    shown = plain(title.text) if lang != "bilingual" else plain(title.text).replace("\n", "")
    event = meeting.event
    assert shown == (event.zh + event.en if lang == "bilingual" else event.get(lang))
    assert brief.metadata.title == (" / ".join((event.zh, event.en)) if lang == "bilingual"
                                    else event.get(lang))
    # the event is the headline already: the cover rows do not repeat it
    rows = next(b for b in brief.blocks if isinstance(b, KeyValues)).rows
    label = ZH.event if lang != "en" else EN.event
    assert not any(plain(name).startswith(label) for name, _ in rows)
