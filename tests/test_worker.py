"""The helper process: results by name, errors as raised, the same results without a fork."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from typing import Any

import pytest

from doctool import worker
from doctool.errors import RenderError
from doctool.worker import Worker

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")


def squares(count: int) -> Iterator[tuple[str, Any]]:
    """A job: the squares, one result each, and who computed them."""
    for n in range(count):
        yield f"sq{n}", (n * n, os.getpid())


def failing(after: int) -> Iterator[tuple[str, Any]]:
    """A job that gives ``after`` results, then fails the way a renderer does."""
    for n in range(after):
        yield f"r{n}", n
    raise RenderError("cannot render this one (simulated); fix it")


def pid_file_job(path: str) -> Iterator[tuple[str, Any]]:
    """A job that says where it runs, then takes its time."""
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(str(os.getpid()))
    time.sleep(30)
    yield "never", None


def dying() -> Iterator[tuple[str, Any]]:
    """A job whose process dies on its first step (as if killed), unless it runs in the caller."""
    yield "first", os.getpid()
    if os.getpid() != MAIN_PID:
        os.kill(os.getpid(), signal.SIGKILL)
    yield "second", os.getpid()


MAIN_PID = os.getpid()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@needs_fork
def test_results_come_back_by_name_from_another_process() -> None:
    with Worker(fork=True) as helper:
        assert helper.forked
        helper.start(squares, 4)
        assert helper.result("sq3")[0] == 9
        assert helper.result("sq1")[0] == 1
        assert helper.result("sq0")[1] != os.getpid()


def test_without_a_fork_the_job_runs_here_with_the_same_results() -> None:
    with Worker(fork=False) as helper:
        assert not helper.forked
        helper.start(squares, 4)
        assert [helper.result(f"sq{n}")[0] for n in range(4)] == [0, 1, 4, 9]
        assert helper.result("sq2")[1] == os.getpid()


@needs_fork
@pytest.mark.parametrize("fork", [True, False])
def test_an_error_is_raised_as_it_was_raised_with_its_message(fork: bool) -> None:
    with Worker(fork=fork) as helper:
        helper.start(failing, 2)
        assert helper.result("r1") == 1
        with pytest.raises(RenderError) as caught:
            helper.result("r2")
        assert str(caught.value) == "cannot render this one (simulated); fix it"
        assert caught.value.exit_code == 7
        # asked again, the same error
        with pytest.raises(RenderError):
            helper.result("r3")


@needs_fork
def test_a_worker_that_dies_has_its_job_done_here() -> None:
    with Worker(fork=True) as helper:
        helper.start(dying)
        # whatever the worker sent before it died is kept; the rest is done here
        assert helper.result("first") > 0
        assert helper.result("second") == os.getpid()


@needs_fork
def test_leaving_the_block_stops_a_busy_worker_and_reaps_it(tmp_path: Any) -> None:
    marker = tmp_path / "pid"
    with Worker(fork=True) as helper:
        helper.start(pid_file_job, str(marker))
        deadline = time.monotonic() + 10
        while not marker.exists() or not marker.read_text():
            assert time.monotonic() < deadline, "the worker never started its job"
            time.sleep(0.01)
        pid = int(marker.read_text())
    assert not alive(pid)


def test_no_fork_on_one_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "available_cpus", lambda: 1)
    assert not worker.can_fork()
    with Worker() as helper:
        assert not helper.forked


def test_warm_up_failures_are_left_to_the_job() -> None:
    def broken() -> None:
        raise RenderError("a font is missing (simulated)")

    with Worker(broken, fork=hasattr(os, "fork")) as helper:
        helper.start(squares, 1)
        assert helper.result("sq0")[0] == 0


def test_the_pack_is_shared_out_whole_and_the_worker_keeps_the_pack_order() -> None:
    from doctool.render import pack

    assert sorted(pack.MAIN_DOCUMENTS + pack.WORKER_DOCUMENTS) == sorted(pack.DOCUMENTS)
    assert not set(pack.MAIN_DOCUMENTS) & set(pack.WORKER_DOCUMENTS)
    order = [pack.DOCUMENTS.index(document) for document in pack.WORKER_DOCUMENTS]
    assert order == sorted(order)
    assert {lang for lang, _ in pack.WORKER_DOCUMENTS} <= set(pack.WORKER_EDITIONS)
