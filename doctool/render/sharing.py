"""Documents rendered by forked helper processes while the main process renders the rest.

A pack's documents are independent once its briefs are laid out, and a PDF takes several times
as long as a DOCX; on a machine with two or more CPUs, helpers forked from the main process
render the heaviest PDFs beside it. Helpers are forked as soon as a build knows it has work
to do, and load reportlab and the faces while the build reads, translates and checks the
report; each brief travels to them pickled in a file of a private folder (a millisecond),
each document's bytes back. Only the file's name goes down the pool's pipe: a brief's pickle
is larger than a pipe holds, and a write into the pipe of a helper that died would wait for
ever, the pool's shutdown with it.

A helper renders with :data:`doctool.render.writers.RENDERERS` exactly as the main process
would, so a document is the same, byte for byte, wherever it is rendered; a
:class:`~doctool.errors.DoctoolError` it raises reaches the caller as raised, and a helper
that dies is a bug (``BrokenProcessPool``, with its traceback). Helpers ignore Ctrl-C, which
the main process handles, and exit when it is gone.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import pickle
import shutil
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from doctool.errors import SettingsError

if TYPE_CHECKING:
    import datetime as dt

    from doctool.render.brief import Brief

#: the environment variable that caps the processes rendering a pack (1: the main one alone)
JOBS_VARIABLE = "DOCTOOL_JOBS"
#: the most processes a pack is rendered by: six documents, three of them heavy
MAX_PROCESSES = 3

#: whether the helper has rendered a document, whose leftovers the next one frees first
_RENDERED = False


def available_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """True when helpers can be forked, and safely.

    Only where processes can fork (not on Windows) and safely (not on macOS, whose system
    libraries do not survive it), and never beside another thread: a forked child may find a
    lock held for ever by a thread it does not have.
    """
    return "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin" \
        and threading.active_count() == 1


def processes(environ: Mapping[str, str] = os.environ) -> int:
    """How many processes render a pack: ``$DOCTOOL_JOBS`` at most, one per CPU, up to three;
    one where helpers cannot be forked."""
    setting = environ.get(JOBS_VARIABLE, "").strip()
    if setting and not (setting.isdigit() and int(setting) > 0):
        raise SettingsError(
            f"{JOBS_VARIABLE}={setting!r} is not a number of processes; set it to 1 or more, "
            "or unset it"
        )
    wanted = int(setting) if setting else MAX_PROCESSES
    if not can_fork():
        return 1
    return max(1, min(wanted, MAX_PROCESSES, available_cpus()))


class Helpers:
    """Helper processes, forked at once, that load the PDF writer and its faces straight away
    (while the main process reads, translates and checks the report), then render the
    documents they are handed."""

    def __init__(self, count: int) -> None:
        #: how many helpers there are
        self.count = count
        #: where the briefs wait for a helper, one file each
        self._folder = tempfile.mkdtemp(prefix="doctool-render-")
        self._numbers = itertools.count()
        self._pool = ProcessPoolExecutor(
            max_workers=count, mp_context=multiprocessing.get_context("fork"),
            initializer=_warm_up,
        )
        # a pool that forks starts its processes with the first job it is given
        self._pool.submit(_ready)

    def render(self, brief: Brief, fmt: str, created: dt.datetime) -> Future[bytes]:
        """``brief`` rendered as ``fmt`` by the first helper free, dated ``created``."""
        path = os.path.join(self._folder, f"{next(self._numbers)}.{fmt}.pickle")
        with open(path, "wb") as handle:
            pickle.dump(brief, handle, protocol=pickle.HIGHEST_PROTOCOL)
        return self._pool.submit(_render, path, fmt, created)

    def close(self) -> None:
        """Drop what no helper has begun and wait for the rest: no helper outlives this."""
        try:
            self._pool.shutdown(wait=True, cancel_futures=True)
        finally:
            shutil.rmtree(self._folder, ignore_errors=True)


@contextlib.contextmanager
def started(environ: Mapping[str, str] = os.environ) -> Iterator[Helpers | None]:
    """Helpers for one pack, one fewer than :func:`processes`, for the block; None where the
    main process renders it alone."""
    count = processes(environ) - 1
    if count < 1:
        yield None
        return
    helpers = Helpers(count)
    try:
        yield helpers
    finally:
        helpers.close()


def _warm_up() -> None:
    """A helper's start: leave Ctrl-C to the main process, exit once it is gone, and load
    the PDF writer with every bundled face, which its documents need."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    # only time is saved here: what fails now fails again, with its own error, in _render
    with contextlib.suppress(Exception):
        from doctool.render import fonts, pdf_writer  # noqa: F401 - reportlab, the writer

        fonts.register_fonts()


def _ready() -> None:
    """Nothing: the job that makes a pool fork its helpers."""


def _exit_with(parent: multiprocessing.process.BaseProcess) -> None:
    """Wait for the main process to end, then end this helper: a killed build leaves none."""
    parent.join()
    os._exit(1)


def _render(path: str, fmt: str, created: dt.datetime) -> bytes:
    """The document of the brief pickled at ``path``, rendered as the main process would."""
    from doctool.render.writers import RENDERERS

    with open(path, "rb") as handle:
        brief: Brief = pickle.load(handle)
    global _RENDERED
    if _RENDERED:
        # the last document's reportlab objects refer to each other: freed now, they serve this
        # one instead of adding to the peak; freed before rather than after a document, so the
        # last one is not kept waiting. What survives (the fonts) is not walked again.
        gc.collect()
        gc.freeze()
    _RENDERED = True
    return RENDERERS[fmt](brief, created)
