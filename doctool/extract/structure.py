"""Lines of a report to its parts: title, headings, paragraphs, captions, bylines, markers.

Newspaper text often breaks a paragraph mid-sentence at a column or page break. A paragraph
line that ends without sentence-final punctuation is joined to the next paragraph line, unless
it is a title, heading, caption or byline; nothing else is ever joined.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, replace
from typing import Literal

from doctool.cjk import HAN, has_han
from doctool.extract.reader import Line
from doctool.extract.sentences import CLOSERS

LineKind = Literal["title", "heading", "paragraph", "caption", "byline", "marker"]

_FINAL = "。！？；…!?;"
#: continuation markers: <<上接1版, （下转第3版）, 紧转第2版, 转第4版
MARKER = re.compile(
    r"[<＜《«]{0,2}\s*[（(]?\s*(?P<kind>上接|下转|紧转|紧接|接|转)\s*第?\s*[0-9０-９一二三四五六七八九十]+\s*版"
    r"\s*[）)]?\s*[>＞》»]{0,2}"
)
_WHOLE_MARKER = re.compile(rf"^(?:{MARKER.pattern})$")
#: a byline: an optional publication, then 记者 and two-to-four-character names
BYLINE = re.compile(
    r"^[（(]?(?P<pub>[^，。；：:]{0,30}?)(?:本报)?(?:首席)?记者\s*[:：]?\s*"
    rf"(?P<names>[{HAN}]{{2,4}}(?:[\s、，,]+[{HAN}]{{2,4}})*)"
    rf"(?:\s*(?:通讯员|实习生)\s*[{HAN}]{{2,4}}(?:[\s、，,]+[{HAN}]{{2,4}})*)*"
    r"\s*[）)]?$"
)
_ROLES = frozenset({"通讯员", "实习生", "记者", "摄影", "摄"})
_CAPTION_START = re.compile(r"^(?:图为|图[:：]|图片[:：]|上图|下图|左图|右图|▲|△|■图)")
_CAPTION_INNER = re.compile(r"[。，]图为")
_CAPTION_END = re.compile(r"(?:摄|供图|图片来源[^。]*)\s*[）)]?。?$")
_NUMBERED_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|■|●|◆|▶|【)")
_INNER_PUNCT = re.compile(r"[。！？；，：,;:]")
#: a first line longer than this is text, not a headline (a report saved without line breaks)
MAX_TITLE = 100


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
    return bool(BYLINE.match(text) or _DATELINE.fullmatch(text))


def byline_parts(text: str) -> tuple[str, list[str]]:
    """The publication and reporters' names of a byline (reporters only, not correspondents)."""
    match = BYLINE.match(text)
    if not match:
        dateline = _DATELINE.fullmatch(text)
        if not dateline:
            return "", []
        inner = re.split(r"记者", text, maxsplit=1)[1]
        names = [n for n in re.split(r"[\s、，,（）()]+", inner) if n and n not in _ROLES]
        return "", names
    pub = match.group("pub").strip(" -—－")
    tail = text[match.start("names"):]
    names = [n for n in re.split(r"[\s、，,（）()]+", tail) if n and n not in _ROLES]
    return pub, names


def _is_heading(text: str) -> bool:
    if ends_sentence(text) or not has_han(text) or text.endswith(("：", ":", "，", "、")):
        return False
    if _NUMBERED_HEADING.match(text):
        return len(text) <= 60
    return len(text) <= 40 and not _INNER_PUNCT.search(text)


def _is_caption(text: str, gap_before: int, usual_gap: int) -> bool:
    if _CAPTION_START.match(text) or _CAPTION_END.search(text):
        return len(text) <= 200
    inner = _CAPTION_INNER.search(text)
    if inner and len(text) <= 120 and len(re.findall(r"[。！？]", text[: inner.start()])) <= 1:
        return True
    # a photo leaves a wider gap in the text than between paragraphs; its caption is one sentence
    sentences = [s for s in re.split(r"[。！？]", text) if s]
    return gap_before > usual_gap and len(sentences) == 1 and len(text) <= 80 and ends_sentence(text)


def _is_scene_before_heading(text: str, following: list[Line]) -> bool:
    """A one-sentence description right before a heading is a photo caption."""
    if not following or not _is_heading(following[0].text):
        return False
    sentences = [s for s in re.split(r"[。！？]", text) if s]
    return (
        len(sentences) == 1 and len(text) <= 60 and ends_sentence(text)
        and not re.search(r"要|将|强调|指出|表示|提出|会议", text)
    )


def classify(lines: list[Line]) -> list[Piece]:
    """Give each line its kind; the first line is the title."""
    gaps = [line.gap_before for line in lines[1:]]
    usual_gap = statistics.mode(gaps) if gaps else 1
    pieces: list[Piece] = []
    for index, line in enumerate(lines):
        text = line.text
        marker = _WHOLE_MARKER.match(text)
        if index == 0 and not marker and len(text) <= MAX_TITLE:
            kind: LineKind = "title"
        elif marker:
            kind = "marker"
        elif is_byline(text):
            kind = "byline"
        elif index > 0 and (
            _is_caption(text, line.gap_before, usual_gap)
            or _is_scene_before_heading(text, lines[index + 1 :])
        ):
            kind = "caption"
        elif _is_heading(text):
            kind = "heading"
        else:
            kind = "paragraph"
        pieces.append(
            Piece(kind, text, line.number, line.gap_before, marker.group("kind") if marker else "")
        )
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


_DATELINE = re.compile(
    r"^(?P<line>(?:[^，。（(]{0,30}?电)?\s*[（(](?:本报)?(?:首席)?记者\s*"
    rf"[{HAN}]{{2,4}}(?:[\s、，,]+(?:通讯员\s*)?[{HAN}]{{2,4}})*\s*[）)])"
)


def split_datelines(pieces: list[Piece]) -> list[Piece]:
    """Split a dateline byline (本报X月X日电（记者 张三）) off the paragraph it opens."""
    out: list[Piece] = []
    for piece in pieces:
        match = _DATELINE.match(piece.text) if piece.kind == "paragraph" else None
        if match and match.end() < len(piece.text):
            out.append(Piece("byline", match.group("line"), piece.number, piece.gap_before))
            out.append(replace(piece, text=piece.text[match.end():].lstrip()))
        else:
            out.append(piece)
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
