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
from doctool.glossary.folder import (
    PROJECT_LAYER,
    Layer,
    display_path,
    find_glossary_dir,
    find_layer,
    glossary_layers,
)
from doctool.glossary.layers import check_glossary, load_glossary
from doctool.glossary.revising import refresh_memory_file
from doctool.glossary.suggest import suggest_terms
from doctool.glossary.terms import FORBIDDEN_SEPARATOR as SEPARATOR
from doctool.glossary.terms import KINDS, SCOPE_SEPARATOR, Term, TermBase, parse_kind
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


def _folder(args: argparse.Namespace) -> Path:
    return find_glossary_dir(override=args.glossary)


def _layer(args: argparse.Namespace) -> Layer:
    """The layer an edit goes to: --layer, else the project's (terms.tsv)."""
    return find_layer(_folder(args), getattr(args, "layer", None))


def _terms_file(args: argparse.Namespace) -> Path:
    return _layer(args).path


def _edited_layer(args: argparse.Namespace) -> Path:
    """The layer ``set`` or ``remove`` edits; refuse, saying where it is, a term of another layer.

    Without --layer that is the project's; a term listed only by another layer is not changed
    behind the user's back, since that layer may be shared by other projects.
    """
    layer = _layer(args)
    if getattr(args, "layer", None) is None:
        zh = args.zh.strip()
        rows = load_glossary(_folder(args), strict=False).rows
        if not any(t.zh == zh and t.layer == layer.name for t in rows):
            others = [t.layer for t in rows if t.zh == zh]
            if others:
                raise GlossaryError(
                    f"{zh} is in layer {others[-1]}, not in {display_path(layer.path)}; change it "
                    f"there with --layer {others[-1]}, or override it for this project with "
                    "`doctool glossary add`"
                )
    return layer.path


def _scope(args: argparse.Namespace) -> tuple[str, ...] | None:
    scope: list[str] | None = getattr(args, "scope", None)
    return None if scope is None else tuple(scope)


def _selected(args: argparse.Namespace) -> tuple[TermBase, tuple[Term, ...]]:
    """The term base of every layer, and the terms that list and export show.

    One layer's terms with --layer; those of one place with --place; else every term that a
    later layer does not override, scoped ones included.
    """
    folder = _folder(args)
    termbase = load_glossary(folder)
    layer = getattr(args, "layer", None)
    if layer is not None:
        name = find_layer(folder, layer).name
        return termbase, tuple(term for term in termbase.rows if term.layer == name)
    place = getattr(args, "place", None)
    if place is not None:
        return termbase, termbase.for_place(place).terms
    return termbase, termbase.effective()


def _list(args: argparse.Namespace, ui: UI) -> int:
    termbase, chosen = _selected(args)
    layered = len(glossary_layers(_folder(args))) > 1
    terms = tuple(term for term in chosen if not args.kind or term.kind == parse_kind(args.kind))
    if args.text:
        wanted = args.text.casefold()
        terms = tuple(
            term
            for term in terms
            if any(wanted in value.casefold() for value in (term.zh, term.en, term.note))
        )
    if not sys.stdout.isatty():
        # piped or redirected: plain TSV that other tools (and `glossary import`) can read
        sys.stdout.write(dump_tsv(terms, layers=layered))
        return 0
    scoped = any(term.scope for term in terms)
    columns = ["zh", "en", "kind", *(["scope"] if scoped else []), *(["layer"] if layered else [])]
    table = Table(*columns, "note", "forbidden", header_style="bold")
    for term in terms:
        cells = [term.zh, term.en, term.kind]
        cells += [SCOPE_SEPARATOR.join(term.scope)] if scoped else []
        cells += [term.layer] if layered else []
        cells += [term.note, SEPARATOR.join(term.forbidden)]
        table.add_row(*(Text(cell) for cell in cells))
    plain = bool(os.environ.get("NO_COLOR"))
    # NO_COLOR: no escape codes at all, bold headers included
    console = Console(
        file=sys.stdout, no_color=plain, color_system=None if plain else "auto", highlight=False
    )
    console.print(table)
    ui.info(f"{len(terms)} of {len(termbase.effective())} terms")
    return 0


def _in_layer(layer: Layer) -> str:
    return "" if layer.name == PROJECT_LAYER else f" in layer {layer.name}"


def _add(args: argparse.Namespace, ui: UI) -> int:
    layer = _layer(args)
    scope = _scope(args) or ()
    term = add_term(
        layer.path, Term(args.zh, args.en, parse_kind(args.kind), args.note, scope=scope)
    )
    scoped = f", for {SCOPE_SEPARATOR.join(term.scope)}" if term.scope else ""
    ui.info(f"added {term.zh} → {term.en} ({term.kind}{scoped}){_in_layer(layer)}")
    return 0


