"""Finding numeric targets: metric, value, unit, qualifier and year.

``推动2025年全市规上工业增加值增长8%`` gives metric 规上工业增加值增长, value 8, unit %, year
2025. Numbers inside quotation marks are names (“33618”), never targets; so are years,
ordinals and counts of things such as 三大行动.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from doctool.extract.numbers import ARABIC, CN_NUMERAL_CHARS, parse_number, to_halfwidth
from doctool.extract.sentences import CLOSERS, OPENERS
from doctool.model import Unit
from doctool.units import TARGET_UNITS

_UNIT_ALTERNATION = "|".join(sorted(map(re.escape, TARGET_UNITS), key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?P<num>{ARABIC}|[{CN_NUMERAL_CHARS}]+)(?P<mult>[万亿]*)(?P<unit>{_UNIT_ALTERNATION})?"
    r"(?P<post>大关|以上|左右|以内|以下|上下|多)?"
)
_NOT_A_QUANTITY = re.compile(r"^(?:年|月|日|版|级|倍|分钟|大|号|届|次|轮|期|批|条|方面|种|类|点|时)")
_WEAK_UNITS = {"count", "people"}
_TARGET_VERBS = (
    "增长", "增速", "提升", "提高", "下降", "降低", "减少", "达到", "突破", "超过", "迈上", "跨越",
    "站上", "实现", "完成", "新增", "累计", "在建", "建成", "开工", "保持", "控制在", "稳定在",
    "培育", "引进", "新建", "新开", "投入", "改造", "认定", "达", "超", "为", "约", "近", "逾",
)
_ANY_VERB = re.compile("|".join(_TARGET_VERBS[:-4]) + "|新认定|吸纳|带动|接待|实施|建设|惠及|覆盖|服务|帮扶")
_CHANGE_VERBS = ("增长", "增速", "提升", "提高", "下降", "降低", "减少", "在建", "新增")
_VERB_AT_END = re.compile("(?:" + "|".join(sorted(_TARGET_VERBS, key=len, reverse=True)) + ")$")
_PRE_QUALIFIERS = ("力争", "确保", "预计", "争取", "约", "近", "超", "逾")
_LEAD_WORDS = re.compile(
    r"^(?:推动|推进|确保|力争|实现|预计|促进|带动|努力|争取|积极|加快|持续|全力|力促|保持|使|让|"
    r"完成|其中|同比|比上年|较上年|全年|今年|明年|去年|全市|全区|全省|全县|全国|将|要|的|"
    r"20\d{2}年(?:全年)?)+"
)
# 和 joins two targets (规划报批和轨道交通在建225公里); 及/与/并 too often sit inside words
_BOUNDARY = re.compile(r"[，；。：！？、,;:!?和]")
_MONEY_HINT = re.compile(
    r"额|收入|生产总值|GDP|投资|产值|销售|规模|资金|营收|利润|总量|增加值|消费|预算|债|贷款|融资"
)
_YEAR = re.compile(r"(?P<y>20\d{2})年|(?P<rel>明年|今年|去年|过去一年|一年来|新的一年|目前|当前)")


@dataclass(frozen=True)
class TargetMention:
    """A numeric target found in a sentence."""

    metric: str
    value: Decimal
    unit: Unit
    qualifier: str | None
    year: int | None
    source: str


def _quote_depth(sentence: str, end: int) -> int:
    depth = 0
    for ch in sentence[:end]:
        if ch in OPENERS and ch not in "（(":
            depth += 1
        elif ch in CLOSERS and ch not in "）)":
            depth = max(0, depth - 1)
    return depth


def last_year(text: str, meeting_year: int | None, late_in_year: bool = True) -> int | None:
    """The year named last in ``text``: 2025年, or 明年/今年/去年 against the meeting year.

    ``late_in_year`` says the meeting is in the last quarter, when 过去一年 is this year and
    新的一年 the next; early in the year they are last year and this year.
    """
    year: int | None = None
    for match in _YEAR.finditer(text):
        if match.group("y"):
            year = int(match.group("y"))
        elif meeting_year is not None:
            rel = match.group("rel")
            shift = {"明年": 1, "今年": 0, "去年": -1, "目前": 0, "当前": 0}.get(rel)
            if shift is None:
                past = rel in ("过去一年", "一年来")
                shift = (0 if past else 1) if late_in_year else (-1 if past else 0)
            year = meeting_year + shift
    return year


def find_targets(
    sentence: str,
    meeting_year: int | None = None,
    previous_metric: str = "",
    context_year: int | None = None,
    late_in_year: bool = True,
) -> list[TargetMention]:
    """Numeric targets stated in ``sentence``, in order.

    ``context_year`` is the year the text before the sentence was last talking about.
    """
    text = to_halfwidth(sentence)
    found: list[TargetMention] = []
    last_subject = previous_metric
    for match in _NUMBER.finditer(text):
        num, mult, unit_zh, post = (match.group(k) or "" for k in ("num", "mult", "unit", "post"))
        start, end = match.span()
        if not re.search(r"\d", num) and not (mult or "百" in num or "千" in num or "万" in num):
            continue
        if _quote_depth(text, start) > 0 or text[max(0, start - 1):start] == "第":
            continue
        if _NOT_A_QUANTITY.match(text[match.end("num") if not (mult or unit_zh) else end:]):
            continue
        if not unit_zh and not mult:
            continue
        clause_start = max((m.end() for m in _BOUNDARY.finditer(text[:start])), default=0)
        clause = text[clause_start:start]
        verb_match = _VERB_AT_END.search(clause)
        verb = verb_match.group(0) if verb_match else ""
        subject_part = clause[: verb_match.start()] if verb_match else clause
        # 约/近/超/逾 qualify only when they stand right before the number (not 超长期)
        pre = next((q for q in _PRE_QUALIFIERS[:4] if subject_part.startswith(q)), None)
        if verb in _PRE_QUALIFIERS[4:]:
            pre = verb
        subject = _LEAD_WORDS.sub("", subject_part)
        unit: Unit | None = TARGET_UNITS.get(unit_zh) if unit_zh else None
        if unit is None:
            # a bare 万/亿 amount is money when the metric is
            if not _MONEY_HINT.search(subject or last_subject):
                continue
            unit = "CNY"
        if unit in _WEAK_UNITS and (not re.search(r"\d", num) or not _ANY_VERB.search(clause)):
            continue
        after = _BOUNDARY.split(text[end:], maxsplit=1)[0][:15]
        if unit in _WEAK_UNITS and len(after) >= 2:
            # 完成12个老旧小区改造: what is counted follows the number
            subject = (verb if verb in _CHANGE_VERBS else "") + after
            verb = verb if verb not in _CHANGE_VERBS else ""
        if not subject:
            subject = last_subject
        if not subject:
            continue
        last_subject = subject
        metric = subject + (verb if verb in _CHANGE_VERBS else "")
        value = parse_number(num, mult)
        qualifier = post if post in ("以上", "左右", "以内", "以下", "上下", "多") else pre
        if post == "多":
            qualifier = "多"
        found.append(
            TargetMention(
                metric=metric,
                value=value,
                unit=unit,
                qualifier=qualifier,
                year=last_year(text[:start], meeting_year, late_in_year) or context_year,
                source=sentence[clause_start + (verb_match.start() if verb_match else len(clause)):end]
                if verb
                else sentence[start:end],
            )
        )
    return found
