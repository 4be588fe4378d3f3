"""The ``--engine`` option and the llm engine's options, shared by ``build`` and ``translate``."""

from __future__ import annotations

import argparse

from doctool.translate.engines import ENGINE_NAMES
from doctool.translate.llm import API_KEY_VARS, BASE_URL_VAR, MODEL_VAR


def add_engine_options(p: argparse.ArgumentParser, engine_help: str) -> None:
    """``--engine`` and, for ``--engine llm``, ``--llm-url`` and ``--llm-model``."""
    p.add_argument("--engine", choices=ENGINE_NAMES, default="auto", help=engine_help)
    p.add_argument(
        "--llm-url", metavar="URL",
        help=f"with --engine llm: the OpenAI-compatible server's base URL, such as "
        f"http://127.0.0.1:8080/v1 (default: ${BASE_URL_VAR}); an API key is read from "
        f"${API_KEY_VARS[0]} or ${API_KEY_VARS[1]} only",
    )
    p.add_argument(
        "--llm-model", metavar="NAME",
        help=f"with --engine llm: the model the server is asked for (default: ${MODEL_VAR})",
    )
