"""The whole pipeline for one source: read, extract, translate, check, render.

``build`` writes ``OUT/<slug>/``: the six documents, ``content.yaml`` and ``qa.json``. A
manifest of what the outputs were built from makes an unchanged rebuild a no-op, and a
translation cache in the folder means a changed glossary re-translates only what it touches.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doctool import __version__
from doctool.errors import ModelError, OutputError, RenderError
from doctool.fsutil import (
    atomic_write_all,
    atomic_write_bytes,
    check_writable,
    clean_stale_temp,
    ensure_dir,
    locked,
)
from doctool.render import pack
from doctool.render.pack import DOCUMENTS

# only what every build needs, an unchanged one included, is imported here: the rest (the
# extractor, the translator, the checks, the renderers) is imported where it is used, so that
# a no-op rebuild does not spend most of its time loading them
from doctool.translate.fuzzy import DEFAULT_THRESHOLD
from doctool.ui import UI

if TYPE_CHECKING:
    from doctool.glossary.matcher import TermMatcher
    from doctool.model import Content
    from doctool.render.sharing import Helpers
    from doctool.settings import HouseSettings
    from doctool.translate.engines import Engine, EngineName
    from doctool.translate.llm import LLMSettings
    from doctool.translate.translator import Glossary, TranslationResult

MANIFEST = ".doctool-build.json"
#: held while a build writes into its folder; hidden, like the manifest
LOCK = ".doctool-build.lock"
#: seconds to wait for another build writing into the same folder
LOCK_TIMEOUT = 60.0
def undated(source: Path) -> str:
    """The warning for a report whose text does not settle the meeting date."""
    return (
        f"{source}: the text does not settle the meeting date, so none is shown; "
        "give it with --date YYYY-MM-DD"
    )


HOW_TO_FIX = (
    "add their English to glossary/memory.tmx, or install a model with "
    "doctool models install FILE.argosmodel, then build again"
)


@dataclass(frozen=True)
class BuildOptions:
    """Choices that shape a build."""

    date: dt.date | None = None
    glossary: Path | None = None
    engine: EngineName = "auto"
    models_dir: Path | None = None
    strict: bool = False
    force: bool = False
    #: the lowest similarity of a fuzzy memory match; None: exact matches only
    fuzzy: int | None = DEFAULT_THRESHOLD
    #: the llm engine's server and model; unset, they come from the environment
    llm_url: str | None = None
    llm_model: str | None = None

    #: the report's place for scoped glossary terms; None: the place the report names
    place: str | None = None
    #: the house settings file; None: doctool.toml in the project folder, if any
    settings: Path | None = None

    def llm_settings(self) -> LLMSettings:
        """The llm engine's settings: these options, else the environment; ModelError if unusable."""
        from doctool.translate.llm import LLMSettings

        return LLMSettings.from_env(self.llm_url, self.llm_model)


@dataclass(frozen=True)
class BuildResult:
    """Where a build wrote its outputs and what QA found."""

    folder: Path
    outputs: tuple[Path, ...]
    errors: int = 0
    warnings: int = 0
    untranslated: int = 0
    up_to_date: bool = False

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


def _engine_identity(options: BuildOptions) -> str:
    """Which engine a build would use, cheaply: Argos's model folder and date, or llm's server and model."""
    if options.engine == "memory":
        return "memory"
    if options.engine == "llm":
        return options.llm_settings().identity
    from doctool.translate.engines import argos_available, default_models_dir
    from doctool.translate.models import installed_package

    models_dir = options.models_dir or default_models_dir()
    if options.engine == "auto" and not argos_available(models_dir):
        return "memory"
    package = installed_package(models_dir)
    stamp = f"{package}:{package.stat().st_mtime_ns}" if package else "missing"
    return f"argos:{stamp}"


