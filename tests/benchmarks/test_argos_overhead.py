"""doctool's machine-translation path against bare argostranslate on the tiny fixture model.

doctool's path is ``translate_masked`` (glossary terms and numbers masked, one engine call,
tokens put back) through ``ArgosEngine``; the baseline is argostranslate's own
``PackageTranslation`` for the same installed package, its ``translate`` called once per
sentence. Both are loaded and warmed
before timing and alternate round by round. The baseline splits sentences the way doctool's
engine does (not at all: each text is one sentence), so both sides do the same model work
and the difference is doctool's.

Two baselines: the same sentences (what a user of argostranslate would translate), and the
masked texts doctool actually hands the model (identical model input, so only doctool's
masking, unmasking and engine layer differ).

argostranslate reads its folders from the environment once, at import, and creates them then:
HOME, the XDG folders and ARGOS_PACKAGES_DIR point into a temporary folder first, as in
``tests/argos_support.py``, and the network is blocked to prove the path stays offline.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from doctool.glossary.matcher import TermMatcher
from doctool.glossary.terms import Term
from doctool.translate.masking import mask, translate_masked
from tests.argos_support import FIXTURE_MODEL, block_network, isolate_home
from tests.benchmarks._support import check, note, timed

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("argostranslate") is None,
    reason="argostranslate is not installed (pip install torch==2.13.0 'doctool[mt]')",
)

ROUNDS = 40
OVERHEAD_TARGET = 1.10

#: a small term base: each term goes into sentences the tiny model was trained on as ⟦T1⟧
TERMS = (
    Term("两江新区", "Liangjiang New Area", "place"),
    Term("成渝地区双城经济圈", "Chengdu-Chongqing Economic Circle", "program"),
    Term("西部陆海新通道", "New International Land-Sea Trade Corridor", "program"),
    Term("王志杰", "Wang Zhijie", "person"),
)
#: sentences of the tiny model's training set, as they read before masking
PLAIN = (
    "会议在重庆召开。", "市委经济工作会议在重庆召开。", "袁家军出席会议并讲话。",
    "经济运行稳中有进。", "全市经济持续回升向好。", "明年是关键之年。",
    "会议总结了今年的经济工作。", "会议部署了明年的经济工作。",
)
NUMBERS = ("6.5%", "8%", "1200亿元", "5.8%", "3000亩", "2.3万户")
#: a sentence whose number token the tiny model gets wrong (it never saw this template with
#: ⟦N1⟧), so doctool falls back to translating the pieces around the mask
MANGLED = "规上工业增加值增长6.5%。"


def sentences() -> list[str]:
    """28 sentences the tiny model handles: plain ones, ones naming a term, ones with a number."""
    texts = list(PLAIN)
    for term in TERMS:
        texts += [f"会议由{term.zh}主持。", f"我们要推进{term.zh}。"]
    for number in NUMBERS:
        texts += [f"地区生产总值增长{number}左右。", f"全年增长{number}。"]
    return texts


@dataclass
class Counting:
    """Wraps an engine and counts the texts it is asked for."""

    engine: Any
    name: str = "counting"
    texts: int = 0

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Count, then pass on."""
        self.texts += len(texts)
        return list(self.engine.translate(texts))


class _OneSentence:
    """argostranslate's sentencizer interface, keeping the text whole (as doctool's engine does)."""

    def split_sentences(self, text: str) -> list[str]:
        """Return the text as its only sentence."""
        return [text]


