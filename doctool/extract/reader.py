"""Reading a source report: bytes to clean lines, whatever the encoding or line endings.

The same article saved as UTF-8, UTF-8 with BOM, UTF-16 with BOM or GB18030, with LF, CRLF
or CR line endings, gives the same lines. Files that are not a Chinese text report are refused
with an :class:`InputError` that says what to do.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from doctool.cjk import HAN, has_han
from doctool.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# characters that carry no text: zero-width marks, soft hyphen, BOMs left inside the text
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\u00ad\ufeff]")
# C0/C1 controls other than tab and newline never belong in a report
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile("[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_HTML_HINT = re.compile(r"<\s*(?:!doctype|html|body|p|div|br|head)\b", re.IGNORECASE)
#: the largest source doctool reads. A meeting report is a few tens of kilobytes (the sample is
#: 13 KB) and its pack takes about a minute to build per megabyte, so a larger file is not one
#: report: refusing it at once beats minutes of work on the wrong input
MAX_SOURCE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Line:
    """A non-blank line of the source, with how many blank lines preceded it."""

    text: str
    number: int
    gap_before: int


def decode(data: bytes, name: str = "input") -> str:
    """Decode a report's bytes: BOM first, then UTF-8, then GB18030; refuse anything else."""
    if not data.strip():
        raise InputError(f"{name} is empty; give the path of a report with text in it")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(
                    f"{name} starts with a {encoding} byte-order mark but is not valid {encoding}; "
                    "re-save it as UTF-8"
                ) from None
    if b"\x00" in data:
        raise InputError(f"{name} is binary data, not text; give a plain-text report (.txt)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            raise InputError(
                f"{name} ends in the middle of a character (truncated UTF-8); "
                "copy or download the file again"
            ) from None
        if _mostly_utf8(data):
            raise InputError(
                f"{name} has invalid UTF-8 at byte {exc.start}; re-save the file as UTF-8"
            ) from None
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(
            f"{name} is neither UTF-8, UTF-16 nor GB18030 text; re-save it as UTF-8"
        ) from None


def _mostly_utf8(data: bytes) -> bool:
    """True when most multi-byte sequences are valid UTF-8 (so GB18030 is not the answer)."""
    good = len(data.decode("utf-8", errors="ignore").encode("utf-8"))
    return good > 0.9 * len(data)


class _TextOfHtml(HTMLParser):
    """Collects the visible article text of an HTML page, one paragraph per block element.

    Scripts, styles, forms and page chrome (navigation, footers, share bars: by element, or by
    a class or id that names them) are skipped. The page's ``<title>`` usually carries the site
    name too, so it is the headline only when the page has no ``<h1>``.
    """

    _BLOCKS = frozenset({
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "td", "th",
        "section", "article", "header", "figcaption", "blockquote", "dd", "dt",
    })
    _SKIP = frozenset({"script", "style", "noscript", "template", "nav", "footer", "aside",
                       "form", "select", "button", "iframe", "svg"})
    # elements that never have an end tag, so they can never start a skipped stretch
    _VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
                       "meta", "source", "track", "wbr"})
    _CHROME = re.compile(
        r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|footer|copyright|share|sidebar)"
        r"(?:$|[\s_-])",
        re.IGNORECASE,
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.has_h1 = False
        self._in_title = False
        # the element whose content is being skipped, and how deep inside same-named ones we are
        self._skip: tuple[str, int] | None = None

    def _chrome(self, attrs: list[tuple[str, str | None]]) -> bool:
        return any(name in ("class", "id") and value and self._CHROME.search(value)
                   for name, value in attrs)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip is not None:
            if tag == self._skip[0]:
                self._skip = (tag, self._skip[1] + 1)
            return
        if tag not in self._VOID and (tag in self._SKIP or self._chrome(attrs)):
            self._skip = (tag, 1)
        elif tag == "title":
            self._in_title = True
        elif tag in self._BLOCKS:
            self.has_h1 = self.has_h1 or tag == "h1"
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._skip is not None:
            if tag == self._skip[0]:
                depth = self._skip[1] - 1
                self._skip = (tag, depth) if depth else None
            return
        if tag == "title":
            self._in_title = False
        elif tag in self._BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip is not None:
            return
        (self.title if self._in_title else self.parts).append(data.replace("\n", " "))


#: a web page's publishing details (来源：… 发布时间：…), which are not part of the report
_PAGE_META = re.compile(r"(?:来源|稿源|发布时间|发布日期|责任编辑|编辑|字号|浏览次数|点击数)\s*[:：]")


