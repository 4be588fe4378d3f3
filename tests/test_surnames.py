"""The one surname list and name test that extraction and translation share."""

from __future__ import annotations

import pytest

from doctool.surnames import COMPOUND_SURNAMES, SURNAME_READINGS, SURNAMES, is_chinese_name


@pytest.mark.parametrize("name", ["王志杰", "高健", "欧阳修", "司马相如", "单雄信", "王 志杰"])
def test_names(name: str) -> None:
    assert is_chinese_name(name)


@pytest.mark.parametrize(
    "text",
    ["王", "欧阳", "王志杰明", "产业经济", "记者王", "Wang", "阿不都·热合曼", "的确如此"],
)
def test_not_names(text: str) -> None:
    assert not is_chinese_name(text)


def test_compound_surnames_are_two_characters_with_a_reading() -> None:
    assert all(len(s) == 2 and r.isalpha() and r.islower() for s, r in COMPOUND_SURNAMES.items())


def test_common_surnames_with_their_own_reading_are_in_the_list() -> None:
    # 单, 曾 and 解 start names in running text and are read Shan, Zeng and Xie
    assert {"单", "曾", "解"} <= SURNAMES and {"单", "曾", "解"} <= set(SURNAME_READINGS)
    assert all(len(s) == 1 for s in SURNAMES)
