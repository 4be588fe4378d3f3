"""The doctool command line: ``main(argv) -> int``; the only place that prints or exits."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Iterable, Sequence
from types import ModuleType

from doctool import __version__
from doctool.errors import DoctoolError
from doctool.ui import UI

#: subcommand name -> module under doctool.commands providing add_parser() and run()
COMMANDS: dict[str, str] = {
    "build": "doctool.commands.build",
    "extract": "doctool.commands.extract",
    "translate": "doctool.commands.translate",
    "check": "doctool.commands.check",
    "render": "doctool.commands.render",
    "glossary": "doctool.commands.glossary",
    "models": "doctool.commands.models",
    "xliff": "doctool.commands.xliff",
    "omegat": "doctool.commands.omegat",
    "serve": "doctool.commands.serve",
}


class _Parser(argparse.ArgumentParser):
    """argparse with a one-line usage error and exit status 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"doctool: error: {message} (see doctool {self.prog.split()[-1]} --help)\n")


def _available(names: Iterable[str] = COMMANDS) -> dict[str, ModuleType]:
    modules: dict[str, ModuleType] = {}
    for name in names:
        module = COMMANDS[name]
        try:
            modules[name] = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
    return modules


def _named_command(argv: Sequence[str]) -> str | None:
    """The subcommand ``argv`` runs, when that is plain before parsing; None for help or doubt.

    The top-level options take no values, so the first word that is not an option names it.
    Importing only that command's module keeps a build from loading every other command's
    libraries first.
    """
    for arg in argv:
        if arg in ("-h", "--help", "--version"):
            return None
        if not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def build_parser(modules: dict[str, ModuleType]) -> argparse.ArgumentParser:
    """The argument parser with every available subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    common.add_argument("-v", "--verbose", action="store_true", help="print more detail")
    # the subcommands accept the same flags; SUPPRESS keeps their defaults from undoing a
    # flag given before the subcommand (doctool -q build ...)
    sub_common = argparse.ArgumentParser(add_help=False)
    sub_common.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS,
                            help="print errors only")
    sub_common.add_argument("-v", "--verbose", action="store_true", default=argparse.SUPPRESS,
                            help="print more detail")
    parser = _Parser(
        prog="doctool",
        description="Turn a Chinese report of a government meeting into briefing packs "
        "in Chinese and English (DOCX and PDF).",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"doctool {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, module in modules.items():
        module.add_parser(sub, name, [sub_common])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run doctool with ``argv`` and return the exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    named = _named_command(argv)
    # help, a mistyped command or one that cannot load: the parser needs every command
    modules = (_available((named,)) if named else {}) or _available()
    parser = build_parser(modules)
    args = parser.parse_args(argv)
    ui = UI(quiet=args.quiet, verbose=args.verbose)
    try:
        return int(modules[args.command].run(args, ui))
    except DoctoolError as exc:
        ui.error(str(exc))
        return exc.exit_code
    except KeyboardInterrupt:
        ui.error("interrupted; no output file was left half-written")
        return 130
    except BrokenPipeError:
        return 0


def main_entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
