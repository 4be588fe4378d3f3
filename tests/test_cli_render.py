"""``doctool render`` as a user runs it."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from doctool import content_io
from doctool.commands.render import WRITERS, output_format
from tests.conftest import FIXTURES, Run

CONTENT = FIXTURES / "render" / "small-meeting.yaml"
GLOSSARY = FIXTURES / "glossary-good"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture content copied into an empty folder (no glossary anywhere above), made current."""
    path = tmp_path / "content.yaml"
    shutil.copy(CONTENT, path)
    monkeypatch.chdir(tmp_path)
    return path


def body_text(path: Path) -> str:
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_default_output_is_next_to_the_content(cli: Callable[..., Run], content: Path) -> None:
    result = cli("render", content, "--lang", "zh", "--format", "docx",
                 "--glossary", GLOSSARY)
    assert result.code == 0, result.err
    out = content.parent / "brief.zh.docx"
    assert zipfile.is_zipfile(out)
    assert f"wrote {out}" in result.err
    # the fixture glossary's 市委 and “满天星”行动计划 occur in the report: the annex lists them
    assert "“满天星”行动计划" in body_text(out)


def test_output_option_and_format_from_suffix(
    cli: Callable[..., Run], content: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "pack.docx"
    result = cli("render", content, "--lang", "bilingual", "-o", out, "--glossary", GLOSSARY)
    assert result.code == 0, result.err
    assert zipfile.is_zipfile(out)


def test_english_pack_with_gaps_warns_and_says_how_to_fix(
    cli: Callable[..., Run], content: Path
) -> None:
    result = cli("render", content, "--lang", "en", "--glossary", GLOSSARY)
    assert result.code == 0
    # one count everywhere: the sentences without English, as qa.json and the cover give it
    missing = sum(1 for s in content_io.load(content).segments() if not s.en.strip())
    assert missing and f"marked DRAFT: {missing} sentences have no English" in result.err
    assert "doctool translate" in result.err


def test_no_glossary_renders_without_annex_terms(cli: Callable[..., Run], content: Path) -> None:
    result = cli("render", content, "--lang", "zh")
    assert result.code == 0, result.err
    assert "warning: no glossary/ folder" in result.err
    assert "the annex will list no glossary terms" in result.err
    assert "报道中未出现术语表所列术语。" in body_text(content.parent / "brief.zh.docx")


def test_missing_glossary_folder_given_is_an_error(cli: Callable[..., Run], content: Path) -> None:
    result = cli("render", content, "--lang", "zh", "--glossary", content.parent / "nope")
    assert result.code == 5
    assert "--glossary" in result.err
    assert "Traceback" not in result.err


def test_missing_content_is_a_one_line_error(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = cli("render", tmp_path / "missing.yaml", "--lang", "zh")
    assert result.code == 4
    assert "no such file" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_bad_lang_is_a_usage_error(cli: Callable[..., Run], content: Path) -> None:
    result = cli("render", content, "--lang", "fr")
    assert result.code == 2
    assert "--lang" in result.err


def test_lang_is_required(cli: Callable[..., Run], content: Path) -> None:
    assert cli("render", content).code == 2


def test_output_into_a_file_is_an_error(cli: Callable[..., Run], content: Path) -> None:
    result = cli("render", content, "--lang", "zh", "-o", content / "x.docx")
    assert result.code == 8
    assert "Traceback" not in result.err


def test_mismatched_suffix_is_written_but_warned(
    cli: Callable[..., Run], content: Path, tmp_path: Path
) -> None:
    out = tmp_path / "pack.pdf"
    result = cli("render", content, "--lang", "zh", "--format", "docx", "-o", out)
    assert result.code == 0
    assert zipfile.is_zipfile(out)
    assert "does not end in .docx" in result.err


def test_output_format_inference() -> None:
    assert output_format(None, None) == "docx"
    assert output_format(None, Path("a.PDF")) == "pdf"
    assert output_format(None, Path("a.txt")) == "docx"
    assert output_format("pdf", Path("a.docx")) == "pdf"
    assert set(WRITERS) == {"docx", "pdf"}


def test_pdf_format(cli: Callable[..., Run], content: Path) -> None:
    result = cli("render", content, "--lang", "zh", "--format", "pdf", "--glossary", GLOSSARY)
    assert result.code == 0, result.err
    assert (content.parent / "brief.zh.pdf").read_bytes().startswith(b"%PDF")
