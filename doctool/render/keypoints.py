"""What a decision-maker reads first, chosen from the report's own sentences.

Nothing here writes a word: the key points and each speaker's commitments are whole segments
of the report, picked by what they hold (the targets set, the body's or the leader's
instruction, named programs, a verb of commitment) and kept short by choosing shorter ones,
never by cutting. The choice is deterministic: the same content gives the same points.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from doctool.model import Block, Content, Segment, Speaker

#: at most this many key points; fewer when the report holds fewer worth picking
MAX_POINTS = 7
#: below this many, the limits on one paragraph and one speaker give way to more of the same
MIN_POINTS = 5
#: at most this many of them from one speaker, so that one long statement does not fill the list
PER_SPEAKER = 2
#: a sentence shorter than this says too little on its own (要加快发展生产性服务业。 is 12)
MIN_LENGTH = 12
#: a sentence longer than this is too long to read first
MAX_LENGTH = 200
#: but a leader's central instruction is often one long sentence, and still the point
MAX_INSTRUCTION = 260
#: sentences longer than this count against being picked
LONG = 140

#: the meeting (or a report) as the subject that stresses, sets out or asks: 市委经济工作会议强调,
#: 会议上，就明确
_BODY_SAYS = re.compile(
    r"(?:会议|会上|报告|讲话)[上中]?[，,]?(?:就|还|并|也)?(?:强调|明确|指出|要求|提出|部署|号召)"
)
#: what a leader's instruction opens with after the name: 胡衡华指出 (a speaker who 表示 or 介绍
#: reports; one who 指出 or 强调 instructs)
_LEADER_VERBS = "[^，。；：]{0,12}?(?:指出|强调|要求|部署|提出)"
#: an instruction in a statement: 要突出城市建设扩投资
_INSTRUCTION = re.compile(r"^(?:他|她)?(?:还|并|同时)?要")
#: words of commitment: 要 and 将 only as verbs (not 主要, 需要, 即将, 将近)
_COMMITS = re.compile(
    r"(?<![主重需只想提纲还])要(?![素点闻求])|(?<![即必])将(?![近军])|力争|确保|推动|加快|坚持|聚焦|"
    r"着力|全力|打造|期待|希望"
)


@dataclass(frozen=True)
class _Candidate:
    """A sentence with where it stands and what it holds."""

    position: int
    segment: Segment
    block: Block
    targets: int
    programs: int
    instructs: bool

    @property
    def eligible(self) -> bool:
        """A target set, an instruction given, or a named program's task."""
        text = self.segment.zh
        longest = MAX_INSTRUCTION if self.instructs else MAX_LENGTH
        if not MIN_LENGTH <= len(text) <= longest or text.endswith(("？", "?")):
            return False
        if self.targets or self.instructs:
            return True
        commits = _COMMITS.search(text) is not None
        return commits and (self.programs > 0 or (self.block.kind == "statement"
                                                  and _INSTRUCTION.match(text) is not None))

    @property
    def score(self) -> int:
        score = 3 + min(self.targets - 1, 2) if self.targets else 0
        score += 3 if self.instructs else 0
        score += min(self.programs, 2)
        score += 1 if _COMMITS.search(self.segment.zh) else 0
        return score - (2 if len(self.segment.zh) > LONG else 0)


def _candidates(content: Content) -> Iterator[_Candidate]:
    """Every sentence of the report's text (not captions or bylines), with what it holds."""
    targets: dict[str, int] = {}
    for fact in content.targets:
        if fact.kind == "target":
            targets[fact.segment] = targets.get(fact.segment, 0) + 1
    programs: dict[str, int] = {}
    for program in content.programs:
        for segment_id in program.segments:
            programs[segment_id] = programs.get(segment_id, 0) + 1
    leaders = {s.id: re.compile(re.escape(s.name.zh) + _LEADER_VERBS) for s in content.speakers
               if s.name.zh}
    instructed: set[str] = set()
    position = 0
    for block in content.blocks():
        if block.kind not in ("paragraph", "statement"):
            continue
        for segment in block.segments:
            position += 1
            leader = leaders.get(block.speaker or "")
            # a leader's instruction counts once: its opening sentence carries it
            instructs = bool(_BODY_SAYS.search(segment.zh))
            if leader is not None and block.speaker not in instructed and leader.search(segment.zh):
                instructed.add(block.speaker or "")
                instructs = True
            yield _Candidate(position, segment, block, targets.get(segment.id, 0),
                             programs.get(segment.id, 0), instructs)


