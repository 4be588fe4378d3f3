"""Reading reports: any common encoding and line ending gives the same text; junk is refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doctool.errors import InputError
from doctool.extract import extract
from doctool.extract.reader import decode, normalize, read_text
from tests.conftest import BAD, SAMPLE

TEXT = SAMPLE.read_text("utf-8")


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.encode("utf-8"),
        lambda t: codecs.BOM_UTF8 + t.encode("utf-8"),
        lambda t: t.encode("utf-16"),  # with BOM
        lambda t: t.encode("gb18030"),
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: t.replace("\n", "\r").encode("gb18030"),
        lambda t: t.replace("\n", "\r\n").encode("utf-16"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "gb18030", "crlf", "cr-gb18030", "utf16-crlf"],
)
def test_every_encoding_gives_the_same_content(encode) -> None:  # type: ignore[no-untyped-def]
    reference = extract(read_text(TEXT.encode("utf-8")))
    assert extract(read_text(encode(TEXT))) == reference


def test_full_width_spaces_and_stray_whitespace_are_normalised() -> None:
    messy = TEXT.replace("\n\n", "\n \u3000\t\n").replace("攻坚克难 唯实争先", "\u3000攻坚克难\u3000唯实争先  ")
    assert extract(read_text(messy.encode("utf-8"))) == extract(read_text(TEXT.encode("utf-8")))


def test_decomposed_unicode_is_composed() -> None:
    assert read_text("会议于12月23日召开。café".encode()) == read_text(
        "会议于12月23日召开。cafe\u0301".encode()
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "is empty"),
        ("blank.txt", "only blank space"),
        ("binary.bin", "binary data"),
        ("no-chinese.txt", "no Chinese text"),
        ("truncated-utf8.txt", "truncated UTF-8"),
    ],
)
def test_bad_inputs_are_refused_with_a_reason(name: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_text((BAD / name).read_bytes(), name)


def test_html_page_is_reduced_to_its_text() -> None:
    text = read_text((BAD / "report.html").read_bytes())
    assert "<p>" not in text and "&nbsp;" not in text and "<script" not in text
    assert "“" in text  # &ldquo; became a real quote mark
    content = extract(text)
    assert sum(1 for _ in content.segments()) > 3


def test_markup_in_a_text_report_is_kept_literally() -> None:
    text = read_text((BAD / "markup.txt").read_bytes())
    for literal in ("<b>粗体</b>", '<img src="/etc/passwd">', "&", "😀", "𠮷", "镕"):
        assert literal in text


def test_invalid_utf8_in_the_middle_is_refused() -> None:
    data = "会议在重庆召开。".encode() * 50
    broken = data[:30] + b"\xff\xfe\xfd" + data[30:]
    with pytest.raises(InputError, match="invalid UTF-8"):
        decode(broken, "x.txt")


def test_missing_file(tmp_path: Path) -> None:
    from doctool.extract.reader import read_source

    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.txt")


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_extraction_never_crashes_on_random_unicode(text: str) -> None:
    try:
        content = extract(read_text(text.encode("utf-8")))
    except InputError:
        return
    joined = "".join(s.zh for s in content.segments())
    assert joined or content.meeting.title.zh


@pytest.mark.parametrize(
    ("raw", "read"),
    [
        ("发布时间:2007-12-27", "发布时间：2007-12-27"),
        ("会议指出,今年以来,全区上下;稳中求进?", "会议指出，今年以来，全区上下；稳中求进？"),
        ("本报讯(记者 王明)昨日上午,", "本报讯（记者 王明）昨日上午，"),
        ("作者:本报评论员 《某某日报》( 2020年05月24日 01版)", "作者：本报评论员 《某某日报》（2020年05月24日 01版）"),
        ("全市GDP,增长", "全市GDP，增长"),
    ],
)
def test_ascii_punctuation_in_chinese_is_read_full_width(raw: str, read: str) -> None:
    assert normalize(raw) == read


@pytest.mark.parametrize("kept", ["2024-01-19 07:37", "数字1:6.5%左右", "共1,160亿元", "Hello, world (A)",
                                  "http://www.example.cn/a?b=1 网页"])
def test_ascii_punctuation_between_latin_or_digits_stays(kept: str) -> None:
    assert normalize(kept) == kept


def test_an_ascii_semicolon_splits_sentences_like_a_full_width_one() -> None:
    from doctool.extract.sentences import split_sentences

    assert split_sentences(normalize("增长16%;收入增长23%;外资20亿美元。")) == [
        "增长16%；", "收入增长23%；", "外资20亿美元。"]


def test_the_semicolon_of_a_literal_entity_is_not_a_mark() -> None:
    assert normalize("&amp;与&lt;原样保留") == "&amp;与&lt;原样保留"
