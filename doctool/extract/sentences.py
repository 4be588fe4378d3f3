"""Splitting a paragraph into sentences (segments).

Sentences end at 。！？； and at …… where it ends a sentence. Closing quotes and brackets stay
with the sentence they close, and nothing inside quotation marks or brackets is ever split;
a quotation mark or bracket that is never closed does not count. A "sentence" longer than
MAX_SENTENCE characters (text without full stops) is cut after a comma, or at the limit: every
later stage works sentence by sentence, and one sentence of a whole report would make them slow.
"""

from __future__ import annotations

OPENERS = "“‘（(《「『【〔［[〈"
CLOSERS = "”’）)》」』】〕］]〉"
FINAL = "。！？；!?"
# after an ellipsis, these show the sentence goes on
_CONTINUES = "，、：；。！？,;:" + CLOSERS + "等"
#: the longest segment; the longest real sentence in the sample report is under 200 characters
MAX_SENTENCE = 500
#: where an overlong sentence is best cut
_SOFT_BREAKS = "，、：；,;:"


def _unclosed(paragraph: str) -> set[int]:
    """Positions of opening marks that nothing after them closes."""
    open_at: list[int] = []
    for index, ch in enumerate(paragraph):
        if ch in OPENERS:
            open_at.append(index)
        elif ch in CLOSERS and open_at:
            open_at.pop()
    return set(open_at)


def _cap(sentence: str) -> list[str]:
    """``sentence`` in pieces of at most MAX_SENTENCE characters, cut after a comma if there is one."""
    pieces: list[str] = []
    while len(sentence) > MAX_SENTENCE:
        window = sentence[MAX_SENTENCE // 2 : MAX_SENTENCE]
        soft = max(window.rfind(mark) for mark in _SOFT_BREAKS)
        cut = MAX_SENTENCE // 2 + soft + 1 if soft >= 0 else MAX_SENTENCE
        pieces.append(sentence[:cut])
        sentence = sentence[cut:]
    return [*pieces, sentence] if sentence else pieces


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of ``paragraph``, in order; joined they give back the paragraph."""
    sentences: list[str] = []
    unclosed = _unclosed(paragraph)
    start = 0
    depth = 0
    i = 0
    n = len(paragraph)
    while i < n:
        ch = paragraph[i]
        if ch in OPENERS and i not in unclosed:
            depth += 1
        elif ch in CLOSERS:
            depth = max(0, depth - 1)
        end = -1
        if depth == 0 and ch in FINAL:
            end = i + 1
        elif depth == 0 and paragraph.startswith("……", i):
            after = i + 2
            if after >= n or paragraph[after] not in _CONTINUES:
                end = after
            else:
                i = after
                continue
        if end > 0:
            # closing marks that follow the stop belong to this sentence
            while end < n and paragraph[end] in CLOSERS + FINAL:
                end += 1
            sentences.append(paragraph[start:end])
            start = i = end
            continue
        i += 1
    if start < n:
        tail = paragraph[start:]
        if tail.strip():
            sentences.append(tail)
        elif sentences:
            sentences[-1] += tail
    return [piece for sentence in sentences for piece in _cap(sentence)]
