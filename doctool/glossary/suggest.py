"""Candidate terms: whole names in a report that look like terms the glossary lacks.

No candidate crosses a word boundary. The report is cut into words by jieba, a maintained
Chinese segmenter that works offline with its bundled dictionary, with the names the
extractor finds itself (programs, speakers and their organisations) kept whole; every other
candidate is made of whole words, and none runs across a person's name, a verb or a title
(郭永航到黄埔区 gives 黄埔区). jieba is imported on the first suggestion only, so a build
never pays for loading its dictionary.
"""

from __future__ import annotations

import functools
import logging
import re
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from doctool.cjk import HAN
from doctool.extract.programs import PLAN_PERIOD, find_programs, is_figure, program_words
from doctool.extract.sentences import split_sentences
from doctool.extract.speakers import find_mentions
from doctool.glossary.terms import Term, TermBase, TermKind
from doctool.surnames import is_chinese_name

# quoted programs are the extractor's; an unquoted name is a program only when it ends in a
# word trusted to end one by itself
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
    开局 格局 布局 大局 全局 结局 好局 新局 先局 变局 危局 破局 残局 僵局 定局 时局 当局
    地区 社区 园区 城区 山区 景区 片区 辖区 全区 本区 该区 误区 矿区 分区 选区 小区 部区
    """
)
#: words that open a title, not an organisation: 常务 in 常务副市长
_TITLE_MODIFIERS = _words("常务 执行 第一 专职 名誉 首席 高级 资深 驻会 挂职")
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
    坚持 提升 以及 按照 作为 比如 继续 确保 完善 扩大 主要 也是 代表
    全市 全区 全县 全省 全国 全球 全镇
    的 和 与 及 等 在 是 各
    """
    ),
    *SPEECH_VERBS,
)

_QUOTED_NAME = re.compile(r"“([^“”，。！？；：、\s]{1,20})”")
_HAN_WORD = re.compile(rf"[{HAN}]+")
_BOUNDARY_WORDS = frozenset(_BOUNDARIES)
#: jieba's tags for words that never stand inside a name: conjunctions, particles, pronouns,
#: adverbs, localisers, modals, interjections and onomatopoeia
_BREAKING_TAGS = frozenset(_words("c u uj ul uz ud ug uv r d f y e o"))
#: prepositions; jieba tags others too (经 in 万盛经开区), which may stand inside a name
_PREPOSITIONS = frozenset(
    _words("在 对 从 向 把 被 将 于 按 给 以 由 为 跟 同 到 自 据 比 随 当 对于 关于 通过 按照 根据")
)
#: verbs that end a longer word (紧紧围绕, 认真落实) end a name's left edge all the same
_VERB_ENDINGS = tuple(b for b in _BOUNDARIES if len(b) >= 2)
#: the tags under which a single word can be a name by itself (黄埔区, 长寿区; and nr,
#: under which jieba puts some places, 白云区)
_NAME_TAGS = frozenset(_words("ns nt nz organization"))
#: characters of running text that no organisation's name holds
_FUNCTION_CHARS = re.compile(r"[的了着过是在和与及把被]")
#: the longest organisation or place name looked for, in characters
_LONGEST_NAME = 16
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


@functools.cache
def _segmenter() -> Any:
    """jieba's part-of-speech tokenizer, imported and initialised on first use."""
    with warnings.catch_warnings():
        # jieba 0.42 compiles patterns with invalid escapes and may import pkg_resources
        warnings.simplefilter("ignore")
        import jieba
        import jieba.posseg

        # its progress lines (building the prefix dictionary) go to standard error
        logging.getLogger("jieba").setLevel(logging.WARNING)
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        return jieba.posseg.POSTokenizer(tokenizer)


