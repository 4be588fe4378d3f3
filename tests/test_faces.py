"""GB/T 9704's faces in the Chinese edition: 仿宋 text, 楷体 and 黑体 headings, in the PDF and DOCX.

The PDF draws each role in a bundled face, embedded, with text that extracts as written; a
character the 仿宋 face lacks comes from the serif CJK face, never as a blank. The DOCX names
the faces government PCs have in its styles (with the open faces as alternates in the font
table) and nowhere else: no run names a face, no cell its own borders or fill.
"""

from __future__ import annotations

import ctypes
import re
import zipfile
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from defusedxml.ElementTree import fromstring

from doctool import content_io
from doctool.render import fonts
from doctool.render.brief import Brief, Furniture, Heading, Metadata, Paragraph, Run, Table, Title
from doctool.render.docx_writer import write_docx
from doctool.render.layout import layout
from doctool.render.pdf_writer import write_pdf
from tests.pdftext import fonts as pdf_fonts
from tests.pdftext import pdf_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "render" / "small-meeting.yaml"

TITLE = "中共重庆市委经济工作会议在渝召开"
H1 = "一、会议概况"
H2 = "（一）推进“33618”集群体系"
BODY = "会议强调，要坚定不移推进现代制造业集群体系建设，规上工业增加值增长8%左右。"
BOLD = "王志杰："
#: a character GB 2312 lacks (朱镕基's 镕): FandolFang has GB 2312 and little more
RARE = "镕"


def zh(text: str, **kwargs: bool) -> tuple[Run, ...]:
    return (Run(text, "zh", **kwargs),)


@pytest.fixture(scope="module")
def zh_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    blocks = (
        Title(zh(TITLE)),
        Heading(1, zh(H1), "overview"),
        Paragraph(zh(BODY)),
        Heading(2, zh(H2), "cluster"),
        Paragraph((Run(BOLD, "zh", bold=True), Run(f"朱{RARE}基同志的讲话。", "zh"))),
        Table(header=(zh("指标"), zh("目标值")), rows=((zh("工业投资增长"), zh("10%")),),
              widths=(2, 1)),
    )
    brief = Brief("zh", Metadata("简报", "测试", "简报", "zh-CN", ()), Furniture("简报", "zh", False),
                  blocks)
    path = tmp_path_factory.mktemp("faces") / "brief.zh.pdf"
    write_pdf(brief, path)
    return path


def drawn_in(path: Path) -> list[tuple[str, str]]:
    """Every character on the pages with the (subset-prefix-free) name of the font drawing it."""
    document = pdfium.PdfDocument(str(path))
    out: list[tuple[str, str]] = []
    try:
        for page in document:
            text = page.get_textpage()
            buffer = ctypes.create_string_buffer(256)
            flags = ctypes.c_int()
            for index in range(text.count_chars()):
                code = pdfium_c.FPDFText_GetUnicode(text.raw, index)
                if code in (0, 0xFFFE) or chr(code).isspace():
                    continue
                size = pdfium_c.FPDFText_GetFontInfo(text.raw, index, buffer, 256, ctypes.byref(flags))
                name = buffer.raw[: max(size - 1, 0)].decode("utf-8", "replace")
                out.append((chr(code), name.split("+")[-1]))
    finally:
        document.close()
    return out


def faces_of(drawn: list[tuple[str, str]], text: str) -> set[str]:
    """The fonts that draw the characters of ``text`` where it stands on the page."""
    chars = "".join(c for c, _ in drawn)
    start = chars.find(text)
    assert start >= 0, f"{text!r} is not on the page"
    return {font for _, font in drawn[start:start + len(text)]}