def _digest(
    source_bytes: bytes, glossary_dir: Path, options: BuildOptions, settings: Path | None = None,
) -> str:
    from doctool.glossary.folder import glossary_layers

    h = hashlib.sha256()
    h.update(f"doctool {__version__}\0".encode())
    h.update(source_bytes)
    # the masthead and the 报尾 come from the house settings: an edit there rebuilds the pack
    h.update(b"\0settings " + (settings.read_bytes() if settings is not None else b""))
    layers = [layer.path for layer in glossary_layers(glossary_dir)]
    for path in (*layers, glossary_dir / "memory.tmx"):
        h.update(b"\0" + (path.read_bytes() if path.exists() else b""))
    h.update(f"\0{options.date}\0{_engine_identity(options)}\0{options.strict}\0{options.fuzzy}".encode())
    if options.place is not None:
        h.update(f"\0place {options.place}".encode())
    return h.hexdigest()


def _relative(path: Path, folder: Path) -> str:
    """``path`` as seen from ``folder``, so the record holds when the project moves."""
    try:
        return os.path.relpath(path.resolve(), folder.resolve())
    except ValueError:  # another drive
        return str(path.resolve())


def read_manifest(folder: Path) -> dict[str, Any]:
    """What the last build of ``folder`` recorded (digest, outputs, qa, source); {} if none."""
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


@contextmanager
def _progress(ui: UI, total: int, label: str) -> Iterator[Any]:
    """A progress bar on a terminal; a no-op otherwise."""
    if not ui.interactive:
        yield lambda: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    # redrawn as it advances, not by a thread of its own: rendering forks helpers, which
    # must not be forked beside another thread (see doctool.render.sharing)
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
        console=ui.console, transient=True, auto_refresh=False,
    ) as progress:
        task = progress.add_task(label, total=total)
        yield lambda: progress.update(task, advance=1, refresh=True)


@dataclass
class ProgressEngine:
    """Feeds an engine in batches so a progress bar can follow machine translation."""

    engine: Engine
    ui: UI
    batch: int = 16

    def __post_init__(self) -> None:
        from doctool.translate.cache import engine_identity

        self.name = self.engine.name
        # the cache keys on the identity of the engine doing the work, not of this wrapper
        self.identity = engine_identity(self.engine)

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate ``texts`` batch by batch, advancing the bar."""
        out: list[str] = []
        with _progress(self.ui, len(texts), "translating") as advance:
            for start in range(0, len(texts), self.batch):
                chunk = list(texts[start : start + self.batch])
                out.extend(self.engine.translate(chunk))
                for _ in chunk:
                    advance()
        return out


def _require(engine: Engine | None) -> Engine:
    """The engine, or the engine module's own error for why there is none."""
    if engine is None:
        from doctool.translate.engines import NO_ARGOS, NO_MODEL, argos_importable

        raise ModelError(NO_MODEL if argos_importable() else NO_ARGOS)
    return engine


def glossary_for_place(glossary: Glossary, content: Content, place: str | None = None) -> Glossary:
    """The glossary as it applies to ``content``, from ``place`` (else the place it names).

    Scoped terms of other places and memory units that render them are left out, before any
    matcher is built, so the translator, the checks and the annex never see them.
    """
    from dataclasses import replace

    from doctool.glossary.scope import memory_for_place, report_place

    where = report_place(content, place)
    return replace(
        glossary,
        termbase=glossary.termbase.for_place(where),
        memory=memory_for_place(glossary.memory, glossary.termbase, where),
    )


def translate_content(
    content: Content, glossary: Glossary, options: BuildOptions, cache: Path | None, ui: UI,
    matcher: TermMatcher | None = None,
) -> TranslationResult:
    """Translate with the memory and, for what it lacks, the chosen engine behind a cache."""
    from doctool.translate.cache import CachingEngine, LazyEngine
    from doctool.translate.engines import argos_available, default_models_dir, make_engine
    from doctool.translate.translator import translate

    models_dir = options.models_dir or default_models_dir()
    identity = _engine_identity(options)
    engine: Engine | None = None
    if identity != "memory":
        # built only if a segment misses the cache; a broken model still fails the build then
        llm = options.llm_settings() if options.engine == "llm" else None
        engine = LazyEngine(
            "llm" if llm else "argos", identity,
            lambda: _require(make_engine(options.engine, models_dir, llm)),
        )
        if options.engine == "argos":
            _require(None if not argos_available(models_dir) else engine)
        if ui.interactive:
            engine = ProgressEngine(engine, ui)
    cached = CachingEngine(engine, cache) if engine is not None and cache is not None else None
    result = translate(content, glossary.termbase, glossary.memory, cached or engine, matcher,
                       fuzzy_threshold=options.fuzzy)
    if cached is not None:
        cached.save()
        ui.detail(f"machine translation: {cached.misses} new, {cached.hits} from the cache")
    return result


