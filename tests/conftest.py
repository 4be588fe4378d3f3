"""Shared fixtures: paths of the sample and fixture reports, and a CLI runner."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from doctool.cli import main

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "seeds" / "chongqing-economic-work-conference-2024.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPORTS = FIXTURES / "reports"
BAD = FIXTURES / "bad"


@dataclass
class Run:
    """The outcome of one CLI run."""

    code: int
    out: str
    err: str


@pytest.fixture(autouse=True, scope="session")
def private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """doctool's cache folder (pinyin readings) inside the test run, never the user's."""
    folder = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(folder))
        yield folder


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Run]:
    """Run ``doctool`` in-process with arguments; returns exit code and captured output."""

    def run(*args: str | Path) -> Run:
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temporary working folder with a copy of the project's glossary, made current."""
    glossary = ROOT / "glossary"
    if glossary.is_dir():
        shutil.copytree(glossary, tmp_path / "glossary")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def build_pack(source: Path, work: Path, edit: Callable[[Path], None] | None = None) -> Path:
    """Build ``source`` from memory alone into ``work/out`` with a copy of the project's
    glossary (``edit`` may change the copy first); the pack's folder."""
    shutil.copytree(ROOT / "glossary", work / "glossary")
    if edit is not None:
        edit(work / "glossary")
    code = main(["build", str(source), "--out", str(work / "out"), "--engine", "memory",
                 "--glossary", str(work / "glossary"), "-q"])
    assert code == 0
    return work / "out" / source.stem


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """One line that says how many tests were skipped and why, so a hidden feature is noticed."""
    skipped = terminalreporter.stats.get("skipped", [])
    reasons: dict[str, int] = {}
    for report in skipped:
        longrepr = report.longrepr
        reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
        reason = reason.removeprefix("Skipped: ")
        reasons[reason] = reasons.get(reason, 0) + 1
    listed = "; ".join(f"{reason} ({count})" for reason, count in sorted(reasons.items()))
    terminalreporter.write_line(f"doctool tests: {len(skipped)} skipped" + (f": {listed}" if listed else ""))
