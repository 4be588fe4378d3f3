"""Meeting metadata from the lead: date (with the year inferred), event and place."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

from doctool.cjk import HAN

_FULL_DATE = re.compile(r"(?P<y>20\d{2})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_DATE = re.compile(r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日")
_YEAR = re.compile(r"(20\d{2})年")
_EVENT_AFTER = re.compile(
    r"(?:召开|举行|举办)(?:了)?"
    r"(?P<event>[^，。；：、“”]{2,40}?(?:会议|大会|座谈会|推进会|常务会议|全体会议|全会|论坛|会))"
)
_EVENT_BEFORE = re.compile(
    r"(?P<event>[^，。；：、“”\s]{2,30}?(?:会议|大会|座谈会|推进会|全会))(?:\d{1,2}月\d{1,2}日)?(?:在[^，。]{1,20})?(?:召开|举行|开幕)"
)
_PLACE_BEFORE = re.compile(
    rf"(?:日[，,]?|，)(?:在)?(?P<place>[{HAN}]{{2,8}}?)(?:召开|举行|举办)"
)
_PLACE_IN = re.compile(rf"在(?P<place>[{HAN}]{{2,12}}?)(?:召开|举行|举办|调研|考察|视察)")
_TOUR = re.compile(
    rf"(?P<event>[^，。；“”]{{0,30}}?在(?P<place>[{HAN}]{{2,12}}?)(?:调研|考察|视察)[^，。；]{{0,10}})"
)


def infer_year(text: str, month: int) -> int | None:
    """The year of a meeting held in ``month``, from the years the report mentions.

    A year-end meeting reviews this year and plans the next; an early-year one (a government
    work report) plans the year it is in.
    """
    years = [int(y) for y in _YEAR.findall(text)]
    if not years:
        return None
    latest = max(years)
    if month >= 10:
        return latest - 1 if latest - 1 in years else latest
    if month <= 3:
        return latest
    return Counter(years).most_common(1)[0][0]


def meeting_date(
    text: str, override: dt.date | None = None, whole: str | None = None
) -> dt.date | None:
    """The meeting date: given, written in full, or month and day with the year inferred.

    ``text`` is where the date is written (the lead); ``whole`` is the report, whose mentions
    of years decide the year when the lead gives only month and day.
    """
    if override is not None:
        return override
    full = _FULL_DATE.search(text[:600])
    if full:
        try:
            return dt.date(int(full["y"]), int(full["m"]), int(full["d"]))
        except ValueError:
            return None
    short = _DATE.search(text[:600])
    if not short:
        return None
    month, day = int(short["m"]), int(short["d"])
    year = infer_year(whole or text, month)
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def event_and_place(lead: str) -> tuple[str, str]:
    """The event (市委经济工作会议) and place (重庆) named in the lead paragraphs."""
    event = ""
    place = ""
    match = _EVENT_AFTER.search(lead)
    if match:
        event = match["event"]
        before = lead[: match.start() + 2]
        places = list(_PLACE_BEFORE.finditer(before))
        if places:
            place = places[-1]["place"]
    else:
        match = _EVENT_BEFORE.search(lead)
        if match:
            event = match["event"]
        else:
            tour = _TOUR.search(lead)
            if tour:
                event = tour["event"].strip()
                place = tour["place"]
    if not place:
        inside = _PLACE_IN.search(lead)
        if inside:
            place = inside["place"]
    return event, place
