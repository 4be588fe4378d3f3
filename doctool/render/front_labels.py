"""The fixed wording of a brief's front and back: masthead, contents, colophon and 报尾."""

from __future__ import annotations

from dataclasses import dataclass

from doctool.model import Lang


@dataclass(frozen=True)
class FrontLabels:
    """Masthead, contents, colophon and 报尾 wording in one language; ``{...}`` are fields."""

    #: field issue
    issue: str
    contents: str
    #: the source line; fields publication and page (a page of its own, see ``page``)
    source: str
    #: the page of the publication the report appeared on; field page
    page: str
    colophon_source: str
    colophon_languages: str
    colophon_translation: str
    colophon_generated: str
    colophon_tool: str
    send_to: str
    copy_to: str
    #: joins the names of a 报送 / 抄送 list
    list_sep: str
    #: ends a 报送 / 抄送 list
    list_end: str
    #: the right-hand part of the 报尾's last line; field date
    issued: str


ZH = FrontLabels(
    issue="第{issue}期",
    contents="目　录",
    source="《{publication}》",
    page="第{page}版",
    colophon_source="来源",
    colophon_languages="语种",
    colophon_translation="译文情况",
    colophon_generated="生成日期",
    colophon_tool="生成工具",
    send_to="报送：",
    copy_to="抄送：",
    list_sep="，",
    list_end="。",
    issued="{date}印发",
)

EN = FrontLabels(
    issue="No. {issue}",
    contents="Contents",
    source="{publication}",
    page="page {page}",
    colophon_source="Source",
    colophon_languages="Languages",
    colophon_translation="Translation",
    colophon_generated="Generated",
    colophon_tool="Made with",
    send_to="To: ",
    copy_to="Copy: ",
    list_sep="; ",
    list_end="",
    issued="Issued {date}",
)

FRONT_LABELS: dict[Lang, FrontLabels] = {"zh": ZH, "en": EN}
