"""Where pages and lines break, as a reader sees it in the PDFs and as Word is told in the DOCX.

Synthetic briefs push tables and paragraphs through every position on a page; the sample and
two corpus reports are built as a user builds them, and every page and paragraph is checked.
"""

from __future__ import annotations

import itertools
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from doctool import content_io
from doctool.cli import main
from doctool.render.brief import Block, Heading, Paragraph, Table
from doctool.render.pagination import MIN_HEAD_ROWS, MIN_TAIL_ROWS
from doctool.render.pdf_flow import _blank
from doctool.render.pdf_writer import CELL_PAD, MARGIN_LEFT, TEXT_WIDTH, _Story, write_pdf
from tests.conftest import ROOT, SAMPLE
from tests.pdftext import Line, lines, page_texts
from tests.test_pdf_writer import ZH_PARAGRAPHS, zh, zh_brief

CORPUS = ROOT / "tests" / "corpus"
#: reports with long tables of programs and targets, a byline of several reporters, and
#: quoted names that end paragraphs in the narrow Chinese column of the bilingual edition
REPORTS = [SAMPLE, CORPUS / "002-chongqing-economic-work-conference-2006.txt",
           CORPUS / "004-caidian-economic-analysis-meeting-2024.txt",
           CORPUS / "005-longhua-government-work-report-2024.txt",
           CORPUS / "009-plan-execution-report-2018.txt"]
EDITIONS = ("zh", "en", "bilingual")
HAN = re.compile(r"[\u3400-\u9fff]")
#: the first column of a grid table starts one cell padding in from the text block
FIRST_CELL = MARGIN_LEFT + CELL_PAD


def _pages(path: Path) -> dict[int, list[Line]]:
    pages: dict[int, list[Line]] = {}
    for line in lines(path):
        pages.setdefault(line.page, []).append(line)
    return pages


def _in_table(line: Line) -> bool:
    # everything in a table is padded in from the text block; text, headings and captions
    # start at its edge (or indented two characters, which the line before shows)
    return line.x0 > MARGIN_LEFT + 1.5


def _first_cells(block: list[Line]) -> int:
    """The lines of a table block that begin in its first column: its rows and their lines."""
    # an opening quote's glyph starts well right of where its character box does
    return sum(1 for line in block if -1.5 < line.x0 - FIRST_CELL < 8)


def table_breaks(path: Path) -> Iterator[tuple[int, list[Line], list[Line]]]:
    """Each page break inside a table: the page, the table's lines above it and below it."""
    pages = _pages(path)
    for number in sorted(pages):
        below = pages.get(number + 1)
        above = pages[number]
        if not below or not _in_table(below[0]) or not _in_table(above[-1]):
            continue
        end = next((i for i, line in enumerate(below) if not _in_table(line)), len(below))
        start = max((i for i, line in enumerate(above) if not _in_table(line)), default=-1) + 1
        yield number, above[start:], below[:end]


# ---------------------------------------------------------------------------------- tables


def numbered_table(rows: int) -> Table:
    return Table(
        header=(zh("指标名称"), zh("目标值")),
        rows=tuple((zh(f"第{i}行"), zh(f"增长{i}.5%")) for i in range(rows)),
        widths=(2, 1),
    )


def _rows_on(page: str) -> list[int]:
    return [int(n) for n in re.findall(r"第(\d+)行", page)]


@pytest.mark.parametrize("rows", [5, 7, 12])
def test_a_table_breaks_with_three_rows_above_and_four_below(tmp_path: Path, rows: int) -> None:
    # paragraphs of growing length push the table through every position on the page
    for lead in range(1, 24, 2):
        blocks: tuple[Block, ...] = (Paragraph(zh("经济发展稳中有进。" * lead * 4)), numbered_table(rows))
        path = tmp_path / f"t{rows}-{lead}.pdf"
        write_pdf(zh_brief(blocks=blocks), path)
        on_pages = [found for found in map(_rows_on, page_texts(path)) if found]
        assert sorted(n for found in on_pages for n in found) == list(range(rows)), lead
        if len(on_pages) > 1:
            assert len(on_pages[0]) >= MIN_HEAD_ROWS, (lead, on_pages)
            assert all(len(found) >= MIN_TAIL_ROWS for found in on_pages[1:]), (lead, on_pages)
        if rows < MIN_HEAD_ROWS + MIN_TAIL_ROWS:
            assert len(on_pages) == 1, (lead, on_pages)


