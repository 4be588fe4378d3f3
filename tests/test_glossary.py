"""The term base: finding it, loading and refusing terms.tsv, checking, editing, exchange formats."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from doctool.errors import GlossaryError
from doctool.glossary import exchange as tbx
from doctool.glossary.editing import (
    MergeConflict,
    add_term,
    merge_terms,
    remove_term,
    set_rendering,
)
from doctool.glossary.exchange import dump_csv, dump_tsv, parse_csv, parse_tsv
from doctool.glossary.folder import find_glossary_dir, terms_path
from doctool.glossary.terms import KINDS, Term, TermBase
from doctool.glossary.validation import check_termbase, load_termbase

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = "zh\ten\tkind\tnote\tforbidden\n"


def fixture_terms(name: str) -> Path:
    return FIXTURES / name / "terms.tsv"


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A copy of the good fixture's terms.tsv, safe to edit."""
    target = tmp_path / "glossary"
    shutil.copytree(FIXTURES / "glossary-good", target)
    return terms_path(target)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


# --- finding the glossary folder -------------------------------------------------------------


def test_finds_glossary_in_the_nearest_parent(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_glossary_dir(deep) == (tmp_path / "glossary").resolve()


def test_nearer_glossary_wins(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "a" / "glossary").mkdir(parents=True)
    assert find_glossary_dir(tmp_path / "a") == (tmp_path / "a" / "glossary").resolve()


def test_override_wins_over_discovery(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    other = tmp_path / "elsewhere"
    other.mkdir()
    assert find_glossary_dir(tmp_path, override=other) == other


def test_missing_override_is_refused(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match=r"--glossary .*no such folder"):
        find_glossary_dir(tmp_path, override=tmp_path / "nope")


def test_no_glossary_anywhere_gives_a_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Path, "is_dir", lambda self: False)
    with pytest.raises(GlossaryError, match="pass --glossary DIR"):
        find_glossary_dir(tmp_path)


# --- loading ---------------------------------------------------------------------------------


def test_loads_the_good_fixture() -> None:
    termbase = load_termbase(fixture_terms("glossary-good"))
    assert [term.zh for term in termbase.terms] == [
        "重庆",
        "两江新区",
        "两江新区管委会",
        "市委",
        "“满天星”行动计划",
        "新质生产力",
    ]
    area = termbase.get("两江新区")
    assert area == Term(
        "两江新区",
        "Liangjiang New Area",
        "place",
        "national-level new area",
        ("Liangjiang New Zone",),
    )
    plan = termbase.get("“满天星”行动计划")
    assert plan is not None
    assert plan.forbidden == ("Starry Sky Plan", "Mantianxing Plan")
    assert termbase.get("不存在") is None
    assert [t.zh for t in termbase.by_kind("organization", "policy")] == [
        "两江新区管委会",
        "市委",
        "新质生产力",
    ]
    assert termbase.path == fixture_terms("glossary-good")


def test_lookup_normalises_to_nfc() -> None:
    termbase = TermBase((Term("Café", "cafe", "term"),))
    assert termbase.get("Cafe\u0301") is not None


def test_a_utf8_bom_is_accepted() -> None:
    termbase = load_termbase(fixture_terms("glossary-bom"))
    assert termbase.terms == (Term("重庆", "Chongqing", "place"),)


def test_crlf_and_missing_final_newline_are_accepted(tmp_path: Path) -> None:
    path = write(tmp_path / "terms.tsv", HEADER.replace("\n", "\r\n") + "重庆\tChongqing\tplace")
    assert load_termbase(path).terms == (Term("重庆", "Chongqing", "place"),)


@pytest.mark.parametrize(
    ("fixture", "message"),
    [
        ("bad-glossary-duplicate", r"terms.tsv:4: 重庆 is listed twice \(first on line 2\); keep one row"),
        (
            "bad-glossary-conflict",
            r"terms.tsv:4: 两江新区 has two renderings, 'Liangjiang New Area' "
            r"\(first on line 2\) and 'Liangjiang New Zone'; keep one and put the other in the forbidden",
        ),
        ("bad-glossary-comma", r"terms.tsv:1: the header has no tab.*comma-separated.*import"),
        ("bad-glossary-semicolon", r"terms.tsv:1: the header has no tab.*semicolon-separated"),
        ("bad-glossary-empty-cell", r"terms.tsv:3: 两江新区 has no English \(the en cell is empty\)"),
        ("bad-glossary-kind", r"terms.tsv:2: 重庆 has unknown kind 'city'; use one of program, "),
        ("bad-glossary-utf8", r"terms.tsv:3: not valid UTF-8 .*re-save the file as UTF-8"),
        ("bad-glossary-forbidden", r"terms.tsv:2: 重庆: the approved rendering 'Chongqing' is also"),
    ],
)
def test_broken_term_bases_are_refused_naming_the_line(fixture: str, message: str) -> None:
    with pytest.raises(GlossaryError, match=message) as caught:
        load_termbase(fixture_terms(fixture))
    assert caught.value.exit_code == 5


def test_empty_zh_cell_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "terms.tsv", HEADER + "\tChongqing\tplace\t\t\n")
    with pytest.raises(GlossaryError, match=r"terms.tsv:2: the zh cell is empty"):
        load_termbase(path)


