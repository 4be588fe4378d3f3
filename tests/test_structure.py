"""Lines of a report to its parts: front matter, bylines, captions and headings are told apart."""

from __future__ import annotations

import pytest

from doctool.extract import extract
from doctool.extract.front import front_details, is_front_matter, parse_byline
from doctool.extract.reader import lines_of, normalize
from doctool.extract.structure import classify, repair_breaks, split_datelines


def kinds(text: str) -> list[tuple[str, str]]:
    """(kind, text) of every piece of a made-up report, after bylines are split off."""
    pieces, _ = repair_breaks(split_datelines(classify(lines_of(normalize(text)))))
    return [(p.kind, p.text) for p in pieces]


LEAD = "3月2日，青山县召开全县经济工作会议，部署今年经济工作。"


@pytest.mark.parametrize(
    "line",
    [
        "发稿时间：2021/6/9",
        "发布时间:2007-12-27",
        "来源: 青山日报",
        "2024-01-19 07:37",
        "青山日报 2020年05月24日 星期日",
        "http://www.example.com.cn 2006年12月20日07:51 青山网",
        "责编:许某某",
        "审核：张某某",
        "◆政府工作报告摘要刊第二、三版",
        "| | |",
    ],
)
def test_publishing_details_and_page_furniture_are_front_matter(line: str) -> None:
    assert is_front_matter(normalize(line))


@pytest.mark.parametrize("line", ["人工智能朗读：", "要闻", "──2025年7月30日在全县经济工作会议上"])
def test_labels_page_names_and_speech_subtitles_are_front_matter_near_the_headline(line: str) -> None:
    assert is_front_matter(line, near_title=True)
    assert not is_front_matter("一季度经济运行情况", near_title=True)


def test_front_matter_is_metadata_never_text_nor_joined_to_the_lead() -> None:
    text = f"青山县召开经济工作会议\n发稿时间：2021/6/9\n来源：青山日报\n作者：王小明 编辑：李四\n\n青山县召开经济工作会议\n\n{LEAD}"
    content = extract(normalize(text))
    blocks = [b.text("zh") for b in content.blocks()]
    assert blocks == [LEAD]
    assert content.meeting.title.zh == "青山县召开经济工作会议"
    assert content.meeting.source.publication.zh == "青山日报"
    assert [r.zh for r in content.meeting.source.reporters] == ["王小明"]
    assert all(s.heading is None for s in content.sections)


def test_author_names_stop_at_the_next_label() -> None:
    details = front_details("2007-02-07 00:00:00 作者：杨某某 来源：青山日报")
    assert details.authors == ("杨某某",)
    assert details.publication == "青山日报"


@pytest.mark.parametrize(
    ("line", "publication", "names"),
    [
        ("新华社记者安某、胡某某", "新华社", ("安某", "胡某某")),
        ("青山日报客户端记者 李某/文 董某某/图", "青山日报客户端", ("李某", "董某某")),
        ("（青山日报记者 萧某某）", "青山日报", ("萧某某",)),
        ("（本报记者 周 玲）", "", ("周玲",)),
        ("来源：青山晚报 全媒体记者 严某某", "青山晚报", ("严某某",)),
        ("文/张某某", "", ("张某某",)),
        ("记者｜王某", "", ("王某",)),
        ("本报讯（通讯员 聂某某 记者 吴某）", "", ("聂某某", "吴某")),
    ],
)
def test_bylines_of_every_common_form(line: str, publication: str, names: tuple[str, ...]) -> None:
    byline = parse_byline(normalize(line))
    assert byline is not None
    assert (byline.publication, byline.names) == (publication, names)


@pytest.mark.parametrize("line", ["着素色西装 开场先向记者鞠躬", "会议邀请了部分企业家和记者代表"])
def test_a_line_that_mentions_reporters_is_not_a_byline(line: str) -> None:
    assert parse_byline(line) is None


