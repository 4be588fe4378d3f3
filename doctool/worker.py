"""A helper process forked from doctool's own, for work that can run beside it on another CPU.

A build spends most of its time rendering, and rendering a PDF needs what nothing else needs:
reportlab, the parsed fonts, pypinyin for the annex's order. A :class:`Worker` is forked early
and loads all that (``warm_up``) while the main process reads, translates and checks the report;
then it runs one job, a generator of named results (a pack's Chinese and bilingual PDFs, say),
and the main process collects each result by name when it needs it.

Results, and the first exception a job raises, travel back pickled; an exception is raised in
the main process as it was raised in the worker, so a :class:`~doctool.errors.DoctoolError` ends
the command with its own message and exit status. Without ``os.fork``, on one CPU, or when the
fork fails, the job runs in the main process instead, lazily, as its results are asked for; if
the worker dies, the main process does the job itself. Either way the results are the same.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from queue import SimpleQueue
from types import TracebackType
from typing import Any

try:
    import fcntl
except ImportError:  # not on a Unix
    fcntl = None  # type: ignore[assignment]

Job = Callable[..., Iterator[tuple[str, Any]]]

#: each message is its length (8 bytes, big-endian), then the pickle
_HEADER = struct.Struct(">Q")
#: what a pipe is asked to hold: Linux lets any process have 1 MiB (fs.pipe-max-size)
_PIPE_SIZE = 1 << 20


def available_cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """True when a worker can run in parallel, and safely.

    That needs ``os.fork`` and a second CPU, and this process must have no other thread: the
    child of a threaded process may find a lock held for ever by a thread it does not have.
    """
    return hasattr(os, "fork") and available_cpus() > 1 and threading.active_count() == 1


class Worker:
    """One helper process: ``warm_up`` at once, then one :data:`Job`, collected by name.

    Use it as a context manager: leaving the block stops a worker that is still busy (after an
    error elsewhere) and waits for it, so none outlives the build that started it.
    """

    def __init__(self, warm_up: Callable[[], None] | None = None, *, fork: bool | None = None) -> None:
        self._pid: int | None = None
        self._send_fd = self._recv_fd = -1
        self._results: dict[str, Any] = {}
        self._inline: Iterator[tuple[str, Any]] | None = None
        self._job: tuple[Job, tuple[Any, ...]] | None = None
        self._finished = False
        self._error: BaseException | None = None
        if can_fork() if fork is None else fork:
            self._fork(warm_up)

    @property
    def forked(self) -> bool:
        """True when the job runs in a process of its own."""
        return self._pid is not None

    def _fork(self, warm_up: Callable[[], None] | None) -> None:
        to_child = os.pipe()
        from_child = os.pipe()
        for _, write_end in (to_child, from_child):
            _widen(write_end)
        # what this process has buffered must not be written twice, by the child as well
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        try:
            pid = os.fork()
        except OSError:
            for fd in (*to_child, *from_child):
                os.close(fd)
            return
        if pid == 0:
            status = 1
            try:
                os.close(to_child[1])
                os.close(from_child[0])
                _serve(to_child[0], from_child[1], warm_up)
                status = 0
            finally:
                # never back into the caller's code: no cleanup handlers, no buffers flushed twice
                os._exit(status)
        os.close(to_child[0])
        os.close(from_child[1])
        self._pid, self._send_fd, self._recv_fd = pid, to_child[1], from_child[0]

    def start(self, job: Job, *args: Any) -> None:
        """Hand the worker its job (pickled: ``job`` must be a module-level function)."""
        self._job = (job, args)
        if self._pid is None:
            self._inline = job(*args)
            return
        try:
            _write(self._send_fd, pickle.dumps((job, args), protocol=pickle.HIGHEST_PROTOCOL))
        except OSError:
            # the worker is gone already: do the job here
            self._inline = job(*args)

    def result(self, key: str) -> Any:
        """The job's result ``key``, waiting for it; the job's exception if it failed first."""
        while key not in self._results:
            if self._error is not None:
                raise self._error
            if self._inline is not None:
                try:
                    name, value = next(self._inline)
                except StopIteration:
                    raise KeyError(f"the job gave no result {key!r}") from None
                except Exception as exc:
                    # as from a worker: the job is over, and this is the answer from now on
                    self._error = exc
                    raise
                self._results[name] = value
                continue
            message = _read(self._recv_fd) if not self._finished else None
            if message is None:
                if self._finished:
                    raise KeyError(f"the job gave no result {key!r}")
                self._redo_here()
                continue
            kind, payload = message
            if kind == "item":
                name, value = payload
                self._results[name] = value
            elif kind == "done":
                self._finished = True
            else:
                self._finished = True
                self._error = payload
        return self._results[key]

    def _redo_here(self) -> None:
        """The worker died without a word (killed, out of memory): run its job here instead."""
        assert self._job is not None, "result() before start()"
        job, args = self._job
        done = set(self._results)
        self._inline = ((name, value) for name, value in job(*args) if name not in done)

    def close(self) -> None:
        """Stop the worker if it is still at work, and wait for it."""
        if self._pid is None:
            return
        pid, self._pid = self._pid, None
        for fd in (self._send_fd, self._recv_fd):
            os.close(fd)
        if not self._finished:
            # its results are no longer wanted (an error elsewhere, or an interrupt)
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)

    def __enter__(self) -> Worker:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _serve(recv_fd: int, send_fd: int, warm_up: Callable[[], None] | None) -> None:
    """The worker's life: warm up, take the job, send each result, then the end or the error."""
    sender = _Sender(send_fd)
    # the job is read while the worker warms up: the main process must not wait, pipe full,
    # until the worker is ready to listen
    requests: SimpleQueue[bytes | None] = SimpleQueue()
    reader = threading.Thread(
        target=lambda: requests.put(_read_bytes(recv_fd)), name="doctool-worker-reader", daemon=True
    )
    reader.start()
    try:
        if warm_up is not None:
            # a failure here: the job meets the same problem where it matters and reports it there
            with contextlib.suppress(Exception):
                warm_up()
        request = requests.get()
        if request is None:
            return
        job, args = pickle.loads(request)
        for name, value in job(*args):
            sender.send(("item", (name, value)))
        sender.send(("done", None))
    except BaseException as exc:
        sender.send(("error", _portable(exc)))
    finally:
        sender.close()


