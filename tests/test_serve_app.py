"""The editor's routes through Starlette's TestClient: what each page shows and what each change writes."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from starlette.routing import Route
from starlette.testclient import TestClient

from doctool.cli import main
from doctool.glossary.layers import load_glossary
from doctool.glossary.memory import Memory
from doctool.pipeline import BuildOptions
from doctool.serve.app import create_app
from doctool.serve.project import Project
from doctool.serve.rebuild import Rebuilder, build_project
from tests.conftest import FIXTURES, Run
from tests.serve_support import (  # noqa: F401  (fixtures)
    TOKEN,
    build_of,
    built_sample,
    memory_file,
    project,
    segments,
    terms_file,
)

SPEAKER_SEGMENT = "市经济信息委党组书记、主任王志杰"


@dataclass
class Editor:
    """An editor on a project copy, a client for it and its rebuild worker."""

    client: TestClient
    project: Project
    rebuilder: Rebuilder
    root: Path

    def post(self, path: str, data: dict[str, str], token: str | None = TOKEN, **kw: object) -> object:
        if token is not None:
            data = {**data, "csrf_token": token}
        return self.client.post(path, data=data, follow_redirects=True, **kw)  # type: ignore[arg-type]


@pytest.fixture
def editor(project: Path) -> Iterator[Editor]:  # noqa: F811
    opened = Project.open(build_of(project), options=BuildOptions(engine="memory"))
    rebuilder = Rebuilder(lambda: build_project(opened)).start()
    app = create_app(opened, rebuilder, hosts=["testserver"], token=TOKEN)
    with TestClient(app) as client:
        yield Editor(client, opened, rebuilder, project)
    rebuilder.stop()


def text_of(html: str) -> str:
    """The visible text of a page, roughly: tags dropped, entities decoded, spaces folded."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_review_page_shows_every_segment_with_origin_terms_and_speaker(editor: Editor) -> None:
    page = editor.client.get("/review")
    assert page.status_code == 200
    segs = segments(editor.root)
    assert len(re.findall(r'<article class="seg ', page.text)) == len(segs)
    assert page.text.count('class="badge origin-memory"') == len(segs)
    first = segs[0]
    assert f'id="seg-{first.id}"' in page.text
    assert first.en in unescape(page.text)
    # glossary terms are marked in the Chinese with their approved English as a tooltip
    assert re.search(r'<mark class="term" title="14th Five-Year Plan \(\w+\)" data-en="14th Five-Year Plan">十四五</mark>', page.text)
    # statements sit under their speaker
    assert "王志杰" in text_of(page.text.split('class="speaker"', 1)[1][:400])


def test_filters_show_only_their_segments(editor: Editor) -> None:
    memory = Memory.load(memory_file(editor.root))
    gone = segments(editor.root)[3]
    memory.remove(gone.zh)
    memory.save()
    editor.rebuilder.request()
    assert editor.rebuilder.wait(60).state == "done"
    page = editor.client.get("/review?show=untranslated")
    assert re.findall(r'id="seg-([^"]+)"', page.text) == [gone.id]
    assert "UNTRANSLATED" in text_of(page.text).upper()
    assert re.findall(r'id="seg-([^"]+)"', editor.client.get("/review?show=unapproved").text) == [gone.id]
    assert re.findall(r'id="seg-([^"]+)"', editor.client.get("/review?show=mt").text) == []


def test_an_approval_goes_into_the_memory_and_the_rebuilt_pack(editor: Editor) -> None:
    seg = segments(editor.root)[0]
    new = seg.en + " The desk checked this sentence."
    reply = editor.client.post("/review/approve", data={"segment": seg.id, "en": new, "csrf_token": TOKEN},
                               headers={"Accept": "application/json"})
    assert reply.json()["ok"] and reply.json()["approved"]
    assert Memory.load(memory_file(editor.root)).lookup(seg.zh) == new
    status = editor.rebuilder.wait(60)
    assert status.state == "done", status.message
    rebuilt = {s.id: s for s in segments(editor.root)}[seg.id]
    assert (rebuilt.en, rebuilt.origin) == (new, "memory")


def test_an_approval_the_checks_refuse_is_not_written(editor: Editor) -> None:
    seg = next(s for s in segments(editor.root) if "十四五" in s.zh)
    before = memory_file(editor.root).read_bytes()
    broken = seg.en.replace("14th Five-Year Plan", "fourteenth plan")
    page = editor.post("/review/approve", {"segment": seg.id, "en": broken})
    assert page.status_code == 200
    assert f"{seg.id} not approved" in text_of(page.text)
    assert "14th Five-Year Plan" in text_of(page.text)
    assert memory_file(editor.root).read_bytes() == before
    assert editor.rebuilder.status().state == "idle"


