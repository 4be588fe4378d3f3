"""Lines of a report to its parts: headline, front matter, headings, paragraphs, captions, bylines.

Newspaper text often breaks a paragraph mid-sentence at a column or page break. A paragraph
line that ends without sentence-final punctuation is joined to the next paragraph line, unless
it is a title, heading, caption, byline or front matter; nothing else is ever joined. A short
line without final punctuation that stands alone (the line before it ends a sentence) is a
heading, numbers and commas in it or not, unless it describes a photo.
"""

from __future__ import annotations

import datetime as dt
import re
import statistics
from dataclasses import dataclass, replace
from typing import Literal

from doctool.cjk import has_han
from doctool.extract.front import (
    DATELINE_BYLINE,
    TRAILING_BYLINE,
    front_details,
    is_front_matter,
    parse_byline,
)
from doctool.extract.reader import Line
from doctool.extract.sentences import CLOSERS
from doctool.surnames import is_chinese_name

#: ``presenter`` is the line under a report's headline that names who presents it; it is text
#: like a paragraph but never joined to the next line
LineKind = Literal["title", "heading", "paragraph", "caption", "byline", "marker", "front", "presenter"]

_FINAL = "。！？；…!?;"
#: continuation markers: <<上接1版, （下转第3版）, 紧转第2版, 转第4版
MARKER = re.compile(
    r"[<＜《«]{0,2}\s*[（(]?\s*(?P<kind>上接|下转|紧转|紧接|接|转)\s*第?\s*[0-9０-９一二三四五六七八九十]+\s*版"
    r"\s*[）)]?\s*[>＞》»]{0,2}"
)
_WHOLE_MARKER = re.compile(rf"^(?:{MARKER.pattern})$")
_CAPTION_START = re.compile(r"^(?:图为|图[:：]|图片[:：]|上图|下图|左图|右图|▲|△|■图)")
_CAPTION_INNER = re.compile(r"[。，]图为")
_CAPTION_END = re.compile(r"(?:摄|供图|图片来源[^。]*)\s*[）)]?。?$")
#: where someone stands in a photo: 吴锦（右一）
_POSITION = re.compile(r"[（(](?:左|右|前排|后排|中|居中)[一二三四五六七八九十\d]*[）)]")
#: what a photo shows when no one is named: 会议现场, 签约仪式现场
_SCENE_END = re.compile(r"(?:现场|会场|一角|掠影|剪影|合影|留影|全景|场景|主会场|分会场)$")
#: what a person does in a photo: 张三讲话, 市长李四致欢迎辞, 副市长王五与客商签约
_ACT_END = re.compile(
    r"(?:作[^，。]{0,8}?(?:讲话|报告|发言|致辞)|讲话|致辞|致欢迎辞|致辞|发言|签约|会谈|会见|座谈|"
    r"调研|考察|察看|视察|参观|揭牌|剪彩|颁奖|颁发证书|主持会议|答记者问|回答记者提问|介绍情况)$"
)
_OFFICE = re.compile(
    r"(?:书记|市长|区长|县长|省长|州长|镇长|乡长|主任|主席|部长|厅长|局长|委员|常委|总理|"
    r"秘书长|董事长|总经理|院长|校长|会长|代表|负责人|发言人)"
)
#: who presents a report, on a line of their own: 市发展改革委副主任 朱江
_PRESENTER = re.compile(rf"^[^\s，。；：]{{0,30}}?{_OFFICE.pattern}\s+(?P<name>[^\s，。；：]{{2,4}})$")
_NUMBERED_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|■|●|◆|▶|【)")
#: a label that heads what follows: 编者按：, 【原文】, 【点评】
_LABEL_HEADING = re.compile(
    r"^(?:(?:编者按|编者的话|编后|按语|短评|点评|述评|记者手记|记者观察|背景链接|相关链接|链接)[：:]?|"
    r"【[^】]{1,12}】)$"
)
#: inside a heading: a sentence end means the line is text, not a heading
_SENTENCE_INSIDE = re.compile(r"[。！？；;]")
#: a first line longer than this is text, not a headline (a report saved without line breaks)
MAX_TITLE = 100
#: the longest heading without a number; one with a comma in it is shorter still
MAX_HEADING = 40
MAX_HEADING_WITH_COMMA = 30
#: a headline has at most this many lines under its first one (sub-headlines)
MAX_TITLE_LINES = 4
#: a dateline that opens the headline line: 新华社北京3月5日电 题：…
_TITLE_DATELINE = re.compile(r"^(?P<dateline>[^，。：]{0,30}?\d{1,2}月\d{1,2}日电)\s*题[：:]\s*")


