"""``doctool serve [BUILD]``: the browser editor for reviewing translations and the glossary."""

from __future__ import annotations

import argparse
import importlib.util
import socket
from pathlib import Path
from typing import Any

from doctool.commands.engine_options import add_engine_options
from doctool.commands.translate import add_fuzzy_option, add_place_option
from doctool.errors import DoctoolError
from doctool.ui import UI

INSTALL = "pip install 'doctool[serve]'"
#: what the editor needs beyond doctool itself: import name -> what it is
NEEDS = ("starlette", "uvicorn", "jinja2", "multipart")


class ServeError(DoctoolError):
    """The editor cannot start: its libraries are missing, or its address is taken."""

    exit_code = 11


def add_parser(sub: Any, name: str, parents: list[argparse.ArgumentParser]) -> None:
    """Register ``serve``."""
    p = sub.add_parser(
        name, parents=parents, help="edit translations and the glossary in a browser",
        description="Start a local web editor for a build: review each segment in Chinese and "
        "English and approve it into the translation memory, and edit the glossary; the pack is "
        "rebuilt after each change. It listens on 127.0.0.1 only, unless --host says otherwise.",
    )
    p.add_argument("build", type=Path, nargs="?", metavar="BUILD",
                   help="a build folder, build/<slug>/ (default: the only one under build/)")
    p.add_argument("--source", type=Path, metavar="FILE",
                   help="the report the build was made from (default: as the build recorded it)")
    p.add_argument("--glossary", type=Path, metavar="DIR",
                   help="glossary folder (default: ./glossary or a parent's)")
    p.add_argument("--host", default="127.0.0.1",
                   help="the address to listen on (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=0, help="the port (default: a free one)")
    add_engine_options(p, "machine translation for rebuilds (default: auto)")
    p.add_argument("--models-dir", type=Path, help="where Argos models are installed")
    add_fuzzy_option(p)
    add_place_option(p)


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host``:``port`` (0: a free port); ServeError, saying what to do, if not."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        where = f"{host}:{port}" if port else host
        fix = "give another --port" if port else "give another --host"
        raise ServeError(f"cannot listen on {where}: {exc.strerror or exc}; {fix}") from None
    return sock


def require_serve() -> None:
    """Refuse, with the command that fixes it, an install without the ``serve`` extra."""
    missing = [name for name in NEEDS if importlib.util.find_spec(name) is None]
    if missing:
        raise ServeError(f"doctool serve needs {', '.join(missing)}; install them with {INSTALL}")


def run(args: argparse.Namespace, ui: UI) -> int:
    """Start the editor and serve until interrupted."""
    require_serve()
    import uvicorn

    from doctool.glossary.folder import display_path
    from doctool.pipeline import BuildOptions
    from doctool.serve.app import create_app
    from doctool.serve.project import Project
    from doctool.serve.rebuild import Rebuilder, build_project

    options = BuildOptions(engine=args.engine, models_dir=args.models_dir, fuzzy=args.fuzzy,
                           llm_url=args.llm_url, llm_model=args.llm_model, place=args.place)
    project = Project.open(args.build, args.glossary, args.source, options)
    # bound here, before anything is printed: a taken port is one line, not a server's log
    sock = listen(args.host, args.port)
    port = sock.getsockname()[1]
    hosts = ["127.0.0.1", "localhost", args.host]
    if args.host in ("0.0.0.0", "::"):
        hosts = ["*"]
        ui.warn(f"listening on every address ({args.host}): anyone who can reach this machine can edit")
    rebuilder = Rebuilder(lambda: build_project(project)).start()
    app = create_app(project, rebuilder, hosts)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    what = (f"build {display_path(project.build)}" if project.build
            else f"glossary {display_path(project.glossary_dir)}")
    ui.info(f"doctool serve: editing {what}")
    print(f"http://{shown}:{port}/", flush=True)
    ui.info("press Ctrl+C to stop")
    config = uvicorn.Config(app, host=args.host, port=port, log_level="warning", access_log=False,
                            lifespan="off")
    server = uvicorn.Server(config)
    try:
        server.run(sockets=[sock])
    finally:
        rebuilder.stop()
        sock.close()
    return 0
