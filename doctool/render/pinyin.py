"""The pinyin of Chinese terms, to put a glossary annex in pinyin order, remembered between builds.

pypinyin reads some 3 MB of dictionaries when it is imported: about 0.2 s and 55 MB before the
first reading. An annex needs the readings of the few hundred glossary terms that a report uses,
the same ones build after build, so the readings are kept in ``pinyin.json`` in doctool's cache
folder (``$XDG_CACHE_HOME/doctool``, else ``~/.cache/doctool``), stamped with the installed
pypinyin's files: another pypinyin version starts the cache afresh. pypinyin is imported only
for texts the cache lacks. The cache saves time and nothing else: one that is missing, stale,
damaged or cannot be written is ignored, and the readings are always pypinyin's own.

Layout reads no files: whoever lays out a brief loads the cache (:func:`load`), hands its
:meth:`Cache.readings` to the layout, and saves it afterwards (:meth:`Cache.save`).
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

CACHE_NAME = "pinyin.json"
#: the layout of the cache file; another number starts it afresh
_FORMAT = 1
#: the cache starts afresh rather than grow past this many texts
_MAX_ENTRIES = 100_000
#: pypinyin's files whose size and date stand for its version and its dictionaries
_STAMPED = ("__init__.py", "pinyin_dict.json", "phrases_dict.json")

#: a source of readings: ``pypinyin.lazy_pinyin`` of each text
Readings = Callable[[Iterable[str]], Mapping[str, list[str]]]


def cache_folder() -> Path | None:
    """doctool's cache folder: ``$XDG_CACHE_HOME/doctool``, else ``~/.cache/doctool`` (on Linux;
    the platform's own elsewhere); None without a home folder."""
    import platformdirs

    # platformdirs ignores a relative XDG_CACHE_HOME, as the XDG spec says
    try:
        return platformdirs.user_cache_path("doctool", appauthor=False)
    except RuntimeError:  # no home folder to be found
        return None


def uncached(texts: Iterable[str]) -> dict[str, list[str]]:
    """``pypinyin.lazy_pinyin(text)`` of each text, worked out now: no cache read or written."""
    from pypinyin import lazy_pinyin

    return {text: lazy_pinyin(text) for text in dict.fromkeys(texts)}


class Cache:
    """The readings remembered in one cache file, read once; new ones are kept for :meth:`save`."""

    def __init__(self, path: Path | None, stamp: str | None, known: dict[str, list[str]]) -> None:
        self.path = path
        self.stamp = stamp
        self._known = known
        #: the texts asked for since loading: what a cache grown too big is cut down to
        self._wanted: dict[str, None] = {}
        self._changed = False

    def readings(self, texts: Iterable[str]) -> dict[str, list[str]]:
        """``pypinyin.lazy_pinyin(text)`` of each text, from the cache where it has them."""
        wanted = list(dict.fromkeys(texts))
        self._wanted.update(dict.fromkeys(wanted))
        missing = [text for text in wanted if text not in self._known]
        if missing:
            self._known.update(uncached(missing))
            self._changed = True
        return {text: self._known[text] for text in wanted}

    def save(self) -> None:
        """Write the readings back if any are new, in one piece, or leave the file as it was."""
        if not self._changed or self.path is None or self.stamp is None:
            return
        known = self._known
        if len(known) > _MAX_ENTRIES:
            known = {text: known[text] for text in self._wanted}
        _save(self.path, self.stamp, known)
        self._changed = False


def load(folder: Path | None = None) -> Cache:
    """The cache in ``folder`` (default :func:`cache_folder`); empty if it is missing or unusable."""
    stamp = _stamp()
    folder = cache_folder() if folder is None else folder
    path = folder / CACHE_NAME if folder is not None and stamp is not None else None
    return Cache(path, stamp, _load(path, stamp) if path is not None else {})


def readings(texts: Iterable[str]) -> dict[str, list[str]]:
    """``pypinyin.lazy_pinyin(text)`` of each text through the cache: :func:`load`, look up, save."""
    cache = load()
    found = cache.readings(texts)
    cache.save()
    return found


def prepare() -> None:
    """Import pypinyin now if its readings will be needed: when there is no usable cache."""
    stamp = _stamp()
    folder = cache_folder()
    if stamp is None or folder is None or not _load(folder / CACHE_NAME, stamp):
        import pypinyin  # noqa: F401 - loads the dictionaries


def _stamp() -> str | None:
    """What identifies the installed pypinyin: its files' sizes and dates; None if not found."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent
    parts = []
    try:
        for name in _STAMPED:
            info = (folder / name).stat()
            parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    except OSError:
        return None
    return ";".join(parts)


def _load(path: Path, stamp: str | None) -> dict[str, list[str]]:
    """The cached readings, if the cache is there, intact and made by this pypinyin."""
    try:
        data: Any = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    if not (
        isinstance(data, dict) and data.get("format") == _FORMAT and data.get("pypinyin") == stamp
        and isinstance(data.get("readings"), dict)
    ):
        return {}
    found: dict[str, list[str]] = {}
    for text, reading in data["readings"].items():
        if isinstance(reading, list) and all(isinstance(part, str) for part in reading):
            found[text] = reading
    return found


def _save(path: Path, stamp: str, known: dict[str, list[str]]) -> None:
    """Write the cache in one piece (a temporary file renamed), or leave it as it was."""
    text = json.dumps({"format": _FORMAT, "pypinyin": stamp, "readings": known}, ensure_ascii=False)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, "utf-8")
        os.replace(tmp, path)
    except OSError:
        # a cache that cannot be written only costs time, next build
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