def render_pack(
    content: Content, glossary: Glossary, ui: UI, matcher: TermMatcher | None = None,
    *, created: dt.datetime, house: HouseSettings | None = None, helpers: Helpers | None = None,
) -> dict[str, bytes]:
    """Lay out and render the six documents of a pack, in memory: file name -> bytes.

    The documents are dated ``created`` and carry the masthead and 报尾 of ``house``;
    ``helpers`` render their share.
    """
    with _progress(ui, len(DOCUMENTS), "rendering") as advance:
        return pack.render_documents(content, glossary.termbase.terms, advance, matcher,
                                     created=created, house=house, helpers=helpers)


def check_glyphs(text: str, source: Path) -> None:
    """Refuse, before any work, a character that no bundled font can draw in the PDF.

    The PDF writer refuses it too, but only after translation; this names the line.
    """
    from doctool.render import fonts

    missing = [
        char for char in dict.fromkeys(text)  # each character once, in order of appearance
        if not fonts.is_invisible(char) and fonts.font_for(char, fonts.SERIF_SC) is None
    ]
    if missing:
        char = missing[0]
        line = text.count("\n", 0, text.index(char)) + 1
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise RenderError(
            f"{source}:{line}: character {char!r} (U+{ord(char):04X}){more} is in no bundled "
            "font, so the PDF cannot show it; replace or remove it, then build again"
        )


def output_lock(folder: Path) -> AbstractContextManager[None]:
    """The lock on an output folder: one doctool at a time writes into it."""
    busy = OutputError(
        f"another doctool has been writing into {folder} for {LOCK_TIMEOUT:.0f} s; "
        "wait for it to finish, then build again"
    )
    return locked(folder / LOCK, timeout=LOCK_TIMEOUT, busy=busy)


def write_pack(folder: Path, files: dict[str, bytes], manifest: bytes, started: float) -> list[Path]:
    """Write a rendered pack into ``folder``, each file atomically, the manifest last.

    Temporary files that a killed build left behind are removed first. Every file is written
    to a temporary file before any is replaced, so a failure (a full disk) changes nothing. The
    old manifest goes just before the first file is replaced, so a build killed in the middle
    of the renames is never taken as up to date.
    """
    ensure_dir(folder)
    written: list[Path] = []
    try:
        with output_lock(folder):
            for stale in (folder, folder / ".cache"):
                clean_stale_temp(stale, before=started)
            atomic_write_all(
                {folder / name: data for name, data in files.items()},
                before_replacing=lambda: (folder / MANIFEST).unlink(missing_ok=True),
            )
            written = [folder / name for name in files]
            atomic_write_bytes(folder / MANIFEST, manifest)
    except OSError as exc:
        raise OutputError(
            f"cannot write into {folder}: {exc.strerror or exc}; choose a folder you can write to"
        ) from None
    return written


def build(source: Path, out_dir: Path, options: BuildOptions, ui: UI) -> BuildResult:
    """Build one source into ``out_dir/<slug>/``."""
    from doctool.extract.reader import read_source
    from doctool.glossary.folder import find_glossary_dir
    from doctool.settings import find_settings, load_settings

    started = time.time()
    source = Path(source)
    text = read_source(source)
    folder = output_folder(out_dir, source)
    check_writable(folder)
    # a mistake in the house settings is found before any work, an unchanged build's included
    settings_file = find_settings(options.settings, options.glossary)
    house = load_settings(settings_file)
    # the digest reads the glossary's files as bytes; they are parsed only if there is work
    digest = _digest(source.read_bytes(), find_glossary_dir(override=options.glossary), options,
                     settings_file)
    manifest = read_manifest(folder)
    outputs = [folder / n for n in manifest.get("outputs", [])]
    if (
        not options.force and manifest.get("digest") == digest and outputs
        and all(p.exists() for p in outputs)
    ):
        qa = manifest.get("qa", {})
        ui.info(f"{source}: up to date in {folder}")
        return BuildResult(folder, tuple(outputs), qa.get("errors", 0), qa.get("warnings", 0),
                           qa.get("untranslated", 0), up_to_date=True)
    from doctool.render import sharing

    # helpers forked now load the PDF writer while this process reads, translates and checks
    # the report, then render their share of the pack (see doctool.render.pack)
    with sharing.started() as helpers:
        return _build(source, text, folder, house, digest, options, ui, started, helpers)


