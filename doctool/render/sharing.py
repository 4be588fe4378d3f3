"""Documents rendered by forked helper processes while the main process renders the rest.

A pack's documents are independent once its briefs are laid out, and a PDF takes several times
as long as a DOCX; on a machine with two or more CPUs, helpers forked from the main process
render the heaviest PDFs beside it. Forked, a helper already holds the briefs and everything
imported so far: only the finished document's bytes travel back, pickled.

A helper renders with :data:`doctool.render.writers.RENDERERS` exactly as the main process
would, so a document is the same, byte for byte, wherever it is rendered; a
:class:`~doctool.errors.DoctoolError` it raises reaches the caller as raised, and a helper
that dies is a bug (``BrokenProcessPool``, with its traceback). Helpers ignore Ctrl-C, which
the main process handles, and exit when it is gone.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from doctool.errors import SettingsError

if TYPE_CHECKING:
    import datetime as dt

    from doctool.render.brief import Brief, BriefLang

#: the environment variable that caps the processes rendering a pack (1: the main one alone)
JOBS_VARIABLE = "DOCTOOL_JOBS"
#: the most processes a pack is rendered by: six documents, three of them heavy
MAX_PROCESSES = 3

#: the briefs and date of the pack a helper renders documents of, set as it starts
_BRIEFS: Mapping[BriefLang, Brief] = {}
_CREATED: dt.datetime | None = None
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


@contextlib.contextmanager
def helpers(
    briefs: Mapping[BriefLang, Brief], created: dt.datetime,
    documents: Sequence[tuple[BriefLang, str]], count: int,
) -> Iterator[dict[tuple[BriefLang, str], Future[bytes]]]:
    """``count`` helpers forked now, rendering ``documents`` (heaviest first) of ``briefs``:
    each document's future, by (edition, format). None are forked for no documents.

    Leaving the block drops what no helper has begun and waits for the rest, so no helper
    outlives it.
    """
    if count < 1 or not documents:
        yield {}
        return
    pool = ProcessPoolExecutor(
        max_workers=count, mp_context=multiprocessing.get_context("fork"),
        initializer=_adopt, initargs=(briefs, created),
    )
    try:
        yield {document: pool.submit(_render, *document) for document in documents}
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _adopt(briefs: Mapping[BriefLang, Brief], created: dt.datetime) -> None:
    """A helper's start: keep the pack it renders documents of, leave Ctrl-C to the main
    process, and exit once the main process is gone."""
    global _BRIEFS, _CREATED
    # forked: the briefs come over as they are, not pickled
    _BRIEFS, _CREATED = briefs, created
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: multiprocessing.process.BaseProcess) -> None:
    """Wait for the main process to end, then end this helper: a killed build leaves none."""
    parent.join()
    os._exit(1)


def _render(lang: BriefLang, fmt: str) -> bytes:
    """One document of the helper's pack, rendered as the main process would."""
    from doctool.render.writers import RENDERERS

    global _RENDERED
    if _RENDERED:
        # the last document's reportlab objects refer to each other: freed now, they serve this
        # one instead of adding to the peak; freed before rather than after a document, so the
        # last one is not kept waiting. What survives (the fonts) is not walked again.
        gc.collect()
        gc.freeze()
    _RENDERED = True
    return RENDERERS[fmt](_BRIEFS[lang], _CREATED)
