"""Strict reading of YAML and JSON files, keeping where every value came from.

- YAML is read with YAML 1.2 core-schema scalars (``true``/``false`` only; ``1e-5`` is a
  number; ``no`` and ``NO`` stay strings; dates stay strings for the models to parse).
- Duplicate keys are errors, with both lines; keys must be strings.
- Explicit tags (``!!bool yes``, ``!!int 1_000``, ``!custom``) are refused: they would
  re-type a value behind the reader's back (``!!bool yes`` is *false* in YAML 1.2).
- Aliases may repeat what an anchor holds, within a bound on the nodes they add (a
  600-byte "billion laughs" file is refused in milliseconds); nesting is bounded.
- Every number lies within ±2**53 and every string is free of control characters
  (tab and line breaks apart): see :mod:`evaluator.limits`.
- Every string (keys and values) is NFC-normalised: "Hoà" and "Hòa" are one name.
- Positions are kept in a tree beside the data, so a problem found later (by the
  models, by the indicator checks) can name the file, the line and the field.
  JSON is parsed with :mod:`json` for speed and exactness; its positions are
  computed only when a problem needs one.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn
from unicodedata import normalize as _normalize

import yaml

from .errors import EvaluatorError, Location, Problem
from .limits import BOUND, MAX_EXACT, YAML_MAX_ALIAS_NODES, YAML_MAX_DEPTH, control_char, exact
from .text import Bilingual, Phrase, bi

__all__ = ["Document", "PosNode", "nfc", "read_documents", "read_text"]

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Loader):  # type: ignore[misc]
    """A loader whose implicit types are those of the YAML 1.2 core schema.

    Tags it resolves itself are marked ``implicit:``, so a tag written in the file
    (``!!bool``, ``!foo``) can be told apart and refused.
    """

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return "implicit:" + str(super().resolve(kind, value, implicit))


_StrictLoader.yaml_implicit_resolvers = {}
_RESOLVERS = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", list("tTfF")),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", list("-+0123456789")),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        list("-+.0123456789"),
    ),
]
for _tag, _pattern, _first in _RESOLVERS:
    _StrictLoader.add_implicit_resolver(_tag, re.compile(_pattern), _first)


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C."""
    return unicodedata.normalize("NFC", text)


@dataclass
class PosNode:
    """Where a value starts (1-based line and column), and where its children start."""

    line: int
    column: int
    children: dict[Any, PosNode] | list[PosNode] | None = None


@dataclass
class Document:
    """One YAML document (or one JSON file): its data and a way to find positions in it."""

    path: str
    data: Any
    index: int = 0
    _positions: PosNode | None = field(default=None, repr=False)
    # A JSON file's text, kept to find positions only if a problem needs one: as UTF-8, half
    # the memory of a str that holds Vietnamese letters (two bytes a character).
    _text: bytes | None = field(default=None, repr=False)

    def positions(self) -> PosNode | None:
        if self._positions is None and self._text is not None:
            try:
                docs = _compose(self._text.decode("utf-8").replace("\t", " "), self.path)
                self._positions = docs[self.index][1] if self.index < len(docs) else None
            except EvaluatorError:
                self._positions = None
            self._text = None
        return self._positions

    def locator(self, prefix: Sequence[Any]) -> Callable[[Sequence[Any]], Location]:
        """A function locating paths under ``prefix`` (an entry's fields), computed only when asked."""

        def locate(loc: Sequence[Any]) -> Location:
            return self.locate((*prefix, *loc))

        return locate

    def locate(self, loc: Sequence[Any]) -> Location:
        """The location of the value at ``loc`` (keys and list indexes), as deep as known."""
        node = self.positions()
        line = column = None
        if node is not None:
            line, column = node.line, node.column
            for part in loc:
                children = node.children
                if isinstance(children, dict) and part in children:
                    node = children[part]
                elif isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
                    node = children[part]
                else:
                    break
                line, column = node.line, node.column
        dotted = ".".join(str(p) for p in loc) or None
        return Location(file=self.path, line=line, column=column, field=dotted)