def test_no_empty_row_follows_a_break_inside_a_table(tmp_path: Path) -> None:
    # rows of long cells, so that the break falls inside a row wherever it can
    table = Table(
        header=(zh("名称"), zh("说明")),
        rows=tuple((zh(f"第{i}行"), zh(ZH_PARAGRAPHS[i % 3][: 20 + (i * 13) % 60])) for i in range(40)),
        widths=(1, 4),
    )
    for lead in range(1, 12, 2):
        path = tmp_path / f"rows-{lead}.pdf"
        write_pdf(zh_brief(blocks=(Paragraph(zh("经济发展稳中有进。" * lead * 5)), table)), path)
        for number, _, below in table_breaks(path):
            header = below[0].top
            # the first line after the repeated header row is a row's text, not a blank row
            # whose padding alone went on: it stands no further below than a row's padding
            after = [line for line in below if line.top > header + 1]
            assert after, number
            assert after[0].top - header < 40, (number, after[0])


def test_a_split_inside_a_row_never_leaves_an_empty_row(tmp_path: Path) -> None:
    # every height a page foot can leave, in half points: where a row's text fits and only its
    # bottom padding does not, reportlab alone moves an empty row to the next page
    story = _Story(zh_brief(blocks=()))
    table = story.table(numbered_table(30))
    checked = 0
    for half in range(2 * 60, 2 * 400):
        parts = table.split(TEXT_WIDTH, half / 2)
        if len(parts) != 2:
            continue
        checked += 1
        head, tail = parts
        assert not all(_blank(cell) for cell in head._cellvalues[-1]), half / 2
        assert not all(_blank(cell) for cell in tail._cellvalues[1]), half / 2
    assert checked > 100


def test_a_heading_keeps_three_lines_of_its_paragraph(tmp_path: Path) -> None:
    blocks: list[Block] = []
    for n in range(1, 20):
        blocks.append(Heading(2, zh(f"第{n}节标题"), f"s{n}"))
        blocks.append(Paragraph(zh("经济发展稳中有进。" * (n * 2))))
    path = tmp_path / "headings.pdf"
    write_pdf(zh_brief(blocks=tuple(blocks)), path)
    pages = _pages(path)
    for number, found in pages.items():
        for index, line in enumerate(found):
            if re.fullmatch(r"第\d+节标题", line.text):
                after = found[index + 1 :]
                assert len(after) >= 3 or number == max(pages), (number, line.text)


# ---------------------------------------------------------------------------------- packs


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample and two corpus reports, built once with a copy of the project's glossary."""
    work = tmp_path_factory.mktemp("packs")
    shutil.copytree(ROOT / "glossary", work / "glossary")
    code = main(["build", *map(str, REPORTS), "--out", str(work / "out"), "--engine", "memory",
                 "--glossary", str(work / "glossary"), "-q"])
    assert code in (0, 1)
    return {report.stem: work / "out" / report.stem for report in REPORTS}


def _documents(packs: dict[str, Path], ext: str) -> Iterator[Path]:
    for folder in packs.values():
        for edition in EDITIONS:
            yield folder / f"brief.{edition}.{ext}"


def test_no_page_starts_with_fewer_than_four_rows_of_a_table(packs: dict[str, Path]) -> None:
    seen = 0
    for path in _documents(packs, "pdf"):
        for number, above, below in table_breaks(path):
            if _first_cells(below) == 0:
                continue  # a column-set list or a table whose first column is its widest text
            seen += 1
            # the repeated header row is one of the lines in the first column; a part of rows
            # that are long paragraphs counts by its lines, "four lines or rows"
            body_lines = len({round(line.top) for line in below}) - 1
            assert _first_cells(below) - 1 >= MIN_TAIL_ROWS or body_lines >= MIN_TAIL_ROWS, (
                path.name, number + 1, below[:6])
            assert _first_cells(above) >= MIN_HEAD_ROWS, (path.name, number, above[-4:])
    assert seen, "no table crosses a page in these packs: the test checks nothing"


def _lone(line: Line) -> bool:
    """A line of one Han character and punctuation."""
    text = line.text.replace(" ", "")
    return len(HAN.findall(text)) == 1 and all(HAN.match(c) or not c.isalnum() for c in text)


def test_no_chinese_paragraph_ends_on_a_line_of_one_character(packs: dict[str, Path]) -> None:
    checked = 0
    for folder in packs.values():
        for edition in ("zh", "bilingual"):
            found = lines(folder / f"brief.{edition}.pdf")
            for above, line in itertools.pairwise(found):
                if not HAN.search(line.text):
                    continue
                checked += 1
                # the line before, in the same paragraph: the same size, one leading up, and
                # overlapping it across the page
                same = (above.page == line.page and abs(above.height - line.height) < 1.5
                        and 0 < line.top - above.top < 1.9 * line.height
                        and above.x0 < line.x1 and line.x0 < above.x1)
                assert not (same and _lone(line)), (folder.name, edition, line.page, above.text, line.text)
    assert checked > 100


