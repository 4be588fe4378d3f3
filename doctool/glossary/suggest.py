"""Candidate terms: phrases in a report that look like terms the glossary lacks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from doctool.cjk import HAN
from doctool.extract.programs import program_words
from doctool.glossary.terms import Term, TermBase, TermKind

# the suggester's tail after a quoted name is looser than extraction's (any ten Han
# characters), so it takes only the words trusted to end a name by themselves
_PROGRAM_WORDS = program_words("alone", "quoted")
_UNQUOTED_PROGRAM_WORDS = program_words("alone")
#: endings of organisation names (longest first), with the kind each suggests
ORGANIZATION_ENDINGS: dict[str, TermKind] = {
    "股份有限公司": "company",
    "有限公司": "company",
    "委员会": "organization",
    "管委会": "organization",
    "党工委": "organization",
    "集团": "company",
    "公司": "company",
    "新区": "place",
    "委": "organization",
    "局": "organization",
    "区": "place",
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# words ending in an organisation suffix that are not organisations
_NOT_ORGANIZATIONS = _words(
    """
    开局 格局 布局 大局 全局 结局 好局 地区 社区 园区 城区 山区
    景区 片区 辖区 全区 本区 该区 误区 矿区 分区 选区 小区 部区
    """
)
TITLES = _words(
    """
    党组书记 党委书记 常务副主任 副书记 书记 副主任 主任 副局长 局长
    副区长 区长 副市长 市长 副县长 县长 副主席 主席 董事长 总裁
    副总经理 总经理 部长 厅长 院长 校长 秘书长 负责人 总工程师
    理事长 会长 行长 总监
    """
)
SPEECH_VERBS = ("表示", "指出", "介绍", "谈到", "强调", "说")
# verbs and particles that end a name on its left in running text; words found inside
# organisation names (发展 in 发展改革委, 建设 in 城乡建设委, 有 in 有限公司) are left out
_BOUNDARIES = (
    *_words(
        """
    实施 推进 推动 加快 开展 落实 实现 打造 构建 培育 引进 围绕 依托
    聚焦 融入 位于 召开 举行 出席 深入 持续 积极 全面 着力 大力 加速
    坚持 提升 以及 按照 作为 比如 继续 确保 完善 扩大 主要 也是
    的 和 与 及 等 在 是 各
    """
    ),
    *SPEECH_VERBS,
)

_QUOTED_RUN = re.compile(
    r"((?:“[^“”，。！？；：、\s]{1,20}”)+)"
    rf"([{HAN}]{{0,10}}?(?:{'|'.join(_PROGRAM_WORDS)}))?"
)
_QUOTED_NAME = re.compile(r"“([^“”]+)”")
_CLAUSE = re.compile(rf"[{HAN}]+")
_PIECE_SPLIT = re.compile("|".join(sorted(_BOUNDARIES, key=len, reverse=True)))
# 区县 (districts and counties) is a word, not a name ending in 区
_ORGANIZATION = re.compile(rf"[{HAN}]{{1,14}}?(?:{'|'.join(ORGANIZATION_ENDINGS)})(?!县)")
_PROGRAM = re.compile(rf"^[{HAN}]{{2,12}}?(?:{'|'.join(_UNQUOTED_PROGRAM_WORDS)})$")
_SPEECH = re.compile("|".join(SPEECH_VERBS))
_TITLE_AT_END = re.compile(rf"(?:{'|'.join(sorted(TITLES, key=len, reverse=True))})$")
_NAME = re.compile(rf"[{HAN}]+")
# the most characters of organisation and titles looked at before a speaker's name
_LONGEST_RUN = 30
_LEADING_FILLER = re.compile(r"^(?:据|由|经|在|会上)")


@dataclass(frozen=True)
class Candidate:
    """A phrase that looks like a term, with a guess at its kind and how often it occurs."""

    zh: str
    kind: TermKind
    count: int
    first: int


class _Tally:
    """Candidates in the order first seen; the first guess at a phrase's kind is kept."""

    def __init__(self) -> None:
        self.kinds: dict[str, TermKind] = {}
        self.counts: dict[str, int] = {}
        self.first: dict[str, int] = {}

    def add(self, zh: str, kind: TermKind, at: int) -> None:
        self.kinds.setdefault(zh, kind)
        self.counts[zh] = self.counts.get(zh, 0) + 1
        self.first[zh] = min(self.first.get(zh, at), at)


