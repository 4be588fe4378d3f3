"""``doctool build`` on the sample: the whole pack, checked as a reader and a reviewer would."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from pypdf import PdfReader

from doctool import content_io
from doctool.cli import main
from doctool.model import Content, Segment
from doctool.render.formatting import english_typography
from tests.conftest import REPORTS, ROOT, SAMPLE, Run, build_pack
from tests.pdftext import fonts as pdf_fonts
from tests.pdftext import lines as pdf_lines
from tests.pdftext import page_texts

DOCUMENTS = [f"brief.{lang}.{fmt}" for lang in ("zh", "en", "bilingual") for fmt in ("docx", "pdf")]
_SPACE = re.compile(r"\s+")
OPENING = "（《「『【“‘"
CLOSING = "，。、；：？！）》」』】”’％"


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample built once, with a copy of the project's glossary."""
    return build_pack(SAMPLE, tmp_path_factory.mktemp("pack"))


@pytest.fixture(scope="module")
def content(pack: Path) -> Content:
    return content_io.load(pack / "content.yaml")


def _squash(text: str) -> str:
    return _SPACE.sub("", text)


def _printed(segment: Segment, lang: str) -> str:
    """A segment as the documents print it: English typeset (curly quotes), Chinese as is."""
    return english_typography(segment.en) if lang == "en" else segment.zh


_PAGE_NUMBER = re.compile(r"^(?:Page \d+ of \d+|— ?\d+ ?—|-\s*\d+\s*-|\d+)$")


def _pdf_text(path: Path) -> str:
    """The text of a PDF without its page furniture (running header, page numbers).

    A sentence that runs over a page break is interrupted by them in the extracted text.
    """
    pages = [text.splitlines() for text in page_texts(path)]
    firsts = [lines[0].strip() for lines in pages[1:] if lines]
    header = max(set(firsts), key=firsts.count) if firsts else None
    kept = [
        line for lines in pages for line in lines
        if line.strip() != header and not _PAGE_NUMBER.match(line.strip())
    ]
    return "\n".join(kept)


def _docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def test_all_documents_and_data_are_written(pack: Path) -> None:
    for name in [*DOCUMENTS, "content.yaml", "qa.json"]:
        assert (pack / name).stat().st_size > 0, name


def test_qa_is_clean_and_all_from_memory(pack: Path) -> None:
    qa = json.loads((pack / "qa.json").read_text("utf-8"))
    assert set(qa) >= {"segments", "untranslated", "origins", "errors", "warnings", "findings"}
    assert qa["errors"] == 0 and qa["untranslated"] == 0
    assert qa["origins"]["memory"] == qa["segments"] == 75


def _present(wanted: str, text: str, pieces: int = 1) -> bool:
    """True when ``wanted`` is in ``text``, whole or in up to ``pieces`` consecutive parts.

    In the bilingual table a row can run over a page break; the extracted text then has the
    first halves of both cells, the page break, and the second halves.
    """
    start = 0
    rest = wanted
    for _ in range(pieces):
        if text.find(rest, start) >= 0:
            return True
        size = next((n for n in range(len(rest) - 1, 3, -1) if text.find(rest[:n], start) >= 0), 0)
        if not size:
            return False
        start = text.find(rest[:size], start) + size
        rest = rest[size:]
    return False


@pytest.mark.parametrize("name", [d for d in DOCUMENTS if d.endswith(".pdf")])
def test_every_segment_is_in_the_pdf_text(pack: Path, content: Content, name: str) -> None:
    text = _squash(_pdf_text(pack / name))
    langs = ("zh", "en") if "bilingual" in name else (name.split(".")[1],)
    for segment in content.segments():
        for lang in langs:
            wanted = _squash(_printed(segment, lang))
            pieces = 2 if "bilingual" in name else 1
            assert _present(wanted, text, pieces), f"{name}: {segment.id} {lang} missing"


@pytest.mark.parametrize("name", [d for d in DOCUMENTS if d.endswith(".docx")])
def test_every_segment_is_in_the_docx(pack: Path, content: Content, name: str) -> None:
    text = _squash(_docx_text(pack / name)).replace("&amp;", "&").replace("&quot;", '"')
    langs = ("zh", "en") if "bilingual" in name else (name.split(".")[1],)
    for segment in content.segments():
        for lang in langs:
            assert _squash(_printed(segment, lang)) in text, f"{name}: {segment.id}"


@pytest.mark.parametrize("name", [d for d in DOCUMENTS if d.endswith(".pdf")])
def test_every_font_is_embedded(pack: Path, name: str) -> None:
    listed = pdf_fonts(pack / name)
    assert listed
    for font in listed:
        assert "Helvetica" not in font.name and "Times" not in font.name, font
        assert font.embedded, font


