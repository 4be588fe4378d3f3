"""What the CLI says to people: messages on standard error, quiet and verbose levels, colour.

Library code never prints; it returns values or raises. The CLI hands a ``UI`` to commands.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.console import Console


@dataclass
class UI:
    """Where a command reports progress and results; honours --quiet, --verbose and NO_COLOR."""

    quiet: bool = False
    verbose: bool = False
    stream: TextIO = field(default_factory=lambda: sys.stderr)

    @cached_property
    def console(self) -> Console:
        """The rich console on ``stream``, made when something is first printed."""
        # imported here: a quiet command that succeeds prints nothing, and rich takes a while
        from rich.console import Console

        no_color = bool(os.environ.get("NO_COLOR"))
        return Console(
            file=self.stream, no_color=no_color, highlight=False, soft_wrap=True,
            force_terminal=None if not no_color else False,
        )

    @property
    def interactive(self) -> bool:
        """True when standard error is a terminal (progress bars are worth drawing)."""
        return self.stream.isatty() and not self.quiet

    def info(self, message: str) -> None:
        """A normal progress message (hidden by --quiet)."""
        if not self.quiet:
            self.console.print(message, markup=False)

    def detail(self, message: str) -> None:
        """A message shown only with --verbose."""
        if self.verbose and not self.quiet:
            self.console.print(message, markup=False, style="dim")

    def warn(self, message: str) -> None:
        """A warning, shown even with --quiet."""
        self.console.print(f"warning: {message}", markup=False, style="yellow")

    def error(self, message: str) -> None:
        """An error message: one line, shown always."""
        self.console.print(f"doctool: error: {message}", markup=False, style="bold red")
