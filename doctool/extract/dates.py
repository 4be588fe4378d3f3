"""The date of the event a report is about, from the report's own dating and nothing else.

A report dates itself in a few ways: a dateline (``新华社北京3月5日电``,
``江城新闻网2025年1月9日讯``), a posting or page date in its front matter (``发稿时间：2021/6/9``,
``光明日报 2020年05月24日``), and the day in its lead (``12月23日``, ``23日上午``, ``昨日``), whose
year the plan year settles: a December conference that plans 2025 (``部署2025年经济工作``) was
held in 2024, a March work report that sets 2022's targets in 2022. A year mentioned in passing
(``在疫情前的2019年``) settles nothing. When the dating does not settle the date, there is none:
a wrong date on every page of a pack is worse than an empty one.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from doctool.extract.front import DATE, SPEECH_LINE

_YEAR = r"(?P<y>(?:19|20)\d{2})年"
#: a dateline: 新华社北京3月5日电, 江城新闻网2025年1月9日讯, 本报安平4月9日电
_DATELINE = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日\s*(?:电|讯)"
)
#: the event's day in the lead, in the forms a report writes it
_FULL = re.compile(r"(?P<y>(?:19|20)\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_MONTH_DAY = re.compile(r"(?<![\d年])(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
#: what follows a day that dates an event: 23日上午, 28日向…报告, 昨日，
_AFTER_DAY = r"(?=上午|下午|晚|早|中午|凌晨|，|在|至|召开|举行|向|到|起)"
_DAY = re.compile(rf"(?<![\d月年日.近续每])(?P<d>\d{{1,2}})日{_AFTER_DAY}")
_RELATIVE = re.compile(rf"(?:昨日|昨天|前日|前天|今日|今天){_AFTER_DAY}")
_BACK = {"昨日": 1, "昨天": 1, "前日": 2, "前天": 2, "今日": 0, "今天": 0}
#: how far into the lead the event's day is looked for
LEAD_SPAN = 200

#: what a commentary's front matter says of it; a commentary is dated by its issue
_COMMENTARY = re.compile(r"评论员|社论|短评|时评|述评")

# the plan year: the year whose work a meeting plans or whose targets it sets
_PLAN = (
    re.compile(rf"(?:部署|安排|谋划|擘画|展望|对|提出了?|明确了?){_YEAR}"),
    re.compile(
        rf"{_YEAR}(?:的)?[^，。；：“”]{{0,12}}?(?:工作目标|目标任务|预期目标|主要目标|发展目标|"
        r"预期指标|主要指标|总体要求|重点项目|重大项目|经济工作|工作任务|工作安排|政府工作|重点工作)"
    ),
)
# the year under review: summed up, estimated, or reported part-way
_REVIEW = (
    re.compile(rf"(?:总结|回顾|回眸)(?:了)?[^，。；]{{0,8}}?{_YEAR}"),
    re.compile(rf"预计[^，。；]{{0,4}}?{_YEAR}"),
    re.compile(rf"{_YEAR}[^，。；]{{0,16}}?(?:完成情况|执行情况)"),
    re.compile(rf"{_YEAR}(?:1[-—～~至]\d{{1,2}}月|前三季度|前10个月|前11个月)"),
)
# a result of the year before, in a report early in the next: 2021年，国内生产总值达到114万亿元
_PAST_RESULT = re.compile(rf"(?:^|[。；，])\s*{_YEAR}[，,]?(?P<clause>[^。；]{{0,30}}?(?:达到|实现|完成))")
_FORWARD = re.compile(r"要|力争|确保|预期|目标|将|计划|争取|拟")


@dataclass(frozen=True)
class Dating:
    """Where a report dates itself: its dating lines (front matter, bylines) and its lead."""

    lines: tuple[str, ...]
    lead: str
    whole: str


def _date(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _plan_years(text: str, month: int) -> set[int]:
    """The years a meeting held in ``month`` is dated to by the years it plans and reviews.

    A meeting late in a year plans the next one and reviews its own; one early in a year
    plans the year it is in and reviews the one before. In between, only the plan counts.
    """
    late, early = month >= 10, month <= 3
    years: set[int] = set()
    reviewed: set[int] = set()
    for pattern in _REVIEW:
        for match in pattern.finditer(text):
            reviewed.add(match.start("y"))
            year = int(match["y"])
            if late:
                years.add(year)
            elif early:
                years.add(year + 1)
    for pattern in _PLAN:
        for match in pattern.finditer(text):
            if match.start("y") not in reviewed:  # 总结2024年经济工作 reviews, it does not plan
                years.add(int(match["y"]) - 1 if late else int(match["y"]))
    if early:
        for match in _PAST_RESULT.finditer(text):
            if not _FORWARD.search(match["clause"]):
                years.add(int(match["y"]) + 1)
    return years


def plan_year(text: str, month: int) -> int | None:
    """The year the text's plan and review settle for a meeting in ``month``, if they agree."""
    years = _plan_years(text, month)
    return years.pop() if len(years) == 1 else None


