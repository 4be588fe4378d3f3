"""A pack rendered by forked helpers beside the build: the same documents, the same errors."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
import subprocess
import sys
import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from doctool.cli import main
from doctool.errors import DoctoolError, RenderError
from doctool.render import pack, sharing, writers
from doctool.render.writers import document_time
from tests.conftest import ROOT, SAMPLE

if TYPE_CHECKING:
    from doctool.glossary.terms import TermBase
    from doctool.model import Content
    from doctool.render.brief import Brief

DOCUMENTS = [pack.document_name(lang, fmt) for lang, fmt in pack.DOCUMENTS]
EPOCH = "1734940800"  # 2024-12-23 08:00:00 UTC

needs_fork = pytest.mark.skipif(
    not sharing.can_fork(), reason="processes cannot be forked here (or another thread runs)"
)


@pytest.fixture
def two_cpus(monkeypatch: pytest.MonkeyPatch) -> None:
    """Builds share their pack with one helper, whatever this machine has."""
    monkeypatch.setattr(sharing, "available_cpus", lambda: 2)
    monkeypatch.delenv(sharing.JOBS_VARIABLE, raising=False)


def _build(tmp_path: Path, run: str) -> int:
    glossary = tmp_path / "glossary"
    if not glossary.exists():
        shutil.copytree(ROOT / "glossary", glossary)
    return main(["build", str(SAMPLE), "--out", str(tmp_path / run), "--engine", "memory",
                 "--glossary", str(glossary), "-q"])


def _log_processes(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Each renderer call appends ``<pid> <lang>.<fmt>`` to ``log``, in whichever process."""
    for fmt, render in list(writers.RENDERERS.items()):
        def logged(brief: Brief, created: dt.datetime | None = None, *,
                   render: writers.DatedRenderer = render, fmt: str = fmt) -> bytes:
            with log.open("a") as f:
                f.write(f"{os.getpid()} {brief.lang}.{fmt}\n")
            return render(brief, created)

        monkeypatch.setitem(writers.RENDERERS, fmt, logged)


def _rendered_by(log: Path) -> dict[str, int]:
    """Which process rendered each document, from :func:`_log_processes`'s log."""
    pairs = (line.split() for line in log.read_text().splitlines())
    return {document: int(pid) for pid, document in pairs}


def _docx_parts(path: Path) -> dict[str, bytes]:
    """A DOCX's parts by name: what it says, without the zip's own time stamps."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


@needs_fork
def test_helpers_and_one_process_write_the_same_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, two_cpus: None
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    log = tmp_path / "rendered.log"
    _log_processes(monkeypatch, log)
    assert _build(tmp_path, "shared") == 0
    by = _rendered_by(log)
    log.unlink()
    monkeypatch.setenv(sharing.JOBS_VARIABLE, "1")
    assert _build(tmp_path, "alone") == 0
    assert set(_rendered_by(log).values()) == {os.getpid()}

    # the Chinese and bilingual PDFs came from a helper, the rest from the build itself
    helper = {by["zh.pdf"], by["bilingual.pdf"]}
    assert len(helper) == 1 and os.getpid() not in helper
    assert {by[d] for d in ("zh.docx", "en.docx", "bilingual.docx", "en.pdf")} == {os.getpid()}
    shared, alone = (tmp_path / run / SAMPLE.stem for run in ("shared", "alone"))
    for name in DOCUMENTS:
        if name.endswith(".pdf"):
            assert (shared / name).read_bytes() == (alone / name).read_bytes(), name
        else:
            assert _docx_parts(shared / name) == _docx_parts(alone / name), name


def _failing(monkeypatch: pytest.MonkeyPatch, failing: set[str]) -> None:
    """The renderers raise a RenderError naming the document for each of ``failing``."""
    for fmt, render in list(writers.RENDERERS.items()):
        def fail(brief: Brief, created: dt.datetime | None = None, *,
                 render: writers.DatedRenderer = render, fmt: str = fmt) -> bytes:
            name = f"{brief.lang}.{fmt}"
            if name in failing:
                raise RenderError(f"the {name} document cannot be rendered (simulated); fix it")
            return render(brief, created)

        monkeypatch.setitem(writers.RENDERERS, fmt, fail)


@needs_fork
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize(("failing", "first"), [
    ({"zh.pdf"}, "zh.pdf"),                         # in the helper
    ({"en.pdf", "bilingual.pdf"}, "en.pdf"),        # this process's, before the helper's
    ({"zh.pdf", "en.pdf"}, "zh.pdf"),               # the helper's, before this process's
    ({"bilingual.docx", "zh.pdf"}, "bilingual.docx"),
])
def test_the_first_document_to_fail_ends_the_build_with_its_own_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    two_cpus: None, jobs: str, failing: set[str], first: str,
) -> None:
    """Shared or not, the error is the one a build in one process meets first: one line, exit 7."""
    monkeypatch.setenv(sharing.JOBS_VARIABLE, jobs)
    _failing(monkeypatch, failing)
    assert _build(tmp_path, "out") == 7
    assert capsys.readouterr().err == (
        f"doctool: error: the {first} document cannot be rendered (simulated); fix it\n"
    )
    assert not any((tmp_path / "out").glob(f"{SAMPLE.stem}/brief.*"))


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Content, TermBase]:
    """The sample's translated content, from a build, and the glossary it was built with."""
    from doctool import content_io
    from doctool.glossary.layers import load_glossary

    work = tmp_path_factory.mktemp("sample")
    assert _build(work, "out") == 0
    return content_io.load(work / "out" / SAMPLE.stem / "content.yaml"), \
        load_glossary(work / "glossary")


