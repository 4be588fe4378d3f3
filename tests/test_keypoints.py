"""Choosing key points and commitments: whole sentences of the report, picked by what they hold."""

from __future__ import annotations

from dataclasses import replace

import pytest

from doctool.extract import extract
from doctool.extract.reader import read_source
from doctool.model import Block, BlockKind, Content, Meeting, Section, Segment, Speaker, Text
from doctool.render.keypoints import MAX_POINTS, commitments, key_points
from tests.conftest import ROOT, SAMPLE


@pytest.fixture(scope="module")
def sample() -> Content:
    return extract(read_source(SAMPLE))


def _report(*blocks: Block, speakers: tuple[Speaker, ...] = ()) -> Content:
    return Content(Meeting(Text("标题")), (Section("s1", None, blocks),), speakers)


def _paragraph(id: str, *sentences: str, speaker: str | None = None) -> Block:
    kind: BlockKind = "statement" if speaker else "paragraph"
    return Block(id, kind, tuple(Segment(f"{id}.{i}", zh) for i, zh in enumerate(sentences, 1)),
                 speaker=speaker)


def test_the_sample_gets_five_to_seven_points_of_its_own_sentences(sample: Content) -> None:
    points = key_points(sample)
    assert 5 <= len(points) <= MAX_POINTS
    sentences = {s.id: s for s in sample.segments()}
    assert all(sentences[p.id] == p for p in points)
    texts = [p.zh for p in points]
    # the headline targets, the meeting's and the leader's instructions are all there
    assert any("规上工业增加值增长8%" in t for t in texts)
    assert any(t.startswith("市委经济工作会议强调") for t in texts)
    assert any(t.startswith("胡衡华指出") for t in texts)


def test_instructions_come_first_then_the_rest_in_reading_order(sample: Content) -> None:
    points = key_points(sample)
    order = [s.id for s in sample.segments()]
    # the sample's three sentences of what the meeting set out and its leader's instruction
    instructing, rest = points[:4], points[4:]
    assert all(any(verb in p.zh[:20] for verb in ("强调", "明确", "指出")) for p in instructing)
    assert not any("强调" in p.zh[:20] or "指出" in p.zh[:20] for p in rest)
    for group in (instructing, rest):
        assert [order.index(p.id) for p in group] == sorted(order.index(p.id) for p in group)


def test_captions_and_bylines_are_never_points(sample: Content) -> None:
    others = {s.id for b in sample.blocks() if b.kind in ("caption", "byline") for s in b.segments}
    assert not others & {p.id for p in key_points(sample)}


def test_the_choice_is_deterministic(sample: Content) -> None:
    assert key_points(sample) == key_points(extract(read_source(SAMPLE)))


def test_one_speaker_gives_at_most_two_points_when_others_have_some(sample: Content) -> None:
    by_segment = {s.id: b.speaker for b in sample.blocks() for s in b.segments}
    speakers = [by_segment[p.id] for p in key_points(sample) if by_segment[p.id]]
    assert all(speakers.count(s) <= 2 for s in speakers)


def test_fewer_worth_picking_gives_fewer_points_never_padding() -> None:
    content = _report(
        _paragraph("b1", "会议强调，要牢牢把握稳进增效工作导向。", "会议以视频方式召开。"),
        _paragraph("b2", "与会代表认真讨论了有关文件。", "大家一致认为会议开得很好。"),
    )
    assert [p.zh for p in key_points(content)] == ["会议强调，要牢牢把握稳进增效工作导向。"]
    assert key_points(_report(_paragraph("b1", "与会代表认真讨论了有关文件。"))) == []


def test_a_question_is_not_a_point() -> None:
    content = _report(_paragraph("b1", "会议强调，今年主要经济指标能否实现？"))
    assert key_points(content) == []


def test_commitments_are_the_speakers_own_short_sentences(sample: Content) -> None:
    for speaker in sample.speakers:
        chosen = commitments(sample, speaker)
        assert 1 <= len(chosen) <= 2
        own = {s.id for b in sample.blocks() if b.speaker == speaker.id for s in b.segments}
        assert {s.id for s in chosen} <= own
    wang = next(s for s in sample.speakers if s.name.zh == "王志杰")
    # the sentence with his targets, not the long opening
    assert any("增长8%" in s.zh for s in commitments(sample, wang))
    hu = next(s for s in sample.speakers if s.name.zh == "胡衡华")
    # the leader's instruction
    assert commitments(sample, hu)[0].zh.startswith("胡衡华指出")


def test_a_later_item_of_a_list_is_not_a_commitment_on_its_own() -> None:
    speaker = Speaker("p1", Text("黄茂军"), Text("书记"), Text("渝中区委"))
    content = _report(_paragraph(
        "b1", "渝中区委书记黄茂军表示，全区将改革创新，全力推动经济社会全面提质。",
        "三是让改革更显“治理味”，统筹推进城市“硬件”与“软件”更新。", speaker="p1",
    ), speakers=(speaker,))
    assert [s.zh for s in commitments(content, speaker)] == [
        "渝中区委书记黄茂军表示，全区将改革创新，全力推动经济社会全面提质。"]


def test_a_speaker_without_a_statement_has_no_commitments(sample: Content) -> None:
    nobody = replace(sample.speakers[0], id="nobody")
    assert commitments(sample, nobody) == []


def test_a_corpus_report_with_one_speaker_setting_every_target_still_gets_five() -> None:
    content = extract(read_source(
        ROOT / "tests" / "corpus" / "001-xiamen-economic-work-conference-2006.txt"))
    points = key_points(content)
    assert len(points) == 5
    assert sum(1 for p in points if any(t.segment == p.id and t.kind == "target"
                                        for t in content.targets)) >= 4


def test_a_leaders_long_central_instruction_is_still_a_point() -> None:
    content = extract(read_source(ROOT / "tests" / "corpus" / "008-guangming-commentary-2020.txt"))
    points = key_points(content)
    assert points and "重要讲话强调，要坚持用全面、辩证、长远的眼光" in points[0].zh
    assert len(points[0].zh) > 200
