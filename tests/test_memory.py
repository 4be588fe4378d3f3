"""The translation memory: TMX read safely, exact lookup on a normalised key, stable saves."""

from __future__ import annotations

from pathlib import Path

import pytest

from doctool.errors import GlossaryError
from doctool.glossary.matcher import contains_rendering, rewrite_rendering
from doctool.glossary.memory import Memory, Unit, memory_path, normalize_key, parse_tmx

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="x" creationtoolversion="1" datatype="plaintext" segtype="sentence"
          adminlang="en" srclang="zh-CN" o-tmf="x"/>
  <body>
    <tu>
      <prop type="x-reviewer">Li</prop>
      <tuv xml:lang="zh-CN"><seg>会议在重庆召开。</seg></tuv>
      <tuv xml:lang="en"><seg>The meeting was held in Chongqing.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="zh-cn"><seg>两江新区要持续壮大主导产业。</seg></tuv>
      <tuv xml:lang="en-US"><seg>Liangjiang New Zone will keep growing its leading industries.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def write(tmp_path: Path, text: str, name: str = "memory.tmx") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_and_lookup(tmp_path: Path) -> None:
    memory = Memory.load(write(tmp_path, TMX))
    assert len(memory) == 2
    assert memory.lookup("会议在重庆召开。") == "The meeting was held in Chongqing."
    assert memory.lookup("会议在北京召开。") is None


def test_lookup_ignores_spaces_of_both_widths_and_normalises_unicode(tmp_path: Path) -> None:
    memory = Memory.load(write(tmp_path, TMX))
    assert memory.lookup(" 会议 在重庆\u3000召开。\n") == "The meeting was held in Chongqing."
    assert normalize_key("e\u0301 a b") == "\u00e9ab"


def test_missing_file_is_an_empty_memory_saved_where_it_was_looked_for(tmp_path: Path) -> None:
    path = memory_path(tmp_path)
    memory = Memory.load(path)
    assert len(memory) == 0
    memory.set("会议在重庆召开。", "The meeting was held in Chongqing.")
    memory.save()
    assert Memory.load(path).lookup("会议在重庆召开。") == "The meeting was held in Chongqing."


def test_save_is_deterministic_keeps_order_and_notes_and_appends_new_units(tmp_path: Path) -> None:
    path = write(tmp_path, TMX)
    memory = Memory.load(path)
    memory.set("新句子。", "A new sentence.")
    memory.set("会议在重庆召开。", "The meeting took place in Chongqing.")
    memory.save()
    first = path.read_bytes()
    again = Memory.load(path)
    assert [u.zh for u in again] == ["会议在重庆召开。", "两江新区要持续壮大主导产业。", "新句子。"]
    assert again.get("会议在重庆召开。") == Unit(
        "会议在重庆召开。", "The meeting took place in Chongqing.", (("x-reviewer", "Li"),)
    )
    again.save()
    assert path.read_bytes() == first
    text = first.decode("utf-8")
    assert '<tmx version="1.4">' in text
    assert 'srclang="zh-CN"' in text and 'o-tmf="doctool"' in text
    assert '<tuv xml:lang="zh-CN"><seg>新句子。</seg></tuv>' in text


def test_special_characters_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    memory = Memory(path=path)
    memory.set("甲<乙>&“丙”", 'A <b> & "c"\r\nline')
    memory.save()
    assert Memory.load(path).lookup("甲<乙>&“丙”") == 'A <b> & "c"\r\nline'


def test_add_refuses_a_second_translation(tmp_path: Path) -> None:
    memory = Memory(path=tmp_path / "memory.tmx")
    memory.add("会议。", "The meeting.")
    memory.add("会议。", "The meeting.")  # the same translation again is fine
    with pytest.raises(GlossaryError, match="already translates"):
        memory.add("会议。", "A meeting.")
    assert memory.remove("会议。") and not memory.remove("会议。")