def test_each_role_is_drawn_in_its_face(zh_pdf: Path) -> None:
    drawn = drawn_in(zh_pdf)
    assert faces_of(drawn, TITLE) == {fonts.SERIF_SC_BOLD}  # in place of 小标宋
    assert faces_of(drawn, H1) == {fonts.SANS_SC_BOLD}  # 黑体
    assert faces_of(drawn, "（一）推进") == {fonts.KAI_SC}  # 楷体
    assert faces_of(drawn, BODY) == {fonts.FANG_SC}  # 仿宋, its digits and punctuation too
    # there is no bold 仿宋: bold Chinese, as in labels and table headings, is 黑体
    assert faces_of(drawn, BOLD) == {fonts.SANS_SC_BOLD}
    assert faces_of(drawn, "目标值") == {fonts.SANS_SC_BOLD}
    assert faces_of(drawn, "工业投资增长") == {fonts.FANG_SC}


def test_kai_headings_take_full_width_quotation_marks_from_the_serif_face(zh_pdf: Path) -> None:
    # LXGW WenKai's (so Doctool Kai's) own “ ” are 0.35 em wide, for Latin text; in Chinese
    # they are full-width
    drawn = drawn_in(zh_pdf)
    assert faces_of(drawn, "“") == {fonts.SERIF_SC}
    assert faces_of(drawn, "”") == {fonts.SERIF_SC}


def test_a_character_fangsong_lacks_is_drawn_in_the_serif_cjk_face(zh_pdf: Path) -> None:
    assert fonts.missing_glyphs(RARE, fonts.FANG_SC) == [RARE]
    assert fonts.missing_glyphs(RARE, fonts.SERIF_SC) == []
    assert [(r.font, r.text) for r in fonts.font_runs(f"朱{RARE}基", fonts.FANG_SC)] == [
        (fonts.FANG_SC, "朱"), (fonts.SERIF_SC, RARE), (fonts.FANG_SC, "基")
    ]
    drawn = drawn_in(zh_pdf)
    assert faces_of(drawn, RARE) == {fonts.SERIF_SC}
    assert f"朱{RARE}基同志的讲话。" in pdf_text(zh_pdf).replace("\n", "")


def test_the_faces_are_embedded_and_their_text_copies_out_as_written(zh_pdf: Path) -> None:
    embedded = {f.name.split("+")[-1] for f in pdf_fonts(zh_pdf) if f.embedded}
    assert {fonts.FANG_SC, fonts.KAI_SC, fonts.SANS_SC_BOLD, fonts.SERIF_SC_BOLD} <= embedded
    text = re.sub(r"\s+", "", pdf_text(zh_pdf))
    for line in (TITLE, H1, BODY, H2, BOLD):
        assert re.sub(r"\s+", "", line) in text


def test_the_english_edition_keeps_noto_serif(tmp_path: Path) -> None:
    path = tmp_path / "brief.en.pdf"
    write_pdf(layout(content_io.load(FIXTURE), "en"), path)
    latin = {font for char, font in drawn_in(path) if char.isascii() and char.isalpha()}
    assert latin <= {fonts.SERIF, fonts.SERIF_BOLD, fonts.SERIF_ITALIC, fonts.SERIF_BOLD_ITALIC}