def test_bylines_that_open_or_close_a_paragraph_are_split_off() -> None:
    text = f"标题一行\n\n本报讯（记者 石某）{LEAD}\n\n会议要求，要狠抓落实。（本报记者 周 玲）"
    assert kinds(text) == [
        ("title", "标题一行"),
        ("byline", "本报讯（记者 石某）"),
        ("paragraph", LEAD),
        ("paragraph", "会议要求，要狠抓落实。"),
        ("byline", "（本报记者 周 玲）"),
    ]
    assert kinds(f"标题一行\n\n本报讯 记者崔某报道 {LEAD}")[1] == ("byline", "本报讯 记者崔某报道")


@pytest.mark.parametrize(
    "caption",
    ["会议现场", "项目签约仪式现场", "吴某（右一）、魏某某（左一）会谈", "市委书记朱某某作重要讲话",
     "市委副书记、市长张某某致欢迎辞", "张某某讲话"],
)
def test_short_photo_captions_are_captions_not_headings(caption: str) -> None:
    pieces = kinds(f"标题一行\n\n{LEAD}\n\n{caption}\n\n会议要求，要狠抓落实。")
    assert ("caption", caption) in pieces


@pytest.mark.parametrize(
    "heading",
    ["2022年重大项目共安排883个，年度社会投资占比74.3%", "数字1:6.5%左右", "今年重点工作",
     "现场追加问题，发言人“听你的”", "编者按：", "【点评】"],
)
def test_a_short_line_standing_alone_is_a_heading_numbers_or_not(heading: str) -> None:
    pieces = kinds(f"标题一行\n\n{LEAD}\n\n{heading}\n\n会议要求，要狠抓落实。")
    assert ("heading", normalize(heading)) in pieces


def test_an_attribution_line_is_text_not_a_heading() -> None:
    pieces = kinds(f"标题一行\n\n{LEAD}\n\n——国家统计局新闻发言人张某某")
    assert pieces[-1][0] == "paragraph"


def test_sub_headlines_are_part_of_the_headline() -> None:
    text = f"王某某在青山县调研时强调\n加快转型升级\n强化产业支撑\n青山日报记者 李某\n{LEAD}"
    content = extract(normalize(text))
    assert content.meeting.title.zh == "王某某在青山县调研时强调 加快转型升级 强化产业支撑"
    assert all(s.heading is None for s in content.sections)


def test_a_paragraph_ending_in_a_closed_quotation_is_not_joined_to_the_next() -> None:
    text = f"标题一行\n\n他说：“要狠抓落实。”\n\n{LEAD}"
    assert [k for k, _ in kinds(text)] == ["title", "paragraph", "paragraph"]


def test_a_dateline_before_the_headline_text_is_front_matter() -> None:
    pieces = kinds("新华社北京8月28日电 题：稳中有变，经济如何应对？\n新华社记者安某\n" + LEAD)
    assert pieces[:2] == [("front", "新华社北京8月28日电"), ("title", "稳中有变，经济如何应对？")]


def test_a_line_of_figures_is_text_not_page_furniture() -> None:
    assert not is_front_matter("12.5%")
    assert is_front_matter("2")


def test_the_presenter_under_a_headline_is_text_neither_headline_nor_heading() -> None:
    text = "关于青山市2024年计划执行情况的报告\n\n市发展改革委副主任 朱某\n\n各位代表：现将有关情况报告如下。"
    pieces = kinds(text)
    assert pieces[:2] == [("title", "关于青山市2024年计划执行情况的报告"), ("presenter", "市发展改革委副主任 朱某")]
    content = extract(normalize(text))
    assert content.meeting.title.zh == "关于青山市2024年计划执行情况的报告"
    assert next(b.text("zh") for b in content.blocks()) == "市发展改革委副主任 朱某"


def test_a_text_of_nothing_but_front_matter_keeps_its_first_line() -> None:
    assert extract(normalize("编辑部：")).meeting.title.zh == "编辑部："


def test_a_text_of_nothing_but_a_heading_keeps_it_as_the_title() -> None:
    assert extract(normalize("【会议")).meeting.title.zh == "【会议"