def test_control_characters_are_refused() -> None:
    with pytest.raises(GlossaryError, match="control characters"):
        Memory().set("会议。", "bad\x07")


def test_two_translations_of_one_segment_in_the_file_are_refused(tmp_path: Path) -> None:
    doubled = TMX.replace("两江新区要持续壮大主导产业。", "会议在重庆召开。")
    with pytest.raises(GlossaryError, match="translated twice"):
        Memory.load(write(tmp_path, doubled))


def test_doctype_and_entities_are_refused_not_expanded(tmp_path: Path) -> None:
    bomb = (
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<tmx version="1.4"><header/><body><tu><tuv xml:lang="zh-CN"><seg>&b;</seg></tuv>'
        "</tu></body></tmx>"
    )
    with pytest.raises(GlossaryError, match="DTD or entities"):
        Memory.load(write(tmp_path, bomb))
    external = (
        '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "http://example.invalid/tmx14.dtd">\n'
        '<tmx version="1.4"><header/><body/></tmx>'
    )
    with pytest.raises(GlossaryError, match="DTD"):
        Memory.load(write(tmp_path, external))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<html><body/></html>", "not a TMX file"),
        ("zh\ten\n会议\tmeeting\n", "not well-formed"),
        ("<tmx version='1.4'><header/></tmx>", "no <body>"),
        ("", "not well-formed"),
    ],
)
def test_files_that_are_not_tmx_are_refused_with_the_file_name(
    tmp_path: Path, text: str, message: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(GlossaryError, match=message) as err:
        Memory.load(path)
    assert str(path) in str(err.value)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "memory.tmx").mkdir()
    with pytest.raises(GlossaryError, match="is a folder"):
        Memory.load(tmp_path / "memory.tmx")


def test_namespaced_tmx_and_old_lang_attribute_are_read() -> None:
    raw = (
        '<tmx xmlns="http://www.lisa.org/tmx14" version="1.4"><header/><body>'
        '<tu><tuv lang="ZH"><seg>会议。</seg></tuv><tuv lang="EN"><seg>Meeting.</seg></tuv></tu>'
        '<tu><tuv lang="en"><seg>no Chinese</seg></tuv></tu>'
        "</body></tmx>"
    ).encode()
    assert parse_tmx(raw) == [Unit("会议。", "Meeting.")]


def test_unit_without_english_is_kept_but_not_used(tmp_path: Path) -> None:
    raw = TMX.replace(
        "<seg>The meeting was held in Chongqing.</seg>", "<seg></seg>"
    )
    memory = Memory.load(write(tmp_path, raw))
    assert "会议在重庆召开。" in memory
    assert memory.lookup("会议在重庆召开。") is None


def test_replace_rendering_updates_every_unit(tmp_path: Path) -> None:
    memory = Memory.load(write(tmp_path, TMX))
    assert memory.replace_rendering("Liangjiang New Zone", "Liangjiang New Area") == 1
    assert memory.lookup("两江新区要持续壮大主导产业。") == (
        "Liangjiang New Area will keep growing its leading industries."
    )
    assert memory.replace_rendering("Liangjiang New Zone", "Liangjiang New Area") == 0


def test_rewrite_rendering_is_case_aware_and_whole_word() -> None:
    old, new = "new productive forces", "new quality productive forces"
    assert rewrite_rendering("New productive forces grow.", old, new) == (
        "New quality productive forces grow."
    )
    assert rewrite_rendering("We build new productive forces.", old, new) == (
        "We build new quality productive forces."
    )
    assert rewrite_rendering("Areas and area", "area", "zone") == "Areas and zone"
    # a new rendering that contains the old one is not rewritten twice
    once = rewrite_rendering("Chongqing grows.", "Chongqing", "Chongqing Municipality")
    assert rewrite_rendering(once, "Chongqing", "Chongqing Municipality") == once
    assert contains_rendering("The LIANGJIANG New Area", "Liangjiang New Area")
    assert not contains_rendering("anything", "")
