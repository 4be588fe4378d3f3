"""The XLIFF 1.2 format: what CAT tools need to read it, and what doctool refuses to read back."""

from __future__ import annotations

import pytest

from doctool.errors import ExchangeError
from doctool.xliff import (
    Note,
    TransUnit,
    XliffFile,
    check_languages,
    parse_xliff,
    state_of,
    to_xliff,
    units_of,
)

UNITS = (
    TransUnit("s1.b1.1", "会议在重庆召开。", "The meeting was held in Chongqing.", "final",
              (Note("glossary", "重庆 → Chongqing"), Note("speaker", "袁家军"))),
    TransUnit("s1.b1.2", "GDP增长6%左右。", "", "new", (Note("qa", "untranslated"),)),
    TransUnit("s1.b1.3", "“R&D”投入<占比>提高。", "R&D spending <share> up.", "needs-review-translation"),
)
DOC = XliffFile("chongqing.txt", UNITS)


def test_the_root_element_reads_as_omegat_needs_it() -> None:
    raw = to_xliff(DOC)
    assert raw.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    assert b'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">' in raw


def test_units_round_trip_with_ids_states_and_escaped_text() -> None:
    files = parse_xliff(to_xliff(DOC), "x.xlf")
    assert [(u.id, u.source, u.target, u.state) for u in units_of(files)] == [
        (u.id, u.source, u.target, u.state) for u in UNITS
    ]
    assert files[0].original == "chongqing.txt"
    assert (files[0].source_lang, files[0].target_lang) == ("zh-CN", "en")


def test_every_unit_has_a_target_element_and_notes_name_what_they_concern() -> None:
    raw = to_xliff(DOC).decode()
    assert raw.count("<target") == 3
    assert '<note from="doctool" annotates="general" priority="2">glossary: 重庆 → Chongqing</note>' in raw
    assert "speaker: 袁家军" in raw and "qa: untranslated" in raw


def test_origins_map_to_states() -> None:
    assert state_of("memory") == "final"
    assert state_of("mt") == "needs-review-translation"
    assert state_of("fuzzy") == "needs-review-translation"
    assert state_of("none") == "new"


def test_inline_markup_from_a_cat_tool_keeps_its_text() -> None:
    raw = (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="r" '
        'source-language="zh-CN" target-language="en-US"><body><group><trans-unit id="a">'
        '<source>会议</source><target state="translated">The <g id="1">meeting</g><x id="2"/></target>'
        "</trans-unit></group></body></file></xliff>"
    ).encode()
    [unit] = units_of(parse_xliff(raw, "r.xlf"))
    assert (unit.id, unit.target, unit.state) == ("a", "The meeting", "translated")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<xliff version="1.2"><file><body><trans-unit id="a"><source>&lol2;</source></trans-unit></body></file></xliff>"""


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"", "the file is empty"),
        (b"<xliff version='1.2'><file>", "not well-formed XML"),
        (BILLION_LAUGHS, "declares a DTD or entities"),
        (b'<tmx version="1.4"/>', "not an XLIFF file"),
        (b'<xliff version="2.0"><file/></xliff>', "XLIFF version 2.0 is not read"),
        (b'<xliff version="1.2"></xliff>', "holds no <file>"),
        (b'<xliff version="1.2"><file><body><trans-unit><source>x</source></trans-unit></body></file></xliff>',
         "has no id"),
    ],
)
def test_bad_files_are_refused_in_one_line(raw: bytes, says: str) -> None:
    with pytest.raises(ExchangeError) as error:
        parse_xliff(raw, "in.xlf")
    assert says in str(error.value)
    assert str(error.value).startswith("in.xlf") and "\n" not in str(error.value)


def test_another_language_pair_is_refused() -> None:
    files = parse_xliff(to_xliff(XliffFile("r", UNITS, "en", "fr")), "r.xlf")
    with pytest.raises(ExchangeError, match="translates en to fr; doctool takes Chinese"):
        check_languages(files, "r.xlf")
    check_languages(parse_xliff(to_xliff(DOC), "r.xlf"), "r.xlf")
