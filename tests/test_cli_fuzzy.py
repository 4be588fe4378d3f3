"""Fuzzy memory at the command line: a report of the genre from another year, the sample's memory."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from doctool import content_io
from tests.conftest import FIXTURES, ROOT, Run
from tests.pdftext import pdf_text

REPORT = FIXTURES / "fuzzy" / "next-year-conference.txt"
FIRST = "2026年是“十五五”开局之年，是现代化新重庆建设纵深推进的关键之年。"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DOCTOOL_MODELS_DIR", str(tmp_path / "no-models"))
    return tmp_path


def test_a_near_match_is_adapted_marked_and_never_approved(project: Path, cli: Callable[..., Run]) -> None:
    memory_before = (project / "glossary" / "memory.tmx").read_bytes()
    result = cli("build", REPORT, "--engine", "memory")
    assert result.code == 0, result.err
    assert "1 from fuzzy memory matches" in result.err
    assert "1 segments are adapted from fuzzy memory matches and need review" in result.err
    folder = project / "build" / REPORT.stem
    content = content_io.load(folder / "content.yaml")
    first = next(s for s in content.segments() if s.zh == FIRST)
    assert first.origin == "fuzzy" and first.score is not None and 75 <= first.score < 100
    # the year and the plan are this report's; the rest is last year's sentence, to review
    assert first.en.startswith("The year 2026 is ")
    assert "15th Five-Year Plan" in first.en and "14th" not in first.en
    qa = json.loads((folder / "qa.json").read_text(encoding="utf-8"))
    assert qa["origins"]["fuzzy"] == 1 and qa["untranslated"] == 1
    assert [f["segment"] for f in qa["findings"] if f["check"] == "fuzzy"] == [first.id]
    bilingual = " ".join(pdf_text(folder / "brief.bilingual.pdf").split())
    assert f"[{first.score}% memory match, to review]" in bilingual
    assert (project / "glossary" / "memory.tmx").read_bytes() == memory_before


def test_fuzzy_matching_can_be_turned_off_or_raised(project: Path, cli: Callable[..., Run]) -> None:
    assert cli("build", REPORT, "--engine", "memory", "--fuzzy", "0").code == 0
    content = content_io.load(project / "build" / REPORT.stem / "content.yaml")
    assert {s.origin for s in content.segments()} == {"none"}
    assert cli("build", REPORT, "--engine", "memory", "--fuzzy", "99").code == 0
    content = content_io.load(project / "build" / REPORT.stem / "content.yaml")
    assert {s.origin for s in content.segments()} == {"none"}
    refused = cli("build", REPORT, "--fuzzy", "30")
    assert refused.code == 2 and "give 50 to 100, or 0 for none" in refused.err


def test_translate_reports_fuzzy_segments(project: Path, cli: Callable[..., Run]) -> None:
    assert cli("extract", REPORT, "-o", project / "c.yaml").code == 0
    result = cli("translate", project / "c.yaml", "--engine", "memory")
    assert result.code == 0
    assert "1 from fuzzy memory matches (to review)" in result.err
    content = content_io.load(project / "c.yaml")
    assert [s.origin for s in content.segments()] == ["fuzzy", "none"]
