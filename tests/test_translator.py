"""The translator: memory first, then one batched MT call, then nothing; short texts too."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest

from doctool.glossary.memory import Memory
from doctool.glossary.terms import Term, TermBase
from doctool.model import (
    Block,
    Content,
    Meeting,
    Program,
    Section,
    Segment,
    Source,
    Speaker,
    Target,
    Text,
    labelled_texts,
)
from doctool.translate.translator import (
    open_glossary,
    person_terms,
    refresh_memory,
    translate,
)
from tests.argos_support import FIXTURE_MODEL, block_network, isolate_home, needs_argos

TERMBASE = TermBase((
    Term("两江新区", "Liangjiang New Area", "place", forbidden=("Liangjiang New Zone",)),
    Term("党工委", "Party Working Committee", "organization"),
    Term("副书记", "Deputy Secretary", "title"),
    Term("党组书记", "Secretary of the Leading Party Members Group", "title"),
    Term("主任", "Director", "title"),
    Term("新质生产力", "new quality productive forces", "term", forbidden=("new productive forces",)),
    Term("“满天星”行动计划", "Mantianxing Action Plan", "program"),
    Term("胡衡华", "Hu Henghua", "person"),
    Term("重庆日报", "Chongqing Daily", "publication"),
))


def make_content() -> Content:
    """A small report: a lead, a statement, a heading and the furniture around them."""
    return Content(
        meeting=Meeting(
            title=Text("会议召开"),
            event=Text("市委经济工作会议"),
            place=Text("重庆"),
            source=Source(publication=Text("重庆日报"), reporters=(Text("杨骏"),)),
        ),
        sections=(
            Section("s1", None, (
                Block("s1.b1", "paragraph", (
                    Segment("s1.b1.1", "会议在重庆召开。"),
                    Segment("s1.b1.2", "两江新区培育新质生产力。"),
                )),
            )),
            Section("s2", Text("推进重点领域投资"), (
                Block("s2.b1", "statement", (
                    Segment("s2.b1.1", "王志杰表示，实施“满天星”行动计划，增长8%。"),
                ), speaker="p1"),
                Block("s2.b2", "byline", (Segment("s2.b2.1", "记者 杨骏"),),
                      reporters=(Text("杨骏"),)),
            )),
        ),
        speakers=(
            Speaker("p1", Text("王志杰"), Text("党组书记、主任"), Text("市经济信息委")),
            Speaker("p2", Text("许宏球"), Text("两江新区党工委副书记"), Text("两江新区")),
            Speaker("p3", Text("胡衡华")),
        ),
        targets=(Target("t1", Text("工业增加值增长"), Decimal(8), "%", "s2.b1.1", "增长8%"),),
        programs=(Program("g1", Text("“满天星”行动计划"), ("s2.b1.1",)),),
    )


class RecordingEngine:
    """Translates by a table; tokens pass through; records each call."""

    name = "recording"

    def __init__(self, table: dict[str, str] | None = None) -> None:
        self.table = table or {}
        self.calls: list[list[str]] = []

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.calls.append(list(texts))
        return [self.table.get(t, f"EN({t})") for t in texts]


def memory_with(*pairs: tuple[str, str]) -> Memory:
    memory = Memory()
    for zh, en in pairs:
        memory.set(zh, en)
    return memory


def segments(content: Content) -> dict[str, Segment]:
    return {s.id: s for s in content.segments()}


def test_memory_only_leaves_the_rest_untranslated() -> None:
    memory = memory_with(("会议在重庆召开。", "The meeting was held in Chongqing."))
    result = translate(make_content(), TERMBASE, memory, None)
    segs = segments(result.content)
    assert segs["s1.b1.1"].en == "The meeting was held in Chongqing."
    assert segs["s1.b1.1"].origin == "memory"
    assert (segs["s1.b1.2"].en, segs["s1.b1.2"].origin) == ("", "none")
    assert (result.from_memory, result.from_mt, result.untranslated) == (1, 0, 3)
    assert result.segments == 4
    assert result.engine is None


def test_memory_first_then_one_batched_engine_call() -> None:
    memory = memory_with(("会议在重庆召开。", "The meeting was held in Chongqing."))
    engine = RecordingEngine({
        "⟦T1⟧培育⟦T2⟧。": "⟦T1⟧ fosters ⟦T2⟧.",
        "⟦T1⟧表示，实施⟦T2⟧，增长⟦N1⟧。": "⟦T1⟧ said ⟦T2⟧ will raise growth by ⟦N1⟧.",
    })
    result = translate(make_content(), TERMBASE, memory, engine)
    assert len(engine.calls) == 1
    batch = engine.calls[0]
    assert batch[:3] == ["⟦T1⟧培育⟦T2⟧。", "⟦T1⟧表示，实施⟦T2⟧，增长⟦N1⟧。", "记者 ⟦T1⟧"]
    segs = segments(result.content)
    assert segs["s1.b1.2"].en == "Liangjiang New Area fosters new quality productive forces."
    assert segs["s2.b1.1"].en == (
        "Wang Zhijie said Mantianxing Action Plan will raise growth by 8%."
    )
    assert segs["s2.b1.1"].origin == "mt"
    assert (result.from_memory, result.from_mt, result.untranslated) == (1, 3, 0)
    assert result.engine == "recording"


def test_an_engine_that_gives_nothing_leaves_segments_untranslated() -> None:
    class Silent:
        name = "silent"

        def translate(self, texts: Sequence[str]) -> list[str]:
            return ["" for _ in texts]

    result = translate(make_content(), TERMBASE, Memory(), Silent())
    assert result.from_mt == 0 and result.untranslated == 4
    assert all(s.origin == "none" and s.en == "" for s in result.content.segments())


def test_outdated_renderings_in_the_memory_are_rewritten() -> None:
    memory = memory_with((
        "两江新区培育新质生产力。",
        "Liangjiang New Zone fosters new productive forces. New productive forces grow.",
    ))
    result = translate(make_content(), TERMBASE, memory, None)
    assert segments(result.content)["s1.b1.2"].en == (
        "Liangjiang New Area fosters new quality productive forces. "
        "New quality productive forces grow."
    )
    # the memory itself is left alone until refresh_memory is asked for
    assert memory.lookup("两江新区培育新质生产力。") is not None
    assert "Zone" in (memory.lookup("两江新区培育新质生产力。") or "")
    assert refresh_memory(memory, TERMBASE) == 1
    assert "Liangjiang New Area" in (memory.lookup("两江新区培育新质生产力。") or "")
    assert refresh_memory(memory, TERMBASE) == 0


def test_short_texts_from_glossary_names_memory_and_composition() -> None:
    memory = memory_with(("推进重点领域投资", "Boosting investment in key areas"))
    result = translate(make_content(), TERMBASE, memory, None)
    c = result.content
    assert c.meeting.source.publication.en == "Chongqing Daily"
    assert c.meeting.source.reporters[0].en == "Yang Jun"
    assert c.sections[1].heading is not None
    assert c.sections[1].heading.en == "Boosting investment in key areas"
    p1, p2, p3 = c.speakers
    assert p1.name.en == "Wang Zhijie"
    assert p1.title.en == "Secretary of the Leading Party Members Group and Director"
    assert p1.organization.en == ""  # neither glossary, memory nor MT knows 市经济信息委
    assert p2.title.en == "Deputy Secretary of the Liangjiang New Area Party Working Committee"
    assert p2.organization.en == "Liangjiang New Area"
    assert p3.name.en == "Hu Henghua"  # the glossary's person term
    assert c.programs[0].name.en == "Mantianxing Action Plan"
    assert c.targets[0].metric.en == ""
    assert c.sections[1].blocks[1].reporters[0].en == "Yang Jun"
    assert result.texts_untranslated == 5  # title, event, place, organization, metric


def test_short_texts_go_to_the_engine_in_the_same_call() -> None:
    engine = RecordingEngine({"会议召开": "Meeting held", "工业增加值增长": "industrial value added growth"})
    result = translate(make_content(), TERMBASE, Memory(), engine)
    assert len(engine.calls) == 1
    assert "会议召开" in engine.calls[0]
    assert result.content.meeting.title.en == "Meeting held"
    assert result.content.targets[0].metric.en == "Industrial value added growth"
    assert result.texts_untranslated == 0


def test_names_not_in_the_glossary_are_masked_as_romanised_terms() -> None:
    terms = person_terms(make_content(), TERMBASE)
    assert [(t.zh, t.en) for t in terms] == [
        ("王志杰", "Wang Zhijie"), ("许宏球", "Xu Hongqiu"), ("杨骏", "Yang Jun")]


def test_programs_named_in_the_memory_are_masked_with_that_name() -> None:
    content = make_content()
    program = Program("g2", Text("“启明星”计划"), ("s9.b1.1",))
    section = Section("s9", None, (
        Block("s9.b1", "paragraph", (Segment("s9.b1.1", "落实“启明星”计划。"),)),))
    content = Content(content.meeting, (section,), programs=(program,))
    memory = memory_with(("“启明星”计划", "Qimingxing Plan"))
    engine = RecordingEngine({"落实⟦T1⟧。": "Implement the ⟦T1⟧."})
    result = translate(content, TERMBASE, memory, engine)
    [segment] = result.content.segments()
    assert segment.en == "Implement the Qimingxing Plan."
    assert result.content.programs[0].name.en == "Qimingxing Plan"


def test_translation_is_recomputed_on_every_run() -> None:
    engine = RecordingEngine()
    first = translate(make_content(), TERMBASE, Memory(), engine).content
    again = translate(first, TERMBASE, Memory(), None)
    assert all(s.origin == "none" for s in again.content.segments())


def test_labelled_texts_name_where_each_text_is() -> None:
    labels = [label for label, _ in labelled_texts(make_content())]
    assert labels[:5] == [
        "meeting.title", "meeting.event", "meeting.place", "meeting.publication",
        "meeting.reporters.1"]
    assert "s2.heading" in labels and "speakers.p1.title" in labels
    assert "speakers.p3.title" not in labels  # empty texts are left out


def test_open_glossary_without_files_is_empty(tmp_path: Path) -> None:
    (tmp_path / "glossary").mkdir()
    glossary = open_glossary(start=tmp_path)
    assert len(glossary.termbase) == 0 and len(glossary.memory) == 0


@needs_argos
def test_real_argos_engine_with_a_masked_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    isolate_home(monkeypatch, tmp_path)
    block_network(monkeypatch)
    from doctool.translate.engines import make_engine
    from doctool.translate.models import install_package

    models = tmp_path / "models"
    install_package(FIXTURE_MODEL, models)
    engine = make_engine("argos", models)
    assert engine is not None
    content = make_content()
    section = Section("s9", None, (
        Block("s9.b1", "statement", (Segment("s9.b1.1", "会议由王志杰主持。"),), speaker="p1"),
    ))
    content = Content(content.meeting, (section,), content.speakers)
    result = translate(content, TERMBASE, Memory(), engine)
    [segment] = result.content.segments()
    assert segment.en == "The meeting was chaired by Wang Zhijie."
    assert segment.origin == "mt"


def test_a_longer_terms_approved_rendering_is_not_rewritten() -> None:
    termbase = TermBase((
        Term("两江新区", "Liangjiang New Zone", "place", forbidden=("Liangjiang New Area",)),
        Term("两江新区党工委", "Liangjiang New Area Party Working Committee", "organization"),
    ))
    memory = memory_with((
        "两江新区党工委表示，两江新区将发展。",
        "The Liangjiang New Area Party Working Committee said Liangjiang New Area will grow.",
    ))
    content = Content(make_content().meeting, (Section("s1", None, (Block("s1.b1", "paragraph", (
        Segment("s1.b1.1", "两江新区党工委表示，两江新区将发展。"),)),)),))
    [segment] = translate(content, termbase, memory, None).content.segments()
    assert segment.en == (
        "The Liangjiang New Area Party Working Committee said Liangjiang New Zone will grow.")
