"""Protecting glossary terms and numbers from machine translation.

Before MT each glossary term (longest match first) becomes a token ``⟦T1⟧`` and each number a
token ``⟦N1⟧``; after MT the tokens are replaced by the approved English. The brackets are
U+27E6/U+27E7 because argostranslate's decoder turns ``_`` into spaces, so ``__TERM_1__`` does
not survive it, while ``⟦T1⟧`` does.

Models do not always respect tokens: they drop them, repeat them or mangle them (``[T1]``,
``T1``). Then the text between the tokens is translated piece by piece and the pieces are put
together around the approved renderings, so every glossary term of the source is in the output
whatever the model does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from doctool.cjk import has_han
from doctool.errors import ModelError
from doctool.glossary.matcher import TermMatcher
from doctool.translate.engines import Engine
from doctool.translate.numbers_en import find_quantities

OPEN, CLOSE = "⟦", "⟧"
TOKEN = re.compile(r"⟦([TN])(\d+)⟧")
# the same token with spaces the model put inside the brackets: unambiguous, so repaired
_SPACED_TOKEN = re.compile(r"⟦\s*([TN])\s*(\d+)\s*⟧")
_BRACKETS = re.compile(r"[⟦⟧]")
#: what a token looks like once a model has stripped or swapped its brackets: T1, [N2]
DAMAGED_TOKEN = re.compile(r"(?<![A-Za-z0-9])[TN]\d{1,3}(?![A-Za-z0-9])")

#: Chinese punctuation in English, for stretches between tokens that hold nothing else
PUNCTUATION = {
    "，": ",", "、": ",", "。": ".", "；": ";", "：": ":", "！": "!", "？": "?",
    "（": "(", "）": ")", "《": "", "》": "", "〈": "", "〉": "", "【": "[", "】": "]",
    "……": "...", "…": "...", "——": "—", "－": "-", "～": "-", "　": " ",
}
_SENTENCE_END = ("。", "！", "？", ".", "!", "?", "”", "…")
_NO_SPACE_BEFORE = ",.;:!?)]}%”’—"
_NO_SPACE_AFTER = "([{“‘—"


@dataclass(frozen=True)
class Mask:
    """A protected stretch of the source: its token, the Chinese it stands for, its English."""

    token: str
    zh: str
    en: str


@dataclass(frozen=True)
class Masked:
    """A source text with its terms and numbers replaced by tokens.

    ``pieces`` is the source cut at the masks: plain Chinese strings and Mask values in order.
    """

    source: str
    text: str
    pieces: tuple[str | Mask, ...]

    @property
    def masks(self) -> tuple[Mask, ...]:
        """The masks in source order."""
        return tuple(p for p in self.pieces if isinstance(p, Mask))

    @property
    def needs_mt(self) -> bool:
        """True when some stretch outside the masks has Chinese left to translate."""
        return any(isinstance(p, str) and has_han(p) for p in self.pieces)


def mask(text: str, matcher: TermMatcher | None = None, *, numbers: bool = True) -> Masked:
    """``text`` with glossary terms found by ``matcher`` and (if ``numbers``) numbers masked."""
    # a source that already holds the token brackets must not be mistaken for tokens
    text = text.replace(OPEN, "〚").replace(CLOSE, "〛")
    spans: list[tuple[int, int, str, str]] = []
    if matcher is not None:
        spans = [(m.start, m.end, "T", m.term.en) for m in matcher.find(text) if m.term.en]
    if numbers:
        for q in find_quantities(text):
            if not any(s < q.end and q.start < e for s, e, _, _ in spans):
                spans.append((q.start, q.end, "N", q.en))
    spans.sort()
    pieces: list[str | Mask] = []
    out: list[str] = []
    counts = {"T": 0, "N": 0}
    pos = 0
    for start, end, kind, en in spans:
        if start > pos:
            pieces.append(text[pos:start])
            out.append(text[pos:start])
        counts[kind] += 1
        token = f"{OPEN}{kind}{counts[kind]}{CLOSE}"
        pieces.append(Mask(token, text[start:end], en))
        out.append(token)
        pos = end
    if pos < len(text):
        pieces.append(text[pos:])
        out.append(text[pos:])
    return Masked(text, "".join(out), tuple(pieces))


def unmask(masked: Masked, translated: str) -> str | None:
    """The MT output with its tokens replaced by the approved English.

    None when the output lost, repeated or mangled a token: then the caller falls back to
    translating the pieces between the masks (:func:`assemble`).
    """
    translated = _SPACED_TOKEN.sub(lambda m: f"{OPEN}{m[1]}{m[2]}{CLOSE}", translated)
    expected = {m.token: m.en for m in masked.masks}
    found = [m[0] for m in TOKEN.finditer(translated)]
    if sorted(found) != sorted(expected):
        return None
    rest = TOKEN.sub("", translated)
    # a token that lost its brackets ("T1", "[T1]") may stand beside an intact copy
    if _BRACKETS.search(rest) or DAMAGED_TOKEN.search(rest):
        return None
    return tidy(TOKEN.sub(lambda m: _spaced(m, expected[m[0]]), translated))


def _spaced(token: re.Match[str], en: str) -> str:
    """``en`` for ``token``, with a space where it would otherwise run into a word or token."""
    text = token.string
    before = text[token.start() - 1] if token.start() else ""
    after = text[token.end()] if token.end() < len(text) else ""
    if en[:1].isalnum() and (_is_word_char(before) or before == CLOSE):
        en = " " + en
    if en[-1:].isalnum() and _is_word_char(after):
        en += " "
    return en


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def stretches(masked: Masked) -> list[str]:
    """The pieces of ``masked`` that need machine translation, in order."""
    return [p for p in masked.pieces if isinstance(p, str) and has_han(p)]


def assemble(masked: Masked, translations: Sequence[str]) -> str:
    """The English put together from translated stretches and the masks' approved English.

    ``translations`` holds one entry for each of :func:`stretches`, in order. When a stretch
    came back empty the result is empty too: a sentence with holes is not a translation.
    """
    parts: list[str] = []
    given = iter(translations)
    for piece in masked.pieces:
        if isinstance(piece, Mask):
            parts.append(piece.en)
        elif has_han(piece):
            english = _BRACKETS.sub("", next(given, "")).strip()
            if not english:
                return ""
            if english.endswith(".") and not piece.rstrip().endswith(_SENTENCE_END):
                # models end every fragment as a sentence; mid-sentence that full stop is wrong
                english = english[:-1].rstrip()
            parts.append(english)
        else:
            parts.append(punctuation_en(piece))
    return tidy(join_words(parts))


def punctuation_en(text: str) -> str:
    """Chinese punctuation in ``text`` as its English counterpart."""
    for zh in sorted(PUNCTUATION, key=len, reverse=True):
        text = text.replace(zh, PUNCTUATION[zh])
    return text


def join_words(parts: Sequence[str]) -> str:
    """English fragments joined with single spaces, none before closing punctuation."""
    out = ""
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if out and part[0] not in _NO_SPACE_BEFORE and out[-1] not in _NO_SPACE_AFTER:
            out += " "
        out += part
    return out


def tidy(text: str) -> str:
    """MT output cleaned up: spaces collapsed, none before punctuation, first letter capital."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r" ([,.;:!?%])", r"\1", text)
    if text[:1].islower():
        text = text[:1].upper() + text[1:]
    return text


