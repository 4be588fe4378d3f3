"""Shared helpers for the benchmarks: result rows, timing, isolated builds in subprocesses.

Time figures are ratios against a baseline measured in the same run, so the speed of the
machine cancels out (targets stated in absolute terms are checked as stated). A benchmark calls :func:`check`, which prints one result line,
keeps the row for the summary table and ``build/bench-results.json``, and returns it for the
benchmark to assert.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal, TypeVar

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "seeds" / "chongqing-economic-work-conference-2024.txt"
#: a report of the genre that the translation memory does not cover, so it needs MT
UNCOVERED_REPORT = ROOT / "tests" / "fixtures" / "reports" / "district-economic-work-conference.txt"
GLOSSARY = ROOT / "glossary"
RESULTS_JSON = ROOT / "build" / "bench-results.json"
_MEASURE = Path(__file__).with_name("_measure.py")

Op = Literal["<", "<="]
T = TypeVar("T")


@dataclass(frozen=True)
class Result:
    """One result row: what was measured, against what, and whether it met its target."""

    benchmark: str
    measured: str
    baseline: str
    value: float
    unit: str
    target: str
    passed: bool | None  # None: reported for information, no target

    @property
    def line(self) -> str:
        """The one-line summary printed when the row is recorded."""
        verdict = {True: "met", False: "MISSED", None: "info"}[self.passed]
        target = f", target {self.target}" if self.target else ""
        return (
            f"BENCH {self.benchmark}: {self.value:.3g}{self.unit} "
            f"({self.measured} vs {self.baseline}){target}: {verdict}"
        )


RESULTS: list[Result] = []


def check(
    benchmark: str, value: float, op: Op, limit: float, *, measured: str, baseline: str,
    unit: str = "",
) -> Result:
    """Record ``value`` against its target ``op limit``; the caller asserts ``.passed``."""
    passed = value < limit if op == "<" else value <= limit
    return _keep(Result(benchmark, measured, baseline, value, unit, f"{op} {limit:g}{unit}", passed))


def note(benchmark: str, value: float, *, measured: str, baseline: str = "-", unit: str = "") -> Result:
    """Record a figure that has no target of its own (context for the ones that do)."""
    return _keep(Result(benchmark, measured, baseline, value, unit, "", None))


def _keep(result: Result) -> Result:
    """Keep the row for the summary and print its line at once (``make bench`` runs with -s)."""
    RESULTS.append(result)
    print(f"\n{result.line}", flush=True)
    return result


def machine() -> dict[str, str]:
    """What the figures were measured on: date, CPUs available, Python, OS, CPU model."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "cpus": str(cpus),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu": model,
    }


def write_results(path: Path = RESULTS_JSON) -> None:
    """Save the machine and every row as JSON (``build/`` is git-ignored)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"machine": machine(), "results": [asdict(r) for r in RESULTS]}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")


def table(results: Iterable[Result]) -> str:
    """The rows as a Markdown table, as pasted into tests/benchmarks/README.md."""
    lines = ["| benchmark | measured | baseline | figure | target | result |", "|---|---|---|---|---|---|"]
    for r in results:
        verdict = {True: "met", False: "**missed**", None: "info"}[r.passed]
        lines.append(
            f"| {r.benchmark} | {r.measured} | {r.baseline} | {r.value:.3g}{r.unit} "
            f"| {r.target or '-'} | {verdict} |"
        )
    return "\n".join(lines)


# --- timing ----------------------------------------------------------------------------------


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    """Seconds ``fn`` took (perf_counter) and what it returned."""
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def best_of(n: int, fn: Callable[[], object]) -> float:
    """The fastest of ``n`` runs: the least disturbed by whatever else the machine is doing."""
    return min(timed(fn)[0] for _ in range(n))


@dataclass(frozen=True)
class Measurement:
    """A command run in its own process: wall time, its peak memory and its output."""

    seconds: float
    max_rss_mb: float
    returncode: int
    stdout: str
    stderr: str

    def ok(self) -> Measurement:
        """Self, or an AssertionError showing the output when the command failed."""
        assert self.returncode == 0, f"exit {self.returncode}\n{self.stdout}\n{self.stderr}"
        return self


def measure(cmd: list[str], cwd: Path, env: Mapping[str, str] | None = None) -> Measurement:
    """Run ``cmd`` under the measuring wrapper (see ``_measure.py``)."""
    done = subprocess.run(
        [sys.executable, str(_MEASURE), *cmd], cwd=cwd, env=dict(env) if env is not None else None,
        capture_output=True, text=True, check=True,
    )
    data = json.loads(done.stdout)
    return Measurement(
        data["seconds"], data["max_rss_kb"] / 1024, data["returncode"], data["stdout"], data["stderr"]
    )


# --- isolated builds -------------------------------------------------------------------------


def isolated_env(root: Path) -> dict[str, str]:
    """The environment with HOME, the XDG folders and the model folders under ``root``.

    A build must not see (or create) anything in the user's home, and an Argos model the user
    installed must not turn ``--engine auto`` into MT in the middle of a benchmark.
    """
    env = dict(os.environ)
    for variable, name in {
        "HOME": "home", "XDG_DATA_HOME": "xdg-data", "XDG_CONFIG_HOME": "xdg-config",
        "XDG_CACHE_HOME": "xdg-cache", "ARGOS_PACKAGES_DIR": "argos-packages",
        "DOCTOOL_MODELS_DIR": "doctool-models",
    }.items():
        (root / name).mkdir(parents=True, exist_ok=True)
        env[variable] = str(root / name)
    env["NO_COLOR"] = "1"
    # an installed doctool runs from compiled bytecode; the editable install here does too only
    # if Python may write it, and PYTHONDONTWRITEBYTECODE (set in some environments) would have
    # every build compile doctool's sources again. The untimed first build writes it here, out
    # of the repository.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(root / "pycache")
    return env


def workspace(root: Path) -> Path:
    """A working folder holding a copy of the project's glossary (builds find it there)."""
    root.mkdir(parents=True, exist_ok=True)
    if not (root / "glossary").exists():
        shutil.copytree(GLOSSARY, root / "glossary", ignore=shutil.ignore_patterns("*.lock"))
    return root


def doctool(*args: str | Path) -> list[str]:
    """The command line of ``doctool ARGS`` with this interpreter (the project's venv)."""
    return [sys.executable, "-m", "doctool", *(str(a) for a in args)]


def build_command(source: Path, out: Path, *extra: str) -> list[str]:
    """``doctool build`` of ``source`` into ``out`` from the translation memory alone."""
    return doctool("build", source, "--out", out, "--engine", "memory", "-q", *extra)
