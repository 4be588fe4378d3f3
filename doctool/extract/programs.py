"""Finding named programs and initiatives.

A quoted name is a program when a program word follows it (“满天星”行动计划), when a run of
quoted names shares one (“满天星”“启明星”“北斗星”行动计划 is three programs), when it ends in a
program word itself (“两重清单”), when it is named by numbers (“33618”, “6·18”), or when it is a
numeric abbreviation (“两新”, “三改一加强”). A program spans exactly its name: the words after
the quotes belong to it only when they end in a program word and close the phrase (“百千万工程”
in “百千万工程”典型村开展经济合作 is the whole name). Rhetorical quotes used for emphasis (“稳”,
“经济味”), quoted speech (“听你的”), quoted figures (“5.5%左右”), dates (“6·5”) and plan
periods on their own (“十五”) are not programs. Well-known unquoted names come from a list
passed in (the term base's programs) plus the genre's common national programs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

#: how far a program word can be trusted to end a program's name: ``alone``, even without
#: quotes (两江新区高质量发展行动计划); ``quoted``, right after a quoted name (“两重清单”,
#: “低空经济”); ``tail``, only in the short tail that follows a quoted name (“渝伴礼”品牌)
Trust = Literal["alone", "quoted", "tail"]

#: the words that end the name of a program, and how far each is trusted
PROGRAM_WORDS: dict[str, Trust] = {
    "行动计划": "alone", "行动": "alone", "工程": "alone", "体系": "alone", "计划": "alone",
    "机制": "alone", "清单": "quoted", "经济": "quoted", "经验": "quoted",
    # “某地”招商引资项目: projects of a campaign, not a program of their own
    "项目": "quoted",
    **dict.fromkeys(
        ("三年行动计划", "行动方案", "专项行动", "三年行动", "攻坚行动", "品牌", "战略", "规划",
         "改革", "治理", "工作法", "模式", "平台", "试点", "示范区", "节", "月", "活动"),
        "tail",
    ),
}


def program_words(*trust: Trust) -> tuple[str, ...]:
    """The program words trusted as far as one of ``trust``, longest first (行动计划 before 行动)."""
    return tuple(sorted((w for w, t in PROGRAM_WORDS.items() if t in trust), key=len, reverse=True))


_WORDS = "|".join(program_words("alone", "quoted", "tail"))
#: a word trusted only right after the quotes takes no modifier before it
_MODIFIED_WORDS = "|".join(program_words("alone", "tail"))
#: what can stand between the quotes and a program word: no punctuation (ASCII included),
#: no function word, and no verb of designation (“招商引资”作为一号工程 is no 工程)
_MODIFIER = r"[^，。；：、！？“”（）,.;:!?()\s等的和与及为是在对将把从向作]"
#: a one-character program word that ends a common word (环节, 细节, 岁月) is not one
_PART_OF_WORD = r"(?<![环细季关章调情礼岁])"
#: a run of quoted names (“甲”“乙”和“丙”), then a program word right after them, or up to eight
#: characters of modifier and a program word that can take one
_QUOTED_RUN = re.compile(
    rf"(?P<names>“[^“”]{{1,30}}”(?:[、和与及]?“[^“”]{{1,30}}”)*)"
    rf"(?P<tail>(?:{_WORDS})|{_MODIFIER}{{1,8}}?{_PART_OF_WORD}(?:{_MODIFIED_WORDS}))?"
)
#: words after a quoted name that make it a group of people (“四大家”领导), not a program
_PEOPLE_AFTER = re.compile(r"(?:领导|班子|成员|干部|代表)")
#: a quoted figure (“5.5%左右”, “8%”, “6.5”), not a name; bare digits are a code (“33618”)
_FIGURE = re.compile(
    r"^\d+(?:[.．]\d+)?(?:[%％]|个百分点)?(?:[~～\-—－]\d+(?:[.．]\d+)?(?:[%％]|个百分点)?)?"
    r"(?:左右|以上|以下|以内)?$"
)
#: a quoted month and day (“6·5”) names a day; with a program word after it, an event (“6·18”电商节)
_DAY = re.compile(r"^\d{1,2}[·.．]\d{1,2}$")
#: a plan period on its own (“十五”, “十四五”) is a time, not a program
PLAN_PERIOD = re.compile(r"^“?十[一二三四五六七八九]?五”?$")
#: quoted speech ends in a particle (“听你的”, “能行吗”)
_SPEECH_END = re.compile(r"[的了吗呢吧啊呀嘛]$")
_INSIDE_WORD = re.compile(rf"(?:{_WORDS}|圈|节|月|会)$")
_LAUNCH = re.compile(r"(?:建设|实施|开展|推进|落实|启动)$")
_NUMERIC_ABBREVIATION = re.compile(r"^[一二两三四五六七八九十]+[^\d]")
#: national programs the genre names without quotes
COMMON_PROGRAMS = (
    "西部陆海新通道", "成渝地区双城经济圈", "一带一路", "长江经济带", "乡村振兴", "以旧换新",
    "京津冀协同发展", "粤港澳大湾区", "长三角一体化", "黄河流域生态保护和高质量发展",
    "提振消费专项行动", "大规模设备更新", "新型城镇化", "城市更新", "东数西算", "西部大开发",
)


@dataclass(frozen=True)
class ProgramMention:
    """A program named in a sentence; ``key`` identifies it across mentions."""

    key: str
    name: str


def is_figure(inner: str) -> bool:
    """True when a quoted ``inner`` is a figure (5.5%左右, 6.5) rather than a name or a code."""
    return bool(_FIGURE.match(inner)) and not inner.isdigit()


def _is_program_name(inner: str, has_tail: bool, launched: bool = False) -> bool:
    if len(inner) < 2 or _SPEECH_END.search(inner) or is_figure(inner):
        return False
    if has_tail:
        return True
    if _DAY.match(inner):
        return False
    if (launched and len(inner) >= 4) or re.search(r"\d", inner) or "+" in inner or "＋" in inner:
        return True
    if _INSIDE_WORD.search(inner) and len(inner) >= 4:
        return True
    # 投资某地·月月签: two phrases joined by a middle dot name a campaign
    if re.fullmatch(r"[^·]{2,}·[^·]{2,}", inner):
        return True
    # 两新, 三改一加强, 一老一小 are policy shorthands; 一盘棋 is a figure of speech
    numerals = sum(ch in "一二两三四五六七八九十" for ch in inner)
    return bool(_NUMERIC_ABBREVIATION.match(inner)) and (inner[0] != "一" or numerals >= 2)


def find_programs(sentence: str, known: Iterable[str] = ()) -> list[ProgramMention]:
    """Programs named in ``sentence``, in order of appearance."""
    found: list[tuple[int, ProgramMention]] = []
    taken: list[tuple[int, int]] = []
    for match in _QUOTED_RUN.finditer(sentence):
        tail = match.group("tail") or ""
        end = match.end("names") + len(tail)
        names = re.findall(r"“([^“”]+)”", match.group("names"))
        # 建设“数字嘉禾”: a quoted name that is built or carried out is an initiative
        launched = bool(_LAUNCH.search(sentence[: match.start()])) and (
            end == len(sentence) or sentence[end] in "，。；、！？"
        )
        if not tail and _PEOPLE_AFTER.match(sentence, end):
            names = []
        for inner in names:
            if not _is_program_name(inner, bool(tail), launched):
                continue
            # a run of names sharing one program word: each gets the word
            display = f"“{inner}”{tail}"
            found.append((match.start(), ProgramMention(inner, display)))
        taken.append((match.start(), end))
    for name in sorted(set(known) | set(COMMON_PROGRAMS), key=len, reverse=True):
        plain = name.replace("“", "").replace("”", "")
        if "“" in name:
            continue  # quoted names are found above
        # 乡村振兴战略: a strategy named with its program word right after it
        for hit in re.finditer(rf"{re.escape(plain)}(?:战略|规划)?", sentence):
            span = hit.span()
            if any(a <= span[0] < b or a < span[1] <= b for a, b in taken):
                continue
            taken.append(span)
            found.append((span[0], ProgramMention(plain, hit.group())))
    return [mention for _, mention in sorted(found, key=lambda item: item[0])]
