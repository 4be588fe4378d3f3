"""The six documents of a briefing pack, laid out and rendered in memory, one after the other."""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from doctool.render.brief import Brief, BriefLang

if TYPE_CHECKING:
    import datetime as dt

    from doctool.glossary.matcher import TermMatcher
    from doctool.glossary.terms import Term
    from doctool.model import Content
    from doctool.settings import HouseSettings

#: the documents of a pack, in the order they are written
DOCUMENTS: tuple[tuple[BriefLang, str], ...] = (
    ("zh", "docx"), ("en", "docx"), ("bilingual", "docx"),
    ("zh", "pdf"), ("en", "pdf"), ("bilingual", "pdf"),
)


def document_name(lang: BriefLang, fmt: str) -> str:
    """The file name of one document of a pack: ``brief.<lang>.<fmt>``."""
    return f"brief.{lang}.{fmt}"


def render_documents(
    content: Content, terms: Sequence[Term], advance: Callable[[], None] = lambda: None,
    matcher: TermMatcher | None = None, *, created: dt.datetime,
    house: HouseSettings | None = None,
) -> dict[str, bytes]:
    """The six documents, file name -> bytes, in the order of :data:`DOCUMENTS`, all dated
    ``created``, with the masthead and 报尾 of ``house`` (issued ``created`` unless it says).

    Each edition is laid out once, for both of its formats; the first document that fails
    raises its error, before anything is written. ``matcher`` is the build's, for the annex.
    The pinyin cache is read and saved here, around the layouts that order an annex by it
    (see :mod:`doctool.render.pinyin`): layout itself touches no file.
    """
    from doctool.render import pinyin
    from doctool.render.layout import layout
    from doctool.render.writers import renderers
    from doctool.settings import DEFAULT

    render = renderers(created)
    house = (house or DEFAULT).dated(created.date())
    readings = pinyin.load()
    rendered: dict[str, bytes] = {}
    briefs: dict[BriefLang, Brief] = {}
    try:
        for lang, fmt in DOCUMENTS:
            if lang not in briefs:
                briefs[lang] = layout(content, lang, terms, matcher, readings=readings.readings,
                                      house=house, generated=created.date())
            rendered[document_name(lang, fmt)] = render[fmt](briefs[lang])
            _collect()
            advance()
    finally:
        gc.unfreeze()
        readings.save()
    return rendered


def _collect() -> None:
    """Free what the last document left to the cyclic collector, walking only what it made.

    A PDF leaves reportlab's document, canvas and flowables, which refer to each other, and
    the collector may not run for a while: freed now, their memory serves the next document
    instead of adding to the peak (for the sample, most builds peak at 151 MB with this and
    164 MB without). What survives is frozen, so that the next collection does not walk the
    fonts' tables and the briefs again.
    """
    gc.collect()
    gc.freeze()
