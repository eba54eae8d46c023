"""Strict reading of YAML and JSON files, keeping where every value came from.

- YAML is read with YAML 1.2 core-schema scalars (``true``/``false`` only; ``1e-5`` is a
  number; ``no`` and ``NO`` stay strings; dates stay strings for the models to parse).
- Duplicate keys are errors, with both lines; keys must be strings.
- Every string (keys and values) is NFC-normalised: "Hoà" and "Hòa" are one name.
- Positions are kept in a tree beside the data, so a problem found later (by the
  models, by the indicator checks) can name the file, the line and the field.
  JSON is parsed with :mod:`json` for speed and exactness; its positions are
  computed only when a problem needs one.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import EvaluatorError, Location, Problem

__all__ = ["Document", "PosNode", "nfc", "read_documents", "read_text"]

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Loader):  # type: ignore[misc, valid-type]
    """A loader whose implicit types are those of the YAML 1.2 core schema."""


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
    _text: str | None = field(default=None, repr=False)

    def positions(self) -> PosNode | None:
        if self._positions is None and self._text is not None:
            try:
                docs = _compose(self._text.replace("\t", " "), self.path)
                self._positions = docs[self.index][1] if self.index < len(docs) else None
            except EvaluatorError:
                self._positions = None
            self._text = None
        return self._positions

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
    duplicates: list[str] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            key = nfc(key)
            if key in out:
                duplicates.append(key)
            out[key] = _nfc_value(value)
        return out

    try:
        data = json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as exc:
        where = Location(file=name, line=exc.lineno, column=exc.colno)
        raise error_cls(Problem("yaml.syntax", where, {"detail": exc.msg})) from None
    if duplicates:
        # Let the positional reader name both lines.
        try:
            _compose(text.replace("\t", " "), name)
        except EvaluatorError as exc:
            raise error_cls(exc.problems) from None
        raise error_cls(Problem("yaml.duplicate_key", Location(file=name), {"key": duplicates[0], "first_line": "?"}))
    return Document(name, _nfc_value(data) if isinstance(data, str) else data, 0, None, text)


def _nfc_value(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc_value(v) for v in value]
    return value


def _compose(text: str, name: str) -> list[tuple[Any, PosNode]]:
    try:
        nodes = list(yaml.compose_all(text, Loader=_StrictLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = Location(file=name, line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None)
        detail = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        raise EvaluatorError(Problem("yaml.syntax", where, {"detail": detail})) from None
    except yaml.YAMLError as exc:
        raise EvaluatorError(Problem("yaml.syntax", Location(file=name), {"detail": str(exc)})) from None
    return [_construct(node, name, 0) for node in nodes if node is not None]


_SCALARS = {
    "tag:yaml.org,2002:str": lambda v: nfc(v),
    "tag:yaml.org,2002:null": lambda v: None,
    "tag:yaml.org,2002:bool": lambda v: v.lower() == "true",
    "tag:yaml.org,2002:int": lambda v: int(v, 10),
    "tag:yaml.org,2002:float": lambda v: _float(v),
}


def _float(text: str) -> float:
    """A YAML 1.2 float: also ``.inf``, ``-.Inf``, ``.NaN`` (refused later where a finite number is needed)."""
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if lowered.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    return float(text)


def _construct(node: yaml.Node, name: str, depth: int) -> tuple[Any, PosNode]:
    pos = PosNode(node.start_mark.line + 1, node.start_mark.column + 1)
    where = Location(file=name, line=pos.line, column=pos.column)
    if depth > 64:
        raise EvaluatorError(Problem("yaml.anchor", where))
    if isinstance(node, yaml.ScalarNode):
        make = _SCALARS.get(node.tag)
        if make is None:
            raise EvaluatorError(Problem("yaml.syntax", where, {"detail": f"unsupported tag {node.tag}"}))
        try:
            return make(node.value), pos
        except ValueError as exc:
            raise EvaluatorError(Problem("yaml.syntax", where, {"detail": str(exc)})) from None
    if isinstance(node, yaml.SequenceNode):
        items: list[Any] = []
        kids: list[PosNode] = []
        for child in node.value:
            value, child_pos = _construct(child, name, depth + 1)
            items.append(value)
            kids.append(child_pos)
        pos.children = kids
        return items, pos
    if isinstance(node, yaml.MappingNode):
        out: dict[str, Any] = {}
        kid_map: dict[Any, PosNode] = {}
        for key_node, value_node in node.value:
            key, key_pos = _construct(key_node, name, depth + 1)
            if not isinstance(key, str):
                # YAML would happily give int or bool keys; ids are text here.
                key_where = Location(file=name, line=key_pos.line, column=key_pos.column)
                if isinstance(key, (int, float)) and not isinstance(key, bool):
                    key = str(key_node.value)
                else:
                    raise EvaluatorError(Problem("yaml.key_type", key_where, {"found": repr(key)}))
            if key in out:
                key_where = Location(file=name, line=key_pos.line, column=key_pos.column, field=key)
                raise EvaluatorError(
                    Problem("yaml.duplicate_key", key_where, {"key": key, "first_line": kid_map[key].line})
                )
            value, value_pos = _construct(value_node, name, depth + 1)
            out[key] = value
            kid_map[key] = value_pos
        pos.children = kid_map
        return out, pos
    raise EvaluatorError(Problem("yaml.syntax", where, {"detail": f"unexpected node {type(node).__name__}"}))