@dataclass(frozen=True)
class Piece:
    """A classified line of the report; ``text`` of paragraphs is after break repair."""

    kind: LineKind
    text: str
    number: int
    gap_before: int
    #: for markers: 上接, 下转, 紧转 or 转
    marker: str = ""


@dataclass(frozen=True)
class Repair:
    """A repaired break: the end of one line and the start of the next, joined."""

    line: int
    left: str
    right: str

    def __str__(self) -> str:
        return f"{self.left[-4:]}|{self.right[:4]}"


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence-final punctuation (closing quotes allowed after it)."""
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in _FINAL


def is_byline(text: str) -> bool:
    """True for a reporters' byline such as ``XX日报记者 张三 李四``."""
    return parse_byline(text) is not None


def byline_parts(text: str) -> tuple[str, list[str]]:
    """The publication and the names (reporters and correspondents) of a byline."""
    byline = parse_byline(text)
    return (byline.publication, list(byline.names)) if byline else ("", [])


def _is_heading(text: str) -> bool:
    """A short line without final punctuation, numbered or not, or a label such as 编者按：."""
    if _LABEL_HEADING.match(text):
        return True
    if ends_sentence(text) or not has_han(text) or text.endswith(("：", ":", "，", "、", "；")):
        return False
    if text.startswith(("—", "─")) or _SENTENCE_INSIDE.search(text):
        return False  # an attribution (——张三) or a sentence is text
    if _NUMBERED_HEADING.match(text):
        return len(text) <= 60
    if "，" in text or "," in text:
        return len(text) <= MAX_HEADING_WITH_COMMA
    return len(text) <= MAX_HEADING


def _names_someone(text: str) -> bool:
    """True when a short line has an office or a personal name before what the person does."""
    if _OFFICE.search(text):
        return True
    head = _ACT_END.sub("", text)
    return any(is_chinese_name(head[-n:]) for n in (2, 3)) or is_chinese_name(head)


def is_presenter(text: str) -> bool:
    """True for a line that names who presents a report: an office, a space, a name."""
    match = _PRESENTER.match(text)
    return match is not None and has_han(match["name"])


def is_photo_caption(text: str) -> bool:
    """A short line without final punctuation that describes a photo.

    ``会议现场``, ``吴锦（右一）、魏华山（左一）会谈``, ``市委书记张三作重要讲话``: a scene, people
    placed in the picture, or a person named with what they do.
    """
    if ends_sentence(text) or len(text) > 40 or _SENTENCE_INSIDE.search(text):
        return False
    if _POSITION.search(text) or _SCENE_END.search(text):
        return True
    return bool(_ACT_END.search(text)) and _names_someone(text)


def _is_caption(text: str, gap_before: int, usual_gap: int) -> bool:
    if _CAPTION_START.match(text) or _CAPTION_END.search(text):
        return len(text) <= 200
    inner = _CAPTION_INNER.search(text)
    if inner and len(text) <= 120 and len(re.findall(r"[。！？]", text[: inner.start()])) <= 1:
        return True
    if is_photo_caption(text):
        return True
    # a photo leaves a wider gap in the text than between paragraphs; its caption is one sentence
    sentences = [s for s in re.split(r"[。！？]", text) if s]
    return gap_before > usual_gap and len(sentences) == 1 and len(text) <= 80 and ends_sentence(text)


