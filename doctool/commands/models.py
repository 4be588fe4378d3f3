"""``doctool models list|install``: manage the offline machine-translation models."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from doctool.translate.engines import argos_importable, default_models_dir
from doctool.translate.models import install_package, list_packages
from doctool.ui import UI


def add_parser(sub: Any, name: str, parents: list[argparse.ArgumentParser]) -> None:
    """Register ``models`` and its subcommands."""
    p = sub.add_parser(
        name, parents=parents, help="list or install offline translation models (Argos)",
        description="Argos Translate models live in doctool's own folder "
        "($DOCTOOL_MODELS_DIR, else ~/.local/share/doctool/models); nothing is downloaded.",
    )
    p.add_argument("--models-dir", type=Path, help="where models are installed")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    actions.required = True
    actions.add_parser("list", parents=parents, help="show the installed models")
    install = actions.add_parser(
        "install", parents=parents, help="validate and install a .argosmodel package"
    )
    install.add_argument("package", type=Path, metavar="FILE.argosmodel")


def run(args: argparse.Namespace, ui: UI) -> int:
    """List or install models."""
    models_dir = args.models_dir or default_models_dir()
    if args.action == "install":
        info = install_package(args.package, models_dir)
        ui.info(
            f"installed {info.name} {info.package_version} ({info.from_code}→{info.to_code}) "
            f"into {models_dir}"
        )
        if not argos_importable():
            ui.warn("argostranslate is not installed, so the model cannot be used yet: "
                    "pip install torch==2.13.0, then pip install 'doctool[mt]'")
        return 0
    packages = list_packages(models_dir)
    if not packages:
        ui.info(f"no models installed in {models_dir}; "
                "add one with: doctool models install FILE.argosmodel")
        return 0
    for info in packages:
        print(f"{info.from_code}\t{info.to_code}\t{info.package_version}\t{info.name}")
    return 0
