"""Checking, installing and listing .argosmodel packages (no argostranslate needed)."""

from __future__ import annotations

import json
import stat
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from doctool.errors import ModelError
from doctool.translate import models
from doctool.translate.models import (
    PackageInfo,
    install_package,
    installed_package,
    list_packages,
    packages_dir,
    validate_package,
)
from tests.argos_support import (
    FIXTURE_FOLDER,
    FIXTURE_MODEL,
    Member,
    adding,
    file_entry,
    fixture_members,
    replacing,
    tree,
    variant,
    without,
    write_zip,
)

FIXTURE_INFO = PackageInfo("zh", "en", "0.1", FIXTURE_FOLDER)


def fixture_metadata() -> dict[str, object]:
    with zipfile.ZipFile(FIXTURE_MODEL) as archive:
        loaded: dict[str, object] = json.loads(archive.read(f"{FIXTURE_FOLDER}/metadata.json"))
    return loaded


def with_metadata(**changes: object) -> Callable[[list[Member]], list[Member]]:
    """A change that rewrites metadata.json; a value of None removes the key."""
    metadata = fixture_metadata()
    for key, value in changes.items():
        if value is None:
            metadata.pop(key, None)
        else:
            metadata[key] = value
    return replacing("/metadata.json", json.dumps(metadata).encode())


def renamed_folder(name: str) -> Callable[[list[Member]], list[Member]]:
    """A change that moves every entry under another top-level folder."""

    def change(members: list[Member]) -> list[Member]:
        moved = []
        for info, data in members:
            new = zipfile.ZipInfo(name + info.filename[len(FIXTURE_FOLDER) :], info.date_time)
            new.create_system, new.external_attr = info.create_system, info.external_attr
            new.compress_type = info.compress_type
            moved.append((new, data))
        return moved

    return change


def flipped(data: bytes, member: str) -> bytes:
    """``data`` (a zip) with bytes in the middle of ``member``'s compressed data inverted."""
    with zipfile.ZipFile(FIXTURE_MODEL) as archive:
        info = archive.getinfo(member)
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 :][:4])
    start = info.header_offset + 30 + name_length + extra_length + info.compress_size // 2
    damaged = bytearray(data)
    damaged[start : start + 64] = bytes(b ^ 0xFF for b in damaged[start : start + 64])
    return bytes(damaged)


@pytest.fixture
def models_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "models"
    folder.mkdir()
    return folder


def assert_refused(path: Path, models_dir: Path, *fragments: str) -> None:
    """Both validate and install refuse ``path``, name it, and write nothing."""
    attempts: list[Callable[[], PackageInfo]] = [
        lambda: validate_package(path),
        lambda: install_package(path, models_dir),
    ]
    for attempt in attempts:
        with pytest.raises(ModelError) as caught:
            attempt()
        message = str(caught.value)
        assert str(path) in message
        assert "\n" not in message
        for fragment in fragments:
            assert fragment in message
        assert caught.value.exit_code == 6
    assert tree(models_dir) == []


# --- what is accepted ----------------------------------------------------------------------


def test_fixture_is_valid() -> None:
    assert validate_package(FIXTURE_MODEL) == FIXTURE_INFO


def test_fixture_is_small() -> None:
    # committed to the repository: it must stay small
    assert FIXTURE_MODEL.stat().st_size < 1024**2


def test_metadata_without_type_is_a_translation_package(tmp_path: Path) -> None:
    # argostranslate reads a missing "type" as "translate"
    path = variant(tmp_path, "no-type.argosmodel", with_metadata(type=None))
    assert validate_package(path) == FIXTURE_INFO


def test_metadata_without_version_gives_empty_version(tmp_path: Path) -> None:
    path = variant(tmp_path, "no-version.argosmodel", with_metadata(package_version=None))
    assert validate_package(path).package_version == ""


def test_archive_without_folder_entries_is_accepted(tmp_path: Path) -> None:
    path = variant(tmp_path, "files-only.argosmodel", lambda ms: [m for m in ms if not m[0].is_dir()])
    assert validate_package(path) == FIXTURE_INFO


# --- what is refused -----------------------------------------------------------------------

