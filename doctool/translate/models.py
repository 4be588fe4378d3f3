"""Offline translation models: check an ``.argosmodel`` file, install it, list what is installed.

An ``.argosmodel`` file is a zip holding one folder: ``metadata.json``, a CTranslate2 model in
``model/`` and a SentencePiece model ``sentencepiece.model`` (optionally a sentence splitter in
``minisbd/`` or ``stanza/``). argostranslate's own installer unzips whatever it is given into
its package folder, and one bad folder there breaks every later language lookup, so doctool
checks the archive completely first and installs it with plain file operations into the same
layout: ``<models_dir>/packages/<package folder>/``.

``metadata.json`` may leave out ``type``: argostranslate reads a missing type as
``"translate"``, so doctool does too; any other type is refused.
"""

from __future__ import annotations

import ctypes
import json
import os
import re
import shutil
import stat
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path

from doctool.errors import ModelError
from doctool.fsutil import locked

#: the language pair doctool translates
FROM_CODE = "zh"
TO_CODE = "en"

#: refuse archives that would unpack to more than this (a zip bomb, or not a model)
MAX_TOTAL_SIZE = 2 * 1024**3
#: refuse members above MIN_RATIO_CHECK bytes that compress better than this: model weights
#: barely compress, a bomb compresses a thousandfold
MAX_RATIO = 100
MIN_RATIO_CHECK = 1024**2
MAX_MEMBERS = 10_000
MAX_METADATA_SIZE = 1024**2

_PACKAGE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,99}")
_UNUSABLE = "download or rebuild the .argosmodel file"
_UNSAFE = "get the model again from a source you trust"


@dataclass(frozen=True)
class PackageInfo:
    """What an Argos package says about itself; ``name`` is its folder name."""

    from_code: str
    to_code: str
    package_version: str
    name: str


@dataclass(frozen=True)
class _Checked:
    info: PackageInfo
    members: list[tuple[zipfile.ZipInfo, tuple[str, ...]]]


def packages_dir(models_dir: Path) -> Path:
    """The folder holding one sub-folder per installed package (argostranslate's layout)."""
    return Path(models_dir) / "packages"


def validate_package(path: Path) -> PackageInfo:
    """Check an ``.argosmodel`` file completely; raise ModelError saying what is wrong."""
    path = Path(path)
    with _open_archive(path) as archive:
        return _check(archive, path).info


def install_package(path: Path, models_dir: Path) -> PackageInfo:
    """Validate and install a zh→en package, replacing any zh→en package installed before."""
    path = Path(path)
    models_dir = Path(models_dir)
    with _open_archive(path) as archive:
        checked = _check(archive, path)
        # nothing has been written so far: a refused file leaves models_dir as it was
        try:
            packages = packages_dir(models_dir)
            packages.mkdir(parents=True, exist_ok=True)
            with _install_lock(models_dir):
                _install(archive, checked, models_dir, path)
        except OSError as exc:
            raise ModelError(
                f"cannot install {path} into {models_dir}: {exc.strerror or exc}; "
                "check the folder's permissions and free space"
            ) from None
    return checked.info


def list_packages(models_dir: Path) -> list[PackageInfo]:
    """Installed translation packages, sorted by folder name; unreadable folders are left out."""
    folder = packages_dir(models_dir)
    if not folder.is_dir():
        return []
    found = []
    for child in sorted(folder.iterdir()):
        info = _installed_info(child)
        if info is not None:
            found.append(info)
    return found


def installed_package(models_dir: Path) -> Path | None:
    """The folder of the installed zh→en package, or None when there is none."""
    for info in list_packages(models_dir):
        if (info.from_code, info.to_code) == (FROM_CODE, TO_CODE):
            return packages_dir(models_dir) / info.name
    return None


# --- checking ------------------------------------------------------------------------------


@contextmanager
def _open_archive(path: Path) -> Iterator[zipfile.ZipFile]:
    if not path.is_file():
        what = "is a folder" if path.is_dir() else "does not exist"
        raise ModelError(f"{path} {what}; give the path of an .argosmodel file")
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ModelError(f"{path} is not a zip archive, or is truncated; {_UNUSABLE}") from None
    except OSError as exc:
        raise ModelError(f"cannot read {path}: {exc.strerror or exc}") from None
    with archive:
        yield archive


def _refuse(path: Path, problem: str, fix: str = _UNUSABLE) -> ModelError:
    return ModelError(f"{path}: {problem}; {fix}")


