"""Meeting metadata from the lead: the event and the place (the date is in :mod:`.dates`)."""

from __future__ import annotations

import re

from doctool.cjk import HAN

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
