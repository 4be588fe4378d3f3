"""The PDF writer, on small Briefs built by hand: text, fonts, tables, outline, furniture, safety."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pypdf
import pytest
from defusedxml.ElementTree import fromstring as defused_fromstring

from doctool.errors import OutputError, RenderError
from doctool.render import fonts
from doctool.render.brief import (
    Block,
    Brief,
    Furniture,
    Heading,
    KeyValues,
    Metadata,
    PageBreak,
    Paragraph,
    Run,
    Table,
    TableStyle,
    Title,
)
from doctool.render.kinsoku import NO_LINE_END, NO_LINE_START
from doctool.render.pdf_writer import (
    MARGIN_LEFT,
    MARGIN_RIGHT,
    PAGE_WIDTH,
    TEXT_WIDTH,
    render_pdf,
    write_pdf,
)
from tests.pdftext import fonts as pdf_fonts
from tests.pdftext import pdf_text, words


@pytest.fixture(scope="module", autouse=True)
def registered() -> None:
    """Parse the bundled fonts once for the whole module."""
    fonts.register_fonts()


# ---------------------------------------------------------------------------------- briefs


def zh(text: str, **kwargs: bool) -> tuple[Run, ...]:
    return (Run(text, "zh", **kwargs),)


def en(text: str, **kwargs: bool) -> tuple[Run, ...]:
    return (Run(text, "en", **kwargs),)


ZH_HEADER = "重庆市委经济工作会议 · 简报"
EN_HEADER = "Chongqing Economic Work Conference · Briefing"
HOSTILE = 'x<y & <b>bold</b> <img src="/etc/passwd"> <font color=red>red</font> &amp; &lt; ]]> \\ ( ) %'

ZH_PARAGRAPHS = (
    "会议强调，要坚定不移推进“33618”现代制造业集群体系建设，深入实施“满天星”行动计划。",
    "规上工业增加值增长8%左右，数字经济核心产业增加值增长12%以上；全市地区生产总值（GDP）力争突破3.2万亿元。",
    "市委书记袁家军指出：“要奋力谱写中国式现代化重庆篇章！”他强调，《决定》提出的各项任务【必须】落实到位。",
    "吉林省和𠮷野家的“𠮷”字、朱镕基的“镕”字都要正确显示，不能出现空白或者豆腐块。",
)

EN_PARAGRAPH = (
    "The conference stressed that Chongqing must advance the “33618” modern manufacturing cluster "
    "system and implement the “Constellation” action plan, with industrial value added growing by "
    "about 8% and the core digital economy by more than 12%."
)


def metadata(lang: str) -> Metadata:
    if lang == "zh":
        return Metadata("重庆市委经济工作会议简报", "doctool 测试", "会议简报", "zh-CN", ("重庆", "经济工作"))
    return Metadata("Chongqing briefing", "doctool tests", "Briefing", "en-GB", ("Chongqing", "economy"))


def long_table(rows: int = 40, style: TableStyle = "grid") -> Table:
    return Table(
        header=(zh("指标名称"), zh("目标值"), zh("说明")),
        rows=tuple(
            (zh(f"第{i}行指标"), zh(f"增长{i}.5%"), zh(ZH_PARAGRAPHS[i % 3][: 12 + (i * 7) % 40]))
            for i in range(rows)
        ),
        widths=(2, 1, 4),
        style=style,
    )


def zh_brief(*, draft: bool = False, blocks: tuple[Block, ...] | None = None) -> Brief:
    default: tuple[Block, ...] = (
        Title(zh("中共重庆市委经济工作会议在渝召开"), zh("2024年12月23日 · 重庆日报")),
        KeyValues(((zh("会议"), zh("市委经济工作会议")), (zh("日期"), zh("2024年12月23日")))),
        Heading(1, zh("一、会议概况"), "overview"),
        *(Paragraph(zh(p)) for p in ZH_PARAGRAPHS),
        Heading(2, zh("（一）主要目标"), "targets"),
        long_table(),
        Paragraph(zh("（重庆日报记者 张三）"), "byline"),
    )
    return Brief("zh", metadata("zh"), Furniture(ZH_HEADER, "zh", draft), blocks or default)


def en_brief(*, draft: bool = True, blocks: tuple[Block, ...] | None = None) -> Brief:
    default: tuple[Block, ...] = (
        Title(en("Economic Work Conference"), en("23 December 2024")),
        Heading(1, en("1. Overview"), "overview"),
        Paragraph(en(EN_PARAGRAPH)),
        Paragraph((Run("[untranslated] ", "en", bold=True), Run(ZH_PARAGRAPHS[0], "zh", untranslated=True))),
        Heading(2, en("1.1 Targets"), "targets"),
        Paragraph(en("Growth of GDP ") + zh("增长8.5%，𠮷") + en(" in one line."), "note"),
    )
    return Brief("en", metadata("en"), Furniture(EN_HEADER, "en", draft), blocks or default)


def bilingual_brief() -> Brief:
    rows = tuple((zh(p), en(EN_PARAGRAPH[: 60 + 25 * i])) for i, p in enumerate(ZH_PARAGRAPHS * 3))
    blocks: tuple[Block, ...] = (
        Title(zh("市委经济工作会议") + en(" Economic Work Conference")),
        Heading(1, zh("报道全文 ") + en("Full report"), "report"),
        Table(header=(zh("中文"), en("English")), rows=rows, widths=(1, 1), style="aligned"),
    )
    return Brief("bilingual", metadata("zh"), Furniture("简报 Briefing", "zh", True), blocks)


# ---------------------------------------------------------------------------------- helpers


def pdf(source: Path | bytes) -> Any:
    """A pypdf reader for a file or for PDF bytes (typed loosely: PDF objects are dynamic)."""
    return pypdf.PdfReader(io.BytesIO(source) if isinstance(source, bytes) else source)


def page_count(path: Path) -> int:
    return len(pdf(path).pages)


FURNITURE = re.compile(
    r"^(—\s*\d+\s*—|Page \d+ of \d+|((草稿 )?DRAFT · )?("
    + re.escape(ZH_HEADER)
    + "|"
    + re.escape(EN_HEADER)
    + "|简报 Briefing))$"
)


def body_lines(path: Path) -> Iterator[str]:
    """The lines of the text, without page headers and page numbers."""
    for line in pdf_text(path).splitlines():
        line = line.strip().replace("\f", "")
        if line and not FURNITURE.match(line):
            yield line


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_in_order(haystack: str, needles: list[str]) -> None:
    position = 0
    for needle in needles:
        found = haystack.find(squash(needle), position)
        assert found >= 0, f"{needle!r} missing (or out of order) in extracted text"
        position = found + len(squash(needle))


@pytest.fixture(scope="module")
def zh_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("zh") / "brief.zh.pdf"
    write_pdf(zh_brief(), path)
    return path


@pytest.fixture(scope="module")
def en_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("en") / "brief.en.pdf"
    write_pdf(en_brief(), path)
    return path


@pytest.fixture(scope="module")
def bilingual_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bi") / "brief.bilingual.pdf"
    write_pdf(bilingual_brief(), path)
    return path


# ---------------------------------------------------------------------------------- text


def test_every_paragraph_extracts_in_order_with_pdf_text(zh_pdf: Path) -> None:
    text = squash("".join(body_lines(zh_pdf)))
    assert_in_order(
        text, ["中共重庆市委经济工作会议在渝召开", "一、会议概况", *ZH_PARAGRAPHS, "（一）主要目标"]
    )
    assert "（重庆日报记者张三）" in text


def test_every_paragraph_extracts_in_order_with_pypdf(zh_pdf: Path) -> None:
    pages = [page.extract_text() for page in pdf(zh_pdf).pages]
    text = squash("".join(pages))
    assert_in_order(text, ["一、会议概况", *ZH_PARAGRAPHS])


def test_rare_characters_come_out_of_the_pdf(zh_pdf: Path) -> None:
    text = pdf_text(zh_pdf)
    assert "𠮷" in text and "镕" in text
    assert "𠮷" in "".join(p.extract_text() for p in pdf(zh_pdf).pages)


def test_no_spaces_are_inserted_between_chinese_characters(zh_pdf: Path) -> None:
    # only line ends are taken out: every justified line must read back without spaces
    text = "".join(body_lines(zh_pdf))
    for paragraph in ZH_PARAGRAPHS:
        assert paragraph in text


def test_extracted_chinese_lines_follow_kinsoku(tmp_path: Path) -> None:
    # punctuation-dense paragraphs, so that many line ends fall next to a mark
    rng = random.Random(20241223)
    words = [
        "经济",
        "发展",
        "重庆",
        "会议",
        "8.5%",
        "GDP",
        "“满天星”",
        "（一）",
        "《决定》",
        "，",
        "。",
        "、",
        "；",
        "：",
        "！",
        "？",
        "……",
        "——",
    ]
    # each paragraph starts with a character that may start a line (the extracted text loses the indent)
    paragraphs = ["经济" + "".join(rng.choice(words) for _ in range(120)) for _ in range(8)]
    path = tmp_path / "kinsoku.pdf"
    write_pdf(zh_brief(blocks=tuple(Paragraph(zh(p)) for p in paragraphs)), path)
    lines = list(body_lines(path))
    assert len(lines) > 60
    for line in lines:
        assert line[0] not in NO_LINE_START, line
        assert line[-1] not in NO_LINE_END, line
    assert_in_order(squash("".join(lines)), paragraphs)


def test_hostile_text_comes_out_literally_everywhere(tmp_path: Path) -> None:
    blocks: tuple[Block, ...] = (
        Title(en(HOSTILE)),
        Heading(1, en(HOSTILE), "h"),
        Paragraph(en(HOSTILE)),
        Paragraph(en(HOSTILE, bold=True, italic=True)),
        KeyValues(((en(HOSTILE), en(HOSTILE)),)),
        Table(header=(en(HOSTILE),), rows=((en(HOSTILE),),), widths=(1,)),
    )
    brief = Brief("en", replace(metadata("en"), title=HOSTILE), Furniture(HOSTILE, "en", False), blocks)
    path = tmp_path / "hostile.pdf"
    write_pdf(brief, path)
    text = pdf_text(path)
    assert text.count(squash(HOSTILE)) == 0  # sanity: the text has spaces in it
    assert squash(text).count(squash(HOSTILE)) >= 7  # title, heading, 2 paragraphs, kv x2, cell
    assert "root:" not in text  # /etc/passwd was not read
    reader = pdf(path)
    assert reader.metadata is not None and reader.metadata.title == HOSTILE
    assert reader.outline[0]["/Title"] == HOSTILE


def test_mixed_runs_share_one_baseline_and_size(en_pdf: Path) -> None:
    shows: list[tuple[str, float, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            shows.append((text, round(y, 2), size * tm[3]))

    pdf(en_pdf).pages[0].extract_text(visitor_text=visit)
    line = [s for s in shows if any(part in s[0] for part in ("Growth of GDP", "增长8.5%", "in one line"))]
    assert len(line) >= 3, shows
    assert len({y for _, y, _ in line}) == 1, line
    assert len({size for _, _, size in line}) == 1, line


# ---------------------------------------------------------------------------------- fonts


@pytest.mark.parametrize("which", ["zh", "en", "bilingual"])
def test_every_font_is_an_embedded_truetype(
    which: str, zh_pdf: Path, en_pdf: Path, bilingual_pdf: Path
) -> None:
    path = {"zh": zh_pdf, "en": en_pdf, "bilingual": bilingual_pdf}[which]
    seen = pdf_fonts(path)
    assert seen
    for font in seen:
        assert font.subtype == "/TrueType" and font.embedded, font
        assert not re.search(r"Helvetica|Times|Courier|Symbol|ZapfDingbats", font.name), font


def test_every_font_is_an_embedded_bundled_font(zh_pdf: Path, en_pdf: Path) -> None:
    for path in (zh_pdf, en_pdf):
        listed = pdf_fonts(path)
        assert listed
        for font in listed:
            assert font.name.split("+")[-1] in fonts.BUNDLED, font
            assert font.embedded, font


def test_a_character_in_no_font_fails_and_leaves_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "brief.pdf"
    path.write_bytes(b"previous")
    brief = zh_brief(blocks=(Paragraph(zh("增长😀百分之八")),))
    with pytest.raises(RenderError, match=r"U\+1F600"):
        write_pdf(brief, path)
    assert path.read_bytes() == b"previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["brief.pdf"]


# ---------------------------------------------------------------------------------- tables


def test_long_table_repeats_its_header_once_at_the_top_of_every_page(zh_pdf: Path) -> None:
    pages = pdf_text(zh_pdf).split("\f")
    table_pages = [p for p in pages if re.search(r"第\d+行指标", p)]
    assert len(table_pages) >= 3
    for page in table_pages:
        assert page.count("指标名称") == 1, page
        first_row = re.search(r"第\d+行指标", page)
        assert first_row is not None and page.index("指标名称") < first_row.start()
    every_row = squash("".join(table_pages))
    assert_in_order(every_row, [f"第{i}行指标" for i in range(40)])


@pytest.mark.parametrize("which", ["zh", "bilingual"])
def test_nothing_runs_outside_the_text_block(which: str, zh_pdf: Path, bilingual_pdf: Path) -> None:
    path = zh_pdf if which == "zh" else bilingual_pdf
    found = list(words(path))
    assert found
    for word in found:
        assert word.x0 >= MARGIN_LEFT - 0.5, word
        assert word.x1 <= PAGE_WIDTH - MARGIN_RIGHT + 0.5, word


def test_column_widths_follow_the_relative_widths(tmp_path: Path) -> None:
    table = Table(header=(en("Left"), en("Right")), rows=((en("a"), en("b")),), widths=(1, 3))
    path = tmp_path / "widths.pdf"
    write_pdf(en_brief(draft=False, blocks=(table,)), path)
    right = next(w.x0 for w in words(path) if w.text == "Right")
    assert right == pytest.approx(MARGIN_LEFT + TEXT_WIDTH / 4 + 4, abs=1.5)


def test_a_row_with_the_wrong_number_of_cells_is_a_bug() -> None:
    table = Table(header=(en("a"), en("b")), rows=((en("only one"),),), widths=(1, 1))
    with pytest.raises(ValueError, match="1 cells for 2 columns"):
        render_pdf(en_brief(blocks=(table,)))


def test_empty_blocks_render() -> None:
    blocks: tuple[Block, ...] = (
        Paragraph(()),
        Table(header=(), rows=(), widths=(1,)),
        KeyValues(()),
        PageBreak(),
        Heading(2, (), ""),
    )
    assert render_pdf(zh_brief(blocks=blocks)).startswith(b"%PDF")


# ---------------------------------------------------------------------------------- structure


def test_headings_are_never_left_at_the_foot_of_a_page(tmp_path: Path) -> None:
    # paragraphs of growing length push the headings through every position on the page
    blocks: list[Block] = []
    for n in range(1, 16):
        blocks.append(Heading(2, zh(f"第{n}节标题"), f"s{n}"))
        blocks.append(Paragraph(zh("经济发展稳中有进。" * (n * 2))))
    path = tmp_path / "headings.pdf"
    write_pdf(zh_brief(blocks=tuple(blocks)), path)
    pages = pdf_text(path).split("\f")
    assert len(pages) > 3
    for page in pages:
        lines = [line for line in page.splitlines() if line.strip() and not FURNITURE.match(line.strip())]
        if lines:
            assert not re.fullmatch(r"第\d+节标题", lines[-1].strip()), lines[-3:]


def test_level_one_and_two_headings_make_the_outline(zh_pdf: Path) -> None:
    outline = pdf(zh_pdf).outline
    assert outline[0]["/Title"] == "一、会议概况"
    assert outline[1][0]["/Title"] == "（一）主要目标"


def test_an_outline_never_skips_a_level() -> None:
    blocks: tuple[Block, ...] = (
        Heading(2, zh("先有二级"), "a"),
        Heading(1, zh("一级"), "b"),
        Heading(3, zh("三级"), "c"),
    )
    reader = pdf(render_pdf(zh_brief(blocks=blocks)))
    titles = [item["/Title"] for item in reader.outline if not isinstance(item, list)]
    assert titles == ["先有二级", "一级"]  # level 3 stays out of the outline


def test_metadata_and_language(zh_pdf: Path) -> None:
    reader = pdf(zh_pdf)
    info = reader.metadata
    assert info is not None
    assert info.title == "重庆市委经济工作会议简报"
    assert info.author == "doctool 测试"
    assert info.subject == "会议简报"
    assert info["/Keywords"] == "重庆, 经济工作"
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_the_same_brief_gives_the_same_bytes() -> None:
    brief = en_brief()
    assert render_pdf(brief) == render_pdf(brief)


# ---------------------------------------------------------------------------------- furniture


def test_chinese_page_numbers_alternate_sides(zh_pdf: Path) -> None:
    pages = page_count(zh_pdf)
    assert pages >= 3
    positions: dict[int, float] = {}
    for word in words(zh_pdf):
        if word.text == str(word.page) and word.x0 > 0:
            positions.setdefault(word.page, (word.x0 + word.x1) / 2)
    for n in range(1, pages + 1):
        assert re.search(rf"—\s*{n}\s*—", pdf_text(zh_pdf, n, n))
        middle = MARGIN_LEFT + TEXT_WIDTH / 2
        # odd pages on the right, even pages on the left
        assert (positions[n] > middle) == bool(n % 2), (n, positions[n])


def test_english_page_numbers_count_the_pages(tmp_path: Path) -> None:
    path = tmp_path / "en.pdf"
    write_pdf(
        en_brief(
            blocks=(
                Paragraph(en(EN_PARAGRAPH)),
                PageBreak(),
                Paragraph(en(EN_PARAGRAPH)),
                PageBreak(),
                Paragraph(en("end")),
            )
        ),
        path,
    )
    assert page_count(path) == 3
    for n in (1, 2, 3):
        assert f"Page {n} of 3" in pdf_text(path, n, n)


def test_draft_is_marked_on_every_page_and_the_mark_is_not_text(en_pdf: Path, tmp_path: Path) -> None:
    for n in range(1, page_count(en_pdf) + 1):
        page = pdf_text(en_pdf, n, n)
        assert page.count("DRAFT") == 1  # in the header; the diagonal mark is drawn, not typed
        content = pdf(en_pdf).pages[n - 1].get_contents()
        assert content is not None and b" RG" in content.get_data()  # the watermark's stroke
    final = tmp_path / "final.pdf"
    write_pdf(en_brief(draft=False), final)
    assert "DRAFT" not in pdf_text(final)


def _fills(path: Path) -> set[tuple[float, ...]]:
    """The fill colours set anywhere in the page contents, rounded."""
    data = b"".join(p.get_contents().get_data() for p in pdf(path).pages)
    return {
        tuple(round(float(v), 2) for v in m.groups())
        for m in re.finditer(rb"([\d.]+) ([\d.]+) ([\d.]+) rg", data)
    }


def test_untranslated_text_is_shown_marked_with_its_chinese_source(en_pdf: Path, tmp_path: Path) -> None:
    text = squash(pdf_text(en_pdf))
    assert squash("[untranslated]" + ZH_PARAGRAPHS[0]) in text
    highlight = (0.99, 0.9, 0.54)  # MARK_FILL, #FDE68A
    assert highlight in _fills(en_pdf)
    plain = tmp_path / "plain.pdf"
    write_pdf(en_brief(blocks=(Paragraph(en(EN_PARAGRAPH)),)), plain)
    assert highlight not in _fills(plain)


# ---------------------------------------------------------------------------------- output


def test_writing_into_a_folder_path_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_pdf(en_brief(), tmp_path)


def test_written_file_is_complete_and_replaces_the_old_one(tmp_path: Path) -> None:
    path = tmp_path / "out" / "brief.pdf"
    write_pdf(en_brief(), path)
    first = path.read_bytes()
    assert first.startswith(b"%PDF") and first.rstrip().endswith(b"%%EOF")
    write_pdf(zh_brief(blocks=(Paragraph(zh("第二版")),)), path)
    assert path.read_bytes() != first
    assert sorted(p.name for p in path.parent.iterdir()) == ["brief.pdf"]


# ---------------------------------------------------------------------------------- page flow


def test_a_heading_goes_with_the_start_of_a_long_table_not_to_the_next_page(tmp_path: Path) -> None:
    # half a page of text, then a heading over a table much longer than the rest of the page
    blocks: tuple[Block, ...] = (
        Paragraph(zh("经济发展稳中有进。" * 40)),
        Heading(1, zh("二、重点项目"), "programs"),
        long_table(60),
    )
    path = tmp_path / "keep.pdf"
    write_pdf(zh_brief(blocks=blocks), path)
    first = pdf_text(path, 1, 1)
    assert "二、重点项目" in first
    assert "第0行指标" in first and "第1行指标" in first


def test_a_heading_at_the_foot_of_a_page_moves_on_with_its_table(tmp_path: Path) -> None:
    # so much text that no row of the table would fit under the heading
    blocks: tuple[Block, ...] = (
        Paragraph(zh("经济发展稳中有进。" * 95)),
        Heading(1, zh("二、重点项目"), "programs"),
        long_table(10),
    )
    path = tmp_path / "moved.pdf"
    write_pdf(zh_brief(blocks=blocks), path)
    pages = pdf_text(path).split("\f")
    heading = next(n for n, page in enumerate(pages) if "二、重点项目" in page)
    assert "第0行指标" in pages[heading]


def glossary_table(rows: int, columns: int) -> Table:
    return Table(
        header=(zh("中文"), en("English")),
        rows=tuple((zh(f"词条{i:03d}"), en(f"entry {i:03d}")) for i in range(rows)),
        widths=(1, 1.45),
        style="compact",
        columns=columns,
    )


def test_a_column_table_reads_down_each_column_with_its_header_atop(tmp_path: Path) -> None:
    path = tmp_path / "columns.pdf"
    write_pdf(zh_brief(blocks=(glossary_table(200, 2),)), path)
    single = tmp_path / "single.pdf"
    write_pdf(zh_brief(blocks=(glossary_table(200, 1),)), single)
    assert page_count(path) < page_count(single)
    middle = MARGIN_LEFT + TEXT_WIDTH / 2
    last_left = -1
    seen: list[int] = []
    for page in range(1, page_count(path) + 1):
        entries = [(w.x0, int(w.text[2:])) for w in words(path)
                   if w.page == page and re.fullmatch(r"词条\d{3}", w.text)]
        left = [i for x0, i in entries if x0 < middle]
        right = [i for x0, i in entries if x0 >= middle]
        assert left and all(i > last_left for i in left)
        if right:
            assert max(left) < min(right)
        heads = pdf_text(path, page, page).count("English")
        assert heads == (2 if right else 1)
        seen += sorted(left) + sorted(right)
        last_left = max(right or left)
    assert seen == list(range(200))


def test_the_last_page_of_a_column_table_is_balanced(tmp_path: Path) -> None:
    path = tmp_path / "balanced.pdf"
    write_pdf(zh_brief(blocks=(glossary_table(30, 2),)), path)
    assert page_count(path) == 1
    middle = MARGIN_LEFT + TEXT_WIDTH / 2
    entries = [w.x0 for w in words(path) if re.fullmatch(r"词条\d{3}", w.text)]
    left = sum(1 for x0 in entries if x0 < middle)
    assert abs(left - (len(entries) - left)) <= 1


def test_a_cover_counts_as_page_one_but_shows_no_header_or_number(tmp_path: Path) -> None:
    brief = zh_brief()
    covered = replace(brief, furniture=replace(brief.furniture, cover=True),
                      blocks=(brief.blocks[0], PageBreak(), *brief.blocks[1:]))
    path = tmp_path / "cover.pdf"
    write_pdf(covered, path)
    first = pdf_text(path, 1, 1)
    assert ZH_HEADER not in first and not re.search(r"—\s*1\s*—", first)
    second = pdf_text(path, 2, 2)
    assert ZH_HEADER in second and re.search(r"—\s*2\s*—", second)


# ---------------------------------------------------------------------------------- structure

CREATED = dt.datetime(2024, 12, 23, 8, 30, 15)
RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
DC = "{http://purl.org/dc/elements/1.1/}"
XMP = "{http://ns.adobe.com/xap/1.0/}"
PDF_NS = "{http://ns.adobe.com/pdf/1.3/}"


def xmp_description(reader: Any) -> Any:
    """The rdf:Description of a PDF's XMP stream, parsed as untrusted XML."""
    stream = reader.trailer["/Root"]["/Metadata"].get_object()
    assert stream["/Type"] == "/Metadata" and stream["/Subtype"] == "/XML"
    root = defused_fromstring(stream.get_data())
    description = root.find(f"{RDF}RDF/{RDF}Description")
    assert description is not None
    return description


