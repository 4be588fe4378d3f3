"""Finding who speaks: organisation + title + name + a verb of saying.

``市经济信息委党组书记、主任王志杰谈到`` gives organisation 市经济信息委, title 党组书记、主任 and
name 王志杰. A person introduced with no title (``陈立新指出``) is still a speaker; reporters
are not.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from doctool.surnames import is_chinese_name

#: verbs that introduce a statement, longest first so 表示 wins over 示
VERBS = (
    "作政府工作报告", "作工作报告", "作报告", "在讲话中", "在报告中", "发表讲话", "讲话",
    "致欢迎辞", "致辞", "安排部署", "作出部署", "部署", "通报", "作具体安排", "报告了", "回答",
    "起草说明", "告诉记者", "接受采访时说", "在会上说", "表示", "希望", "谈到", "介绍", "指出",
    "强调", "认为", "坦言", "透露", "提出", "要求", "说道", "解读", "总结了", "称", "说",
)
_VERB = re.compile("|".join(VERBS))
#: adverbs between a name and the verb: 石继东则表示, 他也表示
_ADVERBS = (
    "进一步", "同时", "则", "也", "还", "更", "就", "又", "在会上", "在发言中", "笑着", "笑", "首先",
    "的",
)
#: the head word of an official title; prefixes (党组, 党工委, 管委会, 常务 ...) attach to it
_TITLE_HEAD = (
    "书记", "主任", "局长", "区长", "市长", "省长", "县长", "镇长", "乡长", "州长", "主席",
    "董事长", "总经理", "总裁", "总监", "院长", "校长", "厅长", "部长", "处长", "科长", "社长",
    "主委", "秘书长", "常委", "委员", "行长", "所长", "站长", "经理", "厂长", "队长", "组长",
    "理事长", "会长", "馆长", "首席执行官", "创始人", "负责人", "人大代表", "政协委员", "党代表",
    "总工程师", "总会计师", "总编辑", "司令员", "政委", "主管", "专员", "教授", "研究员",
    "村支书", "支部书记", "执行董事", "合伙人", "总理", "总书记", "委员长", "新闻发言人", "发言人",
)
_TITLE_PREFIX = (
    "党组", "党委", "党工委", "工委", "管委会", "党支部", "纪委", "监委",
    "常务", "执行", "首席", "名誉", "第一", "专职", "驻会",
)
_TITLE_RE = re.compile(
    "(?:[省市县区]?(?:人大代表|政协委员)|(?:(?:" + "|".join(_TITLE_PREFIX) + "))*(?:副)?(?:"
    + "|".join(sorted(_TITLE_HEAD, key=len, reverse=True)) + "))$"
)
#: the last character of every title
_TITLE_ENDS = frozenset(head[-1] for head in _TITLE_HEAD)
#: what may stand between a name and the verb: 田志远在报告中说, 田志远代表县人民政府作报告
_BETWEEN = re.compile(
    r"(?:在[^，。；]{1,20}?(?:中|上|时|期间)|代表[^，。；]{1,30}|到会祝贺并|到会并|出席并|主持会议并|"
    r"[作做]《[^》]{1,30}》|对[^，。；]{1,40}|就[^，。；]{1,80}|主持[^，。；]{1,10}时|[作做]重要|[作做]总结|"
    r"[作做]|发表重要)$"
)
#: characters that start the predicate after a titled name opening a clause, so that a
#: three-character name is read whole (区长李明辉来到现场, not 李明): verbs of saying,
#: adverbs, prepositions, verbs of coming and going, reactions, and company (等人, 一行)
_PREDICATE_STARTS = frozenset("说表谈指强认告称坦透" "也则还就" "在对向" "走来回带接" "感笑激深" "等一")
#: words that start such a predicate with a character that could also end a name
_PREDICATE_WORDS = (
    "主持", "出席", "代表", "致辞", "致欢", "部署", "通报", "作重", "作总", "作具", "作政", "作工",
    "作报", "作《", "发表", "报告", "陪同", "参加", "调研", "察看", "查看", "考察",
)
_CLAUSE_BREAK = re.compile(r"[，。；：！？,;:!?“”‘’（）()「」\s]")
_PIECE = re.compile(r"[^，。；：！？,;:!?“”‘’（）()《》「」\s]+")
#: the longest clause looked at around a name: a title and a name are far shorter, and the
#: bound keeps a paragraph without punctuation from taking time quadratic in its length
MAX_CLAUSE = 200
#: how much of a clause may hold the title and name that open it (区长张三走进车间后)
MAX_TITLED = 60


@dataclass(frozen=True)
class Mention:
    """A speaker introduced in a sentence: name, title and organisation as written."""

    name: str
    title: str
    organization: str
    start: int
    #: where the verb of saying stands (-1 when not known)
    at: int = -1


# cached: a report repeats its titles, and _leading_mention asks about every prefix of a clause
@functools.lru_cache(maxsize=4096)
def split_title(prefix: str) -> tuple[str, str] | None:
    """Split ``市经济信息委党组书记、主任`` into (organisation, title); None if no title ends it."""
    organization = ""
    titles: list[str] = []
    for part in prefix.split("、"):
        match = _TITLE_RE.search(part)
        if not match:
            return None
        if organization:
            # 中共某省委常委、某市委书记: a later title keeps the unit it names
            titles.append(part)
            continue
        # 市人大代表、某公司董事长: the organisation may come with a later title
        organization = part[: match.start()]
        titles.append(part[match.start():])
    return organization, "、".join(titles)


def _strip_adverbs(clause: str) -> str:
    changed = True
    while changed:
        changed = False
        for adverb in _ADVERBS:
            if clause.endswith(adverb) and len(clause) > len(adverb):
                clause = clause[: -len(adverb)]
                changed = True
    return clause


#: a bare office written after the name: 李明市长, 王强省长
_OFFICE_AFTER = re.compile(r"(?:副)?(?:总书记|总理|委员长|主席|书记|省长|市长|县长|区长|部长|主任)")
#: how the names of bodies end, which a surname may start (国务院, 高新区)
_BODY_ENDS = frozenset("院委局部厅府会省市县区办处所站队组团社司行")


#: characters of titles and bodies, never of a name read before an office
_OFFICE_CHARS = frozenset("委党政府局部厅处办院会省市县区镇乡村副总国各诸全该每某本")
_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _person(name: str) -> bool:
    return is_chinese_name(name) and name[-1] not in _BODY_ENDS


def _name_then_office(clause: str, start: int) -> Mention | None:
    """A name followed by a bare office opening the clause (李明市长作报告, 某某省长指出).

    The office right after it marks the name, so a surname the table lacks is no obstacle.
    """
    for size in (3, 2):
        office = _OFFICE_AFTER.match(clause, size)
        name = clause[:size]
        if office and _HAN.fullmatch(name) and not _OFFICE_CHARS & set(name):
            return Mention(clause[:size], office.group(0), "", start)
    return None


def _from_clause(clause: str, start: int) -> Mention | None:
    """A mention whose name ends ``clause`` (the text just before the verb)."""
    before = None
    while before != clause:
        before = clause
        clause = _BETWEEN.sub("", _strip_adverbs(clause))
    for size in (3, 2, 4):
        if len(clause) < size:
            continue
        name, prefix = clause[-size:], clause[:-size]
        if not _person(name):
            continue
        if not prefix:
            return Mention(name, "", "", start)
        parts = split_title(prefix)
        # 看望…的经济界委员时: a phrase that ends in a title is no organisation
        if parts and "记者" not in prefix and "的" not in parts[0]:
            return Mention(name, parts[1], parts[0], start)
    return None


def _leading_mention(clause: str, start: int) -> Mention | None:
    """A titled person at the start of a clause that goes on (区长李明辉走进车间后 ... 他表示).

    The name is read as three characters when a predicate starts right after them, else as
    two: 李明辉来到 is 李明辉, 张三走进 is 张三.
    """
    for cut in range(len(clause) - 2, 1, -1):
        if clause[cut - 1] not in _TITLE_ENDS:
            continue  # no title ends here: skip the regular expression
        parts = split_title(clause[:cut])
        if not parts or not parts[1]:
            continue
        rest = clause[cut:]
        for size in (3, 2):
            name = rest[:size]
            follows = rest[size : size + 1]
            starts = not follows or follows in _PREDICATE_STARTS
            starts = starts or rest[size:].startswith(_PREDICATE_WORDS)
            if _person(name) and name[0] not in "和与及" and (starts or size == 2):
                if "记者" in clause[:cut]:
                    return None
                return Mention(name, parts[1], parts[0], start)
    return None


def _clause_start(text: str, end: int) -> int:
    """Where the clause ending at ``end`` starts: after the last clause break, at most MAX_CLAUSE back."""
    floor = max(0, end - MAX_CLAUSE)
    for index in range(end - 1, floor - 1, -1):
        if _CLAUSE_BREAK.match(text, index):
            return index + 1
    return floor


class _Referents:
    """Who 他 or 她 may refer to at each point of a paragraph, each clause examined once.

    The person is the subject of an earlier clause (titled, as in 区长张三走进车间后), else the
    last speaker already known by name; looking back from every pronoun afresh would take time
    quadratic in the length of the paragraph.
    """

    def __init__(self, sentence: str, known: tuple[str, ...]) -> None:
        self.sentence = sentence
        self.known = known
        self._titled: tuple[list[int], list[Mention]] | None = None
        self._named: dict[str, list[int]] = {}

    def _titled_mentions(self) -> tuple[list[int], list[Mention]]:
        if self._titled is None:
            ends: list[int] = []
            found: list[Mention] = []
            for piece in _PIECE.finditer(self.sentence):
                # a title and a name open the clause; what follows cannot change them
                mention = _leading_mention(piece.group(0)[:MAX_TITLED], piece.start())
                if mention is not None:
                    ends.append(piece.end())
                    found.append(mention)
            self._titled = (ends, found)
        return self._titled

    def at(self, cut: int, verb: int) -> Mention | None:
        """The referent of a pronoun whose clause starts at ``cut``, before the verb at ``verb``."""
        ends, found = self._titled_mentions()
        index = bisect.bisect_right(ends, cut) - 1
        if index >= 0:
            return found[index]
        named: list[tuple[int, str]] = []
        for name in self.known:
            if name not in self._named:
                self._named[name] = [m.start() for m in re.finditer(re.escape(name), self.sentence)]
            starts = self._named[name]
            # the last mention of the name that ends before the verb
            last = bisect.bisect_right(starts, verb - len(name)) - 1
            if last >= 0:
                named.append((starts[last], name))
        if named:
            position, name = max(named)
            return Mention(name, "", "", position)
        return None


#: a clause that opens with one of these has no subject of its own (…，从多个维度介绍了)
_NO_SUBJECT = re.compile(r"(?:从|向|就|对|并|随后|还|也|又|再|以)")


def _co_speakers(sentence: str, cut: int) -> list[Mention]:
    """Titled people listed in the clauses just before ``cut``, who speak with the one after.

    ``市委书记张明，市委副书记、市长李强在会上讲话``: each clause before the speaker's that is
    nothing but a title and a name is a speaker too.
    """
    found: list[Mention] = []
    end = cut - 1
    while end > 0 and sentence[end] in "，,":
        start = _clause_start(sentence, end)
        clause = sentence[start:end]
        if not clause:
            break
        mention = _from_clause(clause, start)
        if mention is None or not mention.title or len(clause) > MAX_TITLED:
            break
        found.insert(0, mention)
        end = start - 1
    return found


def _title_before(sentence: str, cut: int, mention: Mention) -> Mention:
    """The mention with the titles of the clause before it, when that clause is only titles.

    ``市委常委、秘书长，市政府常务副市长某某``: the person holds both, and the first unit named
    is the organisation.
    """
    if not mention.title or cut < 2 or sentence[cut - 1] not in "，,":
        return mention
    start = _clause_start(sentence, cut - 1)
    before = sentence[start : cut - 1]
    parts = split_title(before) if 0 < len(before) <= MAX_TITLED else None
    # 作为大会的主要发言人，市长某某: a phrase with 的 is a description, not a unit
    if not parts or not parts[1] or "的" in parts[0] or _from_clause(before, start) is not None:
        return mention
    title = parts[1] + sentence[cut - 1] + mention.organization + mention.title
    return replace(mention, organization=parts[0], title=title)


def find_mentions(sentence: str, known: Iterable[str] = ()) -> list[Mention]:
    """Speakers introduced in ``sentence`` (a paragraph may be passed whole), in order.

    ``known`` names of earlier speakers let ``他说`` find a person named without a title.
    Each verb looks only at the clause before it, so the time is linear in the paragraph.
    """
    mentions: list[Mention] = []
    referents = _Referents(sentence, tuple(known))
    for verb in _VERB.finditer(sentence):
        cut = _clause_start(sentence, verb.start())
        clause = sentence[cut : verb.start()]
        if not clause or _NO_SUBJECT.match(clause):
            # 区委书记张三主持会议，强调…: the verb shares the subject of the clause before
            if cut > 1 and sentence[cut - 1] in "，,":
                start = _clause_start(sentence, cut - 1)
                found = _leading_mention(sentence[start : cut - 1][:MAX_TITLED], start)
                if found:
                    mentions.append(replace(found, at=verb.start()))
            continue
        if clause in ("他", "她") or (clause.endswith(("他", "她")) and len(clause) <= 3):
            # 他表示: the person is the subject of an earlier clause, titled or already known
            found = referents.at(cut, verb.start())
            if found:
                mentions.append(replace(found, at=verb.start()))
            continue
        mention = (_name_then_office(clause, cut) or _from_clause(clause, cut)
                   or _leading_mention(clause[:MAX_TITLED], cut))
        if mention:
            mention = _title_before(sentence, cut, mention)
            mentions.extend(replace(m, at=verb.start()) for m in _co_speakers(sentence, cut))
            mentions.append(replace(mention, at=verb.start()))
    return mentions


def title_in_text(text: str, name: str) -> tuple[str, str] | None:
    """The (organisation, title) written before ``name`` anywhere in ``text``, if any."""
    tried: set[str] = set()
    for hit in re.finditer(re.escape(name), text):
        clause = text[_clause_start(text, hit.start()) : hit.start()]
        if clause in tried:
            continue  # a clause met before gives the same answer
        tried.add(clause)
        for start in range(len(clause)):
            parts = split_title(clause[start:])
            if parts and parts[1] and "记者" not in clause:
                return parts
    return None


#: what follows a name without belonging to it: verbs and adverbs of the predicate, marks
_NOT_IN_NAME = _PREDICATE_STARTS | frozenset("主出代作做致部通回要讲发同等为报总提希率与和及、，,。；：（(“")


def whole_name(text: str, name: str) -> str:
    """``name`` read with the character that follows it everywhere in ``text``, when that makes a name.

    A two-character reading (周文 of 周文彬代表…) is taken whole when every mention of it in the
    report goes on with the same character and that character starts no predicate.
    """
    if len(name) != 2:
        return name
    follows = {text[m.end()] if m.end() < len(text) else "" for m in re.finditer(re.escape(name), text)}
    if len(follows) != 1:
        return name
    (after,) = follows
    if not _HAN.fullmatch(after) or after in _NOT_IN_NAME or not _person(name + after):
        return name
    return name + after


def titled_people(text: str) -> list[str]:
    """Everyone a title introduces at the start of a clause in ``text`` (省委书记张明到…)."""
    people: list[str] = []
    for piece in _PIECE.finditer(text):
        mention = _leading_mention(piece.group(0)[:MAX_TITLED], piece.start())
        if mention is not None and mention.name not in people:
            people.append(mention.name)
    return people


#: a commentary's signature on a line of its own: ——某部门新闻发言人某某
_SIGNATURE = re.compile(r"^\s*(?:——|--|—)\s*([^，。；：！？,;:!?\s]{3,40})\s*$")


def signature(line: str) -> Mention | None:
    """The person who signs ``line`` (a dash, a title and a name, nothing else), if it is one."""
    found = _SIGNATURE.match(line)
    if not found:
        return None
    clause = found.group(1)
    mention = _from_clause(clause, found.start(1))
    return mention if mention is not None and mention.title else None


#: a line with a title and a name and nothing else: 县发展改革局副局长 某某
_BARE_LINE = re.compile(r"^[^，。；：！？,;:!?“”（）()《》]{3,40}$")


def presenter(line: str) -> Mention | None:
    """The person a line under a report's title presents it as given by, if it is such a line."""
    text = line.strip()
    if not _BARE_LINE.match(text):
        return None
    mention = _from_clause(re.sub(r"\s+", "", text), 0)
    return mention if mention is not None and mention.title else None
