"""Precision and recall of extraction over the evaluation corpus (``make eval``).

Each report in ``tests/corpus/`` is a verbatim excerpt of a real report with an expected-facts
file written by hand (format in ``tests/corpus/README.md``). This runs doctool's extraction on
every report, compares what it finds with what a reader finds, prints one row per field and
fails (exit 1) when a field is below its floor. ``--per-report`` shows where the misses are.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
sys.path.insert(0, str(ROOT))

from doctool.errors import DoctoolError  # noqa: E402
from doctool.extract import extract  # noqa: E402
from doctool.extract.reader import FULL_WIDTH, read_source  # noqa: E402
from doctool.model import Content  # noqa: E402

#: (field, measure) -> the lowest figure that passes
FLOORS: dict[tuple[str, str], float] = {
    ("speakers", "precision"): 0.95,
    ("speakers", "recall"): 0.90,
    ("attribution", "accuracy"): 0.90,
    ("targets", "precision"): 0.85,
    ("targets", "recall"): 0.80,
    ("programs", "precision"): 0.85,
    ("programs", "recall"): 0.75,
    ("headings", "precision"): 0.90,
    ("captions", "recall"): 0.80,
    ("bylines", "recall"): 0.80,
}
_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text without white space and with full-width punctuation, for finding an excerpt.

    The reader reads ASCII punctuation in Chinese text as full-width and the corpus keeps it as
    published, so both sides are compared with every such mark full-width.
    """
    return _SPACE.sub("", text).translate(FULL_WIDTH)


@dataclass
class Tally:
    """Counts for one field: found and right, found in all, expected in all."""

    right: int = 0
    found: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Tally) -> None:
        """Add another report's counts to these."""
        self.right += other.right
        self.found += other.found
        self.expected += other.expected

    @property
    def precision(self) -> float | None:
        """Right over found; None when nothing was found."""
        return self.right / self.found if self.found else None

    @property
    def recall(self) -> float | None:
        """Right over expected; None when nothing was expected."""
        return self.right / self.expected if self.expected else None


def _sets(found: Iterable[str], expected: Iterable[str], what: str) -> Tally:
    """Exact matches between two collections of strings (white space ignored)."""
    got = {squash(x) for x in found if squash(x)}
    want = {squash(x) for x in expected if squash(x)}
    tally = Tally(len(got & want), len(got), len(want))
    tally.misses += [f"{what} missed: {x}" for x in sorted(want - got)]
    tally.misses += [f"{what} false: {x}" for x in sorted(got - want)]
    return tally


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value)).normalize()
    except InvalidOperation:
        return None


def _kind(target: Any) -> str:
    # before numeric facts had a kind, every one of them was called a target
    return str(getattr(target, "kind", "target"))


def _target_values(target: Any) -> set[Decimal]:
    values = {getattr(target, name, None) for name in ("value", "low", "high")}
    return {v.normalize() for v in values if isinstance(v, Decimal)}


def _score_targets(content: Content, expected: list[dict[str, Any]]) -> tuple[Tally, Tally]:
    """Targets (kind target) found against expected, and the kind given to every expected fact."""
    found = [t for t in content.targets if _kind(t) == "target"]
    wanted = [e for e in expected if e.get("kind") == "target"]
    tally = Tally(0, len(found), len(wanted))
    used: set[int] = set()
    for fact in wanted:
        source = squash(str(fact["source"]))
        values = {v for v in (_decimal(fact.get(k)) for k in ("value", "low", "high")) if v is not None}
        match = next((i for i, t in enumerate(found) if i not in used
                      and (source in squash(t.source) or squash(t.source) in source)
                      and (_target_values(t) & values or not values)), None)
        if match is None:
            tally.misses.append(f"target missed: {fact['source']}")
        else:
            used.add(match)
            tally.right += 1
    tally.misses += [f"target false: {t.source} ({t.metric.zh})"
                     for i, t in enumerate(found) if i not in used]
    kinds = Tally(0, 0, len(expected))
    for fact in expected:
        source = squash(str(fact["source"]))
        given = next((t for t in content.targets
                      if source in squash(t.source) or squash(t.source) in source), None)
        if given is not None:
            kinds.found += 1
            if _kind(given) == fact.get("kind"):
                kinds.right += 1
            else:
                kinds.misses.append(f"kind {fact.get('kind')} given {_kind(given)}: {fact['source']}")
    return tally, kinds


def _block_of(content: Content, excerpt: str) -> Any:
    wanted = squash(excerpt)
    for block in content.blocks():
        if wanted in squash(block.text("zh")):
            return block
    return None


def _score_attribution(content: Content, expected: dict[str, Any]) -> Tally:
    """Each statement excerpt attributed to its speaker; each narration excerpt to nobody."""
    names = {s.id: s.name.zh for s in content.speakers}
    tally = Tally()
    for item in expected.get("statements") or []:
        tally.expected += 1
        tally.found += 1
        block = _block_of(content, item["text"])
        said_by = names.get(block.speaker) if block is not None and block.kind == "statement" else None
        if said_by == item["speaker"]:
            tally.right += 1
        else:
            tally.misses.append(f"statement of {item['speaker']} given to {said_by}: {item['text']}")
    for excerpt in expected.get("narration") or []:
        tally.expected += 1
        tally.found += 1
        block = _block_of(content, excerpt)
        if block is not None and block.kind != "statement":
            tally.right += 1
        else:
            who = names.get(block.speaker) if block is not None else "nothing (text lost)"
            tally.misses.append(f"narration given to {who}: {excerpt}")
    return tally


