"""What the editor works on: one build folder, its glossary folder and the report it was built from.

No web code here: the pages ask a :class:`Project` for a :class:`Snapshot` (the build's
content, the glossary as it applies to the report, the findings of a fresh check run) and send
it approvals. A snapshot is remade only when one of the files it was read from changes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from doctool import content_io
from doctool.check import Finding, check
from doctool.errors import DoctoolError, InputError
from doctool.exchange import ImportPlan, approve_units
from doctool.glossary.folder import find_glossary_dir, glossary_layers
from doctool.glossary.memory import Memory, memory_path
from doctool.model import Content, Segment
from doctool.pipeline import BuildOptions, glossary_for_place, read_manifest
from doctool.translate.translator import Glossary, open_glossary
from doctool.xliff import TransUnit

CONTENT_FILE = "content.yaml"
#: how approvals are named in messages from the memory's checks
REVIEW_PAGE = "the review page"


def find_build(here: Path) -> Path | None:
    """The only build under ``here/build/``, or None when there is none or several."""
    found = sorted(p.parent for p in (here / "build").glob(f"*/{CONTENT_FILE}"))
    return found[0] if len(found) == 1 else None


def find_source(build: Path, root: Path) -> Path | None:
    """The report ``build`` was made from: as its manifest records, else ``seeds/<slug>.txt``."""
    recorded = read_manifest(build).get("source")
    # recorded relative to the build folder, so a project that moved still finds it
    candidates = [build / recorded] if isinstance(recorded, str) else []
    candidates += [root / "seeds" / f"{build.name}.txt", root / f"{build.name}.txt"]
    return next((path for path in candidates if path.is_file()), None)


@dataclass(frozen=True)
class Snapshot:
    """The build and the glossary as they are on disk, and what the checks say about them."""

    content: Content | None
    #: the glossary as it applies to the report's place (or every term, without a build)
    glossary: Glossary
    findings: tuple[Finding, ...] = ()
    #: True while memory.tmx is newer than the build: approvals not yet in the pack
    pending: bool = False

    def segment(self, segment_id: str) -> Segment | None:
        """The segment with ``segment_id``, or None."""
        if self.content is None:
            return None
        return next((s for s in self.content.segments() if s.id == segment_id), None)


@dataclass
class Project:
    """A build folder (or none), the glossary folder and the source report to rebuild from."""

    glossary_dir: Path
    build: Path | None = None
    source: Path | None = None
    options: BuildOptions = field(default_factory=BuildOptions)
    _cache: tuple[tuple[object, ...], Snapshot] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def open(
        cls, build: Path | None, glossary: Path | None = None, source: Path | None = None,
        options: BuildOptions | None = None, here: Path | None = None,
    ) -> Project:
        """The project of ``build`` (default: the only one under ./build/); DoctoolError if unusable."""
        here = Path.cwd() if here is None else here
        if build is not None and not (build / CONTENT_FILE).is_file():
            raise InputError(
                f"{build}: holds no {CONTENT_FILE}; give a folder written by doctool build "
                "(build/<slug>/), or run doctool build SOURCE first"
            )
        build = build if build is not None else find_build(here)
        folder = find_glossary_dir(start=build or here, override=glossary)
        if build is not None and source is None:
            source = find_source(build, folder.parent)
            if source is None:
                raise InputError(
                    f"{build}: cannot find the report it was built from (seeds/{build.name}.txt); "
                    "give it with --source FILE"
                )
        base = options or BuildOptions()
        return cls(folder.resolve(), build, source, base)

    @property
    def name(self) -> str:
        """What the pages call the project: the build's slug, else the glossary's folder."""
        return self.build.name if self.build is not None else self.glossary_dir.parent.name

    def _signature(self) -> tuple[object, ...]:
        files = [layer.path for layer in glossary_layers(self.glossary_dir)]
        files.append(memory_path(self.glossary_dir))
        if self.build is not None:
            files.append(self.build / CONTENT_FILE)
        stamps: list[object] = []
        for path in files:
            try:
                stat = path.stat()
                stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
            except OSError:
                stamps.append((str(path), None))
        return tuple(stamps)

    def snapshot(self) -> Snapshot:
        """The current snapshot, read again only if a file it came from changed."""
        with self._lock:
            signature = self._signature()
            if self._cache is not None and self._cache[0] == signature:
                return self._cache[1]
            snap = self._read()
            self._cache = (signature, snap)
            return snap

    def _read(self) -> Snapshot:
        glossary = open_glossary(self.glossary_dir)
        if self.build is None:
            return Snapshot(None, glossary)
        content = content_io.load(self.build / CONTENT_FILE)
        glossary = glossary_for_place(glossary, content, self.options.place)
        findings = check(content, glossary.termbase, strict=self.options.strict)
        memory = memory_path(self.glossary_dir)
        pending = memory.exists() and (
            memory.stat().st_mtime_ns > (self.build / CONTENT_FILE).stat().st_mtime_ns
        )
        return Snapshot(content, glossary, tuple(findings), pending)

    def approve(self, segment_id: str, en: str, shown: str | None = None) -> ImportPlan:
        """Approve ``en`` for a segment into the memory, gated by the checks ``xliff import`` runs.

        ``shown`` is the English the page showed: if the memory approved another one for the
        segment since, StaleApproval, and nothing is written.
        """
        snap = self.snapshot()
        segment = snap.segment(segment_id)
        if snap.content is None or segment is None:
            raise DoctoolError(f"{segment_id!r} is not a segment of this build; reload the page")
        en = en.strip()

        def guard(memory: Memory) -> None:
            now = memory.lookup(segment.zh)
            if shown is not None and now is not None and now not in (shown.strip(), en):
                raise StaleApproval(segment_id, now)

        unit = TransUnit(segment.id, segment.zh, en, "translated")
        return approve_units(snap.content, [unit], snap.glossary, REVIEW_PAGE, guard=guard)


class StaleApproval(DoctoolError):
    """The memory approved other English for a segment since the page showed it."""

    def __init__(self, segment_id: str, now: str) -> None:
        short = now if len(now) <= 80 else now[:77] + "…"
        super().__init__(
            f"{segment_id} was approved meanwhile as {short!r}; nothing was written: "
            "reload to see it, then approve yours again if it should win"
        )
        self.now = now