def test_an_unknown_segment_is_refused_in_one_line(editor: Editor) -> None:
    before = memory_file(editor.root).read_bytes()
    page = editor.post("/review/approve", {"segment": "../../etc/passwd", "en": "x"})
    assert "is not a segment of this build" in text_of(page.text)
    assert memory_file(editor.root).read_bytes() == before


@pytest.mark.parametrize("token", [None, "", "wrong"])
def test_every_change_without_the_token_is_refused(editor: Editor, token: str | None) -> None:
    before = (terms_file(editor.root).read_bytes(), memory_file(editor.root).read_bytes())
    posts = [r.path for r in editor.client.app.routes  # type: ignore[attr-defined]
             if isinstance(r, Route) and r.methods and "POST" in r.methods]
    assert len(posts) == 4
    seg = segments(editor.root)[0]
    form = {"segment": seg.id, "en": "x", "zh": "测试", "kind": "term", "layer": "project",
            "key_layer": "project", "key_zh": "十四五", "key_scope": "", "version": "v"}
    for path in posts:
        page = editor.post(path, form, token=token)
        assert page.status_code == 403, path
        assert "did not carry the editor's security token" in text_of(page.text)
    assert (terms_file(editor.root).read_bytes(), memory_file(editor.root).read_bytes()) == before


def test_requests_naming_another_host_are_refused(editor: Editor) -> None:
    assert editor.client.get("/review", headers={"Host": "evil.example"}).status_code == 400


def test_only_the_packs_documents_are_served(editor: Editor) -> None:
    pdf = editor.client.get("/pack/brief.en.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    for name in ("content.yaml", ".doctool-build.json", "..%2F..%2Fglossary%2Fterms.tsv", "%2Fetc%2Fpasswd"):
        assert editor.client.get(f"/pack/{name}").status_code == 404, name
    assert editor.client.get("/static/../project.py").status_code == 404
    assert editor.client.get("/fonts/OFL.txt").status_code == 404


def test_adding_a_term_writes_it_and_says_what_the_check_flags(editor: Editor) -> None:
    page = editor.post("/glossary/add", {"zh": "收官之年", "en": "closing year", "kind": "term",
                                         "note": "from the page", "forbidden": "final year", "scope": "",
                                         "layer": "project"})
    said = text_of(page.text)
    assert "added 收官之年 → closing year (term) to layer project" in said
    assert "the checks flag 1 segment of the build for it" in said
    term = load_glossary(editor.root / "glossary").get("收官之年")
    assert term is not None and (term.note, term.forbidden) == ("from the page", ("final year",))
    review = editor.client.get("/review?show=findings").text
    assert '收官之年 should read "closing year"' in unescape(review)


def test_a_term_the_cli_would_refuse_is_refused_the_same_way(editor: Editor, cli: Callable[..., Run]) -> None:
    before = terms_file(editor.root).read_bytes()
    for form, said in [
        ({"zh": "十四五", "en": "other"}, "十四五 is already in"),
        ({"zh": "新词", "en": "a | b"}, "holds '|'"),
        ({"zh": "新词", "en": "x", "kind": "gadget"}, "unknown kind 'gadget'"),
        ({"zh": "新词", "en": "x", "scope": "city:重庆"}, "unknown scope"),
        ({"zh": "新词", "en": "x", "layer": "../../etc"}, "no such layer"),
    ]:
        page = editor.post("/glossary/add", {"kind": "term", "layer": "project", **form})
        assert said in text_of(page.text), said
    assert terms_file(editor.root).read_bytes() == before


def test_a_hostile_term_is_shown_escaped(editor: Editor) -> None:
    hostile = "<script>alert(1)</script>"
    editor.post("/glossary/add", {"zh": "收官之年", "en": hostile, "kind": "term", "note": hostile,
                                  "layer": "project"})
    for page in (editor.client.get("/glossary").text, editor.client.get("/review").text):
        assert hostile not in page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def edit_form(editor: Editor, zh: str) -> dict[str, str]:
    page = editor.client.get(f"/glossary/edit?layer=project&zh={zh}&scope=").text
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page))
    fields.update(re.findall(r'<input name="(\w+)"[^>]* value="([^"]*)"', page))
    fields["kind"] = re.search(r'<option value="(\w+)" selected>', page).group(1)  # type: ignore[union-attr]
    return {k: unescape(v) for k, v in fields.items()}


