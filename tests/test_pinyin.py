"""Pinyin readings for the annex order: pypinyin's own, remembered between builds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypinyin import lazy_pinyin

from doctool.render import pinyin

TEXTS = ["重庆", "银行", "长江经济带", "成渝地区双城经济圈", "5G基站", "“专精特新”", "", "乐山"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache folder of this test's own; the path of its cache file."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "doctool" / pinyin.CACHE_NAME


def test_readings_are_pypinyins_before_and_after_they_are_cached(cache: Path) -> None:
    expected = {text: lazy_pinyin(text) for text in TEXTS}
    assert pinyin.readings(TEXTS) == expected
    assert cache.is_file()
    assert pinyin.readings(reversed(TEXTS)) == expected


def test_the_cache_is_read(cache: Path) -> None:
    pinyin.readings(["重庆"])
    data = json.loads(cache.read_text("utf-8"))
    data["readings"]["重庆"] = ["marked"]
    cache.write_text(json.dumps(data), "utf-8")
    assert pinyin.readings(["重庆"]) == {"重庆": ["marked"]}


def test_a_cache_from_another_pypinyin_is_not_used(cache: Path) -> None:
    pinyin.readings(["重庆"])
    data = json.loads(cache.read_text("utf-8"))
    data["readings"]["重庆"] = ["marked"]
    data["pypinyin"] = "another version"
    cache.write_text(json.dumps(data), "utf-8")
    assert pinyin.readings(["重庆"]) == {"重庆": lazy_pinyin("重庆")}
    assert json.loads(cache.read_text("utf-8"))["pypinyin"] != "another version"


@pytest.mark.parametrize("damage", ["not json", "[]", '{"format": 1}', '{"format": 1, "readings": 3}'])
def test_a_damaged_cache_is_ignored(cache: Path, damage: str) -> None:
    cache.parent.mkdir(parents=True)
    cache.write_text(damage, "utf-8")
    assert pinyin.readings(TEXTS) == {text: lazy_pinyin(text) for text in TEXTS}


def test_a_cache_that_cannot_be_written_costs_nothing_but_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert pinyin.readings(TEXTS) == {text: lazy_pinyin(text) for text in TEXTS}
    assert blocker.read_text("utf-8") == ""


def test_a_relative_xdg_cache_home_is_ignored(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert pinyin.cache_folder() == tmp_path / ".cache" / "doctool"