@needs_fork
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_progress_advances_once_per_document_up_to_the_failure(
    monkeypatch: pytest.MonkeyPatch, two_cpus: None, jobs: str,
    sample: tuple[Content, TermBase],
) -> None:
    """``advance`` runs in the build's process, once per document done, none past a failure."""
    content, termbase = sample
    monkeypatch.setenv(sharing.JOBS_VARIABLE, jobs)
    calls: list[int] = []

    def render() -> dict[str, bytes]:
        with sharing.started() as helpers:
            assert (helpers is None) == (jobs == "1")
            return pack.render_documents(content, termbase.terms,
                                         lambda: calls.append(os.getpid()),
                                         created=document_time(), helpers=helpers)

    assert list(render()) == DOCUMENTS
    assert calls == [os.getpid()] * len(DOCUMENTS)
    calls.clear()
    _failing(monkeypatch, {"en.pdf"})
    with pytest.raises(RenderError, match=r"en\.pdf"):
        render()
    assert calls == [os.getpid()] * DOCUMENTS.index("brief.en.pdf")


_CRASH = """
import os, sys
from doctool.cli import main
from doctool.render import sharing, writers
sharing.available_cpus = lambda: 2
render = writers.RENDERERS["pdf"]
main_pid = os.getpid()
def crash(brief, created=None):
    if os.getpid() != main_pid:
        os._exit(9)  # a helper dies, as if killed
    return render(brief, created)
writers.RENDERERS["pdf"] = crash
sys.exit(main(sys.argv[1:]))
"""


@needs_fork
def test_a_helper_that_dies_is_a_bug_with_a_traceback_not_a_hang(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    env = {k: v for k, v in os.environ.items() if k != sharing.JOBS_VARIABLE}
    done = subprocess.run(
        [sys.executable, "-c", _CRASH, "build", str(SAMPLE), "--out", str(tmp_path / "out"),
         "--engine", "memory", "--glossary", str(tmp_path / "glossary"), "-q"],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env=env,
    )
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "BrokenProcessPool" in done.stderr
    assert not any((tmp_path / "out").glob(f"{SAMPLE.stem}/brief.*"))


def test_one_process_where_asked_with_one_cpu_or_beside_a_thread(
    monkeypatch: pytest.MonkeyPatch, two_cpus: None
) -> None:
    assert sharing.processes({sharing.JOBS_VARIABLE: "1"}) == 1
    monkeypatch.setattr(sharing, "available_cpus", lambda: 1)
    assert sharing.processes({}) == 1
    monkeypatch.setattr(sharing, "available_cpus", lambda: 8)
    release = threading.Event()
    thread = threading.Thread(target=release.wait)
    thread.start()
    try:
        assert sharing.processes({}) == 1
    finally:
        release.set()
        thread.join()
    if sharing.can_fork():
        assert sharing.processes({}) == sharing.MAX_PROCESSES
        assert sharing.processes({sharing.JOBS_VARIABLE: "2"}) == 2


@pytest.mark.parametrize("setting", ["0", "two", "-1"])
def test_a_bad_jobs_setting_is_one_line_saying_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
    setting: str,
) -> None:
    monkeypatch.setenv(sharing.JOBS_VARIABLE, setting)
    assert _build(tmp_path, "out") == 10
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"DOCTOOL_JOBS={setting!r}" in err and "set it to 1" in err


def _error_classes() -> list[type[DoctoolError]]:
    """Every DoctoolError class doctool defines, imported from its module."""
    import importlib
    import pkgutil

    import doctool

    for module in pkgutil.walk_packages(doctool.__path__, "doctool."):
        if not module.name.endswith("__main__"):  # which would run the command line
            importlib.import_module(module.name)
    found: list[type[DoctoolError]] = []
    todo: list[type[DoctoolError]] = [DoctoolError]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return [cls for cls in found if cls.__module__.startswith("doctool.")]


def test_every_error_survives_the_trip_from_a_helper() -> None:
    """Pickled and back, an error keeps its class, message, exit status and attributes, even
    when its ``__init__`` takes other arguments than a message."""
    made: Callable[[type[DoctoolError]], DoctoolError] = lambda cls: cls.__new__(cls)  # noqa: E731
    for cls in _error_classes():
        error = made(cls)
        DoctoolError.__init__(error, f"{cls.__name__} went wrong; fix it")
        error.__dict__["detail"] = ("kept", 1)
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is cls
        assert str(back) == str(error) and back.exit_code == cls.exit_code
        assert back.__dict__ == error.__dict__
