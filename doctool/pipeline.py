"""The whole pipeline for one source: read, extract, translate, check, render."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from doctool import content_io
from doctool.errors import OutputError
from doctool.extract import extract_with_repairs
from doctool.extract.reader import read_source
from doctool.ui import UI

EngineName = Literal["auto", "memory", "argos"]


@dataclass(frozen=True)
class BuildOptions:
    """Choices that shape a build."""

    date: dt.date | None = None
    glossary: Path | None = None
    engine: EngineName = "auto"
    models_dir: Path | None = None


@dataclass(frozen=True)
class BuildResult:
    """Where a build wrote its outputs and whether QA found errors or gaps."""

    folder: Path
    outputs: tuple[Path, ...]
    errors: int = 0
    untranslated: int = 0

    @property
    def clean(self) -> bool:
        """True when QA found no errors and every segment is translated."""
        return self.errors == 0 and self.untranslated == 0


def slug_of(source: Path) -> str:
    """The output folder name of a source: its file stem."""
    return Path(source).stem


def output_folder(out_dir: Path, source: Path) -> Path:
    """``out_dir/<slug>``, refusing a path that is a file."""
    folder = Path(out_dir) / slug_of(source)
    for path in (Path(out_dir), folder):
        if path.exists() and not path.is_dir():
            raise OutputError(f"{path} is a file, not a folder; choose another --out")
    return folder


def build(source: Path, out_dir: Path, options: BuildOptions, ui: UI) -> BuildResult:
    """Build one source into ``out_dir/<slug>/``."""
    from doctool.commands.extract import known_program_names

    text = read_source(source)
    folder = output_folder(out_dir, source)
    extraction = extract_with_repairs(
        text, date=options.date, known_programs=known_program_names(ui, options.glossary)
    )
    content = extraction.content
    content_path = folder / "content.yaml"
    content_io.save(content, content_path)
    ui.info(f"{source}: wrote {content_path}")
    return BuildResult(folder, (content_path,))
