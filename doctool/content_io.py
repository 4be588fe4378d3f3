"""Saving and loading Content as YAML (``content.yaml``), validated against the shipped schema."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import yaml

from doctool.errors import ContentError
from doctool.fsutil import atomic_write_text
from doctool.model import (
    SCHEMA,
    Block,
    Content,
    Meeting,
    Part,
    Program,
    Section,
    Segment,
    Source,
    Speaker,
    Target,
    Text,
)

if TYPE_CHECKING:
    import jsonschema


@cache
def content_schema() -> dict[str, Any]:
    """The JSON Schema of ``content.yaml`` shipped in the package."""
    raw = resources.files("doctool").joinpath("schema/content.schema.json").read_text("utf-8")
    return cast(dict[str, Any], json.loads(raw))


# -- to plain data ---------------------------------------------------------------------------


def _text(t: Text) -> dict[str, str]:
    return {"zh": t.zh, "en": t.en}


def _value(v: Decimal) -> int | float:
    # integral values stay exact integers; decimals round-trip through their shortest repr
    return int(v) if v == v.to_integral_value() else float(v)


def _range(t: Target) -> dict[str, int | float]:
    # only a range writes its ends, so a file of single figures reads as it always did
    if t.low is None or t.high is None:
        return {}
    return {"low": _value(t.low), "high": _value(t.high)}


def _decimal(v: Any) -> Decimal | None:
    return None if v is None else Decimal(str(v))


def to_data(content: Content) -> dict[str, Any]:
    """Content as plain data with the keys of ``content.yaml``."""
    m = content.meeting
    return {
        "schema": SCHEMA,
        "meeting": {
            "title": _text(m.title),
            "event": _text(m.event),
            "date": m.date.isoformat() if m.date else None,
            "place": _text(m.place),
            "source": {
                "publication": _text(m.source.publication),
                "reporters": [_text(r) for r in m.source.reporters],
                # only when the report says: a content file without them reads as before
                **({"published": m.source.published.isoformat()} if m.source.published else {}),
                **({"page": m.source.page} if m.source.page else {}),
            },
            "parts": [{"number": p.number, "marker": p.marker} for p in m.parts],
        },
        "sections": [
            {
                "id": s.id,
                "part": s.part,
                "heading": _text(s.heading) if s.heading else None,
                "blocks": [_block(b) for b in s.blocks],
            }
            for s in content.sections
        ],
        "speakers": [
            {
                "id": p.id,
                "name": _text(p.name),
                "title": _text(p.title),
                "organization": _text(p.organization),
            }
            for p in content.speakers
        ],
        "targets": [
            {
                "id": t.id,
                "metric": _text(t.metric),
                "kind": t.kind,
                "value": _value(t.value) if t.value is not None else None,
                **_range(t),
                "unit": t.unit,
                "qualifier": t.qualifier,
                "year": t.year,
                **({"since": t.since} if t.since is not None else {}),
                **({"previous": t.previous} if t.previous is not None else {}),
                "segment": t.segment,
                "source": t.source,
            }
            for t in content.targets
        ],
        "programs": [
            {"id": p.id, "name": _text(p.name), "segments": list(p.segments)}
            for p in content.programs
        ],
    }


def _block(b: Block) -> dict[str, Any]:
    data: dict[str, Any] = {"id": b.id, "kind": b.kind}
    if b.speaker is not None:
        data["speaker"] = b.speaker
    if b.reporters:
        data["reporters"] = [_text(r) for r in b.reporters]
    if b.runs_on:
        data["runs_on"] = True
    data["segments"] = [
        {"id": s.id, "zh": s.zh, "en": s.en, "origin": s.origin,
         **({"score": s.score} if s.score is not None else {})}
        for s in b.segments
    ]
    return data


class _Dumper(yaml.SafeDumper):
    """Writes every value out in full: content files never hold YAML anchors or aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dumps(content: Content) -> str:
    """Content as YAML text."""
    return yaml.dump(
        to_data(content), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, indent=2
    )


