"""Safe file writes: a temporary file in the same folder, flushed, then renamed into place.

Killing doctool at any moment leaves either the old complete file or the new complete one.
The temporary file is a hidden sibling, ``.<name>.XXXXXXXX.tmp``; a process killed with
SIGKILL cannot remove its own, so whoever next writes into that folder under its lock removes
those left over from earlier runs (:func:`clean_stale_temp`).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO

from doctool.errors import DoctoolError, OutputError

TEMP_SUFFIX = ".tmp"
# what tempfile.mkstemp(prefix=".<name>.", suffix=".tmp") makes: eight random characters
_RANDOM = "[a-z0-9_]{8}"
_TEMP_NAME = re.compile(rf"\..+\.{_RANDOM}\.tmp")


def _check_parent(path: Path) -> None:
    parent = path.parent
    if parent.exists() and not parent.is_dir():
        raise OutputError(f"{parent} is a file, not a folder; choose another output path")
    if path.is_dir():
        raise OutputError(f"{path} is a folder; give a file name to write to")


def _make_temp(path: Path) -> tuple[int, Path]:
    """A new hidden temporary sibling of ``path``, open for writing: (descriptor, path)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    except OSError as exc:
        raise OutputError(
            f"cannot write to {path.parent}: {exc.strerror or exc}; choose a writable folder"
        ) from None
    return fd, Path(tmp_name)


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "wb") -> Iterator[IO[bytes]]:
    """Open a temporary sibling of ``path`` for writing; rename it over ``path`` on success."""
    path = Path(path)
    _check_parent(path)
    fd, tmp = _make_temp(path)
    try:
        with os.fdopen(fd, mode) as handle:
            yield handle
            try:
                handle.flush()
                os.fsync(handle.fileno())
            except OSError as exc:
                raise _cannot_write(path, exc) from None
        try:
            if path.exists():
                # keep the permissions a user gave the file they are replacing
                os.chmod(tmp, path.stat().st_mode & 0o7777)
            else:
                os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except OSError as exc:
            raise _cannot_write(path, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _sync_folder(path.parent)


def _cannot_write(path: Path, exc: OSError) -> OutputError:
    return OutputError(f"cannot write {path}: {exc.strerror or exc}; free some space or choose another path")


def _sync_folder(folder: Path) -> None:
    """Make a rename durable across a power cut; best effort (not every system can)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _stage(path: Path, data: bytes) -> Path:
    """``data`` in a flushed temporary sibling of ``path``, with the permissions ``path`` has."""
    fd, tmp = _make_temp(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o7777 if path.exists() else 0o644)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise _cannot_write(path, exc) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def atomic_write_all(
    files: Mapping[Path, bytes], before_replacing: Callable[[], None] | None = None
) -> None:
    """Write several files so that a failure replaces none of them.

    Every file is first written in full to its temporary sibling; only then are they renamed
    into place, one after the other. A full disk or a refused write on the last file leaves
    all the old files as they were; only a kill in the instant of the renames mixes old and new.
    ``before_replacing`` runs once everything is staged, just before the first rename.
    """
    targets = [Path(path) for path in files]
    for path in targets:
        _check_parent(path)
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in zip(targets, files.values(), strict=True):
            staged.append((_stage(path, data), path))
        if before_replacing is not None:
            before_replacing()
        for tmp, path in staged:
            try:
                os.replace(tmp, path)
            except OSError as exc:
                raise _cannot_write(path, exc) from None
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    for folder in dict.fromkeys(path.parent for path in targets):
        _sync_folder(folder)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    atomic_write_all({Path(path): data})


def atomic_write_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically as UTF-8."""
    atomic_write_bytes(path, text.encode("utf-8"))


def is_temp_name(name: str, of: str | None = None) -> bool:
    """True for the name of a temporary file :func:`atomic_open` makes (for file ``of``)."""
    if of is not None:
        return re.fullmatch(rf"\.{re.escape(of)}\.{_RANDOM}\.tmp", name) is not None
    return _TEMP_NAME.fullmatch(name) is not None


def clean_stale_temp(folder: Path, before: float | None = None, of: str | None = None) -> list[Path]:
    """Remove temporary files that killed runs left in ``folder``; the paths removed.

    Only files named as :func:`atomic_open` names them (and, given ``of``, only those of that
    file), and only those last modified before ``before`` (a ``time.time()`` value, default
    now), so a file another writer is still filling is left alone. Call it holding the lock
    that guards writes into ``folder``.
    """
    cutoff = time.time() if before is None else before
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not is_temp_name(entry.name, of):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue  # gone already, or not ours to remove: never fail a write over it
    return removed


@contextlib.contextmanager
def locked(path: Path, *, timeout: float, busy: DoctoolError) -> Iterator[None]:
    """Hold the lock file ``path`` for the block; raise ``busy`` if it is not had in ``timeout`` s.

    ``busy`` is the one-line error, saying what to do, for when another doctool holds the lock.
    """
    # imported here: most runs that load this module never take a lock
    import filelock

    try:
        with filelock.FileLock(str(path), timeout=timeout):
            yield
    except filelock.Timeout:
        raise busy from None


def ensure_dir(folder: Path) -> None:
    """Create ``folder`` and its parents; OutputError, saying what to do, if that fails."""
    folder = Path(folder)
    for parent in (folder, *folder.parents):
        if parent.exists():
            if not parent.is_dir():
                raise OutputError(f"{parent} is a file, not a folder; choose another output folder")
            break
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create {folder}: {exc.strerror or exc}; choose a folder you can write to"
        ) from None


def check_writable(folder: Path) -> None:
    """Refuse early, before any work, an output folder that cannot be created or written."""
    folder = Path(folder)
    for parent in (folder, *folder.parents):
        if not parent.exists():
            continue
        if not parent.is_dir():
            raise OutputError(f"{parent} is a file, not a folder; choose another output folder")
        if not os.access(parent, os.W_OK | os.X_OK):
            raise OutputError(f"cannot write to {parent} (permission denied); choose a writable folder")
        return
