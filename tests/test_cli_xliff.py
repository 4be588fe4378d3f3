"""``doctool xliff`` and ``doctool omegat``: a report the memory does not know, through a CAT tool."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from doctool import content_io
from doctool.glossary.memory import Memory
from doctool.xliff import TransUnit, XliffFile, parse_xliff, to_xliff, units_of
from tests.conftest import FIXTURES, Run
from tests.omegat_support import console_translate, needs_omegat
from tests.pdftext import pdf_text

CAT = FIXTURES / "cat"
REPORT = CAT / "harbour-district-conference.txt"
SLUG = REPORT.stem
GOAL = "陈立新强调，明年要抓好“港城融合”工程，力争地区生产总值增长6%左右。"
GOAL_EN = ("Chen Lixin stressed that next year the district must deliver the Port-City Integration "
           "program and strive for GDP growth of around 6%.")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Run]) -> Path:
    """A folder with a small glossary and a build of the report, memory empty, made current."""
    (tmp_path / "glossary").mkdir()
    shutil.copy(CAT / "glossary-terms.tsv", tmp_path / "glossary" / "terms.tsv")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DOCTOOL_MODELS_DIR", str(tmp_path / "no-models"))
    assert cli("build", REPORT, "--engine", "memory").code == 0
    return tmp_path


def build_dir(project: Path) -> Path:
    return project / "build" / SLUG


def exported(cli: Callable[..., Run], project: Path) -> list[TransUnit]:
    assert cli("xliff", "export", build_dir(project), "-o", project / "r.xlf").code == 0
    return units_of(parse_xliff((project / "r.xlf").read_bytes(), "r.xlf"))


def returned(project: Path, targets: dict[str, tuple[str, str]], *, source: dict[str, str] | None = None,
             name: str = "back.xlf") -> Path:
    """The exported file as a translator sends it back: some targets filled with a state."""
    [file] = parse_xliff((project / "r.xlf").read_bytes(), "r.xlf")
    units = tuple(
        TransUnit(u.id, (source or {}).get(u.id, u.source), *targets.get(u.id, (u.target, u.state)))
        for u in file.units
    )
    path = project / name
    path.write_bytes(to_xliff(XliffFile(file.original, units)))
    return path


def memory_of(project: Path) -> Memory:
    return Memory.load(project / "glossary" / "memory.tmx")


def segment_id(project: Path, zh: str) -> str:
    content = content_io.load(build_dir(project) / "content.yaml")
    return next(s.id for s in content.segments() if s.zh == zh)


def test_export_has_every_segment_and_short_text_with_states_and_notes(
    project: Path, cli: Callable[..., Run]
) -> None:
    units = exported(cli, project)
    content = content_io.load(build_dir(project) / "content.yaml")
    ids = [u.id for u in units]
    assert [s.id for s in content.segments()] == [i for i in ids if re.fullmatch(r"s\d+\.b\d+\.\d+", i)]
    assert "meeting.title" in ids and any(i.startswith("programs.") for i in ids)
    by_id = {u.id: u for u in units}
    assert by_id[segment_id(project, GOAL)].state == "new"
    assert by_id["meeting.place"].state == "final"  # the glossary's 海湾区
    raw = (project / "r.xlf").read_text(encoding="utf-8")
    assert "glossary: 港城融合 → Port-City Integration" in raw
    assert "speaker: 陈立新，区委书记" in raw
    assert "[untranslated]" in raw


def test_finished_targets_are_approved_and_the_rebuild_carries_them(
    project: Path, cli: Callable[..., Run]
) -> None:
    exported(cli, project)
    goal = segment_id(project, GOAL)
    back = returned(project, {goal: (GOAL_EN, "translated"), "meeting.event": ("Draft", "needs-review-translation")})
    result = cli("xliff", "import", back)
    assert result.code == 0, result.err
    assert "1 approved into glossary/memory.tmx" in result.err
    assert memory_of(project).lookup(GOAL) == GOAL_EN
    assert memory_of(project).lookup("区委经济工作会议") is None  # still under review
    assert cli("build", REPORT, "--engine", "memory").code == 0
    english = pdf_text(build_dir(project) / "brief.en.pdf")
    assert "Port-City Integration program and strive for GDP growth of around 6%" in " ".join(english.split())
    paragraphs = [p.text for p in docx.Document(str(build_dir(project) / "brief.en.docx")).paragraphs]
    assert any(GOAL_EN in p for p in paragraphs)
    content = content_io.load(build_dir(project) / "content.yaml")
    assert next(s for s in content.segments() if s.id == goal).origin == "memory"


def test_a_target_that_breaks_a_term_or_a_number_is_refused_and_named(
    project: Path, cli: Callable[..., Run]
) -> None:
    exported(cli, project)
    goal = segment_id(project, GOAL)
    lead = segment_id(project, "区长赵海峰主持会议。")
    bad_term = GOAL_EN.replace("Port-City Integration", "port and city merger")
    back = returned(project, {
        goal: (bad_term, "final"),
        lead: ("Zhao Haifeng, head of the district government, presided over the conference.", "signed-off"),
        "programs.pg1.name": ("Port-City Integration program", "translated"),
    })
    result = cli("xliff", "import", back)
    assert result.code == 1
    assert f"{goal}\terror: {goal}: 港城融合 should read \"Port-City Integration\"" in result.out
    assert "2 approved" in result.err and "1 refused by the checks" in result.err
    assert memory_of(project).lookup(GOAL) is None
    assert memory_of(project).lookup("区长赵海峰主持会议。") is not None
    wrong_number = returned(project, {goal: (GOAL_EN.replace("6%", "7%"), "final")}, name="n.xlf")
    result = cli("xliff", "import", wrong_number)
    assert result.code == 1 and "number" in result.out


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ("unknown", "is not a segment of this build"),
        ("source", "was changed"),
        ("laughs", "declares a DTD or entities"),
        ("pair", "doctool takes Chinese (zh) to English (en) only"),
        ("garbage", "not well-formed XML"),
    ],
)
def test_a_bad_file_is_refused_in_one_line_and_nothing_is_written(
    project: Path, cli: Callable[..., Run], change: str, says: str
) -> None:
    exported(cli, project)
    goal = segment_id(project, GOAL)
    back = returned(project, {goal: (GOAL_EN, "final")})
    raw = back.read_text(encoding="utf-8")
    if change == "unknown":
        raw = raw.replace(f'id="{goal}"', 'id="s9.b9.9"')
    elif change == "source":
        raw = raw.replace("增长6%左右", "增长9%左右", 1)
    elif change == "laughs":
        raw = raw.replace('<?xml version="1.0" encoding="UTF-8"?>',
                          '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>')
    elif change == "pair":
        raw = raw.replace('target-language="en"', 'target-language="fr"')
    else:
        raw = raw[: len(raw) // 2]
    back.write_text(raw, encoding="utf-8")
    before = sorted(p.name for p in (project / "glossary").iterdir())
    result = cli("xliff", "import", back)
    assert result.code == 9
    assert says in result.err and len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err
    assert sorted(p.name for p in (project / "glossary").iterdir()) == before


def test_import_without_the_build_says_to_name_it(
    project: Path, cli: Callable[..., Run], tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    exported(cli, project)
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    shutil.copytree(project / "glossary", elsewhere / "glossary")
    monkeypatch.chdir(elsewhere)
    result = cli("xliff", "import", project / "r.xlf")
    assert result.code == 9 and "give --build DIR" in result.err
    assert cli("xliff", "import", project / "r.xlf", "--build", build_dir(project)).code == 0


def test_the_omegat_project_has_omegats_layout(project: Path, cli: Callable[..., Run]) -> None:
    result = cli("omegat", build_dir(project), "-o", project / "omt")
    assert result.code == 0, result.err
    omt = project / "omt"
    assert (omt / "omegat.project").is_file()
    assert {p.name for p in omt.iterdir()} >= {"source", "target", "tm", "glossary", "omegat"}
    xlf = (omt / "source" / f"{SLUG}.xlf").read_text(encoding="utf-8")
    # OmegaT translates what it finds in <target>: every target starts as the Chinese
    assert f"<target state=\"new\">{GOAL}</target>" in xlf
    assert "海湾区\tHaiwan District\tplace" in (omt / "glossary" / "glossary.txt").read_text(encoding="utf-8")
    assert "Haiwan District" in (omt / "tm" / "auto" / "doctool-approved.tmx").read_text(encoding="utf-8")
    full = project / "full"
    full.mkdir()
    (full / "notes.txt").write_text("mine", encoding="utf-8")
    refused = cli("omegat", build_dir(project), "-o", full)
    assert refused.code == 9 and "is not empty" in refused.err
    assert (full / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_omegat_import_needs_translated_documents(project: Path, cli: Callable[..., Run]) -> None:
    assert cli("omegat", build_dir(project), "-o", project / "omt").code == 0
    result = cli("omegat", "--import", project / "omt")
    assert result.code == 9 and "Create Translated Documents" in result.err


@needs_omegat
def test_a_round_trip_through_the_real_omegat(project: Path, cli: Callable[..., Run]) -> None:
    omt = project / "omt"
    assert cli("omegat", build_dir(project), "-o", omt).code == 0
    # the translator's own memory, which OmegaT fills exact matches from
    shutil.copy(CAT / "translator.tmx", omt / "tm" / "auto" / "translator.tmx")
    console_translate(omt, project / "omegat-config")
    result = cli("omegat", "--import", omt)
    assert result.code == 0, result.out + result.err
    assert "0 refused" in result.err
    assert memory_of(project).lookup(GOAL) == GOAL_EN
    built = cli("build", REPORT, "--engine", "memory")
    assert built.code == 0
    assert "QA 0 errors" in built.err
    content = content_io.load(build_dir(project) / "content.yaml")
    assert all(s.origin == "memory" for s in content.segments())
    english = " ".join(pdf_text(build_dir(project) / "brief.en.pdf").split())
    assert "DRAFT" not in english
    assert "Chen Lixin, Secretary of the District Party Committee, addressed the conference." in english
    text = "\n".join(p.text for p in docx.Document(str(build_dir(project) / "brief.en.docx")).paragraphs)
    assert GOAL_EN in text and "Haiwan District Holds Economic Work Conference" in text


#: the OASIS XLIFF 1.2 strict schema, as Debian's Symfony translation package ships it
SCHEMAS = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas")
needs_schema = pytest.mark.skipif(
    not (SCHEMAS / "xliff-core-1.2-strict.xsd").is_file(),
    reason="the XLIFF 1.2 schema is not installed (.ci/run installs php-symfony-translation)",
)


def schema_errors(path: Path) -> list[str]:
    """What the XLIFF 1.2 strict schema says about ``path`` (nothing fetched from the network)."""
    from lxml import etree

    class Local(etree.Resolver):
        def resolve(self, url: str, pubid: str, context: object) -> object:
            if url.endswith("/xml.xsd"):
                return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
            return None

    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(Local())
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd"), parser))
    valid = schema.validate(etree.parse(str(path)))
    return [] if valid else [str(error) for error in schema.error_log]


@needs_schema
def test_exported_files_validate_against_the_xliff_12_schema(project: Path, cli: Callable[..., Run]) -> None:
    exported(cli, project)
    assert schema_errors(project / "r.xlf") == []
    assert cli("omegat", build_dir(project), "-o", project / "omt").code == 0
    assert schema_errors(project / "omt" / "source" / f"{SLUG}.xlf") == []