def save(content: Content, path: Path) -> None:
    """Write Content to ``path`` as YAML, atomically."""
    atomic_write_text(path, dumps(content))


# -- from plain data -------------------------------------------------------------------------


def _t(data: Any) -> Text:
    if data is None:
        return Text("")
    return Text(zh=data.get("zh") or "", en=data.get("en") or "")


def from_data(data: dict[str, Any]) -> Content:
    """Content from plain data that has already passed the schema."""
    m = data["meeting"]
    date = m.get("date")
    source = m.get("source") or {}
    meeting = Meeting(
        title=_t(m["title"]),
        event=_t(m.get("event")),
        date=dt.date.fromisoformat(date) if date else None,
        place=_t(m.get("place")),
        source=Source(
            publication=_t(source.get("publication")),
            reporters=tuple(_t(r) for r in source.get("reporters") or ()),
            published=dt.date.fromisoformat(source["published"]) if source.get("published") else None,
            page=source.get("page") or "",
        ),
        parts=tuple(Part(p["number"], p.get("marker")) for p in m.get("parts") or [{"number": 1}]),
    )
    sections = tuple(
        Section(
            id=s["id"],
            heading=_t(s["heading"]) if s.get("heading") else None,
            part=s.get("part", 1),
            blocks=tuple(
                Block(
                    id=b["id"],
                    kind=b["kind"],
                    speaker=b.get("speaker"),
                    reporters=tuple(_t(r) for r in b.get("reporters") or ()),
                    runs_on=bool(b.get("runs_on", False)),
                    segments=tuple(
                        Segment(
                            id=g["id"],
                            zh=g["zh"],
                            en=g.get("en") or "",
                            origin=g.get("origin") or "none",
                            score=g.get("score"),
                        )
                        for g in b["segments"]
                    ),
                )
                for b in s["blocks"]
            ),
        )
        for s in data["sections"]
    )
    speakers = tuple(
        Speaker(
            id=p["id"], name=_t(p["name"]), title=_t(p.get("title")),
            organization=_t(p.get("organization")),
        )
        for p in data["speakers"]
    )
    targets = tuple(
        Target(
            id=t["id"],
            metric=_t(t["metric"]),
            value=_decimal(t["value"]),
            unit=t["unit"],
            qualifier=t.get("qualifier"),
            year=t.get("year"),
            segment=t["segment"],
            source=t.get("source") or "",
            # a file written before facts had a kind holds targets only
            kind=t.get("kind", "target"),
            low=_decimal(t.get("low")),
            high=_decimal(t.get("high")),
            since=t.get("since"),
            previous=t.get("previous"),
        )
        for t in data["targets"]
    )
    programs = tuple(
        Program(id=p["id"], name=_t(p["name"]), segments=tuple(p["segments"]))
        for p in data["programs"]
    )
    return Content(meeting, sections, speakers, targets, programs)


def _line_of(node: yaml.Node | None, path: list[str | int]) -> int | None:
    """The 1-based line of the YAML node at ``path`` (or its nearest existing ancestor)."""
    line = node.start_mark.line + 1 if node is not None else None
    for key in path:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == key), None)
            if match is None:
                # point at the key itself when the value is what is wrong
                break
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
        line = node.start_mark.line + 1
    return line


def _unknown_key_line(node: yaml.Node | None, path: list[str | int], key: str) -> int | None:
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            node = node.value[step] if step < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        for k, _ in node.value:
            if k.value == key:
                return int(k.start_mark.line) + 1
    return None


