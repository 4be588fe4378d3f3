"""The six documents of a briefing pack, rendered by the main process and a forked worker together.

The work splits in two about equal halves on a two-CPU machine. The worker (see
:mod:`doctool.worker`) is forked before the report is read and loads, meanwhile, what only it
needs: reportlab with the Chinese faces, and pypinyin, which orders the annex of the Chinese and
bilingual editions. Given the translated content, it lays those two editions out, hands their
briefs back for the DOCX writer and renders their PDFs. The main process lays out the English
edition and renders its DOCX and PDF, then the Chinese and bilingual DOCX.

Every document is the same, byte for byte, as when one process renders all six in turn, and so
is every error: documents are taken in the order of :data:`DOCUMENTS`, and the first that
failed raises its exception there.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from doctool.render.brief import Brief, BriefLang

if TYPE_CHECKING:
    from doctool.model import Content
    from doctool.translate.glossary import Term
    from doctool.worker import Worker

#: the documents of a pack, in the order they are written
DOCUMENTS: tuple[tuple[BriefLang, str], ...] = (
    ("zh", "docx"), ("en", "docx"), ("bilingual", "docx"),
    ("zh", "pdf"), ("en", "pdf"), ("bilingual", "pdf"),
)
#: the editions the worker lays out and renders as PDF
WORKER_EDITIONS: tuple[BriefLang, ...] = ("zh", "bilingual")


def document_name(lang: BriefLang, fmt: str) -> str:
    """The file name of one document of a pack: ``brief.<lang>.<fmt>``."""
    return f"brief.{lang}.{fmt}"


def warm_up() -> None:
    """Load what the worker's share needs, while the main process reads the report."""
    from pypinyin import lazy_pinyin

    from doctool.render import fonts

    # the renderers the share calls, the layout, and reportlab
    for module in ("doctool.commands.render", "doctool.render.layout", "doctool.render.pdf_writer"):
        importlib.import_module(module)

    # the faces the Chinese and bilingual PDFs are set in
    fonts.register(fonts.SERIF_SC, fonts.SERIF_SC_BOLD, fonts.SANS_SC_BOLD, fonts.SERIF,
                   fonts.SERIF_BOLD, fonts.SERIF_ITALIC)
    # pypinyin reads its dictionaries on import, and more on first use
    lazy_pinyin("重庆")


def worker_share(content: Content, terms: Sequence[Term]) -> Iterator[tuple[str, Any]]:
    """The worker's job: the briefs of :data:`WORKER_EDITIONS`, then their PDFs."""
    from doctool.commands.render import RENDERERS
    from doctool.render.layout import layout

    briefs = {lang: layout(content, lang, terms) for lang in WORKER_EDITIONS}
    yield "briefs", briefs
    for lang in WORKER_EDITIONS:
        yield document_name(lang, "pdf"), RENDERERS["pdf"](briefs[lang])


def start(worker: Worker, content: Content, terms: Sequence[Term]) -> None:
    """Set ``worker`` to its share as soon as the content is translated."""
    if worker.forked:
        worker.start(worker_share, content, tuple(terms))


def render_documents(
    content: Content, terms: Sequence[Term], worker: Worker | None = None,
    advance: Callable[[], None] = lambda: None,
) -> dict[str, bytes]:
    """The six documents, file name -> bytes, in the order of :data:`DOCUMENTS`.

    With a forked ``worker`` (see :func:`start`) the work is shared; otherwise all six are
    rendered here, one after the other.
    """
    from doctool.commands.render import RENDERERS
    from doctool.render.layout import layout

    rendered: dict[str, bytes] = {}
    if worker is None or not worker.forked:
        briefs: dict[BriefLang, Brief] = {}
        for lang, fmt in DOCUMENTS:
            if lang not in briefs:
                briefs[lang] = layout(content, lang, terms)
            rendered[document_name(lang, fmt)] = RENDERERS[fmt](briefs[lang])
            advance()
        return rendered

    # this process's share first, each outcome kept (an error is raised in its turn below)
    outcomes: dict[str, bytes | Exception] = {}
    english = _attempt(layout, content, "en", terms)
    for fmt in ("docx", "pdf"):
        name = document_name("en", fmt)
        outcomes[name] = english if isinstance(english, Exception) else _attempt(RENDERERS[fmt], english)
    shared: dict[BriefLang, Brief] | Exception = _attempt(worker.result, "briefs")
    for lang in WORKER_EDITIONS:
        name = document_name(lang, "docx")
        outcomes[name] = shared if isinstance(shared, Exception) else _attempt(
            RENDERERS["docx"], shared[lang]
        )
    for lang, fmt in DOCUMENTS:
        name = document_name(lang, fmt)
        outcome = outcomes[name] if name in outcomes else worker.result(name)
        if isinstance(outcome, Exception):
            raise outcome
        rendered[name] = outcome
        advance()
    return rendered


def _attempt(make: Callable[..., Any], *args: Any) -> Any:
    """``make(*args)``, or the exception it raised, to be raised when its document's turn comes."""
    try:
        return make(*args)
    except Exception as exc:
        return exc