def test_empty_kind_lists_the_allowed_kinds(tmp_path: Path) -> None:
    path = write(tmp_path / "terms.tsv", HEADER + "重庆\tChongqing\t\t\t\n")
    with pytest.raises(GlossaryError, match="重庆 has no kind; use one of " + ", ".join(KINDS)):
        load_termbase(path)


def test_a_wrong_header_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "terms.tsv", "zh\tenglish\tkind\tnote\tforbidden\n")
    with pytest.raises(GlossaryError, match=r"terms.tsv:1: the header must start with zh<TAB>en"):
        load_termbase(path)


def test_a_row_without_tabs_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path / "terms.tsv", HEADER + "重庆    Chongqing    place\n")
    with pytest.raises(GlossaryError, match=r"terms.tsv:2: the row has no tab.*spaces"):
        load_termbase(path)


def test_utf16_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    path.write_bytes((HEADER + "重庆\tChongqing\tplace\t\t\n").encode("utf-16"))
    with pytest.raises(GlossaryError, match="UTF-16 text; re-save it as UTF-8"):
        load_termbase(path)


def test_a_missing_file_says_how_to_start_one(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="no such file; start it with `doctool glossary add"):
        load_termbase(tmp_path / "terms.tsv")


def test_the_first_error_mentions_how_many_more(tmp_path: Path) -> None:
    path = write(tmp_path / "terms.tsv", HEADER + "重庆\t\tplace\n两江\tLiangjiang\tcity\n")
    with pytest.raises(GlossaryError, match=r"\(1 more: run `doctool glossary check`\)"):
        load_termbase(path)


def test_lenient_load_keeps_the_good_rows(tmp_path: Path) -> None:
    path = write(tmp_path / "terms.tsv", HEADER + "重庆\tChongqing\tplace\n两江\tLiangjiang\tcity\n")
    assert [t.zh for t in load_termbase(path, strict=False).terms] == ["重庆"]


# --- check -----------------------------------------------------------------------------------


def test_check_lists_every_problem(tmp_path: Path) -> None:
    path = write(
        tmp_path / "terms.tsv",
        HEADER
        + "重庆\tChongqing\tplace\t\t\n"
        + "重庆\tChongqing\tplace\t\t\n"
        + "两江\t\tplace\t\t\n"
        + "江北\tJiangbei\tcity\t\t\n"
        + "渝中\tYuzhong\tplace\t\tYuzhong\n",
    )
    problems = check_termbase(path)
    assert [(p.line, p.severity) for p in problems] == [
        (3, "error"),
        (4, "error"),
        (5, "error"),
        (6, "error"),
    ]
    assert "listed twice" in problems[0].message


def test_check_finds_nested_terms_with_inconsistent_english() -> None:
    problems = check_termbase(fixture_terms("bad-glossary-nested"))
    assert len(problems) == 1
    assert str(problems[0]).endswith(
        "terms.tsv:3: 两江新区管委会 is 'Liangjiang New Zone Administrative Committee', which "
        "does not contain 'Liangjiang New Area', the English of 两江新区 (line 2); "
        "make the two agree"
    )
    # it is a consistency finding, not a reason to refuse the term base at build time
    assert len(load_termbase(fixture_terms("bad-glossary-nested"))) == 2


def test_nesting_ignores_kinds_outside_names(tmp_path: Path) -> None:
    path = write(
        tmp_path / "terms.tsv",
        HEADER + "中国\tChina\tplace\t\t\n中国式现代化\tChinese modernization\tpolicy\t\t\n",
    )
    assert check_termbase(path) == []


def test_check_reports_an_unreadable_file_as_one_problem() -> None:
    problems = check_termbase(fixture_terms("bad-glossary-comma"))
    assert len(problems) == 1
    assert problems[0].line == 1