def read_text(path: Path, error_cls: type[EvaluatorError]) -> str:
    """The text of ``path`` as UTF-8 (a BOM is dropped), or a clear error."""
    where = Location(file=str(path))
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error_cls(Problem("file.not_found", where)) from None
    except OSError as exc:
        raise error_cls(Problem("file.unreadable", where, {"detail": exc.strerror or str(exc)})) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error_cls(Problem("file.encoding", where, {"detail": str(exc)})) from None
    return text


def read_documents(path: Path, error_cls: type[EvaluatorError]) -> list[Document]:
    """Every document in a ``.yaml``/``.yml`` or ``.json`` file, data NFC-normalised."""
    text = read_text(path, error_cls)
    name = str(path)
    if not text.strip():
        raise error_cls(Problem("file.empty", Location(file=name)))
    if path.suffix.lower() == ".json":
        return [_read_json(text, name, error_cls)]
    try:
        docs = _compose(text, name)
    except EvaluatorError as exc:
        raise error_cls(exc.problems) from None
    return [Document(name, data, i, pos) for i, (data, pos) in enumerate(docs)]


def _read_json(text: str, name: str, error_cls: type[EvaluatorError]) -> Document:
    reader = _JsonReader(careful=_may_hold_controls(text))
    try:
        data = json.loads(text, object_pairs_hook=reader.pairs)
        data = reader.value(data)[0]
    except json.JSONDecodeError as exc:
        where = Location(file=name, line=exc.lineno, column=exc.colno)
        raise error_cls(Problem("yaml.syntax", where, {"detail": syntax_detail(exc.msg)})) from None
    except (_Refused, RecursionError, ValueError) as exc:
        # A number beyond the bound, a control character, nesting too deep: let the
        # positional reader say where (JSON is YAML), else name the file.
        _relocate_json(text, name, error_cls, exc)
    if reader.duplicates:
        # Let the positional reader name both lines.
        try:
            _compose(text.replace("\t", " "), name)
        except EvaluatorError as exc:
            raise error_cls(exc.problems) from None
        first = reader.duplicates[0]
        raise error_cls(Problem("yaml.duplicate_key", Location(file=name), {"key": first, "first_line": "?"}))
    return Document(name, data, 0, None, text.encode("utf-8"))  # decoded strictly: it encodes back


