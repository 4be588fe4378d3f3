"""The Argos engine on the tiny real model: offline, inside its own folder, one output per input.

argostranslate is imported once for the whole module (it pulls in torch and takes seconds).
Tests without the ``argos`` mark cover what works without argostranslate installed.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from doctool.errors import ModelError
from doctool.translate import engines
from doctool.translate.engines import (
    NO_ARGOS,
    NO_MODEL,
    ArgosEngine,
    argos_available,
    default_models_dir,
    make_engine,
)
from doctool.translate.models import install_package, packages_dir
from tests.argos_support import (
    FIXTURE_FOLDER,
    FIXTURE_MODEL,
    KNOWN_PAIRS,
    UNSEEN_PAIRS,
    block_network,
    isolate_home,
    needs_argos,
    tree,
    variant,
    without,
)


@dataclass
class World:
    """One engine on the installed fixture, and the folders it must leave alone."""

    engine: ArgosEngine
    models_dir: Path
    outside: dict[str, Path]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    root = tmp_path_factory.mktemp("argos")
    with pytest.MonkeyPatch.context() as patch:
        outside = isolate_home(patch, root)
        # blocked for the whole module: loading, translating and every test below
        block_network(patch)
        models_dir = root / "models"
        install_package(FIXTURE_MODEL, models_dir)
        yield World(ArgosEngine(models_dir), models_dir, outside)


# --- with argostranslate and the tiny model ------------------------------------------------


@pytest.mark.parametrize(("zh", "en"), KNOWN_PAIRS)
@needs_argos
def test_translates_training_sentences(world: World, zh: str, en: str) -> None:
    assert world.engine.translate([zh]) == [en]


@needs_argos
def test_copies_masks_it_never_saw_in_that_sentence(world: World) -> None:
    zh = [source for source, _ in UNSEEN_PAIRS]
    assert world.engine.translate(zh) == [target for _, target in UNSEEN_PAIRS]


@needs_argos
def test_one_output_per_input_in_order(world: World) -> None:
    texts = [KNOWN_PAIRS[1][0], "", "   ", KNOWN_PAIRS[0][0], KNOWN_PAIRS[1][0]]
    assert world.engine.translate(texts) == [
        KNOWN_PAIRS[1][1],
        "",
        "",
        KNOWN_PAIRS[0][1],
        KNOWN_PAIRS[1][1],
    ]
    assert world.engine.translate([]) == []


@needs_argos
def test_text_is_not_split_into_sentences(world: World) -> None:
    # the package's own splitter is replaced: two sentences in one text reach the model whole,
    # and the tiny model, trained on single sentences, does not give the two translations
    two = KNOWN_PAIRS[0][0] + KNOWN_PAIRS[1][0]
    assert world.engine.translate([two]) != [f"{KNOWN_PAIRS[0][1]} {KNOWN_PAIRS[1][1]}"]


@needs_argos
def test_network_is_really_blocked(world: World) -> None:
    with pytest.raises(OSError, match="blocked"):
        socket.create_connection(("127.0.0.1", 9), timeout=1)


@needs_argos
def test_nothing_written_outside_the_models_folder(world: World) -> None:
    world.engine.translate([KNOWN_PAIRS[0][0]])
    for variable, folder in world.outside.items():
        assert tree(folder) == [], f"something was written under {variable}"
    assert sorted(p.name for p in world.models_dir.iterdir()) == [
        ".install.lock",
        "packages",
        "runtime",
    ]
    assert sorted(p.name for p in packages_dir(world.models_dir).iterdir()) == [FIXTURE_FOLDER]


@needs_argos
def test_environment_is_restored_after_import(world: World) -> None:
    assert os.environ["XDG_DATA_HOME"] == str(world.outside["XDG_DATA_HOME"])
    assert os.environ["ARGOS_PACKAGES_DIR"] == str(world.outside["ARGOS_PACKAGES_DIR"])
    assert "ARGOS_CHUNK_TYPE" not in os.environ
    assert default_models_dir() == world.outside["XDG_DATA_HOME"] / "doctool" / "models"


@needs_argos
def test_package_without_a_splitter_still_works_offline(world: World, tmp_path: Path) -> None:
    # stock argostranslate would download a MiniSBD model for such a package
    bare = variant(tmp_path, "bare.argosmodel", without("/minisbd/", "/minisbd/zh.onnx"))
    install_package(bare, tmp_path / "models")
    assert not (packages_dir(tmp_path / "models") / FIXTURE_FOLDER / "minisbd").exists()
    engine = ArgosEngine(tmp_path / "models")
    assert engine.translate([KNOWN_PAIRS[0][0]]) == [KNOWN_PAIRS[0][1]]


@needs_argos
def test_fixture_splitter_works_with_argostranslate_itself(world: World) -> None:
    # the fixture is a complete package: argostranslate's own MiniSBD path runs it offline
    import argostranslate.package
    import argostranslate.translate as translate

    package = argostranslate.package.Package(packages_dir(world.models_dir) / FIXTURE_FOLDER)
    translation = translate.PackageTranslation(
        translate.Language("zh", "Chinese"), translate.Language("en", "English"), package
    )
    two = KNOWN_PAIRS[0][0] + KNOWN_PAIRS[2][0]
    assert translation.translate(two) == f"{KNOWN_PAIRS[0][1]} {KNOWN_PAIRS[2][1]}"


@needs_argos
def test_available_and_make_engine(world: World, tmp_path: Path) -> None:
    assert argos_available(world.models_dir)
    assert not argos_available(tmp_path / "empty")
    assert isinstance(make_engine("argos", world.models_dir), ArgosEngine)
    assert isinstance(make_engine("auto", world.models_dir), ArgosEngine)
    assert make_engine("auto", tmp_path / "empty") is None
    assert make_engine("memory", world.models_dir) is None
    with pytest.raises(ModelError, match="doctool models install"):
        make_engine("argos", tmp_path / "empty")


@needs_argos
def test_missing_model_says_how_to_install_one(world: World, tmp_path: Path) -> None:
    with pytest.raises(ModelError) as caught:
        ArgosEngine(tmp_path / "empty")
    assert str(caught.value) == NO_MODEL
    assert "doctool models install FILE.argosmodel" in NO_MODEL
    assert not (tmp_path / "empty").exists()


@needs_argos
def test_damaged_model_is_a_model_error(world: World, tmp_path: Path) -> None:
    install_package(FIXTURE_MODEL, tmp_path / "models")
    model_bin = packages_dir(tmp_path / "models") / FIXTURE_FOLDER / "model" / "model.bin"
    model_bin.write_bytes(b"not a model")
    with pytest.raises(ModelError, match=r"cannot be loaded.*reinstall it"):
        ArgosEngine(tmp_path / "models")


# --- without argostranslate ----------------------------------------------------------------


def test_without_argostranslate_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    install_package(FIXTURE_MODEL, tmp_path / "models")
    monkeypatch.setattr(engines, "argos_importable", lambda: False)
    with pytest.raises(ModelError) as caught:
        ArgosEngine(tmp_path / "models")
    assert str(caught.value) == NO_ARGOS
    assert "pip install 'doctool[mt]'" in NO_ARGOS
    assert "torch==2.13.0" in NO_ARGOS
    assert not argos_available(tmp_path / "models")
    assert make_engine("auto", tmp_path / "models") is None
    with pytest.raises(ModelError, match="doctool\\[mt\\]"):
        make_engine("argos", tmp_path / "models")


def test_memory_engine_is_none(tmp_path: Path) -> None:
    assert make_engine("memory", tmp_path) is None


def test_unknown_engine_name_is_a_bug() -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        make_engine("google", Path())  # type: ignore[arg-type]


def test_default_models_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.delenv("DOCTOOL_MODELS_DIR", raising=False)
    assert default_models_dir() == tmp_path / "home" / ".local" / "share" / "doctool" / "models"
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")
    assert default_models_dir() == tmp_path / "home" / ".local" / "share" / "doctool" / "models"
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_models_dir() == tmp_path / "data" / "doctool" / "models"
    monkeypatch.setenv("DOCTOOL_MODELS_DIR", str(tmp_path / "mine"))
    assert default_models_dir() == tmp_path / "mine"
