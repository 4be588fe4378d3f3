"""Deterministic synthetic Chinese text and glossary terms for the matching benchmark.

Text: characters drawn from the 3,755 level-1 hanzi of GB 2312 (the common characters) with
Zipf weights (the n-th most frequent character about 1/n as often as the first), as in running
Chinese, in clauses of 8 to 30 characters closed by ，or 。. Terms: 2 to 8 characters drawn
uniformly from the same set, since glossary terms are content words rather than the function
characters that dominate text. Every character is three bytes in UTF-8, so ``n`` megabytes of
text are exactly ``n * 10**6 // 3`` characters.

``adversarial_*`` draw uniformly from all 20,902 CJK Unified Ideographs instead: the most
distinct first characters a term base can have, the worst case for a trie whose node children
are searched one by one.
"""

from __future__ import annotations

import itertools
import random
import sys
from functools import cache

from doctool.glossary.terms import Term

SEED = 20241223
MB = 10**6
BYTES_PER_CHAR = 3
#: terms planted in the text come from the first PLANTED terms, which every term count includes
PLANTED = 1_000
_TERM_LENGTHS = (2, 3, 4, 4, 4, 5, 6, 6, 7, 8)


@cache
def common_hanzi() -> tuple[str, ...]:
    """The level-1 hanzi of GB 2312 (rows 16 to 55), in code order."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes((row, cell)).decode("gb2312"))
            except UnicodeDecodeError:
                continue  # the unused end of row 55
    return tuple(chars)


def all_ideographs() -> tuple[str, ...]:
    """The 20,902 characters of the CJK Unified Ideographs block (U+4E00..U+9FA5)."""
    return tuple(chr(code) for code in range(0x4E00, 0x9FA6))


def make_terms(count: int, alphabet: tuple[str, ...], seed: int = SEED) -> list[Term]:
    """``count`` distinct terms of 2 to 8 characters, in a fixed random order."""
    rng = random.Random(seed)
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen.setdefault("".join(rng.choices(alphabet, k=rng.choice(_TERM_LENGTHS))))
    return [Term(zh=zh, en=f"term {i}", kind="term") for i, zh in enumerate(seen)]


def make_text(
    megabytes: float, terms: list[Term], alphabet: tuple[str, ...], *, zipf: bool = True,
    seed: int = SEED,
) -> str:
    """About ``megabytes`` of clauses, one in ten carrying a term from the first PLANTED terms."""
    rng = random.Random(seed + 1)
    order = list(alphabet)
    rng.shuffle(order)  # which character is most frequent should not follow code order
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(order)))) if zipf else None
    planted = [t.zh for t in terms[:PLANTED]]
    chars = int(megabytes * MB) // BYTES_PER_CHAR
    clauses: list[str] = []
    size = 0
    while size < chars:
        clause = rng.choices(order, cum_weights=weights, k=rng.randint(8, 30))
        if rng.random() < 0.1:
            clause.insert(rng.randrange(len(clause)), rng.choice(planted))
        clause.append("，" if rng.random() < 0.7 else "。")
        clauses.append("".join(clause))
        size += len(clauses[-1])
    return "".join(clauses)[:chars]


def largest_case(match: bool = True) -> None:
    """Make 100,000 terms and 10 MB of text and (if ``match``) find the terms: run alone for memory."""
    from doctool.glossary.matcher import TermMatcher

    terms = make_terms(100_000, common_hanzi())
    text = make_text(10, terms, common_hanzi())
    print(len(TermMatcher(terms).find(text)) if match else len(text))


if __name__ == "__main__":
    # "data": only the inputs, the baseline the matching run's memory is compared with
    largest_case(match=sys.argv[1:] != ["data"])
