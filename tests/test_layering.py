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
