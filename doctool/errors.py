"""Errors a user can fix, one family, each with its own exit status.

The message of every error says what went wrong and what to do about it, in one line.
Anything that is not a ``DoctoolError`` is a bug and is allowed to show its traceback.
"""

from __future__ import annotations


class DoctoolError(Exception):
    """Base of every error the user can fix; ``exit_code`` is the CLI's exit status."""

    exit_code = 3

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle as class, message and attributes, whatever the class's ``__init__`` takes,
        so an error raised in a helper process reaches the main one as it was raised."""
        return (_restore, (type(self), self.message), self.__dict__)


def _restore(cls: type[DoctoolError], message: str) -> DoctoolError:
    """An unpickled error: its class and message, without calling its ``__init__``."""
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.message = message
    return error


class InputError(DoctoolError):
    """The source report cannot be read or holds no usable text."""

    exit_code = 3


class ContentError(DoctoolError):
    """A content file (content.yaml) is malformed or has the wrong schema."""

    exit_code = 4


class GlossaryError(DoctoolError):
    """The term base or translation memory is malformed, or an edit is refused."""

    exit_code = 5


class ModelError(DoctoolError):
    """A machine-translation model is missing, corrupt or unsafe to install, or its server fails."""

    exit_code = 6


class RenderError(DoctoolError):
    """A document cannot be rendered (missing font, missing glyph)."""

    exit_code = 7


class OutputError(DoctoolError):
    """An output file or folder cannot be written."""

    exit_code = 8


class ExchangeError(DoctoolError):
    """A file for or from another tool (XLIFF, an OmegaT project) is malformed or does not fit."""

    exit_code = 9


class SettingsError(DoctoolError):
    """The house settings file (doctool.toml) is malformed or missing."""

    exit_code = 10
