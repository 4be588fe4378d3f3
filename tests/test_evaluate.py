"""``make eval``'s tool on a two-report corpus made for it: the table, the floors, the exit status."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES
from tools import evaluate

MINI = FIXTURES / "eval-corpus"


def test_a_report_read_right_passes_every_floor(capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main([str(MINI)]) == 0
    out = capsys.readouterr().out
    assert "1 reports" in out
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[2:]}
    assert rows["speakers"][:3] == ["1", "1", "1"]
    assert rows["attribution"][:3] == ["1", "1", "1"]
    assert rows["bylines"][:3] == ["2", "2", "2"]
    assert "below the floor" not in out


def test_a_wrong_date_fails_however_good_the_rest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    facts_path = corpus / "mini-inspection.expected.yaml"
    facts = yaml.safe_load(facts_path.read_text("utf-8"))
    facts["date"] = None  # the reader says the text does not settle it; the tool gives one anyway
    facts_path.write_text(yaml.safe_dump(facts, allow_unicode=True), "utf-8")
    assert evaluate.main([str(corpus), "--per-report"]) == 1
    out = capsys.readouterr().out
    assert "date WRONG: 2025-04-09, expected None" in out
    assert "below the floor: dates wrong in 1 report(s)" in out


def test_misses_are_listed_and_lower_the_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(MINI, corpus)
    facts_path = corpus / "mini-inspection.expected.yaml"
    facts = yaml.safe_load(facts_path.read_text("utf-8"))
    facts["speakers"].append({"name": "吴敏", "organization": "省委", "title": "常委、秘书长"})
    facts["programs"] = ["“新质强链”行动"]
    facts_path.write_text(yaml.safe_dump(facts, allow_unicode=True), "utf-8")
    assert evaluate.main([str(corpus), "--per-report"]) == 1
    out = capsys.readouterr().out
    assert "speaker missed: 吴敏" in out and "program missed: “新质强链”行动" in out
    assert "below the floor: speakers recall 0.50 < 0.90" in out
    assert "below the floor: programs recall 0.00 < 0.75" in out


def test_an_empty_folder_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert evaluate.main([str(tmp_path)]) == 2
    assert "no reports" in capsys.readouterr().err


def test_an_excerpt_with_ascii_punctuation_matches_the_text_read_full_width() -> None:
    assert evaluate.squash("数字1:6.5%左右 (原文)") == evaluate.squash("数字1：6.5%左右（原文）")
