"""Glossary layers and place scope through the command line: listing, editing, checking, building."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, Run

ZHUZHOU_REPORT = FIXTURES / "places" / "zhuzhou-district-conference.txt"
CHONGQING = "Economic Work Conference of the CPC Chongqing Municipal Committee"
ZHUZHOU = "Economic Work Conference of the CPC Zhuzhou Municipal Committee"
GENERIC = "Economic Work Conference of the Municipal Party Committee"


@pytest.fixture
def layered(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The layered fixture as ./glossary of the current folder."""
    folder = tmp_path / "glossary"
    shutil.copytree(FIXTURES / "glossary-layers", folder)
    monkeypatch.chdir(tmp_path)
    return folder


def docx_text(path: Path) -> str:
    xml = zipfile.ZipFile(path).read("word/document.xml").decode("utf-8")
    return re.sub(r"<[^>]+>", "", xml)


def english_outputs(folder: Path) -> str:
    """Everything English a pack says: its English and bilingual DOCX, its content and QA."""
    texts = [docx_text(folder / name) for name in ("brief.en.docx", "brief.bilingual.docx")]
    texts += [(folder / name).read_text("utf-8") for name in ("content.yaml", "qa.json")]
    return "\n".join(texts)


def test_list_shows_the_layer_of_each_term(cli: Callable[..., Run], layered: Path) -> None:
    result = cli("glossary", "list")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "zh\ten\tkind\tnote\tforbidden\tscope\tlayer"
    rows = [line.split("\t") for line in lines[1:]]
    assert ("规上工业增加值", "project") in {(row[0], row[-1]) for row in rows}
    # the national rendering it overrides is not listed
    assert "above-scale industrial value added\tmetric" not in result.out
    assert ("市委经济工作会议", ZHUZHOU, "place:株洲", "cities") in {
        (row[0], row[1], row[5], row[6]) for row in rows
    }


def test_list_for_a_place_and_for_a_layer(cli: Callable[..., Run], layered: Path) -> None:
    zhuzhou = cli("glossary", "list", "--place", "株洲市芦淞区", "市委")
    assert [line.split("\t")[1] for line in zhuzhou.out.splitlines()[1:]] == [ZHUZHOU]
    elsewhere = cli("glossary", "list", "--place", "长沙", "市委")
    assert [line.split("\t")[1] for line in elsewhere.out.splitlines()[1:]] == [GENERIC]
    national = cli("glossary", "list", "--layer", "national")
    assert len(national.out.splitlines()) == 5 and "above-scale industrial value added" in national.out


def test_check_reports_overrides_as_information(cli: Callable[..., Run], layered: Path) -> None:
    result = cli("glossary", "check")
    assert result.code == 0
    assert "glossary/terms.tsv: info: 规上工业增加值 overrides layer national's" in result.out
    assert "no problems, 3 overrides" in result.err


def test_edits_go_to_the_project_layer_unless_another_is_named(
    cli: Callable[..., Run], layered: Path
) -> None:
    national = layered / "layers" / "10-national.tsv"
    before = national.read_bytes()
    assert cli("glossary", "add", "株洲", "Zhuzhou", "--kind", "place").code == 0
    assert "株洲\tZhuzhou" in (layered / "terms.tsv").read_text("utf-8")
    assert national.read_bytes() == before

    added = cli("glossary", "add", "两新", "equipment upgrades and consumer goods trade-ins",
                "--kind", "policy", "--layer", "national")
    assert added.code == 0 and "in layer national" in added.err
    assert "两新\tequipment upgrades" in national.read_text("utf-8")

    # a term of another layer is not changed behind the user's back
    refused = cli("glossary", "set", "新质生产力", "new productive forces")
    assert refused.code == 5
    assert "新质生产力 is in layer national, not in glossary/terms.tsv" in refused.err
    assert "--layer national" in refused.err
    changed = cli("glossary", "set", "新质生产力", "new productive forces", "--layer", "national")
    assert changed.code == 0, changed.err
    assert "new productive forces\tterm\tXinhua\tnew quality productive forces" in national.read_text("utf-8")
    assert cli("glossary", "remove", "两新", "--layer", "10-national").code == 0
    assert "两新" not in national.read_text("utf-8")


