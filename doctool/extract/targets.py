"""Finding numeric facts: metric, value or range, unit, qualifier, year and kind.

``推动2025年全市规上工业增加值增长8%`` gives metric 规上工业增加值增长, value 8, unit %, year
2025, kind target. Numbers inside quotation marks are names (“33618”), never facts; so are
years, ordinals and counts of things such as 三大行动. ``增长6%-6.5%`` is one fact, a range.

The kind is read from the words of the genre before the figure (see :func:`numeric_kind`):
要/力争/确保/预期/目标 make a target, 预计 an estimate, 以来/累计/签约 a result, 占/比如 a
statistic; without such a word the year decides, against the meeting's own year.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from doctool.extract.numbers import (
    ARABIC,
    CN_NUMERAL_CHARS,
    chinese_numeral_value,
    parse_number,
    to_halfwidth,
)
from doctool.extract.sentences import CLOSERS, OPENERS
from doctool.model import NumericKind, Target, Unit
from doctool.units import TARGET_UNITS

_UNIT_ALTERNATION = "|".join(sorted(map(re.escape, TARGET_UNITS), key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?P<num>{ARABIC}|[{CN_NUMERAL_CHARS}]+)(?P<mult>[万亿]*)"
    rf"(?:(?P<approx>[余多])(?=(?:{_UNIT_ALTERNATION})))?(?P<unit>{_UNIT_ALTERNATION})?"
    r"(?P<post>大关|以上|左右|以内|以下|上下|多)?"
)
_NOT_A_QUANTITY = re.compile(r"^(?:年|月|日|版|级|倍|分钟|大|号|届|次|轮|期|批|条|方面|种|类|点|时)")
#: people or things counted at the event itself: 233名代表出席大会, 共计180余人参加会议
_ATTENDING = re.compile(r"出席|参加|参会|与会|到会|列席")
_PRESENCE = re.compile(rf"(?:{_ATTENDING.pattern})(?:会议|大会|活动|仪式|签约仪式)?")
#: words that make a bare count a fact: 共计23个, 签约36个项目, 41个项目成功签约
_COUNTING = re.compile(r"签约|共计|合计|总计|^共")
_WEAK_UNITS = {"count", "people"}
_TARGET_VERBS = (
    "增长", "增速", "提升", "提高", "下降", "降低", "减少", "达到", "突破", "超过", "迈上", "跨越",
    "站上", "实现", "完成", "新增", "累计", "在建", "建成", "开工", "保持在", "保持", "控制在",
    "稳定在", "培育", "引进", "新建", "新开", "投入", "改造", "认定", "达", "超", "为", "约", "近", "逾",
)
_ANY_VERB = re.compile("|".join(_TARGET_VERBS[:-4]) + "|新认定|吸纳|带动|接待|实施|建设|惠及|覆盖|服务|帮扶")
_CHANGE_VERBS = ("增长", "增速", "提升", "提高", "下降", "降低", "减少", "在建", "新增")
# 约 (about) is no verb at the end of 签约, 合约 or 节约
_VERB_AT_END = re.compile(
    "(?:" + "|".join(sorted(_TARGET_VERBS, key=len, reverse=True)).replace("|约|", "|(?<![签合预节邀制])约|")
    + ")$"
)
_PRE_QUALIFIERS = ("力争", "确保", "预计", "争取", "约", "近", "超", "逾")
_LEAD_WORDS = re.compile(
    r"^(?:[■◆●▲★·•]|到|我国|我省|我市|我区|我县|推动|推进|确保|力争|实现|预计|促进|带动|努力|争取|积极|加快|持续|全力|力促|保持|使|让|"
    r"完成|其中|同比|比上年|较上年|全年|今年|明年|去年|全市|全区|全省|全县|全国|将|要|的|"
    r"20\d{2}年(?![度底末])(?:全年)?)+"
)
# 和 joins two targets (规划报批和轨道交通在建225公里); 及/与/并 too often sit inside words
_BOUNDARY = re.compile(r"[，；。：！？、,;:!?和]")
_MONEY_HINT = re.compile(
    r"额|收入|生产总值|GDP|投资|产值|销售|规模|资金|营收|利润|总量|增加值|消费|预算|债|贷款|融资"
)
#: a second number after a dash (or 至) makes the first the low end of a range: 6%-6.5%, 6-8亿元
_RANGE_END = re.compile(
    rf"[-‐–—~～至](?P<num>{ARABIC})(?P<mult>[万亿]*)(?P<unit>{_UNIT_ALTERNATION})?"
    r"(?P<post>以上|左右|以内|以下|上下|多)?"
)
# a year that is only the base of a comparison (比2010年翻一番, 与2006年持平) is not the fact's
_YEAR = re.compile(
    r"(?<![比较])(?P<y>20\d{2})年(?!持平|相比)|(?P<rel>明年|今年|去年|过去一年|一年来|新的一年|目前|当前)"
)


@dataclass(frozen=True)
class TargetMention:
    """A numeric fact found in a sentence; a range has ``low`` and ``high`` and no ``value``."""

    metric: str
    value: Decimal | None
    unit: Unit
    qualifier: str | None
    year: int | None
    source: str
    kind: NumericKind = "target"
    low: Decimal | None = None
    high: Decimal | None = None
    since: int | None = None


#: words of time and comparison inside a metric, and of mood after it, that are not part of
#: what is measured: 公司去年整车产量, 前三季度…同比, 社会消费品零售总额预计, 财政总收入可(达)
_TIME_WORDS = re.compile(
    r"(?:去年|今年|明年|上年|20\d{2}年(?![度底末])(?:全年)?|20\d{2}(?=年度)|按[^，；,;]{1,6}(?:口径|价格)(?:计算)?|"
    r"(?:前|第)?[一二三四]季度|[上下]半年|前\d+个?月|\d+[-—–~至]\d+月(?:份)?|以来|同比|比上年|较上年)"
)
_TRAILING_WORDS = re.compile(
    r"(?:将|再|可|预计|已|已经|还|多|分别|平均|每年|年均|全年|以|都|也|的|是|只需要|需要|共计|合计|"
    r"总计|共|等)+$"
)


def _metric_words(subject_part: str) -> str:
    """The noun phrase a figure measures, from the words before its verb."""
    subject = _LEAD_WORDS.sub("", subject_part)
    subject = _TIME_WORDS.sub("", subject)
    return _TRAILING_WORDS.sub("", subject)


#: inside quotation marks, a sentence mark shows a quoted statement rather than a name
_SPEECH_MARKS = re.compile(r"[，。；！？,;!?]")


def _in_quoted_name(sentence: str, at: int) -> bool:
    """Whether ``at`` lies inside quotation marks that hold a name (“33618”), not a quotation.

    A quotation mark never closed counts as a name's: it is safer to lose a figure than to
    read a name as one.
    """
    opened: list[int] = []
    for index, ch in enumerate(sentence[:at]):
        if ch in OPENERS and ch not in "（(":
            opened.append(index)
        elif ch in CLOSERS and ch not in "）)" and opened:
            opened.pop()
    if not opened:
        return False
    start = opened[-1]
    close = next((i for i in range(at, len(sentence)) if sentence[i] in CLOSERS), -1)
    if close < 0:
        return True
    return not _SPEECH_MARKS.search(sentence[start + 1:close])


#: a period of several years: 2001—2006年, 过去五年, 五年来, 今后三年
_SPAN = re.compile(
    r"(?P<a>20\d{2})年?[-—–~至到](?P<b>20\d{2})年|(?:过去|近)(?P<past>[\d一二两三四五六七八九十]+)年|"
    r"(?P<since>[\d一二两三四五六七八九十]+)年来|(?:今后|未来)(?P<next>[\d一二两三四五六七八九十]+)年"
)


def period_of(
    text: str, meeting_year: int | None, late_in_year: bool = True
) -> tuple[int | None, int | None]:
    """The first and last year of the period ``text`` names last; (None, year) for one year.

    2001—2006年 gives (2001, 2006); 过去五年 at a meeting early in 2018 gives (2013, 2017).
    """
    year = last_year(text, meeting_year, late_in_year)
    spans = list(_SPAN.finditer(text))
    years = list(_YEAR.finditer(text))
    if not spans or (years and years[-1].start() >= spans[-1].end()):
        return None, year
    span = spans[-1]
    if span.group("a"):
        return int(span.group("a")), int(span.group("b"))
    if meeting_year is None:
        return None, year
    count = span.group("past") or span.group("since") or span.group("next")
    n = int(count) if count.isdigit() else int(chinese_numeral_value(count) or 0)
    if n < 2:
        return None, year
    if span.group("next"):
        return meeting_year, meeting_year + n - 1
    # a year-end meeting looks back on a period that ends with its own year
    last = meeting_year if late_in_year else meeting_year - 1
    return last - n + 1, last


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


#: words of the genre that say what kind of figure follows them; the nearest one decides.
#: 要 and 将 only as verbs (not 主要, 需要, 即将, 将近); 实现/达到/增长 say nothing of time.
_CUES: tuple[tuple[NumericKind, re.Pattern[str]], ...] = (
    ("estimate", re.compile(r"预计|预估|估计|有望|可望")),
    ("target", re.compile(
        r"(?<![主重需只想提纲还])要(?![素点闻])|力争|确保|预期|目标(?:是|为|[：:])|"
        r"计划|拟|争取(?=\d|实现|达到|完成|突破|增长|超过|再)|明年|下一步|今后|新的一年"
    )),
    # these say a figure is aimed at only in its own clause: 推动分担率提升3%, 产能将达到50万辆,
    # but not 推动高质量发展，全区生产总值增长6%, 将招商作为一号工程，引进项目120个 or
    # 完成了年度目标任务，生产总值增长6% (reports of what was done)
    ("target", re.compile(r"(?:努力|推动|加快|力促|力求|(?<![即必])将(?![近军])|目标)[^，；,;：:]*$")),
    ("result", re.compile(
        r"以来|一年来|过去|去年|上年度|已经|已|累计|截至|截止|(?:前|第)?[一二三]季度|上半年|"
        r"前\d+个?月|\d+[-—–~至]\d+月|签约|签下"
    )),
)
#: a share or an example is a statistic, whatever the sentence around it
_SHARE = re.compile(r"占(?!领|据)|比重")
_EXAMPLE = re.compile(r"比如|例如|譬如")
#: words right after a figure that say what it is: 实现6.5%左右的增长预期目标, 41个项目成功签约,
#: 年均增长6.3%以上就可以 (what a goal needs, not the goal)
_AFTER: tuple[tuple[NumericKind, re.Pattern[str]], ...] = (
    ("target", re.compile(r"^[^，；。,;]{0,12}目标")),
    ("result", re.compile(r"^[^，；。,;]{0,8}签约")),
    ("statistic", re.compile(r"^[^，；。,;]{0,6}(?:就可以|即可|就能)")),
)
#: approximate figures are how plans state their goals; results are stated exactly
_PLAN_QUALIFIERS = ("左右", "以内")


def numeric_kind(
    before: str,
    after: str,
    *,
    year: int | None,
    meeting_year: int | None,
    late_in_year: bool,
    carried: tuple[NumericKind, int | None] | None = None,
    heading: str = "",
    qualifier: str | None = None,
) -> NumericKind:
    """What a figure is, from the sentence ``before`` it and the clause ``after`` it.

    In order: a share or example (占, 比如) in its clause; the word right after it; the
    nearest cue before it in the sentence (a cue of the past gives way to a later 今年 or
    明年); the kind of the figure before it in the same
    paragraph (``carried``, with its year), while the year stays; a cue in the section
    ``heading``; then the year: after the meeting's a target, before it a result, the
    meeting's own year late in the year an estimate (the rest of a year-end review), early in
    the year a target. With no year to go on, 左右/以内 make a target, anything else a result.
    """
    clause = _BOUNDARY.split(before)[-1]
    if _EXAMPLE.search(clause) or (_SHARE.search(clause) and not _VERB_AT_END.search(clause)):
        # a share with a verb of its own (比重达到3.6%) is read like any other figure
        return "statistic"
    for kind, pattern in _AFTER:
        if pattern.search(after):
            return kind
    nearest: tuple[int, NumericKind] | None = None
    for kind, pattern in _CUES:
        for match in pattern.finditer(before):
            if nearest is None or match.end() > nearest[0]:
                nearest = (match.end(), kind)
    named = max((m.end() for m in _YEAR.finditer(before)), default=-1)
    if nearest is not None and nearest[1] == "result" and named > nearest[0] and (
        year is not None and meeting_year is not None and year >= meeting_year
    ):
        nearest = None  # “去年我们…”他表示，今年再投入2.8亿元: a later year says when
    if nearest is not None:
        return nearest[1]
    if carried is not None and (year is None or carried[1] is None or carried[1] == year):
        return carried[0]
    if heading and any(pattern.search(heading) for kind, pattern in _CUES if kind == "target"):
        return "target"
    if year is not None and meeting_year is not None:
        if year > meeting_year:
            return "target"
        if year < meeting_year:
            return "result"
        return "estimate" if late_in_year else "target"
    return "target" if qualifier in _PLAN_QUALIFIERS else "result"


def _range_end(text: str, at: int, unit_zh: str) -> re.Match[str] | None:
    """The high end of a range starting at ``at``, if the figure before it is its low end."""
    match = _RANGE_END.match(text, at)
    if match is None or (unit_zh and match.group("unit") not in (None, unit_zh)):
        return None
    return match


def find_targets(
    sentence: str,
    meeting_year: int | None = None,
    previous_metric: str = "",
    context_year: int | None = None,
    late_in_year: bool = True,
    carried: tuple[NumericKind, int | None] | None = None,
    heading: str = "",
) -> list[TargetMention]:
    """Numeric facts stated in ``sentence``, in order, each with its kind.

    ``context_year`` is the year the text before the sentence was last talking about;
    ``carried`` the kind and year of the last figure before it in the same paragraph, and
    ``heading`` its section's heading (see :func:`numeric_kind`).
    """
    text = to_halfwidth(sentence)
    found: list[TargetMention] = []
    last_subject = previous_metric
    consumed = 0
    for match in _NUMBER.finditer(text):
        num, mult, unit_zh, post = (match.group(k) or "" for k in ("num", "mult", "unit", "post"))
        start, end = match.span()
        if start < consumed:
            continue  # the high end of a range already read
        num_end = match.end("num")
        high: Decimal | None = None
        tail = _range_end(text, end, unit_zh) if not post and re.fullmatch(ARABIC, num) else None
        if tail is not None:
            # 6-8亿元: the low end takes the multiplier and unit written once after the high end
            high_mult = tail.group("mult") or mult
            mult = mult or high_mult
            unit_zh = unit_zh or tail.group("unit") or ""
            post = tail.group("post") or ""
            high = parse_number(tail.group("num"), high_mult)
            end = consumed = tail.end()
            num_end = tail.end("num")
        if not re.search(r"\d", num) and not (mult or "百" in num or "千" in num or "万" in num):
            continue
        if _in_quoted_name(text, start) or text[max(0, start - 1):start] == "第":
            continue
        if num in ("万", "亿") and not mult:
            continue  # 万元生产总值能耗: per ten thousand yuan, not an amount
        if _NOT_A_QUANTITY.match(text[num_end if not (mult or unit_zh) else end:]):
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
        subject = _metric_words(subject_part)
        if not subject and verb not in _CHANGE_VERBS and _LEAD_WORDS.sub("", subject_part):
            # 今年再投入2.8亿元: only words of time and mood before the verb, which is the metric
            subject = verb or subject_part
        unit: Unit | None = TARGET_UNITS.get(unit_zh) if unit_zh else None
        if unit is None:
            # a bare 万/亿 amount is money when the metric is
            if not _MONEY_HINT.search(subject or last_subject):
                continue
            unit = "CNY"
        after = _BOUNDARY.split(text[end:], maxsplit=1)[0][:15]
        rest = re.split(r"[。！？!?]", text[end:], maxsplit=1)[0]
        attending = unit in _WEAK_UNITS and bool(_ATTENDING.search(rest))
        if unit in _WEAK_UNITS and (
            not re.search(r"\d", num)
            or not (_ANY_VERB.search(clause) or _COUNTING.search(clause)
                    or _COUNTING.search(after) or attending)
        ):
            continue
        # what is counted, without the verb that follows it (代表出席大会, 项目成功签约)
        after = _TRAILING_WORDS.sub("", re.split(
            r"(?:成功)?签约|等|进行|" + _ATTENDING.pattern, after, maxsplit=1)[0])
        if attending and len(after) < 2:
            # 共1600多人出席会议: what is counted is who attended
            presence = _PRESENCE.search(rest)
            after = presence.group(0) + "人数" if presence else after
        if unit in _WEAK_UNITS and len(after) >= 2:
            # 完成12个老旧小区改造: what is counted follows the number
            subject = (verb if verb in _CHANGE_VERBS else "") + after
            verb = verb if verb not in _CHANGE_VERBS else ""
        if subject.startswith("占") and last_subject and not verb:
            # 投入363亿元，占全区财政支出的87%: the share of the figure before
            subject = last_subject + subject.removesuffix("的") + "比重"
        if not subject:
            subject = last_subject
        if not subject:
            continue
        last_subject = subject
        # 企业投入: an amount put in is measured by its verb, like a change
        named_by_verb = verb in _CHANGE_VERBS or (verb == "投入" and subject != verb)
        metric = subject + (verb if named_by_verb else "")
        value = parse_number(num, mult)
        qualifier = post if post in ("以上", "左右", "以内", "以下", "上下", "多") else pre
        if post == "多":
            qualifier = "多"
        qualifier = qualifier or match.group("approx")
        since, year = period_of(text[:start], meeting_year, late_in_year)
        year = year or context_year
        kind: NumericKind = "statistic" if attending else numeric_kind(
            text[:start], text[end:], year=year, meeting_year=meeting_year,
            late_in_year=late_in_year, carried=carried, heading=heading, qualifier=qualifier,
        )
        carried = (kind, year)
        found.append(
            TargetMention(
                metric=metric,
                value=value if high is None else None,
                unit=unit,
                qualifier=qualifier,
                year=year,
                source=sentence[clause_start + (verb_match.start() if verb_match else len(clause)):end]
                if verb
                else sentence[start:end],
                kind=kind,
                low=value if high is not None else None,
                high=high,
                since=since,
            )
        )
    return found


#: words that name the whole of the place a report is about: 全市商品销售总额 is 商品销售总额
_SCOPES = ("全市", "全区", "全省", "全县", "全国", "我市", "我区", "我省", "我县", "全年")
#: the most a place name before a metric may add (江北商品销售总额)
_MAX_SCOPE = 6


def same_metric(a: str, b: str, places: Iterable[str] = ()) -> bool:
    """Whether two metrics measure the same thing, one perhaps scoped by a place named in ``places``.

    江北商品销售总额 and 商品销售总额 are the same when 江北 is a place of the report (a speaker's
    organization 江北区委, say); 规模以上工业总产值 and 工业总产值 are not.
    """
    short, long = sorted((a, b), key=len)
    # two characters (最高, 收入) are too little to say what is measured
    if len(short) < 3 or not long.endswith(short):
        return False
    if a == b:
        return True
    scope = long[: len(long) - len(short)]
    if scope in _SCOPES:
        return True
    return len(scope) <= _MAX_SCOPE and any(scope in place for place in places if place)


def _before(result: Target, target: Target, order: dict[str, int]) -> bool:
    """Whether ``result`` is for a period before ``target``'s (or, without years, told first)."""
    if result.year is not None and target.year is not None:
        return result.year < target.year
    return order[result.id] < order[target.id]


def with_previous_results(facts: Sequence[Target], places: Iterable[str] = ()) -> tuple[Target, ...]:
    """``facts`` with each target's ``previous`` set to the result it improves on, if any.

    The previous result is a result or estimate of the same metric (see :func:`same_metric`)
    and unit, for an earlier period: the latest such period, and within it the figure told
    last before the target (2024年江北商品销售总额预计8400亿元 for 力争迈上9000亿大关 in 2025).
    """
    scopes = tuple(places)
    order = {fact.id: index for index, fact in enumerate(facts)}
    out: list[Target] = []
    for target in facts:
        if target.kind != "target":
            out.append(target)
            continue
        candidates = [
            fact for fact in facts
            if fact.kind in ("result", "estimate") and fact.unit == target.unit
            and same_metric(fact.metric.zh, target.metric.zh, scopes)
            and _before(fact, target, order)
        ]
        if not candidates:
            out.append(target)
            continue
        best = max(candidates, key=lambda f: (
            f.year if f.year is not None else -1,
            order[f.id] < order[target.id],
            order[f.id] if order[f.id] < order[target.id] else -order[f.id],
        ))
        out.append(replace(target, previous=best.id))
    return tuple(out)
