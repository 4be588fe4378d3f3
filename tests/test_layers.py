"""Glossary layers and place scope: overrides, scoped terms, and the memory of one place."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from doctool.errors import GlossaryError
from doctool.glossary.editing import add_term, remove_term, set_rendering
from doctool.glossary.exchange import dump_csv, dump_tbx, dump_tsv, parse_csv, parse_tbx, parse_tsv
from doctool.glossary.folder import find_layer, glossary_layers, layer_name
from doctool.glossary.layers import check_glossary, load_glossary
from doctool.glossary.memory import Memory, Unit
from doctool.glossary.scope import memory_for_place, report_place
from doctool.glossary.terms import Term, TermBase
from doctool.glossary.validation import check_termbase, load_termbase
from doctool.model import Content, Meeting, Text

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "zh\ten\tkind\tnote\tforbidden\tscope\n"
CHONGQING = "Economic Work Conference of the CPC Chongqing Municipal Committee"
ZHUZHOU = "Economic Work Conference of the CPC Zhuzhou Municipal Committee"
GENERIC = "Economic Work Conference of the Municipal Party Committee"


def term(zh: str, en: str, layer: str = "", *scope: str) -> Term:
    return Term(zh, en, "event", scope=scope, layer=layer)


@pytest.fixture
def layered(tmp_path: Path) -> Path:
    """A copy of the layered fixture glossary, safe to edit."""
    folder = tmp_path / "glossary"
    shutil.copytree(FIXTURES / "glossary-layers", folder)
    return folder


# --- resolving layers and scopes --------------------------------------------------------------


def test_a_later_layer_overrides_an_earlier_one() -> None:
    rows = [term("市委经济工作会议", GENERIC, "national"), term("市委经济工作会议", "Other", "project")]
    assert TermBase.of_rows(rows).get("市委经济工作会议") == term("市委经济工作会议", "Other")


def test_a_scoped_term_applies_only_to_its_place() -> None:
    rows = [term("市委经济工作会议", GENERIC, "national"),
            term("市委经济工作会议", CHONGQING, "city", "place:重庆")]
    termbase = TermBase.of_rows(rows)
    assert termbase.for_place("重庆").get("市委经济工作会议").en == CHONGQING  # type: ignore[union-attr]
    assert termbase.for_place("重庆市江北区").get("市委经济工作会议").en == CHONGQING  # type: ignore[union-attr]
    assert termbase.for_place("株洲市芦淞区").get("市委经济工作会议").en == GENERIC  # type: ignore[union-attr]
    # where the place is not known, no scoped term applies
    assert termbase.get("市委经济工作会议").en == GENERIC  # type: ignore[union-attr]


def test_a_scoped_term_without_a_fallback_is_absent_elsewhere() -> None:
    termbase = TermBase((term("市商务委", "Chongqing Municipal Commission of Commerce", "", "place:重庆"),))
    assert termbase.for_place("株洲").terms == ()
    assert termbase.for_place(None).terms == ()
    assert [t.zh for t in termbase.for_place("重庆").terms] == ["市商务委"]


def test_within_a_layer_the_scoped_row_wins_over_the_unscoped_one() -> None:
    rows = [term("市委经济工作会议", ZHUZHOU, "p", "place:株洲"), term("市委经济工作会议", GENERIC, "p")]
    termbase = TermBase.of_rows(rows)
    assert termbase.for_place("株洲").get("市委经济工作会议").en == ZHUZHOU  # type: ignore[union-attr]
    assert termbase.for_place("重庆").get("市委经济工作会议").en == GENERIC  # type: ignore[union-attr]


def test_a_later_unscoped_row_overrides_an_earlier_scoped_one() -> None:
    rows = [term("市委经济工作会议", CHONGQING, "city", "place:重庆"), term("市委经济工作会议", "Mine", "project")]
    assert TermBase.of_rows(rows).for_place("重庆").get("市委经济工作会议").en == "Mine"  # type: ignore[union-attr]


def test_effective_keeps_every_scope_and_drops_what_is_overridden() -> None:
    rows = [term("会", "A", "national"), term("会", "B", "city", "place:重庆"), term("会", "C", "project")]
    assert [t.en for t in TermBase.of_rows(rows).effective()] == ["B", "C"]


def test_a_term_base_keeps_file_order_after_resolving() -> None:
    rows = [term("甲", "a", "national"), term("乙", "b", "national"), term("甲", "A", "project")]
    assert [t.en for t in TermBase.of_rows(rows).terms] == ["b", "A"]


def test_report_place_comes_from_the_content_or_the_override() -> None:
    content = Content(meeting=Meeting(title=Text("会"), place=Text("芦淞区")), sections=())
    assert report_place(content) == "芦淞区"
    assert report_place(content, "株洲市芦淞区") == "株洲市芦淞区"
    assert report_place(replace(content, meeting=Meeting(title=Text("会")))) is None


# --- the memory of one place ----------------------------------------------------------------


def test_memory_units_rendering_another_places_term_are_left_out() -> None:
    termbase = TermBase((term("市委经济工作会议", CHONGQING, "", "place:重庆"),))
    memory = Memory([
        Unit("市委经济工作会议", CHONGQING),
        Unit("会议强调", "The conference stressed"),
        Unit("市委经济工作会议召开", "The conference opened"),  # does not use the rendering
    ])
    elsewhere = memory_for_place(memory, termbase, "株洲")
    assert [u.zh for u in elsewhere] == ["会议强调", "市委经济工作会议召开"]
    assert memory_for_place(memory, termbase, "重庆") is memory


def test_a_rendering_the_place_shares_is_not_foreign() -> None:
    rows = (term("市委", "Committee", "", "place:重庆"), term("市委", "Committee", "", "place:株洲"))
    memory = Memory([Unit("市委", "Committee")])
    assert len(memory_for_place(memory, TermBase(rows), "株洲")) == 1


# --- the files ------------------------------------------------------------------------------


def test_layers_are_read_in_file_name_order_and_terms_tsv_last(layered: Path) -> None:
    assert [layer.name for layer in glossary_layers(layered)] == ["national", "cities", "project"]
    assert layer_name(Path("10-national.tsv")) == "national"
    assert layer_name(Path("2024.tsv")) == "2024"
    assert find_layer(layered, "20-cities").name == "cities"
    assert find_layer(layered, None).path == layered / "terms.tsv"
    with pytest.raises(GlossaryError, match=r"--layer city: no such layer .*national, cities, project"):
        find_layer(layered, "city")


def test_load_glossary_records_each_terms_layer(layered: Path) -> None:
    termbase = load_glossary(layered)
    assert {t.zh: t.layer for t in termbase.terms}["规上工业增加值"] == "project"
    assert termbase.get("规上工业增加值").en.startswith("value added")  # type: ignore[union-attr]
    assert termbase.for_place("株洲市芦淞区").get("市委经济工作会议").en == ZHUZHOU  # type: ignore[union-attr]
    assert termbase.for_place("芦淞区").get("市委经济工作会议").en == GENERIC  # type: ignore[union-attr]


def test_a_folder_with_terms_tsv_alone_is_one_layer(tmp_path: Path) -> None:
    (tmp_path / "terms.tsv").write_text(HEADER + "重庆\tChongqing\tplace\t\t\t\n", "utf-8")
    assert [(t.zh, t.layer) for t in load_glossary(tmp_path).terms] == [("重庆", "project")]


def test_overrides_are_information_not_conflicts(layered: Path) -> None:
    problems = check_glossary(layered)
    assert {p.severity for p in problems} == {"info"}
    assert any(
        "规上工业增加值 overrides layer national's 'above-scale industrial value added'" in p.message
        and p.where.endswith("terms.tsv")
        for p in problems
    )


def test_nesting_is_checked_across_layers(layered: Path) -> None:
    with (layered / "terms.tsv").open("a", encoding="utf-8") as out:
        out.write("芦淞区委\tCPC Lusong County Committee\torganization\t\t\n")
    errors = [p for p in check_glossary(layered) if p.severity == "error"]
    assert len(errors) == 1
    assert "芦淞区委 is 'CPC Lusong County Committee', which does not contain 'Lusong District'" in (
        errors[0].message
    ) and "layer cities" in errors[0].message


def test_one_layers_error_is_reported_with_its_file(layered: Path) -> None:
    national = layered / "layers" / "10-national.tsv"
    national.write_text(national.read_text("utf-8") + "新质生产力\tnew productive forces\tterm\t\t\n", "utf-8")
    errors = [p for p in check_glossary(layered) if p.severity == "error"]
    assert [p.where.endswith("10-national.tsv") for p in errors] == [True]
    with pytest.raises(GlossaryError, match=r"10-national\.tsv:7: 新质生产力 has two renderings"):
        load_glossary(layered)


def test_two_layers_with_one_name_are_refused(layered: Path) -> None:
    shutil.copy(layered / "layers" / "20-cities.tsv", layered / "layers" / "30-cities.tsv")
    with pytest.raises(GlossaryError, match="has the name 'cities'"):
        load_glossary(layered)


def test_the_same_term_once_per_scope_is_not_a_duplicate(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    path.write_text(
        HEADER
        + f"市委经济工作会议\t{CHONGQING}\tevent\t\t\tplace:重庆\n"
        + f"市委经济工作会议\t{ZHUZHOU}\tevent\t\t\tplace:株洲\n"
        + f"市委经济工作会议\t{ZHUZHOU}\tevent\t\t\tplace:株洲\n",
        "utf-8",
    )
    problems = check_termbase(path)
    assert [(p.line, "listed twice" in p.message) for p in problems] == [(4, True)]


def test_an_unknown_scope_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    path.write_text(HEADER + "市商务委\tCommission\torganization\t\t\tcity:重庆\n", "utf-8")
    with pytest.raises(GlossaryError, match=r"terms.tsv:2: 市商务委: unknown scope 'city:重庆'; write place:NAME"):
        load_termbase(path)


def test_adding_a_scoped_term_adds_the_scope_column(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    path.write_text("zh\ten\tkind\tnote\tforbidden\n重庆\tChongqing\tplace\t\t\n", "utf-8")
    add_term(path, Term("市商务委", "Chongqing Municipal Commission of Commerce", "organization",
                        scope=("place:重庆",)))
    lines = path.read_text("utf-8").splitlines()
    assert lines[0] == "zh\ten\tkind\tnote\tforbidden\tscope"
    assert lines[1] == "重庆\tChongqing\tplace\t\t"  # untouched
    assert lines[2].endswith("\tplace:重庆")
    assert load_termbase(path).for_place("重庆").get("市商务委") is not None


def test_editing_a_term_listed_for_several_scopes_needs_the_scope(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    path.write_text(
        HEADER + f"市委经济工作会议\t{CHONGQING}\tevent\t\t\tplace:重庆\n"
        f"市委经济工作会议\t{ZHUZHOU}\tevent\t\t\tplace:株洲\n",
        "utf-8",
    )
    with pytest.raises(GlossaryError, match=r"several scopes .*say which with --scope"):
        set_rendering(path, "市委经济工作会议", "X")
    old, changed = set_rendering(path, "市委经济工作会议", "Zhuzhou Conference", ["place:株洲"])
    assert old == ZHUZHOU and changed.scope == ("place:株洲",)
    assert remove_term(path, "市委经济工作会议", ["place:重庆"]) == (CHONGQING,)
    assert [t.en for t in load_termbase(path).rows] == ["Zhuzhou Conference"]


def test_scope_survives_export_and_import() -> None:
    terms = [Term("重庆", "Chongqing", "place"),
             Term("市商务委", "Chongqing Municipal Commission of Commerce", "organization", scope=("place:重庆",))]
    for dump, parse in ((dump_tsv, parse_tsv), (dump_csv, parse_csv)):
        text = dump(terms)
        assert text.splitlines()[0].replace(",", "\t") == "zh\ten\tkind\tnote\tforbidden\tscope"
        assert parse(text.encode(), "exported") == terms
    tbx = dump_tbx(terms)
    assert '<termNote type="geographicalUsage">place:重庆</termNote>' in tbx
    assert parse_tbx(tbx.encode(), "exported.tbx") == terms
    # without a scoped term, exports keep the five columns
    assert dump_tsv(terms[:1]).splitlines()[0] == "zh\ten\tkind\tnote\tforbidden"


def test_an_override_with_a_rendering_the_earlier_layer_forbids_says_so(layered: Path) -> None:
    with (layered / "terms.tsv").open("a", encoding="utf-8") as out:
        out.write("芦淞区\tLusong Qu\tplace\t\t\n")
    national_forbids = layered / "layers" / "10-national.tsv"
    national_forbids.write_text(
        national_forbids.read_text("utf-8") + "芦淞区\tLusong District\tplace\t\tLusong Qu\n", "utf-8"
    )
    notes = [p.message for p in check_glossary(layered) if p.where.endswith("terms.tsv")]
    assert "芦淞区 overrides layer national's 'Lusong District' with 'Lusong Qu', which layer " \
        "national lists as forbidden" in notes
    # the cities' layer gives the national rendering again: an override all the same
    assert "芦淞区 overrides layer national's 'Lusong District' with the same rendering" in [
        p.message for p in check_glossary(layered) if p.where.endswith("20-cities.tsv")
    ]
