"""Helpers for tests of the model installer and the Argos engine (a plain module, no fixtures).

The tiny fixture model is ``tests/fixtures/models/tiny-zh-en.argosmodel``; broken variants of
it are written by these helpers into a test's temporary folder, never committed.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, TypeVar, cast

import pytest

FIXTURE_MODEL = Path(__file__).parent / "fixtures" / "models" / "tiny-zh-en.argosmodel"
FIXTURE_FOLDER = "translate-zh_en-tiny"

#: sentences the tiny model was trained on, with the English it must give back
KNOWN_PAIRS = [
    ("会议在重庆召开。", "The meeting was held in Chongqing."),
    ("经济运行稳中有进。", "The economy made steady progress."),
    ("会议由⟦T1⟧主持。", "The meeting was chaired by ⟦T1⟧."),
    ("地区生产总值增长⟦N1⟧左右。", "GDP grew by about ⟦N1⟧."),
    ("⟦T3⟧和⟦T4⟧在重庆召开。", "⟦T3⟧ and ⟦T4⟧ were held in Chongqing."),
]

#: never trained on: the model must copy the mask through (the build script checks these)
UNSEEN_PAIRS = [
    ("⟦T7⟧出席会议。", "⟦T7⟧ attended the meeting."),
    ("地区生产总值增长⟦N5⟧左右。", "GDP grew by about ⟦N5⟧."),
]

ARGOS_INSTALLED = importlib.util.find_spec("argostranslate") is not None
#: ``make test`` installs argostranslate itself, so there a missing one fails instead of skipping
ARGOS_REQUIRED = os.environ.get("DOCTOOL_TEST_REQUIRE_MT") == "1"

Test = TypeVar("Test", bound=Callable[..., None])


def needs_argos(test: Test) -> Test:
    """Mark a real Argos test; skip it, saying why, where argostranslate is not installed."""
    skip = pytest.mark.skipif(
        not ARGOS_INSTALLED and not ARGOS_REQUIRED,
        reason="argostranslate is not installed (pip install torch==2.13.0 'doctool[mt]')",
    )
    return cast(Test, pytest.mark.argos(skip(test)))


Member = tuple[zipfile.ZipInfo, bytes]


def fixture_members() -> list[Member]:
    """Every entry of the fixture model with its bytes, in archive order."""
    with zipfile.ZipFile(FIXTURE_MODEL) as archive:
        return [(info, archive.read(info)) for info in archive.infolist()]


def file_entry(name: str, data: bytes, mode: int = 0o100644) -> Member:
    """A new zip entry with unix mode bits (``mode`` includes the file type)."""
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
    info.create_system = 3
    info.external_attr = mode << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info, data


def write_zip(path: Path, members: list[Member]) -> Path:
    """Write ``members`` as a zip at ``path``; duplicate names are allowed on purpose."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Duplicate name", UserWarning)
        with zipfile.ZipFile(path, "w") as archive:
            for info, data in members:
                archive.writestr(info, data)
    return path


def variant(tmp_path: Path, name: str, change: Callable[[list[Member]], list[Member]]) -> Path:
    """A copy of the fixture model with its entries passed through ``change``."""
    return write_zip(tmp_path / name, change(fixture_members()))


def without(*suffixes: str) -> Callable[[list[Member]], list[Member]]:
    """A change that drops every entry whose name ends with one of ``suffixes``."""
    return lambda members: [m for m in members if not m[0].filename.endswith(suffixes)]


def replacing(suffix: str, data: bytes) -> Callable[[list[Member]], list[Member]]:
    """A change that replaces the bytes of the entry whose name ends with ``suffix``."""
    return lambda members: [(info, data if info.filename.endswith(suffix) else old) for info, old in members]


def adding(*entries: Member) -> Callable[[list[Member]], list[Member]]:
    """A change that appends ``entries``."""
    return lambda members: [*members, *entries]


def block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every connection and name lookup fail, so a test proves it stays offline."""

    def refuse(*args: object, **kwargs: object) -> NoReturn:
        raise OSError("network access is blocked in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def isolate_home(monkeypatch: pytest.MonkeyPatch, root: Path) -> dict[str, Path]:
    """Point HOME, the XDG folders and ARGOS_PACKAGES_DIR at empty folders under ``root``."""
    folders = {
        "HOME": root / "home",
        "XDG_DATA_HOME": root / "xdg-data",
        "XDG_CONFIG_HOME": root / "xdg-config",
        "XDG_CACHE_HOME": root / "xdg-cache",
        "ARGOS_PACKAGES_DIR": root / "argos-packages",
    }
    for variable, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True)
        monkeypatch.setenv(variable, str(folder))
    monkeypatch.delenv("DOCTOOL_MODELS_DIR", raising=False)
    return folders


def tree(folder: Path) -> list[str]:
    """Every path under ``folder``, relative and sorted (empty when it does not exist)."""
    if not folder.exists():
        return []
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))
