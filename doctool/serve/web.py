"""What every page of the editor shares: the editor's state, templates, notes after a redirect."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import jinja2
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from doctool.serve.csrf import FIELD
from doctool.serve.project import Project
from doctool.serve.rebuild import Rebuilder

HERE = Path(__file__).resolve().parent
#: notes kept for pages not yet shown; the oldest go first
MAX_NOTES = 200

Tone = Literal["ok", "error", "info"]


@dataclass(frozen=True)
class Note:
    """A one-line message shown on the page after a change: what happened, or why not."""

    tone: Tone
    text: str
    #: a link that goes with it: (label, address within the editor)
    link: tuple[str, str] | None = None


@dataclass
class Editor:
    """The running editor: its project, rebuild worker, token, templates and pending notes."""

    project: Project
    rebuilder: Rebuilder
    csrf: str
    templates: Jinja2Templates
    _notes: OrderedDict[str, Note] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def leave(self, note: Note) -> str:
        """Keep ``note`` for the next page; the key that page is given."""
        key = secrets.token_urlsafe(8)
        with self._lock:
            self._notes[key] = note
            while len(self._notes) > MAX_NOTES:
                self._notes.popitem(last=False)
        return key

    def take(self, key: str | None) -> Note | None:
        """The note left under ``key``, once."""
        if not key:
            return None
        with self._lock:
            return self._notes.pop(key, None)


def templates() -> Jinja2Templates:
    """The editor's templates, from the package, with every value escaped."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return Jinja2Templates(env=env)


def editor(request: Request) -> Editor:
    """The editor serving ``request``."""
    found: Editor = request.app.state.editor
    return found


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """Template ``name`` with what every page shows: the project, the token, the rebuild, a note."""
    ed = editor(request)
    common = {
        "project": ed.project,
        "csrf_field": FIELD,
        "csrf_token": ed.csrf,
        "status": ed.rebuilder.status(),
        "note": ed.take(request.query_params.get("note")),
        "path": request.url.path,
    }
    return ed.templates.TemplateResponse(request, name, {**common, **context}, status_code=status)


def wants_json(request: Request) -> bool:
    """True for the pages' script, which asks for JSON; a plain form post gets a page."""
    return "application/json" in request.headers.get("accept", "")


def answer(request: Request, note: Note, to: str, anchor: str = "", **data: Any) -> Response:
    """The reply to a change: JSON for the script, else a redirect to ``to`` carrying the note."""
    if wants_json(request):
        return JSONResponse({"ok": note.tone != "error", "message": note.text,
                             "link": list(note.link) if note.link else None, **data},
                            status_code=422 if note.tone == "error" else 200)
    key = editor(request).leave(note)
    sep = "&" if "?" in to else "?"
    return RedirectResponse(f"{to}{sep}note={key}{anchor}", status_code=303)