def _set(args: argparse.Namespace, ui: UI) -> int:
    folder = _folder(args)
    path = _edited_layer(args)
    result = set_everywhere(path, args.zh, args.en, _scope(args))
    old, term = result.old, result.term
    if old == term.en:
        ui.info(f"{term.zh} is already {term.en!r}; nothing to change")
        return 0
    ui.info(f"{term.zh}: {old!r} → {term.en!r} ({old!r} is now forbidden)")
    for longer, before, after in result.cascaded:
        ui.info(f"{longer}: {before!r} → {after!r}")
    # approved translations must not keep the outdated rendering either
    memory_file, changed = refresh_memory_file(folder)
    if changed:
        ui.info(f"updated {changed} translations in {memory_file}")
    return 0


def _remove(args: argparse.Namespace, ui: UI) -> int:
    removed = remove_term(_edited_layer(args), args.zh, _scope(args))
    ui.info(f"removed {args.zh.strip()} ({', '.join(repr(en) for en in removed)})")
    return 0


def _check(args: argparse.Namespace, ui: UI) -> int:
    folder = _folder(args)
    problems = check_glossary(folder)
    for problem in problems:
        location = f"{problem.where}:{problem.line}" if problem.line else problem.where
        print(f"{location}: {problem.severity}: {problem.message}")
    errors = sum(problem.severity == "error" for problem in problems)
    notes = sum(problem.severity == "info" for problem in problems)
    warnings = len(problems) - errors - notes
    overrides = f", {notes} override{'s' * (notes != 1)}" if notes else ""
    if errors + warnings == 0:
        layers = [layer for layer in glossary_layers(folder) if layer.path.exists()]
        where = display_path(layers[0].path) if len(layers) == 1 else display_path(folder)
        ui.info(f"{where}: no problems{overrides}")
    else:
        ui.info(
            f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
            f"{overrides}"
        )
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
    _, terms = _selected(args)
    text = FORMATS[_format_of(args.file, args.format)].dump(terms)
    if args.file == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.file)
    if any(target.resolve() == layer.path.resolve() for layer in glossary_layers(_folder(args))):
        raise GlossaryError(f"{args.file} is a layer of the term base itself; export to another file")
    atomic_write_text(target, text)
    ui.info(f"wrote {len(terms)} terms to {args.file}")
    return 0


def _suggest(args: argparse.Namespace, ui: UI) -> int:
    text = read_source(Path(args.source))
    termbase = load_glossary(_folder(args))
    termbase = TermBase(termbase.effective(), termbase.path)
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
        description="Edit and inspect the term base: glossary/layers/NN-name.tsv, read in order, "
        "then glossary/terms.tsv, the project's layer.",
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

    def layer_option(sub: argparse.ArgumentParser, edits: bool = True) -> None:
        what = (
            "the layer to edit (default: project, terms.tsv)" if edits
            else "only this layer's terms (project, or a name from layers/NN-NAME.tsv)"
        )
        sub.add_argument("--layer", metavar="NAME", help=what)

    def scope_option(sub: argparse.ArgumentParser, what: str) -> None:
        sub.add_argument(
            "--scope", metavar="place:NAME", action="append", help=f"{what} (repeat for several places)"
        )

    def place_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--place", metavar="PLACE", help="only the terms that apply to a report from PLACE"
        )

    kinds = ", ".join(KINDS)
    sub = action("list", _list, "show the terms and their layers (a table; TSV when piped)")
    sub.add_argument("--kind", metavar="K", help=f"only terms of this kind ({kinds})")
    layer_option(sub, edits=False)
    place_option(sub)
    sub.add_argument("text", nargs="?", metavar="TEXT", help="only terms with TEXT in zh, en or note")

    sub = action("add", _add, "add a term")
    sub.add_argument("zh", metavar="ZH", help="the Chinese term")
    sub.add_argument("en", metavar="EN", help="its approved English rendering")
    sub.add_argument("--kind", metavar="K", default="term", help=f"one of {kinds} (default: term)")
    sub.add_argument("--note", metavar="N", default="", help="a note for translators")
    scope_option(sub, "the term applies only to reports from this place")
    layer_option(sub)

    sub = action("set", _set, "change a term's rendering (the old one becomes forbidden)")
    sub.add_argument("zh", metavar="ZH", help="the Chinese term")
    sub.add_argument("en", metavar="EN", help="its new English rendering")
    scope_option(sub, "the row of this scope, where the term is listed for several")
    layer_option(sub)

    sub = action("remove", _remove, "remove a term")
    sub.add_argument("zh", metavar="ZH", help="the Chinese term")
    scope_option(sub, "only the row of this scope")
    layer_option(sub)

    action("check", _check, "list every problem in the term base (exit status 5 on errors)")

    sub = action("import", _import, "merge terms from a CSV, TSV or TBX file")
    sub.add_argument("file", metavar="FILE", help="the file to import (- for standard input)")
    sub.add_argument("--format", choices=sorted(FORMATS), help="default: from the file name")
    sub.add_argument(
        "--replace", action="store_true", help="take the file's rendering where the two disagree"
    )
    layer_option(sub)

    sub = action("export", _export, "write the term base as CSV, TSV or TBX")
    sub.add_argument("file", metavar="FILE", help="the file to write (- for standard output)")
    sub.add_argument("--format", choices=sorted(FORMATS), help="default: from the file name, else csv")
    layer_option(sub, edits=False)
    place_option(sub)

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
