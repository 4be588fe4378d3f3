"""The sample report, extracted: exactly what a careful reader finds in it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from doctool.extract import extract_with_repairs
from doctool.extract.reader import read_source
from doctool.model import Content
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def sample() -> Content:
    return extract_with_repairs(read_source(SAMPLE)).content


def _speaker_of(content: Content, fragment: str) -> str | None:
    hits = [s for s in content.segments() if fragment in s.zh]
    assert hits, f"no segment contains {fragment}"
    speaker = content.speaker_of(hits[0].id)
    return speaker.name.zh if speaker else None


def test_meeting_metadata(sample: Content) -> None:
    meeting = sample.meeting
    assert meeting.title.zh == "攻坚克难 唯实争先 奋力谱写中国式现代化重庆篇章"
    assert meeting.date == dt.date(2024, 12, 23)
    assert meeting.event.zh == "市委经济工作会议"
    assert meeting.place.zh == "重庆"
    assert meeting.source.publication.zh == "新重庆-重庆日报"
    assert [p.marker for p in meeting.parts] == [None, "<<上接1版"]


def test_three_section_headings(sample: Content) -> None:
    headings = [s.heading.zh for s in sample.sections if s.heading]
    assert headings == [
        "强化工业经济“主引擎”作用 加快培育新质生产力动力源",
        "推进重点领域投资放量 全力打造“愉悦消费”环境",
        "推出一系列改革举措 推动西部陆海新通道建设",
    ]
    assert sample.sections[-1].part == 2 and sample.sections[-1].heading is None


def test_nine_speakers_with_organisation_and_title(sample: Content) -> None:
    found = [(s.name.zh, s.organization.zh, s.title.zh) for s in sample.speakers]
    assert found == [
        ("王志杰", "市经济信息委", "党组书记、主任"),
        ("许宏球", "两江新区", "党工委副书记、管委会副主任"),
        ("余亚军", "重庆美利信科技股份有限公司", "董事长、总裁"),
        ("高健", "市发展改革委", "党组书记、主任"),
        ("章勇武", "市商务委", "党组书记、主任"),
        ("陶世祥", "江北区委", "书记"),
        ("黄茂军", "渝中区委", "书记"),
        ("石继东", "重庆交通开投集团", "党委书记、董事长"),
        ("胡衡华", "", ""),
    ]


@pytest.mark.parametrize(
    ("fragment", "speaker"),
    [
        ("规上工业增加值增长8%", "王志杰"),
        ("力争市级重点建设项目投资增长6%以上", "石继东"),
        ("迈上9000亿大关", "陶世祥"),
        ("增速高于全国", "章勇武"),
        ("具体而言，两江新区要持续壮大主导产业", "许宏球"),
        ("美利信非常期待", "余亚军"),
        ("渝中区委书记黄茂军表示", "黄茂军"),
        ("会议以视频方式召开", None),
        ("促消费，加速加量释放内需潜力", None),
        ("产业是经济发展的基础", None),
    ],
)
def test_statements_attributed(sample: Content, fragment: str, speaker: str | None) -> None:
    assert _speaker_of(sample, fragment) == speaker


def test_continuation_part_is_the_leaders_statement(sample: Content) -> None:
    part_two = [s for s in sample.sections if s.part == 2]
    statements = [b for s in part_two for b in s.blocks if b.kind == "statement"]
    assert statements and all(b.speaker == "sp9" for b in statements)
    joined = "".join(b.text("zh") for b in statements)
    assert "多元化需求" in joined and "集疏运体系" in joined and "各项工作" in joined


def test_six_breaks_repaired_and_nothing_else_joined() -> None:
    extraction = extract_with_repairs(read_source(SAMPLE))
    assert [str(r).replace(" ", "") for r in extraction.repairs] == [
        "“起承转|合”行动", "构建公共|信用评价", "日最高人|流量突破",
        "要面向多|元化需求", "现代化集|疏运体系", "年初各项|工作，全",
    ]
    text = "".join(s.zh for s in extraction.content.segments())
    for joined in ("起承转合", "构建公共信用评价体系", "单日最高人流量", "多元化需求",
                   "现代化集疏运体系", "各项工作"):
        assert joined in text
    paragraphs = [b for b in extraction.content.blocks()
                  if b.kind in ("paragraph", "statement") and not b.runs_on]
    assert len(paragraphs) == 24  # 30 paragraph lines in the source, six of them halves


def test_the_reporters_lines_before_a_speaker_are_not_theirs(sample: Content) -> None:
    assert _speaker_of(sample, "作为全市消费大区，江北区对明年促消费充满信心") is None
    assert _speaker_of(sample, "渝中区作为重庆的“母城”") is None
    block = next(b for b in sample.blocks() if "江北区委书记陶世祥介绍" in b.text("zh"))
    assert block.runs_on and block.kind == "statement"


def test_caption_and_bylines(sample: Content) -> None:
    captions = [b for b in sample.blocks() if b.kind == "caption"]
    assert [c.text("zh") for c in captions] == [
        "位于长寿区的重庆小康动力有限公司智能工厂，工人与机械臂协同生产。"
    ]
    bylines = [[r.zh for r in b.reporters] for b in sample.blocks() if b.kind == "byline"]
    assert bylines == [["杨骏", "余振芳", "夏元", "唐琴", "申晓佳"], ["杨帆", "王翔"]]
    assert len(sample.meeting.source.reporters) == 7
    assert not {r.zh for r in sample.meeting.source.reporters} & {s.name.zh for s in sample.speakers}


def test_nine_targets_normalised(sample: Content) -> None:
    found = [(t.source, t.value, t.unit, t.qualifier, t.year) for t in sample.targets]
    assert found == [
        ("增长8%", Decimal(8), "%", None, 2025),
        ("增长10%", Decimal(10), "%", None, 2025),
        ("突破百万人次", Decimal(1000000), "person-times", None, 2024),
        ("8400亿元", Decimal(840000000000), "CNY", "预计", 2024),
        ("增长15%", Decimal(15), "%", None, 2024),
        ("迈上9000亿大关", Decimal(900000000000), "CNY", "力争", 2025),
        ("增长6%以上", Decimal(6), "%", "以上", None),
        ("在建225公里", Decimal(225), "km", None, None),
        ("提升3%", Decimal(3), "%", None, None),
    ]
    assert sample.targets[0].metric.zh == "规上工业增加值增长"


def test_number_named_programs_are_not_targets(sample: Content) -> None:
    sources = " ".join(t.source for t in sample.targets)
    for name in ("33618", "4311", "6·18", "360", "10分钟"):
        assert name not in sources


def test_programs(sample: Content) -> None:
    names = {p.name.zh for p in sample.programs}
    for expected in (
        "“33618”现代制造业集群体系", "“满天星”行动计划", "“启明星”行动计划", "“北斗星”行动计划",
        "“4311”现代化产业体系", "“6·18”电商节", "“渝味360碗”", "“10分钟高品质生活服务圈”",
        "“智改数转绿色化”行动", "“起承转合”行动", "“智融惠畅”工程", "“两重清单”", "“两新”",
        "西部陆海新通道",
    ):
        assert expected in names, expected
    bare = {n.strip("“”") for n in names}
    for rhetorical in ("需", "要", "稳", "进", "经济味", "想消费", "主引擎", "压舱石", "母城"):
        assert rhetorical not in bare
    stars = next(p for p in sample.programs if p.name.zh == "“满天星”行动计划")
    assert len(stars.segments) == 2  # named by two speakers
