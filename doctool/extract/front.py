"""Front matter and bylines: the lines of a report that are publishing details, not its text.

A web copy of a report carries its posting time (``发布时间：2007-12-27``), its source
(``来源：江城日报``), author and editors (``作者：李明``, ``责编：…``), page furniture (a page date,
a page number, ``要闻``, ``◆…摘要刊第二、三版``) and a repeated headline. A newspaper names its
reporters in a byline (``新华社记者 王一、赵二``, ``（本报记者 周 平）``, ``文/张三``) or a dateline
(``本报讯（记者 孙华）``). None of these is text or a heading: they become the report's metadata.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from doctool.cjk import HAN, has_han
from doctool.surnames import is_chinese_name

#: labels of publishing details: the line is metadata whatever follows the label
_LABEL = re.compile(
    r"^[|｜\s]*(?:来源|稿源|发稿时间|发布时间|发布日期|更新时间|时间|日期|作者|撰稿|撰文|编辑|责编|"
    r"责任编辑|编审|审核|审校|校对|终审|初审|复审|二审|三审|监制|统筹|策划|值班编辑|美编|视觉|"
    r"制图|设计|字号|浏览次数|点击数|阅读量|阅读|人工智能朗读|语音播报|分享到|分享|打印|"
    r"出处|原标题|编者注)\s*[：:]"
)
#: labels whose value names the report's authors
_AUTHOR = re.compile(rf"(?:作者|撰稿|撰文|文)\s*[：:/|｜]\s*(?P<names>[{HAN}\s、，]{{2,30}})")
#: the label of the next detail on the same line, where a list of names stops: 作者：李明 来源：…
_NEXT_LABEL = re.compile(rf"\s*[{HAN}]{{2,4}}[：:].*$")
_SOURCE = re.compile(r"(?:来源|稿源)\s*[：:]\s*(?P<pub>[^\s：:，,|｜]{2,30})")
#: a written date: 2007-12-27, 2021/6/9, 2020年05月24日
DATE = re.compile(r"(?P<y>(?:19|20)\d{2})\s*(?:[-/.]|年)\s*(?P<m>\d{1,2})\s*(?:[-/.]|月)\s*(?P<d>\d{1,2})日?")
_TIME = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_WEEKDAY = re.compile(r"星期[一二三四五六日天]|周[一二三四五六日]")
_URL = re.compile(r"(?:https?://|www\.)\S*", re.IGNORECASE)
_PAGE = re.compile(r"[（(]?\s*(?:第?[0-9０-９A-Z]{1,3}版|[A-Z]?\d{1,2}版)\s*[）)]?")
#: a line of page furniture that names another page: ◆政府工作报告摘要刊第二、三版
_ELSEWHERE = re.compile(r"(?:刊|见|详见|载|转)(?:第)?[0-9一二三四五六七八九十、，]+版[）)]?$")
#: the names of newspaper pages, which a copy of a page carries above the headline
_PAGE_NAME = re.compile(
    r"^(?:要闻|头版|综合|时政|评论|本地|国内|国际|专题|特别报道|第[一二三四五六七八九十\d]+版)$"
)
#: a subtitle under the headline of a speech: ——2025年7月30日在全市工作会议上的讲话
SPEECH_LINE = re.compile(r"^[—─–\-]{1,2}\s*[^—─]*在[^，。]*上")

#: who a byline names: reporters, correspondents, interns, photographers
_ROLE = (
    r"(?:首席|全媒体|融媒体?|特约|见习|实习|摄影|驻[^\s记]{1,4})?记者|通讯员|实习生|摄影|摄|文|图|报道"
)
_ROLE_WORD = re.compile(rf"^(?:{_ROLE})$")
#: the role words that stand between names (新华社记者王一, 通讯员钱进)
_ROLE_PHRASE = re.compile(
    r"(?:本报|本台|本网)?(?:首席|全媒体|融媒体?|特约|见习|实习|摄影)?记者|通讯员|实习生"
)
_NAME_BREAK = re.compile(r"[\s、，,/|｜：:（）()]+")
#: what a publication's name ends in, right before 记者: 新华社, 江城日报, 江城日报客户端
_PUBLICATION = r"(?:本报|本台|本网|本刊|[^\s，。；：（）()]{0,24}?(?:报|社|台|网|端|刊|中心|传媒|媒体|新闻))"
_BYLINE = re.compile(
    rf"^[（(]?\s*(?:(?:来源|稿源)\s*[：:]\s*)?(?P<pub>{_PUBLICATION})?\s*(?:全媒体|融媒体?)?\s*"
    rf"(?P<body>(?:{_ROLE})\s*[：:|｜/]?\s*[{HAN}\s、，/|｜]{{2,60}}?)\s*[）)]?$"
)
#: 文/张三 图/李四, 记者｜张三
_LABELLED = re.compile(rf"^(?:文|图|记者|作者|撰文)\s*[：:/|｜]\s*[{HAN}\s、，/|｜]{{2,40}}$")
#: a dateline that names its reporters: 本报讯（记者 孙华）, 新华社北京3月5日电（记者 …）
DATELINE_BYLINE = re.compile(
    rf"^(?P<line>(?:[^，。（()]{{0,30}}?(?:电|讯|消息))?\s*[（(](?:{_PUBLICATION})?\s*"
    rf"(?:(?:{_ROLE})\s*[{HAN}\s、，]{{2,40}}?)+[）)]|[^，。（()]{{0,30}}?(?:电|讯|消息)\s*"
    rf"(?:本报)?记者\s*[{HAN}]{{2,4}}(?:[\s、，]+[{HAN}]{{2,4}})*\s*报道)"
)
#: a byline closing the last paragraph: …新局面。（本报记者 周 平）
TRAILING_BYLINE = re.compile(
    rf"(?<=[。！？”])\s*(?P<line>[（(][^（）()]{{0,24}}记者[{HAN}\s、，]{{2,30}}[）)])$"
)


def _names(body: str) -> list[str]:
    """The personal names in the body of a byline; role words and single spaced characters joined."""
    tokens = [t for t in _NAME_BREAK.split(_ROLE_PHRASE.sub(" ", body)) if t]
    words: list[str] = []
    for token in tokens:
        # 周 平: newspapers pad a two-character name to the width of a three-character one
        if len(token) == 1 and words and len(words[-1]) == 1:
            words[-1] += token
        else:
            words.append(token)
    names: list[str] = []
    for word in words:
        if word.endswith("报道") and is_chinese_name(word[:-2]):
            word = word[:-2]  # 记者吴立报道
        # the byline's form says these are names, so a rare surname (萧) is no reason to drop one
        plausible = is_chinese_name(word) or (2 <= len(word) <= 4 and not word.endswith("摄"))
        han = re.fullmatch(f"[{HAN}]+", word)
        if plausible and han and not _ROLE_WORD.match(word) and word not in names:
            names.append(word)
    return names


@dataclass(frozen=True)
class Byline:
    """A byline's publication (may be empty) and the people it names."""

    publication: str
    names: tuple[str, ...]