def test_a_new_rendering_propagates_as_glossary_set_does(
    editor: Editor, built_sample: Path, tmp_path: Path, cli: Callable[..., Run],  # noqa: F811
) -> None:
    form = edit_form(editor, "十四五")
    page = editor.post("/glossary/edit", {**form, "en": "14th Five-year Plan period"})
    assert "'14th Five-Year Plan' → '14th Five-year Plan period'" in text_of(page.text)
    # the same change by the CLI, on another copy: the same files
    other = tmp_path / "other"
    shutil.copytree(built_sample / "glossary", other)
    assert main(["-q", "glossary", "--glossary", str(other), "set", "十四五", "14th Five-year Plan period"]) == 0
    assert terms_file(editor.root).read_bytes() == (other / "terms.tsv").read_bytes()
    assert memory_file(editor.root).read_bytes() == (other / "memory.tmx").read_bytes()
    assert "14th Five-year Plan period" in memory_file(editor.root).read_text("utf-8")


def test_a_stale_edit_is_shown_as_a_conflict_and_not_written(editor: Editor) -> None:
    mine = edit_form(editor, "十四五")
    theirs = edit_form(editor, "十四五")
    editor.post("/glossary/edit", {**theirs, "note": "theirs"})
    after_theirs = terms_file(editor.root).read_bytes()
    page = editor.post("/glossary/edit", {**mine, "note": "mine"})
    assert page.status_code == 409
    said = text_of(page.text)
    assert "十四五 was changed by someone else since you opened it" in said
    assert "mine" in said and "theirs" in said
    assert terms_file(editor.root).read_bytes() == after_theirs
    # the conflict page carries the current version: saving from it lands
    fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page.text))
    again = editor.post("/glossary/edit", {**mine, "version": fields["version"], "note": "mine"})
    assert again.status_code == 200
    term = load_glossary(editor.root / "glossary").get("十四五")
    assert term is not None and term.note == "mine"


def test_two_tabs_editing_different_terms_both_land(editor: Editor) -> None:
    first, second = edit_form(editor, "十四五"), edit_form(editor, "十五五")
    editor.post("/glossary/edit", {**first, "note": "one"})
    editor.post("/glossary/edit", {**second, "note": "two"})
    termbase = load_glossary(editor.root / "glossary")
    assert (termbase.get("十四五").note, termbase.get("十五五").note) == ("one", "two")  # type: ignore[union-attr]


def test_a_stale_removal_is_refused_and_a_current_one_removes(editor: Editor) -> None:
    form = edit_form(editor, "十五五")
    key = {k: form[k] for k in ("key_layer", "key_zh", "key_scope")}
    editor.post("/glossary/edit", {**form, "note": "changed meanwhile"})
    page = editor.post("/glossary/remove", {**key, "version": form["version"]})
    assert page.status_code == 409
    assert load_glossary(editor.root / "glossary").get("十五五") is not None
    fresh = edit_form(editor, "十五五")
    page = editor.post("/glossary/remove", {**key, "version": fresh["version"]})
    assert "removed 十五五" in text_of(page.text)
    assert load_glossary(editor.root / "glossary").get("十五五") is None


def test_the_glossary_page_searches(editor: Editor) -> None:
    page = editor.client.get("/glossary?q=Five-Year").text
    listed = re.findall(r'<tr class="[^"]*" data-zh="([^"]+)">', page)
    assert "十四五" in listed and "十五五" in listed
    assert all("Five-Year" in t.en or "Five-Year" in t.note or any("Five-Year" in f for f in t.forbidden)
               for t in load_glossary(editor.root / "glossary").rows if t.zh in listed)
    kinds = re.findall(r'<tr class="[^"]*" data-zh="([^"]+)">', editor.client.get("/glossary?kind=person").text)
    assert kinds and all(load_glossary(editor.root / "glossary").get(zh).kind == "person" for zh in kinds)  # type: ignore[union-attr]


def test_serve_without_its_extra_names_the_install_command(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, project: Path,  # noqa: F811
) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "uvicorn" else real(name, *a))
    run = cli("serve")
    assert run.code == 11
    assert "pip install 'doctool[serve]'" in run.err
    assert len(run.err.strip().splitlines()) == 1


def test_serve_refuses_a_folder_that_is_no_build(cli: Callable[..., Run], project: Path) -> None:  # noqa: F811
    run = cli("serve", project / "seeds")
    assert run.code == 3
    assert "holds no content.yaml" in run.err and "Traceback" not in run.err


def test_a_fuzzy_segment_shows_its_score_and_its_filter(editor: Editor) -> None:
    seg = segments(editor.root)[0]
    assert seg.zh.startswith("2025年")
    memory = Memory.load(memory_file(editor.root))
    memory.remove(seg.zh)
    memory.set(seg.zh.replace("2025年", "2024年"), seg.en.replace("2025", "2024"))
    memory.save()
    editor.rebuilder.request()
    assert editor.rebuilder.wait(60).state == "done"
    [fuzzy] = [s for s in segments(editor.root) if s.origin == "fuzzy"]
    page = editor.client.get("/review?show=fuzzy").text
    assert re.findall(r'id="seg-([^"]+)"', page) == [fuzzy.id]
    assert f"fuzzy {fuzzy.score}%" in text_of(page)
    assert fuzzy.id in re.findall(r'id="seg-([^"]+)"', editor.client.get("/review?show=unapproved").text)