def key_points(content: Content) -> list[Segment]:
    """Up to seven sentences a decision-maker reads first: instructions first, then targets.

    A point is a sentence that sets a target, or in which the meeting or its leader instructs
    (市委经济工作会议强调, 胡衡华指出), or that commits to a named program's task or is a
    speaker's instruction (要…); the best of them by what they hold (targets, named programs,
    words of commitment, shortness), one a paragraph and two a speaker at most unless that
    leaves fewer than five. They are given instructions first, each group in reading order.
    """
    ranked = sorted((c for c in _candidates(content) if c.eligible),
                    key=lambda c: (-c.score, c.position))
    chosen: list[_Candidate] = []
    blocks: set[str] = set()
    speakers: dict[str, int] = {}
    for candidate in ranked:
        speaker = candidate.block.speaker
        if candidate.block.id in blocks or (speaker and speakers.get(speaker, 0) >= PER_SPEAKER):
            continue
        chosen.append(candidate)
        blocks.add(candidate.block.id)
        if speaker:
            speakers[speaker] = speakers.get(speaker, 0) + 1
        if len(chosen) == MAX_POINTS:
            break
    # a report whose targets one speaker sets in one paragraph still gets its five points
    for candidate in ranked:
        if len(chosen) >= MIN_POINTS:
            break
        if candidate not in chosen:
            chosen.append(candidate)
    chosen.sort(key=lambda c: (not c.instructs, c.position))
    return [c.segment for c in chosen]


#: an item of a list read out of its list (三是让改革更显“治理味”) needs the list before it
_LATER_ITEM = re.compile(r"^(?:[二三四五六七八九十]是|其次|再次|第[二三四五六七八九十]|此外|另外|同时)")
#: a commitment is read in a line or two: sentences beyond these lengths count against it
_SHORT_COMMITMENT = 60
_LONG_COMMITMENT = 110


def _commitment_score(candidate: _Candidate) -> int:
    text = candidate.segment.zh
    score = 3 if candidate.targets else 0
    score += 2 if _COMMITS.search(text) else 0
    score += 1 if candidate.programs else 0
    score += 2 if candidate.instructs else 0
    score -= 2 if _LATER_ITEM.match(text) else 0
    if len(text) > _LONG_COMMITMENT:
        score -= 3
    elif len(text) > _SHORT_COMMITMENT:
        score -= 1
    return score


def commitments(content: Content, speaker: Speaker) -> list[Segment]:
    """One or two of the speaker's own sentences that say what they commit to or instruct.

    The best by what it holds (a target, a word of commitment, a program) and shortness; a
    second one when both are short. In reading order; none if the speaker has no statement.
    """
    own = [c for c in _candidates(content)
           if c.block.kind == "statement" and c.block.speaker == speaker.id
           and len(c.segment.zh) >= MIN_LENGTH and not c.segment.zh.endswith(("？", "?"))]
    if not own:
        return []
    ranked = sorted(own, key=lambda c: (-_commitment_score(c), c.position))
    best = ranked[0]
    picked = [best]
    if len(best.segment.zh) <= _SHORT_COMMITMENT and len(ranked) > 1:
        second = ranked[1]
        if _commitment_score(second) >= 2 and len(second.segment.zh) <= _SHORT_COMMITMENT:
            picked.append(second)
    picked.sort(key=lambda c: c.position)
    return [c.segment for c in picked]
