"""Line breaking for mixed Chinese and Latin text that follows the kinsoku rules.

Chinese text may break between any two characters, except that no line may start with closing
punctuation (，。、；：？！）》」』】”’％·…— and the like) and no line may end with an opening
bracket or quote (（《「『【“‘). Latin words and numbers (``GDP``, ``8.5%``, ``1,000``) are
never split unless one alone is wider than the line.

A violation is resolved by *oidashi*: the character before the offending break moves down to
the next line with it, so a line ends one character early. The alternative, *oikomi*, pulls the
punctuation up into a line that is already full, which needs either glyphs compressed below
their advance width or punctuation hanging into the margin; both make lines wider than the
measure a caller gave us. Oidashi keeps every line inside the width and the small gap it leaves
is taken up by justification.

A paragraph's last line of one character (孤字) is mended by
:mod:`doctool.render.lone_lines`.

Pure functions only: the caller supplies the width of a piece of text, so this module knows
nothing about fonts or PDF.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Sequence
from typing import NamedTuple

from doctool.cjk import HAN_CHAR
from doctool.render.lone_lines import mend_last_line

#: characters that may not begin a line (closing punctuation, pauses, dashes, ellipses)
NO_LINE_START = frozenset(
    "，。、；：？！）》」』】〉〕］｝〗〙〛〞”’％‰·・…‥—–―～〜ー"
    "﹐﹑﹒﹔﹕﹖﹗﹚﹜﹞︶︸︺︼︾﹀﹂﹄"
    ",.;:?!)]}%"
)

#: characters that may not end a line (opening brackets and quotes)
NO_LINE_END = frozenset("（《「『【〈〔［｛〖〘〚〝“‘﹙﹛﹝︵︷︹︻︽︿﹁﹃([{")

#: punctuation that is part of a Latin word when it touches one ("China’s", “GDP”, 2—3) and a
#: stand-alone punctuation mark between Chinese characters (“满天星”, ——, ……)
_SHARED_PUNCTUATION = frozenset("“”‘’—–―…·")

#: spaces at which a line may break; the space itself is dropped at the break. No-break space,
#: figure space and narrow no-break space are deliberately absent, and so is the ideographic
#: space U+3000, which is a Chinese character (paragraph indents are written with it).
BREAKING_SPACES = frozenset(" \t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f")

#: what stands alone besides the Han ideographs (doctool.cjk)
_CJK_RANGES: tuple[tuple[int, int], ...] = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK and Kangxi radicals
    (0x2FF0, 0x303F),  # ideographic description, CJK symbols and punctuation
    (0x3040, 0x31FF),  # kana, bopomofo, CJK strokes
    (0x3200, 0x33FF),  # enclosed CJK letters and months, CJK compatibility
    (0xA960, 0xA97F),  # Hangul Jamo Extended-A
    (0xAC00, 0xD7FF),  # Hangul syllables
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE6F),  # CJK compatibility forms, small form variants
    (0xFF00, 0xFFEF),  # half-width and full-width forms
    (0x1F000, 0x1FAFF),  # emoji and pictographs: each stands alone like an ideograph
)


# cached: it is asked about every character of every line, and a text uses few distinct ones
@functools.cache
def is_cjk(char: str) -> bool:
    """True for a character that stands alone in line breaking: ideographs, CJK punctuation, kana."""
    if HAN_CHAR.match(char):
        return True
    code = ord(char)
    return any(lo <= code <= hi for lo, hi in _CJK_RANGES)


# cached for the same reason as is_cjk
@functools.cache
def _attaches_to_previous(char: str) -> bool:
    """Combining marks, variation selectors and joiners belong to the character before them."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me")
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or code == 0x200D
    )


class _Cluster(NamedTuple):
    """One unit that is never split: a character with any marks that belong to it."""

    start: int
    end: int
    space: bool
    #: index of the word (atom) this cluster belongs to; clusters of one word never part
    atom: int


def _clusters(text: str) -> list[_Cluster]:
    """Split ``text`` into clusters and group them into atoms (Latin words or single CJK units)."""
    # first pass: character clusters; most texts have no marks or joiners at all
    spans: list[tuple[int, int]]
    if "\u200d" not in text and not any(map(_attaches_to_previous, text)):
        spans = [(i, i + 1) for i in range(len(text))]
    else:
        spans = []
        for i, char in enumerate(text):
            joined = spans and (_attaches_to_previous(char) or (i > 0 and ord(text[i - 1]) == 0x200D))
            if joined:
                spans[-1] = (spans[-1][0], i + 1)
            else:
                spans.append((i, i + 1))

    # second pass: atoms. A run of clusters that are neither spaces nor CJK is one Latin word,
    # unless it holds no letter or digit and is made only of shared punctuation (“ — …), in
    # which case every mark stands alone, as it does between Chinese characters.
    clusters: list[_Cluster] = []
    atom = -1
    run: list[tuple[int, int]] = []

    def flush() -> None:
        nonlocal atom
        run_text = text[run[0][0] : run[-1][1]]
        alone = all(c in _SHARED_PUNCTUATION for c in run_text)
        if not alone:
            atom += 1
        for start, end in run:
            if alone:
                atom += 1
            clusters.append(_Cluster(start, end, False, atom))
        run.clear()

    for start, end in spans:
        head = text[start]
        if head in BREAKING_SPACES:
            if run:
                flush()
            atom += 1
            clusters.append(_Cluster(start, end, True, atom))
        elif is_cjk(head):
            if run:
                flush()
            atom += 1
            clusters.append(_Cluster(start, end, False, atom))
        else:
            run.append((start, end))
    if run:
        flush()
    return clusters


