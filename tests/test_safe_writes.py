"""Killed at any moment, doctool leaves each file as it was or complete and new, never half.

Outputs, glossary edits and memory edits are written to a hidden temporary sibling
(``.<name>.XXXXXXXX.tmp``), flushed and renamed into place. A process killed with SIGKILL cannot
remove its temporary file; the next run that writes into the folder removes it, under the lock
that guards the folder. These tests kill real ``doctool`` processes at many moments.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from doctool import content_io
from doctool.fsutil import clean_stale_temp, is_temp_name
from doctool.glossary.memory import Memory
from doctool.glossary.validation import load_termbase
from tests.conftest import REPORTS, ROOT

REPORT = REPORTS / "inspection-tour.txt"
#: the same input gives the same bytes (DOCX files are otherwise stamped with the time)
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1735000000", "NO_COLOR": "1"}
BUILD = ("build", "report.txt", "--out", "out", "--engine", "memory", "--glossary", "glossary")
#: seconds after the start at which builds are killed, besides the kills timed by what is on disk
KILL_TIMES = (0.3, 0.8, 1.5)


def doctool(cwd: Path, *args: str) -> subprocess.Popen[bytes]:
    """Start ``doctool`` in a child process."""
    return subprocess.Popen(
        [sys.executable, "-m", "doctool", "-q", *args], cwd=cwd, env=ENV,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )


def finish(process: subprocess.Popen[bytes]) -> None:
    """Wait for a child that must succeed."""
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err.decode()


def files(folder: Path) -> dict[str, bytes]:
    """The files of ``folder`` (not below it), by name."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def temp_files(folder: Path) -> list[str]:
    """Names of the temporary files of atomic writes in ``folder`` and below."""
    return sorted(p.name for p in folder.rglob("*") if is_temp_name(p.name))


def kill_when(process: subprocess.Popen[bytes], ready: Callable[[], bool], deadline: float) -> None:
    """SIGKILL ``process`` as soon as ``ready()`` holds, or after ``deadline`` seconds."""
    start = time.monotonic()
    while process.poll() is None and time.monotonic() - start < deadline:
        if ready():
            break
        time.sleep(0.0005)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)  # reaps it and closes its pipe


