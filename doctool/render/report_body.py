"""What the report part of a brief says about its text, decided without editing the text.

Who says a statement is shown only where the text does not already say it; the reporter's
lines carry no speaker; a speaker the text gives no title is shown as such (or with the title
a person entry of the glossary gives); a part that jumps from another page is labelled as
continued from it; and a report that is not whole is called an excerpt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from doctool.model import Block, Content, Lang, Section, Speaker, Text

if TYPE_CHECKING:
    from doctool.glossary.terms import Term

#: the page a jump comes from: <<上接1版, 上接第2版
_FROM_PAGE = re.compile(r"上接第?\s*(\d+)\s*版")
#: a report that says it is not whole: 摘要, 节选, 摘编 in its headline or a heading
_EXCERPT_WORDS = re.compile(r"摘要|节选|摘编|摘登|（摘）|\(摘\)")
#: how a sentence ends when the report was not cut off mid-sentence
_FINAL = tuple("。！？…”’）》」』.!?\"')")
#: notes of a person entry that say what part they play in a report, not their title
_ROLE_NOTES = frozenset({"", "speaker", "reporter", "person", "name", "official"})


def source_paragraphs(section: Section) -> Iterator[tuple[Block, ...]]:
    """The section's blocks grouped by the source paragraph they come from (see Block.runs_on)."""
    group: list[Block] = []
    for block in section.blocks:
        if group and not block.runs_on:
            yield tuple(group)
            group = []
        group.append(block)
    if group:
        yield tuple(group)


def names_speaker(blocks: Sequence[Block], speaker: Speaker, lang: Lang) -> bool:
    """True when the text of ``blocks`` as shown in ``lang`` already names ``speaker``.

    The English pack shows an untranslated sentence in Chinese, so there the Chinese name counts.
    """
    shown = "".join(
        s.zh if lang == "zh" or s.origin == "none" or not s.en.strip() else s.en
        for block in blocks for s in block.segments
    )
    names = (speaker.name.zh,) if lang == "zh" else (speaker.name.en, speaker.name.zh)
    return any(name and name in shown for name in names)


def continued_from(content: Content, part: int) -> int | None:
    """The page that part ``part`` jumps from (上接1版 -> 1), None when its marker names none."""
    marker = next((p.marker for p in content.meeting.parts if p.number == part), None)
    found = _FROM_PAGE.search(marker or "")
    return int(found.group(1)) if found else None


def is_excerpt(content: Content) -> bool:
    """True when the source is not the whole report: it says so, is cut off, or a jump's start is missing.

    A part that jumps from another page (上接1版) is whole only when the text before it runs
    on into it: after a byline the article before it ended, so the jump's beginning is not in
    the source.
    """
    headings = [content.meeting.title.zh] + [
        s.heading.zh for s in content.sections if s.heading is not None
    ]
    if any(_EXCERPT_WORDS.search(h) for h in headings):
        return True
    last = next((b for s in reversed(content.sections) for b in reversed(s.blocks)
                 if b.kind in ("paragraph", "statement")), None)
    if last is not None and not last.text("zh").rstrip().endswith(_FINAL):
        return True
    previous: Block | None = None
    part = 1
    for section in content.sections:
        if section.part != part:
            part = section.part
            jumped = continued_from(content, part) is not None
            if jumped and (previous is None or previous.kind == "byline"):
                return True
        if section.blocks:
            previous = section.blocks[-1]
    return False


def glossary_title(speaker: Speaker, terms: Sequence[Term]) -> Text:
    """The title a person entry of the glossary gives ``speaker`` ("Chinese / English" or one)."""
    for term in terms:
        if term.kind != "person" or term.zh != speaker.name.zh:
            continue
        note = term.note.strip()
        if note.casefold() in _ROLE_NOTES:
            return Text("")
        zh, _, en = note.partition(" / ")
        if not en and not re.search(r"[\u4e00-\u9fff]", zh):
            zh, en = "", zh
        return Text(zh.strip(), en.strip())
    return Text("")
