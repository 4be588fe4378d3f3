"""``doctool translate`` and ``doctool check`` from the command line."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from doctool import content_io
from doctool.glossary.memory import Memory
from doctool.model import Block, Content, Meeting, Section, Segment, Speaker, Text
from tests.conftest import Run

TERMS = (
    "zh\ten\tkind\tnote\tforbidden\n"
    "# places\n"
    "两江新区\tLiangjiang New Area\tplace\t\tLiangjiang New Zone | Liangjiang District\n"
    "党组书记\tSecretary of the Leading Party Members Group\ttitle\t\t\n"
    "主任\tDirector\ttitle\t\t\n"
)
LEAD = "会议在重庆召开。"
GROWTH = "两江新区增长8%。"
STATEMENT = "王志杰表示，要全力以赴。"


def make_content() -> Content:
    return Content(
        Meeting(Text("市委经济工作会议召开")),
        (
            Section("s1", None, (
                Block("s1.b1", "paragraph", (Segment("s1.b1.1", LEAD), Segment("s1.b1.2", GROWTH))),
                Block("s1.b2", "statement", (Segment("s1.b2.1", STATEMENT),), speaker="p1"),
            )),
        ),
        (Speaker("p1", Text("王志杰"), Text("党组书记、主任")),),
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with glossary/ (terms and memory) and content.yaml, made current."""
    glossary = tmp_path / "glossary"
    glossary.mkdir()
    (glossary / "terms.tsv").write_text(TERMS, encoding="utf-8")
    memory = Memory(path=glossary / "memory.tmx")
    memory.set(LEAD, "The meeting was held in Chongqing.")
    memory.set(GROWTH, "Liangjiang New Zone grew by 8%.")
    memory.set("市委经济工作会议召开", "Municipal Economic Work Conference held")
    memory.save()
    content_io.save(make_content(), tmp_path / "content.yaml")
    monkeypatch.chdir(tmp_path)
    # no model anywhere: auto means memory only
    monkeypatch.setenv("DOCTOOL_MODELS_DIR", str(tmp_path / "no-models"))
    return tmp_path


def add_statement_to_memory(project: Path) -> None:
    memory = Memory.load(project / "glossary" / "memory.tmx")
    memory.set(STATEMENT, "Wang Zhijie said all-out efforts are needed.")
    memory.save()


def test_translate_writes_the_english_and_a_summary(
    project: Path, cli: Callable[..., Run]
) -> None:
    result = cli("translate", "content.yaml", "-o", "out.yaml")
    assert result.code == 0, result.err
    assert result.out == ""
    assert "translated 3 segments: 2 from memory, 0 by machine translation, 1 untranslated" in (
        result.err)
    assert "glossary/memory.tmx" in result.err and "doctool models install" in result.err
    out = content_io.load(project / "out.yaml")
    segs = {s.id: s for s in out.segments()}
    # the outdated rendering in the memory is updated on the way out
    assert segs["s1.b1.2"].en == "Liangjiang New Area grew by 8%."
    assert segs["s1.b1.2"].origin == "memory"
    assert (segs["s1.b2.1"].en, segs["s1.b2.1"].origin) == ("", "none")
    assert out.speakers[0].name.en == "Wang Zhijie"
    assert out.speakers[0].title.en == "Secretary of the Leading Party Members Group and Director"
    assert out.meeting.title.en == "Municipal Economic Work Conference held"
    # the input is untouched when -o is given
    assert all(s.en == "" for s in content_io.load(project / "content.yaml").segments())


def test_translate_overwrites_the_input_by_default(project: Path, cli: Callable[..., Run]) -> None:
    assert cli("translate", "content.yaml").code == 0
    segs = list(content_io.load(project / "content.yaml").segments())
    assert segs[0].origin == "memory"


def test_strict_fails_on_untranslated_and_passes_when_complete(
    project: Path, cli: Callable[..., Run]
) -> None:
    assert cli("translate", "content.yaml", "-o", "out.yaml", "--strict").code == 1
    add_statement_to_memory(project)
    result = cli("translate", "content.yaml", "-o", "out.yaml", "--strict")
    assert result.code == 0, result.err
    assert "0 untranslated" in result.err and "0 errors" in result.err


def test_engine_memory_and_glossary_option(project: Path, cli: Callable[..., Run]) -> None:
    elsewhere = project / "elsewhere"
    elsewhere.mkdir()
    (project / "glossary").rename(elsewhere / "terms")
    assert cli("translate", "content.yaml", "--engine", "memory").code == 5  # no glossary found
    result = cli("translate", "content.yaml", "--engine", "memory", "--glossary",
                 elsewhere / "terms")
    assert result.code == 0, result.err


def test_argos_without_a_model_says_how_to_install_one(
    project: Path, cli: Callable[..., Run]
) -> None:
    result = cli("translate", "content.yaml", "--engine", "argos", "--models-dir",
                 project / "no-models")
    assert result.code == 6
    assert "doctool models install" in result.err
    assert "Traceback" not in result.err


def test_broken_memory_is_a_one_line_error(project: Path, cli: Callable[..., Run]) -> None:
    (project / "glossary" / "memory.tmx").write_text("<html/>", encoding="utf-8")
    result = cli("translate", "content.yaml")
    assert result.code == 5
    assert "memory.tmx: not a TMX file" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_check_lists_findings_and_exits_1_on_errors(project: Path, cli: Callable[..., Run]) -> None:
    content = make_content()
    bad = content.with_segments({
        "s1.b1.2": Segment("s1.b1.2", GROWTH, "Liangjiang New Zone grew by 9%.", "mt")})
    content_io.save(bad, project / "bad.yaml")
    result = cli("check", "bad.yaml")
    assert result.code == 1
    lines = result.out.splitlines()
    assert any(line.startswith("error: s1.b1.2: 两江新区 should read") for line in lines)
    assert any("[forbidden]" in line for line in lines)
    assert any("[number]" in line for line in lines)
    assert "errors" in result.err


def test_check_json_prints_the_qa_report(project: Path, cli: Callable[..., Run]) -> None:
    add_statement_to_memory(project)
    assert cli("translate", "content.yaml").code == 0
    result = cli("check", "content.yaml", "--json")
    assert result.code == 0, result.out
    report = json.loads(result.out)
    assert report == {
        "segments": 3, "untranslated": 0, "origins": {"memory": 3, "fuzzy": 0, "mt": 0, "none": 0},
        "errors": 0, "warnings": 0, "findings": [],
    }


def test_check_untranslated_warns_and_strict_makes_it_an_error(
    project: Path, cli: Callable[..., Run]
) -> None:
    assert cli("translate", "content.yaml").code == 0
    result = cli("check", "content.yaml", "--json")
    assert result.code == 0
    assert json.loads(result.out)["warnings"] == 1
    strict = cli("check", "content.yaml", "--strict", "--json")
    assert strict.code == 1
    assert json.loads(strict.out)["errors"] == 1


def test_help_documents_defaults(cli: Callable[..., Run]) -> None:
    result = cli("translate", "--help")
    assert result.code == 0
    assert "overwrite CONTENT" in result.out and "--strict" in result.out
    result = cli("check", "--help")
    assert result.code == 0 and "Exit status 1" in " ".join(result.out.split())


def test_missing_content_file(project: Path, cli: Callable[..., Run]) -> None:
    result = cli("check", "nope.yaml")
    assert result.code == 4 and "no such file" in result.err