def test_chinese_pdf_lines_follow_kinsoku(pack: Path) -> None:
    # lines as set on the page, by position: PDFium's own line ends follow the font subsets
    # a line is drawn in, and may part a closing quote from the comma beside it
    texts = [line.text.replace(" ", "") for line in pdf_lines(pack / "brief.zh.pdf", loose=True)]
    assert len(texts) > 200
    bad = [ln for ln in texts if ln and (ln[0] in CLOSING or ln[-1] in OPENING)]
    assert bad == []


def test_pdf_metadata_and_outline(pack: Path) -> None:
    reader = PdfReader(pack / "brief.en.pdf")
    meta = reader.metadata
    assert meta is not None and meta.title and "Chongqing" in meta.title
    assert len(reader.outline) >= 4


@pytest.mark.parametrize(("name", "tag"), [("brief.zh.pdf", "zh-CN"), ("brief.en.pdf", "en-US"),
                                         ("brief.bilingual.pdf", "zh-CN")])
def test_each_pdf_has_one_language_and_its_xmp(pack: Path, name: str, tag: str) -> None:
    reader = PdfReader(pack / name)
    root = reader.trailer["/Root"]
    assert root["/Lang"] == tag
    assert root["/PageMode"] == "/UseOutlines"
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title == {"x-default": reader.metadata.title}
    assert xmp.dc_creator == [reader.metadata.author]
    assert xmp.pdf_producer == reader.metadata.producer