def _portable(exc: BaseException) -> BaseException:
    """``exc`` if it survives pickling, else a RuntimeError that says what it was; either way
    with the worker's traceback as a note, for when it is a bug."""
    note = "raised in doctool's helper process:\n" + "".join(traceback.format_exception(exc))
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        exc = RuntimeError(f"{type(exc).__name__}: {exc}")
    if not isinstance(exc, KeyboardInterrupt):
        exc.add_note(note)
    return exc


class _Sender:
    """Sends messages from a thread of their own: a result bigger than the pipe holds must not
    stop the worker until the main process, busy with its own documents, reads it."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._queue: SimpleQueue[bytes | None] = SimpleQueue()
        self._thread = threading.Thread(target=self._pump, name="doctool-worker-sender", daemon=True)
        self._thread.start()

    def send(self, message: tuple[str, Any]) -> None:
        """Queue ``message`` (pickled now, so that it is sent as it is at this moment)."""
        self._queue.put(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    def close(self) -> None:
        """Wait until every queued message is written, or the main process has gone."""
        self._queue.put(None)
        self._thread.join()

    def _pump(self) -> None:
        while (data := self._queue.get()) is not None:
            try:
                _write(self._fd, data)
            except OSError:
                # the main process stopped listening: nothing left to send to
                return


def _widen(fd: int) -> None:
    """Let the pipe of ``fd`` hold a whole document where the system allows (Linux, 1 MiB),
    so that neither side waits for the other to read."""
    set_size = getattr(fcntl, "F_SETPIPE_SZ", None) if fcntl is not None else None
    if set_size is not None:
        with contextlib.suppress(OSError):
            fcntl.fcntl(fd, set_size, _PIPE_SIZE)


def _write(fd: int, data: bytes) -> None:
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        view = view[os.write(fd, view) :]


def _read(fd: int) -> Any:
    """The next message, or None at the end of the pipe."""
    data = _read_bytes(fd)
    return None if data is None else pickle.loads(data)


def _read_bytes(fd: int) -> bytes | None:
    """The next message still pickled, or None at the end of the pipe."""
    header = _read_exactly(fd, _HEADER.size)
    if header is None:
        return None
    return _read_exactly(fd, _HEADER.unpack(header)[0])


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks: list[bytes] = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)