def _check(archive: zipfile.ZipFile, path: Path) -> _Checked:
    infos = archive.infolist()
    if not infos:
        raise _refuse(path, "the archive is empty")
    if len(infos) > MAX_MEMBERS:
        raise _refuse(path, f"the archive holds {len(infos)} entries, more than {MAX_MEMBERS}")
    members = [(info, _safe_parts(info, path)) for info in infos]
    _check_sizes(infos, path)
    top = _single_top_folder(members, path)
    files = {"/".join(parts[1:]) for info, parts in members if not info.is_dir()}
    _check_tree(members, path)
    if "metadata.json" not in files:
        raise _refuse(path, f"{top}/metadata.json is missing")
    info = _read_metadata(archive, f"{top}/metadata.json", top, path)
    if "model/model.bin" not in files:
        raise _refuse(path, f"{top}/model/model.bin (the CTranslate2 model) is missing")
    if "sentencepiece.model" not in files:
        raise _refuse(path, f"{top}/sentencepiece.model (the SentencePiece model) is missing")
    _check_checksums(archive, path)
    return _Checked(info, members)


def _safe_parts(info: zipfile.ZipInfo, path: Path) -> tuple[str, ...]:
    """The path components of one entry, refusing anything that could land outside a folder."""
    name = info.filename
    shown = ascii(name)
    if "\\" in name:
        raise _refuse(path, f"entry {shown} uses backslashes, unsafe to unpack", _UNSAFE)
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        raise _refuse(path, f"entry {shown} is an absolute path, unsafe to unpack", _UNSAFE)
    parts = tuple(name[:-1].split("/") if name.endswith("/") else name.split("/"))
    if ".." in parts:
        raise _refuse(path, f"entry {shown} has a '..' component, unsafe to unpack", _UNSAFE)
    if any(part in ("", ".") or not part.isprintable() for part in parts):
        raise _refuse(
            path,
            f"entry {shown} has an empty, '.' or unprintable path component, unsafe to unpack",
            _UNSAFE,
        )
    if info.flag_bits & 0x1:
        raise _refuse(path, f"entry {shown} is encrypted")
    # the file type is only recorded by unix zip tools (create_system 3); others carry none
    kind = stat.S_IFMT(info.external_attr >> 16) if info.create_system == 3 else 0
    if kind == stat.S_IFLNK:
        raise _refuse(path, f"entry {shown} is a symbolic link, unsafe to unpack", _UNSAFE)
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise _refuse(path, f"entry {shown} is a special file, unsafe to unpack", _UNSAFE)
    return parts


def _check_sizes(infos: list[zipfile.ZipInfo], path: Path) -> None:
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_SIZE:
        raise _refuse(
            path,
            f"it would unpack to {total} bytes, more than the {MAX_TOTAL_SIZE} allowed",
            _UNSAFE,
        )
    for info in infos:
        if info.file_size > MIN_RATIO_CHECK and info.file_size > MAX_RATIO * info.compress_size:
            raise _refuse(
                path,
                f"entry {info.filename!a} unpacks {info.compress_size} bytes into "
                f"{info.file_size} (like a zip bomb)",
                _UNSAFE,
            )


def _single_top_folder(members: list[tuple[zipfile.ZipInfo, tuple[str, ...]]], path: Path) -> str:
    tops = sorted({parts[0] for _, parts in members})
    if len(tops) != 1:
        shown = ", ".join(tops[:3]) + (", ..." if len(tops) > 3 else "")
        raise _refuse(
            path,
            f"it has {len(tops)} top-level entries ({shown}) but an Argos package is exactly one folder",
        )
    top = tops[0]
    if any(len(parts) == 1 and not info.is_dir() for info, parts in members):
        raise _refuse(path, f"its only top-level entry {top} is a file, not a folder")
    if not _PACKAGE_NAME.fullmatch(top):
        raise _refuse(
            path,
            f"its folder name {top!a} is not a plain name (letters, digits, . _ + -)",
        )
    return top


def _check_tree(members: list[tuple[zipfile.ZipInfo, tuple[str, ...]]], path: Path) -> None:
    """Refuse duplicate entries and a file that is also used as a folder."""
    seen: set[tuple[str, ...]] = set()
    files: set[tuple[str, ...]] = set()
    folders: set[tuple[str, ...]] = set()
    for info, parts in members:
        if parts in seen and not info.is_dir():
            raise _refuse(path, f"entry {'/'.join(parts)!a} appears twice")
        seen.add(parts)
        (folders if info.is_dir() else files).add(parts)
        folders.update(parts[:i] for i in range(1, len(parts)))
    clash = files & folders
    if clash:
        raise _refuse(path, f"{'/'.join(min(clash))!a} is both a file and a folder")