def test_check_warns_about_spaces_and_chinese_in_english(tmp_path: Path) -> None:
    path = write(tmp_path / "terms.tsv", HEADER + " 重庆\tChongqing 重庆\tplace\t\t\n")
    assert {p.severity for p in check_termbase(path)} == {"warning"}


def test_the_good_fixture_checks_clean() -> None:
    assert check_termbase(fixture_terms("glossary-good")) == []


# --- editing ---------------------------------------------------------------------------------


def test_add_appends_and_keeps_everything_else_byte_for_byte(good: Path) -> None:
    before = good.read_bytes()
    add_term(good, Term("江北区", "Jiangbei District", "place", note="a district"))
    after = good.read_bytes()
    assert after.startswith(before)
    # the header has a sixth column, so the new row has a sixth (empty) cell
    assert after[len(before) :] == "江北区\tJiangbei District\tplace\ta district\t\t\n".encode()
    assert load_termbase(good).get("江北区") == Term("江北区", "Jiangbei District", "place", "a district")


def test_add_refuses_a_duplicate_and_points_to_set(good: Path) -> None:
    before = good.read_bytes()
    with pytest.raises(GlossaryError, match=r"重庆 is already in .*line 6.*`doctool glossary set 重庆 EN`"):
        add_term(good, Term("重庆", "Chungking", "place"))
    assert good.read_bytes() == before


@pytest.mark.parametrize(
    ("term", "message"),
    [
        (Term("  ", "X", "term"), "the Chinese term is empty"),
        (Term("重庆", "", "place"), "the English rendering is empty"),
        (Term("重庆", "Chong\tqing", "place"), "holds a tab"),
        (Term("重庆", "A | B", "place"), "holds '|'"),
        (Term("重庆", "Chongqing", "city"), "unknown kind 'city'; use one of program"),  # type: ignore[arg-type]
    ],
)
def test_add_refuses_what_cannot_be_a_row(good: Path, term: Term, message: str) -> None:
    before = good.read_bytes()
    with pytest.raises(GlossaryError, match=message):
        add_term(good, term)
    assert good.read_bytes() == before


