"""The translation cache: a rebuild asks the engine only for what it has not seen."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from doctool.translate.cache import CachingEngine


class CountingEngine:
    name = "fake"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.calls.append(list(texts))
        return [f"EN({t})" for t in texts]


def test_second_run_translates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    first = CachingEngine(CountingEngine(), path)
    assert first.translate(["甲", "乙", "甲"]) == ["EN(甲)", "EN(乙)", "EN(甲)"]
    assert first.misses == 2 and first.hits == 1
    first.save()

    engine = CountingEngine()
    second = CachingEngine(engine, path)
    assert second.translate(["乙", "甲"]) == ["EN(乙)", "EN(甲)"]
    assert engine.calls == []
    assert second.hits == 2


def test_only_new_texts_reach_the_engine(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    cached = CachingEngine(CountingEngine(), path)
    cached.translate(["甲", "乙"])
    cached.save()
    engine = CountingEngine()
    assert CachingEngine(engine, path).translate(["甲", "丙"]) == ["EN(甲)", "EN(丙)"]
    assert engine.calls == [["丙"]]


def test_a_different_engine_does_not_reuse_entries(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    cached = CachingEngine(CountingEngine(), path)
    cached.translate(["甲"])
    cached.save()
    other = CountingEngine()
    other.name = "other"
    CachingEngine(other, path).translate(["甲"])
    assert other.calls == [["甲"]]


def test_a_damaged_cache_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "cache.json"
    path.write_text("{not json", "utf-8")
    engine = CountingEngine()
    assert CachingEngine(engine, path).translate(["甲"]) == ["EN(甲)"]
    assert engine.calls == [["甲"]]


def test_progress_wrapper_keeps_the_cache_identity(tmp_path: Path) -> None:
    from doctool.pipeline import ProgressEngine
    from doctool.translate.cache import LazyEngine
    from doctool.ui import UI

    inner = LazyEngine("argos", "argos:model-1", CountingEngine)
    plain = CachingEngine(inner, tmp_path / "a.json")
    wrapped = CachingEngine(ProgressEngine(inner, UI(quiet=True)), tmp_path / "b.json")
    assert plain.identity == wrapped.identity == "argos:model-1"
    assert wrapped.translate(["甲"] * 3 + ["乙"]) == ["EN(甲)"] * 3 + ["EN(乙)"]


def test_lazy_engine_is_built_only_when_needed(tmp_path: Path) -> None:
    from doctool.translate.cache import LazyEngine

    built: list[int] = []

    def factory() -> CountingEngine:
        built.append(1)
        return CountingEngine()

    path = tmp_path / "cache.json"
    first = CachingEngine(LazyEngine("argos", "id", factory), path)
    first.translate(["甲"])
    first.save()
    assert built == [1]
    again = CachingEngine(LazyEngine("argos", "id", factory), path)
    assert again.translate(["甲"]) == ["EN(甲)"]
    assert built == [1]
