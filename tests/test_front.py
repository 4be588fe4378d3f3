"""The front and back of a pack as a reader sees them: masthead, contents, colophon, 报尾."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from doctool import content_io
from doctool.cli import main
from doctool.extract import extract
from doctool.render.front_matter import source_line
from doctool.settings import DEFAULT, load_settings
from tests.conftest import FIXTURES, REPORTS, ROOT, SAMPLE, Run
from tests.pdftext import page_texts

HOUSE = FIXTURES / "house" / "doctool.toml"
#: a contents line: the heading's text, then (after a drawn leader) the page
_ENTRY = re.compile(r"^(?P<text>.+?)\s+(?P<page>\d+)$")


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built once with the fixture's house settings."""
    work = tmp_path_factory.mktemp("front")
    shutil.copytree(ROOT / "glossary", work / "glossary")
    code = main(["build", str(SAMPLE), "--out", str(work / "out"), "--engine", "memory",
                 "--glossary", str(work / "glossary"), "--settings", str(HOUSE), "-q"])
    assert code == 0
    return work / "out" / SAMPLE.stem


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(("lang", "fields"), [
    ("zh", ["内部资料", "发展研究简报", "第7期", "市发展研究中心", "2025年1月6日"]),
    ("en", ["For internal use", "Development Research Brief", "No. 7",
            "Municipal Development Research Centre", "6 January 2025"]),
])
def test_the_first_page_carries_the_masthead(pack: Path, lang: str, fields: list[str]) -> None:
    first = page_texts(pack / f"brief.{lang}.pdf")[0]
    lines = [line.strip() for line in first.splitlines() if line.strip()]
    # the classification line first, then the name, the issue, the office and the date
    positions = [next(i for i, line in enumerate(lines) if field in line) for field in fields]
    assert positions == sorted(positions)
    # how the pack was made is for the colophon, not the cover
    assert "语种" not in first and "译文情况" not in first
    assert "Translation" not in first and "translation memory" not in first


@pytest.mark.parametrize("lang", ["zh", "en", "bilingual"])
def test_contents_pages_are_where_the_headings_are(pack: Path, lang: str) -> None:
    pages = page_texts(pack / f"brief.{lang}.pdf")
    title = "Contents" if lang == "en" else "目　录"
    # the contents is on the first page, or the second when the cover fills the first
    front = next(page for page in pages[:2] if title in page)
    after = front[front.index(title) + len(title):]
    entries = [m for line in after.splitlines() if (m := _ENTRY.match(line.strip()))]
    assert len(entries) >= 5
    for entry in entries:
        text, page = entry["text"].rstrip("…"), int(entry["page"])
        assert 1 < page <= len(pages)
        # the heading (its start, if the entry is shortened) is on the page the entry names
        assert _squash(text)[:12] in _squash(pages[page - 1]), (text, page)


def test_contents_entries_link_to_their_headings(pack: Path) -> None:
    reader = PdfReader(pack / "brief.zh.pdf")
    links = [a.get_object() for a in reader.pages[0].get("/Annots", [])]
    assert sum(1 for a in links if a.get("/Subtype") == "/Link") >= 5


@pytest.mark.parametrize("lang", ["zh", "en", "bilingual"])
def test_the_last_page_carries_the_imprint(pack: Path, lang: str) -> None:
    last = page_texts(pack / f"brief.{lang}.pdf")[-1]
    if lang == "en":
        expected = ["To: General Office of the Municipal Committee",
                    "Copy: District and county governments", "Contact: Li Ming",
                    "Municipal Development Research Centre", "Issued 6 January 2025"]
    else:
        expected = ["报送：市委办公厅，市政府办公厅。", "抄送：各区县政府。", "联系人：李明",
                    "市发展研究中心", "2025年1月6日印发"]
    for line in expected:
        assert _squash(line) in _squash(last)
    # the colophon says how the pack was made
    assert "doctool " in last