def html_to_text(text: str) -> str:
    """The visible text of an HTML page, one block element a paragraph, blank lines between.

    Every paragraph is separated by exactly one blank line: the spacing of HTML source says
    nothing about the layout (a wider gap in a text report can mark a photo caption).
    """
    parser = _TextOfHtml()
    parser.feed(text)
    parser.close()
    lines = "".join(parser.parts).split("\n")
    if not parser.has_h1:
        lines.insert(0, "".join(parser.title))
    kept = (line.strip() for line in lines)
    return "\n\n".join(line for line in kept if line and not _PAGE_META.match(line))


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page saved as text rather than a plain report."""
    head = text.lstrip()[:2000]
    return bool(_HTML_HINT.search(head)) and head.startswith("<")


#: ASCII punctuation that Chinese text means in its full-width form (web copies often carry it)
FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"})
_CHINESE = re.compile(f"[{HAN}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2018-\u201d\u2026]")
_ASCII_MARKS = re.compile(r" ?[,;:?!()]+ ?")
_BRACKETS = re.compile(r"[()（）]")
_ENTITY_END = re.compile(r"&#?\w+$")


def _pair_brackets(line: str) -> str:
    """Make each pair of brackets one width: （2020年 01版) becomes （2020年 01版）."""
    chars = list(line)
    stack: list[int] = []
    for match in _BRACKETS.finditer(line):
        index = match.start()
        if line[index] in "(（":
            stack.append(index)
        elif stack:
            opening = stack.pop()
            if "（" in (chars[opening], chars[index]) or "）" in (chars[opening], chars[index]):
                chars[opening], chars[index] = "（", "）"
    return "".join(chars)


def full_width_punctuation(line: str) -> str:
    """ASCII ``, ; : ? ! ( )`` next to Chinese as the full-width marks they stand for.

    A mark between Latin letters or digits stays as it is (``07:37``, ``1,160``, ``A,B``); the
    spaces around a mark that becomes full-width go, since full-width marks never take them.
    """
    if not any(mark in line for mark in ",;:?!()"):
        return line

    def widen(match: re.Match[str]) -> str:
        if match.group(0).strip() == ";" and _ENTITY_END.search(line, 0, match.start()):
            return match.group(0)  # the end of a literal entity such as &amp; is not a mark
        before = line[match.start() - 1] if match.start() else ""
        after = line[match.end()] if match.end() < len(line) else ""
        if _CHINESE.match(before) or _CHINESE.match(after):
            return match.group(0).strip(" ").translate(FULL_WIDTH)
        return match.group(0)

    return _pair_brackets(_ASCII_MARKS.sub(widen, line))


def normalize(text: str) -> str:
    """NFC, LF line endings, no invisible or control characters, single half-width spaces.

    ASCII punctuation in Chinese text is read as its full-width form (:func:`full_width_punctuation`),
    so that every later stage sees one set of marks.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(full_width_punctuation(line) for line in lines)


def lines_of(text: str) -> list[Line]:
    """The non-blank lines of normalised text, each with the number of blank lines before it."""
    lines: list[Line] = []
    gap = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw:
            gap += 1
            continue
        lines.append(Line(raw, number, gap))
        gap = 0
    return lines


def _too_large(name: str, size: int | None = None) -> InputError:
    limit = f"the {MAX_SOURCE_BYTES // 1024 // 1024} MB doctool reads"
    said = f"is {size / 1024 / 1024:.1f} MB, more than {limit}" if size else f"holds more than {limit}"
    return InputError(
        f"{name} {said}; a meeting report is a few tens of KB, so split the file into one "
        "file per report"
    )


def read_text(data: bytes, name: str = "input") -> str:
    """Bytes of a report to normalised text; refuses empty, binary, huge and non-Chinese input."""
    if len(data) > MAX_SOURCE_BYTES:
        raise _too_large(name)
    text = decode(data, name)
    # GB18030 decodes almost any byte string, so binary data shows itself by its controls
    controls = len(_CONTROL.findall(text.replace("\r", "").replace("\f", "")))
    if controls > max(2, len(text) // 200):
        raise InputError(f"{name} is binary data, not text; give a plain-text report (.txt)")
    if looks_like_html(text):
        text = html_to_text(text)
    text = normalize(text)
    if not text.strip():
        raise InputError(f"{name} holds only blank space; give a report with text in it")
    if not has_han(text):
        raise InputError(
            f"{name} has no Chinese text; doctool reads Chinese reports of meetings"
        )
    return text


def read_source(path: Path) -> str:
    """Read a report file into normalised text, refusing what cannot be a report."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file; check the path")
    if path.is_dir():
        raise InputError(f"{path} is a folder; give the path of a report file")
    try:
        size = path.stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise _too_large(str(path), size)
        # read no more than the limit allows: a device or a pipe has no size to check first
        with path.open("rb") as handle:
            data = handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror}); check its permissions") from None
    return read_text(data, str(path))