def parts(name: str, data: bytes | None) -> object:
    """What a file holds: a DOCX by its parts (python-docx stamps zip entries with the time)."""
    if data is None or not name.endswith(".docx"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {member: archive.read(member) for member in archive.namelist()}


def pack_parts(pack: dict[str, bytes]) -> dict[str, object]:
    """A pack's files by what they hold, without the (empty) lock file."""
    return {name: parts(name, data) for name, data in pack.items() if name != ".doctool-build.lock"}


def check_opens(name: str, data: bytes, path: Path) -> None:
    """A complete output file: its own format's reader accepts it."""
    if name.endswith(".docx"):
        Document(str(path))
    elif name.endswith(".pdf"):
        assert data.rstrip().endswith(b"%%EOF"), name
        assert len(PdfReader(path).pages) > 0
    elif name.endswith(".yaml"):
        content_io.load(path)
    elif name.endswith(".json"):
        json.loads(data)


# --- builds ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """A project holding a complete pack of the report, and the pack a changed report gives."""
    work = tmp_path_factory.mktemp("old")
    shutil.copytree(ROOT / "glossary", work / "glossary")
    shutil.copy(REPORT, work / "report.txt")
    finish(doctool(work, *BUILD))
    reference = tmp_path_factory.mktemp("new")
    shutil.copytree(ROOT / "glossary", reference / "glossary")
    (reference / "report.txt").write_text(changed_report(), "utf-8")
    finish(doctool(reference, *BUILD))
    return work, files(reference / "out" / "report")


def changed_report() -> str:
    """The report with one more paragraph, so every document of its pack differs."""
    return REPORT.read_text("utf-8") + "\n会议要求，各级各部门要狠抓落实，确保各项任务落地见效。\n"


@pytest.mark.slow
def test_a_build_killed_at_any_moment_leaves_old_or_new_files(
    packs: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    """SIGKILL during a rebuild: every file is the old one or the complete new one; a rerun cleans up."""
    old_project, new = packs
    old = files(old_project / "out" / "report")
    assert set(old) == set(new) and all(old[n] != new[n] for n in old if not n.startswith("."))
    rng = random.Random(20241223)
    folder_of: Callable[[Path], Path] = lambda project: project / "out" / "report"  # noqa: E731

    def writing(project: Path) -> Callable[[], bool]:
        # true once the build has begun replacing files: a temporary file or a new file exists
        def ready() -> bool:
            folder = folder_of(project)
            return any(is_temp_name(n) for n in os.listdir(folder)) or (folder / "content.yaml").read_bytes() != old[
                "content.yaml"
            ]
        return ready

    # moments: fixed times, random times, and the instant the write phase is seen to start
    moments: list[float | None] = [*KILL_TIMES, *(rng.uniform(0.1, 3.0) for _ in range(2)), None, None, None]
    caught_mid_write = 0
    for number, moment in enumerate(moments):
        project = tmp_path / f"run{number}"
        shutil.copytree(old_project, project)
        (project / "report.txt").write_text(changed_report(), "utf-8")
        process = doctool(project, *BUILD)
        if moment is None:
            kill_when(process, writing(project), deadline=120)
        else:
            kill_when(process, lambda: False, deadline=moment)
        folder = folder_of(project)
        now = files(folder)
        leftovers = [name for name in now if is_temp_name(name)]
        for name in set(old) | set(new):
            data = now.get(name)
            if name == ".doctool-build.json" and data is None:
                continue  # removed before the first file is replaced: the pack is not up to date
            assert data is not None, f"{name} is gone"
            assert parts(name, data) in (parts(name, old.get(name)), parts(name, new.get(name))), (
                f"{name} is neither the old nor the new file"
            )
            check_opens(name, data, folder / name)
        assert set(now) - set(old) - set(new) <= {*leftovers, ".doctool-build.lock"}, sorted(now)
        outputs = {name for name in old if not name.startswith(".")}
        renewed = {name for name in outputs if parts(name, now.get(name)) == parts(name, new[name])}
        mixed = renewed not in (set(), outputs)
        caught_mid_write += bool(leftovers) or mixed

        # the next build completes the pack and removes what the killed one left behind
        finish(doctool(project, *BUILD))
        assert temp_files(project) == []
        assert pack_parts(files(folder)) == pack_parts(new)
    # the kills timed by the write phase are meant to land inside it; if none did, this test
    # has tested nothing there
    assert caught_mid_write > 0, "no kill landed while the pack was being replaced"


def test_two_builds_into_one_folder_at_once_both_finish_cleanly(
    packs: tuple[Path, dict[str, bytes]], tmp_path: Path
) -> None:
    """Two builds of the same report at once take turns writing; the pack ends complete."""
    old_project, new = packs
    project = tmp_path / "project"
    shutil.copytree(old_project, project)
    (project / "report.txt").write_text(changed_report(), "utf-8")
    builds = [doctool(project, *BUILD, "--force") for _ in range(2)]
    for process in builds:
        finish(process)
    assert temp_files(project) == []
    assert pack_parts(files(project / "out" / "report")) == pack_parts(new)


def test_a_rerun_removes_stale_temporary_files_only(tmp_path: Path) -> None:
    """Stale ``.name.XXXXXXXX.tmp`` files go; a user's own hidden files and fresh temp files stay."""
    stale = tmp_path / ".brief.zh.pdf.abcd1234.tmp"
    stale.write_bytes(b"%PDF-1.4 half")
    os.utime(stale, (time.time() - 60, time.time() - 60))
    fresh = tmp_path / ".brief.en.pdf.wxyz5678.tmp"
    fresh.write_bytes(b"being written")
    mine = tmp_path / ".notes.tmp"
    mine.write_text("keep me", "utf-8")
    removed = clean_stale_temp(tmp_path, before=time.time() - 1)
    assert removed == [stale]
    assert fresh.exists() and mine.exists()


# --- glossary and memory edits -------------------------------------------------------------------


@pytest.fixture
def glossary_project(tmp_path: Path) -> Path:
    """A project folder with a copy of the project's glossary."""
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    return tmp_path


def _edit_and_reference(
    glossary_project: Path, tmp_path_factory: pytest.TempPathFactory, *args: str
) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The glossary files before and after ``doctool glossary ARGS`` run to completion."""
    before = files(glossary_project / "glossary")
    reference = tmp_path_factory.mktemp("reference")
    shutil.copytree(glossary_project / "glossary", reference / "glossary")
    finish(doctool(reference, "glossary", *args))
    return before, files(reference / "glossary")


EDITS = {
    "add": ("add", "低空经济试验区", "low-altitude economy pilot zone", "--kind", "program"),
    # set also rewrites every approved translation in memory.tmx that used the old rendering
    "set": ("set", "两江新区", "Liangjiang District"),
}


@pytest.mark.slow
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_glossary_edit_killed_at_any_moment_leaves_old_or_new_files(
    glossary_project: Path, tmp_path_factory: pytest.TempPathFactory, edit: str
) -> None:
    """SIGKILL during ``glossary add``/``set``: terms.tsv and memory.tmx are each old or new."""
    args = EDITS[edit]
    before, after = _edit_and_reference(glossary_project, tmp_path_factory, *args)
    changed = {name for name in before if before[name] != after.get(name) and not name.endswith(".lock")}
    assert "terms.tsv" in changed and (edit == "add" or "memory.tmx" in changed)
    rng = random.Random(len(edit))
    pristine = tmp_path_factory.mktemp("pristine")
    shutil.copytree(glossary_project / "glossary", pristine / "glossary")
    moments: list[float | None] = [0.05, 0.3, *(rng.uniform(0.2, 1.5) for _ in range(2)), None, None]
    for moment in moments:
        shutil.rmtree(glossary_project / "glossary")
        shutil.copytree(pristine / "glossary", glossary_project / "glossary")
        folder = glossary_project / "glossary"
        process = doctool(glossary_project, "glossary", *args)

        def ready(folder: Path = folder) -> bool:
            return any(is_temp_name(name) for name in os.listdir(folder))

        kill_when(process, ready if moment is None else (lambda: False), deadline=moment or 60)
        now = files(folder)
        for name in changed:
            assert now[name] in (before[name], after[name]), f"{name} is neither old nor new"
        # each file readable as what it is
        load_termbase(folder / "terms.tsv")
        Memory.load(folder / "memory.tmx")
        # the next edit of the same file removes the temporary files a killed one left
        finish(doctool(glossary_project, "glossary", "add", "测试词", "test term", "--kind", "term"))
        assert not [n for n in os.listdir(folder) if is_temp_name(n, "terms.tsv")]


def test_two_processes_editing_terms_and_memory_lose_nothing(glossary_project: Path) -> None:
    """Two ``glossary set`` at once: both renderings reach terms.tsv and the memory."""
    first = doctool(glossary_project, "glossary", "set", "两江新区", "Liangjiang District")
    second = doctool(glossary_project, "glossary", "set", "西部陆海新通道", "Western Land-Sea Corridor")
    finish(first)
    finish(second)
    termbase = load_termbase(glossary_project / "glossary" / "terms.tsv")
    assert termbase.get("两江新区").en == "Liangjiang District"  # type: ignore[union-attr]
    assert termbase.get("西部陆海新通道").en == "Western Land-Sea Corridor"  # type: ignore[union-attr]
    memory = (glossary_project / "glossary" / "memory.tmx").read_text("utf-8")
    assert "Liangjiang New Area" not in memory and "Liangjiang District" in memory
    assert "New International Land-Sea Trade Corridor" not in memory
    assert "Western Land-Sea Corridor" in memory
    assert temp_files(glossary_project) == []


def test_a_lock_held_elsewhere_gives_its_own_error_after_the_timeout(tmp_path: Path) -> None:
    """One helper takes every lock; the caller says what the user reads when it is busy."""
    import filelock

    from doctool.errors import GlossaryError
    from doctool.fsutil import locked

    path = tmp_path / "terms.tsv.lock"
    busy = GlossaryError("terms.tsv is being edited by another doctool")
    with filelock.FileLock(str(path)):
        started = time.monotonic()
        with pytest.raises(GlossaryError) as caught, locked(path, timeout=0.2, busy=busy):
            pass
        assert caught.value is busy
        assert time.monotonic() - started >= 0.2
    with locked(path, timeout=0.2, busy=busy):
        assert path.exists()