def _is_scene_before_heading(text: str, following: list[Line]) -> bool:
    """A one-sentence description right before a heading is a photo caption."""
    if not following:
        return False
    after = following[0].text
    if not _is_heading(after) or is_photo_caption(after) or is_front_matter(after):
        return False
    sentences = [s for s in re.split(r"[。！？]", text) if s]
    return (
        len(sentences) == 1 and len(text) <= 60 and ends_sentence(text)
        and not re.search(r"要|将|强调|指出|表示|提出|会议", text)
    )


def _headline(lines: list[Line]) -> dict[int, LineKind]:
    """The kinds of the lines around the headline: its lines, and the front matter among them.

    The headline is the first line that is not front matter, with the short lines right under
    it (sub-headlines); it ends at the first line of text, byline, caption or heading label.
    """
    kinds: dict[int, LineKind] = {}
    seen: set[str] = set()
    title_lines = 0
    for index, line in enumerate(lines):
        text = line.text
        if _WHOLE_MARKER.match(text) or parse_byline(text) or _LABEL_HEADING.match(text):
            break
        if is_presenter(text):
            break
        if _CAPTION_START.match(text) or _CAPTION_END.search(text):
            break
        if is_front_matter(text, near_title=True) or text in seen:
            kinds[index] = "front"  # furniture, or the headline repeated
            continue
        if title_lines == 0:
            sentence = "。" in text  # a headline may ask a question, but it has no full stop
            if len(text) > MAX_TITLE or _NUMBERED_HEADING.match(text) or sentence:
                break
        elif title_lines > MAX_TITLE_LINES or not _is_heading(text) or _NUMBERED_HEADING.match(text):
            break
        kinds[index] = "title"
        seen.add(text)
        title_lines += 1
    return kinds


def _standalone(pieces: list[Piece]) -> bool:
    """True when the line about to follow ``pieces`` does not carry on a broken paragraph.

    A short line with a comma in it after a paragraph that stops mid-sentence is more likely
    the rest of that sentence than a heading.
    """
    if not pieces:
        return True
    previous = pieces[-1]
    return previous.kind != "paragraph" or ends_sentence(previous.text)


def classify(lines: list[Line]) -> list[Piece]:
    """Give each line its kind: headline, front matter, byline, caption, heading, paragraph."""
    gaps = [line.gap_before for line in lines[1:]]
    usual_gap = statistics.mode(gaps) if gaps else 1
    near_title = _headline(lines)
    title = [lines[i].text for i, kind in near_title.items() if kind == "title"]
    pieces: list[Piece] = []
    for index, line in enumerate(lines):
        text = line.text
        marker = _WHOLE_MARKER.match(text)
        kind: LineKind
        if index in near_title:
            kind = near_title[index]
            dateline = _TITLE_DATELINE.match(text) if kind == "title" else None
            if dateline:
                pieces.append(Piece("front", dateline["dateline"], line.number, line.gap_before))
                text = text[dateline.end():]
        elif marker:
            kind = "marker"
        elif is_byline(text):
            kind = "byline"
        elif is_presenter(text):
            kind = "presenter"
        elif is_front_matter(text) or text in title:
            kind = "front"  # publishing details, page furniture or the headline repeated
        elif _is_caption(text, line.gap_before, usual_gap) or _is_scene_before_heading(
            text, lines[index + 1 :]
        ):
            kind = "caption"
        elif _is_heading(text) and ("，" not in text or _standalone(pieces)):
            kind = "heading"
        else:
            kind = "paragraph"
        pieces.append(
            Piece(kind, text, line.number, line.gap_before, marker.group("kind") if marker else "")
        )
    carried = ("title", "paragraph", "caption", "byline", "presenter")
    if not any(p.kind in carried for p in pieces):
        # nothing but front matter and headings is a text too short to tell: keep its first line
        first = next((i for i, p in enumerate(pieces) if p.kind != "marker"), None)
        if first is not None:
            pieces[first] = replace(pieces[first], kind="title")
    return pieces