def test_no_heading_is_the_last_line_of_a_page(packs: dict[str, Path]) -> None:
    checked = 0
    for folder in packs.values():
        content = content_io.load(folder / "content.yaml")
        headings = {section.heading.zh.replace(" ", "") for section in content.sections if section.heading}
        for edition in ("zh", "en"):
            pages = _pages(folder / f"brief.{edition}.pdf")
            if edition == "en":
                headings = {section.heading.en.replace(" ", "") for section in content.sections
                            if section.heading and section.heading.en}
            for number, found in pages.items():
                checked += len(headings)
                if number != max(pages):
                    assert found[-1].text.replace(" ", "") not in headings, (folder.name, edition, number)
    assert checked


def test_byline_names_are_never_split(packs: dict[str, Path]) -> None:
    checked = 0
    for folder in packs.values():
        content = content_io.load(folder / "content.yaml")
        names = [reporter.zh for section in content.sections for block in section.blocks
                 if block.kind == "byline" for reporter in block.reporters]
        for edition in ("zh", "bilingual"):
            text = "\n".join(line.text.replace(" ", "") for line in lines(folder / f"brief.{edition}.pdf"))
            for name in names:
                checked += 1
                assert name in text, (folder.name, edition, name)
    assert checked


# ---------------------------------------------------------------------------------- DOCX


def _xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode() + archive.read("word/styles.xml").decode()


def _longest_cell(row: str) -> int:
    """The characters of the row's longest cell."""
    return max(len("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", cell)))
               for cell in re.findall(r"<w:tc>.*?</w:tc>", row, re.S))


def test_docx_tells_word_how_to_break_pages(packs: dict[str, Path]) -> None:
    for path in _documents(packs, "docx"):
        xml = _xml(path)
        styles = re.search(r'<w:style [^>]*w:styleId="Heading1".*?</w:style>', xml, re.S)
        assert styles and "<w:keepNext/>" in styles.group(0), path
        assert re.search(r"<w:pPrDefault>.*?<w:widowControl/>", xml, re.S), path
        tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml, re.S)
        # parallel text is a row per paragraph of the report: its rows run on over a page
        # break like the paragraphs they hold (see test_report_pack); so may a row whose cell
        # is a long paragraph (a speaker's commitments), which kept whole would leave half a
        # page blank. Every row of short cells is kept whole.
        rows = [row for table in tables if 'w:val="BriefAligned"' not in table
                for row in re.findall(r"<w:tr>.*?</w:tr>", table, re.S)]
        assert rows and all("<w:cantSplit/>" in row for row in rows
                            if _longest_cell(row) < 60), path
        assert all(_longest_cell(row) > 100 for row in rows if "<w:cantSplit/>" not in row), path
        assert any("<w:tblHeader/>" in row for row in rows), path


def test_docx_keeps_the_first_and_last_rows_of_a_table_together(packs: dict[str, Path]) -> None:
    xml = _xml(packs[SAMPLE.stem] / "brief.zh.docx")
    tables = re.findall(r"<w:tbl>.*?</w:tbl>", xml, re.S)
    long = [t for t in tables if len(re.findall(r"<w:tr>", t)) > 1 + MIN_HEAD_ROWS + MIN_TAIL_ROWS]
    assert long
    for table in long:
        kept = ["<w:keepNext/>" in row for row in re.findall(r"<w:tr>.*?</w:tr>", table, re.S)]
        # the header and the first rows, then the last rows, each hold together; the last row
        # and those in the middle are free to end a page
        assert kept[:MIN_HEAD_ROWS] == [True] * MIN_HEAD_ROWS
        assert kept[-MIN_TAIL_ROWS:] == [True] * (MIN_TAIL_ROWS - 1) + [False]
        assert not all(kept[MIN_HEAD_ROWS:-MIN_TAIL_ROWS])


def test_every_edition_shows_a_caption_as_a_labelled_photo_note(packs: dict[str, Path]) -> None:
    folder = packs[SAMPLE.stem]
    for edition, label in (("zh", "图片说明"), ("en", "Photo caption"), ("bilingual", "图片说明")):
        assert label in "".join(page_texts(folder / f"brief.{edition}.pdf")), edition
        with zipfile.ZipFile(folder / f"brief.{edition}.docx") as archive:
            assert label in archive.read("word/document.xml").decode(), edition


