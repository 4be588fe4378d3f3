"""Chinese personal names in Pinyin: surname first, surname readings, compound surnames."""

from __future__ import annotations

import pytest

from doctool.surnames import is_chinese_name, split_name
from doctool.translate.names import romanize, romanize_name


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("王志杰", "Wang Zhijie"),
        ("许宏球", "Xu Hongqiu"),
        ("高健", "Gao Jian"),
        ("章勇武", "Zhang Yongwu"),
        ("胡衡华", "Hu Henghua"),
        ("余亚军", "Yu Yajun"),
        ("石继东", "Shi Jidong"),
    ],
)
def test_names_from_the_sample_report(zh: str, en: str) -> None:
    assert romanize_name(zh) == en


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("单田芳", "Shan Tianfang"),
        ("曾乐", "Zeng Le"),
        ("解缙", "Xie Jin"),
        ("仇英", "Qiu Ying"),
        ("朴槿惠", "Piao Jinhui"),
        ("区志航", "Ou Zhihang"),
        ("查良镛", "Zha Liangyong"),
        ("盖叫天", "Ge Jiaotian"),
        ("乐嘉", "Yue Jia"),
    ],
)
def test_surnames_take_their_surname_reading(zh: str, en: str) -> None:
    assert romanize_name(zh) == en


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("尉迟恭", "Yuchi Gong"),
        ("欧阳修", "Ouyang Xiu"),
        ("司马光", "Sima Guang"),
        ("诸葛亮", "Zhuge Liang"),
        ("长孙无忌", "Zhangsun Wuji"),
        ("上官婉儿", "Shangguan Wan'er"),
    ],
)
def test_compound_surnames_are_one_word(zh: str, en: str) -> None:
    assert romanize_name(zh) == en


def test_two_characters_starting_like_a_compound_surname_are_surname_and_given_name() -> None:
    assert split_name("欧阳") == ("欧", "阳")
    assert romanize_name("欧阳") == "Ou Yang"


def test_apostrophe_separates_syllables_that_would_run_together() -> None:
    assert romanize_name("张西安") == "Zhang Xi'an"
    assert romanize_name("李长安") == "Li Chang'an"


def test_u_umlaut_is_kept() -> None:
    assert romanize_name("吕欣") == "Lü Xin"


def test_spaces_and_non_chinese_input() -> None:
    assert romanize_name(" 王 志杰 ") == "Wang Zhijie"
    assert romanize_name("") == ""
    assert romanize_name("John Smith") == "John Smith"


def test_transliterated_names_are_written_part_by_part() -> None:
    assert romanize_name("阿不都·热合曼") == "Abudou Reheman"


def test_is_chinese_name() -> None:
    assert is_chinese_name("王志杰")
    assert not is_chinese_name("王")
    assert not is_chinese_name("新重庆-重庆日报记者")
    assert not is_chinese_name("Wang")


def test_romanize_joins_the_whole_text() -> None:
    assert romanize("重庆") == "Chongqing"