def test_add_starts_a_new_file_with_the_header(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    add_term(path, Term("重庆", "Chongqing", "place"))
    assert path.read_text("utf-8") == HEADER + "重庆\tChongqing\tplace\t\t\n"


def test_add_keeps_crlf_bom_and_a_missing_final_newline(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    path.write_bytes(b"\xef\xbb\xbf" + (HEADER.replace("\n", "\r\n") + "重庆\tChongqing\tplace").encode())
    add_term(path, Term("江北", "Jiangbei", "place"))
    assert (
        path.read_bytes()
        == b"\xef\xbb\xbf"
        + (HEADER.replace("\n", "\r\n") + "重庆\tChongqing\tplace\r\n江北\tJiangbei\tplace\t\t\r\n").encode()
    )


def test_set_moves_the_old_rendering_to_forbidden(good: Path) -> None:
    lines_before = good.read_text("utf-8").splitlines(keepends=True)
    old, term = set_rendering(good, "两江新区", "Liangjiang New District")
    assert old == "Liangjiang New Area"
    assert term.forbidden == ("Liangjiang New Zone", "Liangjiang New Area")
    lines_after = good.read_text("utf-8").splitlines(keepends=True)
    changed = [i for i, (a, b) in enumerate(zip(lines_before, lines_after, strict=True)) if a != b]
    assert changed == [6]
    # the note and the extra column are kept
    assert lines_after[6] == (
        "两江新区\tLiangjiang New District\tplace\tnational-level new area\t"
        "Liangjiang New Zone | Liangjiang New Area\tstyle guide\n"
    )


def test_set_back_to_a_forbidden_rendering_takes_it_out_of_forbidden(good: Path) -> None:
    set_rendering(good, "两江新区", "Liangjiang New Zone")
    term = load_termbase(good).get("两江新区")
    assert term is not None
    assert (term.en, term.forbidden) == ("Liangjiang New Zone", ("Liangjiang New Area",))


def test_set_to_the_same_rendering_changes_nothing(good: Path) -> None:
    before = good.read_bytes()
    old, term = set_rendering(good, "重庆", "Chongqing")
    assert old == term.en == "Chongqing"
    assert good.read_bytes() == before


def test_set_unknown_term_suggests_add(good: Path) -> None:
    before = good.read_bytes()
    with pytest.raises(GlossaryError, match=r"江北 is not in .*`doctool glossary add 江北 Jiangbei"):
        set_rendering(good, "江北", "Jiangbei")
    assert good.read_bytes() == before


def test_set_folds_a_term_listed_twice_into_one_row(tmp_path: Path) -> None:
    path = write(
        tmp_path / "terms.tsv",
        HEADER + "重庆\tChungking\tplace\t\t\n# keep me\n重庆\tChongqing City\tplace\t\t\n",
    )
    set_rendering(path, "重庆", "Chongqing")
    assert path.read_text("utf-8") == (
        HEADER + "重庆\tChongqing\tplace\t\tChungking | Chongqing City\n# keep me\n"
    )


def test_remove_deletes_only_that_row(good: Path) -> None:
    before = good.read_text("utf-8")
    assert remove_term(good, "市委") == ("CPC Chongqing Municipal Committee",)
    after = good.read_text("utf-8")
    assert after == before.replace("市委\tCPC Chongqing Municipal Committee\torganization\n", "")


def test_remove_unknown_is_refused(good: Path) -> None:
    with pytest.raises(GlossaryError, match=r"江北 is not in .*nothing was removed"):
        remove_term(good, "江北")


def test_an_edit_is_refused_while_the_file_has_errors(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    shutil.copy(fixture_terms("bad-glossary-duplicate"), path)
    before = path.read_bytes()
    with pytest.raises(GlossaryError, match=r"listed twice.*nothing was changed"):
        add_term(path, Term("江北", "Jiangbei", "place"))
    assert path.read_bytes() == before
    # removing the duplicated term is how it gets fixed
    remove_term(path, "重庆")
    add_term(path, Term("重庆", "Chongqing", "place"))
    assert len(load_termbase(path)) == 2


def test_an_edit_refuses_a_broken_header(tmp_path: Path) -> None:
    path = tmp_path / "terms.tsv"
    shutil.copy(fixture_terms("bad-glossary-comma"), path)
    before = path.read_bytes()
    with pytest.raises(GlossaryError, match="the header has no tab"):
        add_term(path, Term("江北", "Jiangbei", "place"))
    assert path.read_bytes() == before


ADDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from doctool.glossary.editing import add_term
    from doctool.glossary.terms import Term
    path, prefix = Path(sys.argv[1]), sys.argv[2]
    for number in range(20):
        add_term(path, Term(f"{prefix}{number}", f"{prefix} {number}", "term"))
    """
)


def test_concurrent_processes_lose_no_edit(tmp_path: Path) -> None:
    path = write(tmp_path / "terms.tsv", HEADER)
    editors = [subprocess.Popen([sys.executable, "-c", ADDER, str(path), prefix]) for prefix in ("甲", "乙")]
    assert [editor.wait(timeout=120) for editor in editors] == [0, 0]
    termbase = load_termbase(path)
    assert len(termbase) == 40
    assert {t.zh for t in termbase.terms} == {f"{p}{n}" for p in "甲乙" for n in range(20)}


def test_concurrent_threads_lose_no_edit(tmp_path: Path) -> None:
    path = write(tmp_path / "terms.tsv", HEADER)

    def adder(prefix: str) -> None:
        for number in range(20):
            add_term(path, Term(f"{prefix}{number}", f"{prefix} {number}", "term"))

    threads = [threading.Thread(target=adder, args=(prefix,)) for prefix in "丙丁"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(load_termbase(path)) == 40


# --- merging and exchange formats ------------------------------------------------------------


def test_merge_appends_new_terms_and_skips_identical_ones(good: Path) -> None:
    result = merge_terms(
        good, [Term("重庆", "Chongqing", "place"), Term("江北区", "Jiangbei District", "place")]
    )
    assert [t.zh for t in result.added] == ["江北区"]
    assert result.unchanged == 1
    assert load_termbase(good).terms[-1].zh == "江北区"


def test_merge_refuses_conflicts_listing_them_all(good: Path) -> None:
    before = good.read_bytes()
    incoming = [
        Term("重庆", "Chungking", "place"),
        Term("市委", "Municipal Party Committee", "organization"),
        Term("江北区", "Jiangbei District", "place"),
    ]
    with pytest.raises(MergeConflict, match="2 imported terms have another rendering") as caught:
        merge_terms(good, incoming)
    assert [(c.zh, c.current, c.incoming) for c in caught.value.conflicts] == [
        ("重庆", "Chongqing", "Chungking"),
        ("市委", "CPC Chongqing Municipal Committee", "Municipal Party Committee"),
    ]
    assert good.read_bytes() == before


def test_merge_with_replace_takes_the_imported_rendering(good: Path) -> None:
    result = merge_terms(good, [Term("重庆", "Chungking", "place", "old spelling")], replace=True)
    assert [t.zh for t in result.replaced] == ["重庆"]
    assert load_termbase(good).get("重庆") == Term(
        "重庆", "Chungking", "place", "old spelling", ("Chongqing",)
    )


def test_merge_adds_forbidden_renderings_of_a_known_term(good: Path) -> None:
    result = merge_terms(good, [Term("重庆", "Chongqing", "place", forbidden=("Chungking",))])
    assert [t.zh for t in result.updated] == ["重庆"]
    term = load_termbase(good).get("重庆")
    assert term is not None
    assert term.forbidden == ("Chungking",)


@pytest.mark.parametrize(
    ("dump", "parse"),
    [(dump_csv, parse_csv), (dump_tsv, parse_tsv), (tbx.dump_tbx, tbx.parse_tbx)],
    ids=["csv", "tsv", "tbx"],
)
def test_export_then_import_gives_the_same_term_base(
    dump: Callable[[Iterable[Term]], str], parse: Callable[[bytes, str], list[Term]], tmp_path: Path
) -> None:
    original = load_termbase(fixture_terms("glossary-good"))
    tricky = Term("“中国”<&>", 'A "quoted", <odd> & name', "term", "note, with; marks")
    terms = (*original.terms, tricky)
    text = dump(terms)
    assert tuple(parse(text.encode("utf-8"), "export")) == terms
    # into an empty term base, and again into the same one: nothing changes the second time
    target = tmp_path / "terms.tsv"
    merge_terms(target, parse(text.encode("utf-8"), "export"))
    assert load_termbase(target).terms == terms
    before = target.read_bytes()
    assert merge_terms(target, parse(text.encode("utf-8"), "export")).unchanged == len(terms)
    assert target.read_bytes() == before


def test_csv_and_tsv_exports_start_with_the_documented_header() -> None:
    terms = [Term("重庆", "Chongqing", "place")]
    assert dump_csv(terms).splitlines()[0] == "zh,en,kind,note,forbidden"
    assert dump_tsv(terms).splitlines()[0] == "zh\ten\tkind\tnote\tforbidden"


def test_csv_import_reads_quoted_cells_without_a_forbidden_column() -> None:
    terms = parse_csv((FIXTURES / "glossary-import" / "terms.csv").read_bytes(), "terms.csv")
    assert terms[1] == Term(
        "“33618”现代制造业集群体系",
        "“33618” modern manufacturing cluster system",
        "program",
        "quoted, with a comma",
    )


def test_csv_import_refuses_a_bad_row_naming_its_line() -> None:
    data = "zh,en,kind,note\n重庆,Chongqing,place,\n江北,,place,\n".encode()
    with pytest.raises(GlossaryError, match=r"in.csv:3: 江北 has no English"):
        parse_csv(data, "in.csv")


def test_csv_import_refuses_a_semicolon_file() -> None:
    with pytest.raises(GlossaryError, match=r"x.csv:1: the header must start with zh, en, kind, note"):
        parse_csv(b"zh;en;kind;note\n", "x.csv")


def test_tbx_export_is_tbx_basic() -> None:
    text = tbx.dump_tbx([Term("两江新区", "Liangjiang New Area", "place", "", ("Liangjiang New Zone",))])
    assert '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">' in text
    assert '<descrip type="subjectField">place</descrip>' in text
    assert '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>' in text


def test_tbx2_import_reads_superseded_terms_as_forbidden() -> None:
    data = (FIXTURES / "glossary-import" / "terms-v2.tbx").read_bytes()
    assert tbx.parse_tbx(data, "terms-v2.tbx") == [
        Term(
            "规上工业增加值",
            "value added of industrial enterprises above designated size",
            "term",
            "",
            ("industrial added value above scale",),
        )
    ]


@pytest.mark.parametrize("name", ["entities.tbx", "external.tbx"])
def test_tbx_with_a_dtd_or_entities_is_refused(name: str) -> None:
    data = (FIXTURES / "glossary-import" / name).read_bytes()
    with pytest.raises(GlossaryError, match="declares a DTD or entities"):
        tbx.parse_tbx(data, name)


def test_malformed_tbx_is_refused_with_its_line() -> None:
    with pytest.raises(GlossaryError, match=r"bad.tbx:2: not well-formed XML"):
        tbx.parse_tbx(b"<tbx>\n<text></tbx>", "bad.tbx")


def test_xml_that_is_not_tbx_is_refused() -> None:
    with pytest.raises(GlossaryError, match="not TBX"):
        tbx.parse_tbx(b"<html/>", "page.xml")
