"""Legal references that name their source: ``[src:ID]`` tags and the list of sources they point to.

A ``reference`` in a criteria or scheme file is text for people, with one or more tags naming
entries of a sources list (the project's is ``docs/sources.md``)::

    reference: QĐ 366-QĐ/TW — mức HTXS, có ít nhất 30% nhiệm vụ vượt mức [src:qd366-htxs]
    reference: "QĐ 132-QĐ/TW, HD 21-HD/BTCTW — HTXS đối với đảng bộ [src:qd132, hd21-htxs]"

The models keep only the text (:func:`reference_text`), so results, reasons and reports read as
before; lint reads the tags from the files themselves (:func:`source_tags`) and checks them
against the list (:func:`read_source_list`): each entry of the list is a level-3 heading that
starts with its id in backticks, ``### `qd366-htxs` — level HTXS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import Invalid

__all__ = ["SourceList", "read_source_list", "reference_text", "source_tags"]

SOURCE_ID = r"[a-z0-9][a-z0-9._-]*"
_TAG = re.compile(rf"\s*\[src:\s*({SOURCE_ID}(?:\s*,\s*{SOURCE_ID})*)\s*\]")
_TAG_START = re.compile(r"\[\s*src\s*:", re.IGNORECASE)
_ENTRY = re.compile(rf"^###\s+`({SOURCE_ID})`")


def source_tags(text: str) -> tuple[list[str], str | None]:
    """The ids the tags in ``text`` name, in order, and the first malformed tag (or ``None``)."""
    ids: list[str] = []
    for m in _TAG.finditer(text):
        ids.extend(part.strip() for part in m.group(1).split(","))
    rest = _TAG.sub("", text)
    bad = _TAG_START.search(rest)
    return ids, (rest[bad.start() : bad.start() + 40] if bad else None)


def reference_text(text: str) -> str:
    """``text`` without its source tags: what people read. A malformed tag or no text left is an error."""
    _, bad = source_tags(text)
    if bad is not None:
        raise Invalid("model.source_tag", text=bad)
    clean = _TAG.sub("", text).strip()
    if not clean:
        raise Invalid("model.reference_text")
    return clean


@dataclass(frozen=True)
class SourceList:
    """The entries of a sources list: id → line of its heading; and ids defined twice (id, first, again)."""

    path: Path
    entries: dict[str, int]
    duplicates: tuple[tuple[str, int, int], ...] = ()


def read_source_list(path: Path) -> SourceList:
    """Read the entry ids of a Markdown sources list (``OSError`` and ``UnicodeDecodeError`` pass up)."""
    entries: dict[str, int] = {}
    duplicates: list[tuple[str, int, int]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        m = _ENTRY.match(line)
        if m is None:
            continue
        if m.group(1) in entries:
            duplicates.append((m.group(1), entries[m.group(1)], n))
        else:
            entries[m.group(1)] = n
    return SourceList(path, entries, tuple(duplicates))
