"""House settings: what a project's briefing packs say about themselves, from ``doctool.toml``.

The brief's name, issue number, compiling office (编印单位), date of issue, classification line
and the 报尾's distribution lists come from a TOML file in the project folder (the folder that
holds ``glossary/``), or the file ``--settings`` names. Keys at the top of the file hold for
every edition; the ``[zh]`` and ``[en]`` tables hold the wording in each language, and an
English key left out reads as its Chinese. Nothing is required: without a file a pack carries
a generic masthead and no 报尾. A key doctool does not know, or a value of the wrong type, is
refused with one line naming the file and the key.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from doctool.errors import DoctoolError, SettingsError
from doctool.model import Lang

SETTINGS_FILE = "doctool.toml"

#: the keys of a language table, and what each holds (for the messages)
TEXT_KEYS: dict[str, str] = {
    "name": "the brief's name, a string",
    "office": "the compiling office, a string",
    "classification": 'the classification line, a string ("" for none)',
    "contact": "the contact line of the 报尾, a string",
    "send_to": 'the 报送 list, an array of strings such as ["市委办公厅", "市政府办公厅"]',
    "copy_to": 'the 抄送 list, an array of strings such as ["各区县政府"]',
}
#: the keys at the top of the file
TOP_KEYS: dict[str, str] = {
    "issue": "the issue number, a whole number such as 12",
    "date": "the date of issue, a TOML date such as 2024-12-24",
    "zh": "a table of the Chinese wording, [zh]",
    "en": "a table of the English wording, [en]",
}
_LISTS = ("send_to", "copy_to")


@dataclass(frozen=True)
class Wording:
    """The house settings in one language; empty strings and lists where none is given."""

    name: str = ""
    office: str = ""
    classification: str = ""
    contact: str = ""
    send_to: tuple[str, ...] = ()
    copy_to: tuple[str, ...] = ()


@dataclass(frozen=True)
class HouseSettings:
    """The house settings of a project's briefs: per-language wording, issue and date."""

    zh: Wording = field(default_factory=Wording)
    en: Wording = field(default_factory=Wording)
    issue: int | None = None
    #: the date of issue; None until the build fills in its own date (see :meth:`dated`)
    date: dt.date | None = None

    def get(self, lang: Lang) -> Wording:
        """The wording in ``lang``."""
        return self.zh if lang == "zh" else self.en

    def dated(self, default: dt.date) -> HouseSettings:
        """These settings with ``default`` as the date of issue when the file gives none."""
        return self if self.date is not None else replace(self, date=default)

    @property
    def has_imprint(self) -> bool:
        """True when the settings give what a 报尾 carries: a distribution list or a contact."""
        return any(w.send_to or w.copy_to or w.contact for w in (self.zh, self.en))


DEFAULT = HouseSettings()


def find_settings(override: Path | None = None, glossary: Path | None = None) -> Path | None:
    """The settings file: ``override``, else ``doctool.toml`` in the project folder, else None.

    The project folder is the one that holds the glossary (``glossary``, else ``glossary/``
    here or in the nearest parent), and the current folder when there is no glossary.
    """
    if override is not None:
        if not Path(override).is_file():
            raise SettingsError(
                f"--settings {override}: no such file; give the path of a {SETTINGS_FILE}"
            )
        return Path(override)
    from doctool.glossary.folder import find_glossary_dir

    try:
        project = find_glossary_dir(override=glossary).resolve().parent
    except DoctoolError:
        project = Path.cwd()
    candidate = project / SETTINGS_FILE
    return candidate if candidate.is_file() else None


def load_settings(path: Path | None) -> HouseSettings:
    """The house settings in ``path``; the defaults when ``path`` is None."""
    if path is None:
        return DEFAULT
    try:
        data = tomllib.loads(Path(path).read_text("utf-8"))
    except OSError as exc:
        raise SettingsError(f"{path}: cannot be read ({exc.strerror or exc}); check the file") from None
    except UnicodeDecodeError:
        raise SettingsError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: not valid TOML ({exc}); fix the line it names") from None
    return parse_settings(data, str(path))


def parse_settings(data: dict[str, Any], where: str) -> HouseSettings:
    """Settings from the parsed TOML ``data``; ``where`` names the file in messages."""
    _known(data, TOP_KEYS, where, "")
    issue = data.get("issue")
    if issue is not None and (isinstance(issue, bool) or not isinstance(issue, int) or issue < 1):
        raise _wrong(where, "issue", TOP_KEYS["issue"], issue)
    date = data.get("date")
    if date is not None and (not isinstance(date, dt.date) or isinstance(date, dt.datetime)):
        raise _wrong(where, "date", TOP_KEYS["date"], date)
    zh = _wording(data.get("zh", {}), where, "zh", Wording())
    en = _wording(data.get("en", {}), where, "en", zh)
    return HouseSettings(zh=zh, en=en, issue=issue, date=date)


def _wording(table: Any, where: str, lang: Lang, fallback: Wording) -> Wording:
    if not isinstance(table, dict):
        raise _wrong(where, lang, TOP_KEYS[lang], table)
    _known(table, TEXT_KEYS, where, f"{lang}.")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key in _LISTS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise _wrong(where, f"{lang}.{key}", TEXT_KEYS[key], value)
            values[key] = tuple(v.strip() for v in value if v.strip())
        else:
            if not isinstance(value, str):
                raise _wrong(where, f"{lang}.{key}", TEXT_KEYS[key], value)
            values[key] = " ".join(value.split())
    # an English key left out reads as its Chinese: better than a gap in the masthead
    return replace(fallback, **values)


def _known(table: dict[str, Any], keys: dict[str, str], where: str, prefix: str) -> None:
    for key in table:
        if key not in keys:
            raise SettingsError(
                f"{where}: unknown key {prefix}{key}; the keys here are "
                f"{', '.join(prefix + k for k in keys)}: fix or remove it"
            )


def _wrong(where: str, key: str, expected: str, value: object) -> SettingsError:
    return SettingsError(f"{where}: {key} must be {expected}, not {value!r}; correct it")
