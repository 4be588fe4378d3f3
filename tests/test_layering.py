"""The package's layers point one way: the commands use the library, never the reverse."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "doctool"
#: the only module outside doctool/commands/ that may name a command module: it dispatches to them
DISPATCHER = PACKAGE / "cli.py"


def _named_modules(path: Path) -> set[str]:
    """The modules ``path`` imports, and the dotted names its strings spell (importlib's use)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.add(node.value)
    return names


LIBRARY = sorted(
    p for p in PACKAGE.rglob("*.py") if p != DISPATCHER and "commands" not in p.relative_to(PACKAGE).parts
)


@pytest.mark.parametrize("path", LIBRARY, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_library_module_depends_on_the_commands(path: Path) -> None:
    commands = sorted(n for n in _named_modules(path) if n == "doctool.commands" or n.startswith("doctool.commands."))
    assert not commands, f"{path.relative_to(PACKAGE.parent)} names {commands}"


#: the libraries of the ``serve`` extra, which the rest of doctool must work without
SERVE_EXTRA = ("starlette", "uvicorn", "jinja2", "multipart")
EDITOR = PACKAGE / "serve"


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_the_editor_imports_the_serve_extra(path: Path) -> None:
    web = sorted(n for n in _named_modules(path) if n.split(".")[0] in SERVE_EXTRA)
    # the command imports them inside run(), after checking they are installed
    if path.is_relative_to(EDITOR) or path == PACKAGE / "commands" / "serve.py":
        return
    assert not web, f"{path.relative_to(PACKAGE.parent)} imports {web}; only doctool/serve/ may"


def test_the_editors_command_loads_without_the_extra() -> None:
    tree = ast.parse((PACKAGE / "commands" / "serve.py").read_text(encoding="utf-8"))
    top = {alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names}
    top |= {node.module or "" for node in tree.body if isinstance(node, ast.ImportFrom)}
    late = sorted(n for n in top if n.split(".")[0] in SERVE_EXTRA or n.startswith("doctool.serve"))
    assert not late, f"doctool/commands/serve.py imports {late} when it loads; import them in run()"
