"""A translation cache in front of any engine, so a rebuild translates only what changed.

The translator hands the engine masked text (glossary terms and numbers replaced by tokens), so
the cache key is the masked source plus the engine's identity. Changing a term's English
therefore reuses every cached translation (only unmasking changes); adding a term re-translates
just the segments that contain it, because only their masked text differs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from doctool.fsutil import atomic_write_text
from doctool.translate.engines import Engine

CACHE_VERSION = 1


def engine_identity(engine: Engine) -> str:
    """What distinguishes one engine's output from another's: its name and model, if known."""
    return str(getattr(engine, "identity", engine.name))


@dataclass
class LazyEngine:
    """An engine built on first use, so a rebuild served from the cache never loads a model.

    Loading Argos imports torch and reads the model, seconds of work a no-change rebuild
    does not need.
    """

    name: str
    identity: str
    factory: Callable[[], Engine]
    _engine: Engine | None = None

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Build the engine if needed and translate."""
        if self._engine is None:
            self._engine = self.factory()
        return self._engine.translate(texts)


def _key(identity: str, text: str) -> str:
    return hashlib.sha256(f"{identity}\0{text}".encode()).hexdigest()


@dataclass
class CachingEngine:
    """Wraps an engine; texts translated before come from the cache, the rest go to the engine."""

    engine: Engine
    path: Path
    hits: int = 0
    misses: int = 0
    _entries: dict[str, str] = field(default_factory=dict)
    _dirty: bool = False

    def __post_init__(self) -> None:
        self.name = self.engine.name
        self.identity = engine_identity(self.engine)
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except (OSError, ValueError):
            data = {}  # no cache yet, or a damaged one: start afresh rather than fail a build
        if isinstance(data, dict) and data.get("version") == CACHE_VERSION:
            entries = data.get("entries")
            if isinstance(entries, dict):
                self._entries = {str(k): str(v) for k, v in entries.items()}

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate ``texts``, asking the engine only for those not cached."""
        keys = [_key(self.identity, t) for t in texts]
        missing = sorted({i for i, k in enumerate(keys) if k not in self._entries})
        unique: dict[str, int] = {}
        for i in missing:
            unique.setdefault(keys[i], i)
        if unique:
            fresh = self.engine.translate([texts[i] for i in unique.values()])
            for key, en in zip(unique, fresh, strict=True):
                self._entries[key] = en
            self._dirty = True
        self.misses += len(unique)
        self.hits += len(texts) - len(unique)
        return [self._entries[k] for k in keys]

    def save(self) -> None:
        """Write the cache if anything new was translated."""
        if self._dirty:
            payload = {"version": CACHE_VERSION, "entries": dict(sorted(self._entries.items()))}
            atomic_write_text(self.path, json.dumps(payload, ensure_ascii=False, indent=0))
            self._dirty = False
