"""Rebuilding the pack in a worker thread after an edit, one build at a time.

An edit asks for a rebuild and its page answers at once; the worker runs the same
:func:`doctool.pipeline.build` as ``doctool build``. Edits made while a build runs are folded
into one more build after it, so the pack always ends up reflecting the last edit.
"""

from __future__ import annotations

import io
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from doctool import pipeline
from doctool.errors import DoctoolError
from doctool.serve.project import Project
from doctool.ui import UI

State = Literal["idle", "queued", "running", "done", "failed"]

_log = logging.getLogger("doctool.serve")


@dataclass(frozen=True)
class Status:
    """Where the rebuilds stand: the state, a one-line message and how many have finished."""

    state: State = "idle"
    message: str = ""
    #: builds finished since the server started, failed ones included
    finished: int = 0
    at: float | None = None

    def as_json(self) -> dict[str, object]:
        """The status for the pages' script."""
        when = time.strftime("%H:%M:%S", time.localtime(self.at)) if self.at else None
        return {"state": self.state, "message": self.message, "finished": self.finished, "at": when}


def build_project(project: Project) -> str:
    """Build ``project``'s report into its build folder; a one-line summary of what it wrote."""
    if project.build is None or project.source is None:
        return "no build to update"
    stream = io.StringIO()
    snap = project.snapshot()
    date = snap.content.meeting.date if snap.content is not None else None
    # the date the pack already shows: a report that needed --date keeps it
    options = replace(project.options, glossary=project.glossary_dir, date=project.options.date or date)
    result = pipeline.build(project.source, project.build.parent, options, UI(quiet=True, stream=stream))
    return (
        f"pack rebuilt: {result.errors} errors, {result.warnings} warnings, "
        f"{result.untranslated} untranslated"
    )


class Rebuilder:
    """A worker thread that runs ``run`` whenever asked, once more if asked while it runs."""

    def __init__(self, run: Callable[[], str]) -> None:
        self._run = run
        self._cond = threading.Condition()
        self._pending = False
        self._stopped = False
        self._status = Status()
        self._thread = threading.Thread(target=self._loop, name="doctool-rebuild", daemon=True)

    def start(self) -> Rebuilder:
        """Start the worker; returns itself."""
        self._thread.start()
        return self

    def stop(self, timeout: float = 120.0) -> None:
        """Let a running build finish, then end the worker."""
        with self._cond:
            self._stopped = True
            self._cond.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def request(self) -> None:
        """Ask for a rebuild (after the one running, if any)."""
        with self._cond:
            self._pending = True
            if self._status.state != "running":
                self._status = replace(self._status, state="queued", message="rebuild queued")
            self._cond.notify_all()

    def status(self) -> Status:
        """The current status."""
        with self._cond:
            return self._status

    def wait(self, timeout: float) -> Status:
        """Wait until no build is queued or running (for tests and shutdown); the status then."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while (self._pending or self._status.state in ("queued", "running")) and not self._stopped:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(left)
            return self._status

    def _loop(self) -> None:
        while True:
            with self._cond:
                while not self._pending and not self._stopped:
                    self._cond.wait()
                if self._stopped:
                    return
                self._pending = False
                self._status = replace(self._status, state="running", message="rebuilding the pack…")
            state: State = "done"
            try:
                message = self._run()
            except DoctoolError as exc:
                state, message = "failed", f"the rebuild failed: {exc}"
            except Exception as exc:  # a bug: keep serving, and log its traceback
                _log.exception("rebuild failed")
                state = "failed"
                message = f"the rebuild failed ({type(exc).__name__}: {exc}); see the server's log"
            with self._cond:
                finished = self._status.finished + 1
                self._status = Status(state, message, finished, time.time())
                if self._pending:
                    self._status = replace(self._status, state="queued")
                self._cond.notify_all()
