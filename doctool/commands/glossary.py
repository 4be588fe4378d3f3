"""``doctool glossary``: list, edit, check, import, export the term base, and suggest terms."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from doctool.errors import GlossaryError
from doctool.extract.reader import read_source
from doctool.fsutil import atomic_write_text
from doctool.glossary.editing import (
    MergeConflict,
    add_term,
    merge_terms,
    remove_term,
    set_everywhere,
)
from doctool.glossary.exchange import dump_csv, dump_tbx, dump_tsv, parse_csv, parse_tbx, parse_tsv
from doctool.glossary.folder import display_path, find_glossary_dir, terms_path
from doctool.glossary.suggest import suggest_terms
from doctool.glossary.terms import FORBIDDEN_SEPARATOR as SEPARATOR
from doctool.glossary.terms import KINDS, Term, parse_kind
from doctool.glossary.validation import check_termbase, load_termbase
from doctool.ui import UI


@dataclass(frozen=True)
class Format:
    """How terms are read from and written to one exchange format."""

    parse: Callable[[bytes, str], list[Term]]
    dump: Callable[[Iterable[Term]], str]


#: exchange formats by their --format name
FORMATS: dict[str, Format] = {
    "csv": Format(parse_csv, dump_csv),
    "tsv": Format(parse_tsv, dump_tsv),
    "tbx": Format(parse_tbx, dump_tbx),
}
_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".tbx": "tbx",
    ".xml": "tbx",
}

Action = Callable[[argparse.Namespace, UI], int]


def _sniff(data: bytes) -> str:
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:4096]
    if head.startswith(b"<"):
        return "tbx"
    return "tsv" if b"\t" in head.split(b"\n", 1)[0] else "csv"


def _format_of(name: str, explicit: str | None, data: bytes | None = None) -> str:
    if explicit:
        return explicit
    suffix = _SUFFIXES.get(Path(name).suffix.lower())
    if suffix:
        return suffix
    return _sniff(data) if data is not None else "csv"


def _terms_file(args: argparse.Namespace) -> Path:
    return terms_path(find_glossary_dir(override=args.glossary))


def _list(args: argparse.Namespace, ui: UI) -> int:
    termbase = load_termbase(_terms_file(args))
    terms = termbase.by_kind(parse_kind(args.kind)) if args.kind else termbase.terms
    if args.text:
        wanted = args.text.casefold()
        terms = tuple(
            term
            for term in terms
            if any(wanted in value.casefold() for value in (term.zh, term.en, term.note))
        )
    if not sys.stdout.isatty():
        # piped or redirected: plain TSV that other tools (and `glossary import`) can read
        sys.stdout.write(dump_tsv(terms))
        return 0
    table = Table("zh", "en", "kind", "note", "forbidden", header_style="bold")
    for term in terms:
        cells = (term.zh, term.en, term.kind, term.note, SEPARATOR.join(term.forbidden))
        table.add_row(*(Text(cell) for cell in cells))
    plain = bool(os.environ.get("NO_COLOR"))
    # NO_COLOR: no escape codes at all, bold headers included
    console = Console(
        file=sys.stdout, no_color=plain, color_system=None if plain else "auto", highlight=False
    )
    console.print(table)
    ui.info(f"{len(terms)} of {len(termbase)} terms")
    return 0


def _add(args: argparse.Namespace, ui: UI) -> int:
    term = add_term(_terms_file(args), Term(args.zh, args.en, parse_kind(args.kind), args.note))
    ui.info(f"added {term.zh} → {term.en} ({term.kind})")
    return 0


def _set(args: argparse.Namespace, ui: UI) -> int:
    path = _terms_file(args)
    result = set_everywhere(path, args.zh, args.en)
    old, term = result.old, result.term
    if old == term.en:
        ui.info(f"{term.zh} is already {term.en!r}; nothing to change")
        return 0
    ui.info(f"{term.zh}: {old!r} → {term.en!r} ({old!r} is now forbidden)")
    for longer, before, after in result.cascaded:
        ui.info(f"{longer}: {before!r} → {after!r}")
    # approved translations must not keep the outdated rendering either
    from doctool.glossary.memory import Memory, memory_lock, memory_path
    from doctool.translate.translator import refresh_memory

    memory_file = memory_path(path.parent)
    if memory_file.exists():
        # under the memory's own lock, so that two edits at once both reach the memory
        with memory_lock(memory_file):
            memory = Memory.load(memory_file)
            changed = refresh_memory(memory, load_termbase(path))
            if changed:
                memory.save(memory_file)
        if changed:
            ui.info(f"updated {changed} translations in {memory_file}")
    return 0


def _remove(args: argparse.Namespace, ui: UI) -> int:
    removed = remove_term(_terms_file(args), args.zh)
    ui.info(f"removed {args.zh.strip()} ({', '.join(repr(en) for en in removed)})")
    return 0


def _check(args: argparse.Namespace, ui: UI) -> int:
    path = _terms_file(args)
    problems = check_termbase(path)
    for problem in problems:
        location = f"{problem.where}:{problem.line}" if problem.line else problem.where
        print(f"{location}: {problem.severity}: {problem.message}")
    errors = sum(problem.severity == "error" for problem in problems)
    warnings = len(problems) - errors
    if not problems:
        ui.info(f"{display_path(path)}: no problems")
    else:
        ui.info(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return GlossaryError.exit_code if errors else 0


def _read_input(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    if not path.is_file():
        raise GlossaryError(f"{name}: no such file; check the path of the file to import")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise GlossaryError(f"{name}: cannot read ({exc.strerror}); check its permissions") from None


def _import(args: argparse.Namespace, ui: UI) -> int:
    data = _read_input(args.file)
    name = "standard input" if args.file == "-" else args.file
    terms = FORMATS[_format_of(args.file, args.format, data)].parse(data, name)
    try:
        result = merge_terms(_terms_file(args), terms, replace=args.replace)
    except MergeConflict as exc:
        for conflict in exc.conflicts:
            ui.warn(
                f"{conflict.zh}: {conflict.current!r} in the term base (line {conflict.line}), "
                f"{conflict.incoming!r} in {name}"
            )
        raise
    ui.info(
        f"{len(result.added)} added, {len(result.replaced)} renderings replaced, "
        f"{len(result.updated)} updated, {result.unchanged} unchanged"
    )
    return 0


def _export(args: argparse.Namespace, ui: UI) -> int:
    source = _terms_file(args)
    termbase = load_termbase(source)
    text = FORMATS[_format_of(args.file, args.format)].dump(termbase.terms)
    if args.file == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.file)
    if target.resolve() == source.resolve():
        raise GlossaryError(f"{args.file} is the term base itself; export to another file")
    atomic_write_text(target, text)
    ui.info(f"wrote {len(termbase)} terms to {args.file}")
    return 0


def _suggest(args: argparse.Namespace, ui: UI) -> int:
    text = read_source(Path(args.source))
    termbase = load_termbase(_terms_file(args))
    candidates = [c for c in suggest_terms(text, termbase) if c.count >= args.min_count]
    for candidate in candidates:
        print(f"{candidate.zh}\t{candidate.kind}\t{candidate.count}")
    ui.info(f"{len(candidates)} candidate terms not in the term base")
    return 0


def add_parser(
    subparsers: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    parents: list[argparse.ArgumentParser],
) -> None:
    """Register ``doctool glossary`` and its actions."""
    help_glossary = "the glossary folder (default: glossary/ here or in the nearest parent)"
    parser = subparsers.add_parser(
        name,
        parents=parents,
        help="edit and inspect the term base",
        description="Edit and inspect the term base (glossary/terms.tsv).",
    )
    parser.add_argument("--glossary", metavar="DIR", type=Path, default=None, help=help_glossary)
    # the same options after the action; SUPPRESS keeps a value given before the action
    local = argparse.ArgumentParser(add_help=False)
    local.add_argument("--glossary", metavar="DIR", type=Path, default=argparse.SUPPRESS, help=help_glossary)
    local.add_argument(
        "-q", "--quiet", action="store_true", default=argparse.SUPPRESS, help="print errors only"
    )
    local.add_argument(
        "-v", "--verbose", action="store_true", default=argparse.SUPPRESS, help="print more detail"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True

    def action(name: str, run: Action, summary: str) -> argparse.ArgumentParser:
        sub = actions.add_parser(name, parents=[local], help=summary, description=summary)
        sub.set_defaults(glossary_action=run)
        return sub

    kinds = ", ".join(KINDS)
    sub = action("list", _list, "show the terms (a table; TSV when piped)")
    sub.add_argument("--kind", metavar="K", help=f"only terms of this kind ({kinds})")
    sub.add_argument("text", nargs="?", metavar="TEXT", help="only terms with TEXT in zh, en or note")

    sub = action("add", _add, "add a term")
    sub.add_argument("zh", metavar="ZH", help="the Chinese term")
    sub.add_argument("en", metavar="EN", help="its approved English rendering")
    sub.add_argument("--kind", metavar="K", default="term", help=f"one of {kinds} (default: term)")
    sub.add_argument("--note", metavar="N", default="", help="a note for translators")

    sub = action("set", _set, "change a term's rendering (the old one becomes forbidden)")
    sub.add_argument("zh", metavar="ZH", help="the Chinese term")
    sub.add_argument("en", metavar="EN", help="its new English rendering")

    sub = action("remove", _remove, "remove a term")
    sub.add_argument("zh", metavar="ZH", help="the Chinese term")

    action("check", _check, "list every problem in the term base (exit status 5 on errors)")

    sub = action("import", _import, "merge terms from a CSV, TSV or TBX file")
    sub.add_argument("file", metavar="FILE", help="the file to import (- for standard input)")
    sub.add_argument("--format", choices=sorted(FORMATS), help="default: from the file name")
    sub.add_argument(
        "--replace", action="store_true", help="take the file's rendering where the two disagree"
    )

    sub = action("export", _export, "write the term base as CSV, TSV or TBX")
    sub.add_argument("file", metavar="FILE", help="the file to write (- for standard output)")
    sub.add_argument("--format", choices=sorted(FORMATS), help="default: from the file name, else csv")

    sub = action("suggest", _suggest, "list candidate terms in a report that the term base lacks")
    sub.add_argument("source", metavar="SOURCE", help="the report (.txt)")
    sub.add_argument(
        "--min-count",
        type=int,
        default=1,
        metavar="N",
        help="only candidates seen at least N times",
    )


def run(args: argparse.Namespace, ui: UI) -> int:
    """Run the chosen glossary action."""
    action: Action = args.glossary_action
    return action(args, ui)
