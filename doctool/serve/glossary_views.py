"""The glossary page: list and search the term base; add, edit and remove terms in any layer.

Every change goes through the CLI's own functions (``doctool glossary add/set/remove``: their
lock, validation and conflict checks, and ``set``'s propagation of a new rendering to longer
terms and to the memory). A term is named by its layer, Chinese and scope, never by a path;
each form carries the version of the row it shows, and a row changed since is shown as a
conflict beside what was submitted, not overwritten.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from doctool.errors import DoctoolError
from doctool.glossary.editing import add_term
from doctool.glossary.folder import find_layer, glossary_layers
from doctool.glossary.layers import load_glossary
from doctool.glossary.revising import (
    StaleEdit,
    refresh_memory_file,
    remove_revised,
    revise_term,
    term_version,
)
from doctool.glossary.terms import (
    FORBIDDEN_SEPARATOR,
    KINDS,
    SCOPE_SEPARATOR,
    Term,
    nfc,
    parse_kind,
    split_forbidden,
    split_scope,
)
from doctool.serve.csrf import checked_form
from doctool.serve.web import Editor, Note, answer, editor, render

FLAGGING_CHECKS = ("term", "forbidden")


@dataclass(frozen=True)
class Listed:
    """A row of the term base as the page lists it."""

    term: Term
    version: str
    #: False when a later layer lists the same term for the same scope
    effective: bool

    @property
    def query(self) -> str:
        """The address of the row's edit form."""
        return "/glossary/edit?" + urlencode(key_of(self.term))


def key_of(term: Term) -> dict[str, str]:
    """What names a row: its layer, Chinese and scope."""
    return {"layer": term.layer, "zh": term.zh, "scope": SCOPE_SEPARATOR.join(term.scope)}


