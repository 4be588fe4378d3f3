"""TermMatcher (one Aho-Corasick automaton) with 1k, 10k and 100k terms over 0.1, 1 and 10 MB.

Scaling is checked as ratios within the run: ten times the text must cost less than fifteen
times the time (linear, with room for noise), and so must ten times the terms when building.
The stated target, 10,000 terms over 1 MB in under a second, is absolute and checked as such,
with the time of one plain ``str.count`` pass over the same text alongside as its scale.
See ``_corpus.py`` for how text and terms are made (fixed seed).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, partial

import pytest

from doctool.glossary.matcher import TermMatcher
from doctool.glossary.terms import Term
from tests.benchmarks._corpus import (
    BYTES_PER_CHAR,
    MB,
    all_ideographs,
    common_hanzi,
    make_terms,
    make_text,
)
from tests.benchmarks._support import ROOT, best_of, check, measure, note, timed

TERM_COUNTS = (1_000, 10_000, 100_000)
SIZES_MB = (0.1, 1, 10)
#: how many times each size is run back to back per measurement: about as much work for every
#: size, so a busy spell on the (shared) machine is as likely to hit a small run as a large
#: one; a best-of-N over short runs alone would find quiet moments that long runs never get
FIND_BATCH = {0.1: 10, 1: 10, 10: 1}
BUILD_BATCH = {1_000: 100, 10_000: 10, 100_000: 1}
#: rounds; within a round the sizes (or term counts) alternate, and the best round counts
ROUNDS = 3
BUILD_ROUNDS = 5
SCALING_LIMIT = 15.0  # for ten times the input


@dataclass(frozen=True)
class Grid:
    """Best times for building each matcher and for finding its terms in each text."""

    build: dict[int, float]
    find: dict[tuple[int, float], float]
    matches: dict[tuple[int, float], int]


@cache
def corpus() -> tuple[list[Term], dict[float, str]]:
    """100k terms and the three texts (each a prefix of the 10 MB one)."""
    terms = make_terms(max(TERM_COUNTS), common_hanzi())
    text = make_text(max(SIZES_MB), terms, common_hanzi())
    return terms, {mb: text[: int(mb * MB) // BYTES_PER_CHAR] for mb in SIZES_MB}


def _each(fn: Callable[[], object], times: int) -> float:
    """Seconds per call of ``fn``, run ``times`` times back to back."""
    return timed(lambda: [fn() for _ in range(times)])[0] / times


@pytest.fixture(scope="module")
def grid() -> Grid:
    """Time building every matcher, then every term count against every text size."""
    terms, texts = corpus()
    build = dict.fromkeys(TERM_COUNTS, float("inf"))
    for _ in range(BUILD_ROUNDS):
        for n in TERM_COUNTS:
            build[n] = min(build[n], _each(partial(TermMatcher, terms[:n]), BUILD_BATCH[n]))
    find: dict[tuple[int, float], float] = {}
    matches: dict[tuple[int, float], int] = {}
    for n in TERM_COUNTS:
        matcher = TermMatcher(terms[:n])
        for mb in SIZES_MB:
            matches[n, mb] = len(matcher.find(texts[mb]))
        for _ in range(ROUNDS):
            for mb in SIZES_MB:
                seconds = _each(partial(matcher.find, texts[mb]), FIND_BATCH[mb])
                find[n, mb] = min(find.get((n, mb), seconds), seconds)
        for mb in SIZES_MB:
            note(
                f"find {n:,} terms in {mb:g} MB", find[n, mb] / mb, unit=" s/MB",
                measured=f"{find[n, mb]:.3f} s, {matches[n, mb]:,} matches",
                baseline=f"build {build[n] * 1000:.1f} ms",
            )
    return Grid(build, find, matches)


@pytest.mark.parametrize("terms", TERM_COUNTS)
def test_find_time_grows_linearly_with_text(grid: Grid, terms: int) -> None:
    """Ten times the text (1 MB → 10 MB) takes less than fifteen times as long."""
    small, large = grid.find[terms, 1], grid.find[terms, 10]
    result = check(
        f"find {terms:,} terms: 10 MB / 1 MB", large / small, "<", SCALING_LIMIT, unit="×",
        measured=f"10 MB {large:.3f} s", baseline=f"1 MB {small:.3f} s",
    )
    assert result.passed, result.line


def test_build_time_grows_near_linearly_with_terms(grid: Grid) -> None:
    """Building for ten times the terms (10k → 100k) takes less than fifteen times as long."""
    # 1k → 10k is reported, not checked: pyahocorasick searches a node's children one by one,
    # and up to about 10k terms the root keeps gaining children (one per distinct first
    # character, up to the few thousand in use), so the cost per term grows there and then
    # levels off; the check is that it has levelled off
    note(
        "build matcher: 10k / 1k terms", grid.build[10_000] / grid.build[1_000], unit="×",
        measured=f"10k {grid.build[10_000] * 1000:.1f} ms", baseline=f"1k {grid.build[1_000] * 1000:.1f} ms",
    )
    small, large = grid.build[10_000], grid.build[100_000]
    result = check(
        "build matcher: 100k / 10k terms", large / small, "<", SCALING_LIMIT, unit="×",
        measured=f"100k {large * 1000:.0f} ms", baseline=f"10k {small * 1000:.1f} ms",
    )
    assert result.passed, result.line


def test_ten_thousand_terms_over_one_megabyte_under_a_second() -> None:
    """Building a 10,000-term matcher and finding its terms in 1 MB takes under one second."""
    terms, texts = corpus()
    chosen, text = terms[:10_000], texts[1]
    seconds = best_of(3, lambda: TermMatcher(chosen).find(text))
    one_term = chosen[0].zh
    scan = best_of(5, lambda: text.count(one_term))
    result = check(
        "10k terms over 1 MB (build + find)", seconds, "<", 1.0, unit=" s",
        measured=f"{seconds:.3f} s = {seconds / scan:,.0f}× one scan",
        baseline=f"one-term str.count {scan * 1000:.2f} ms",
    )
    assert result.passed, result.line


def test_worst_case_alphabet_for_reference() -> None:
    """The same 10k terms × 1 MB with every character equally likely among 20,902 (no target)."""
    alphabet = all_ideographs()
    terms = make_terms(10_000, alphabet)
    text = make_text(1, terms, alphabet, zipf=False)
    seconds = best_of(2, lambda: TermMatcher(terms).find(text))
    common_terms, texts = corpus()
    common = best_of(2, lambda: TermMatcher(common_terms[:10_000]).find(texts[1]))
    note(
        "10k terms over 1 MB, uniform over 20,902 ideographs", seconds / common, unit="×",
        measured=f"{seconds:.3f} s", baseline=f"common-hanzi text {common:.3f} s",
    )


def test_memory_of_100k_terms_over_10_megabytes() -> None:
    """Matching 100k terms over 10 MB peaks at under twice the memory of its inputs alone."""
    command = ["-m", "tests.benchmarks._corpus"]
    inputs = measure([sys.executable, *command, "data"], ROOT).ok()
    matching = measure([sys.executable, *command, "match"], ROOT).ok()
    assert json.loads(matching.stdout) > 0
    result = check(
        "peak RSS: 100k terms × 10 MB / inputs alone", matching.max_rss_mb / inputs.max_rss_mb,
        "<", 2.0, unit="×",
        measured=f"matching {matching.max_rss_mb:.0f} MB", baseline=f"inputs {inputs.max_rss_mb:.0f} MB",
    )
    assert result.passed, result.line
