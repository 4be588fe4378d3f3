"""The report part of the sample pack as a reader sees it: the source's own words, attributed
without editing them, the jump and the excerpt named, and a bilingual edition of parallel text."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from doctool import content_io
from doctool.model import Content
from doctool.render.labels import EN, ZH
from tests.conftest import SAMPLE, build_pack
from tests.pdftext import page_texts, pdf_text

_SPACE = re.compile(r"\s+")


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built once, with a copy of the project's glossary that gives 胡衡华 no title.

    The report does not give his title either (its first page, which does, is not part of
    it), so the pack shows a speaker without one; test_summary_pack reads the glossary's.
    """
    def untitled(glossary: Path) -> None:
        terms = glossary / "terms.tsv"
        rows = [re.sub(r"^(胡衡华\tHu Henghua\tperson\t)[^\t]*", r"\1speaker", row)
                for row in terms.read_text(encoding="utf-8").splitlines(keepends=True)]
        terms.write_text("".join(rows), encoding="utf-8")

    return build_pack(SAMPLE, tmp_path_factory.mktemp("report-pack"), untitled)


@pytest.fixture(scope="module")
def content(pack: Path) -> Content:
    return content_io.load(pack / "content.yaml")


def _docx_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def _docx_paragraphs(path: Path) -> list[str]:
    """The text of every paragraph of the DOCX body, table cells included."""
    xml = _docx_xml(path)
    return ["".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))
            for p in re.findall(r"<w:p[ >].*?</w:p>", xml, flags=re.S)]


def _text(pack: Path, name: str) -> str:
    """What a reader of ``name`` reads, squashed: the PDF's text, or the DOCX's paragraphs."""
    if name.endswith(".pdf"):
        return _SPACE.sub("", pdf_text(pack / name).replace("\xa0", " "))
    return _SPACE.sub("", "\n".join(_docx_paragraphs(pack / name)).replace("\xa0", " "))


EDITIONS = [f"brief.{lang}.{fmt}" for lang in ("zh", "en") for fmt in ("pdf", "docx")]


@pytest.mark.parametrize("name", EDITIONS)
def test_no_speaker_label_before_the_speakers_own_words(pack: Path, content: Content,
                                                         name: str) -> None:
    text = _text(pack, name)
    english = ".en." in name
    for speaker in content.speakers:
        who = _SPACE.sub("", speaker.name.en if english else speaker.name.zh)
        label = (EN if english else ZH).statement.format(name=who)
        assert f"{who}:" not in text and f"{who}：" not in text, who
        assert _SPACE.sub("", label) not in text, who


@pytest.mark.parametrize("name", EDITIONS)
def test_the_reporters_lines_before_tao_shixiang_are_not_his(pack: Path, name: str) -> None:
    text = _text(pack, name)
    if ".zh." in name:
        # one paragraph, as in the source, with nobody's name put before it
        at = text.index("作为全市消费大区，江北区对明年促消费充满信心。江北区委书记陶世祥介绍")
        assert "陶世祥" not in text[max(0, at - 10):at]
    else:
        at = text.index("Chongqing’smajorconsumptiondistricts")
        assert "TaoShixiang" not in text[max(0, at - 40):at]


@pytest.mark.parametrize("name", EDITIONS)
def test_speaker_without_a_title_continued_page_and_excerpt(pack: Path, name: str) -> None:
    text = _text(pack, name)
    if ".zh." in name:
        # 胡衡华's title is neither in the report nor in this glossary
        assert ZH.title_not_given in text
        assert _SPACE.sub("", ZH.continued_from.format(page=1)) in text
        assert ZH.report_excerpt in text and ZH.report not in text
    else:
        assert _SPACE.sub("", EN.title_not_given) in text
        assert _SPACE.sub("", EN.continued_from.format(page=1)) in text
        assert _SPACE.sub("", EN.report_excerpt) in text and "Fullreport" not in text


def _aligned_tables(xml: str) -> list[str]:
    return [t for t in re.findall(r"<w:tbl>.*?</w:tbl>", xml, flags=re.S) if "BriefAligned" in t]


def _source_paragraphs(content: Content) -> int:
    return sum(1 for b in content.blocks() if not b.runs_on)


def test_bilingual_docx_is_parallel_text_without_borders(pack: Path, content: Content) -> None:
    xml = _docx_xml(pack / "brief.bilingual.docx")
    tables = _aligned_tables(xml)
    rows = [row for table in tables for row in re.findall(r"<w:tr[ >].*?</w:tr>", table, flags=re.S)]
    # a row per source paragraph, and one row of column heads
    assert len(rows) == _source_paragraphs(content) + 1
    assert sum("<w:tblHeader" in row for row in rows) == 0
    assert not any("<w:cantSplit" in row for row in rows)
    for table in tables:
        # the table style draws (no) borders: neither the table nor a cell sets its own
        assert "<w:tblBorders" not in table and "<w:tcBorders" not in table
    with zipfile.ZipFile(pack / "brief.bilingual.docx") as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    style = re.search(r'<w:style [^>]*w:styleId="BriefAligned".*?</w:style>', styles, flags=re.S)
    assert style is not None
    assert set(re.findall(r'<w:(?:top|left|bottom|right|insideH|insideV) w:val="(\w+)"',
                          style.group(0))) == {"nil"}


def test_bilingual_pdf_has_a_row_per_paragraph(pack: Path, content: Content) -> None:
    text = _text(pack, "brief.bilingual.pdf")
    # a paragraph's sentences read on in one cell: the Chinese of each paragraph is unbroken
    for block in content.blocks():
        if block.kind == "paragraph" and not block.runs_on and len(block.segments) > 1:
            assert _SPACE.sub("", block.text("zh")[:40]) in text


def _latin_gaps(path: Path) -> Iterator[tuple[str, float, float]]:
    """Each pair of neighbouring digits or Latin letters on a line: the pair, gap and font size."""
    document = pdfium.PdfDocument(str(path))
    try:
        for page in document:
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            for i in range(len(text) - 1):
                a, b = text[i], text[i + 1]
                if not (a.isascii() and a.isalnum() and b.isascii() and b.isalnum()):
                    continue
                left = textpage.get_charbox(i, loose=True)
                right = textpage.get_charbox(i + 1, loose=True)
                size = left[3] - left[1]
                if abs(left[1] - right[1]) < size / 4:
                    yield a + b, right[0] - left[2], size
            textpage.close()
            page.close()
    finally:
        document.close()


@pytest.mark.parametrize("name", ["brief.bilingual.pdf", "brief.zh.pdf"])
def test_justified_chinese_never_spaces_out_digits(pack: Path, name: str) -> None:
    gaps = list(_latin_gaps(pack / name))
    assert len([g for g in gaps if g[0].isdigit()]) > 50
    spaced = [g for g in gaps if g[1] > 0.02 * g[2]]
    assert not spaced


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("name", ["brief.bilingual.docx", "brief.zh.docx"])
def test_libreoffice_breaks_no_number_in_the_chinese_report(pack: Path, tmp_path: Path,
                                                            name: str) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(pack / name)],
        check=True, capture_output=True, timeout=180,
    )
    text = "\n".join(page_texts(tmp_path / name.replace(".docx", ".pdf")))
    # from the report part's heading, not its entry in the table of contents
    report = text[text.rindex(ZH.report_excerpt):]
    lines = [line.strip() for line in report.splitlines() if line.strip()]
    broken = [f"{a[-8:]}|{b[:8]}" for a, b in itertools.pairwise(lines)
              if a[-1].isdigit() and b[0].isdigit() and re.search("[\u4e00-\u9fff]", a + b)]
    assert broken == []
