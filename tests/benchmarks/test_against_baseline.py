"""This tree's cold build of the sample against another version's, side by side in one run.

``make bench BASELINE=<git ref>`` (default ``HEAD``) extracts that commit with ``git archive``
into the benchmark's folder and builds the sample with both versions, alternating, from the
same interpreter and libraries: only doctool's own code differs. The figures are this tree's
time and peak memory over the baseline's; a change that is meant to leave behaviour alone
(a reorganisation) must not make either worse. With the default ``HEAD`` the comparison is the
working tree against its last commit.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tarfile
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest

from tests.benchmarks._support import ROOT, SAMPLE, Measurement, build_command, check, measure, note

ROUNDS = 5
#: a whole build on a shared two-core machine swings by a few per cent between rounds
TIME_LIMIT = 1.10
MEMORY_LIMIT = 1.10


@dataclass(frozen=True)
class Sides:
    """The timed builds of this tree and of the baseline, and which commit the baseline is."""

    ref: str
    commit: str
    current: list[Measurement]
    baseline: list[Measurement]


def _extract(ref: str, into: Path) -> str:
    """Write the tree of ``ref`` into ``into``; its full commit id."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--verify", f"{ref}^{{commit}}"], cwd=ROOT,
                                capture_output=True, text=True, check=True).stdout.strip()
        archive = subprocess.run(["git", "archive", "--format=tar", commit], cwd=ROOT,
                                 capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"no baseline: git cannot give {ref!r} ({exc})")
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return commit


@pytest.fixture(scope="module")
def sides(bench_dir: Path, bench_env: dict[str, str]) -> Sides:
    """ROUNDS cold builds of each version, alternating, after an untimed warm-up of each."""
    ref = os.environ.get("DOCTOOL_BENCH_BASELINE", "") or "HEAD"
    tree = bench_dir / "baseline-tree"
    commit = _extract(ref, tree)
    baseline_env = dict(bench_env)
    # the baseline's package first on the path: the venv's editable install points at this tree
    baseline_env["PYTHONPATH"] = os.pathsep.join([str(tree), bench_env.get("PYTHONPATH", "")]).rstrip(
        os.pathsep)
    current_env = dict(bench_env)
    current_env["PYTHONPATH"] = os.pathsep.join([str(ROOT), bench_env.get("PYTHONPATH", "")]).rstrip(
        os.pathsep)
    runs: dict[str, list[Measurement]] = {"current": [], "baseline": []}
    envs = {"current": current_env, "baseline": baseline_env}
    for i in range(ROUNDS + 1):
        for side in ("baseline", "current") if i % 2 else ("current", "baseline"):
            out = bench_dir / f"vs-{side}-{i}"
            run = measure(build_command(SAMPLE, out, "--force"), bench_dir, envs[side]).ok()
            if i:  # round 0 warms bytecode, fonts and caches for each side
                runs[side].append(run)
    for side, env in envs.items():
        where = subprocess.run(
            [*build_command(SAMPLE, bench_dir / "x")[:1], "-c", "import doctool; print(doctool.__file__)"],
            env=env, cwd=bench_dir, capture_output=True, text=True, check=True).stdout
        expected = tree if side == "baseline" else ROOT
        assert Path(where.strip()).is_relative_to(expected), (side, where)
    return Sides(ref, commit, runs["current"], runs["baseline"])


def test_build_time_against_the_baseline(sides: Sides) -> None:
    """A cold build takes no longer than the baseline's (median of alternating rounds)."""
    current = statistics.median(m.seconds for m in sides.current)
    baseline = statistics.median(m.seconds for m in sides.baseline)
    result = check(
        f"build time / build at {sides.ref} ({sides.commit[:8]})", current / baseline, "<=", TIME_LIMIT,
        unit="×", measured=f"this tree {current:.2f} s", baseline=f"baseline {baseline:.2f} s",
    )
    note("build time, fastest rounds", min(m.seconds for m in sides.current)
         / min(m.seconds for m in sides.baseline), unit="×",
         measured=f"this tree {min(m.seconds for m in sides.current):.2f} s",
         baseline=f"baseline {min(m.seconds for m in sides.baseline):.2f} s")
    assert result.passed, result.line


def test_build_memory_against_the_baseline(sides: Sides) -> None:
    """A cold build's peak resident memory is no larger than the baseline's."""
    current = max(m.max_rss_mb for m in sides.current)
    baseline = max(m.max_rss_mb for m in sides.baseline)
    result = check(
        f"build peak RSS / build at {sides.ref} ({sides.commit[:8]})", current / baseline, "<=",
        MEMORY_LIMIT, unit="×", measured=f"this tree {current:.0f} MB",
        baseline=f"baseline {baseline:.0f} MB",
    )
    assert result.passed, result.line
