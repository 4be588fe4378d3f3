"""Bad and hostile reports through ``doctool build``: correct output or a clear refusal.

A refusal is one line on standard error that says what to do, with the exit status of its error
family, no traceback, no output file, and no change to a good pack or glossary already there.
Every test here starts from such a pack (``project``) and compares its bytes afterwards.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import unescape

import pytest

from doctool import content_io
from doctool.cli import main
from doctool.extract.reader import MAX_SOURCE_BYTES
from doctool.model import Content
from tests.conftest import BAD, FIXTURES, REPORTS, ROOT, Run
from tests.pdftext import page_texts

#: the report every project is built from; its slug names the pack folder
REPORT = REPORTS / "inspection-tour.txt"
MEMORY_ONLY = ("--engine", "memory")


@pytest.fixture(scope="module")
def good_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with a glossary, ``report.txt`` and its complete pack in ``out/report``, built once."""
    work = tmp_path_factory.mktemp("good")
    shutil.copytree(ROOT / "glossary", work / "glossary")
    shutil.copy(REPORT, work / "report.txt")
    code = main(["-q", "build", str(work / "report.txt"), "--out", str(work / "out"),
                 "--glossary", str(work / "glossary"), *MEMORY_ONLY])
    assert code == 0
    return work


@pytest.fixture
def project(good_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the good project, made the current folder."""
    copy = tmp_path / "project"
    shutil.copytree(good_project, copy)
    monkeypatch.chdir(copy)
    return copy


def snapshot(*folders: Path) -> dict[str, bytes]:
    """Every file under ``folders`` (hidden ones included), by path, with its bytes."""
    return {
        str(path): path.read_bytes()
        for folder in folders
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def guarded(project: Path) -> dict[str, bytes]:
    """What a failing run must leave alone: the pack and the glossary."""
    return snapshot(project / "out", project / "glossary")


def assert_refused(result: Run, code: int, *needles: str) -> None:
    """One ``doctool: error:`` line, no traceback, the family's exit status, the given words."""
    assert result.code == code, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("doctool: error: "), result.err
    assert "Traceback" not in result.err
    for needle in needles:
        assert needle in result.err, (needle, result.err)


def build(cli: Callable[..., Run], source: str | Path = "report.txt", *args: str | Path) -> Run:
    """``doctool build SOURCE --out out`` with the memory only (no model is ever used)."""
    return cli("build", source, "--out", "out", *MEMORY_ONLY, *args)


def segments(content: Content) -> list[str]:
    """The Chinese of every segment, in order."""
    return [segment.zh for segment in content.segments()]


def pdf_text(path: Path) -> str:
    """The extracted text of every page of a PDF."""
    return "\n".join(page_texts(path))


def docx_text(path: Path) -> str:
    """The text of a DOCX body with XML escapes undone."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    return unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)), {"&quot;": '"'})


# --- reports that cannot be read ---------------------------------------------------------------


def _five_megabytes() -> bytes:
    # fixture paragraphs repeated: real report text, far more of it than any report
    paragraphs = [p for p in REPORT.read_text("utf-8").split("\n\n") if p.strip()]
    text = "\n\n".join(paragraphs)
    return ((text + "\n\n") * (5 * 1024 * 1024 // len(text.encode()) + 1)).encode("utf-8")


UNREADABLE: dict[str, tuple[Callable[[], bytes], str]] = {
    "empty": (lambda: (BAD / "empty.txt").read_bytes(), "is empty"),
    "blank": (lambda: (BAD / "blank.txt").read_bytes(), "blank"),
    "binary": (lambda: (BAD / "binary.bin").read_bytes(), "binary"),
    "truncated-utf8": (lambda: (BAD / "truncated-utf8.txt").read_bytes(), "truncated UTF-8"),
    "invalid-utf8": (lambda: REPORT.read_bytes()[:200] + b"\xff\xfe\xfa" + REPORT.read_bytes()[200:],
                     "invalid UTF-8"),
    "no-chinese": (lambda: (BAD / "no-chinese.txt").read_bytes(), "no Chinese"),
    "five-megabytes": (_five_megabytes, "split the file"),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_unreadable_report_is_refused_and_the_pack_kept(
    cli: Callable[..., Run], project: Path, case: str
) -> None:
    """Empty, blank, binary, broken, foreign and oversized reports: exit 3, pack untouched."""
    make, needle = UNREADABLE[case]
    before = guarded(project)
    # the bad report takes the good one's name, so a build would overwrite the good pack
    (project / "report.txt").write_bytes(make())
    assert_refused(build(cli), 3, needle)
    assert guarded(project) == before


def test_a_five_megabyte_report_is_refused_at_once(cli: Callable[..., Run], project: Path) -> None:
    """A report over the size limit is refused before any work, with its size."""
    (project / "big.txt").write_bytes(_five_megabytes())
    started = time.monotonic()
    result = build(cli, "big.txt")
    # a pack takes about a minute per megabyte to build; the refusal must not wait for that
    assert time.monotonic() - started < 5
    assert_refused(result, 3, "5.0 MB", f"{MAX_SOURCE_BYTES // 1024 // 1024} MB")
    assert not (project / "out" / "big").exists()


def test_a_missing_source_is_exit_3(cli: Callable[..., Run], project: Path) -> None:
    """A source path that does not exist: exit 3 naming it."""
    before = guarded(project)
    assert_refused(build(cli, "nowhere/report.txt"), 3, "nowhere/report.txt", "no such file")
    assert guarded(project) == before


def test_a_folder_as_source_is_exit_3(cli: Callable[..., Run], project: Path) -> None:
    """A folder given as the source is refused as unreadable input."""
    assert_refused(build(cli, "glossary"), 3, "is a folder")


# --- encodings and line endings that must work ----------------------------------------------

ENCODINGS: dict[str, Callable[[str], bytes]] = {
    "gb18030": lambda text: text.encode("gb18030"),
    "utf-16-bom": lambda text: text.encode("utf-16"),  # Python writes the BOM for "utf-16"
    "utf-8-bom": lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
    "crlf": lambda text: text.replace("\n", "\r\n").encode("utf-8"),
}


@pytest.mark.parametrize("encoding", sorted(ENCODINGS))
def test_other_encodings_build_the_same_content(
    cli: Callable[..., Run], project: Path, encoding: str
) -> None:
    """GB18030, UTF-16 with BOM, UTF-8 with BOM and CRLF build, with the UTF-8 report's segments."""
    source = project / f"{encoding}.txt"
    source.write_bytes(ENCODINGS[encoding](REPORT.read_text("utf-8")))
    result = build(cli, source.name)
    assert result.code == 0, result.err
    folder = project / "out" / encoding
    for name in ("content.yaml", "qa.json", *(f"brief.{lang}.{fmt}" for lang in ("zh", "en", "bilingual")
                                               for fmt in ("docx", "pdf"))):
        assert (folder / name).stat().st_size > 0, name
    expected = content_io.load(project / "out" / "report" / "content.yaml")
    assert segments(content_io.load(folder / "content.yaml")) == segments(expected)


def test_an_html_page_builds_without_its_markup(cli: Callable[..., Run], project: Path) -> None:
    """An HTML page saved as text builds; no tag, attribute, entity or script text gets in."""
    shutil.copy(BAD / "report.html", project / "page.html")
    result = build(cli, "page.html")
    assert result.code == 0, result.err
    content = content_io.load(project / "out" / "page" / "content.yaml")
    assert content.meeting.title.zh == "凝心聚力稳增长 奋楫笃行谱新篇"
    text = "\n".join([*segments(content), content.meeting.title.zh, content.meeting.event.zh])
    assert "县委书记杜明远在会上强调，要坚持“稳”字当头" in text
    for leak in ("<", ">", "&nbsp;", "&ldquo;", "&amp;", "href", "class=", "pageId", "console.log",
                 "meeting.jpg", "stylesheet"):
        assert leak not in text, leak
    # page chrome is not report text: navigation, footer, publishing details
    for chrome in ("首页", "版权所有", "来源：", "发布时间"):
        assert chrome not in text, chrome
    # what the reader needs from the page is found as in a text report
    assert content.meeting.date is not None and content.meeting.date.isoformat() == "2024-12-25"
    assert "<p" not in pdf_text(project / "out" / "page" / "brief.zh.pdf")


# --- text that looks like markup, and characters fonts may lack -------------------------------


@pytest.fixture
def markup_pack(cli: Callable[..., Run], project: Path) -> Path:
    """The markup fixture without its emoji (which no bundled font has), built."""
    text = (BAD / "markup.txt").read_text("utf-8").replace("😀", "")
    (project / "markup.txt").write_text(text, "utf-8")
    result = build(cli, "markup.txt")
    assert result.code == 0, result.err
    return project / "out" / "markup"


LITERALS = ('<img src="/etc/passwd">', "<b>粗体</b>", '<font color="red">会议强调</font>',
            "<1亿元", "R&D", "x<y", "a>b", "&amp;与&lt;原样保留", "<br/>")


def test_markup_in_a_report_is_printed_literally_in_the_pdf(markup_pack: Path) -> None:
    """``<``, ``&`` and tags come out as text in the PDF; no local file is embedded."""
    # the literal may be broken over lines, so compare without line breaks and spaces
    flat = re.sub(r"\s+", "", pdf_text(markup_pack / "brief.zh.pdf"))
    for literal in LITERALS:
        assert re.sub(r"\s+", "", literal) in flat, literal
    raw = (markup_pack / "brief.zh.pdf").read_bytes()
    passwd = Path("/etc/passwd")
    if passwd.is_file():
        first = passwd.read_text("utf-8", errors="replace").splitlines()[0]
        assert first.encode() not in raw
    # an <img> interpreted as markup would have become an image XObject
    assert b"/Subtype /Image" not in raw and b"/Subtype/Image" not in raw


def test_markup_in_a_report_is_printed_literally_in_the_docx(markup_pack: Path) -> None:
    """The DOCX carries the same literals as text, and no image part."""
    text = docx_text(markup_pack / "brief.zh.docx")
    for literal in LITERALS:
        assert literal in text, literal
    with zipfile.ZipFile(markup_pack / "brief.zh.docx") as archive:
        assert not [name for name in archive.namelist() if name.startswith("word/media/")]


def test_rare_cjk_characters_are_drawn_not_dropped(markup_pack: Path) -> None:
    """𠮷 (U+20BB7, beyond the BMP) and 镕 have real glyphs in a bundled font and reach the PDF."""
    from fontTools.ttLib import TTFont

    from doctool.render import fonts

    for char in ("𠮷", "镕"):
        font = fonts.font_for(char, fonts.SERIF_SC)
        assert font is not None, char
        with TTFont(fonts.font_path(font), lazy=True) as face:
            glyph = face["glyf"][face.getBestCmap()[ord(char)]]
            # a glyph with no contours would draw nothing
            assert glyph.numberOfContours != 0, char
    text = pdf_text(markup_pack / "brief.zh.pdf")
    assert "𠮷祥里" in text and "陈镕" in text
    assert "𠮷祥里" in docx_text(markup_pack / "brief.zh.docx")


def test_an_emoji_no_font_has_is_refused_naming_it(cli: Callable[..., Run], project: Path) -> None:
    """A character no bundled font can draw: exit 7 naming it, its code point and line; nothing written."""
    before = guarded(project)
    shutil.copy(BAD / "markup.txt", project / "report.txt")
    assert_refused(build(cli), 7, "'😀'", "U+1F600", "report.txt:5")
    assert guarded(project) == before


# --- a report of one very long line -------------------------------------------------------


def _one_line(length: int) -> str:
    text = re.sub(r"\s+", "", REPORT.read_text("utf-8"))
    return (text * (length // len(text) + 1))[:length]


def test_a_report_on_one_line_is_split_into_sentences(cli: Callable[..., Run], project: Path) -> None:
    """100,000 characters without a line break: body text, split into sentences, quickly."""
    (project / "line.txt").write_text(_one_line(100_000), "utf-8")
    started = time.monotonic()
    result = cli("extract", "line.txt", "-o", "line.yaml")
    assert result.code == 0, result.err
    assert time.monotonic() - started < 30
    content = content_io.load(project / "line.yaml")
    # not one 100,000-character headline: no title, and the text is in sentences
    assert content.meeting.title.zh == ""
    found = segments(content)
    assert len(found) > 500
    assert "".join(found) == _one_line(100_000)


def test_an_unclosed_quotation_mark_does_not_swallow_the_report(
    cli: Callable[..., Run], project: Path
) -> None:
    """A stray “ that nothing closes: the sentences after it are still split."""
    plain = _one_line(20_000)
    (project / "plain.txt").write_text(plain, "utf-8")
    (project / "stray.txt").write_text("“" + plain, "utf-8")
    for name in ("plain", "stray"):
        assert cli("extract", f"{name}.txt", "-o", f"{name}.yaml").code == 0
    plain_segments = segments(content_io.load(project / "plain.yaml"))
    stray_segments = segments(content_io.load(project / "stray.yaml"))
    assert len(stray_segments) == len(plain_segments)
    assert stray_segments[0] == "“" + plain_segments[0]


def test_text_without_full_stops_is_cut_into_bounded_segments(
    cli: Callable[..., Run], project: Path
) -> None:
    """100,000 characters with no sentence end: segments of at most 500, cut after commas, nothing lost."""
    text = re.sub(r"[。！？；]", "，", _one_line(100_000))
    (project / "commas.txt").write_text(text, "utf-8")
    started = time.monotonic()
    assert cli("extract", "commas.txt", "-o", "commas.yaml").code == 0
    assert time.monotonic() - started < 30
    found = segments(content_io.load(project / "commas.yaml"))
    assert "".join(found) == text
    assert max(len(s) for s in found) <= 500
    assert all(s[-1] in "，、：" for s in found[:-1])


def test_line_breaking_a_very_long_paragraph_is_linear(monkeypatch: pytest.MonkeyPatch) -> None:
    """A paragraph over hundreds of pages is broken into lines once, not once per page."""
    from doctool.render import kinsoku, pdf_writer
    from doctool.render.brief import Brief, Furniture, Metadata, Paragraph, Run

    seen = 0
    clusters = kinsoku._clusters

    def counting(text: str) -> list[kinsoku._Cluster]:
        nonlocal seen
        seen += len(text)
        return clusters(text)

    monkeypatch.setattr(kinsoku, "_clusters", counting)
    text = _one_line(100_000)
    brief = Brief(
        lang="zh", metadata=Metadata(title="t", author="", subject="", keywords=(), language="zh-CN"),
        furniture=Furniture(header="", page_numbers="zh", draft=False),
        blocks=(Paragraph((Run(text, "zh"),)),),
    )
    assert pdf_writer.render_pdf(brief).startswith(b"%PDF")
    # one pass over the text (and a few lines more at page breaks); a fresh layout of the rest
    # of the paragraph after each of its ~170 pages would be some eighty times the text
    assert seen < 3 * len(text)


@pytest.mark.slow
def test_a_report_on_one_line_builds(cli: Callable[..., Run], project: Path) -> None:
    """The whole pack of a 100,000-character single-line report builds in reasonable time."""
    (project / "line.txt").write_text(_one_line(100_000), "utf-8")
    started = time.monotonic()
    result = build(cli, "line.txt")
    assert result.code == 0, result.err
    assert time.monotonic() - started < 180
    assert (project / "out" / "line" / "brief.bilingual.pdf").stat().st_size > 0


# --- glossary and memory ---------------------------------------------------------------------

BROKEN_GLOSSARIES = {
    "bad-glossary-duplicate": ("terms.tsv:4", "listed twice"),
    "bad-glossary-conflict": ("terms.tsv:4", "two renderings"),
    "bad-glossary-empty-cell": ("terms.tsv:3", "no English"),
    "bad-glossary-comma": ("terms.tsv:1", "comma-separated"),
    "bad-glossary-semicolon": ("terms.tsv:1", "semicolon-separated"),
}


@pytest.mark.parametrize("fixture", sorted(BROKEN_GLOSSARIES))
def test_a_broken_term_base_is_refused_naming_file_and_line(
    cli: Callable[..., Run], project: Path, fixture: str
) -> None:
    """Duplicate rows, conflicting renderings, empty cells, other delimiters: exit 5 at file:line."""
    before = guarded(project)
    result = build(cli, "report.txt", "--glossary", FIXTURES / fixture)
    assert_refused(result, 5, *BROKEN_GLOSSARIES[fixture])
    assert guarded(project) == before


def test_a_term_base_with_a_bom_builds(cli: Callable[..., Run], project: Path) -> None:
    """A UTF-8 byte-order mark at the start of terms.tsv is accepted."""
    shutil.copy(REPORT, project / "bom.txt")
    result = build(cli, "bom.txt", "--glossary", FIXTURES / "glossary-bom")
    assert result.code == 0, result.err
    assert (project / "out" / "bom" / "brief.en.pdf").is_file()


#: a file whose contents must never show up anywhere: an XML parser expanding an external
#: entity would read it
SECRET = "doctool-secret-7f3a9c"

HOSTILE_MEMORIES = {
    "csv-renamed": ("zh,en\n重庆,Chongqing\n", "not well-formed XML"),
    "external-entity": (
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY s SYSTEM "file://{secret}">]>\n'
        '<tmx version="1.4"><header srclang="zh-CN"/><body><tu>'
        '<tuv xml:lang="zh-CN"><seg>重庆</seg></tuv><tuv xml:lang="en"><seg>&s;</seg></tuv>'
        "</tu></body></tmx>\n",
        "DTD or entities",
    ),
    "external-dtd": (
        '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "file://{secret}">\n'
        '<tmx version="1.4"><header srclang="zh-CN"/><body/></tmx>\n',
        "DTD or entities",
    ),
    "billion-laughs": (
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "ha">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
        + ']>\n<tmx version="1.4"><header srclang="zh-CN"/><body><tu>'
        '<tuv xml:lang="zh-CN"><seg>重庆</seg></tuv><tuv xml:lang="en"><seg>&j;</seg></tuv>'
        "</tu></body></tmx>\n",
        "DTD or entities",
    ),
    "html": ("<html><body><p>重庆</p></body></html>\n", "not a TMX file"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_MEMORIES))
def test_a_hostile_or_foreign_memory_is_refused_and_never_expanded(
    cli: Callable[..., Run], project: Path, tmp_path: Path, case: str
) -> None:
    """A memory that is not TMX, or declares entities or a DTD: exit 5, no entity read or expanded."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, "utf-8")
    template, needle = HOSTILE_MEMORIES[case]
    (project / "glossary" / "memory.tmx").write_text(template.replace("{secret}", str(secret)), "utf-8")
    before = guarded(project)
    started = time.monotonic()
    result = build(cli)
    assert time.monotonic() - started < 20  # an expansion would take minutes and gigabytes
    assert_refused(result, 5, "memory.tmx", needle)
    assert SECRET not in result.err + result.out
    assert guarded(project) == before


HOSTILE_TBX = {
    "external-file": (
        '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY s SYSTEM "file://{secret}">]>\n'
        '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">'
        '<text><body><conceptEntry id="c1">'
        '<langSec xml:lang="zh-CN"><termSec><term>重庆</term></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term>&s;</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>\n"
    ),
    "parameter-entity": (
        '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>\n'
        '<tbx type="TBX-Basic" style="dca" xmlns="urn:iso:std:iso:30042:ed-2"><text><body/></text></tbx>\n'
    ),
    "billion-laughs": (
        '<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY a "ha">'
        + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
        + ']>\n<tbx type="TBX-Basic" style="dca" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
        '<conceptEntry id="c1"><langSec xml:lang="zh-CN"><termSec><term>重庆</term></termSec></langSec>'
        '<langSec xml:lang="en"><termSec><term>&j;</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>\n"
    ),
}


@pytest.mark.parametrize("case", sorted(HOSTILE_TBX))
def test_glossary_import_of_hostile_tbx_is_refused(
    cli: Callable[..., Run], project: Path, tmp_path: Path, case: str
) -> None:
    """TBX with external entities, parameter entities or nested expansions: exit 5, nothing read."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, "utf-8")
    incoming = tmp_path / "incoming.tbx"
    incoming.write_text(HOSTILE_TBX[case].replace("{secret}", str(secret)), "utf-8")
    before = guarded(project)
    result = cli("glossary", "import", incoming)
    assert_refused(result, 5, "DTD or entities")
    assert SECRET not in result.err + result.out
    assert guarded(project) == before


def _alias_bomb(width: int = 300) -> str:
    """A content file of a few kilobytes whose YAML aliases stand for ``width ** 3`` segments."""
    meeting = ("{title: {zh: 会, en: m}, event: {zh: 会, en: m}, date: 2024-12-23, place: {zh: 渝, en: c}, "
               "source: {publication: {zh: 报, en: p}, reporters: []}, parts: [{number: 1, marker: null}]}")
    segments = "[&g {id: s1.b1.1, zh: 会议, en: meeting, origin: memory}" + ", *g" * (width - 1) + "]"
    blocks = "&bl [&b {id: s1.b1, kind: paragraph, segments: " + segments + "}" + ", *b" * (width - 1) + "]"
    sections = "[{id: s1, part: 1, heading: null, blocks: " + blocks + "}" + "".join(
        f", {{id: s{i}, part: 1, heading: null, blocks: *bl}}" for i in range(2, width + 1)
    ) + "]"
    return (f"schema: doctool.content/1\nmeeting: {meeting}\nspeakers: []\ntargets: []\nprograms: []\n"
            f"sections: {sections}\n")


@pytest.mark.parametrize(
    "command",
    [("check", "bomb.yaml"), ("render", "bomb.yaml", "--lang", "zh", "-o", "bomb.out"),
     ("translate", "bomb.yaml", "-o", "bomb.out")],
    ids=lambda command: command[0],
)
def test_a_content_file_of_yaml_aliases_is_refused_at_once(
    cli: Callable[..., Run], project: Path, command: tuple[str, ...]
) -> None:
    """YAML aliases that expand to millions of segments: exit 4 at once, not a hang."""
    (project / "bomb.yaml").write_text(_alias_bomb(), "utf-8")
    started = time.monotonic()
    result = cli(*command)
    assert time.monotonic() - started < 10
    assert_refused(result, 4, "bomb.yaml:", "alias")
    assert not (project / "bomb.out").exists()


# --- output that cannot be written -----------------------------------------------------------


def test_output_under_a_file_is_exit_8(cli: Callable[..., Run], project: Path) -> None:
    """--out below a path that is a file: exit 8 before any work; nothing changes."""
    (project / "blocker").write_text("not a folder", "utf-8")
    before = guarded(project)
    assert_refused(build(cli, "report.txt", "--out", "blocker/packs"), 8, "blocker", "is a file")
    assert guarded(project) == before
    assert (project / "blocker").read_text("utf-8") == "not a folder"


def test_pack_folder_that_is_a_file_is_exit_8(cli: Callable[..., Run], project: Path) -> None:
    """A file where the pack's folder would go: exit 8, the file kept."""
    shutil.copy(REPORT, project / "taken.txt")
    (project / "out" / "taken").write_text("mine", "utf-8")
    assert_refused(build(cli, "taken.txt"), 8, "is a file")
    assert (project / "out" / "taken").read_text("utf-8") == "mine"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="file permissions do not stop root from writing",
)
def test_read_only_output_folder_is_exit_8(cli: Callable[..., Run], project: Path) -> None:
    """An output folder without write permission: exit 8 and the pack in it unchanged."""
    folder = project / "out" / "report"
    before = guarded(project)
    (project / "report.txt").write_text(REPORT.read_text("utf-8") + "\n会议要求，狠抓落实。\n", "utf-8")
    folder.chmod(0o500)
    try:
        assert_refused(build(cli), 8, str(Path("out") / "report"))
    finally:
        folder.chmod(0o755)
    assert guarded(project) == before


def test_a_folder_in_place_of_a_document_is_exit_8(cli: Callable[..., Run], project: Path) -> None:
    """A folder where a document goes (root can write anywhere, but not over a folder): exit 8."""
    before = guarded(project)
    (project / "report.txt").write_text(REPORT.read_text("utf-8") + "\n会议要求，狠抓落实。\n", "utf-8")
    squatter = project / "out" / "report" / "brief.en.pdf"
    squatter.unlink()
    squatter.mkdir()
    before = {k: v for k, v in before.items() if k != str(squatter)}
    assert_refused(build(cli), 8, "brief.en.pdf", "is a folder")
    assert guarded(project) == before


def test_a_full_disk_while_writing_leaves_the_old_pack(
    cli: Callable[..., Run], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No space left for the fifth file: exit 8, every old file in place, no temporary file left."""
    from doctool import fsutil

    fsync = os.fsync
    calls = 0

    def filling_up(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 5:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        fsync(fd)

    monkeypatch.setattr(fsutil.os, "fsync", filling_up)
    (project / "report.txt").write_text(REPORT.read_text("utf-8") + "\n会议要求，狠抓落实。\n", "utf-8")
    before = guarded(project)
    assert_refused(build(cli), 8, "No space left")
    assert guarded(project) == before
    assert not [p for p in (project / "out").rglob("*") if p.name.endswith(".tmp")]


# --- a failure late in a build ---------------------------------------------------------------


def test_a_render_failure_on_the_fifth_document_leaves_the_old_pack(
    cli: Callable[..., Run], project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every document is rendered before the first is written, so a late failure writes nothing."""
    from doctool.errors import RenderError
    from doctool.render import writers

    pdf = writers.RENDERERS["pdf"]
    calls = 0

    def failing_second_pdf(brief: object, created: object = None) -> bytes:
        nonlocal calls
        calls += 1
        if calls == 2:  # zh, en, bilingual DOCX, then zh PDF: the en PDF is the fifth
            raise RenderError("the en PDF cannot be rendered (simulated); fix it")
        return pdf(brief, created)  # type: ignore[arg-type]

    monkeypatch.setitem(writers.RENDERERS, "pdf", failing_second_pdf)
    # a changed report, so that each new document would differ from the old one
    (project / "report.txt").write_text(REPORT.read_text("utf-8") + "\n会议要求，狠抓落实。\n", "utf-8")
    before = guarded(project)
    assert_refused(build(cli), 7, "simulated")
    assert guarded(project) == before
    assert not [p for p in (project / "out" / "report").iterdir() if p.name.endswith(".tmp")]


# --- exit statuses ---------------------------------------------------------------------------


def test_each_error_family_has_its_own_documented_exit_status(
    cli: Callable[..., Run], project: Path, tmp_path: Path
) -> None:
    """Usage 2, input 3, content 4, glossary 5, model 6, render 7, output 8, as the README says."""
    from doctool import errors

    families = {
        errors.InputError: 3, errors.ContentError: 4, errors.GlossaryError: 5,
        errors.ModelError: 6, errors.RenderError: 7, errors.OutputError: 8,
    }
    assert {cls: cls.exit_code for cls in families} == families
    readme = re.sub(r"\s+", " ", (ROOT / "README.md").read_text("utf-8"))
    for word, status in (("usage", 2), ("unreadable input", 3), ("malformed content", 4),
                         ("broken glossary", 5), ("unsafe MT model", 6), ("rendering problem", 7),
                         ("cannot be written", 8)):
        assert re.search(rf"\b{status} [^;]*{word}", readme), word

    (tmp_path / "bad.yaml").write_text("schema: doctool.content/1\nmeeting: 3\n", "utf-8")
    (tmp_path / "broken.argosmodel").write_bytes(b"PK\x03\x04 not really a zip")
    (project / "emoji.txt").write_text((BAD / "markup.txt").read_text("utf-8"), "utf-8")
    (project / "blocker").write_text("", "utf-8")
    statuses = {
        "usage": cli("build", "--engine", "nonsense", "report.txt").code,
        "input": build(cli, "missing.txt").code,
        "content": cli("render", tmp_path / "bad.yaml", "--lang", "zh").code,
        "glossary": build(cli, "report.txt", "--glossary", FIXTURES / "bad-glossary-duplicate").code,
        "model": cli("models", "--models-dir", tmp_path / "models", "install",
                     tmp_path / "broken.argosmodel").code,
        "render": build(cli, "emoji.txt").code,
        "output": build(cli, "report.txt", "--out", "blocker/out").code,
    }
    assert statuses == {"usage": 2, "input": 3, "content": 4, "glossary": 5, "model": 6,
                        "render": 7, "output": 8}


def test_strict_build_with_gaps_exits_1_after_writing_the_pack(
    cli: Callable[..., Run], project: Path
) -> None:
    """--strict: the pack is written, then exit 1 because segments lack English."""
    shutil.copy(REPORT, project / "strict.txt")
    result = build(cli, "strict.txt", "--strict")
    assert result.code == 1, result.err
    assert "Traceback" not in result.err
    assert (project / "out" / "strict" / "brief.en.pdf").is_file()
