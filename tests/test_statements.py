"""Where a statement starts and ends, and who says it: rules of the genre on made-up reports."""

from __future__ import annotations

from doctool.extract import extract
from doctool.extract.speakers import find_mentions, split_title, whole_name
from doctool.model import Content


def _said_by(content: Content, fragment: str) -> str | None:
    block = next(b for b in content.blocks() if fragment in b.text("zh"))
    if block.kind != "statement":
        return None
    speaker = content.speaker(block.speaker)
    return speaker.name.zh if speaker else None


def test_the_lead_sentence_of_a_paragraph_is_narration() -> None:
    content = extract(
        "县里召开经济工作会议\n\n"
        "5月6日，全县经济工作会议在县会议中心举行。县委书记赵志刚在会上强调，要稳住投资。\n"
    )
    assert _said_by(content, "在县会议中心举行") is None
    assert _said_by(content, "要稳住投资") == "赵志刚"


def test_the_reporters_scene_setting_before_a_speaker_is_narration() -> None:
    content = extract(
        "县里召开经济工作会议\n\n"
        "作为全县消费大镇，城关镇对明年促消费充满信心。镇党委书记李建国介绍，今年商贸业增长较快。\n"
    )
    assert _said_by(content, "充满信心") is None
    assert _said_by(content, "今年商贸业增长较快") == "李建国"
    blocks = list(content.blocks())
    # one paragraph of the source: the statement runs on in it
    assert [b.runs_on for b in blocks] == [False, True]


def test_a_quotation_or_the_speaker_named_before_the_verb_is_theirs() -> None:
    content = extract(
        "县里召开经济工作会议\n\n"
        "县长钱文斌、副县长孙立出席会议。\n"
        "“会议为我们指明了方向！”县工业园区主任吴海涛很激动，他表示，要加快项目建设。\n"
        "钱文斌代表县政府感谢县政协的支持。他说，要办好民生实事。\n"
    )
    assert _said_by(content, "指明了方向") == "吴海涛"
    assert _said_by(content, "感谢县政协的支持") == "钱文斌"


def test_attendance_and_the_event_after_a_statement_end_it() -> None:
    content = extract(
        "县里召开经济工作会议\n\n"
        "县长钱文斌表示，全年要新增就业五千人。他说，要抓好项目。\n"
        "县领导孙立、周海出席会议。\n"
        "会上，县发展改革局通报了项目进展情况。\n"
    )
    assert _said_by(content, "他说，要抓好项目") == "钱文斌"
    assert _said_by(content, "出席会议") is None
    assert _said_by(content, "通报了项目进展情况") is None


def test_several_speakers_in_one_sentence_are_each_speakers() -> None:
    content = extract(
        "县里召开经济工作会议\n\n"
        "县委书记、县人大常委会主任赵志刚，县委副书记、县长钱文斌在会上作重要讲话。\n"
        "赵志刚在会上发表重要讲话，他分析了当前经济形势。\n"
        "钱文斌在讲话中总结了全年工作。\n"
    )
    assert [s.name.zh for s in content.speakers] == ["赵志刚", "钱文斌"]
    assert _said_by(content, "他分析了当前经济形势") == "赵志刚"
    assert _said_by(content, "总结了全年工作") == "钱文斌"


def test_verbs_of_speaking_at_a_meeting() -> None:
    for sentence, name in [
        ("县委副书记、县长钱文斌部署下一阶段工作。", "钱文斌"),
        ("县委常委、常务副县长孙立作总结讲话。", "孙立"),
        ("县委书记赵志刚主持会议并讲话。", "赵志刚"),
        ("县委书记赵志刚主持会议，强调要抓好项目。", "赵志刚"),
        ("副县长周海对明年重点项目谋划作具体安排。", "周海"),
        ("县委常委、常务副县长孙立作《政府工作报告》起草说明。", "孙立"),
    ]:
        assert {m.name for m in find_mentions(sentence)} == {name}, sentence


def test_compound_verbs_are_not_names() -> None:
    assert find_mentions("会议总结全年经济工作，安排部署明年经济工作。") == []


def test_a_later_title_keeps_its_organisation() -> None:
    assert split_title("中共某省委常委、某市委书记") == ("中共某省委", "常委、某市委书记")
    assert split_title("市委书记、市人大常委会主任") == ("市委", "书记、市人大常委会主任")
    assert split_title("两江新区党工委副书记、管委会副主任") == ("两江新区", "党工委副书记、管委会副主任")