@dataclass
class Loaded:
    """doctool's engine and matcher, and argostranslate's translation for the same package."""

    engine: Any
    matcher: TermMatcher
    raw: Any


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    """Install the tiny model in a temporary folder and load both sides once."""
    from doctool.translate.engines import ArgosEngine
    from doctool.translate.models import install_package

    root = tmp_path_factory.mktemp("argos")
    with pytest.MonkeyPatch.context() as patch:
        isolate_home(patch, root)
        block_network(patch)
        # one thread for the model on both sides: the tiny model gains nothing from more, and
        # with OpenMP's threads a second busy process on a small machine makes every figure
        # depend on it (read at import, like argostranslate's other settings)
        patch.setenv("ARGOS_INTRA_THREADS", "1")
        if "argostranslate.settings" in sys.modules:  # imported by an earlier benchmark
            patch.setattr(sys.modules["argostranslate.settings"], "intra_threads", 1)
        models_dir = root / "models"
        install_package(FIXTURE_MODEL, models_dir)
        engine = ArgosEngine(models_dir)
        # imported by ArgosEngine, inside the isolated folders
        import argostranslate.package
        import argostranslate.settings
        import argostranslate.translate

        # argostranslate's own objects for the installed package, made from its folder rather
        # than looked up by language codes: the lookup is cached for the process and would
        # find whichever folder an earlier import was told about
        raw = argostranslate.translate.PackageTranslation(
            argostranslate.translate.Language("zh", "Chinese"),
            argostranslate.translate.Language("en", "English"),
            argostranslate.package.Package(Path(engine.package_path)),
        )
        raw.sentencizer = _OneSentence()
        assert argostranslate.settings.intra_threads == 1
        # argostranslate logs every sentence at INFO; pytest would capture (and format) each
        # record on both sides and print them all on a failure
        patch.setattr(logging.getLogger("argostranslate.utils"), "level", logging.WARNING)
        yield Loaded(engine, TermMatcher(TERMS), raw)


def _rounds(first: Callable[[], object], second: Callable[[], object]) -> tuple[float, float]:
    """Best times of two callables over ROUNDS alternating rounds, after one warm-up each."""
    first(), second()  # ctranslate2 allocates its buffers on the first call
    a = b = float("inf")
    for _ in range(ROUNDS):
        a = min(a, timed(first)[0])
        b = min(b, timed(second)[0])
    return a, b


def test_overhead_against_argostranslate_on_the_same_sentences(loaded: Loaded) -> None:
    """doctool's MT path on 32 sentences takes at most 10% longer than argostranslate on them."""
    texts = sentences()
    counting = Counting(loaded.engine)
    assert all(translate_masked(texts, counting, loaded.matcher)), "every sentence should translate"
    # one model call per sentence: no fallback, so this measures the path every sentence takes
    assert counting.texts == len(texts)
    ours, theirs = _rounds(
        lambda: translate_masked(texts, loaded.engine, loaded.matcher),
        lambda: [loaded.raw.translate(t) for t in texts],
    )
    result = check(
        f"doctool MT / argostranslate, {len(texts)} sentences", ours / theirs, "<=", OVERHEAD_TARGET,
        unit="×", measured=f"doctool {ours * 1000:.1f} ms", baseline=f"argostranslate {theirs * 1000:.1f} ms",
    )
    assert result.passed, result.line


def test_overhead_against_argostranslate_on_the_masked_texts(loaded: Loaded) -> None:
    """With the model input identical, doctool's own layer adds at most 10%."""
    texts = sentences()
    masked = [mask(t, loaded.matcher).text for t in texts]
    ours, theirs = _rounds(
        lambda: translate_masked(texts, loaded.engine, loaded.matcher),
        lambda: [loaded.raw.translate(t) for t in masked],
    )
    result = check(
        "doctool MT / argostranslate on the masked texts", ours / theirs, "<=", OVERHEAD_TARGET,
        unit="×", measured=f"doctool {ours * 1000:.1f} ms", baseline=f"argostranslate {theirs * 1000:.1f} ms",
    )
    note(
        "tiny model, one masked sentence", theirs / len(texts) * 1000, unit=" ms",
        measured="argostranslate alone", baseline="-",
    )
    assert result.passed, result.line


def test_fallback_cost_for_reference(loaded: Loaded) -> None:
    """A sentence whose token the model mangles is translated again in pieces (no target)."""
    counting = Counting(loaded.engine)
    translate_masked([MANGLED], counting, loaded.matcher)
    assert counting.texts > 1, "the tiny model was expected to mangle this sentence's token"
    ours, theirs = _rounds(
        lambda: translate_masked([MANGLED], loaded.engine, loaded.matcher),
        lambda: loaded.raw.translate(MANGLED),
    )
    note(
        "fallback: mangled token, doctool / argostranslate", ours / theirs, unit="×",
        measured=f"doctool {ours * 1000:.1f} ms ({counting.texts} model calls)",
        baseline=f"argostranslate {theirs * 1000:.1f} ms",
    )