def _build(
    source: Path, text: str, folder: Path, house: HouseSettings, digest: str,
    options: BuildOptions, ui: UI, started: float, helpers: Helpers | None,
) -> BuildResult:
    """The work of :func:`build` when its pack is not up to date."""
    from doctool import content_io
    from doctool.check import check, qa_report
    from doctool.extract import extract_with_repairs
    from doctool.glossary.matcher import build_matcher
    from doctool.render.writers import document_time
    from doctool.translate.translator import open_glossary

    glossary = open_glossary(options.glossary)
    check_glyphs(text, source)
    # programs of every place and layer: knowing a name only helps the extractor find it
    known = tuple(t.zh for t in glossary.termbase.effective() if t.kind == "program")
    extraction = extract_with_repairs(text, date=options.date, known_programs=known)
    for repair in extraction.repairs:
        ui.detail(f"{source}:{repair.line}: joined a paragraph broken at {repair}")
    if extraction.content.meeting.date is None:
        ui.warn(undated(source))
    glossary = glossary_for_place(glossary, extraction.content, options.place)
    # one matcher for the whole build: the translator, the checks and the layout each take
    # the terms they need from it
    matcher = build_matcher(glossary.termbase, extraction.content)
    result = translate_content(
        extraction.content, glossary, options, folder / ".cache" / "translations.json", ui,
        matcher,
    )
    content = result.content
    # the documents' date, read once for the whole pack
    created = document_time()
    findings = check(content, glossary.termbase, strict=options.strict, matcher=matcher)
    qa = qa_report(content, findings)

    # everything is rendered before the first file is written: a failure on the last document
    # leaves the previous pack as it was
    files = {
        "content.yaml": content_io.dumps(content).encode("utf-8"),
        "qa.json": (json.dumps(qa, ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
        **render_pack(content, glossary, ui, matcher, created=created, house=house,
                      helpers=helpers),
    }
    record = json.dumps({"digest": digest, "outputs": list(files),
                         "qa": {k: qa[k] for k in ("errors", "warnings", "untranslated")},
                         # where the pack came from, so an editor can rebuild it
                         "source": _relative(source, folder)}, indent=2)
    written = write_pack(folder, files, record.encode("utf-8"), started)
    for path in written:
        ui.detail(f"wrote {path}")

    ui.info(
        f"{source}: {qa['segments']} segments ({qa['origins']['memory']} from memory, "
        + (f"{qa['origins']['fuzzy']} from fuzzy memory matches, " if qa["origins"]["fuzzy"] else "")
        + f"{qa['origins']['mt']} by machine translation, {qa['untranslated']} untranslated); "
        f"QA {qa['errors']} errors, {qa['warnings']} warnings; wrote {len(written)} files "
        f"to {folder}"
    )
    if qa["untranslated"]:
        ui.warn(
            f"{qa['untranslated']} segments have no English, so the English documents are "
            f"marked DRAFT; {HOW_TO_FIX}"
        )
    fuzzy = {s.id for s in content.segments() if s.origin == "fuzzy"}
    if fuzzy:
        on_fuzzy = [f for f in findings if f.segment in fuzzy and f.check != "fuzzy"]
        ui.warn(
            f"{len(fuzzy)} segments are adapted from fuzzy memory matches and need review "
            f"({sum(f.severity == 'error' for f in on_fuzzy)} errors, "
            f"{sum(f.severity == 'warning' for f in on_fuzzy)} warnings on them); review them with "
            f"doctool xliff export {folder} and approve them with doctool xliff import"
        )
        for finding in on_fuzzy:
            ui.info(f"  {finding}")
    for finding in findings:
        if finding.severity == "error":
            ui.detail(str(finding))
    return BuildResult(folder, tuple(written), qa["errors"], qa["warnings"], qa["untranslated"])
