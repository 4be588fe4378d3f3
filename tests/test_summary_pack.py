"""The summary as a reader finds it in the built pack: key points, targets table, commitments.

The sample and a government work report of the corpus are built with the CLI; what is checked
is the PDFs' text and links and the DOCX tables, hyperlinks and bookmarks.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pypdf
import pypdfium2 as pdfium
import pytest
from lxml import etree

from doctool import content_io
from doctool.model import Content
from doctool.render.formatting import english_typography
from doctool.render.labels import EN, ZH, Labels
from tests.conftest import ROOT, SAMPLE, build_pack
from tests.pdftext import page_texts

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CORPUS_REPORT = ROOT / "tests" / "corpus" / "020-national-government-work-report-2022.txt"
_SPACE = re.compile(r"\s+")
_PAGE_NUMBER = re.compile(r"^— ?\d+ ?—$")


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pack(SAMPLE, tmp_path_factory.mktemp("summary"))


@pytest.fixture(scope="module")
def corpus_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_pack(CORPUS_REPORT, tmp_path_factory.mktemp("summary-corpus"))


def _content(folder: Path) -> Content:
    return content_io.load(folder / "content.yaml")


def _last_index(texts: list[str], value: str) -> int:
    return len(texts) - 1 - texts[::-1].index(value)


def _between(text: str, start: str, end: str) -> str:
    # the heading's last occurrence: the table of contents lists it first
    begin = text.rindex(start) + len(start)
    return text[begin:text.index(end, begin)]


# -- key points ----------------------------------------------------------------------------------


def test_the_chinese_pdf_opens_with_five_to_seven_key_points_of_the_reports_sentences(
    pack: Path,
) -> None:
    pages = page_texts(pack / "brief.zh.pdf")
    header = pages[2].splitlines()[0]
    # a point that runs over a page break is interrupted by the running header and page number
    lines = [line for page in pages for line in page.splitlines()
             if line != header and not _PAGE_NUMBER.match(line.strip())]
    part = _between("\n".join(lines), "一、" + ZH.key_points, "二、" + ZH.targets)
    points = re.split(r"(?:^|\n)\s*\d．", part)[1:]
    assert 5 <= len(points) <= 7
    report = _squash("".join(s.zh for s in _content(pack).segments()))
    for point in points:
        assert _squash(point) in report


def test_the_english_pdf_gives_the_points_as_their_segments_english(pack: Path) -> None:
    text = " ".join(page_texts(pack / "brief.en.pdf"))
    part = _squash(_between(text, "1. " + EN.key_points, "2. " + EN.targets))
    english = [s.en for s in _content(pack).segments()]
    shown = [e for e in english if _squash(e.replace('"', "“"))[:40] in part.replace("”", "“")]
    assert 5 <= len(shown) <= 7


@pytest.mark.parametrize(("lang", "labels", "number"), [("zh", ZH, r"\d．"), ("en", EN, r"\d\. ")])
def test_the_docx_carries_the_same_points(pack: Path, lang: str, labels: Labels,
                                          number: str) -> None:
    document = docx.Document(str(pack / f"brief.{lang}.docx"))
    texts = [p.text for p in document.paragraphs]
    first, second = ("一、", "二、") if lang == "zh" else ("1. ", "2. ")
    # the part's heading, after the table of contents that lists it first
    start = _last_index(texts, first + labels.key_points)
    end = texts.index(second + labels.targets, start)
    points = texts[start + 1:end]
    assert 5 <= len(points) <= 7
    assert all(re.match(number, p) for p in points)
    report = {(s.zh if lang == "zh" else english_typography(s.en)) for s in _content(pack).segments()}
    assert all(re.sub("^" + number, "", p) in report for p in points)


def test_a_report_with_few_points_gets_as_many_as_it_has(corpus_pack: Path) -> None:
    document = docx.Document(str(corpus_pack / "brief.zh.docx"))
    texts = [p.text for p in document.paragraphs]
    start = _last_index(texts, "一、" + ZH.key_points)
    end = texts.index("二、" + ZH.targets, start)
    points = texts[start + 1:end]
    assert 1 <= len(points) < 5
    assert all(re.match(r"\d．", p) for p in points)


# -- the targets table ---------------------------------------------------------------------------


def _table(path: Path, first: str, second: str) -> list[dict[str, str]]:
    """The rows of the DOCX table headed ``first``, ``second``: column head -> cell text."""
    document = docx.Document(str(path))
    table = next(t for t in document.tables
                 if [c.text for c in t.rows[0].cells[:2]] == [first, second])
    heads = [c.text for c in table.rows[0].cells]
    return [dict(zip(heads, (c.text for c in row.cells), strict=True)) for row in table.rows[1:]]


def test_the_targets_table_has_its_columns_and_only_targets(pack: Path) -> None:
    rows = _table(pack / "brief.zh.docx", ZH.target_metric, ZH.target_unit)
    assert list(rows[0]) == [ZH.target_metric, ZH.target_unit, ZH.target_previous,
                             ZH.target_value, ZH.target_qualifier, ZH.target_year, ZH.target_by]
    content = _content(pack)
    assert [r[ZH.target_metric] for r in rows] == [
        t.metric.zh for t in content.targets if t.kind == "target"]
    # an estimate (预计8400亿元) and a result (突破百万人次) are not targets
    assert "江北商品销售总额" not in {r[ZH.target_metric] for r in rows}
    assert "观音桥商圈单日最高人流量" not in {r[ZH.target_metric] for r in rows}
    sales = next(r for r in rows if r[ZH.target_metric] == "商品销售总额")
    assert (sales[ZH.target_unit], sales[ZH.target_value], sales[ZH.target_qualifier]) == (
        "亿元", "9000", "力争")
    assert sales[ZH.target_previous] == "8400\n2024年预计"
    assert sales[ZH.target_by] == "陶世祥"
    assert all(r[ZH.target_by] not in ("", "—") for r in rows)


def test_the_english_table_puts_qualifiers_in_words(pack: Path) -> None:
    rows = {r[EN.target_metric]: r for r in _table(pack / "brief.en.docx", EN.target_metric, EN.target_unit)}
    sales = rows["total sales of goods"]
    assert (sales[EN.target_unit], sales[EN.target_value], sales[EN.target_previous]) == (
        "billion yuan", "900", "840\n(2024, est.)")
    assert sales[EN.target_qualifier] == "strive for"
    assert rows["growth in investment in municipal key construction projects"][
        EN.target_qualifier] == "more than"


def test_a_government_work_report_shows_last_years_results(corpus_pack: Path) -> None:
    rows = {r[ZH.target_metric]: r for r in _table(corpus_pack / "brief.zh.docx",
                                                  ZH.target_metric, ZH.target_unit)}
    gdp = rows["国内生产总值增长"]
    assert (gdp[ZH.target_value], gdp[ZH.target_unit], gdp[ZH.target_qualifier]) == (
        "5.5", "%", "左右")
    assert gdp[ZH.target_previous] == "8.1\n2021年"
    jobs = rows["城镇新增就业"]
    assert (jobs[ZH.target_value], jobs[ZH.target_previous], jobs[ZH.target_unit]) == (
        "1100", "1269\n2021年", "万人")
    assert gdp[ZH.target_by] == "李克强"


# -- links ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """A link annotation: the text under it and where it goes (0-based page, top in points)."""

    text: str
    page: int
    top: float


def _links(path: Path) -> list[Link]:
    reader = pypdf.PdfReader(str(path))
    numbers = {page.indirect_reference.idnum: i for i, page in enumerate(reader.pages)}  # type: ignore[union-attr]
    document = pdfium.PdfDocument(str(path))
    found: list[Link] = []
    try:
        for index, page in enumerate(reader.pages):
            textpage = document[index].get_textpage()
            for annotation in page.get("/Annots") or []:
                link = annotation.get_object()
                if link["/Subtype"] != "/Link":
                    continue
                left, bottom, right, top = (float(v) for v in link["/Rect"])
                target = link["/Dest"]
                text = textpage.get_text_bounded(left, bottom, right, top)
                found.append(Link(_squash(text), numbers[target[0].idnum], float(target[3])))
            textpage.close()
    finally:
        document.close()
    return found


def _text_below(path: Path, page: int, top: float, height: float = 60) -> str:
    document = pdfium.PdfDocument(str(path))
    try:
        pdf_page = document[page]
        textpage = pdf_page.get_textpage()
        text = textpage.get_text_bounded(0, top - height, pdf_page.get_width(), top + 2)
        textpage.close()
        return _squash(text)
    finally:
        document.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_metric_links_to_the_paragraph_that_sets_it(pack: Path, lang: str) -> None:
    path = pack / f"brief.{lang}.pdf"
    content = _content(pack)
    targets = [t for t in content.targets if t.kind == "target"]
    links = _links(path)
    for target in targets:
        metric = _squash(target.metric.zh if lang == "zh" else english_typography(target.metric.en))
        # a metric set on two lines carries a link on each; the first line's names the start
        link = next(lk for lk in links if lk.text and metric.startswith(lk.text))
        block = content.block_of(target.segment)
        assert block is not None
        first = block.segments[0].zh if lang == "zh" else english_typography(block.segments[0].en)
        assert _squash(first)[:12] in _text_below(path, link.page, link.top)


def test_the_bilingual_pdf_links_each_metric_to_its_section(pack: Path) -> None:
    path = pack / "brief.bilingual.pdf"
    metrics = [_squash(text) for t in _content(pack).targets if t.kind == "target"
               for text in (t.metric.zh, english_typography(t.metric.en))]
    # the targets table's links, not the contents' links to every heading
    links = [lk for lk in _links(path) if lk.text and any(m.startswith(lk.text) for m in metrics)]
    assert links
    headings = [s.heading.zh for s in _content(pack).sections if s.heading is not None]
    for link in links:
        below = _text_below(path, link.page, link.top, height=30)
        assert any(_squash(h)[:8] in below for h in headings) or ZH.report in below


def _paragraph_text(paragraph: etree._Element) -> str:
    return "".join(t.text or "" for t in paragraph.iter(f"{W}t"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_docx_metrics_are_hyperlinks_to_bookmarks_on_their_paragraphs(pack: Path, lang: str) -> None:
    with zipfile.ZipFile(pack / f"brief.{lang}.docx") as z:
        root = etree.fromstring(z.read("word/document.xml"))
    bookmarked = {
        start.get(f"{W}name"): _paragraph_text(start.getparent())
        for start in root.iter(f"{W}bookmarkStart")
    }
    content = _content(pack)
    by_metric = {(t.metric.zh if lang == "zh" else english_typography(t.metric.en)): t
                 for t in content.targets
                 if t.kind == "target"}
    # the targets table's links; the table of contents links each heading too
    links = [link for link in root.iter(f"{W}hyperlink")
             if not any(style.get(f"{W}val", "").lower().startswith("toc")
                        for style in link.getparent().iter(f"{W}pStyle"))]
    assert len(links) == len(by_metric)
    for link in links:
        target = by_metric[_paragraph_text(link)]
        paragraph = bookmarked[link.get(f"{W}anchor")]
        segment = next(s for s in content.segments() if s.id == target.segment)
        assert (segment.zh if lang == "zh" else english_typography(segment.en)) in paragraph


# -- speakers ------------------------------------------------------------------------------------


def test_speakers_show_their_commitments_and_a_missing_title(pack: Path) -> None:
    rows = _table(pack / "brief.zh.docx", ZH.speaker_name, ZH.speaker_role)
    assert list(rows[0]) == [ZH.speaker_name, ZH.speaker_role, ZH.speaker_commitments]
    content = _content(pack)
    report = "".join(s.zh for s in content.segments())
    by_name = {r[ZH.speaker_name]: r for r in rows}
    assert set(by_name) == {s.name.zh for s in content.speakers}
    for row in rows:
        said = row[ZH.speaker_commitments]
        assert said and said in report
    # the report leaves out 胡衡华's title; the glossary's person entry gives it, marked as its
    assert by_name["胡衡华"][ZH.speaker_role] == ZH.title_from_glossary.format(title="市委副书记、市长")
    assert by_name["王志杰"][ZH.speaker_role] == "市经济信息委党组书记、主任"
    en = {r[EN.speaker_name].replace("\xa0", " "): r
          for r in _table(pack / "brief.en.docx", EN.speaker_name, EN.speaker_role)}
    assert en["Hu Henghua"][EN.speaker_role] == EN.title_from_glossary.format(
        title="Deputy Secretary of the CPC Chongqing Municipal Committee and Mayor of Chongqing")
