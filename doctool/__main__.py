"""Run doctool as ``python -m doctool``."""

from doctool.cli import main_entry

main_entry()