def _score_roles(content: Content, expected: list[dict[str, Any]]) -> Tally:
    """A speaker's organisation and title as the text gives them."""
    found = {s.name.zh: (squash(s.organization.zh), squash(s.title.zh)) for s in content.speakers}
    tally = Tally(0, len(found), len(expected))
    for person in expected:
        want = (squash(person.get("organization") or ""), squash(person.get("title") or ""))
        got = found.get(person["name"])
        if got == want:
            tally.right += 1
        elif got is not None:
            tally.misses.append(f"role of {person['name']}: {got[0]}/{got[1]}, expected {want[0]}/{want[1]}")
    return tally


def score(content: Content, expected: dict[str, Any]) -> dict[str, Tally]:
    """Every field's counts for one report."""
    tallies: dict[str, Tally] = {}
    tallies["speakers"] = _sets((s.name.zh for s in content.speakers),
                                (p["name"] for p in expected.get("speakers") or []), "speaker")
    tallies["roles"] = _score_roles(content, expected.get("speakers") or [])
    tallies["attribution"] = _score_attribution(content, expected)
    tallies["targets"], tallies["numeric kinds"] = _score_targets(content, expected.get("targets") or [])
    tallies["programs"] = _sets((p.name.zh for p in content.programs), expected.get("programs") or [],
                                "program")
    tallies["headings"] = _sets((s.heading.zh for s in content.sections if s.heading is not None),
                                expected.get("headings") or [], "heading")
    tallies["captions"] = _sets((b.text("zh") for b in content.blocks() if b.kind == "caption"),
                                expected.get("captions") or [], "caption")
    tallies["bylines"] = _sets((r.zh for r in content.meeting.source.reporters),
                               (name for names in expected.get("bylines") or [] for name in names),
                               "reporter")
    date = expected.get("date")
    got = content.meeting.date
    dates = Tally(0, 1 if got else 0, 1 if date else 0)
    if got is not None and date is not None and got == date:
        dates.right = 1
    if got is not None and got != date:
        dates.misses.append(f"date WRONG: {got}, expected {date}")
    elif got is None and date is not None:
        dates.misses.append(f"date missing: expected {date}")
    tallies["dates"] = dates
    return tallies


@dataclass
class Report:
    """One corpus report: its name and its counts."""

    name: str
    tallies: dict[str, Tally]
    wrong_dates: int


def evaluate(corpus: Path) -> list[Report]:
    """Extract every report of the corpus and score it against its expected facts."""
    reports = []
    for source in sorted(corpus.glob("*.txt")):
        facts = yaml.safe_load(source.with_suffix(".expected.yaml").read_text("utf-8"))
        try:
            content = extract(read_source(source))
        except DoctoolError as exc:
            raise SystemExit(f"evaluate: {source.name}: {exc}") from exc
        tallies = score(content, facts)
        wrong = 1 if content.meeting.date is not None and content.meeting.date != facts.get("date") else 0
        reports.append(Report(source.stem, tallies, wrong))
    return reports


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


def summary(reports: Sequence[Report]) -> tuple[list[dict[str, Any]], list[str]]:
    """One row per field over the whole corpus, and the floors that were missed."""
    totals: dict[str, Tally] = {}
    for report in reports:
        for name, tally in report.tallies.items():
            totals.setdefault(name, Tally()).add(tally)
    rows = []
    failed = []
    for name, tally in totals.items():
        row = {"field": name, "right": tally.right, "found": tally.found, "expected": tally.expected,
               "precision": tally.precision, "recall": tally.recall}
        rows.append(row)
        for (field_name, measure), floor in FLOORS.items():
            if field_name != name:
                continue
            value = tally.precision if measure in ("precision", "accuracy") else tally.recall
            # nothing found means nothing found wrongly, nothing expected nothing missed
            if value is not None and value < floor:
                failed.append(f"{name} {measure} {_figure(value)} < {floor:.2f}")
    wrong = sum(r.wrong_dates for r in reports)
    if wrong:
        failed.append(f"dates wrong in {wrong} report(s); a date must be right or empty")
    return rows, failed


def main(argv: Sequence[str] | None = None) -> int:
    """Print the table; exit 1 when a field is below its floor."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--per-report", action="store_true", help="list every miss, report by report")
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    if not any(args.corpus.glob("*.txt")):
        print(f"evaluate: no reports (*.txt) in {args.corpus}", file=sys.stderr)
        return 2
    reports = evaluate(args.corpus)
    rows, failed = summary(reports)
    if args.json:
        print(json.dumps({"reports": len(reports), "fields": rows, "failed": failed}, indent=2))
    else:
        if args.per_report:
            for report in reports:
                misses = [m for t in report.tallies.values() for m in t.misses]
                print(f"## {report.name}: {len(misses)} misses")
                for miss in misses:
                    print(f"   {miss}")
        where = args.corpus.relative_to(ROOT) if args.corpus.is_relative_to(ROOT) else args.corpus
        print(f"{len(reports)} reports in {where}")
        print(f"{'field':<15} {'right':>6} {'found':>6} {'expected':>8} {'precision':>10} {'recall':>7}")
        for row in rows:
            print(f"{row['field']:<15} {row['right']:>6} {row['found']:>6} {row['expected']:>8} "
                  f"{_figure(row['precision']):>10} {_figure(row['recall']):>7}")
        for line in failed:
            print(f"below the floor: {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