@dataclass(frozen=True)
class _Word:
    """One word of the report, where it stands and jieba's tag (or the extractor's kind)."""

    text: str
    tag: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _words_of(text: str, whole: dict[str, str]) -> list[_Word]:
    """The words of ``text``; each name of ``whole`` (name -> tag) stays one word."""
    spans: list[tuple[int, int, str]] = []
    taken = bytearray(len(text))
    for name in sorted(whole, key=len, reverse=True):
        for hit in re.finditer(re.escape(name), text):
            if not any(taken[hit.start() : hit.end()]):
                spans.append((hit.start(), hit.end(), whole[name]))
                taken[hit.start() : hit.end()] = b"\x01" * len(name)
    words: list[_Word] = []
    position = 0
    for start, end, tag in [*sorted(spans), (len(text), len(text), "")]:
        if start > position:
            offset = position
            for pair in _segmenter().cut(text[position:start]):
                at = text.find(pair.word, offset)
                if at < 0:
                    continue
                words.append(_Word(pair.word, pair.flag, at))
                offset = at + len(pair.word)
        if end > start:
            words.append(_Word(text[start:end], tag, start))
        position = end
    return words


def _breaks(word: _Word) -> bool:
    """True when ``word`` cannot stand inside a name."""
    if not _HAN_WORD.fullmatch(word.text) or word.text in _BOUNDARY_WORDS:
        return True
    if word.tag in _BREAKING_TAGS or word.text in _PREPOSITIONS or word.text.endswith(_VERB_ENDINGS):
        return True
    if word.tag.startswith("v") and len(word.text) == 1:
        return True
    # jieba tags some place names as people (高新区): a name ending like a place is none
    person = word.tag.startswith("nr") and is_chinese_name(word.text)
    if word.tag == "person" or (person and not word.text.endswith(tuple(ORGANIZATION_ENDINGS))):
        return True
    return bool(_TITLE_AT_END.search(word.text))


def _pieces(words: list[_Word]) -> Iterator[list[_Word]]:
    """Runs of words that can make up a name, between punctuation, verbs, names and titles."""
    piece: list[_Word] = []
    for word in words:
        if _breaks(word):
            if piece:
                yield piece
            piece = []
        else:
            piece.append(word)
    if piece:
        yield piece


def _organization_kind(zh: str) -> TermKind:
    for ending, kind in ORGANIZATION_ENDINGS.items():
        if zh.endswith(ending):
            return kind
    return "organization"


def _piece_candidates(words: list[_Word], tally: _Tally) -> None:
    """Organisations and places ending in 委/局/区/公司/…, and programs ending in 工程/行动/…."""
    for piece in _pieces(words):
        first = 0
        for i, word in enumerate(piece):
            # a verb opens no name, and a verb a name does not end on ends its left edge
            # (放在贯彻市委), but one may stand inside before a one-character ending (协同创新区)
            if word.tag in ("v", "vd") and i == first:
                first = i + 1
                continue
            if word.tag in ("v", "vd") and not (i + 1 < len(piece) and len(piece[i + 1].text) == 1):
                first = i + 1
                continue
            if not word.text.endswith(tuple(ORGANIZATION_ENDINGS)):
                continue
            zh = "".join(w.text for w in piece[first : i + 1])
            alone = i == first and word.tag not in _NAME_TAGS and not word.tag.startswith("nr")
            if 3 <= len(zh) <= _LONGEST_NAME and not alone and not zh.endswith(_NOT_ORGANIZATIONS):
                tally.add(zh, _organization_kind(zh), piece[first].start)
            first = i + 1
        zh = "".join(w.text for w in piece)
        if len(zh) >= 4 and _PROGRAM.match(zh):
            tally.add(zh, "program", piece[0].start)


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
            if _is_organization(organization):
                tally.add(organization, _organization_kind(organization), offset)
            offset += len(part) + 1


def _is_organization(zh: str) -> bool:
    """True when the words before a title can be an organisation (not 常务, not a clause)."""
    return 2 <= len(zh) <= _LONGEST_NAME and zh not in _TITLE_MODIFIERS and not _FUNCTION_CHARS.search(zh)


def _sentences(text: str) -> Iterator[str]:
    for paragraph in text.splitlines():
        if paragraph.strip():
            yield from split_sentences(paragraph.strip())