def test_without_a_build_the_glossary_is_still_edited(tmp_path: Path, project: Path) -> None:  # noqa: F811
    bare = tmp_path / "bare"
    bare.mkdir()
    shutil.copytree(project / "glossary", bare / "glossary")
    opened = Project.open(None, here=bare)
    assert opened.build is None
    with TestClient(create_app(opened, hosts=["testserver"], token=TOKEN)) as client:
        assert client.get("/", follow_redirects=False).headers["location"] == "/glossary"
        assert "No build to review" in text_of(client.get("/review").text)
        assert client.get("/pack/brief.en.pdf").status_code == 404
        page = client.post("/glossary/add", data={"zh": "新词", "en": "new word", "kind": "term",
                                                  "layer": "project", "csrf_token": TOKEN})
        assert "added 新词 → new word" in text_of(page.text)
    assert load_glossary(bare / "glossary").get("新词") is not None


def test_a_taken_port_is_one_line(cli: Callable[..., Run], project: Path) -> None:  # noqa: F811
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = cli("serve", "--engine", "memory", "--port", str(port))
    assert run.code == 11
    assert f"cannot listen on 127.0.0.1:{port}" in run.err and "give another --port" in run.err
    assert run.out == ""


def test_a_broken_glossary_is_shown_in_one_line_not_a_traceback(editor: Editor) -> None:
    with terms_file(editor.root).open("a", encoding="utf-8") as handle:
        handle.write("十四五\tanother rendering\tterm\t\t\n")
    page = editor.client.get("/review")
    assert page.status_code == 409
    said = text_of(page.text)
    assert "十四五 has two renderings" in said and "Traceback" not in said
    glossary = editor.client.get("/glossary")
    assert glossary.status_code == 200 and "十四五 has two renderings" in text_of(glossary.text)


def test_layers_and_scopes_are_listed_and_edited_where_they_live(tmp_path: Path) -> None:
    root = tmp_path / "layered"
    shutil.copytree(FIXTURES / "glossary-layers", root / "glossary")
    with TestClient(create_app(Project.open(None, here=root), hosts=["testserver"], token=TOKEN)) as client:
        page = client.get("/glossary?q=市委经济工作会议").text
        rows = re.findall(r'<td class="scope">([^<]*)</td>\s*<td class="layer">(\w+)', page)
        assert rows == [("", "national"), ("place:株洲", "cities"), ("place:重庆", "cities")]
        page = client.get("/glossary/edit?layer=cities&zh=市委经济工作会议&scope=place:株洲").text
        fields = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page))
        reply = client.post("/glossary/edit", data={**fields, "en": "Economic Work Conference of the CPC Zhuzhou Municipal Committee",
                                                    "kind": "event", "note": "Zhuzhou Daily", "forbidden": "",
                                                    "scope": "place:株洲"}, follow_redirects=True)
        assert "saved 市委经济工作会议 in layer cities" in text_of(reply.text)
    cities = (root / "glossary" / "layers" / "20-cities.tsv").read_text("utf-8")
    assert "the city committee" not in cities and "Zhuzhou Daily" in cities
    assert "place:重庆" in cities and "iChongqing" in cities


def test_an_approval_made_meanwhile_in_another_tab_is_not_overwritten(editor: Editor) -> None:
    seg = segments(editor.root)[0]
    first, second = seg.en + " Tab one.", seg.en + " Tab two."
    reply = editor.client.post("/review/approve", headers={"Accept": "application/json"},
                               data={"segment": seg.id, "en": first, "shown": seg.en, "csrf_token": TOKEN})
    assert reply.json()["approved"]
    reply = editor.client.post("/review/approve", headers={"Accept": "application/json"},
                               data={"segment": seg.id, "en": second, "shown": seg.en, "csrf_token": TOKEN})
    assert reply.status_code == 422
    assert f"{seg.id} was approved meanwhile as" in reply.json()["message"]
    assert Memory.load(memory_file(editor.root)).lookup(seg.zh) == first
    # approving again from what the memory now holds replaces it, as asked
    reply = editor.client.post("/review/approve", headers={"Accept": "application/json"},
                               data={"segment": seg.id, "en": second, "shown": first, "csrf_token": TOKEN})
    assert reply.json()["approved"]
    assert Memory.load(memory_file(editor.root)).lookup(seg.zh) == second