def test_a_pack_built_twice_at_one_epoch_has_the_same_pdfs_dated_then(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SOURCE_DATE_EPOCH dates every PDF, and two builds at one epoch write the same bytes."""
    epoch = 1734940800  # 2024-12-23 08:00:00 UTC
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    packs = []
    for run in ("one", "two"):
        code = main(["build", str(SAMPLE), "--out", str(tmp_path / run), "--engine", "memory",
                     "--glossary", str(tmp_path / "glossary"), "-q"])
        assert code == 0
        packs.append(tmp_path / run / SAMPLE.stem)
    when = dt.datetime.fromtimestamp(epoch, tz=dt.UTC)
    for lang in ("zh", "en", "bilingual"):
        name = f"brief.{lang}.pdf"
        data = (packs[0] / name).read_bytes()
        assert data == (packs[1] / name).read_bytes(), name
        reader = PdfReader(packs[0] / name)
        assert reader.metadata.creation_date == reader.metadata.modification_date == when
        assert reader.xmp_metadata is not None
        assert reader.xmp_metadata.xmp_create_date == when.replace(tzinfo=None)


def test_english_pack_has_no_draft_mark(pack: Path) -> None:
    assert "DRAFT" not in _pdf_text(pack / "brief.en.pdf")


def test_glossary_edit_reaches_every_english_output(
    cli: Callable[..., Run], workdir: Path
) -> None:
    result = cli("glossary", "set", "两江新区", "Liangjiang New Zone")
    assert result.code == 0, result.err
    assert "Liangjiang New Area" not in (workdir / "glossary" / "memory.tmx").read_text("utf-8")
    assert cli("build", SAMPLE, "--out", workdir / "out", "--engine", "memory").code == 0
    folder = workdir / "out" / SAMPLE.stem
    qa = json.loads((folder / "qa.json").read_text("utf-8"))
    assert qa["errors"] == 0
    for name in ("brief.en.pdf", "brief.bilingual.pdf"):
        text = _SPACE.sub(" ", _pdf_text(folder / name))
        assert "Liangjiang New Zone" in text and "Liangjiang New Area" not in text
    docx = _docx_text(folder / "brief.en.docx")
    assert "Liangjiang New Zone" in docx and "Liangjiang New Area" not in docx
    english = " ".join(s.en for s in content_io.load(folder / "content.yaml").segments())
    assert "Liangjiang New Area" not in english


def test_report_without_memory_builds_a_draft(cli: Callable[..., Run], workdir: Path) -> None:
    source = REPORTS / "inspection-tour.txt"
    result = cli("build", source, "--out", workdir / "out", "--engine", "memory")
    assert result.code == 0
    assert "segments have no English" in result.err and "doctool models install" in result.err
    folder = workdir / "out" / source.stem
    qa = json.loads((folder / "qa.json").read_text("utf-8"))
    assert qa["untranslated"] == qa["segments"] > 0
    assert "DRAFT" in _pdf_text(folder / "brief.en.pdf")
    zh = _squash(_pdf_text(folder / "brief.zh.pdf"))
    assert all(_squash(s.zh) in zh for s in content_io.load(folder / "content.yaml").segments())
    strict = cli("build", source, "--out", workdir / "out", "--engine", "memory", "--strict")
    assert strict.code == 1


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
@pytest.mark.parametrize("name", ["brief.zh.docx", "brief.en.docx"])
def test_libreoffice_converts_the_docx(pack: Path, content: Content, tmp_path: Path,
                                       name: str) -> None:
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(pack / name)],
        check=True, capture_output=True, timeout=180,
    )
    text = _squash(_pdf_text(tmp_path / name.replace(".docx", ".pdf")))
    lang = name.split(".")[1]
    for segment in content.segments():
        assert _squash(_printed(segment, lang)) in text, segment.id


def test_a_build_constructs_one_term_matcher(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The translator, the checks and every edition's layout share the build's one matcher."""
    from doctool.glossary.matcher import TermMatcher
    from doctool.glossary.terms import Term

    built: list[TermMatcher] = []
    construct = TermMatcher.__init__

    def counting(self: TermMatcher, terms: Iterable[Term]) -> None:
        built.append(self)
        construct(self, terms)

    monkeypatch.setattr(TermMatcher, "__init__", counting)
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    code = main(["build", str(SAMPLE), "--out", str(tmp_path / "out"), "--engine", "memory",
                 "--glossary", str(tmp_path / "glossary"), "-q"])
    assert code == 0
    assert len(built) == 1


def test_a_render_failure_ends_the_build_with_its_own_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rendering error reaches the command line as one line, exit 7."""
    from doctool.errors import RenderError
    from doctool.render import writers

    pdf = writers.RENDERERS["pdf"]

    def no_chinese_pdf(brief: object, created: object = None) -> bytes:
        if getattr(brief, "lang", None) == "zh":
            raise RenderError("the Chinese PDF cannot be rendered (simulated); fix it")
        return pdf(brief, created)  # type: ignore[arg-type]

    monkeypatch.setitem(writers.RENDERERS, "pdf", no_chinese_pdf)
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    code = main(["build", str(SAMPLE), "--out", str(tmp_path / "out"), "--engine", "memory",
                 "--glossary", str(tmp_path / "glossary"), "-q"])
    err = capsys.readouterr().err
    assert code == 7
    assert err == "doctool: error: the Chinese PDF cannot be rendered (simulated); fix it\n"
    assert not (tmp_path / "out" / SAMPLE.stem / "brief.en.pdf").exists()


def _body(path: Path) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


@pytest.mark.parametrize("name", [d for d in DOCUMENTS if d.endswith(".docx")])
def test_docx_fonts_live_in_the_styles_not_the_runs(pack: Path, name: str) -> None:
    body = _body(pack / name)
    runs = re.findall(r"<w:r>.*?</w:r>", body, flags=re.S)
    assert len(runs) > 50
    faces = [r for r in runs if re.search(r"<w:rFonts [^>]*w:(ascii|hAnsi|eastAsia|cs)=", r)]
    assert faces == []
    # a run names no face; a Chinese one may carry the East Asian hint for its shared
    # characters (“ ” — …), which Unicode gives no script of their own
    for run in runs:
        if "<w:rFonts" in run:
            assert '<w:rFonts w:hint="eastAsia"/>' in run and 'w:eastAsia="zh-CN"' in run
            assert re.search("[\u00a1-\u00ff\u2000-\u206f\u2100-\u27bf]", run)


@pytest.mark.parametrize("name", [d for d in DOCUMENTS if d.endswith(".docx")])
def test_docx_has_no_empty_paragraphs_as_spacers(pack: Path, name: str) -> None:
    body = _body(pack / name)
    paragraphs = re.findall(r"<w:p>(?:(?!</w:p>).)*</w:p>|<w:p/>", body, flags=re.S)
    assert len(paragraphs) > 20
    # an empty paragraph may end a section, carry a page break before a table, or be the last
    # paragraph, which a document that ends with a table needs; none keeps two blocks apart
    closing = re.search(r"</w:tbl>(<w:p>(?:(?!</w:p>).)*</w:p>)<w:sectPr", body, flags=re.S)
    # nor one between two tables, which would otherwise run together as one
    between = set(re.findall(r"</w:tbl>(<w:p>(?:(?!</w:p>).)*</w:p>)<w:tbl>", body, flags=re.S))
    spacers = [p for p in paragraphs if "<w:t" not in p and "<w:sectPr" not in p
               and 'w:type="page"' not in p and not (closing and p == closing.group(1))
               and p not in between]
    assert spacers == []


@pytest.mark.parametrize("name", [d for d in DOCUMENTS if d.endswith(".docx")])
def test_docx_says_who_made_it(pack: Path, name: str) -> None:
    with zipfile.ZipFile(pack / name) as archive:
        app = archive.read("docProps/app.xml").decode("utf-8")
        assert "docProps/thumbnail.jpeg" not in archive.namelist()
    assert "<Application>doctool</Application>" in app
    assert re.search(r"<AppVersion>\d+\.\d{4}</AppVersion>", app)
    # the company is the brief's publication, its author
    assert re.search(r"<Company>[^<]*(重庆日报|Chongqing Daily)</Company>", app)
    assert "Word" not in app and "Normal.dotm" not in app
