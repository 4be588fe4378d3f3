"""Fuzzy memory lookup: a 200-segment report against a 100,000-unit memory, beside exact lookup.

The memory holds 100,000 synthetic sentences of 20 to 60 characters with Zipf-weighted
characters (see ``_corpus.py``) and a figure or two each, so common bigrams have long posting
lists as in real text. The report is 200 segments: half are memory sentences with other figures
and a few characters changed (the fuzzy hits), half are new. The target is absolute (under 2 s
for the 200 lookups); the time of 200 exact lookups in the same memory is reported beside it as
the ratio's baseline, and so is the time to index the memory.
"""

from __future__ import annotations

import itertools
import random
from functools import cache

from doctool.glossary.memory import Memory, Unit
from doctool.translate.fuzzy import DEFAULT_THRESHOLD, FuzzyIndex
from tests.benchmarks._corpus import SEED, common_hanzi
from tests.benchmarks._support import best_of, check, note, timed

UNITS = 100_000
SEGMENTS = 200
LIMIT_S = 2.0


def _sentence(rng: random.Random, order: list[str], weights: list[float]) -> str:
    words = rng.choices(order, cum_weights=weights, k=rng.randint(20, 60))
    words.insert(rng.randrange(len(words)), f"{rng.randint(2000, 2030)}年")
    words.insert(rng.randrange(len(words)), f"增长{rng.randint(1, 99)}%")
    return "".join(words) + "。"


@cache
def data() -> tuple[list[Unit], list[str], set[int]]:
    """The memory's units, the report's segments and which segments have a near twin."""
    rng = random.Random(SEED + 7)
    order = list(common_hanzi())
    rng.shuffle(order)
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(order))))
    units = [Unit(zh, f"English {i} grew by 5%.") for i, zh in
             enumerate(dict.fromkeys(_sentence(rng, order, weights) for _ in range(UNITS)))]
    segments: list[str] = []
    twins: set[int] = set()
    for i in range(SEGMENTS):
        if i % 2 == 0:
            text = list(rng.choice(units).zh)
            for _ in range(2):  # two characters changed
                text[rng.randrange(len(text) - 1)] = rng.choice(order[:500])
            segments.append("".join(text).replace("%", "5%", 1))
            twins.add(i)
        else:
            segments.append(_sentence(rng, order, weights))
    return units, segments, twins


def test_fuzzy_lookup_of_a_report_against_a_large_memory() -> None:
    units, segments, twins = data()
    memory = Memory(units)
    index_time, index = timed(lambda: FuzzyIndex((u.zh, u.en) for u in memory))
    found: list[int] = []

    def fuzzy() -> None:
        found[:] = [i for i, zh in enumerate(segments) if index.best(zh, DEFAULT_THRESHOLD)]

    fuzzy_time = best_of(3, fuzzy)
    exact_time = best_of(3, lambda: [memory.lookup(zh) for zh in segments])
    note("fuzzy memory: index 100k units", index_time, measured="FuzzyIndex(100k)", unit=" s")
    note("fuzzy memory: 200 exact lookups", exact_time, measured="Memory.lookup x200", unit=" s")
    note("fuzzy memory: fuzzy over exact", fuzzy_time / exact_time, measured="fuzzy x200",
         baseline="exact x200", unit="x")
    result = check("fuzzy memory: 200 lookups in 100k units", fuzzy_time, "<", LIMIT_S,
                   measured="FuzzyIndex.best x200", baseline="absolute", unit=" s")
    assert result.passed, result.line
    # the index must find the near twins, and only them
    assert set(found) == twins