def items(description: Any, name: str) -> list[str]:
    """The texts of the rdf:li items of one XMP property."""
    return [li.text for li in description.find(name).iter(f"{RDF}li")]


def test_xmp_metadata_says_what_the_info_dictionary_says() -> None:
    reader = pdf(render_pdf(zh_brief(), CREATED))
    info = reader.metadata
    description = xmp_description(reader)
    assert items(description, f"{DC}title") == [info.title]
    assert items(description, f"{DC}creator") == [info.author]
    assert items(description, f"{DC}description") == [info.subject]
    assert items(description, f"{DC}language") == ["zh-CN"]
    assert description.findtext(f"{PDF_NS}Producer") == info["/Producer"]
    assert description.findtext(f"{PDF_NS}Keywords") == info["/Keywords"]
    assert description.findtext(f"{XMP}CreatorTool") == info["/Creator"] == "doctool"
    assert description.findtext(f"{XMP}CreateDate") == "2024-12-23T08:30:15Z"
    assert description.findtext(f"{XMP}ModifyDate") == "2024-12-23T08:30:15Z"
    # pypdf's own XMP reader agrees
    assert reader.xmp_metadata.dc_title == {"x-default": info.title}


def test_the_dates_are_the_documents_date() -> None:
    info = pdf(render_pdf(en_brief(), CREATED)).metadata
    assert info["/CreationDate"] == info["/ModDate"] == "D:20241223083015+00'00'"
    assert info.creation_date == CREATED.replace(tzinfo=dt.UTC)


