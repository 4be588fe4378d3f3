"""Benchmark fixtures, and the summary table printed (and saved) at the end of ``make bench``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.benchmarks._support import RESULTS, isolated_env, machine, table, workspace, write_results


@pytest.fixture(scope="module")
def bench_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working folder with a copy of the glossary, for the builds of one benchmark module."""
    return workspace(tmp_path_factory.mktemp("bench"))


@pytest.fixture(scope="module")
def bench_env(bench_dir: Path) -> dict[str, str]:
    """An environment whose home, XDG and model folders are inside ``bench_dir``."""
    return isolated_env(bench_dir / "env")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print every result row as a table and save them to build/bench-results.json."""
    if not RESULTS:
        return
    info = machine()
    terminalreporter.section("benchmark results")
    terminalreporter.write_line(
        f"{info['date']}; {info['cpus']} CPUs ({info['cpu'] or 'unknown CPU'}); "
        f"Python {info['python']}; {info['platform']}"
    )
    terminalreporter.write_line(table(RESULTS))
    write_results()
