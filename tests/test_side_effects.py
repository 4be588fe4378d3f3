"""Side effects are passed in: layout touches no file, the DOCX writer dates a document as told."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from doctool import content_io
from doctool.model import Content
from doctool.render import pinyin
from doctool.render.brief import BriefLang
from doctool.render.docx_writer import render_docx
from doctool.render.layout import layout
from doctool.render.writers import document_time
from tests.conftest import REPORTS, Run
from tests.test_layout import FIXTURE, TERMS

EDITIONS: tuple[BriefLang, ...] = ("zh", "en", "bilingual")
WHEN = dt.datetime(2024, 12, 23, 9, 30, 15)


@pytest.fixture(scope="module")
def content() -> Content:
    return content_io.load(FIXTURE)


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Empty home and cache folders of this test's own; the folder that holds both."""
    for name, variable in (("home", "HOME"), ("cache", "XDG_CACHE_HOME")):
        (tmp_path / name).mkdir()
        monkeypatch.setenv(variable, str(tmp_path / name))
    return tmp_path


def files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*"))


@pytest.mark.parametrize("lang", EDITIONS)
def test_layout_writes_nothing(content: Content, home: Path, lang: BriefLang) -> None:
    cache = pinyin.load()
    assert layout(content, lang, TERMS, readings=cache.readings) == layout(content, lang, TERMS)
    assert files(home) == [Path("cache"), Path("home")]


def test_the_pinyin_cache_is_written_by_its_caller_alone(content: Content, home: Path) -> None:
    cache = pinyin.load()
    brief = layout(content, "bilingual", TERMS, readings=cache.readings)
    assert files(home / "cache") == []
    cache.save()
    assert files(home / "cache") == [Path("doctool"), Path("doctool") / pinyin.CACHE_NAME]
    # the next layout takes its annex order from the saved readings, the same order
    assert layout(content, "bilingual", TERMS, readings=pinyin.load().readings) == brief


def core_dates(data: bytes) -> tuple[dt.datetime, dt.datetime]:
    props = docx.Document(io.BytesIO(data)).core_properties
    assert props.created is not None and props.modified is not None
    return props.created.replace(tzinfo=None), props.modified.replace(tzinfo=None)


def test_the_docx_writer_dates_a_document_as_told(
    content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the writer reads neither the environment nor the clock
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735000000")
    brief = layout(content, "en")
    assert core_dates(render_docx(brief, WHEN)) == (WHEN, WHEN)
    assert document_time() not in core_dates(render_docx(brief))


def test_document_time_is_source_date_epoch_else_the_clock() -> None:
    assert document_time({"SOURCE_DATE_EPOCH": "1735000000"}) == dt.datetime(2024, 12, 24, 0, 26, 40)
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    for environ in ({}, {"SOURCE_DATE_EPOCH": "soon"}):
        assert before <= document_time(environ) <= dt.datetime.now(dt.UTC).replace(tzinfo=None)


def test_a_build_dates_every_docx_with_the_one_time_it_read(
    cli: Callable[..., Run], workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735000000")
    source = REPORTS / "district-economic-work-conference.txt"
    assert cli("build", source, "--out", workdir / "out", "--engine", "memory", "-q").code == 0
    folder = workdir / "out" / source.stem
    for lang in EDITIONS:
        data = (folder / f"brief.{lang}.docx").read_bytes()
        assert core_dates(data) == (dt.datetime(2024, 12, 24, 0, 26, 40),) * 2