def _extractor_names(text: str, tally: _Tally) -> dict[str, str]:
    """Tally the programs and speakers the extractor finds; return them as whole words."""
    whole: dict[str, str] = {}
    people: list[str] = []
    for sentence in _sentences(text):
        for program in find_programs(sentence):
            if PLAN_PERIOD.match(program.name):
                continue  # a plan period alone is a time; named with 规划 it is a program
            places = (text.find(program.name), text.find(f"“{program.key}”"), text.find(program.key))
            tally.add(program.name, "program", next((at for at in places if at >= 0), len(text)))
            whole[program.name] = "program"
        for mention in find_mentions(sentence, people):
            if mention.name not in people:
                people.append(mention.name)
            # a name is not kept whole: where jieba reads the text otherwise (李娥笑称 is
            # 李娥 / 笑称), the name runs across a word and is dropped
            at = text.find(mention.name)
            tally.add(mention.name, "person", at)
            if _is_organization(mention.organization):
                tally.add(mention.organization, _organization_kind(mention.organization), at)
                whole[mention.organization] = "organization"
            for part in mention.title.split("、"):
                title = _TITLE_AT_END.search(part)
                if title is None:
                    continue
                if title.group() not in tally.kinds:
                    # a title counts where it introduces someone: the speech verbs have
                    # counted those, so one the extractor alone found counts once
                    tally.add(title.group(), "title", at)
                organization = part[: title.start()]
                if _is_organization(organization):
                    tally.add(organization, _organization_kind(organization), at)
                    whole[organization] = "organization"
    return whole


def _quoted_terms(text: str, tally: _Tally, programs: set[str]) -> None:
    """Quoted names that are not programs: slogans and coinages a translator must settle."""
    for name in _QUOTED_NAME.finditer(text):
        if name.group(1) not in programs and not is_figure(name.group(1)):
            tally.add(name.group(), "term", name.start())


def _whole_words(zh: str, text: str, words: list[_Word], person: bool = False) -> bool:
    """True when ``zh`` stands in ``text`` as whole words at least once (or is not in it as is).

    A person's name holds no verb or function word either (李娥笑称 is 李娥 / 笑 / 称).
    """
    starts = {w.start: i for i, w in enumerate(words)}
    ends = {w.end: i for i, w in enumerate(words)}
    hits = list(re.finditer(re.escape(zh), text))
    for hit in hits:
        first, last = starts.get(hit.start()), ends.get(hit.end())
        if first is None or last is None:
            continue
        if not person or not any(w.tag[:1] in "vpcu" for w in words[first : last + 1]):
            return True
    return not hits


def _bare(zh: str) -> str:
    return zh.replace("“", "").replace("”", "")


def suggest_terms(text: str, known: TermBase | Iterable[Term] = ()) -> list[Candidate]:
    """Phrases in ``text`` that look like terms and are not in ``known``, most frequent first.

    Takes the extractor's programs and speakers (with their organisations and titles), other
    quoted names, speakers introduced by organisation, title and name before 表示/指出/…,
    and names made of whole words that end in 委/局/区/集团/公司 or in a program word.
    Heuristic: a person reviews the list.
    """
    tally = _Tally()
    _speaker_candidates(text, tally)
    whole = _extractor_names(text, tally)
    # the names inside the quotes of the programs found (满天星 of “满天星”行动计划)
    programs = {m.key for zh, tag in whole.items() if tag == "program" and "“" in zh
                for m in find_programs(zh)}
    _quoted_terms(text, tally, programs)
    # quoted names and the program words after them are words already; blank them so that
    # no other name runs into one (行动计划 after “满天星”“启明星”“北斗星”)
    blanked = text
    for zh in sorted(whole, key=len, reverse=True):
        if whole[zh] == "program" and "”" in zh and not zh.endswith("”"):
            tail = zh[zh.rindex("”") :]
            blanked = blanked.replace(tail, "，" * len(tail))
    blanked = _QUOTED_NAME.sub(lambda m: "，" * len(m.group()), blanked)
    words = _words_of(blanked, {zh: tag for zh, tag in whole.items() if "“" not in zh})
    _piece_candidates(words, tally)
    have = {_bare(term.zh) for term in known}
    candidates = []
    for zh, kind in tally.kinds.items():
        if _bare(zh) in have:
            continue
        if "“" not in zh and (zh in programs or not _whole_words(zh, blanked, words, kind == "person")):
            continue  # a quoted program named again without quotes, or a run across words
        count = tally.counts[zh]
        if kind != "title" and zh in text:
            # a name counts every time it appears, matched by a pattern or not; a title is
            # counted only where it introduces someone, since 书记 also appears in 党组书记
            count = text.count(zh)
        candidates.append(Candidate(zh, kind, count, tally.first[zh]))
    return sorted(candidates, key=lambda c: (-c.count, c.first))
