"""``doctool serve`` in a real browser: Debian's headless Chromium driven by Playwright.

Each test starts ``doctool serve`` as a process on a copy of the built sample and works the
pages as a translator would: typing, keys, buttons. Screenshots go to $DOCTOOL_SERVE_SHOTS
when it is set, so the pages can be looked at. The tests skip only where there is no chromium.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from doctool.cli import main
from doctool.glossary.layers import load_glossary
from doctool.glossary.memory import Memory
from tests.conftest import SAMPLE
from tests.pdftext import pdf_text
from tests.serve_support import (  # noqa: F401  (fixtures)
    Server,
    build_of,
    built_sample,
    flat,
    memory_file,
    project,
    segments,
    server,
    terms_file,
    wait_for,
)

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium to drive (apt-get install chromium)")

if CHROMIUM is not None:
    from playwright.sync_api import Browser, Page, expect, sync_playwright


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    dialogs: list[str] = []
    opened.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    opened.dialogs = dialogs  # type: ignore[attr-defined]
    yield opened
    context.close()


def shot(page: Page, name: str) -> None:
    """A screenshot of the page for people to look at, when $DOCTOOL_SERVE_SHOTS names a folder."""
    folder = os.environ.get("DOCTOOL_SERVE_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def wait_rebuilt(page: Page) -> None:
    """Wait until the page's status says the pack was rebuilt."""
    expect(page.locator("#status")).to_have_attribute("data-state", "done", timeout=60_000)


def test_edit_approve_and_the_rebuilt_english_pdf_carries_it(
    server: Server, page: Page, project: Path,  # noqa: F811
) -> None:
    assert server.url.startswith("http://127.0.0.1:")
    page.goto(server.url + "/")
    expect(page).to_have_title(re.compile("Review"))
    shot(page, "review")
    seg = segments(project)[1]
    row = page.locator(f'article.seg[data-id="{seg.id}"]')
    box = row.locator("textarea")
    box.click()
    box.press("Control+End")
    box.type(" The desk checked this sentence.")
    box.press("Control+Enter")
    expect(row.locator(".outcome")).to_contain_text("approved into the translation memory")
    assert Memory.load(memory_file(project)).lookup(seg.zh) == seg.en + " The desk checked this sentence."
    wait_rebuilt(page)
    assert "The desk checked this sentence." in flat(pdf_text(build_of(project) / "brief.en.pdf"))
    # the page offers the rebuilt pack's view, where the segment is the memory's
    page.locator("#status a").click()
    expect(row.locator(".badge.origin-memory")).to_be_visible()
    expect(row.locator("textarea")).to_have_value(seg.en + " The desk checked this sentence.")


def test_keys_move_to_the_next_segment_to_approve(server: Server, page: Page, project: Path) -> None:  # noqa: F811
    memory = Memory.load(memory_file(project))
    opened = segments(project)[4:6]
    open_ids = [s.id for s in opened]
    for seg in segments(project)[4:6]:
        memory.remove(seg.zh)
    memory.save()
    assert main(["-q", "build", "seeds/" + SAMPLE.name, "--engine", "memory"]) == 0
    page.goto(server.url + "/review")
    page.keyboard.press("n")
    expect(page.locator("article.seg.current")).to_have_attribute("data-id", open_ids[0])
    page.keyboard.type(opened[0].en)
    page.keyboard.press("Control+Enter")
    # approving moves on to the next segment still to approve
    expect(page.locator("article.seg.current")).to_have_attribute("data-id", open_ids[1], timeout=10_000)
    page.keyboard.press("Escape")
    page.keyboard.press("j")
    assert page.locator("article.seg.current").get_attribute("data-id") != open_ids[1]


