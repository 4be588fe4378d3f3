"""An OmegaT project for a build, and the translator's finished files read back.

The layout is OmegaT's own: ``omegat.project``, ``source/`` with the report's XLIFF,
``tm/auto/`` with the approved translations (OmegaT inserts exact matches from there),
``tm/`` with machine drafts as reference matches, ``glossary/`` with the term base in OmegaT's
tab-separated format, and ``target/`` where OmegaT writes the translated XLIFF.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from doctool.errors import ExchangeError
from doctool.xliff import TARGET_LANG

PROJECT_FILE = "omegat.project"
FOLDERS = ("source", "target", "tm", "tm/auto", "glossary", "dictionary", "omegat")
#: OmegaT's own tokenizers for the pair; the Chinese one segments words for matching
_PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>zh-CN</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>org.omegat.tokenizer.LuceneSmartChineseTokenizer</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


@dataclass(frozen=True)
class GlossaryRow:
    """A term as OmegaT's glossary holds it: source, target and a comment."""

    zh: str
    en: str
    comment: str = ""


def glossary_text(rows: Iterable[GlossaryRow]) -> str:
    """The term base in OmegaT's glossary format: UTF-8, one tab-separated term a line."""
    def clean(text: str) -> str:
        # a tab or line break inside a field would shift every column after it
        return " ".join(text.split())

    return "".join(f"{clean(r.zh)}\t{clean(r.en)}\t{clean(r.comment)}\n" for r in rows)


def project_files(
    name: str, xliff: bytes, approved_tmx: str, drafts_tmx: str, glossary: str
) -> dict[str, bytes]:
    """Every file of a new project, by its path inside the project folder."""
    return {
        PROJECT_FILE: _PROJECT.format(target=escape(TARGET_LANG.upper())).encode("utf-8"),
        f"source/{name}.xlf": xliff,
        "tm/auto/doctool-approved.tmx": approved_tmx.encode("utf-8"),
        "tm/doctool-drafts.tmx": drafts_tmx.encode("utf-8"),
        "glossary/glossary.txt": glossary.encode("utf-8"),
    }


def check_new_project(folder: Path) -> None:
    """Refuse to write a project over a folder that holds anything but an earlier project."""
    if folder.exists() and not folder.is_dir():
        raise ExchangeError(f"{folder}: is a file; give -o a folder for the OmegaT project")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / PROJECT_FILE).is_file():
        raise ExchangeError(
            f"{folder}: is not empty and holds no {PROJECT_FILE}; give -o a new or empty folder"
        )


def write_project(folder: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write the project's files, creating OmegaT's folders; the translator's target/ is kept."""
    from doctool.fsutil import atomic_write_bytes, ensure_dir

    ensure_dir(folder)
    for sub in FOLDERS:
        ensure_dir(folder / sub)
    written = []
    for relative, data in files.items():
        path = folder / relative
        atomic_write_bytes(path, data)
        written.append(path)
    return written


def translated_files(project: Path) -> list[Path]:
    """The XLIFF files OmegaT wrote into ``target/``; ExchangeError when there are none."""
    if not (project / PROJECT_FILE).is_file():
        raise ExchangeError(
            f"{project}: holds no {PROJECT_FILE}; give the folder `doctool omegat` created"
        )
    found = sorted((project / "target").glob("*.xlf"))
    if not found:
        raise ExchangeError(
            f"{project}/target/: holds no translated file; in OmegaT choose Project > "
            "Create Translated Documents (or run it with --mode=console-translate) first"
        )
    return found
