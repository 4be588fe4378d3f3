"""Finding the glossary folder the way git finds its repository, and naming its files."""

from __future__ import annotations

from pathlib import Path

from doctool.errors import GlossaryError

TERMS_FILE = "terms.tsv"


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