def test_a_scoped_term_is_added_with_its_scope(cli: Callable[..., Run], layered: Path) -> None:
    result = cli("glossary", "add", "市商务委", "Zhuzhou Municipal Bureau of Commerce",
                 "--kind", "organization", "--scope", "place:株洲")
    assert result.code == 0, result.err
    assert "for place:株洲" in result.err
    lines = (layered / "terms.tsv").read_text("utf-8").splitlines()
    assert lines[0].endswith("\tscope") and lines[-1].endswith("\tplace:株洲")
    bad = cli("glossary", "add", "市工商联", "Federation", "--kind", "organization", "--scope", "株洲")
    assert bad.code == 5 and "unknown scope '株洲'" in bad.err


def test_an_unknown_layer_is_a_one_line_error(cli: Callable[..., Run], layered: Path) -> None:
    result = cli("glossary", "add", "株洲", "Zhuzhou", "--kind", "place", "--layer", "hunan")
    assert result.code == 5
    assert "--layer hunan: no such layer" in result.err and "layers/NN-hunan.tsv" in result.err
    assert "Traceback" not in result.err


def test_a_report_from_another_city_gets_no_chongqing_term(
    cli: Callable[..., Run], workdir: Path
) -> None:
    """The sample's glossary on a Zhuzhou district report: no scoped Chongqing term anywhere."""
    result = cli("build", ZHUZHOU_REPORT, "--out", workdir / "out", "--engine", "memory")
    assert result.code == 0, result.err
    folder = workdir / "out" / ZHUZHOU_REPORT.stem
    assert "Chongqing" not in english_outputs(folder)
    # the national terms still apply
    assert "Central Economic Work Conference" in docx_text(folder / "brief.en.docx")
    # and the sample itself keeps its Chongqing terms
    sample = cli("build", ROOT / "seeds" / "chongqing-economic-work-conference-2024.txt",
                 "--out", workdir / "out", "--engine", "memory")
    assert sample.code == 0
    sample_folder = workdir / "out" / "chongqing-economic-work-conference-2024"
    assert CHONGQING in docx_text(sample_folder / "brief.en.docx")
    assert json.loads((sample_folder / "qa.json").read_text("utf-8"))["errors"] == 0


def test_the_place_can_be_given_on_the_command_line(cli: Callable[..., Run], layered: Path) -> None:
    out = layered.parent / "out"
    named = cli("build", ZHUZHOU_REPORT, "--out", out, "--engine", "memory")
    assert named.code == 0, named.err
    annex = docx_text(out / ZHUZHOU_REPORT.stem / "brief.en.docx")
    # the report names only its district, 芦淞区: the national rendering applies
    assert GENERIC in annex and ZHUZHOU not in annex and CHONGQING not in annex
    placed = cli("build", ZHUZHOU_REPORT, "--out", out, "--engine", "memory", "--place", "株洲市芦淞区")
    assert placed.code == 0, placed.err
    assert "up to date" not in placed.err
    annex = docx_text(out / ZHUZHOU_REPORT.stem / "brief.en.docx")
    assert ZHUZHOU in annex and GENERIC not in annex and CHONGQING not in annex
    assert "value added of industrial enterprises above designated size" in annex


def test_check_takes_the_place_from_the_content(cli: Callable[..., Run], layered: Path) -> None:
    """English carrying the national rendering passes for 芦淞区, not once the place is Zhuzhou."""
    content = layered.parent / "content.yaml"
    assert cli("extract", ZHUZHOU_REPORT, "-o", content).code == 0
    assert cli("translate", content, "--engine", "memory", "--place", "株洲").code == 0
    text, filled = re.subn(
        r"en: ''\n(\s+)origin: none", rf"en: The district acted on the {GENERIC}.\n\1origin: mt",
        content.read_text("utf-8"),
    )
    assert filled == 4
    content.write_text(text, "utf-8")
    here = json.loads(cli("check", content, "--json").out)
    assert not [f for f in here["findings"] if f["check"] == "term" and "市委经济工作会议" in f["message"]]
    zhuzhou = content.read_text("utf-8").replace("zh: 芦淞区", "zh: 株洲市芦淞区", 1)
    content.write_text(zhuzhou, "utf-8")
    there = json.loads(cli("check", content, "--json").out)
    assert [f for f in there["findings"] if f["check"] == "term" and ZHUZHOU in f["message"]]


def test_render_lists_only_the_places_terms_in_the_annex(cli: Callable[..., Run], workdir: Path) -> None:
    content = workdir / "content.yaml"
    assert cli("extract", ZHUZHOU_REPORT, "-o", content).code == 0
    assert cli("translate", content, "--engine", "memory").code == 0
    output = workdir / "brief.en.docx"
    assert cli("render", content, "--lang", "en", "--format", "docx", "-o", output).code == 0
    text = docx_text(output)
    assert "Central Economic Work Conference" in text and "Chongqing" not in text