ROOT = FIXTURE_FOLDER
BAD_PACKAGES: dict[str, tuple[Callable[[list[Member]], list[Member]], str]] = {
    "dot-dot": (adding(file_entry(f"{ROOT}/../evil", b"x")), "'..'"),
    "dot-dot-first": (adding(file_entry("../evil", b"x")), "'..'"),
    "absolute": (adding(file_entry("/tmp/evil", b"x")), "absolute path"),
    "drive-letter": (adding(file_entry("C:/evil", b"x")), "absolute path"),
    "backslash": (adding(file_entry(f"{ROOT}\\..\\evil", b"x")), "backslashes"),
    "symlink": (
        adding(file_entry(f"{ROOT}/link", b"/etc/passwd", stat.S_IFLNK | 0o777)),
        "symbolic link",
    ),
    "fifo": (adding(file_entry(f"{ROOT}/pipe", b"", stat.S_IFIFO | 0o644)), "special file"),
    "two-folders": (adding(file_entry("other/README.md", b"x")), "2 top-level entries"),
    "stray-file": (adding(file_entry("stray.txt", b"x")), "2 top-level entries"),
    "hidden-folder": (renamed_folder(".hidden"), "not a plain name"),
    "file-at-top": (
        lambda ms: [file_entry("metadata.json", json.dumps(fixture_metadata()).encode())],
        "is a file, not a folder",
    ),
    "no-metadata": (without("/metadata.json"), "metadata.json is missing"),
    "metadata-not-json": (replacing("/metadata.json", b"{not json"), "not valid UTF-8 JSON"),
    "metadata-not-utf8": (replacing("/metadata.json", "{}".encode("utf-16")), "UTF-8 JSON"),
    "metadata-list": (replacing("/metadata.json", b"[]"), "not an object"),
    "sbd-package": (with_metadata(type="sbd"), "its type is 'sbd'"),
    "en-de": (with_metadata(from_code="en", to_code="de"), "translates en→de"),
    "zh-ja": (with_metadata(to_code="ja"), "translates zh→ja"),
    "no-codes": (with_metadata(from_code=None, to_code=None), "names no language pair"),
    "version-number": (with_metadata(package_version=1.9), "package_version"),
    "no-sentencepiece": (without("/sentencepiece.model"), "sentencepiece.model"),
    "no-model-bin": (without("/model/model.bin"), "model/model.bin"),
    "no-model-folder": (
        without("/model/model.bin", "/model/", "/model/config.json", "/model/shared_vocabulary.json"),
        "model/model.bin",
    ),
    "duplicate": (adding(file_entry(f"{ROOT}/README.md", b"again")), "appears twice"),
    "file-and-folder": (
        adding(file_entry(f"{ROOT}/model/model.bin/x", b"x")),
        "both a file and a folder",
    ),
    "bomb": (adding(file_entry(f"{ROOT}/padding.bin", bytes(4 * 1024**2))), "zip bomb"),
}


@pytest.mark.parametrize("case", sorted(BAD_PACKAGES))
def test_bad_package_is_refused_and_nothing_written(case: str, tmp_path: Path, models_dir: Path) -> None:
    change, fragment = BAD_PACKAGES[case]
    path = variant(tmp_path, f"{case}.argosmodel", change)
    assert_refused(path, models_dir, fragment)


def test_missing_file_is_refused(tmp_path: Path, models_dir: Path) -> None:
    assert_refused(tmp_path / "absent.argosmodel", models_dir, "does not exist")


def test_folder_is_refused(tmp_path: Path, models_dir: Path) -> None:
    (tmp_path / "pkg.argosmodel").mkdir()
    assert_refused(tmp_path / "pkg.argosmodel", models_dir, "is a folder")


def test_not_a_zip_is_refused(tmp_path: Path, models_dir: Path) -> None:
    path = tmp_path / "text.argosmodel"
    path.write_text("会议在重庆召开。\n", encoding="utf-8")
    assert_refused(path, models_dir, "not a zip archive")