def parse_byline(text: str) -> Byline | None:
    """The byline in ``text`` when the whole line is one, else None."""
    match = _BYLINE.match(text)
    if match:
        names = _names(match["body"])
        if names and len("".join(names)) >= len(re.sub(r"[\s、，/|｜：:（）()]", "", match["body"])) // 3:
            pub = (match["pub"] or "").strip(" -—－")
            return Byline("" if pub.startswith("本") else pub, tuple(names))
    if _LABELLED.match(text):
        names = _names(re.sub(r"^(?:作者|撰文)\s*[：:/|｜]", "", text))
        if names:
            return Byline("", tuple(names))
    dateline = DATELINE_BYLINE.fullmatch(text)
    if dateline:
        names = _names(re.split(r"(?:电|讯|消息)", text, maxsplit=1)[-1])
        if names:
            return Byline("", tuple(names))
    return None


@dataclass(frozen=True)
class FrontDetails:
    """What one line of front matter says: the publication, authors and a written date."""

    publication: str = ""
    authors: tuple[str, ...] = ()
    published: dt.date | None = None
    #: the page a line of page furniture names: 第01版 -> "1"
    page: str = ""


#: a page named in page furniture: 第01版, A3版
_PAGE_NUMBER = re.compile(r"第?(?P<page>[0-9０-９]{1,2}|[A-Z][0-9]{1,2})版")


def _date(match: re.Match[str] | None) -> dt.date | None:
    if match is None:
        return None
    try:
        return dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None


def front_details(text: str) -> FrontDetails:
    """The publication (来源), authors (作者) and date written in a line of front matter."""
    source = _SOURCE.search(text)
    author = _AUTHOR.search(text)
    authors = tuple(_names(_NEXT_LABEL.sub("", text[author.start("names"):]))) if author else ()
    page = _PAGE_NUMBER.search(text) if _furniture(text) else None
    number = ""
    if page:
        number = page["page"].translate(str.maketrans("０１２３４５６７８９", "0123456789"))
        number = number.lstrip("0") or number
    return FrontDetails(source["pub"] if source else "", authors, _date(DATE.search(text)), number)


def _furniture(text: str) -> bool:
    """True for a line that only dates or numbers a page: 光明日报 2020年05月24日 星期日."""
    if not DATE.search(text):
        return False
    rest = _PAGE.sub("", _WEEKDAY.sub("", _TIME.sub("", DATE.sub("", _URL.sub("", text)))))
    return len(re.findall(f"[{HAN}]", rest)) <= 12 and not re.search(r"[。！？；，]", rest)


def is_front_matter(text: str, *, near_title: bool = False) -> bool:
    """True when a line is publishing details or page furniture rather than the report's text.

    ``near_title`` is for the lines around the headline, where a short label (``人工智能朗读：``),
    a page name (``要闻``) and a speech's subtitle are furniture too.
    """
    if _LABEL.match(text) or _furniture(text) or _ELSEWHERE.search(text):
        return True
    if not has_han(text) and (len(text) <= 3 or re.fullmatch(r"[|｜\-—·•*\s]+", text)):
        return True  # a page number or a rule; a figure such as 12.5% stays text
    if near_title:
        if _PAGE_NAME.match(text) or SPEECH_LINE.match(text):
            return True
        if text.endswith(("：", ":")) and len(text) <= 12:
            return True
    return False