def loads(text: str, name: str = "content.yaml") -> Content:
    """Content from YAML text; a malformed file raises ContentError naming the key and line."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        _refuse_aliases(root, name)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        raise ContentError(f"{name}{where}: {problem}; fix the YAML syntax") from None
    if not isinstance(data, dict):
        raise ContentError(f"{name}: not a doctool content file; create one with doctool extract")
    schema = data.get("schema")
    if schema != SCHEMA:
        raise ContentError(
            f"{name}: schema is {schema!r}, this doctool reads {SCHEMA!r}; "
            "re-create the file with doctool extract"
        )
    meeting = data.get("meeting")
    if isinstance(meeting, dict) and isinstance(meeting.get("date"), dt.date):
        meeting["date"] = meeting["date"].isoformat()
    # imported here: writing content needs no validator, and jsonschema takes a while to load
    import jsonschema

    validator = jsonschema.Draft202012Validator(content_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        raise ContentError(_describe(errors[0], root, name))
    content = from_data(data)
    _check_references(content, name)
    return content


def _refuse_aliases(root: yaml.Node | None, name: str) -> None:
    """Refuse YAML anchors and aliases: a few kilobytes of nested ``*ref`` can stand for
    billions of segments (doctool never writes them, so a file that has them came from
    elsewhere). An alias composes to the very node its anchor made, so a node met twice is one.
    """
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise ContentError(
                f"{name}:{node.start_mark.line + 1}: holds a YAML anchor that is used again as an "
                "alias (&name, *name), which content files never do; write the values out in full"
            )
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(item for pair in node.value for item in pair)


def _describe(error: jsonschema.ValidationError, root: yaml.Node | None, name: str) -> str:
    path = list(error.absolute_path)
    dotted = ".".join(str(p) for p in path) or "(top level)"
    schema = cast(dict[str, Any], error.schema)
    if error.validator == "additionalProperties":
        extra = sorted(set(cast(dict[str, Any], error.instance)) - set(schema.get("properties", {})))
        key = extra[0] if extra else "?"
        line = _unknown_key_line(root, path, key) or _line_of(root, path)
        allowed = ", ".join(schema.get("properties", {}))
        where = f"{dotted}.{key}" if path else key
        return f"{name}:{line}: unknown key {where!r}; expected one of: {allowed}"
    line = _line_of(root, path)
    if error.validator == "required":
        return f"{name}:{line}: {dotted}: {error.message}; add the missing key"
    if error.validator == "enum":
        allowed = ", ".join(map(str, cast(list[Any], error.validator_value)))
        return f"{name}:{line}: {dotted}: {error.instance!r} is not allowed; use one of: {allowed}"
    return f"{name}:{line}: {dotted}: {error.message}; fix this value"


def _check_references(content: Content, name: str) -> None:
    speakers = {s.id for s in content.speakers}
    segments = {s.id for s in content.segments()}
    headings = {f"{s.id}.h" for s in content.sections if s.heading is not None}
    for block in content.blocks():
        if block.speaker is not None and block.speaker not in speakers:
            raise ContentError(
                f"{name}: block {block.id} names speaker {block.speaker!r}, "
                "which is not in speakers; add the speaker or fix the id"
            )
    for target in content.targets:
        if target.segment not in segments:
            raise ContentError(
                f"{name}: target {target.id} points at segment {target.segment!r}, "
                "which does not exist; fix the segment id"
            )
    facts = {t.id for t in content.targets}
    for target in content.targets:
        if target.previous is not None and target.previous not in facts:
            raise ContentError(
                f"{name}: target {target.id} names previous result {target.previous!r}, "
                "which is not in targets; fix the id or remove it"
            )
    for program in content.programs:
        for seg in program.segments:
            if seg not in segments and seg not in headings:
                raise ContentError(
                    f"{name}: program {program.id} points at segment {seg!r}, "
                    "which does not exist; fix the segment id"
                )


def load(path: Path) -> Content:
    """Content from a ``content.yaml`` file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ContentError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise ContentError(f"{path} is a folder; give the path of a content.yaml file") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ContentError(f"{path}: not UTF-8 text; save the file as UTF-8") from None
    return loads(text, str(path))