def test_a_name_is_read_whole_when_every_mention_goes_on_alike() -> None:
    text = "市委书记钱文斌代表市委致辞。钱文斌表示，要扩大开放。"
    assert whole_name(text, "钱文") == "钱文斌"
    # a two-character name followed by different words stays as it is
    assert whole_name("县长周海主持会议。周海表示，要抓项目。", "周海") == "周海"
    assert whole_name("县长周海主持会议。", "周海") == "周海"


def test_a_bare_office_after_the_name() -> None:
    assert [(m.name, m.title) for m in find_mentions("3月1日，钱文斌县长作政府工作报告。")] == [
        ("钱文斌", "县长")
    ]
    # a list of office holders is nobody's name
    assert find_mentions("各位副县长依次通报分管工作。") == []


def test_a_phrase_ending_in_a_title_is_no_organisation() -> None:
    found = find_mentions("钱文斌总书记看望参加会议的经济界委员时发表重要讲话。")
    assert {m.name for m in found} == {"钱文斌"}


def test_bodies_are_not_speakers() -> None:
    assert find_mentions("新华社播发某某总理代表国务院在会上所作的《政府工作报告》。") == []


def test_a_verb_after_a_comma_shares_the_subject_before() -> None:
    found = find_mentions("会上，县委副书记、县长钱文斌以数据和案例，从多个方面介绍了全县发展情况。")
    assert [m.name for m in found] == ["钱文"]  # read whole against the report's text
    assert find_mentions("钱文斌就项目建设、招商引资等工作进行了安排部署。")[0].name == "钱文斌"


def test_a_pronoun_finds_a_person_titled_earlier_in_the_report() -> None:
    content = extract(
        "县委书记赵志刚到园区调研\n\n"
        "6月2日，县委书记赵志刚到园区调研。\n"
        "在某科技公司，赵志刚走进生产车间，查看生产情况，他指出，要加快技术改造。\n"
        "在某食品公司，赵志刚查看生产线运行情况。\n"
    )
    assert _said_by(content, "要加快技术改造") == "赵志刚"
    assert _said_by(content, "查看生产线运行情况") is None


def test_a_commentary_signed_under_it_is_the_signers() -> None:
    content = extract(
        "数字里的经济\n\n【点评】\n\n"
        "这几年，全县经济运行的平稳性越来越强，过去五年地区生产总值的增长速度最低是6.7%，"
        "最高是7.8%，波动性与过去相比明显减小。\n\n——县统计局局长孙立\n"
    )
    assert _said_by(content, "平稳性越来越强") == "孙立"


def test_the_reporters_word_on_a_speech_is_narration() -> None:
    content = extract(
        "县政府全体会议召开\n\n"
        "县长钱文斌要求大家正视差距。他表示将迎难而上。\n\n钱县长的话虽言简意赅，却令人振奋。\n"
    )
    assert _said_by(content, "他表示将迎难而上") == "钱文斌"
    assert _said_by(content, "言简意赅") is None


def test_titles_on_both_sides_of_a_comma_are_one_persons() -> None:
    (found,) = find_mentions("县委常委、秘书长，县政府常务副县长孙立介绍，全县空气质量持续改善。")
    assert (found.name, found.organization, found.title) == ("孙立", "县委", "常委、秘书长，县政府常务副县长")
    # a description before the comma is not a title
    (described,) = find_mentions("作为大会的主要发言人，县长钱文斌要求大家正视差距。")
    assert (described.organization, described.title) == ("", "县长")


def test_the_presenter_under_a_reports_title_gives_it() -> None:
    content = extract(
        "关于全县2024年国民经济和社会发展计划执行情况的报告\n\n县发展改革局副局长 朱文江\n\n"
        "二、2025年主要目标\n\n2025年，全县地区生产总值增长6%左右，要确保固定资产投资增长8%。\n"
    )
    assert [(s.name.zh, s.organization.zh, s.title.zh) for s in content.speakers] == [
        ("朱文江", "县发展改革局", "副局长")
    ]
    assert _said_by(content, "要确保固定资产投资增长8%") == "朱文江"