def test_a_term_added_on_the_glossary_page_is_flagged_by_the_check(
    server: Server, page: Page, project: Path,  # noqa: F811
) -> None:
    page.goto(server.url + "/glossary")
    page.locator("details.add summary").click()
    form = page.locator("details.add form")
    form.locator('input[name="zh"]').fill("收官之年")
    form.locator('input[name="en"]').fill("closing year")
    form.locator('input[name="note"]').fill("desk style")
    form.locator('button[type="submit"]').click()
    note = page.locator(".note.tone-ok")
    # the kind defaults to term, as `doctool glossary add` has it, and the new row is listed
    expect(note).to_contain_text("added 收官之年 → closing year (term)")
    expect(note).to_contain_text("the checks flag 1 segment")
    expect(page.locator('tr[data-zh="收官之年"] td.en')).to_have_text("closing year")
    shot(page, "glossary")
    assert load_glossary(project / "glossary").get("收官之年") is not None
    note.locator("a").click()
    expect(page.locator("article.seg")).to_have_count(1)
    expect(page.locator("article.seg ul.findings")).to_contain_text('收官之年 should read "closing year"')
    expect(page.locator("article.seg mark.term", has_text="收官之年")).to_have_attribute("data-en", "closing year")


def test_a_hostile_term_is_shown_as_text_and_runs_nothing(server: Server, page: Page, project: Path) -> None:  # noqa: F811
    hostile = "<script>alert(1)</script>"
    page.goto(server.url + "/glossary")
    page.locator("details.add summary").click()
    form = page.locator("details.add form")
    form.locator('input[name="zh"]').fill("收官之年")
    form.locator('input[name="en"]').fill(hostile)
    form.locator('input[name="note"]').fill('"><img src=x onerror=alert(2)>')
    form.locator('button[type="submit"]').click()
    expect(page.locator(".note.tone-ok")).to_contain_text(hostile)
    page.goto(server.url + "/glossary?q=收官")
    expect(page.locator("td.en")).to_have_text(hostile)
    page.goto(server.url + "/review?show=findings")
    expect(page.locator("mark.term", has_text="收官之年")).to_have_attribute("data-en", hostile)
    page.locator("mark.term", has_text="收官之年").hover()
    page.wait_for_timeout(300)
    assert page.dialogs == []  # type: ignore[attr-defined]
    assert page.locator("script:not([src])").count() == 0


def test_a_stale_edit_in_another_tab_is_shown_as_a_conflict(
    server: Server, page: Page, browser: Browser, project: Path,  # noqa: F811
) -> None:
    address = server.url + "/glossary/edit?layer=project&zh=十五五&scope="
    other = page.context.new_page()
    page.goto(address)
    other.goto(address)
    other.locator('input[name="note"]').fill("saved first, in the other tab")
    other.locator('button[type="submit"]').click()
    expect(other.locator(".note.tone-ok")).to_contain_text("saved 十五五")
    page.locator('input[name="note"]').fill("saved second, in this tab")
    page.locator('button[type="submit"]').click()
    expect(page.locator("h1")).to_contain_text("Edit conflict")
    expect(page.locator("table.compare")).to_contain_text("saved first, in the other tab")
    expect(page.locator("table.compare")).to_contain_text("saved second, in this tab")
    shot(page, "conflict")
    assert load_glossary(project / "glossary").get("十五五").note == "saved first, in the other tab"  # type: ignore[union-attr]
    # nothing lost: the form still holds this tab's text, and saving it now lands
    expect(page.locator('form input[name="note"]')).to_have_value("saved second, in this tab")
    page.locator("form button.primary").click()
    expect(page.locator(".note.tone-ok")).to_contain_text("saved 十五五")
    assert load_glossary(project / "glossary").get("十五五").note == "saved second, in this tab"  # type: ignore[union-attr]


def test_a_form_without_its_token_is_refused(server: Server, page: Page, project: Path) -> None:  # noqa: F811
    before = terms_file(project).read_bytes()
    page.goto(server.url + "/glossary")
    page.locator("details.add summary").click()
    form = page.locator("details.add form")
    form.locator('input[name="csrf_token"]').evaluate("input => input.remove()")
    form.locator('input[name="zh"]').fill("收官之年")
    form.locator('input[name="en"]').fill("closing year")
    form.locator('button[type="submit"]').click()
    expect(page.locator("h1")).to_have_text("Request refused")
    expect(page.locator("main")).to_contain_text("security token")
    assert terms_file(project).read_bytes() == before
    # and a request from another origin, which cannot read the token, is refused as well
    reply = page.request.post(server.url + "/review/approve", form={"segment": "s1.b1.1", "en": "x"})
    assert reply.status == 403
