"""The legal references of a file against the sources list it names (``[src:ID]`` tags)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..errors import DefinitionError, EvaluatorError, Problem, did_you_mean
from ..model.references import read_source_list, reference_text, source_tags
from ..sources import read_documents
from ..text import bi
from .criteria import key_location
from .report import finding


def _references(data: Any, loc: tuple[Any, ...] = ()) -> Iterable[tuple[tuple[Any, ...], str]]:
    """Every ``reference`` text and every item of ``references`` in a file as written, with its path."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "reference" and isinstance(value, str):
                yield (*loc, key), value
            elif key == "references" and isinstance(value, list):
                yield from (((*loc, key, i), v) for i, v in enumerate(value) if isinstance(v, str))
            else:
                yield from _references(value, (*loc, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _references(value, (*loc, i))


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def lint_sources(path: Path) -> list[Problem]:
    """The [src:ID] tags of a criteria, overlay or scheme file checked against the sources list it names."""
    try:
        (doc,) = read_documents(path, DefinitionError)[:1]
    except (EvaluatorError, ValueError):
        return []  # the loader reports what does not read
    data = doc.data if isinstance(doc.data, dict) else {}
    refs = [(loc, text, *source_tags(text)) for loc, text in _references(data)]
    named = data.get("sources")
    if not isinstance(named, str):
        tagged = [loc for loc, _, ids, _ in refs if ids]
        return [finding("lint.sources_missing", key_location(doc, tagged[0]))] if tagged else []
    where = key_location(doc, ("sources",))
    try:
        sources = read_source_list(path.parent / named)
    except (OSError, UnicodeDecodeError) as exc:
        detail = bi("lint.sources.unreadable", detail=getattr(exc, "strerror", None) or str(exc))
        return [finding("lint.sources_invalid", where, {"sources": named, "detail": detail})]
    if not sources.entries:
        return [finding("lint.sources_invalid", where, {"sources": named, "detail": bi("lint.sources.none")})]
    out = [
        finding(
            "lint.sources_invalid",
            where,
            {"sources": named, "detail": bi("lint.sources.twice", id=i, first=a, again=b)},
        )
        for i, a, b in sources.duplicates
    ]
    for loc, text, ids, bad in refs:
        if bad is not None:
            continue  # not a tag: the loader refuses the file and says where
        at = doc.locate(loc)
        if not ids:
            out.append(
                finding("lint.reference_unsourced", at, {"text": _short(reference_text(text)), "sources": named})
            )
        for i in ids:
            if i not in sources.entries:
                near = did_you_mean(i, sources.entries)
                hint = bi("lint.sources.did_you_mean", id=near) if near else ""
                out.append(finding("lint.reference_unknown", at, {"id": i, "sources": named, "suggestion": hint}))
    return out
