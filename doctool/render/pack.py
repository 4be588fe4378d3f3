"""The six documents of a briefing pack, laid out and rendered in memory.

The three editions are laid out here, where the pinyin cache is. On a machine with two or more
CPUs, forked helpers (see :mod:`doctool.render.sharing`) are handed the heaviest PDFs as their
editions are laid out, while this process renders the rest; on one CPU, or where processes
cannot fork, this process renders all six, one after the other. Either way the documents are
the same, byte for byte, and so is the error of the first that fails, in the order of
:data:`DOCUMENTS`.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from doctool.render.brief import Brief, BriefLang

if TYPE_CHECKING:
    import datetime as dt
    from concurrent.futures import Future

    from doctool.glossary.matcher import TermMatcher
    from doctool.glossary.terms import Term
    from doctool.model import Content
    from doctool.render.sharing import Helpers
    from doctool.settings import HouseSettings

#: the documents of a pack, in the order they are written
DOCUMENTS: tuple[tuple[BriefLang, str], ...] = (
    ("zh", "docx"), ("en", "docx"), ("bilingual", "docx"),
    ("zh", "pdf"), ("en", "pdf"), ("bilingual", "pdf"),
)
#: the editions, in the order they are laid out
EDITIONS: tuple[BriefLang, ...] = ("zh", "en", "bilingual")
#: what helpers render, heaviest first, by the number of processes rendering the pack. A
#: process's first PDF also loads reportlab (0.17 s) and the faces it needs (CJK 0.12 s, Latin
#: 0.03 s), so the PDFs in Chinese go to helpers and this process keeps the English one, after
#: the three DOCX: on two CPUs the fastest split of those measured, on three one helper each.
SHARES: dict[int, tuple[tuple[BriefLang, str], ...]] = {
    2: (("zh", "pdf"), ("bilingual", "pdf")),
    3: (("zh", "pdf"), ("bilingual", "pdf")),
}


def document_name(lang: BriefLang, fmt: str) -> str:
    """The file name of one document of a pack: ``brief.<lang>.<fmt>``."""
    return f"brief.{lang}.{fmt}"


def render_documents(
    content: Content, terms: Sequence[Term], advance: Callable[[], None] = lambda: None,
    matcher: TermMatcher | None = None, *, created: dt.datetime,
    house: HouseSettings | None = None, helpers: Helpers | None = None,
) -> dict[str, bytes]:
    """The six documents, file name -> bytes, in the order of :data:`DOCUMENTS`, all dated
    ``created``, with the masthead and 报尾 of ``house`` (issued ``created`` unless it says).

    Each edition is laid out once, for both of its formats; the first document that fails
    raises its error, before anything is written. ``matcher`` is the build's, for the annex.
    The pinyin cache is read and saved here, around the layouts that order an annex by it
    (see :mod:`doctool.render.pinyin`): layout itself touches no file. ``helpers`` (see
    :func:`doctool.render.sharing.started`) render their share meanwhile; without them this
    process renders all six. ``advance`` is called once per document, in order, as each is done.
    """
    from doctool.render import pinyin
    from doctool.render.layout import layout
    from doctool.settings import DEFAULT

    share = SHARES.get(helpers.count + 1, ()) if helpers is not None else ()
    house = (house or DEFAULT).dated(created.date())
    readings = pinyin.load()
    briefs: dict[BriefLang, Brief] = {}
    shared: dict[tuple[BriefLang, str], Future[bytes]] = {}
    try:
        for lang in EDITIONS:
            briefs[lang] = layout(content, lang, terms, matcher, readings=readings.readings,
                                  house=house, generated=created.date())
            for document in share:
                if helpers is not None and document[0] == lang:
                    shared[document] = helpers.render(briefs[lang], document[1], created)
    finally:
        readings.save()
    try:
        return _render_all(briefs, created, shared, advance)
    finally:
        gc.unfreeze()


def _render_all(
    briefs: Mapping[BriefLang, Brief], created: dt.datetime,
    shared: Mapping[tuple[BriefLang, str], Future[bytes]], advance: Callable[[], None],
) -> dict[str, bytes]:
    """Render here the documents not ``shared`` with helpers, then collect theirs, all in the
    order of :data:`DOCUMENTS`; raise the error of the first that failed, in that order."""
    from doctool.render.writers import renderers

    render = renderers(created)
    done: dict[tuple[BriefLang, str], bytes] = {}
    failure: tuple[tuple[BriefLang, str], Exception] | None = None
    shown = 0
    for document in DOCUMENTS:
        if document in shared:
            continue
        lang, fmt = document
        try:
            done[document] = render[fmt](briefs[lang])
        except Exception as exc:
            # raised below, unless a document before it failed in a helper
            failure = (document, exc)
            break
        _collect()
        shown = _advance_past(shown, done, shared, advance)
    rendered: dict[str, bytes] = {}
    for index, document in enumerate(DOCUMENTS):
        if failure is not None and document == failure[0]:
            raise failure[1]
        rendered[document_name(*document)] = (
            done[document] if document in done else shared[document].result()
        )
        if index >= shown:
            advance()
    return rendered


def _advance_past(
    shown: int, done: Mapping[tuple[BriefLang, str], bytes],
    shared: Mapping[tuple[BriefLang, str], Future[bytes]], advance: Callable[[], None],
) -> int:
    """Advance past the documents from ``shown`` on that are done, in order; where it stopped."""
    while shown < len(DOCUMENTS):
        document = DOCUMENTS[shown]
        future = shared.get(document)
        if document not in done and not (
            future is not None and future.done() and future.exception() is None
        ):
            break
        advance()
        shown += 1
    return shown


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