def _reference(lines: Iterable[str]) -> tuple[dt.date | None, tuple[int | None, int, int] | None]:
    """The posting or page date, and the dateline's (year or None, month, day)."""
    posted: dt.date | None = None
    dateline: tuple[int | None, int, int] | None = None
    for line in lines:
        found = _DATELINE.search(line)
        if found and dateline is None:
            dateline = (int(found["y"]) if found["y"] else None, int(found["m"]), int(found["d"]))
        written = DATE.search(line)
        if written and posted is None and not found:
            posted = _date(int(written["y"]), int(written["m"]), int(written["d"]))
    return posted, dateline


def _before(day: int, reference: dt.date) -> dt.date | None:
    """The last date on ``day`` of a month, on or before ``reference``."""
    year, month = reference.year, reference.month
    if day > reference.day:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return _date(year, month, day)


def _year_before(month: int, day: int, reference: dt.date) -> int:
    """The year of the last ``month``/``day`` on or before ``reference``."""
    return reference.year if (month, day) <= (reference.month, reference.day) else reference.year - 1


def meeting_date(dating: Dating, override: dt.date | None = None) -> dt.date | None:
    """The date of the event, or None when the report's own dating does not settle it."""
    if override is not None:
        return override
    for line in dating.lines:
        # a speech's subtitle dates the speech: ——2025年7月30日在全市工作会议上的讲话
        spoken = _FULL.search(line) if SPEECH_LINE.match(line) else None
        if spoken:
            return _date(int(spoken["y"]), int(spoken["m"]), int(spoken["d"]))
    posted, dateline = _reference(line for line in dating.lines if not SPEECH_LINE.match(line))
    commentary = any(_COMMENTARY.search(line) for line in dating.lines)
    if commentary and posted is not None:
        return posted
    # the dateline's date, when it has a year, is the day the report was filed
    filed = _date(*dateline) if dateline and dateline[0] else None
    reference = filed or posted
    lead = dating.lead[:LEAD_SPAN]
    forms = [(m.start(), "full", m) for m in _FULL.finditer(lead)]
    forms += [(m.start(), "month", m) for m in _MONTH_DAY.finditer(lead)]
    forms += [(m.start(), "day", m) for m in _DAY.finditer(lead)]
    forms += [(m.start(), "relative", m) for m in _RELATIVE.finditer(lead)]
    if not forms:
        if dateline is None:
            return None
        # no day in the lead: the event is the dateline's day
        month, day = dateline[1], dateline[2]
        return _date(dateline[0] or _settled_year(dating, month, day, posted), month, day)
    _, form, match = min(forms, key=lambda f: f[0])
    if form == "full":
        return _date(int(match["y"]), int(match["m"]), int(match["d"]))
    if form == "month":
        month, day = int(match["m"]), int(match["d"])
        if filed is not None:
            return _date(_year_before(month, day, filed), month, day)
        return _date(_settled_year(dating, month, day, posted), month, day)
    if form == "day":
        if reference is not None:
            return _before(int(match["d"]), reference)
        if dateline is not None:
            month, day = dateline[1], int(match["d"])
            return _date(_settled_year(dating, month, day, posted), month, day)
        return None
    if reference is None and dateline is not None:
        year = _settled_year(dating, dateline[1], dateline[2], posted)
        reference = _date(year, dateline[1], dateline[2])
    if reference is None:
        return None
    return reference - dt.timedelta(days=_BACK[match.group(0)])


def _settled_year(dating: Dating, month: int, day: int, posted: dt.date | None) -> int | None:
    """The year of ``month``/``day``: the plan year, else the posting date's."""
    planned = plan_year(dating.whole, month)
    if planned is not None:
        return planned  # a posting date that the content contradicts gives way to the content
    return _year_before(month, day, posted) if posted is not None else None