class _JsonReader:
    """What :func:`json.loads` builds, NFC-normalised, duplicate keys noted, nesting bounded as in YAML.

    ``careful`` (a text that may hold a control character) checks every string too.
    Written for speed: this runs once per mapping of a file of 10,000 scorecards.
    """

    def __init__(self, *, careful: bool):
        self.careful = careful
        self.duplicates: list[str] = []
        self.depths: dict[int, int] = {}  # id of each mapping built -> how deep it is

    def pairs(self, items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        deepest = 0
        depths = self.depths
        careful = self.careful
        for key, value in items:
            key = _normalize("NFC", key)
            if key in out:
                self.duplicates.append(key)
            kind = type(value)
            if kind is str:
                value = _normalize("NFC", value)
                if careful:
                    _refuse_control(value)
            elif kind is int or kind is float:
                if not -MAX_EXACT <= value <= MAX_EXACT:  # NaN too: the check below lets it through
                    _refuse_number(value)
            elif kind is dict:
                depth = depths[id(value)]
                if depth > deepest:
                    deepest = depth
            elif kind is list:
                value, depth = self.value(value)
                if depth > deepest:
                    deepest = depth
            out[key] = value
        if careful:
            for key in out:
                _refuse_control(key)
        if deepest >= YAML_MAX_DEPTH:
            raise _Refused(Problem("yaml.too_deep", Location(), {"max": YAML_MAX_DEPTH}))
        depths[id(out)] = deepest + 1
        return out

    def value(self, value: Any) -> tuple[Any, int]:
        """``value`` (any JSON value) normalised, and how deep it is."""
        kind = type(value)
        if kind is str:
            if self.careful:
                _refuse_control(value)
            return _normalize("NFC", value), 0
        if kind is dict:
            return value, self.depths[id(value)]
        if kind is not list:
            if (kind is int or kind is float) and not -MAX_EXACT <= value <= MAX_EXACT:
                _refuse_number(value)
            return value, 0
        items = []
        deepest = 0
        for item in value:
            item, depth = self.value(item)
            if depth > deepest:
                deepest = depth
            items.append(item)
        if deepest >= YAML_MAX_DEPTH:
            raise _Refused(Problem("yaml.too_deep", Location(), {"max": YAML_MAX_DEPTH}))
        return items, deepest + 1


_ESCAPES = re.compile(r"\\[bfu]")  # JSON escapes that can write a control character
_C1 = tuple(chr(c) for c in range(0x7F, 0xA0))  # DEL and C1 controls, legal raw in a JSON string


def _may_hold_controls(text: str) -> bool:
    """Whether a JSON text may hold a control character (tab and line breaks apart) in a string.

    Raw C0 controls are a JSON syntax error already; a quick look for escapes and for DEL
    and C1 characters spares the per-string check in the usual file.
    """
    if _ESCAPES.search(text) is not None:
        return True
    return not text.isascii() and any(c in text for c in _C1)


class _Refused(Exception):
    """A value the JSON fast path refuses; the positional reader locates it."""

    def __init__(self, problem: Problem):
        super().__init__(problem.code)
        self.problem = problem


def _refuse_number(value: float) -> None:
    """Refuse a number beyond ±2**53; NaN and the infinities pass (refused later where a finite
    number is needed, at the field), as in YAML."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return
    raise _Refused(Problem("number.too_large", Location(), {"text": _shorten(repr(value)), "bound": BOUND}))


def _refuse_control(text: str) -> None:
    char = control_char(text)
    if char is not None:
        raise _Refused(Problem("text.control", Location(), {"char": char}))


def _relocate_json(text: str, name: str, error_cls: type[EvaluatorError], exc: Exception) -> NoReturn:
    # Composing the text as YAML locates the problem; a text too deep to compose is said below,
    # with the file alone.
    with contextlib.suppress(RecursionError):
        try:
            _compose(text.replace("\t", " "), name)
        except EvaluatorError as located:
            raise error_cls(located.problems) from None
    where = Location(file=name)
    if isinstance(exc, _Refused):
        p = exc.problem
        raise error_cls(Problem(p.code, where, p.params)) from None
    if isinstance(exc, RecursionError):
        raise error_cls(Problem("yaml.too_deep", where, {"max": YAML_MAX_DEPTH})) from None
    raise error_cls(Problem("yaml.syntax", where, {"detail": syntax_detail(str(exc))})) from None


# What the YAML and JSON readers say (in English), by a part of their message, said in either language.
_SYNTAX = (
    ("mapping values are not allowed", "syntax.colon"),
    ("could not find expected ':'", "syntax.colon_missing"),
    ("did not find expected key", "syntax.indent"),
    ("expected <block end>", "syntax.indent"),
    ("did not find expected '-' indicator", "syntax.indent"),
    ("did not find expected ',' or ']'", "syntax.bracket"),
    ("did not find expected ',' or '}'", "syntax.brace"),
    ("found unexpected end of stream", "syntax.unclosed"),
    ("unterminated string", "syntax.unclosed"),
    ("unknown escape character", "syntax.escape"),
    ("invalid \\escape", "syntax.escape"),
    ("invalid \\uxxxx escape", "syntax.escape"),
    ("cannot start any token", "syntax.token"),
    ("found undefined alias", "syntax.alias"),
    ("found duplicate anchor", "syntax.anchor"),
    ("did not find expected <document start>", "syntax.extra"),
    ("extra data", "syntax.extra"),
    ("expected a single document", "detail.one_document"),
    ("did not find expected node content", "syntax.value"),
    ("expecting value", "syntax.value"),
    ("expecting ',' delimiter", "syntax.comma"),
    ("expecting ':' delimiter", "syntax.colon_missing"),
    ("expecting property name enclosed in double quotes", "syntax.json_key"),
    ("invalid control character", "syntax.control"),
)


def syntax_detail(text: str) -> Phrase:
    """The YAML or JSON reader's message in the reader's language (its own words quoted when unknown)."""
    low = text.lower()
    for part, code in _SYNTAX:
        if part in low:
            return bi(code)
    return bi("syntax.other", text=text)


def _compose(text: str, name: str) -> list[tuple[Any, PosNode]]:
    try:
        nodes = list(yaml.compose_all(text, Loader=_StrictLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = Location(file=name, line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None)
        detail = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        if "maximum nesting depth" in detail:  # libyaml stops at 1,000 levels
            raise EvaluatorError(Problem("yaml.too_deep", where, {"max": YAML_MAX_DEPTH})) from None
        raise EvaluatorError(Problem("yaml.syntax", where, {"detail": syntax_detail(detail)})) from None
    except yaml.reader.ReaderError as exc:  # a raw control character in the text
        pos = exc.position
        where = Location(file=name, line=text.count("\n", 0, pos) + 1, column=pos - text.rfind("\n", 0, pos))
        raise EvaluatorError(Problem("text.control", where, {"char": f"U+{exc.character:04X}"})) from None
    except yaml.YAMLError as exc:
        raise EvaluatorError(Problem("yaml.syntax", Location(file=name), {"detail": syntax_detail(str(exc))})) from None
    except RecursionError:  # the pure-Python composer (no libyaml) on deep nesting
        raise EvaluatorError(Problem("yaml.too_deep", Location(file=name), {"max": YAML_MAX_DEPTH})) from None
    builder = _Builder(name, aliases="*" in text, controls="\\" in text or _RAW_CONTROL.search(text) is not None)
    return [builder.document(node) for node in nodes if node is not None]


_RAW_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INT = "implicit:tag:yaml.org,2002:int"
_FLOAT = "implicit:tag:yaml.org,2002:float"
_STR = "implicit:tag:yaml.org,2002:str"
_SEQ = "implicit:tag:yaml.org,2002:seq"
_MAP = "implicit:tag:yaml.org,2002:map"
_SCALARS: dict[str, Callable[[str], Any]] = {
    "implicit:tag:yaml.org,2002:null": lambda v: None,
    "implicit:tag:yaml.org,2002:bool": lambda v: v.lower() == "true",
}


def _int_problem(text: str, where: Location) -> Problem | None:
    """A problem if the integer literal ``text`` lies beyond ±2**53 (checked before it is converted)."""
    digits = text.lstrip("+-").lstrip("0")
    if len(digits) < 16 or (len(digits) == 16 and exact(int(text, 10))):
        return None
    return Problem("number.too_large", where, {"text": _shorten(text), "bound": BOUND})


def _float_value(text: str, where: Location) -> tuple[float, Problem | None]:
    """A YAML 1.2 float: also ``.inf``, ``-.Inf``, ``.NaN`` (refused later where a finite number is
    needed); a finite literal beyond ±2**53 (or too large for a double) is a problem."""
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return (float("-inf") if lowered.startswith("-") else float("inf")), None
    if lowered == ".nan":
        return float("nan"), None
    value = float(text)
    if not exact(value):
        return value, Problem("number.too_large", where, {"text": _shorten(text), "bound": BOUND})
    return value, None


def _shorten(text: str) -> str | Bilingual:
    if len(text) <= 40:
        return text
    head = f"{text[:20]}…"
    return Bilingual(f"{head} ({len(text)} ký tự)", f"{head} ({len(text)} characters)")


def _yaml_tag(tag: str) -> str:
    """A tag as written: ``!!bool`` for the YAML types, the tag itself otherwise."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


class _Builder:
    """Python values and positions from composed YAML nodes, every YAML trap closed.

    Explicit tags are refused (``!!bool yes`` would be false, ``!!str``/``!!int``
    re-type a value); nesting is bounded; an alias may repeat what its anchor holds,
    but all repetitions together are bounded (a "billion laughs" file is refused
    after ``YAML_MAX_ALIAS_NODES`` nodes, in milliseconds), and an alias inside the
    collection it names is refused.
    """

    def __init__(self, name: str, *, aliases: bool, controls: bool):
        self.name = name
        self.aliases = aliases
        self.controls = controls
        self.seen: set[int] = set()
        self.open: set[int] = set()
        self.repeated = 0

    def document(self, node: yaml.Node) -> tuple[Any, PosNode]:
        return self.build(node, 0, False)

    def fail(self, code: str, pos: PosNode, params: dict[str, Any] | None = None) -> NoReturn:
        raise EvaluatorError(Problem(code, Location(file=self.name, line=pos.line, column=pos.column), params or {}))

    def build(self, node: yaml.Node, depth: int, repeat: bool) -> tuple[Any, PosNode]:
        pos = PosNode(node.start_mark.line + 1, node.start_mark.column + 1)
        if depth > YAML_MAX_DEPTH:
            self.fail("yaml.too_deep", pos, {"max": YAML_MAX_DEPTH})
        if self.aliases:
            key = id(node)
            if key in self.open:
                self.fail("yaml.alias_loop", pos)
            if key in self.seen:
                repeat = True
            else:
                self.seen.add(key)
            if repeat:
                self.repeated += 1
                if self.repeated > YAML_MAX_ALIAS_NODES:
                    self.fail("yaml.aliases", pos, {"max": YAML_MAX_ALIAS_NODES})
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node, pos), pos
        if node.tag not in (_SEQ, _MAP):
            self.fail("yaml.tag", pos, {"tag": _yaml_tag(node.tag)})
        if self.aliases:
            self.open.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                return self.sequence(node, pos, depth, repeat), pos
            assert isinstance(node, yaml.MappingNode)
            return self.mapping(node, pos, depth, repeat), pos
        finally:
            self.open.discard(id(node))

    def scalar(self, node: yaml.ScalarNode, pos: PosNode) -> Any:
        tag, text = node.tag, node.value
        if tag == _STR:
            value = _normalize("NFC", text)
            if self.controls:
                char = control_char(value)
                if char is not None:
                    self.fail("text.control", pos, {"char": char})
            return value
        if tag == _INT:
            if len(text) < 16:  # the usual number: nothing to check
                return int(text, 10)
            problem = _int_problem(text, Location(file=self.name, line=pos.line, column=pos.column))
            if problem is not None:
                raise EvaluatorError(problem)
            return int(text, 10)
        if tag == _FLOAT:
            number, problem = _float_value(text, Location(file=self.name, line=pos.line, column=pos.column))
            if problem is not None:
                raise EvaluatorError(problem)
            return number
        make = _SCALARS.get(tag)
        if make is None:
            self.fail("yaml.tag", pos, {"tag": _yaml_tag(tag)})
        return make(text)

    def sequence(self, node: yaml.SequenceNode, pos: PosNode, depth: int, repeat: bool) -> list[Any]:
        items: list[Any] = []
        kids: list[PosNode] = []
        for child in node.value:
            value, child_pos = self.build(child, depth + 1, repeat)
            items.append(value)
            kids.append(child_pos)
        pos.children = kids
        return items

    def mapping(self, node: yaml.MappingNode, pos: PosNode, depth: int, repeat: bool) -> dict[str, Any]:
        out: dict[str, Any] = {}
        kid_map: dict[Any, PosNode] = {}
        for key_node, value_node in node.value:
            key, key_pos = self.build(key_node, depth + 1, repeat)
            if not isinstance(key, str):
                # YAML would happily give int or bool keys; ids are text here.
                if isinstance(key, (int, float)) and not isinstance(key, bool):
                    key = str(key_node.value)
                else:
                    self.fail("yaml.key_type", key_pos, {"found": _found(key)})
            if key in out:
                key_where = Location(file=self.name, line=key_pos.line, column=key_pos.column, field=key)
                raise EvaluatorError(
                    Problem("yaml.duplicate_key", key_where, {"key": key, "first_line": kid_map[key].line})
                )
            value, value_pos = self.build(value_node, depth + 1, repeat)
            out[key] = value
            kid_map[key] = value_pos
        pos.children = kid_map
        return out


def _found(value: Any) -> str:
    """What was found, for a message: a short value, or the kind of a collection."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)