def split_inline_markers(pieces: list[Piece]) -> list[Piece]:
    """Move continuation markers at the start or end of a paragraph onto lines of their own."""
    out: list[Piece] = []
    for piece in pieces:
        if piece.kind != "paragraph":
            out.append(piece)
            continue
        text = piece.text
        head = MARKER.match(text)
        if head and head.end() < len(text):
            out.append(Piece("marker", head.group(0).strip(), piece.number, piece.gap_before,
                             head.group("kind")))
            text = text[head.end():].lstrip()
        tails = list(MARKER.finditer(text))
        tail = tails[-1] if tails else None
        if tail is not None and tail.end() == len(text) and tail.start() > 0:
            out.append(replace(piece, text=text[: tail.start()].rstrip()))
            out.append(Piece("marker", tail.group(0).strip(), piece.number, 0, tail.group("kind")))
        else:
            out.append(replace(piece, text=text))
    return out


def split_datelines(pieces: list[Piece]) -> list[Piece]:
    """Split bylines off the paragraphs they open or close.

    ``本报X月X日电（记者 张三）…`` and ``本报讯 记者张三报道 …`` open a paragraph;
    ``…。（本报记者 张三）`` closes the last one.
    """
    out: list[Piece] = []
    for piece in pieces:
        if piece.kind != "paragraph":
            out.append(piece)
            continue
        text = piece.text
        opening = DATELINE_BYLINE.match(text)
        if opening and opening.end() < len(text) and parse_byline(opening["line"]):
            out.append(Piece("byline", opening["line"].strip(), piece.number, piece.gap_before))
            text = text[opening.end():].lstrip()
        closing = TRAILING_BYLINE.search(text)
        if closing and closing.start() > 0 and parse_byline(closing["line"]):
            out.append(replace(piece, text=text[: closing.start()].rstrip()))
            out.append(Piece("byline", closing["line"], piece.number, 0))
        else:
            out.append(replace(piece, text=text))
    return out


def repair_breaks(pieces: list[Piece]) -> tuple[list[Piece], list[Repair]]:
    """Join paragraphs broken mid-sentence; returns the pieces and the repairs made.

    A ``下转`` marker between the two halves of a paragraph (a page break) is kept, after the
    joined paragraph, so the part structure is not lost.
    """
    out: list[Piece] = []
    repairs: list[Repair] = []
    pending_markers: list[Piece] = []
    for piece in pieces:
        previous = out[-1] if out else None
        broken = (
            previous is not None
            and previous.kind == "paragraph"
            and not ends_sentence(previous.text)
        )
        if broken and piece.kind == "marker" and piece.marker == "下转":
            pending_markers.append(piece)
            continue
        if broken and piece.kind == "marker" and pending_markers:
            pending_markers.append(piece)
            continue
        if broken and piece.kind == "paragraph" and previous is not None:
            repairs.append(Repair(piece.number, previous.text, piece.text))
            out[-1] = replace(previous, text=previous.text + piece.text)
            out.extend(pending_markers)
            pending_markers = []
            continue
        out.extend(pending_markers)
        pending_markers = []
        out.append(piece)
    out.extend(pending_markers)
    return out, repairs


@dataclass(frozen=True)
class FrontMatter:
    """The headline and what the front matter says: publication, authors, dating lines."""

    title: str
    publication: str
    authors: tuple[str, ...]
    #: front-matter lines and bylines, where a report's own dating is written
    dating: tuple[str, ...]
    #: the date written in the front matter (a posting or page date) and the page it names
    published: dt.date | None = None
    page: str = ""


def front_matter(pieces: list[Piece]) -> FrontMatter:
    """The headline (its lines joined by a space) and the details of the front matter."""
    publication = ""
    authors: list[str] = []
    published: dt.date | None = None
    page = ""
    for piece in pieces:
        if piece.kind == "front":
            details = front_details(piece.text)
            publication = publication or details.publication
            authors += [a for a in details.authors if a not in authors]
            published = published or details.published
            page = page or details.page
    title = " ".join(p.text for p in pieces if p.kind == "title")
    dating = tuple(p.text for p in pieces if p.kind in ("front", "byline"))
    return FrontMatter(title, publication, tuple(authors), dating, published, page)
