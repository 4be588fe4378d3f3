"""The event is a clean name; made-up leads of the genre."""

from __future__ import annotations

import pytest

from doctool.extract.meta import event_and_place, event_name


@pytest.mark.parametrize(
    ("lead", "event"),
    [
        # the event as the subject, after a dateline and a byline's closing bracket
        ("本报讯(记者 王明)11月20日上午,2023江汉同城暨汉川(临空)产业投资推介会在武汉举行。",
         "2023江汉同城暨汉川(临空)产业投资推介会"),
        ("发布时间:2019-12-27青山市委工作会议暨全市经济工作会议于12月26日举行。",
         "青山市委工作会议暨全市经济工作会议"),
        ("3月1日,“招商兴县·季季签”招商引资项目集中签约仪式在县政务中心举行。",
         "“招商兴县·季季签”招商引资项目集中签约仪式"),
        # the event as the object that ends its clause
        ("12月18日,县委、县政府召开全县经济工作会议,传达贯彻中央经济工作会议精神。", "全县经济工作会议"),
        # a name of a kind alone takes its host
        ("5月9日,江北省人民政府举行例行新闻发布会,新闻发言人介绍情况。", "江北省人民政府例行新闻发布会"),
        ("昨日,市政府召开全体成员(扩大)会议,总结全年工作。", "市政府全体成员(扩大)会议"),
        # a person who chairs is no host
        ("6日,县委书记李明主持召开县“四大家”领导工作会议,调研重点项目。", "县“四大家”领导工作会议"),
        # what a report is made to
        ("国家发展改革委主任28日向十四届全国人大常委会第三次会议报告了计划执行情况。",
         "十四届全国人大常委会第三次会议"),
    ],
)
def test_the_event_is_a_clean_name(lead: str, event: str) -> None:
    assert event_name(lead) == event


def test_a_meeting_named_in_passing_is_not_the_event() -> None:
    assert event_name("会议传达学习了日前召开的中央经济工作会议精神。") == ""
    assert event_name("总书记看望参加全国政协会议的委员时发表重要讲话。") == ""


def test_the_host_is_the_place_only_when_it_is_one() -> None:
    assert event_and_place("12月20日,青川区召开区委经济工作会议。") == ("区委经济工作会议", "青川区")
    assert event_and_place("6日,县委书记李明主持召开县委常委会会议。")[1] == ""


def test_the_headline_names_the_event_when_the_lead_does_not() -> None:
    lead = "推介会后举行了项目集中签约仪式,一批项目落户。"
    title = "近日,江城在上海举行了“江城—长三角”招商引资推介会和项目集中签约仪式。"
    assert event_and_place(lead, title) == ("“江城—长三角”招商引资推介会和项目集中签约仪式", "江城")
