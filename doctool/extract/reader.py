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

from doctool.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\U00020000-\U0003134f]")
# characters that carry no text: zero-width marks, soft hyphen, BOMs left inside the text
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\u00ad\ufeff]")
# C0/C1 controls other than tab and newline never belong in a report
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile("[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_HTML_HINT = re.compile(r"<\s*(?:!doctype|html|body|p|div|br|head)\b", re.IGNORECASE)


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
    """Collects the visible text of an HTML page, one paragraph per block element."""

    _BLOCKS = frozenset({
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "title",
        "section", "article", "header", "footer", "figcaption",
    })
    _SKIP = frozenset({"script", "style", "noscript", "template"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self._BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data.replace("\n", " "))


def html_to_text(text: str) -> str:
    """The visible text of an HTML page, block elements separated by blank lines."""
    parser = _TextOfHtml()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page saved as text rather than a plain report."""
    head = text.lstrip()[:2000]
    return bool(_HTML_HINT.search(head)) and head.startswith("<")


def normalize(text: str) -> str:
    """NFC, LF line endings, no invisible or control characters, single half-width spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


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


def read_text(data: bytes, name: str = "input") -> str:
    """Bytes of a report to normalised text; refuses empty, binary and non-Chinese input."""
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
    if not _CJK.search(text):
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
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror}); check its permissions") from None
    return read_text(data, str(path))
