"""A glossary folder's term base read layer by layer, and checked across its layers.

Each layer is checked on its own by the term-base rules; across layers, a later layer listing a
term an earlier one has is an override, not a conflict (``glossary check`` reports it as
information), and longer terms must still carry the English of shorter ones they contain.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from doctool.glossary.folder import Layer, display_path, glossary_layers
from doctool.glossary.termfile import Problem, TermFileError, read_table
from doctool.glossary.terms import SCOPE_SEPARATOR, Term, TermBase
from doctool.glossary.validation import (
    check_termbase,
    disagreeing_nests,
    nesting_message,
    raise_first,
    scan_table,
)


def _existing(glossary_dir: Path) -> list[Layer]:
    return [layer for layer in glossary_layers(glossary_dir) if layer.path.exists()]


def _duplicate_names(layers: list[Layer]) -> list[Problem]:
    seen: dict[str, Layer] = {}
    problems: list[Problem] = []
    for layer in layers:
        if layer.name in seen:
            problems.append(
                Problem(
                    display_path(layer.path),
                    None,
                    f"this layer has the name {layer.name!r} of {display_path(seen[layer.name].path)}; "
                    "rename one of the files",
                )
            )
        seen.setdefault(layer.name, layer)
    return problems


def load_glossary(glossary_dir: Path, strict: bool = True) -> TermBase:
    """The term base of every layer of ``glossary_dir``; refuse a layer with a wrong row.

    Its ``terms`` are those that apply where the place is not known; a build takes those of its
    report's place with :meth:`~doctool.glossary.terms.TermBase.for_place`.
    """
    layers = _existing(glossary_dir)
    if strict:
        raise_first(_duplicate_names(layers))
    rows: list[Term] = []
    for layer in layers:
        scan = scan_table(read_table(layer.path))
        if strict:
            raise_first(scan.problems)
        rows += [replace(term, layer=layer.name) for term in scan.terms]
    project = glossary_layers(glossary_dir)[-1].path
    return TermBase.of_rows(rows, project)


def _scoped(term: Term) -> str:
    return f" for {SCOPE_SEPARATOR.join(term.scope)}" if term.scope else ""


def override_notes(termbase: TermBase, paths: dict[str, Path]) -> list[Problem]:
    """A term listed again by a later layer: where, and which rendering it takes over."""
    earlier: dict[str, list[Term]] = {}
    notes: list[Problem] = []
    for term in termbase.rows:
        for before in earlier.get(term.zh, []):
            if before.layer == term.layer:
                continue
            same = "the same rendering" if before.en == term.en else f"{term.en!r}"
            # worth a second look, but the later layer may have its reasons: still information
            banned = f", which layer {before.layer} lists as forbidden" if term.en in before.forbidden else ""
            notes.append(
                Problem(
                    display_path(paths[term.layer]),
                    None,
                    f"{term.zh}{_scoped(term)} overrides layer {before.layer}'s "
                    f"{before.en!r}{_scoped(before)} with {same}{banned}",
                    "info",
                )
            )
        earlier.setdefault(term.zh, []).append(term)
    return notes


def _cross_layer_nesting(termbase: TermBase, paths: dict[str, Path]) -> list[Problem]:
    """Nesting problems between terms of different layers (each layer checks its own)."""
    return [
        Problem(
            display_path(paths[outer.layer]),
            None,
            f"{nesting_message(outer, inner)} (it is in layer {inner.layer})",
        )
        for outer, inner in disagreeing_nests(termbase.effective())
        if outer.layer != inner.layer
    ]


def check_glossary(glossary_dir: Path) -> list[Problem]:
    """Every problem in every layer, then overrides across layers (as information)."""
    layers = _existing(glossary_dir)
    if not layers:
        # no file at all: the project's own check says what to do
        return check_termbase(glossary_layers(glossary_dir)[-1].path)
    problems = _duplicate_names(layers)
    for layer in layers:
        problems += check_termbase(layer.path)
    if len(layers) > 1 and not any(p.severity == "error" for p in problems):
        try:
            termbase = load_glossary(glossary_dir, strict=False)
        except TermFileError as exc:
            return [*problems, exc.problem]
        paths = {layer.name: layer.path for layer in layers}
        problems += _cross_layer_nesting(termbase, paths)
        problems += override_notes(termbase, paths)
    return problems
