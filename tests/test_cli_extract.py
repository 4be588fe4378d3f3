"""``doctool extract`` and ``doctool build`` as a user runs them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from doctool import content_io
from tests.conftest import BAD, REPORTS, SAMPLE, Run


def test_extract_writes_content_yaml(cli: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "content.yaml"
    result = cli("extract", SAMPLE, "-o", out)
    assert result.code == 0, result.err
    assert "9 speakers, 9 targets" in result.err
    content = content_io.load(out)
    assert content.meeting.date is not None and content.meeting.date.isoformat() == "2024-12-23"


def test_extract_to_stdout(cli: Callable[..., Run]) -> None:
    result = cli("extract", REPORTS / "inspection-tour.txt")
    assert result.code == 0
    assert result.out.startswith("schema: doctool.content/1")


def test_date_option_overrides_inference(cli: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "c.yaml"
    assert cli("extract", SAMPLE, "-o", out, "--date", "2024-12-24").code == 0
    assert str(content_io.load(out).meeting.date) == "2024-12-24"


def test_bad_date_is_a_usage_error(cli: Callable[..., Run]) -> None:
    result = cli("extract", SAMPLE, "--date", "23/12/2024")
    assert result.code == 2
    assert "YYYY-MM-DD" in result.err


@pytest.mark.parametrize(
    "name", ["empty.txt", "blank.txt", "binary.bin", "no-chinese.txt", "truncated-utf8.txt"]
)
def test_bad_input_one_line_no_output(cli: Callable[..., Run], tmp_path: Path, name: str) -> None:
    out = tmp_path / "content.yaml"
    result = cli("extract", BAD / name, "-o", out)
    assert result.code == 3
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err
    assert not out.exists()


def test_missing_source(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = cli("extract", tmp_path / "nope.txt")
    assert result.code == 3
    assert "no such file" in result.err


def test_existing_output_is_kept_when_input_is_bad(cli: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "content.yaml"
    out.write_text("precious", "utf-8")
    assert cli("extract", BAD / "empty.txt", "-o", out).code == 3
    assert out.read_text("utf-8") == "precious"


def test_output_into_a_file_path_is_refused(cli: Callable[..., Run], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = cli("extract", SAMPLE, "-o", blocker / "content.yaml")
    assert result.code == 8
    assert "is a file" in result.err


def test_build_writes_into_slug_folder(cli: Callable[..., Run], workdir: Path) -> None:
    result = cli("build", SAMPLE, "--out", workdir / "out", "--engine", "memory")
    assert result.code == 0, result.err
    folder = workdir / "out" / SAMPLE.stem
    assert (folder / "content.yaml").is_file()


def test_build_refuses_out_that_is_a_file(cli: Callable[..., Run], workdir: Path) -> None:
    (workdir / "out").write_text("x")
    result = cli("build", SAMPLE, "--out", workdir / "out")
    assert result.code == 8
    assert not (workdir / "out").is_dir()


def test_help_lists_commands(cli: Callable[..., Run]) -> None:
    result = cli("--help")
    assert result.code == 0
    for command in ("build", "extract"):
        assert command in result.out
