"""Cross-site request forgery: every change request carries this server run's secret token.

The token is made when the server starts and is written only into its own pages (a hidden
form field, and a ``<meta>`` for the script), which another site cannot read; a POST without
it, or with another, is refused before anything is written.
"""

from __future__ import annotations

import hmac
import secrets

from starlette.datastructures import FormData
from starlette.requests import Request

#: the form field (and header) that carries the token
FIELD = "csrf_token"
HEADER = "x-csrf-token"
#: what a form of the editor may hold at most: a few fields of text, no files
MAX_FIELDS = 32
MAX_PART = 256 * 1024


class CsrfRefused(Exception):
    """A change request without this server's token: refused with a 403 page."""


def new_token() -> str:
    """A fresh secret token for one server run."""
    return secrets.token_urlsafe(32)


def token_ok(expected: str, given: str | None) -> bool:
    """True when ``given`` is the token (compared in constant time)."""
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())


async def checked_form(request: Request) -> FormData:
    """The request's form, once its token is checked; CsrfRefused when it is missing or wrong."""
    expected: str = request.app.state.editor.csrf
    header = request.headers.get(HEADER)
    if header is not None and not token_ok(expected, header):
        raise CsrfRefused
    form = await request.form(max_files=0, max_fields=MAX_FIELDS, max_part_size=MAX_PART)
    given = form.get(FIELD)
    if not token_ok(expected, given if isinstance(given, str) else header):
        raise CsrfRefused
    return form