def test_the_fangsong_licence_allows_embedding_and_ships_with_the_font() -> None:
    licence = (fonts.FONT_DIR / "FandolFang-LICENSE.txt").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in licence and "Version 3" in licence
    assert "As a special exception, if you create a document which uses this font" in licence
    assert "modified version" in licence and "tools/convert_fonts.py" in licence
    ofl = (fonts.FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "LXGW" in ofl and "FandolFang-LICENSE.txt" in ofl


# ------------------------------------------------------------------------------------ DOCX


@pytest.fixture(scope="module")
def docx_parts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    folder = tmp_path_factory.mktemp("faces-docx")
    content = content_io.load(FIXTURE)
    out: dict[str, dict[str, str]] = {}
    for lang in ("zh", "en", "bilingual"):
        path = folder / f"brief.{lang}.docx"
        write_docx(layout(content, lang), path)  # type: ignore[arg-type]
        with zipfile.ZipFile(path) as archive:
            out[lang] = {name: archive.read(f"word/{name}.xml").decode("utf-8")
                         for name in ("styles", "document", "fontTable")}
    return out


def style(styles: str, name: str) -> object:
    root = fromstring(styles.encode("utf-8"))
    for element in root.iter(f"{W}style"):
        title = element.find(f"{W}name")
        # python-docx keeps Word's lower-case names of the built-in styles (heading 1)
        if title is not None and title.get(f"{W}val").lower() == name.lower():
            return element
    raise AssertionError(f"no style {name!r}")


def east_asian(element: object) -> str | None:
    fonts_element = element.find(f"{W}rPr/{W}rFonts")  # type: ignore[attr-defined]
    return None if fonts_element is None else fonts_element.get(f"{W}eastAsia")


def bold(element: object) -> bool:
    b = element.find(f"{W}rPr/{W}b")  # type: ignore[attr-defined]
    return b is not None and b.get(f"{W}val") != "0"


def test_the_chinese_styles_name_the_faces_of_government_pcs(docx_parts: dict[str, dict[str, str]]) -> None:
    styles = docx_parts["zh"]["styles"]
    for name, face in (("Body Text", "仿宋_GB2312"), ("Statement", "仿宋_GB2312"),
                       ("Heading 1", "黑体"), ("Heading 2", "楷体_GB2312"),
                       ("Title", "方正小标宋简体"), ("Table Heading", "黑体"),
                       ("Footer", "Noto Serif CJK SC")):
        assert east_asian(style(styles, name)) == face, name
    # 楷体 headings and the 小标宋 title are not made bold; 黑体 headings are bold
    assert not bold(style(styles, "Heading 2")) and not bold(style(styles, "Title"))
    assert bold(style(styles, "Heading 1"))
    # an English second-level heading is bold serif; the bilingual edition's Chinese in it
    # names the 楷体 character style, which is never bold (as in the PDF)
    assert bold(style(docx_parts["en"]["styles"], "Heading 2"))
    kai = style(docx_parts["bilingual"]["styles"], "Chinese Subheading Text")
    assert east_asian(kai) == "楷体_GB2312"
    assert kai.find(f"{W}rPr/{W}b").get(f"{W}val") == "0"  # type: ignore[attr-defined]


def test_the_font_table_gives_each_face_its_alternates(docx_parts: dict[str, dict[str, str]]) -> None:
    table = fromstring(docx_parts["zh"]["fontTable"].encode("utf-8"))
    alternates = {
        f.get(f"{W}name"): f.find(f"{W}altName").get(f"{W}val").split(",")
        for f in table.iter(f"{W}font") if f.find(f"{W}altName") is not None
    }
    # the Windows name first, then the open face the PDF is drawn with
    assert alternates["仿宋_GB2312"] == ["仿宋", "FangSong", "FandolFang"]
    assert alternates["楷体_GB2312"] == ["楷体", "KaiTi", "LXGW WenKai", "Doctool Kai"]
    assert alternates["黑体"] == ["SimHei", "Noto Sans CJK SC"]
    assert alternates["方正小标宋简体"][-1] == "Noto Serif CJK SC"
    for face in ("仿宋_GB2312", "楷体_GB2312", "黑体", "方正小标宋简体"):
        charset = next(f for f in table.iter(f"{W}font") if f.get(f"{W}name") == face)
        assert charset.find(f"{W}charset").get(f"{W}val") == "86"  # GB 2312


@pytest.mark.parametrize("lang", ["zh", "en", "bilingual"])
def test_no_run_names_a_face_or_carries_a_hint(docx_parts: dict[str, dict[str, str]], lang: str) -> None:
    body = docx_parts[lang]["document"]
    runs = re.findall(r"<w:r>.*?</w:r>", body, flags=re.S)
    assert len(runs) > 50
    # the styles set every face and hint; a run names a character style at most
    assert [r for r in runs if "<w:rFonts" in r] == []
    assert body.count("<w:rFonts") == 0 and "w:hint" not in body


@pytest.mark.parametrize("lang", ["zh", "bilingual"])
def test_bold_chinese_text_names_the_hei_character_style(tmp_path: Path, lang: str) -> None:
    # as in the PDF: there is no bold 仿宋, so bold Chinese in running text is 黑体
    blocks = (Paragraph((Run(BOLD, "zh", bold=True), Run(BODY, "zh"))),)
    brief = Brief(lang, Metadata("简报", "测试", "简报", "zh-CN", ()),  # type: ignore[arg-type]
                  Furniture("简报", "zh", False), blocks)
    path = tmp_path / "bold.docx"
    write_docx(brief, path)
    with zipfile.ZipFile(path) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
        body = archive.read("word/document.xml").decode("utf-8")
    hei = style(styles, "Chinese Heading Text")
    assert east_asian(hei) == "黑体"
    style_id = hei.get(f"{W}styleId")  # type: ignore[attr-defined]
    run = next(r for r in re.findall(r"<w:r>.*?</w:r>", body, flags=re.S) if BOLD in r)
    assert f'<w:rStyle w:val="{style_id}"/>' in run and "<w:b/>" in run
    plain = next(r for r in re.findall(r"<w:r>.*?</w:r>", body, flags=re.S) if BODY in r)
    assert "<w:b/>" not in plain


@pytest.mark.parametrize("lang", ["zh", "en", "bilingual"])
def test_borders_and_the_header_fill_are_the_table_styles(
    docx_parts: dict[str, dict[str, str]], lang: str
) -> None:
    styles, body = docx_parts[lang]["styles"], docx_parts[lang]["document"]
    grid = style(styles, "Brief Grid")
    assert grid.find(f"{W}tblPr/{W}tblBorders/{W}insideH").get(f"{W}val") == "single"  # type: ignore[attr-defined]
    first = grid.find(f"{W}tblStylePr[@{W}type='firstRow']/{W}tcPr/{W}shd")  # type: ignore[attr-defined]
    assert first is not None and first.get(f"{W}fill") == "EDEDED"
    assert "<w:tbl>" in body
    # tables turn the first-row look on and carry no borders or fill of their own
    assert body.count('w:firstRow="1"') == body.count("<w:tbl>")
    assert "<w:tblBorders" not in body and "<w:tcBorders" not in body
    tcprs = re.findall(r"<w:tcPr>.*?</w:tcPr>", body, flags=re.S)
    assert tcprs and not any("<w:shd" in tcpr for tcpr in tcprs)


def gb2312_hanzi() -> str:
    """The 6,763 Chinese characters of GB 2312 (rows 16-87), decoded from the standard's codes."""
    chars = []
    for row in range(0xB0, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # the five unassigned cells at the end of row 55
    return "".join(chars)


def test_fangsong_draws_all_of_gb2312() -> None:
    hanzi = gb2312_hanzi()
    assert len(hanzi) == 6763
    assert fonts.missing_glyphs(hanzi, fonts.FANG_SC) == []


@pytest.mark.parametrize("face", [fonts.FANG_SC, fonts.KAI_SC])
def test_every_ideograph_the_text_faces_lack_comes_from_the_serif_cjk_face(face: str) -> None:
    ideographs = "".join(chr(c) for c in range(0x4E00, 0x9FEB))
    runs = fonts.font_runs(ideographs, face)
    assert "".join(r.text for r in runs) == ideographs  # nothing dropped, nothing raised
    assert {r.font for r in runs} <= {face, fonts.SERIF_SC}
    borrowed = "".join(r.text for r in runs if r.font != face)
    assert fonts.missing_glyphs(borrowed, fonts.SERIF_SC) == []
    assert set(fonts.missing_glyphs(ideographs, face)) == set(borrowed)