def _text(form: FormData, name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def term_of(form: FormData) -> Term:
    """The term a form submits; GlossaryError for an unknown kind (the CLI's message)."""
    return Term(
        zh=nfc(_text(form, "zh").strip()),
        en=_text(form, "en"),
        kind=parse_kind(_text(form, "kind") or "term"),
        note=_text(form, "note"),
        forbidden=split_forbidden(_text(form, "forbidden")),
        scope=split_scope(_text(form, "scope")),
        layer=_text(form, "layer") or "project",
    )


def listing(ed: Editor) -> list[Listed]:
    """Every row of every layer, in layer order."""
    termbase = load_glossary(ed.project.glossary_dir)
    effective = {id(term) for term in termbase.effective()}
    return [Listed(term, term_version(term), id(term) in effective) for term in termbase.rows]


def find_row(ed: Editor, layer: str, zh: str, scope: tuple[str, ...]) -> Term | None:
    """The row of ``layer`` for ``zh`` in ``scope``, or None."""
    rows = load_glossary(ed.project.glossary_dir).rows
    return next((t for t in rows if t.layer == layer and t.zh == zh and t.scope == scope), None)


def flagged(ed: Editor, term: Term) -> int:
    """How many segments of the build the checks now flag for ``term``."""
    snap = ed.project.snapshot()
    if snap.content is None:
        return 0
    zh = {s.id: s.zh for s in snap.content.segments()}
    return len({f.segment for f in snap.findings
                if f.check in FLAGGING_CHECKS and term.zh in zh.get(f.segment, "")})


def _changed(ed: Editor) -> None:
    if ed.project.build is not None:
        ed.rebuilder.request()


def _matches(listed: Listed, query: str, kind: str, layer: str) -> bool:
    term = listed.term
    if (kind and term.kind != kind) or (layer and term.layer != layer):
        return False
    wanted = query.casefold().strip()
    texts = (term.zh, term.en, term.note, *term.forbidden, *term.scope)
    return not wanted or any(wanted in text.casefold() for text in texts)


async def page(request: Request) -> Response:
    """GET /glossary: the terms, searched by ``q`` and filtered by ``kind`` and ``layer``."""
    ed = editor(request)
    query = request.query_params.get("q", "")
    kind = request.query_params.get("kind", "")
    layer = request.query_params.get("layer", "")
    problem = None
    try:
        rows = await run_in_threadpool(listing, ed)
    except DoctoolError as exc:
        rows, problem = [], str(exc)
    shown = [row for row in rows if _matches(row, query, kind, layer)]
    layers = [item.name for item in glossary_layers(ed.project.glossary_dir)]
    return render(request, "glossary.html", {
        "rows": shown, "total": len(rows), "q": query, "kind": kind, "layer": layer,
        "kinds": KINDS, "layers": layers, "problem": problem, "separator": FORBIDDEN_SEPARATOR,
        "scope_separator": SCOPE_SEPARATOR,
    })


async def add(request: Request) -> Response:
    """POST /glossary/add: add a term to a layer, as ``doctool glossary add`` does."""
    form = await checked_form(request)
    ed = editor(request)
    try:
        term = term_of(form)
        layer = find_layer(ed.project.glossary_dir, term.layer)
        added = await run_in_threadpool(add_term, layer.path, term)
    except DoctoolError as exc:
        return answer(request, Note("error", str(exc)), "/glossary")
    _changed(ed)
    count = await run_in_threadpool(flagged, ed, added)
    text = f"added {added.zh} → {added.en} ({added.kind}) to layer {layer.name}"
    # the list then shows the new row, which a long term base would have at its end
    to = "/glossary?" + urlencode({"q": added.zh})
    if count:
        text += f"; the checks flag {count} segment{'s' * (count != 1)} of the build for it"
        return answer(request, Note("ok", text, ("Review them", "/review?show=findings")), to)
    return answer(request, Note("ok", text), to)


async def edit_form(request: Request) -> Response:
    """GET /glossary/edit: the form for one row, carrying its version."""
    ed = editor(request)
    params = request.query_params
    layer, zh = params.get("layer", "project"), nfc(params.get("zh", ""))
    scope = split_scope(params.get("scope", ""))
    try:
        term = await run_in_threadpool(find_row, ed, layer, zh, scope)
    except DoctoolError as exc:
        return render(request, "error.html",
                      {"title": "The glossary cannot be read", "message": str(exc)}, 500)
    if term is None:
        return render(request, "error.html", {
            "title": "No such term",
            "message": f"{zh} is not in layer {layer} (it may have been removed); go back to the glossary",
        }, 404)
    return render(request, "term_edit.html", {
        "term": term, "version": term_version(term), "kinds": KINDS, "key": key_of(term),
        "separator": FORBIDDEN_SEPARATOR, "scope_separator": SCOPE_SEPARATOR,
    })


def _key(form: FormData) -> tuple[str, str, tuple[str, ...]]:
    return _text(form, "key_layer"), nfc(_text(form, "key_zh")), split_scope(_text(form, "key_scope"))


def _conflict(request: Request, exc: StaleEdit, layer: str, mine: Term | None, action: str) -> Response:
    # the row as read under the lock knows its cells, not the layer it was read from
    current = replace(exc.current, layer=layer) if exc.current else None
    return render(request, "conflict.html", {
        "message": str(exc), "mine": mine, "current": current, "action": action,
        "version": term_version(current) if current else "", "kinds": KINDS,
        "key": key_of(current) if current else None, "separator": FORBIDDEN_SEPARATOR,
        "scope_separator": SCOPE_SEPARATOR,
    }, 409)


async def edit(request: Request) -> Response:
    """POST /glossary/edit: revise a row; a new rendering propagates as ``glossary set`` does."""
    form = await checked_form(request)
    ed = editor(request)
    layer_name, zh, scope = _key(form)
    version = _text(form, "version")
    mine: Term | None = None
    try:
        mine = replace(term_of(form), zh=zh, layer=layer_name)
        layer = find_layer(ed.project.glossary_dir, layer_name)
        result = await run_in_threadpool(revise_term, layer.path, zh, scope, version, mine)
    except StaleEdit as exc:
        return _conflict(request, exc, layer_name, mine, "edit")
    except DoctoolError as exc:
        key = {"layer": layer_name, "zh": zh, "scope": SCOPE_SEPARATOR.join(scope)}
        back = "/glossary/edit?" + urlencode(key)
        return answer(request, Note("error", str(exc)), back)
    text = f"saved {result.term.zh} in layer {layer.name}"
    if result.old != result.term.en:
        text += f": {result.old!r} → {result.term.en!r} ({result.old!r} is now forbidden)"
        text += "".join(f"; {longer}: {before!r} → {after!r}" for longer, before, after in result.cascaded)
        path, changed = await run_in_threadpool(refresh_memory_file, ed.project.glossary_dir)
        if changed:
            text += f"; updated {changed} translations in {path.name}"
    _changed(ed)
    return answer(request, Note("ok", text), "/glossary?" + urlencode({"q": result.term.zh}))


async def remove(request: Request) -> Response:
    """POST /glossary/remove: remove a row, unless it changed since the page showed it."""
    form = await checked_form(request)
    ed = editor(request)
    layer_name, zh, scope = _key(form)
    try:
        layer = find_layer(ed.project.glossary_dir, layer_name)
        removed = await run_in_threadpool(remove_revised, layer.path, zh, scope, _text(form, "version"))
    except StaleEdit as exc:
        return _conflict(request, exc, layer_name, None, "remove")
    except DoctoolError as exc:
        return answer(request, Note("error", str(exc)), "/glossary")
    _changed(ed)
    was = ", ".join(repr(en) for en in removed)
    return answer(request, Note("ok", f"removed {zh} ({was}) from layer {layer.name}"), "/glossary")
