"""Reports of the same genre as the sample, tested the same way (not tuned to the sample)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from doctool.extract import Extraction, extract_with_repairs
from doctool.extract.reader import normalize, read_source
from tests.conftest import REPORTS

REPORT_FILES = sorted(REPORTS.glob("*.txt"))


def _expected(path: Path) -> dict[str, Any]:
    return dict(yaml.safe_load(path.with_suffix(".expected.yaml").read_text("utf-8")))


@pytest.fixture(scope="module", params=REPORT_FILES, ids=[p.stem for p in REPORT_FILES])
def case(request: pytest.FixtureRequest) -> tuple[Extraction, dict[str, Any]]:
    path: Path = request.param
    return extract_with_repairs(read_source(path)), _expected(path)


def test_there_are_enough_fixture_reports() -> None:
    assert len(REPORT_FILES) >= 4
    assert any("gb18030" in p.name for p in REPORT_FILES)


def test_title_date_headings(case: tuple[Extraction, dict[str, Any]]) -> None:
    extraction, expected = case
    content = extraction.content
    assert content.meeting.title.zh == normalize(expected["title"])
    assert content.meeting.date == dt.date.fromisoformat(str(expected["date"]))
    headings = [s.heading.zh for s in content.sections if s.heading]
    assert headings == [normalize(h) for h in expected["headings"]]


def test_speakers(case: tuple[Extraction, dict[str, Any]]) -> None:
    extraction, expected = case
    found = [(s.name.zh, s.organization.zh, s.title.zh) for s in extraction.content.speakers]
    assert found == [(s["name"], s["organization"], s["title"]) for s in expected["speakers"]]


def test_statements(case: tuple[Extraction, dict[str, Any]]) -> None:
    extraction, expected = case
    content = extraction.content
    for statement in expected["statements"]:
        hits = [s for s in content.segments() if normalize(statement["text"]) in s.zh]
        assert hits, statement["text"]
        speaker = content.speaker_of(hits[0].id)
        assert speaker is not None and speaker.name.zh == statement["speaker"], statement["text"]


def test_repaired_breaks(case: tuple[Extraction, dict[str, Any]]) -> None:
    extraction, expected = case
    wanted = expected.get("repaired_breaks") or []
    assert len(extraction.repairs) == len(wanted)
    for repair, pair in zip(extraction.repairs, wanted, strict=True):
        left, right = pair.split("|")
        assert repair.left.endswith(left) and repair.right.startswith(right)
        assert any(left + right in s.zh for s in extraction.content.segments())


def test_captions_and_bylines(case: tuple[Extraction, dict[str, Any]]) -> None:
    extraction, expected = case
    blocks = list(extraction.content.blocks())
    assert sum(b.kind == "caption" for b in blocks) == expected["captions"]
    bylines = [[r.zh for r in b.reporters] for b in blocks if b.kind == "byline"]
    assert bylines == expected["bylines"]


def test_targets(case: tuple[Extraction, dict[str, Any]]) -> None:
    extraction, expected = case
    found = [
        (t.source, t.value, t.unit, t.qualifier, t.year) for t in extraction.content.targets
    ]
    wanted = [
        (normalize(t["source"]), Decimal(str(t["value"])), t["unit"], t["qualifier"], t["year"])
        for t in expected["targets"]
    ]
    assert sorted(found, key=str) == sorted(wanted, key=str)
    for name in expected.get("not_targets") or []:
        assert all(str(name) not in t.source for t in extraction.content.targets)


def test_programs(case: tuple[Extraction, dict[str, Any]]) -> None:
    extraction, expected = case
    names = [p.name.zh for p in extraction.content.programs]
    for program in expected["programs"]:
        assert any(program in n for n in names), program
    bare = {n.strip("“”‘’") for n in names}
    for rhetorical in expected.get("not_programs") or []:
        assert rhetorical not in bare


def test_gb18030_crlf_copy_gives_the_same_content() -> None:
    utf8 = read_source(REPORTS / "government-work-report-summary.txt")
    gb = read_source(REPORTS / "government-work-report-summary.gb18030.txt")
    assert extract_with_repairs(gb).content == extract_with_repairs(utf8).content
