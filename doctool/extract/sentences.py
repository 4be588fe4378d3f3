"""Splitting a paragraph into sentences (segments).

Sentences end at 。！？； and at …… where it ends a sentence. Closing quotes and brackets stay
with the sentence they close, and nothing inside quotation marks or brackets is ever split.
"""

from __future__ import annotations

OPENERS = "“‘（(《「『【〔［[〈"
CLOSERS = "”’）)》」』】〕］]〉"
FINAL = "。！？；!?"
# after an ellipsis, these show the sentence goes on
_CONTINUES = "，、：；。！？,;:" + CLOSERS + "等"


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of ``paragraph``, in order; joined they give back the paragraph."""
    sentences: list[str] = []
    start = 0
    depth = 0
    i = 0
    n = len(paragraph)
    while i < n:
        ch = paragraph[i]
        if ch in OPENERS:
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
    return sentences
