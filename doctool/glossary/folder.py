"""Finding the glossary folder the way git finds its repository, and naming its files.

The term base may come in layers: ``layers/NN-name.tsv`` are read first, in the order of their
file names (national, province, city), and ``terms.tsv``, the project's layer, last.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from doctool.errors import GlossaryError

TERMS_FILE = "terms.tsv"
#: the folder of the layers read before terms.tsv
LAYERS_DIR = "layers"
#: the name of terms.tsv as a layer
PROJECT_LAYER = "project"

_ORDER_PREFIX = re.compile(r"^\d+[-_.]?")


@dataclass(frozen=True)
class Layer:
    """One term-base file of a glossary folder and the name it goes by (``national``)."""

    name: str
    path: Path


def layer_name(path: Path) -> str:
    """A layer's name: its file name without the order prefix and suffix (10-national.tsv)."""
    stem = Path(path).stem
    return _ORDER_PREFIX.sub("", stem) or stem


def glossary_layers(glossary_dir: Path) -> list[Layer]:
    """The layers of a glossary folder, first read first: layers/*.tsv by name, then terms.tsv.

    terms.tsv is always the last layer, whether it exists yet or not.
    """
    folder = Path(glossary_dir) / LAYERS_DIR
    files = sorted(folder.glob("*.tsv")) if folder.is_dir() else []
    layers = [Layer(layer_name(path), path) for path in files if path.is_file()]
    return [*layers, Layer(PROJECT_LAYER, terms_path(glossary_dir))]


def find_layer(glossary_dir: Path, name: str | None) -> Layer:
    """The layer called ``name`` (or by its file stem, 10-national); None: the project's."""
    layers = glossary_layers(glossary_dir)
    if name is None:
        return layers[-1]
    for layer in layers:
        if name in (layer.name, layer.path.stem, layer.path.name):
            return layer
    names = ", ".join(layer.name for layer in layers)
    raise GlossaryError(
        f"--layer {name}: no such layer in {display_path(Path(glossary_dir))} (it has {names}); "
        f"to start one, create {LAYERS_DIR}/NN-{name}.tsv with the header row of {TERMS_FILE}"
    )


def display_path(path: Path) -> str:
    """``path`` relative to the current folder when it is inside it, for messages."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def find_glossary_dir(start: Path | None = None, override: Path | None = None) -> Path:
    """The glossary folder: ``override``, else ``glossary/`` here or in the nearest parent."""
    if override is not None:
        override = Path(override)
        if not override.is_dir():
            raise GlossaryError(
                f"--glossary {override}: no such folder; give the folder that holds {TERMS_FILE}"
            )
        return override
    here = Path(start if start is not None else Path.cwd()).resolve()
    # the installed package is never a place to keep (and later write) a term base
    package = Path(__file__).resolve().parents[1]
    for folder in (here, *here.parents):
        candidate = folder / "glossary"
        if candidate.is_dir() and not candidate.resolve().is_relative_to(package):
            return candidate
    raise GlossaryError(
        f"no glossary/ folder in {here} or any folder above it; run doctool inside a project "
        "that has one, create glossary/, or pass --glossary DIR"
    )


def terms_path(glossary_dir: Path) -> Path:
    """The term-base file of a glossary folder."""
    return Path(glossary_dir) / TERMS_FILE
