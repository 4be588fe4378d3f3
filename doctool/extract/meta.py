"""Meeting metadata from the lead: the event and the place (the date is in :mod:`.dates`)."""

from __future__ import annotations

import re

from doctool.cjk import HAN

#: the words that end the name of an event, longest first where one ends another
_EVENT_END = (
    r"(?:会议|大会|全会|座谈会|推进会|推介会|发布会|联席会|洽谈会|博览会|交易会|恳谈会|报告会|"
    r"动员会|部署会|分析会|调度会|现场会|观摩会|签约会|年会|例会|论坛|峰会|仪式|典礼|开幕式)"
)
#: the clauses of a lead: an event's name holds no clause punctuation, ASCII or full-width
_CLAUSE = re.compile(r"[^，。；：！？,;:!?\n]+")
#: what a clause may open with before the event: datelines, days and times of day
_WHEN = re.compile(
    r"^(?:\s|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}:\d{2}(?::\d{2})?|(?:\d{4}年)?(?:\d{1,2}月)?"
    r"\d{1,2}日(?:至\d{1,2}日)?|昨日|昨天|今日|今天|日前|近日|当天|当日|[上中下]午|晚上|晚间|"
    r"\d{1,2}[时点](?:\d{1,2}分)?|\d{1,2}时许)*"
)
#: the event as the subject: 某某会议(于12月26日|在某地)召开
_EVENT_FIRST = re.compile(
    rf"^(?P<event>\S{{2,50}}?{_EVENT_END})(?:于[^，。]{{1,15}}?|在[^，。]{{1,25}}?)?"
    r"(?:隆重|正式|胜利|如期)?(?:召开|举行|开幕|举办|闭幕)"
)
#: the event as the object, ending its clause: (某地|某机关)召开某某会议
_EVENT_AFTER = re.compile(
    rf"(?P<host>[^，。]{{0,20}}?)(?:主持)?(?:召开|举行|举办)了?(?P<event>[^的\s]\S{{1,50}}?{_EVENT_END})$"
)
#: a report to the event: 向十三届全国人大常委会第五次会议报告
_EVENT_ADDRESSED = re.compile(rf"向(?P<event>[^，。的]{{2,40}}?{_EVENT_END})(?:作)?报告")
#: an event named by its kind alone (例行新闻发布会, 全体成员会议) is named with its host
_SCOPED = re.compile(r"^(?:全[国省市区县州镇乡]|本|[市区县省州镇乡]|第|中国|“|\d|[一二三四五六七八九十]+届)")
_HOST = re.compile(r"(?:政府|政协|人大|委员会|党委|市委|区委|县委|省委|委|局|厅|办公室|管委会)$")
#: a host that is a place (重庆召开…, 锦川区召开…): short, no organisation, nobody's title
_HOST_PLACE = re.compile(rf"^[{HAN}]{{2,6}}$")
_TITLE_WORD = re.compile(r"书记|长|主任|主席|委员|部|常委|会|[后前时]$")
_PLACE_IN = re.compile(rf"在(?P<place>[{HAN}]{{2,12}}?)(?:召开|举行|举办|调研|考察|视察)")
_TOUR = re.compile(
    rf"(?P<event>[^，。；“”]{{0,30}}?在(?P<place>[{HAN}]{{2,12}}?)(?:调研|考察|视察)[^，。；]{{0,10}})"
)


def _clauses(lead: str) -> list[str]:
    """The lead's clauses, each without the dateline or time of day it opens with."""
    clauses = []
    for clause in _CLAUSE.findall(lead):
        # a byline's closing bracket: 吴禾昆)昨日上午 is the end of one and the start of the next
        close = max(clause.rfind(")"), clause.rfind("）"))
        if close >= 0 and clause.count("(") + clause.count("（") < clause.count(")") + clause.count("）"):
            clause = clause[close + 1 :]
        clauses.append(_WHEN.sub("", clause, count=1).strip())
    return clauses


def _event_and_host(lead: str) -> tuple[str, str]:
    clauses = _clauses(lead)
    for clause in clauses:
        first = _EVENT_FIRST.match(clause)
        if first:
            return first["event"], ""
        after = _EVENT_AFTER.search(clause)
        # 推介会后举行了签约仪式: a part that follows the event, not the event
        if after and not re.search(r"[后前时]$", after["host"]):
            event, host = after["event"], after["host"].strip()
            if not _SCOPED.match(event) and _HOST.search(host) and "、" not in host.replace("、", "", 1):
                event = host + event
            return event, host
    for clause in clauses:
        addressed = _EVENT_ADDRESSED.search(clause)
        if addressed:
            return addressed["event"], ""
    return "", ""


def event_name(lead: str) -> str:
    """The clean name of the event a lead reports (全市经济工作会议), or empty.

    The event is the subject of a clause that holds it (某某会议在某地召开), the object that
    ends one (市政府召开全体会议), or what a report is made to (向某某会议报告); a name of a
    kind alone takes its host (山东省人民政府例行新闻发布会). A meeting named in passing
    (贯彻中央经济工作会议精神) is not the event.
    """
    return _event_and_host(lead)[0]


def event_and_place(lead: str, title: str = "") -> tuple[str, str]:
    """The event (市委经济工作会议) and place (重庆) named in the lead, else in the headline."""
    event, host = _event_and_host(lead)
    if not event and title:
        event, host = _event_and_host(title)
    # 锦州在南京举行: the host is the place it comes from, not where it meets
    host = host.split("在", 1)[0]
    place = ""
    if _HOST_PLACE.match(host) and not _HOST.search(host) and not _TITLE_WORD.search(host):
        place = host
    if not event:
        tour = _TOUR.search(lead)
        if tour:
            event = tour["event"].strip()
            place = tour["place"]
    if not place:
        inside = _PLACE_IN.search(lead)
        if inside:
            place = inside["place"]
    return event, place
