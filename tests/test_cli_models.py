"""``doctool models`` as a user runs it: install validates first, list shows what is there."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

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