def _read_metadata(archive: zipfile.ZipFile, member: str, top: str, path: Path) -> PackageInfo:
    if archive.getinfo(member).file_size > MAX_METADATA_SIZE:
        raise _refuse(path, f"{member} is larger than {MAX_METADATA_SIZE} bytes")
    try:
        metadata = json.loads(archive.read(member).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _refuse(path, f"{member} is not valid UTF-8 JSON ({exc})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
        raise _refuse(path, f"{member} cannot be unpacked ({exc})") from None
    if not isinstance(metadata, dict):
        raise _refuse(path, f"{member} holds a {type(metadata).__name__}, not an object")
    kind = metadata.get("type", "translate")
    if kind != "translate":
        raise _refuse(
            path,
            f"its type is {kind!r} (in metadata.json), not 'translate'",
            f"install a {FROM_CODE}→{TO_CODE} translation model",
        )
    codes = metadata.get("from_code"), metadata.get("to_code")
    if codes != (FROM_CODE, TO_CODE):
        if all(isinstance(code, str) for code in codes):
            problem = f"it translates {codes[0]}→{codes[1]} but doctool needs {FROM_CODE}→{TO_CODE}"
        else:
            problem = f"{member} names no language pair (from_code, to_code)"
        raise _refuse(path, problem, f"install a {FROM_CODE}→{TO_CODE} Argos model")
    version = metadata.get("package_version", "")
    if not isinstance(version, str):
        raise _refuse(path, f"package_version in {member} is not a string")
    return PackageInfo(FROM_CODE, TO_CODE, version, top)


def _check_checksums(archive: zipfile.ZipFile, path: Path) -> None:
    try:
        bad = archive.testzip()
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
        raise _refuse(path, f"the archive is damaged ({exc})") from None
    if bad is not None:
        raise _refuse(path, f"entry {bad!a} is damaged (its checksum does not match)")


# --- installing ----------------------------------------------------------------------------


def _install_lock(models_dir: Path) -> AbstractContextManager[None]:
    busy = ModelError(
        f"another install into {models_dir} has held its lock for a minute; "
        "wait for it to finish, then try again"
    )
    return locked(models_dir / ".install.lock", timeout=60, busy=busy)


def _install(archive: zipfile.ZipFile, checked: _Checked, models_dir: Path, path: Path) -> None:
    packages = packages_dir(models_dir)
    _remove_stale_staging(models_dir)
    # staging sits beside packages/, not in it: argostranslate treats every folder in
    # packages/ as a package, and a same-filesystem rename is what makes the switch atomic
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=models_dir))
    try:
        _extract(archive, checked.members, staging / "new", path)
        name = checked.info.name
        target = packages / name
        fresh = staging / "new" / name
        if not (target.exists() or target.is_symlink()):
            os.rename(fresh, target)
        elif not _exchange(fresh, target):
            # no atomic exchange here: two renames, with the old copy put back on failure
            os.rename(target, staging / "old")
            try:
                os.rename(fresh, target)
            except OSError:
                os.rename(staging / "old", target)
                raise
        # one zh→en package at a time: a second one under another name would shadow this one
        for other in list_packages(models_dir):
            if other.name != name and (other.from_code, other.to_code) == (FROM_CODE, TO_CODE):
                os.rename(packages / other.name, staging / f"retired-{other.name}")
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where that is not available.

    A plain rename cannot replace a non-empty folder, so without this a reader could find no
    package for the instant between moving the old copy out and the new one in.
    """
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    return bool(result == 0)


def _remove_stale_staging(models_dir: Path) -> None:
    """Remove what an install killed half-way left behind (safe: we hold the install lock)."""
    for leftover in models_dir.glob(".install-*"):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def _extract(
    archive: zipfile.ZipFile,
    members: list[tuple[zipfile.ZipInfo, tuple[str, ...]]],
    root: Path,
    path: Path,
) -> None:
    """Unpack checked members under ``root``, never writing more than each one declares."""
    for info, parts in members:
        target = root.joinpath(*parts)
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        left = info.file_size
        try:
            with archive.open(info) as source, open(target, "xb") as sink:
                while chunk := source.read(1024**2):
                    left -= len(chunk)
                    if left < 0:
                        raise _refuse(path, f"entry {info.filename!a} unpacks to more than it declares")
                    sink.write(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            # the file changed on disk since it was checked
            raise _refuse(path, f"entry {info.filename!a} cannot be unpacked ({exc})") from None


def _installed_info(folder: Path) -> PackageInfo | None:
    if folder.name.startswith(".") or not folder.is_dir():
        return None
    try:
        metadata = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(metadata, dict) or metadata.get("type", "translate") != "translate":
        return None
    from_code, to_code = metadata.get("from_code"), metadata.get("to_code")
    version = metadata.get("package_version", "")
    if not (isinstance(from_code, str) and isinstance(to_code, str) and isinstance(version, str)):
        return None
    return PackageInfo(from_code, to_code, version, folder.name)
