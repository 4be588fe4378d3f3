"""A copy of the sample project, built, for the editor's tests; the editor in a TestClient or a process.

The sample is built once per test session (memory only, a few seconds) and copied for each
test, so every test edits its own glossary and build, never the repository's.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from doctool import content_io
from doctool.cli import main
from doctool.model import Segment
from tests.conftest import ROOT, SAMPLE

SLUG = SAMPLE.stem
TOKEN = "test-token"


@pytest.fixture(scope="session")
def built_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder (glossary/, seeds/, build/<slug>/) with the sample built from memory."""
    root = tmp_path_factory.mktemp("sample-project")
    shutil.copytree(ROOT / "glossary", root / "glossary")
    (root / "seeds").mkdir()
    shutil.copy(SAMPLE, root / "seeds" / SAMPLE.name)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        code = main(["-q", "build", str(Path("seeds") / SAMPLE.name), "--engine", "memory"])
    assert code == 0
    return root


@pytest.fixture
def project(built_sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This test's own copy of the built sample project, made the current folder."""
    root = tmp_path / "project"
    shutil.copytree(built_sample, root)
    monkeypatch.chdir(root)
    return root


def build_of(project: Path) -> Path:
    """The build folder of the sample in ``project``."""
    return project / "build" / SLUG


def segments(project: Path) -> list[Segment]:
    """The segments of the project's build, as content.yaml has them now."""
    return list(content_io.load(build_of(project) / "content.yaml").segments())


def terms_file(project: Path) -> Path:
    """The project's terms.tsv."""
    return project / "glossary" / "terms.tsv"


def memory_file(project: Path) -> Path:
    """The project's memory.tmx."""
    return project / "glossary" / "memory.tmx"


def flat(text: str) -> str:
    """``text`` with every run of white space one space (PDF lines wrap anywhere)."""
    return " ".join(text.split())


@dataclass
class Server:
    """``doctool serve`` running in a process: its address and what it printed."""

    url: str
    process: subprocess.Popen[str]


@pytest.fixture
def server(project: Path) -> Iterator[Server]:
    """``doctool serve build/<slug>/`` on a free port of 127.0.0.1, stopped after the test."""
    process = subprocess.Popen(
        [sys.executable, "-m", "doctool", "serve", str(build_of(project)), "--engine", "memory"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\n", line)
        assert match, f"doctool serve printed {line!r}; stderr: {process.stderr.read() if process.stderr else ''}"
        yield Server(line.strip().rstrip("/"), process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        for stream in (process.stdout, process.stderr):
            if stream is not None:
                stream.close()


def wait_for(predicate: object, timeout: float = 60.0, every: float = 0.2) -> None:
    """Wait until ``predicate()`` is true; fail the test after ``timeout`` seconds."""
    assert callable(predicate)
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"still waiting after {timeout:.0f} s")
        time.sleep(every)
