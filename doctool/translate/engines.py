"""Machine-translation engines behind one small protocol; Argos Translate is the offline one.

The translator only needs ``engine.translate(texts) -> texts``, so tests pass a fake and the
real engine is built once, from a models folder that doctool controls (see
:mod:`doctool.translate.models`). argostranslate is an optional extra and heavy to import
(it pulls torch through stanza), so it is imported only when an :class:`ArgosEngine` is built.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any, Literal, Protocol

from doctool.errors import ModelError
from doctool.translate.llm import LLMEngine, LLMSettings
from doctool.translate.models import FROM_CODE, TO_CODE, installed_package

EngineName = Literal["auto", "memory", "argos", "llm"]
ENGINE_NAMES: tuple[EngineName, ...] = ("auto", "memory", "argos", "llm")

NO_MODEL = (
    f"no {FROM_CODE}→{TO_CODE} Argos model is installed; "
    "install one with: doctool models install FILE.argosmodel"
)
NO_ARGOS = (
    "argostranslate is not installed, or is incomplete; install the CPU build of torch first "
    "(pip install torch==2.13.0), then: pip install 'doctool[mt]'"
)

# what argostranslate needs importable; checked with find_spec, which imports nothing
_REQUIRED_MODULES = ("argostranslate", "ctranslate2", "sentencepiece")


class Engine(Protocol):
    """Translates Chinese segments into English, one output per input, in the same order."""

    name: str

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate each text; the result has one entry per input."""
        ...


