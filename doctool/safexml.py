"""Untrusted XML (TMX, TBX, XLIFF) read one way: no DTD, no entities, nothing fetched.

Every file doctool reads as XML comes from a user or another tool, so it goes through
defusedxml with DTDs, entity declarations and external references refused, and a refusal or
a syntax error is a one-line error of the caller's kind that names the file and its line.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from doctool.errors import DoctoolError


def parse(raw: bytes, name: str, error: type[DoctoolError], *, kind: str, fix: str) -> Element:
    """The root element of ``raw``; ``error`` for a DTD or entities, or for malformed XML.

    ``kind`` names the format in the message (TMX needs no DOCTYPE); ``fix`` says what to do
    about malformed XML.
    """
    try:
        root: Element = fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise error(
            f"{name}: declares a DTD or entities, which doctool does not read; "
            f"remove the <!DOCTYPE ...> declaration ({kind} needs none)"
        ) from None
    except ParseError as exc:
        line = exc.position[0] if exc.position else 0
        raise error(f"{name}:{line}: not well-formed XML ({str(exc).split(':')[0]}); {fix}") from None
    return root


def local(tag: object) -> str:
    """An element's name without its namespace: other tools write ``{ns}tu`` as readily as ``tu``.

    ``tag`` is taken as an object because a comment's or processing instruction's tag is not
    a string.
    """
    return str(tag).rsplit("}", 1)[-1]
