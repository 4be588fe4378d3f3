"""``doctool models`` as a user runs it: install validates first, list shows what is there."""

from __future__ import annotations

import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, Run

TINY = FIXTURES / "models" / "tiny-zh-en.argosmodel"


def test_install_then_list(cli: Callable[..., Run], tmp_path: Path) -> None:
    models = tmp_path / "models"
    result = cli("models", "--models-dir", models, "install", TINY)
    assert result.code == 0, result.err
    assert "installed" in result.err
    listed = cli("models", "--models-dir", models, "list")
    assert listed.code == 0
    assert listed.out.startswith("zh\ten\t")


def test_list_when_empty_says_how_to_install(cli: Callable[..., Run], tmp_path: Path) -> None:
    result = cli("models", "--models-dir", tmp_path / "none", "list")
    assert result.code == 0
    assert "doctool models install" in result.err


def test_corrupt_package_is_refused_and_nothing_written(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.argosmodel"
    broken.write_bytes(TINY.read_bytes()[: len(TINY.read_bytes()) // 2])
    models = tmp_path / "models"
    result = cli("models", "--models-dir", models, "install", broken)
    assert result.code == 6
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert not any(models.rglob("metadata.json"))


def test_package_with_parent_paths_is_refused(cli: Callable[..., Run], tmp_path: Path) -> None:
    evil = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(TINY) as good, zipfile.ZipFile(evil, "w") as bad:
        for item in good.infolist():
            bad.writestr(item, good.read(item))
        bad.writestr("../escape.txt", "x")
    models = tmp_path / "models"
    result = cli("models", "--models-dir", models, "install", evil)
    assert result.code == 6
    assert not (tmp_path / "escape.txt").exists()
    assert not any(models.rglob("metadata.json"))


def _with_entry(tmp_path: Path, name: str, data: bytes, mode: int | None = None) -> Path:
    """The fixture model with one more entry, as a new .argosmodel file."""
    path = tmp_path / "hostile.argosmodel"
    with zipfile.ZipFile(TINY) as good, zipfile.ZipFile(path, "w") as bad:
        for item in good.infolist():
            bad.writestr(item, good.read(item))
        entry = zipfile.ZipInfo(name)
        if mode is not None:
            entry.create_system = 3  # unix, so that the file type bits are read
            entry.external_attr = mode << 16
        bad.writestr(entry, data)
    return path


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("case", ["absolute", "symlink", "not-a-zip"])
def test_hostile_package_is_refused_leaving_the_installed_one(
    cli: Callable[..., Run], tmp_path: Path, case: str
) -> None:
    """Absolute paths, symbolic links and non-zip files: exit 6, one line, the old install kept."""
    models = tmp_path / "models"
    assert cli("models", "--models-dir", models, "install", TINY).code == 0
    before = _tree(models)
    escaped = tmp_path / "escaped.txt"
    if case == "absolute":
        package = _with_entry(tmp_path, str(escaped), b"x")
    elif case == "symlink":
        with zipfile.ZipFile(TINY) as good:
            top = good.namelist()[0].split("/")[0]
        package = _with_entry(tmp_path, f"{top}/link", b"/etc/passwd", stat.S_IFLNK | 0o777)
    else:
        package = tmp_path / "notes.argosmodel"
        package.write_text("zh,en\n重庆,Chongqing\n", "utf-8")
    result = cli("models", "--models-dir", models, "install", package)
    assert result.code == 6
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert not escaped.exists()
    assert _tree(models) == before
    assert not [p for p in models.rglob("*") if p.is_symlink()]
