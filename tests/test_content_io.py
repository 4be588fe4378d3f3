"""content.yaml: round trip, schema version, and helpful messages for hand-edited mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doctool import content_io
from doctool.errors import ContentError
from doctool.extract import extract
from doctool.extract.reader import read_source, read_text
from doctool.model import Content
from tests.conftest import REPORTS, SAMPLE


@pytest.fixture(scope="module")
def sample() -> Content:
    return extract(read_source(SAMPLE))


def test_round_trip(sample: Content, tmp_path: Path) -> None:
    path = tmp_path / "content.yaml"
    content_io.save(sample, path)
    assert content_io.load(path) == sample
    text = path.read_text("utf-8")
    assert text.startswith("schema: doctool.content/1\n")
    assert "date: '2024-12-23'" in text or "date: 2024-12-23" in text


@pytest.mark.parametrize("report", sorted(REPORTS.glob("*.txt")), ids=lambda p: p.stem)
def test_round_trip_fixtures(report: Path) -> None:
    content = extract(read_source(report))
    assert content_io.loads(content_io.dumps(content)) == content


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="会议强调要增长8%以上“”。；\n 两江新区书记王志杰表示", min_size=5))
def test_round_trip_random(text: str) -> None:
    try:
        content = extract(read_text(text.encode()))
    except Exception as exc:  # only refusals are allowed, never a crash
        assert type(exc).__name__ == "InputError"
        return
    assert content_io.loads(content_io.dumps(content)) == content


def _edit(sample: Content, old: str, new: str) -> str:
    text = content_io.dumps(sample)
    assert old in text
    return text.replace(old, new, 1)


def test_unknown_key_names_key_and_line(sample: Content) -> None:
    text = _edit(sample, "  - id: s1.b1\n    kind: paragraph", "  - id: s1.b1\n    knid: paragraph")
    line = text.splitlines().index("    knid: paragraph") + 1
    with pytest.raises(ContentError) as info:
        content_io.loads(text, "content.yaml")
    assert f"content.yaml:{line}:" in str(info.value)
    assert "knid" in str(info.value)


def test_bad_enum_value_is_explained(sample: Content) -> None:
    text = _edit(sample, "kind: caption", "kind: photo")
    with pytest.raises(ContentError, match="'photo' is not allowed; use one of: paragraph"):
        content_io.loads(text)


def test_wrong_schema_version(sample: Content) -> None:
    text = _edit(sample, "schema: doctool.content/1", "schema: doctool.content/2")
    with pytest.raises(ContentError, match="re-create the file with doctool extract"):
        content_io.loads(text)


def test_yaml_syntax_error_has_a_line() -> None:
    with pytest.raises(ContentError, match=r"content.yaml:\d+: .*fix the YAML syntax"):
        content_io.loads("schema: doctool.content/1\nmeeting: [unclosed\n", "content.yaml")


def test_dangling_speaker_reference(sample: Content) -> None:
    text = _edit(sample, "speaker: sp1", "speaker: sp99")
    with pytest.raises(ContentError, match="sp99"):
        content_io.loads(text)


def test_kind_range_and_period_round_trip(sample: Content) -> None:
    from dataclasses import replace
    from decimal import Decimal

    first, *rest = sample.targets
    ranged = replace(first, value=None, low=Decimal(6), high=Decimal("6.5"), since=2021,
                     kind="result")
    content = replace(sample, targets=(ranged, *rest))
    text = content_io.dumps(content)
    assert "kind: result" in text and "since: 2021" in text
    assert content_io.loads(text) == content
    assert ranged.period == "2021-2025" and ranged.values == (Decimal(6), Decimal("6.5"))


def test_a_file_without_kinds_holds_targets(sample: Content) -> None:
    text = content_io.dumps(sample)
    old = "\n".join(line for line in text.splitlines() if not line.startswith("  kind: "))
    assert all(t.kind == "target" for t in content_io.loads(old + "\n").targets)


def test_a_fact_needs_a_value_or_a_range(sample: Content) -> None:
    text = _edit(sample, "  value: 8\n", "  value: null\n")
    with pytest.raises(ContentError):
        content_io.loads(text, "content.yaml")
