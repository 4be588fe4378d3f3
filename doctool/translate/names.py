"""Chinese personal names in Hanyu Pinyin, the way GB/T 28039-2011 writes them.

Surname first, then the given name; each capitalised, syllables of one part joined
(王志杰 → Wang Zhijie, 欧阳修 → Ouyang Xiu), an apostrophe where a syllable starting
with a, o or e would otherwise run into the one before (张西安 → Zhang Xi'an), ü kept as ü.

pypinyin reads characters the way they are read in running text, which is wrong for many
surnames (单 is dan in text, Shan as a surname; 曾 ceng / Zeng; 解 jie / Xie); pypinyin has
no surname mode, so the surname readings live in a table here.
"""

from __future__ import annotations

import re
import unicodedata

from doctool.cjk import has_han, is_han

#: compound (two-character) surnames and their readings
COMPOUND_SURNAMES: dict[str, str] = {
    "欧阳": "ouyang", "上官": "shangguan", "司马": "sima", "诸葛": "zhuge", "东方": "dongfang",
    "皇甫": "huangfu", "尉迟": "yuchi", "公孙": "gongsun", "令狐": "linghu", "慕容": "murong",
    "长孙": "zhangsun", "宇文": "yuwen", "司徒": "situ", "司空": "sikong", "夏侯": "xiahou",
    "轩辕": "xuanyuan", "端木": "duanmu", "澹台": "tantai", "万俟": "moqi", "单于": "chanyu",
    "呼延": "huyan", "南宫": "nangong", "西门": "ximen", "独孤": "dugu", "申屠": "shentu",
    "闻人": "wenren", "东郭": "dongguo", "公羊": "gongyang", "太史": "taishi", "钟离": "zhongli",
    "赫连": "helian", "百里": "baili", "第五": "diwu", "公冶": "gongye", "濮阳": "puyang",
    "淳于": "chunyu", "宗政": "zongzheng", "仲孙": "zhongsun", "拓跋": "tuoba", "左丘": "zuoqiu",
    "东门": "dongmen", "羊舌": "yangshe", "巫马": "wuma", "公西": "gongxi", "漆雕": "qidiao",
    "乐正": "yuezheng", "壤驷": "rangsi", "公良": "gongliang", "梁丘": "liangqiu", "谷梁": "guliang",
    "段干": "duangan", "闾丘": "lüqiu", "子车": "ziju", "颛孙": "zhuansun", "亓官": "qiguan",
}

#: single-character surnames whose surname reading differs from pypinyin's everyday reading
SURNAME_READINGS: dict[str, str] = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "朴": "piao", "区": "ou", "查": "zha",
    "盖": "ge", "乐": "yue", "秘": "bi", "冼": "xian", "华": "hua", "过": "guo", "纪": "ji",
    "燕": "yan", "种": "chong", "繁": "po", "覃": "qin", "缪": "miao", "瞿": "qu", "折": "she",
    "翟": "zhai", "都": "du", "六": "lu", "薄": "bo", "贾": "jia", "居": "ju", "盛": "sheng",
    "柏": "bai", "牟": "mou", "乜": "nie", "阚": "kan", "叶": "ye", "沈": "shen", "宿": "su",
    "卜": "bu", "员": "yun", "贠": "yun", "尉": "wei", "重": "chong", "能": "nai", "句": "gou",
    "褚": "chu", "臧": "zang", "莘": "shen", "郇": "huan", "余": "yu", "许": "xu", "石": "shi",
    "那": "na", "车": "che", "藏": "zang", "粘": "nian", "难": "nan", "和": "he", "陆": "lu",
    "强": "qiang", "南": "nan", "於": "yu", "俞": "yu", "隗": "wei", "黑": "he", "召": "shao",
    "亓": "qi", "长": "chang", "朝": "chao", "尕": "ga", "佘": "she", "眭": "sui", "蔺": "lin",
    "曲": "qu", "万": "wan", "任": "ren", "宁": "ning", "厍": "she", "沙": "sha", "洗": "xian",
}

# separators inside transliterated minority and foreign names: 阿不都·热合曼
_NAME_PARTS = re.compile(r"[·•・‧.\-]")


def is_chinese_name(text: str) -> bool:
    """True when ``text`` looks like a Chinese personal name: two to four Han characters."""
    text = _clean(text)
    return 2 <= len(text) <= 4 and is_han(text)


def split_name(name: str) -> tuple[str, str]:
    """The surname and given name of a Chinese personal name (欧阳修 → 欧阳, 修)."""
    name = _clean(name)
    # a two-character name has a one-character surname, even 欧阳 (a person named Ou Yang)
    if len(name) > 2 and name[:2] in COMPOUND_SURNAMES:
        return name[:2], name[2:]
    return name[:1], name[1:]


def romanize_name(name: str) -> str:
    """A Chinese personal name in Pinyin, surname first: 王志杰 → "Wang Zhijie"."""
    if not has_han(name):
        return " ".join(unicodedata.normalize("NFC", name).split())
    name = _clean(name)
    if _NAME_PARTS.search(name):
        # transliterated names have no surname in front; each part is written on its own
        return " ".join(_word(_syllables(p)) for p in _NAME_PARTS.split(name) if p)
    surname, given = split_name(name)
    family = _surname_syllables(surname)
    if not given:
        return _word(family)
    return f"{_word(family)} {_word(_syllables(given))}"


def romanize(text: str) -> str:
    """Any Chinese text in Pinyin, syllables of the whole text joined and capitalised."""
    text = _clean(text)
    return _word(_syllables(text)) if text else ""


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return "".join(text.split())


def _surname_syllables(surname: str) -> list[str]:
    if surname in COMPOUND_SURNAMES:
        reading = COMPOUND_SURNAMES[surname]
        # keep the syllable boundary so an apostrophe can be placed if one is needed
        first = _syllables(surname[0])[0]
        if reading.startswith(first):
            return [first, reading[len(first):]]
        return [reading]
    if surname in SURNAME_READINGS:
        return [SURNAME_READINGS[surname]]
    return _syllables(surname)


def _syllables(text: str) -> list[str]:
    # imported here: loading pypinyin's dictionaries takes about 0.2 s, and most builds find
    # every name in the glossary
    from pypinyin import Style, lazy_pinyin

    return [s for s in lazy_pinyin(text, style=Style.NORMAL, v_to_u=True) if s.strip()]


def _word(syllables: list[str]) -> str:
    """Syllables joined into one word, capitalised, with apostrophes where the rules want them."""
    word = ""
    for syllable in syllables:
        if word and syllable[:1] in "aoe":
            word += "'"
        word += syllable
    return word[:1].upper() + word[1:]
