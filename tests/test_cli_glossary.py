"""``doctool glossary ...`` end to end through ``doctool.cli.main``, on fixture folders."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from doctool.cli import main
from doctool.glossary.terms import Term
from doctool.glossary.validation import load_termbase

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path(__file__).parents[1] / "seeds" / "chongqing-economic-work-conference-2024.txt"


def project(tmp_path: Path, fixture: str = "glossary-good") -> Path:
    """A project folder whose glossary/ is a copy of ``fixture``; returns the glossary folder."""
    glossary = tmp_path / "project" / "glossary"
    shutil.copytree(FIXTURES / fixture, glossary)
    return glossary


def run(*argv: str) -> int:
    return main(["glossary", *argv])


@pytest.fixture
def glossary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The good fixture as ./glossary of the current folder."""
    folder = project(tmp_path)
    monkeypatch.chdir(folder.parent)
    return folder


def test_list_prints_tsv_when_piped(glossary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("list") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "zh\ten\tkind\tnote\tforbidden"
    assert lines[1] == "重庆\tChongqing\tplace\t\t"
    assert len(lines) == 7


def test_list_filters_by_kind_and_text(glossary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("list", "--kind", "place", "liangjiang") == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "两江新区\tLiangjiang New Area\tplace\tnational-level new area\tLiangjiang New Zone"
    ]


def test_list_draws_a_table_on_a_terminal_without_colour_under_no_color(
    glossary: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert run("list") == 0
    out = capsys.readouterr().out
    assert "两江新区" in out and "\t" not in out and "\x1b[" not in out


def test_list_refuses_an_unknown_kind(glossary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("list", "--kind", "city") == 5
    assert "unknown kind 'city'; use one of program" in capsys.readouterr().err


def test_glossary_option_before_or_after_the_action(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = project(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert run("--glossary", str(folder), "list") == 0
    assert run("list", "--glossary", str(folder)) == 0
    out = capsys.readouterr().out
    assert out.count("两江新区管委会") == 2


def test_discovery_from_a_subfolder(glossary: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sub = glossary.parent / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert run("add", "江北区", "Jiangbei District", "--kind", "place") == 0
    assert load_termbase(glossary / "terms.tsv").get("江北区") is not None


def test_a_missing_glossary_folder_is_exit_5(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("list", "--glossary", str(tmp_path / "none")) == 5
    assert "no such folder" in capsys.readouterr().err


def test_add(glossary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("add", "江北区", "Jiangbei District", "--kind", "place", "--note", "district") == 0
    assert "added 江北区 → Jiangbei District (place)" in capsys.readouterr().err
    assert load_termbase(glossary / "terms.tsv").get("江北区") == Term(
        "江北区", "Jiangbei District", "place", "district"
    )


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("重庆", "Chungking", "--kind", "place"), "rendering with `doctool glossary set 重庆 EN`"),
        (("", "Nothing"), "the Chinese term is empty"),
        (("江北", " "), "the English rendering is empty"),
        (("江北", "Jiangbei", "--kind", "district"), "unknown kind 'district'"),
    ],
)
def test_add_refusals_change_nothing(
    glossary: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    before = (glossary / "terms.tsv").read_bytes()
    assert run("add", *argv) == 5
    assert message in capsys.readouterr().err
    assert (glossary / "terms.tsv").read_bytes() == before


def test_set_and_remove(glossary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("set", "重庆", "Chongqing Municipality") == 0
    assert "'Chongqing' is now forbidden" in capsys.readouterr().err
    term = load_termbase(glossary / "terms.tsv").get("重庆")
    assert term is not None and term.forbidden == ("Chongqing",)
    assert run("remove", "重庆") == 0
    assert load_termbase(glossary / "terms.tsv").get("重庆") is None


def test_set_unknown_suggests_add(glossary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (glossary / "terms.tsv").read_bytes()
    assert run("set", "江北", "Jiangbei") == 5
    assert "doctool glossary add 江北 Jiangbei --kind KIND" in capsys.readouterr().err
    assert (glossary / "terms.tsv").read_bytes() == before


def test_remove_unknown_is_exit_5(glossary: Path) -> None:
    assert run("remove", "江北") == 5


def test_check_clean(glossary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("check") == 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "no problems" in captured.err


def test_check_lists_findings_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = project(tmp_path, "bad-glossary-nested")
    assert run("check", "--glossary", str(folder)) == 5
    captured = capsys.readouterr()
    assert captured.out.count("\n") == 1
    assert "terms.tsv:3: error: 两江新区管委会 is 'Liangjiang New Zone" in captured.out
    assert "1 error, 0 warnings" in captured.err


@pytest.mark.parametrize(
    "fixture",
    [
        "bad-glossary-duplicate",
        "bad-glossary-conflict",
        "bad-glossary-comma",
        "bad-glossary-utf8",
        "bad-glossary-empty-cell",
        "bad-glossary-kind",
        "bad-glossary-forbidden",
    ],
)
def test_check_fails_on_every_broken_fixture(tmp_path: Path, fixture: str) -> None:
    assert run("check", "--glossary", str(project(tmp_path, fixture))) == 5


def test_list_refuses_a_broken_term_base(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = project(tmp_path, "bad-glossary-duplicate")
    assert run("list", "--glossary", str(folder)) == 5
    err = capsys.readouterr().err
    assert "terms.tsv:4: 重庆 is listed twice (first on line 2); keep one row" in err
    assert "Traceback" not in err


def test_import_csv(glossary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import", str(FIXTURES / "glossary-import" / "terms.csv")) == 0
    assert "2 added" in capsys.readouterr().err
    termbase = load_termbase(glossary / "terms.tsv")
    assert termbase.terms[-1].zh == "“33618”现代制造业集群体系"


def test_import_conflicts_are_listed_and_refused(
    glossary: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    incoming = tmp_path / "in.csv"
    incoming.write_text(
        "zh,en,kind,note\n重庆,Chungking,place,\n市委,Party Committee,organization,\n"
        "江北区,Jiangbei District,place,\n",
        encoding="utf-8",
    )
    before = (glossary / "terms.tsv").read_bytes()
    assert run("import", str(incoming)) == 5
    err = capsys.readouterr().err
    assert "重庆: 'Chongqing' in the term base (line 6), 'Chungking' in" in err
    assert "市委: 'CPC Chongqing Municipal Committee'" in err
    assert "--replace" in err
    assert (glossary / "terms.tsv").read_bytes() == before
    assert run("import", "--replace", str(incoming)) == 0
    term = load_termbase(glossary / "terms.tsv").get("重庆")
    assert term is not None and (term.en, term.forbidden) == ("Chungking", ("Chongqing",))


@pytest.mark.parametrize("name", ["entities.tbx", "external.tbx"])
def test_import_refuses_tbx_with_entities(
    glossary: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    before = (glossary / "terms.tsv").read_bytes()
    assert run("import", str(FIXTURES / "glossary-import" / name)) == 5
    assert "declares a DTD or entities" in capsys.readouterr().err
    assert (glossary / "terms.tsv").read_bytes() == before


def test_import_missing_file(glossary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("import", "nope.csv") == 5
    assert "nope.csv: no such file" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["csv", "tsv", "tbx"])
def test_export_then_import_round_trips(
    glossary: Path, tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"out.{fmt}"
    assert run("export", str(out)) == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("import", "--glossary", str(empty), str(out)) == 0
    assert load_termbase(empty / "terms.tsv").terms == load_termbase(glossary / "terms.tsv").terms


def test_export_to_stdout(glossary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("export", "--format", "csv", "-") == 0
    out = capsys.readouterr().out
    assert out.startswith("zh,en,kind,note,forbidden\n重庆,Chongqing,place,,\n")


def test_export_refuses_to_overwrite_the_term_base(
    glossary: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (glossary / "terms.tsv").read_bytes()
    assert run("export", "--format", "tsv", "glossary/terms.tsv") == 5
    assert (glossary / "terms.tsv").read_bytes() == before


def test_suggest_lists_candidates_the_term_base_lacks(
    glossary: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("suggest", str(SEED)) == 0
    lines = capsys.readouterr().out.splitlines()
    rows = {line.split("\t")[0]: line.split("\t")[1:] for line in lines}
    assert rows["“33618”现代制造业集群体系"] == ["program", "1"]
    assert rows["王志杰"] == ["person", "1"]
    # already in the term base
    assert "“满天星”行动计划" not in rows
    assert "两江新区" not in rows


def test_suggest_refuses_a_bad_source(glossary: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run("suggest", "missing.txt") == 3
    assert "no such file" in capsys.readouterr().err


def test_usage_errors_are_exit_2(glossary: Path) -> None:
    with pytest.raises(SystemExit) as caught:
        run("add", "重庆")
    assert caught.value.code == 2