def default_models_dir() -> Path:
    """Where models live: ``$DOCTOOL_MODELS_DIR``, else ``$XDG_DATA_HOME/doctool/models``, else
    ``~/.local/share/doctool/models`` (on Linux; the platform's data folder elsewhere)."""
    override = os.environ.get("DOCTOOL_MODELS_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs

    # platformdirs ignores a relative XDG_DATA_HOME, as the XDG spec says
    return platformdirs.user_data_path("doctool", appauthor=False) / "models"


def argos_importable() -> bool:
    """Whether argostranslate and its model runtimes are installed (without importing them)."""
    return all(importlib.util.find_spec(name) is not None for name in _REQUIRED_MODULES)


def argos_available(models_dir: Path) -> bool:
    """Whether the Argos engine can be built: argostranslate installed and a zh→en model too."""
    return argos_importable() and installed_package(Path(models_dir)) is not None


def make_engine(name: EngineName, models_dir: Path, llm: LLMSettings | None = None) -> Engine | None:
    """The engine for ``--engine NAME``: None means translation memory only.

    ``llm`` configures the llm engine; without it, its settings come from the environment.
    """
    if name == "memory":
        return None
    if name == "argos":
        return ArgosEngine(models_dir)
    if name == "llm":
        return LLMEngine(llm or LLMSettings.from_env())
    if name == "auto":
        # a model that is installed but broken still raises: falling back would hide it
        return ArgosEngine(models_dir) if argos_available(models_dir) else None
    raise ValueError(f"unknown engine {name!r}; expected one of {', '.join(ENGINE_NAMES)}")


class _WholeText:
    """A sentence splitter that keeps the text whole: doctool hands over single sentences.

    It replaces argostranslate's default (MiniSBD), which downloads a model on first use when
    the package does not ship one.
    """

    def split_sentences(self, text: str) -> list[str]:
        """Return the text as its only sentence."""
        return [text]


class ArgosEngine:
    """Offline zh→en translation with an installed Argos Translate package."""

    name = "argos"

    def __init__(self, models_dir: Path) -> None:
        """Load the zh→en package under ``models_dir``; raise ModelError if that cannot be done."""
        self.models_dir = Path(models_dir)
        if not argos_importable():
            raise ModelError(NO_ARGOS)
        package_path = installed_package(self.models_dir)
        if package_path is None:
            raise ModelError(NO_MODEL)
        self.package_path = package_path
        self._translation = _load_translation(_import_argos(self.models_dir), package_path)

    def translate(self, texts: Sequence[str]) -> list[str]:
        """Translate each text as one sentence; blank texts give empty strings."""
        results = []
        for text in texts:
            if not text.strip():
                results.append("")
                continue
            try:
                hypotheses = self._translation.hypotheses(text, num_hypotheses=1)
            except RuntimeError as exc:
                raise ModelError(
                    f"the Argos model in {self.package_path} failed to translate ({exc}); "
                    "reinstall it with: doctool models install FILE.argosmodel"
                ) from None
            results.append(str(hypotheses[0].value))
        return results


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the duration of the block, then restore them."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _import_argos(models_dir: Path) -> dict[str, ModuleType]:
    """Import argostranslate with every folder it touches inside ``models_dir``.

    argostranslate reads these variables once, at import, and creates its data, config and
    cache folders then (onnxruntime, imported with it, writes into the cache folder too), so
    they must point at doctool's folder before the first import. They are restored afterwards
    so the rest of the process (and ``default_models_dir``) still sees the user's own. Only the
    first import in a process reads them; engines built later for another folder still work,
    because the package is loaded from its own path, never looked up through these settings.
    """
    runtime = models_dir / "runtime"
    overrides = {
        "ARGOS_PACKAGES_DIR": str(models_dir / "packages"),
        "XDG_DATA_HOME": str(runtime / "data"),
        "XDG_CONFIG_HOME": str(runtime / "config"),
        "XDG_CACHE_HOME": str(runtime / "cache"),
        # a user's ARGOS_CHUNK_TYPE=SPACY would download a spaCy model at import;
        # MiniSBD loads nothing until used, and its splitter is replaced anyway
        "ARGOS_CHUNK_TYPE": "MINISBD",
    }
    try:
        with _environment(overrides):
            import argostranslate.package
            import argostranslate.settings
            import argostranslate.translate
    except ImportError as exc:
        raise ModelError(f"{NO_ARGOS} (import failed: {exc})") from None
    except OSError as exc:
        raise ModelError(
            f"cannot prepare {runtime} for argostranslate: {exc.strerror or exc}; "
            "choose a writable models folder with DOCTOOL_MODELS_DIR"
        ) from None
    return {
        "package": argostranslate.package,
        "settings": argostranslate.settings,
        "translate": argostranslate.translate,
    }


def _load_translation(argos: dict[str, ModuleType], package_path: Path) -> Any:
    """Build argostranslate's translation for one package, loading everything now.

    argostranslate's usual entry (``get_translation_from_codes``) scans the package folder it
    read at import, fails on any stray folder there and may pivot through a third language;
    building the one translation from the validated package avoids all of that.
    """
    package_module, settings, translate = argos["package"], argos["settings"], argos["translate"]
    reinstall = "reinstall it with: doctool models install FILE.argosmodel"
    try:
        package = package_module.Package(package_path)
        if not hasattr(package, "tokenizer"):
            raise ModelError(f"the Argos model in {package_path} has no tokenizer; {reinstall}")
        translation = translate.PackageTranslation(
            translate.Language(FROM_CODE, package.from_name or "Chinese"),
            translate.Language(TO_CODE, package.to_name or "English"),
            package,
        )
        translation.sentencizer = _WholeText()
        # load the tokenizer and the CTranslate2 model now, with the arguments argostranslate
        # itself would use later, so a damaged model fails here with a clear message
        package.tokenizer.encode("会议")
        import ctranslate2

        translation.translator = ctranslate2.Translator(
            str(package_path / "model"),
            device=settings.device,
            inter_threads=settings.inter_threads,
            intra_threads=settings.intra_threads,
            compute_type=settings.compute_type,
        )
    except (OSError, RuntimeError, ValueError) as exc:
        raise ModelError(f"the Argos model in {package_path} cannot be loaded ({exc}); {reinstall}") from None
    return translation
