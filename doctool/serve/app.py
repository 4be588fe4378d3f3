"""The editor's ASGI application: its routes, its safety nets and the files it may send.

Only names reach the file system from the browser: a segment id, a term's layer, Chinese and
scope, a document of the pack by its name in :data:`~doctool.render.pack.DOCUMENTS`, a font
of the package by its name. Requests must name this machine as their host (so a page on
another site cannot reach the editor by rebinding its own name to 127.0.0.1), and every POST
carries the server run's CSRF token.
"""

from __future__ import annotations

from collections.abc import Sequence

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from doctool.errors import DoctoolError
from doctool.render.pack import DOCUMENTS, document_name
from doctool.serve import glossary_views, review
from doctool.serve.csrf import CsrfRefused, new_token
from doctool.serve.project import Project
from doctool.serve.rebuild import Rebuilder
from doctool.serve.web import HERE, Editor, editor, render, templates

#: the fonts the pages may load, by the name they are asked for
FONTS_DIR = HERE.parent / "fonts"
PAGE_FONTS = {"serif-cjk.ttf": "NotoSerifCJKsc-Regular.ttf", "serif.ttf": "NotoSerif-Regular.ttf"}
PACK_FILES = frozenset(document_name(lang, fmt) for lang, fmt in DOCUMENTS) | {"qa.json"}
_MEDIA = {".pdf": "application/pdf", ".json": "application/json",
          ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


async def home(request: Request) -> Response:
    """GET /: the review page when there is a build, else the glossary."""
    has_build = editor(request).project.build is not None
    return RedirectResponse("/review" if has_build else "/glossary", status_code=303)


async def status(request: Request) -> Response:
    """GET /status: the rebuild's state, for the pages' script."""
    return JSONResponse(editor(request).rebuilder.status().as_json())


async def pack_file(request: Request) -> Response:
    """GET /pack/NAME: one document of the pack, by its name only."""
    name = request.path_params["name"]
    build = editor(request).project.build
    if name not in PACK_FILES or build is None or not (build / name).is_file():
        raise HTTPException(404)
    media = _MEDIA[name[name.rindex("."):]]
    disposition = "inline" if name.endswith((".pdf", ".json")) else "attachment"
    return FileResponse(build / name, media_type=media, content_disposition_type=disposition,
                        filename=name)


async def font(request: Request) -> Response:
    """GET /fonts/NAME: a font the package ships, so Chinese looks as it does in the pack."""
    name = PAGE_FONTS.get(request.path_params["name"])
    if name is None or not (FONTS_DIR / name).is_file():
        raise HTTPException(404)
    return FileResponse(FONTS_DIR / name, media_type="font/ttf",
                        headers={"cache-control": "max-age=86400"})


async def refused(request: Request, exc: Exception) -> Response:
    """A change request without the right token: a 403 page that says what to do."""
    return render(request, "error.html", {
        "title": "Request refused",
        "message": "This change did not carry the editor's security token (it may come from "
        "another site, or from a page of an earlier run of doctool serve). Nothing was "
        "changed; reload the page and try again.",
    }, 403)


async def user_error(request: Request, exc: Exception) -> Response:
    """A broken glossary or build met while showing a page: its one-line message, what to do."""
    return render(request, "error.html", {"title": "The editor cannot show this", "message": str(exc)}, 409)


async def http_error(request: Request, exc: Exception) -> Response:
    """404 and the like as a page of the editor."""
    code = exc.status_code if isinstance(exc, HTTPException) else 500
    messages = {404: "There is no such page in the editor.", 405: "That is not how this page is used."}
    return render(request, "error.html", {
        "title": f"{code}", "message": messages.get(code, "The request could not be served."),
    }, code)


def create_app(
    project: Project, rebuilder: Rebuilder | None = None,
    hosts: Sequence[str] = ("127.0.0.1", "localhost"), token: str | None = None,
) -> Starlette:
    """The editor for ``project``; requests must name one of ``hosts``."""
    routes = [
        Route("/", home),
        Route("/review", review.page),
        Route("/review/approve", review.approve, methods=["POST"]),
        Route("/glossary", glossary_views.page),
        Route("/glossary/add", glossary_views.add, methods=["POST"]),
        Route("/glossary/edit", glossary_views.edit_form, methods=["GET"]),
        Route("/glossary/edit", glossary_views.edit, methods=["POST"]),
        Route("/glossary/remove", glossary_views.remove, methods=["POST"]),
        Route("/status", status),
        Route("/pack/{name}", pack_file),
        Route("/fonts/{name}", font),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts))],
        exception_handlers={CsrfRefused: refused, HTTPException: http_error, DoctoolError: user_error},
    )
    worker = rebuilder or Rebuilder(lambda: "no build to update")
    app.state.editor = Editor(project, worker, token or new_token(), templates())
    return app
