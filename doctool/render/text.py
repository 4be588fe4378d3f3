"""A plain-text dump of a Brief: one line per block or table row, for golden tests and review.

Run formatting is shown inline: ``**bold**``, ``_italic_``, ``⟦untranslated⟧``, a link as
``[text](#anchor)`` and a line break as `` ↵ ``; a paragraph's anchor stands in brackets after
its style; a run in the language other than its neighbours' carries no mark, since the dump is
about content.
"""

from __future__ import annotations

from doctool.render.brief import (
    Brief,
    Contents,
    Heading,
    Imprint,
    KeyValues,
    Masthead,
    PageBreak,
    Paragraph,
    Run,
    Table,
    Title,
)


def _run(run: Run) -> str:
    text = run.text.replace("\n", " ↵ ")
    if run.italic:
        text = f"_{text}_"
    if run.bold:
        text = f"**{text}**"
    if run.untranslated:
        text = f"⟦{text}⟧"
    if run.link:
        text = f"[{text}](#{run.link})"
    return text


def runs_to_text(runs: tuple[Run, ...]) -> str:
    """Runs as one line with their formatting marked."""
    return "".join(_run(r) for r in runs)


def _row(cells: tuple[tuple[Run, ...], ...]) -> str:
    return "  | " + " | ".join(runs_to_text(c) for c in cells) + " |"


def brief_to_text(brief: Brief) -> str:
    """The whole brief as text: metadata, page furniture, then every block in order."""
    m, f = brief.metadata, brief.furniture
    lines = [
        f"BRIEF {brief.lang}",
        f"METADATA title={m.title!r} author={m.author!r} subject={m.subject!r} "
        f"language={m.language!r}",
        f"KEYWORDS {'; '.join(m.keywords)}",
        f"FURNITURE header={f.header!r} page_numbers={f.page_numbers} draft={f.draft} "
        f"cover={f.cover}",
        "",
    ]
    for block in brief.blocks:
        if isinstance(block, Title):
            lines.append(f"TITLE {runs_to_text(block.text)}")
            if block.subtitle:
                lines.append(f"SUBTITLE {runs_to_text(block.subtitle)}")
        elif isinstance(block, Heading):
            lines.append(f"H{block.level} [{block.anchor}] {runs_to_text(block.text)}")
        elif isinstance(block, Paragraph):
            anchor = f" [{block.anchor}]" if block.anchor else ""
            lines.append(f"P {block.style}{anchor}: {runs_to_text(block.runs)}")
        elif isinstance(block, Table):
            widths = ", ".join(f"{w:g}" for w in block.widths)
            columns = f" in {block.columns} columns" if block.columns > 1 else ""
            lines.append(f"TABLE {block.style} ({widths}){columns}")
            if block.header:
                lines.append(_row(block.header))
                lines.append("  |" + "---|" * len(block.header))
            lines.extend(_row(row) for row in block.rows)
        elif isinstance(block, KeyValues):
            lines.append("KEYVALUES")
            lines.extend(_row(row) for row in block.rows)
        elif isinstance(block, PageBreak):
            lines.append("PAGEBREAK")
        elif isinstance(block, Masthead):
            lines.append(f"MASTHEAD {runs_to_text(block.name)}")
            for name in ("classification", "issue", "office", "date"):
                if getattr(block, name):
                    lines.append(f"  {name}: {runs_to_text(getattr(block, name))}")
        elif isinstance(block, Contents):
            lines.append(f"CONTENTS {runs_to_text(block.title)}")
            lines.extend(f"  {'  ' * (e.level - 1)}{runs_to_text(e.text)} -> {e.anchor}"
                         for e in block.entries)
        elif isinstance(block, Imprint):
            lines.append("IMPRINT")
            lines.extend(_row(line) for line in block.lines)
    return "\n".join(lines) + "\n"
