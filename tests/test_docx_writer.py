"""Brief -> DOCX: text, named styles, East Asian fonts and language, fields, tables, properties."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest

from doctool import content_io
from doctool.errors import OutputError
from doctool.glossary.terms import Term
from doctool.model import Content, Segment
from doctool.render.brief import Brief, BriefLang, Run
from doctool.render.docx_writer import _phrase_lines, app_version, write_docx
from doctool.render.formatting import english_typography
from doctool.render.layout import layout
from doctool.render.oxml import REPLACEMENT, xml_safe
from tests.pdftext import pdf_text, region_text

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "render" / "small-meeting.yaml"
EDITIONS: tuple[BriefLang, ...] = ("zh", "en", "bilingual")
HOSTILE = '<b>bold?</b> & <img src="file:///etc/passwd"> x<y ]]> &amp;'


@pytest.fixture(scope="module")
def content() -> Content:
    return content_io.load(FIXTURE)


@pytest.fixture(scope="module")
def written(content: Content, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("docx")
    paths: dict[str, Path] = {}
    for lang in EDITIONS:
        paths[lang] = folder / f"brief.{lang}.docx"
        write_docx(layout(content, lang), paths[lang])
    return paths


def part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def parts(path: Path, pattern: str) -> str:
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if re.fullmatch(pattern, n)]
        return "\n".join(archive.read(n).decode("utf-8") for n in names)


def document_text(path: Path) -> str:
    """All paragraph and table-cell text of the body, in order."""
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


@pytest.mark.parametrize("lang", EDITIONS)
def test_every_segment_is_in_the_document(
    content: Content, written: dict[str, Path], lang: BriefLang
) -> None:
    # a no-break space (tying a reporter's name in a byline) prints as a space
    text = document_text(written[lang]).replace("\u00a0", " ")
    for segment in content.segments():
        if lang != "en":
            assert segment.zh in text
        if lang != "zh" and segment.en:
            # printed typeset: curly quotes for the memory's straight ones
            assert english_typography(segment.en) in text
    # the untranslated segment is still shown, in Chinese, in the English pack
    assert "要谋早谋实、紧抓快干，全力确保明年经济开好局起好步。" in text


@pytest.mark.parametrize("lang", EDITIONS)
def test_east_asian_fonts_and_language(written: dict[str, Path], lang: BriefLang) -> None:
    styles = part(written[lang], "word/styles.xml")
    for face in ("仿宋_GB2312", "黑体", "楷体_GB2312", "Noto Serif CJK SC"):
        assert f'w:eastAsia="{face}"' in styles
    assert 'w:ascii="Noto Serif"' in styles
    assert re.search(r'<w:lang [^>]*w:eastAsia="zh-CN"', styles)
    # Chinese text is hinted East Asian in the styles, which set it in one face in every slot
    assert re.search(r'<w:rFonts w:ascii="仿宋_GB2312" [^>]*w:hint="eastAsia"', styles)
    body = part(written[lang], "word/document.xml")
    # so no run needs a hint of its own (see test_faces for the count of run-level faces)
    assert "w:hint" not in body
    # the East Asian language is Chinese; w:val, the language of Latin letters and digits, is
    # English in Chinese text too, so that a number is not broken as Han text may be
    assert re.search(r'<w:lang w:val="en-US" w:eastAsia="zh-CN"', body)
    assert 'w:val="zh-CN"' not in body
    fonts = part(written[lang], "word/fontTable.xml")
    assert re.search(r'w:name="Noto Serif CJK SC">\s*<w:altName w:val="宋体,SimSun"/>', fonts)
    assert re.search(r'w:name="黑体">\s*<w:altName w:val="SimHei,Noto Sans CJK SC"/>', fonts)


def test_named_styles_are_used(written: dict[str, Path]) -> None:
    document = docx.Document(str(written["zh"]))
    used = {p.style.name for p in document.paragraphs if p.style is not None}
    assert {"Title", "Masthead", "TOC Heading", "toc 1", "toc 2", "Heading 1", "Heading 2",
            "Body Text", "Lead", "Statement", "Caption", "Byline"} <= used
    assert {t.style.name for t in document.tables if t.style is not None} == {
        "Brief Grid", "Brief Key Values",
    }
    bilingual = docx.Document(str(written["bilingual"]))
    assert "Brief Aligned" in {t.style.name for t in bilingual.tables if t.style is not None}


def test_page_is_a4_with_house_margins(written: dict[str, Path]) -> None:
    section = docx.Document(str(written["en"])).sections[0]
    assert section.page_width is not None and section.page_height is not None
    assert section.top_margin is not None and section.left_margin is not None
    # lengths are stored in twentieths of a point: compare in whole millimetres
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.top_margin.mm) == 37
    assert round(section.left_margin.mm) == 28


def test_english_page_numbers_are_page_of_pages(written: dict[str, Path]) -> None:
    footers = parts(written["en"], r"word/footer\d+\.xml")
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footers)
    assert re.search(r"<w:instrText[^>]*> NUMPAGES </w:instrText>", footers)
    assert 'w:fldCharType="begin"' in footers and 'w:fldCharType="end"' in footers
    assert ">Page <" in footers and "> of <" in footers


def test_chinese_page_numbers_between_dashes_odd_right_even_left(
    written: dict[str, Path],
) -> None:
    footers = parts(written["zh"], r"word/footer\d+\.xml")
    assert "— " in footers and " —" in footers
    assert re.search(r"<w:instrText[^>]*> PAGE </w:instrText>", footers)
    assert '<w:jc w:val="right"/>' in footers and '<w:jc w:val="left"/>' in footers
    assert "<w:evenAndOddHeaders/>" in part(written["zh"], "word/settings.xml")


def test_header_carries_event_and_date(written: dict[str, Path]) -> None:
    headers = parts(written["zh"], r"word/header\d+\.xml")
    assert "市委经济工作会议　2024年12月23日" in headers
    assert "DRAFT" not in headers


@pytest.mark.parametrize("lang", ["en", "bilingual"])
def test_draft_mark_and_watermark(written: dict[str, Path], lang: BriefLang) -> None:
    headers = parts(written[lang], r"word/header\d+\.xml")
    assert "DRAFT" in headers
    assert 'string="DRAFT"' in headers  # the watermark shape


def test_untranslated_runs_are_highlighted(written: dict[str, Path]) -> None:
    body = part(written["en"], "word/document.xml")
    marked = re.findall(r"<w:r>(?:(?!</w:r>).)*w:highlight w:val=\"yellow\"(?:(?!</w:r>).)*</w:r>",
                        body, flags=re.S)
    assert any("要谋早谋实" in run for run in marked)
    assert any("[Untranslated]" in run for run in marked)


def test_tables_repeat_their_header_row_and_have_widths(written: dict[str, Path]) -> None:
    body = part(written["en"], "word/document.xml")
    assert "<w:tblHeader/>" in body
    assert '<w:tblLayout w:type="fixed"/>' in body
    assert re.search(r'<w:tcW w:type="dxa" w:w="\d+"/>', body)
    # the rules are the table styles' (test_faces checks that no table or cell has its own)
    styles = part(written["en"], "word/styles.xml")
    assert re.search(r'<w:tblBorders>.*?<w:insideH w:val="single"', styles, flags=re.S)


def test_core_properties(written: dict[str, Path]) -> None:
    props = docx.Document(str(written["en"])).core_properties
    assert props.title == "Tackle Tough Problems, Strive for Excellence"
    assert props.subject == "Economic Work Conference of the CPC Chongqing Municipal Committee"
    assert props.author == "Chongqing Daily"
    assert props.language == "en-US"
    assert '"33618" modern manufacturing cluster system' in props.keywords
    core = part(written["bilingual"], "docProps/core.xml")
    assert "<dc:language>zh-CN, en-US</dc:language>" in core


def test_bookmarks_on_headings(written: dict[str, Path]) -> None:
    body = part(written["zh"], "word/document.xml")
    assert 'w:name="b_targets"' in body and 'w:name="b_section_s_2"' in body


def hostile_content(content: Content) -> Content:
    changed = content.with_segments({
        "s-1-1": Segment("s-1-1", f"中文{HOSTILE}", f"English {HOSTILE}", "memory"),
    })
    meeting = replace(changed.meeting, title=replace(changed.meeting.title, en=HOSTILE))
    return replace(changed, meeting=meeting)


@pytest.mark.parametrize("lang", EDITIONS)
def test_hostile_text_is_written_literally(
    content: Content, tmp_path: Path, lang: BriefLang
) -> None:
    path = tmp_path / "hostile.docx"
    write_docx(layout(hostile_content(content), lang), path)
    text = document_text(path)
    if lang != "en":
        assert HOSTILE in text
    if lang != "zh":
        # English is printed typeset: its straight quotes come out curly, nothing else changes
        assert english_typography(HOSTILE) in text
    body = part(path, "word/document.xml")
    assert "<img" not in body and "<b>" not in body
    assert "&lt;img src=" in body


def test_control_characters_are_made_visible_not_dropped(
    content: Content, tmp_path: Path
) -> None:
    assert xml_safe("a\x07b\x00c\td") == f"a{REPLACEMENT}b{REPLACEMENT}c\td"
    odd = content.with_segments({"s-1-1": Segment("s-1-1", "十二\x0b月。", "Dec\x1bember.", "mt")})
    path = tmp_path / "control.docx"
    write_docx(layout(odd, "bilingual"), path)
    text = document_text(path)
    assert f"十二{REPLACEMENT}月。" in text and f"Dec{REPLACEMENT}ember." in text


def test_overlong_properties_are_cut_to_fit(content: Content, tmp_path: Path) -> None:
    brief = layout(content, "zh")
    long = replace(brief, metadata=replace(brief.metadata, title="题" * 400,
                                           keywords=tuple(f"项目{i}" for i in range(200))))
    path = tmp_path / "long.docx"
    write_docx(long, path)
    props = docx.Document(str(path)).core_properties
    assert len(props.title) == 255 and props.title.endswith("…")
    assert 0 < len(props.keywords) <= 255 and props.keywords.endswith(tuple("0123456789"))


def test_write_replaces_a_file_atomically(content: Content, tmp_path: Path) -> None:
    path = tmp_path / "brief.docx"
    path.write_bytes(b"old")
    write_docx(layout(content, "zh"), path)
    assert zipfile.is_zipfile(path)
    assert [p.name for p in tmp_path.iterdir()] == ["brief.docx"]


def test_unwritable_output_is_a_user_error(content: Content, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError):
        write_docx(layout(content, "zh"), blocker / "brief.docx")


def test_a_failed_write_leaves_the_old_file(
    content: Content, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "brief.docx"
    path.write_bytes(b"old")
    brief: Brief = layout(content, "zh")

    def boom(self: object, target: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(docx.document.Document, "save", boom)
    with pytest.raises(RuntimeError):
        write_docx(brief, path)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.docx"]


def _squash(text: str) -> str:
    # line breaks and justification spaces differ between the PDF and the source text
    return re.sub(r"\s+", "", text)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
@pytest.mark.parametrize("lang", EDITIONS)
def test_libreoffice_renders_every_segment(
    content: Content, written: dict[str, Path], tmp_path: Path, lang: BriefLang
) -> None:
    # a private profile: a user's running LibreOffice, or a parallel test, cannot interfere
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(written[lang])],
        check=True, capture_output=True, timeout=180,
    )
    pdf = tmp_path / f"brief.{lang}.pdf"

    text = _squash(pdf_text(pdf))
    zh_text = en_text = text
    if lang == "bilingual":
        # side-by-side cells interleave in extracted text: read each column on its own. The
        # Chinese column ends 28 mm (margin) + 60 mm (1/2.6 of 156 mm) = 249 pt from the left.
        zh_text = _squash(region_text(pdf, 0, 249))
        en_text = _squash(region_text(pdf, 249, 595))
    for segment in content.segments():
        if lang != "en":
            assert _squash(segment.zh) in zh_text
        if lang != "zh" and segment.en:
            assert _squash(english_typography(segment.en)) in en_text
    if lang != "zh":
        assert "DRAFT" in text


def test_annex_is_set_in_two_page_columns_after_a_section_break(
    content: Content, tmp_path: Path
) -> None:
    terms = (Term("长寿区", "Changshou District", "place"),
             Term("市委经济工作会议", "Economic Work Conference", "event"))
    path = tmp_path / "annex.docx"
    write_docx(layout(content, "zh", terms), path)
    body = part(path, "word/document.xml")
    # the section that ends at the annex heading keeps the page furniture and the cover's
    # first-page header; the annex's own section starts on the same page, in two columns
    # (the colophon after the annex goes back to one column, in a section of its own)
    ended, annex, after = re.findall(r"<w:sectPr\b.*?</w:sectPr>", body, flags=re.S)
    assert not re.search(r'<w:cols [^>]*w:num="2"', after)
    assert "<w:headerReference" in ended and "<w:titlePg/>" in ended
    assert "<w:headerReference" not in annex and "<w:titlePg" not in annex
    assert '<w:type w:val="continuous"/>' in annex
    assert re.search(r'<w:cols [^>]*w:num="2"', annex)
    # the first section ends with the annex heading's paragraph: its sectPr is in that paragraph
    between = body[body.index(ended):body.index("附录：术语对照")]
    assert "<w:p>" not in between and "<w:p " not in between
    assert body.index("附录：术语对照") < body.index("Changshou District")


def test_a_chinese_title_breaks_between_its_phrases(written: dict[str, Path]) -> None:
    document = docx.Document(str(written["zh"]))
    title = next(p for p in document.paragraphs if p.style is not None and p.style.name == "Title")
    assert title.text == "攻坚克难 唯实争先 奋力谱写新篇章"  # fits one line: no break
    long = "攻坚克难 唯实争先 奋力谱写中国式现代化重庆篇章"
    assert [r.text for r in _phrase_lines([Run(long, "zh")], 156, 22)] == [
        "攻坚克难 唯实争先\n奋力谱写中国式现代化重庆篇章"
    ]


def test_app_properties_and_dates_are_the_writers(content: Content, tmp_path: Path) -> None:
    when = dt.datetime(2024, 12, 23, 9, 30, 15)
    path = tmp_path / "dated.docx"
    write_docx(layout(content, "zh"), path, created=when)
    core = part(path, "docProps/core.xml")
    assert core.count("2024-12-23T09:30:15Z") == 2  # created and modified
    app = part(path, "docProps/app.xml")
    assert "<Application>doctool</Application>" in app
    assert f"<AppVersion>{app_version()}</AppVersion>" in app
    assert app_version("0.1.0") == "0.0001" and app_version("2.13") == "2.0013"
