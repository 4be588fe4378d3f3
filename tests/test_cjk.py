"""The one Han character class: which characters count as Chinese."""

from __future__ import annotations

import re

import pytest

from doctool.cjk import HAN, HAN_CHAR, has_han, is_han


@pytest.mark.parametrize(
    "char",
    [
        "王",  # CJK Unified Ideographs
        "㐀",  # Extension A, U+3400
        "䶵",  # Extension A, U+4DB5
        "鿿",  # the last unified ideograph block code point
        "\uf900",  # CJK Compatibility Ideographs
        "𠀀",  # Extension B, U+20000
        "𪚥",  # Extension B, a rare character of names
        "\U00030000",  # Extension G
    ],
)
def test_han_ideographs(char: str) -> None:
    assert HAN_CHAR.fullmatch(char)
    assert is_han(char) and has_han(f"abc{char}")


@pytest.mark.parametrize("char", ["，", "。", "“", "あ", "한", "A", "1", "\u3000", "·", "〇"])
def test_not_han(char: str) -> None:
    assert not HAN_CHAR.fullmatch(char)


def test_runs() -> None:
    assert is_han("欧阳𫗧")
    assert not is_han("")
    assert not is_han("王 志杰")
    assert not has_han("Wang Zhijie, 2024")


def test_class_body_combines_with_other_characters() -> None:
    assert re.fullmatch(rf"[{HAN}·]+", "阿不都·热合曼")
