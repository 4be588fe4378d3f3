"""The six documents of a briefing pack, rendered by the main process and a forked worker together.

The work splits in two about equal halves on a two-CPU machine. The worker (see
:mod:`doctool.worker`) is forked before the report is read, and meanwhile loads what only it
needs: reportlab with the Chinese faces, and pypinyin for the annex order of the Chinese and
bilingual editions (unless :mod:`doctool.render.pinyin` has the readings). Given the translated
content, it lays those two editions out, hands the Chinese brief back, and renders the bilingual
DOCX and both PDFs. The main process lays out the English edition and renders its DOCX and PDF,
then the Chinese DOCX.

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
    from doctool.glossary.matcher import TermMatcher
    from doctool.glossary.terms import Term
    from doctool.model import Content
    from doctool.worker import Worker

#: the documents of a pack, in the order they are written
DOCUMENTS: tuple[tuple[BriefLang, str], ...] = (
    ("zh", "docx"), ("en", "docx"), ("bilingual", "docx"),
    ("zh", "pdf"), ("en", "pdf"), ("bilingual", "pdf"),
)
#: what the worker renders, in the order of DOCUMENTS: its first failure is then the one that
#: one process rendering in that order would have met first
WORKER_DOCUMENTS: tuple[tuple[BriefLang, str], ...] = (
    ("bilingual", "docx"), ("zh", "pdf"), ("bilingual", "pdf"),
)
#: what the main process renders meanwhile: first what needs only the English layout, while
#: the worker lays out the Chinese one
MAIN_DOCUMENTS: tuple[tuple[BriefLang, str], ...] = (("en", "docx"), ("en", "pdf"), ("zh", "docx"))
#: the editions the worker lays out (pypinyin orders their annex); the main process gets the
#: Chinese brief from it
WORKER_EDITIONS: tuple[BriefLang, ...] = ("zh", "bilingual")


def document_name(lang: BriefLang, fmt: str) -> str:
    """The file name of one document of a pack: ``brief.<lang>.<fmt>``."""
    return f"brief.{lang}.{fmt}"


def warm_up() -> None:
    """Load what the worker's share needs, while the main process reads the report."""
    from doctool.render import fonts, pinyin

    # the renderers the share calls (python-docx, reportlab) and the layout
    for module in ("doctool.commands.render", "doctool.render.layout", "doctool.render.pdf_writer",
                   "doctool.render.docx_writer"):
        importlib.import_module(module)

    # the faces the Chinese and bilingual PDFs are set in
    fonts.register(fonts.SERIF_SC, fonts.SERIF_SC_BOLD, fonts.SANS_SC_BOLD, fonts.SERIF,
                   fonts.SERIF_BOLD, fonts.SERIF_ITALIC)
    # the annex's order: pypinyin itself, unless its readings are in the cache
    pinyin.prepare()


def worker_share(
    content: Content, terms: Sequence[Term], matcher: TermMatcher | None = None
) -> Iterator[tuple[str, Any]]:
    """The worker's job: the Chinese brief (for the main process), then its documents."""
    from doctool.commands.render import RENDERERS
    from doctool.render.layout import layout

    briefs = {lang: layout(content, lang, terms, matcher) for lang in WORKER_EDITIONS}
    yield "briefs", {lang: brief for lang, brief in briefs.items() if lang != "bilingual"}
    for lang, fmt in WORKER_DOCUMENTS:
        yield document_name(lang, fmt), RENDERERS[fmt](briefs[lang])


def start(
    worker: Worker, content: Content, terms: Sequence[Term], matcher: TermMatcher | None = None
) -> None:
    """Set ``worker`` to its share as soon as the content is translated (``matcher`` goes too)."""
    if worker.forked:
        worker.start(worker_share, content, tuple(terms), matcher)


def render_documents(
    content: Content, terms: Sequence[Term], worker: Worker | None = None,
    advance: Callable[[], None] = lambda: None, matcher: TermMatcher | None = None,
) -> dict[str, bytes]:
    """The six documents, file name -> bytes, in the order of :data:`DOCUMENTS`.

    With a forked ``worker`` (see :func:`start`) the work is shared; otherwise all six are
    rendered here, one after the other. ``matcher`` is the build's, for the annex.
    """
    from doctool.commands.render import RENDERERS
    from doctool.render.layout import layout

    rendered: dict[str, bytes] = {}
    if worker is None or not worker.forked:
        briefs: dict[BriefLang, Brief] = {}
        for lang, fmt in DOCUMENTS:
            if lang not in briefs:
                briefs[lang] = layout(content, lang, terms, matcher)
            rendered[document_name(lang, fmt)] = RENDERERS[fmt](briefs[lang])
            advance()
        return rendered

    # this process's share first, each outcome kept: an error is raised in its turn below
    outcomes: dict[str, bytes | Exception] = {}
    made: dict[BriefLang, Brief | Exception] = {}
    for lang, fmt in MAIN_DOCUMENTS:
        if lang not in made:
            made[lang] = (_attempt(lambda lang=lang: worker.result("briefs")[lang])
                          if lang in WORKER_EDITIONS else _attempt(layout, content, lang, terms, matcher))
        brief = made[lang]
        name = document_name(lang, fmt)
        outcomes[name] = brief if isinstance(brief, Exception) else _attempt(RENDERERS[fmt], brief)
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