def test_truncated_zip_is_refused(tmp_path: Path, models_dir: Path) -> None:
    data = FIXTURE_MODEL.read_bytes()
    path = tmp_path / "truncated.argosmodel"
    path.write_bytes(data[: len(data) // 2])
    assert_refused(path, models_dir, "truncated")


def test_zip_cut_inside_its_directory_is_refused(tmp_path: Path, models_dir: Path) -> None:
    data = FIXTURE_MODEL.read_bytes()
    path = tmp_path / "cut.argosmodel"
    path.write_bytes(data[:-30])
    assert_refused(path, models_dir)


def test_corrupt_member_is_refused(tmp_path: Path, models_dir: Path) -> None:
    path = tmp_path / "corrupt.argosmodel"
    path.write_bytes(flipped(FIXTURE_MODEL.read_bytes(), f"{ROOT}/model/model.bin"))
    assert_refused(path, models_dir, "damaged")


def test_empty_zip_is_refused(tmp_path: Path, models_dir: Path) -> None:
    assert_refused(write_zip(tmp_path / "empty.argosmodel", []), models_dir, "empty")


def test_oversized_archive_is_refused(
    tmp_path: Path, models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the real limit is 2 GB; lower it rather than write gigabytes
    monkeypatch.setattr(models, "MAX_TOTAL_SIZE", 10_000)
    assert_refused(FIXTURE_MODEL, models_dir, "more than the 10000 allowed")


def test_refused_package_leaves_an_existing_install_alone(tmp_path: Path, models_dir: Path) -> None:
    install_package(FIXTURE_MODEL, models_dir)
    before = tree(models_dir)
    bad = variant(tmp_path, "bad.argosmodel", without("/sentencepiece.model"))
    with pytest.raises(ModelError):
        install_package(bad, models_dir)
    assert tree(models_dir) == before
    assert list_packages(models_dir) == [FIXTURE_INFO]


def test_unwritable_models_dir_is_a_model_error(tmp_path: Path) -> None:
    blocker = tmp_path / "models"
    blocker.write_text("a file where the models folder should be")
    with pytest.raises(ModelError, match="cannot install"):
        install_package(FIXTURE_MODEL, blocker)


# --- installing and listing ----------------------------------------------------------------


def test_install_lays_out_the_package_like_argostranslate(models_dir: Path) -> None:
    assert install_package(FIXTURE_MODEL, models_dir) == FIXTURE_INFO
    package = packages_dir(models_dir) / FIXTURE_FOLDER
    assert installed_package(models_dir) == package
    for name in ("metadata.json", "sentencepiece.model", "model/model.bin", "minisbd/zh.onnx"):
        assert (package / name).is_file()
    # only the package and the install lock: no staging folder is left behind
    assert sorted(p.name for p in models_dir.iterdir()) == [".install.lock", "packages"]
    for path in package.rglob("*"):
        assert not path.is_symlink()
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) & 0o111 == 0


def test_installed_files_match_the_archive(models_dir: Path) -> None:
    install_package(FIXTURE_MODEL, models_dir)
    for info, data in fixture_members():
        if not info.is_dir():
            assert (packages_dir(models_dir) / info.filename).read_bytes() == data


def test_install_into_missing_folder_creates_it(tmp_path: Path) -> None:
    install_package(FIXTURE_MODEL, tmp_path / "a" / "b")
    assert list_packages(tmp_path / "a" / "b") == [FIXTURE_INFO]


def test_reinstall_replaces_the_old_copy(models_dir: Path) -> None:
    install_package(FIXTURE_MODEL, models_dir)
    package = packages_dir(models_dir) / FIXTURE_FOLDER
    (package / "left-over.txt").write_text("from the old install")
    install_package(FIXTURE_MODEL, models_dir)
    assert not (package / "left-over.txt").exists()
    assert list_packages(models_dir) == [FIXTURE_INFO]
    assert sorted(p.name for p in models_dir.iterdir()) == [".install.lock", "packages"]


def test_reinstall_without_atomic_exchange_still_replaces(
    models_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # where renameat2 is missing the old copy is moved aside, then the new one in
    monkeypatch.setattr(models, "_exchange", lambda a, b: False)
    install_package(FIXTURE_MODEL, models_dir)
    package = packages_dir(models_dir) / FIXTURE_FOLDER
    (package / "left-over.txt").write_text("from the old install")
    install_package(FIXTURE_MODEL, models_dir)
    assert not (package / "left-over.txt").exists()
    assert list_packages(models_dir) == [FIXTURE_INFO]


def test_new_zh_en_package_retires_the_old_one(tmp_path: Path, models_dir: Path) -> None:
    install_package(FIXTURE_MODEL, models_dir)
    newer = variant(tmp_path, "newer.argosmodel", renamed_folder("translate-zh_en-2_0"))
    info = install_package(newer, models_dir)
    assert info.name == "translate-zh_en-2_0"
    assert list_packages(models_dir) == [info]
    assert installed_package(models_dir) == packages_dir(models_dir) / "translate-zh_en-2_0"


def test_install_clears_what_a_killed_install_left(models_dir: Path) -> None:
    stale = models_dir / ".install-killed"
    (stale / "new").mkdir(parents=True)
    install_package(FIXTURE_MODEL, models_dir)
    assert not stale.exists()


def test_list_packages_of_missing_folder_is_empty(tmp_path: Path) -> None:
    assert list_packages(tmp_path / "nowhere") == []
    assert installed_package(tmp_path / "nowhere") is None


def test_list_packages_skips_what_is_not_a_package(models_dir: Path) -> None:
    install_package(FIXTURE_MODEL, models_dir)
    packages = packages_dir(models_dir)
    (packages / "junk").mkdir()
    (packages / "broken").mkdir()
    (packages / "broken" / "metadata.json").write_text("{")
    (packages / "notes.txt").write_text("not a folder")
    (packages / "sbd").mkdir()
    (packages / "sbd" / "metadata.json").write_text('{"type": "sbd"}')
    assert list_packages(models_dir) == [FIXTURE_INFO]


def test_list_packages_shows_other_language_pairs(models_dir: Path) -> None:
    install_package(FIXTURE_MODEL, models_dir)
    other = packages_dir(models_dir) / "translate-en_de"
    other.mkdir()
    (other / "metadata.json").write_text('{"from_code": "en", "to_code": "de", "package_version": "1.0"}')
    assert list_packages(models_dir) == [
        PackageInfo("en", "de", "1.0", "translate-en_de"),
        FIXTURE_INFO,
    ]
    assert installed_package(models_dir) == packages_dir(models_dir) / FIXTURE_FOLDER