def _good_breaks(text: str, clusters: Sequence[_Cluster]) -> list[bool]:
    """``good[k]``: a line may break before cluster ``k`` without breaking any rule."""
    n = len(clusters)
    good = [False] * (n + 1)
    # the nearest non-space cluster after each position, for rules that look across spaces
    next_solid: list[int | None] = [None] * (n + 1)
    for k in range(n - 1, -1, -1):
        next_solid[k] = k if not clusters[k].space else next_solid[k + 1]
    prev_solid: int | None = None
    for k in range(n):
        cluster = clusters[k]
        if prev_solid is not None and not clusters[k - 1].space:
            # a boundary between a solid cluster and what follows (a space run or a solid one)
            before = clusters[prev_solid]
            after_index = next_solid[k]
            if after_index is not None:
                after = clusters[after_index]
                good[k] = (
                    (cluster.space or before.atom != after.atom)
                    and text[after.start] not in NO_LINE_START
                    and text[before.end - 1] not in NO_LINE_END
                )
        if not cluster.space:
            prev_solid = k
    return good


def break_spans(
    text: str,
    width: float,
    measure: Callable[[int, int], float],
    *,
    prefer_spaces: bool = False,
    spaces_only: bool = False,
) -> list[tuple[int, int]]:
    """Break ``text`` into lines no wider than ``width``; returns each line as (start, end) in ``text``.

    ``measure(start, end)`` gives the width of ``text[start:end]``; it is called for one
    cluster at a time and the widths are summed, so it may depend on the position (a bold run
    in the middle of a paragraph). Spaces at a break are dropped: they belong to neither line.
    A unit wider than the line on its own is split between characters as a last resort, and a
    single character wider than the line gets a line of its own.

    ``prefer_spaces`` is for titles and headings, whose spaces separate phrases
    (攻坚克难 唯实争先): a line then ends at the last space if that leaves it at least a third
    full, rather than at the last character that fits, so that no word is torn apart.

    ``spaces_only`` is for bylines, lists of names set apart by spaces (记者 杨骏 余振芳): a
    line ends only at a space, so no name is torn apart, unless one name is wider than a line.

    A Chinese paragraph never ends on a line of one character (孤字): the line above gives up
    one character or more, at a break the rules allow, so that the last line has two.
    """
    clusters = _clusters(text)
    n = len(clusters)
    if n == 0:
        return []
    good = _good_breaks(text, clusters)
    widths = [measure(c.start, c.end) for c in clusters]
    # a hair of tolerance so that a line measured to exactly the width does not break early
    limit = width + 1e-6

    breaks: list[tuple[int, int]] = []
    start = 0
    while start < n:
        while start < n and clusters[start].space:
            start += 1
        if start == n:
            break
        used = 0.0
        pending_space = 0.0
        last_good: int | None = None
        last_space: int | None = None
        any_space: int | None = None
        pos = start
        end = n
        while pos < n:
            cluster = clusters[pos]
            if pos > start and good[pos]:
                last_good = pos
                if cluster.space:
                    any_space = pos
                    if used >= width / 3:
                        last_space = pos
            if cluster.space:
                pending_space += widths[pos]
                pos += 1
                continue
            if pos > start and used + pending_space + widths[pos] > limit:
                # oidashi: fall back to the last good break; with none, break here by force
                end = last_good if last_good is not None else pos
                if prefer_spaces and last_space is not None:
                    end = last_space
                if spaces_only and any_space is not None:
                    end = any_space
                break
            used += pending_space + widths[pos]
            pending_space = 0.0
            pos += 1
        breaks.append((start, end))
        start = end
    if len(breaks) > 1 and not spaces_only:
        breaks[-2:] = mend_last_line(text, clusters, good, widths, limit, *breaks[-2:])
    spans: list[tuple[int, int]] = []
    for start, end in breaks:
        last = end - 1
        while last >= start and clusters[last].space:
            last -= 1
        spans.append((clusters[start].start, clusters[last].end))
    return spans


def break_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Break ``text`` into lines no wider than ``width`` by the kinsoku rules (see the module)."""
    lines: list[str] = []
    for piece in text.split("\n"):

        def measure_span(start: int, end: int, piece: str = piece) -> float:
            return measure(piece[start:end])

        lines.extend(piece[start:end] for start, end in break_spans(piece, width, measure_span))
    return lines