def _quoted_candidates(text: str, tally: _Tally) -> str:
    """Tally quoted names; return the text with them blanked out for the other patterns."""
    blanked = list(text)
    for run in _QUOTED_RUN.finditer(text):
        suffix = run.group(2) or ""
        for name in _QUOTED_NAME.finditer(run.group(1)):
            # “满天星”“启明星”“北斗星”行动计划 names three programs sharing one suffix
            zh = f"“{name.group(1)}”{suffix}"
            ends_like_program = suffix or name.group(1).endswith(_PROGRAM_WORDS)
            tally.add(zh, "program" if ends_like_program else "term", run.start())
        blanked[run.start() : run.end()] = "，" * (run.end() - run.start())
    return "".join(blanked)


def _pieces(text: str) -> Iterable[tuple[int, str]]:
    """Runs of Han characters between punctuation and boundary words, with their offsets."""
    for clause in _CLAUSE.finditer(text):
        position = 0
        for boundary in _PIECE_SPLIT.finditer(clause.group()):
            if boundary.start() > position:
                yield clause.start() + position, clause.group()[position : boundary.start()]
            position = boundary.end()
        if position < len(clause.group()):
            yield clause.start() + position, clause.group()[position:]


def _organization_kind(zh: str) -> TermKind:
    for ending, kind in ORGANIZATION_ENDINGS.items():
        if zh.endswith(ending):
            return kind
    return "organization"


def _piece_candidates(text: str, tally: _Tally) -> None:
    for start, piece in _pieces(text):
        for found in _ORGANIZATION.finditer(piece):
            zh = found.group()
            if len(zh) >= 3 and not zh.endswith(_NOT_ORGANIZATIONS):
                tally.add(zh, _organization_kind(zh), start + found.start())
        if len(piece) >= 4 and _PROGRAM.match(piece):
            tally.add(piece, "program", start)


def _speaker_candidates(text: str, tally: _Tally) -> None:
    """Organisation + title + name before 表示/指出/...: 市经济信息委党组书记、主任王志杰谈到."""
    for verb in _SPEECH.finditer(text):
        end = verb.start()
        for size in (3, 2):
            name = text[end - size : end]
            if (
                len(name) == size
                and _NAME.fullmatch(name)
                and _TITLE_AT_END.search(text, max(0, end - size - _LONGEST_RUN), end - size)
            ):
                break
        else:
            continue
        begin = end - size
        left = begin
        # titles and organisations stand right before the name; a long run is prose, not a title
        while left > max(0, begin - _LONGEST_RUN) and (
            _NAME.fullmatch(text[left - 1]) or text[left - 1] == "、"
        ):
            left -= 1
        tally.add(name, "person", begin)
        stretch = _LEADING_FILLER.sub("", text[left:begin])
        offset = begin - len(stretch)
        for part in stretch.split("、"):
            title = _TITLE_AT_END.search(part)
            if title is None:
                offset += len(part) + 1
                continue
            tally.add(title.group(), "title", offset + title.start())
            organization = part[: title.start()]
            if len(organization) >= 2:
                tally.add(organization, _organization_kind(organization), offset)
            offset += len(part) + 1


def _bare(zh: str) -> str:
    return zh.replace("“", "").replace("”", "")


def suggest_terms(text: str, known: TermBase | Iterable[Term] = ()) -> list[Candidate]:
    """Phrases in ``text`` that look like terms and are not in ``known``, most frequent first.

    Looks for quoted names (with a program word after them), program-like phrases,
    organisations ending in 委/局/区/集团/公司, and speakers introduced by organisation, title
    and name before 表示/指出/介绍/谈到/强调/说. Heuristic: a person reviews the list.
    """
    tally = _Tally()
    rest = _quoted_candidates(text, tally)
    _speaker_candidates(text, tally)
    _piece_candidates(rest, tally)
    have = {_bare(term.zh) for term in known}
    candidates = []
    for zh, kind in tally.kinds.items():
        if _bare(zh) in have:
            continue
        count = tally.counts[zh]
        if kind != "title" and zh in text:
            # a name counts every time it appears, matched by a pattern or not; a title is
            # counted only where it introduces someone, since 书记 also appears in 党组书记
            count = text.count(zh)
        candidates.append(Candidate(zh, kind, count, tally.first[zh]))
    return sorted(candidates, key=lambda c: (-c.count, c.first))
