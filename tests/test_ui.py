"""What the CLI shows people: progress on a terminal only, quiet and verbose, NO_COLOR."""

from __future__ import annotations

import io
from collections.abc import Sequence

import pytest

from doctool.pipeline import ProgressEngine
from doctool.ui import UI


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Echo:
    name = "echo"

    def translate(self, texts: Sequence[str]) -> list[str]:
        return list(texts)


def test_progress_bar_on_a_terminal() -> None:
    stream = Terminal()
    engine = ProgressEngine(Echo(), UI(stream=stream), batch=2)
    assert engine.translate(["a", "b", "c"]) == ["a", "b", "c"]
    assert "translating" in stream.getvalue()


def test_no_progress_bar_when_not_a_terminal() -> None:
    stream = io.StringIO()
    ProgressEngine(Echo(), UI(stream=stream)).translate(["a"])
    assert stream.getvalue() == ""


def test_quiet_hides_info_but_not_errors() -> None:
    stream = io.StringIO()
    ui = UI(quiet=True, stream=stream)
    ui.info("built")
    ui.detail("detail")
    ui.error("broken; fix it")
    assert stream.getvalue().strip() == "doctool: error: broken; fix it"


def test_verbose_shows_details() -> None:
    stream = io.StringIO()
    UI(verbose=True, stream=stream).detail("joined a paragraph")
    assert "joined a paragraph" in stream.getvalue()


def test_no_color_means_no_escape_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    stream = Terminal()
    UI(stream=stream).error("broken")
    assert "\x1b[" not in stream.getvalue()