def translate_masked(
    texts: Sequence[str], engine: Engine, matcher: TermMatcher | None = None
) -> list[str]:
    """English for ``texts`` from ``engine`` with terms and numbers protected.

    One engine call for all texts that need it, and one more for the pieces of those whose
    tokens did not survive. An empty string means the engine gave nothing usable.
    """
    masked = [mask(text, matcher) for text in texts]
    results: list[str | None] = [None] * len(texts)
    todo = [i for i, m in enumerate(masked) if m.needs_mt]
    for i, m in enumerate(masked):
        if not m.needs_mt:
            results[i] = assemble(m, [])
    outputs = _call(engine, [masked[i].text for i in todo])
    retry: list[int] = []
    for i, output in zip(todo, outputs, strict=True):
        results[i] = unmask(masked[i], output)
        if results[i] is None:
            retry.append(i)
    if retry:
        pieces = [stretches(masked[i]) for i in retry]
        flat = _call(engine, [p for group in pieces for p in group])
        pos = 0
        for i, group in zip(retry, pieces, strict=True):
            results[i] = assemble(masked[i], flat[pos:pos + len(group)])
            pos += len(group)
    return [r or "" for r in results]


def _call(engine: Engine, texts: list[str]) -> list[str]:
    if not texts:
        return []
    out = list(engine.translate(texts))
    if len(out) != len(texts):
        raise ModelError(
            f"the {engine.name} engine returned {len(out)} translations for {len(texts)} texts; "
            "reinstall the model with doctool models install"
        )
    return out