def test_docx_has_a_toc_field_with_linked_headings(pack: Path) -> None:
    with zipfile.ZipFile(pack / "brief.zh.docx") as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    assert re.search(r'<w:instrText[^>]*> TOC \\o "1-2" \\h', body)
    anchors = re.findall(r'<w:hyperlink w:anchor="([^"]+)"', body)
    bookmarks = set(re.findall(r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)"', body))
    assert len(anchors) >= 5 and set(anchors) <= bookmarks
    # the cached result lists the headings, so the contents is not empty before an update
    field = body[body.index("TOC \\o"):body.index('w:fldCharType="end"', body.index("TOC \\o"))]
    assert "主要目标" in field and "附录" in field
    assert "报送：" in body and "2025年1月6日印发" in body


@pytest.mark.parametrize("name", ["brief.zh.pdf", "brief.en.pdf", "brief.zh.docx", "brief.en.docx"])
def test_author_is_the_compiling_office(pack: Path, name: str) -> None:
    office = "市发展研究中心" if ".zh." in name else "Municipal Development Research Centre"
    if name.endswith(".pdf"):
        assert PdfReader(pack / name).metadata.author == office
    else:
        with zipfile.ZipFile(pack / name) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8")
        assert f"<dc:creator>{office}</dc:creator>" in core


def test_draft_notice_gives_the_count_qa_gives(cli: Callable[..., Run], workdir: Path) -> None:
    source = REPORTS / "inspection-tour.txt"
    assert cli("build", source, "--out", workdir / "out", "--engine", "memory").code == 0
    folder = workdir / "out" / source.stem
    qa = json.loads((folder / "qa.json").read_text("utf-8"))
    first = page_texts(folder / "brief.en.pdf")[0]
    counts = re.findall(r"untranslated sentences: (\d+) of (\d+)", " ".join(first.split()))
    assert counts == [(str(qa["untranslated"]), str(qa["segments"]))]
    colophon = " ".join(page_texts(folder / "brief.en.pdf")[-1].split())
    assert f"{qa['untranslated']} untranslated" in colophon


def test_settings_are_found_in_the_project_folder(cli: Callable[..., Run], workdir: Path) -> None:
    shutil.copy(HOUSE, workdir / "doctool.toml")
    source = REPORTS / "inspection-tour.txt"
    assert cli("build", source, "--out", workdir / "out", "--engine", "memory").code == 0
    first = page_texts(workdir / "out" / source.stem / "brief.zh.pdf")[0]
    assert "发展研究简报" in first and "第7期" in first


@pytest.mark.parametrize(("text", "names"), [
    ("issue = 3\n[zh]\nnmae = \"简报\"\n", ["zh.nmae", "unknown key"]),
    ("issue = \"twelve\"\n", ["issue", "whole number"]),
    ("date = \"2024-12-24\"\n", ["date", "TOML date"]),
    ("[zh]\nsend_to = \"市委办公厅\"\n", ["zh.send_to", "array of strings"]),
    ("issue = \n", ["not valid TOML"]),
])
def test_bad_settings_are_one_line_and_nothing_written(
    cli: Callable[..., Run], workdir: Path, text: str, names: list[str]
) -> None:
    settings = workdir / "bad.toml"
    settings.write_text(text, "utf-8")
    result = cli("build", SAMPLE, "--out", workdir / "out", "--engine", "memory",
                 "--settings", settings)
    assert result.code == 10
    message = result.err.strip()
    assert "\n" not in message and "Traceback" not in message
    assert str(settings) in message and all(n in message for n in names)
    assert not (workdir / "out").exists()


def test_missing_settings_file_is_an_error(cli: Callable[..., Run], workdir: Path) -> None:
    result = cli("build", SAMPLE, "--out", workdir / "out", "--settings", workdir / "nope.toml")
    assert result.code == 10 and "--settings" in result.err and "no such file" in result.err


def test_english_wording_left_out_reads_as_the_chinese(tmp_path: Path) -> None:
    path = tmp_path / "doctool.toml"
    path.write_text('[zh]\nname = "经济工作简报"\noffice = "某办公室"\n[en]\nname = "Brief"\n', "utf-8")
    house = load_settings(path)
    assert house.en.name == "Brief" and house.en.office == "某办公室"
    assert not house.has_imprint
    assert load_settings(None) == DEFAULT


def test_the_example_settings_load() -> None:
    house = load_settings(ROOT / "doctool.toml")
    assert house.zh.name and house.en.name and house.has_imprint


def test_source_line_on_the_cover_names_publication_and_page(pack: Path) -> None:
    # the sample's second part is marked <<上接1版: the report starts on page 1
    first = page_texts(pack / "brief.zh.pdf")[0]
    assert "《新重庆-重庆日报》第1版" in _squash(first)
    assert "NewChongqing–ChongqingDaily,page1" in _squash(page_texts(pack / "brief.en.pdf")[0])


def test_front_matter_gives_the_source_its_date_and_page(tmp_path: Path) -> None:
    text = ("光明日报 2020年05月24日 星期日 第01版\n来源：光明日报\n江城召开经济工作会议\n\n"
            "12月23日，江城召开市委经济工作会议。会议强调，全年经济增长8%。\n")
    content = extract(text)
    source = content.meeting.source
    assert (source.published, source.page) == (dt.date(2020, 5, 24), "1")
    assert source_line(content.meeting, "zh") == "《光明日报》2020年5月24日 第1版"
    assert source_line(content.meeting, "en") == "光明日报, 24 May 2020, page 1"
    # the content file keeps them, and a file without them reads as before
    path = tmp_path / "content.yaml"
    content_io.save(content, path)
    assert content_io.load(path).meeting.source == source
    older = content_io.load(FIXTURES / "render" / "small-meeting.yaml").meeting.source
    assert older.published is None and older.page == ""


def test_render_takes_the_settings_too(cli: Callable[..., Run], tmp_path: Path) -> None:
    content = tmp_path / "content.yaml"
    shutil.copy(FIXTURES / "render" / "small-meeting.yaml", content)
    out = tmp_path / "brief.zh.pdf"
    result = cli("render", content, "--lang", "zh", "-o", out, "--settings", HOUSE)
    assert result.code == 0, result.err
    pages = page_texts(out)
    assert "发展研究简报" in pages[0] and "2025年1月6日" in pages[0]
    assert "报送：" in _squash(pages[-1])