def test_the_same_brief_and_date_give_the_same_bytes_and_another_date_others() -> None:
    brief = zh_brief()
    assert render_pdf(brief, CREATED) == render_pdf(brief, CREATED)
    later = CREATED + dt.timedelta(days=1)
    assert render_pdf(brief, later) != render_pdf(brief, CREATED)


@pytest.mark.parametrize(
    ("language", "expected"), [("zh-CN", "zh-CN"), ("zh-CN, en-US", "zh-CN"), ("en-GB", "en-GB"),
                               ("", "zh-CN"), ("中文", "zh-CN")],
)
def test_the_catalog_has_one_valid_language(language: str, expected: str) -> None:
    brief = zh_brief(blocks=(Paragraph(zh("正文")),))
    brief = replace(brief, metadata=replace(brief.metadata, language=language))
    reader = pdf(render_pdf(brief, CREATED))
    assert reader.trailer["/Root"]["/Lang"] == expected
    assert items(xmp_description(reader), f"{DC}language") == (
        [tag.strip() for tag in language.split(",")] if language.isascii() and language else
        [expected]
    )


def test_the_viewer_opens_on_the_bookmarks_with_the_title_shown(zh_pdf: Path) -> None:
    root = pdf(zh_pdf).trailer["/Root"]
    assert root["/PageMode"] == "/UseOutlines"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (a PDF boolean)


def test_a_document_without_headings_does_not_open_an_empty_bookmarks_pane() -> None:
    root = pdf(render_pdf(zh_brief(blocks=(Paragraph(zh("正文")),)))).trailer["/Root"]
    assert root.get("/PageMode", "/UseNone") == "/UseNone"
