"""Which column holds what: matching column titles to scorecard fields and indicators.

A column is named by an indicator id (``tasks_done_pct``), a field id (``unit``) or
a title in Vietnamese or English (``Tỷ lệ nhiệm vụ hoàn thành``), compared after
NFC, tone placement, case and spacing are made uniform; a trailing note in
parentheses or on further lines (``(%; 0–100)``) and a ``*`` are ignored. Evidence
goes in ``evidence.<id>`` or ``Minh chứng: <title>`` columns. Columns titled ``STT``,
``Ghi chú`` (row numbers, notes) or starting with ``#`` are for people and skipped.

The header row is found among the first rows of a sheet: the row naming the most
fields, ``unit`` among them. A row of ids right under it (the template has one) is
the authority where present.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..load import Criteria
from ..messages import LANGS, render
from ..model.criteria import Indicator
from ..vntext import match_key

__all__ = ["FIELDS", "HEADER_SCAN_ROWS", "REQUIRED_FIELDS", "Catalogue", "Target", "find_header"]

# Scorecard fields a sheet may have (those of a JSON scorecard), in template order; the template
# shows "region" only when the criteria set declares regions.
FIELDS = ("unit", "name", "kind", "region", "parent", "year", "peer_group")
REQUIRED_FIELDS = ("unit", "name", "kind", "year")
HEADER_SCAN_ROWS = 20
MIN_HEADER_FIELDS = 3

_EXTRA_TITLES = {
    "unit": ("Mã", "Unit", "Mã ĐV"),
    "name": ("Tên", "Name", "Đơn vị"),
    "kind": ("Loại", "Kind"),
    "parent": ("Cấp trên", "Parent"),
    "year": ("Năm", "Year"),
}
_IGNORED = {"stt", "tt", "số tt", "số thứ tự", "no.", "no", "ghi chú", "note", "notes"}
_EVIDENCE = re.compile(r"^(?:minh chứng|evidence)\s*[:：—–-]\s*(.+)$")
_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")


@dataclass(frozen=True)
class Target:
    """What a column fills: a scorecard field, an indicator, or the evidence of an indicator or criterion."""

    path: tuple[str, ...]  # ("unit",) | ("indicators", id) | ("evidence", id)
    label: str  # the Vietnamese title, for messages
    indicator: Indicator | None = None

    @property
    def field(self) -> str:
        return self.path[0] if len(self.path) == 1 else self.path[1]

    @property
    def dotted(self) -> str:
        return ".".join(self.path)


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[0] if lines else ""


def header_key(text: str) -> str:
    """The matching key of a header cell: first line, no trailing "(note)" or "*"."""
    first = _first_line(text).rstrip("*").strip()
    return match_key(first)


def _bare(key: str) -> str:
    return _TRAILING_NOTE.sub("", key).rstrip("*: ").strip()


class Catalogue:
    """Every column a sheet of scorecards for ``criteria`` may have, by id and by title."""

    def __init__(self, criteria: Criteria):
        model = criteria.model
        self.criteria_id = model.id
        # Every field a JSON scorecard may have, under the same rules (a region is accepted, and
        # checked only when the criteria declare regions, as in JSON).
        self.fields: list[Target] = [Target((name,), render(f"template.field.{name}", "vi")) for name in FIELDS]
        self.indicators = [Target(("indicators", key), ind.title.vi, ind) for key, ind in model.indicators.items()]
        evidence_titles: dict[str, tuple[str, str]] = {k: (i.title.vi, i.title.en) for k, i in model.indicators.items()}
        for item in criteria.items:
            evidence_titles.setdefault(item.id, (item.model.title.vi, item.model.title.en))
        self._by_id: dict[str, Target] = {}
        self._by_title: dict[str, Target | None] = {}
        self._evidence: dict[str, Target] = {}
        for t in [*self.fields, *self.indicators]:
            self._by_id[t.field] = t
        for key, (vi, en) in evidence_titles.items():
            target = Target(("evidence", key), f"Minh chứng: {vi}")
            self._by_id[f"evidence.{key}"] = target
            self._evidence_title(vi, target)
            self._evidence_title(en, target)
            self._evidence_title(key, target)
        for t in self.fields:
            titles = [render(f"template.field.{t.field}", lang) for lang in LANGS]
            self._add_titles(t, [*titles, *_EXTRA_TITLES.get(t.field, ())])
        for t in self.indicators:
            assert t.indicator is not None
            self._add_titles(t, [t.indicator.title.vi, t.indicator.title.en])

    def _add_titles(self, target: Target, titles: Sequence[str]) -> None:
        for title in titles:
            for key in {match_key(title), _bare(match_key(title))}:
                if not key:
                    continue
                known = self._by_title.get(key, target)
                self._by_title[key] = target if known == target else None  # two targets: not a title

    def _evidence_title(self, title: str, target: Target) -> None:
        self._evidence[match_key(title)] = target
        self._evidence[_bare(match_key(title))] = target

    def by_id(self, text: str) -> Target | None:
        """The target whose id is exactly ``text`` (after trimming), if any."""
        return self._by_id.get(_first_line(str(text)).strip())

    def resolve(self, text: str) -> Target | None:
        """The target a header cell names, by id or by title; ``None`` if unknown."""
        raw = _first_line(str(text)).strip()
        found = self._by_id.get(raw.rstrip("*").strip())
        if found is not None:
            return found
        key = header_key(raw)
        for k in (key, _bare(key)):
            hit = self._by_title.get(k)
            if hit is not None:
                return hit
            if k in self._by_id:
                return self._by_id[k]
        m = _EVIDENCE.match(key)
        if m:
            inner = m.group(1)
            return self._evidence.get(inner) or self._evidence.get(_bare(inner))
        return None

    def ignored(self, text: str) -> bool:
        """Whether a column with this title is for people only (row numbers, notes)."""
        raw = _first_line(str(text)).strip()
        return raw.startswith("#") or _bare(header_key(raw)) in _IGNORED

    def suggest(self, text: str) -> str | None:
        """The closest known title or id to an unknown header."""
        key = _bare(header_key(str(text)))
        options: dict[str, str] = {}
        for t in [*self.fields, *self.indicators]:
            options[match_key(t.label)] = t.label
            options[t.field] = t.field
            if t.indicator is not None:
                options[match_key(t.indicator.title.en)] = t.indicator.title.en
        found = difflib.get_close_matches(key, list(options), n=1, cutoff=0.6)
        return options[found[0]] if found else None

    def required(self) -> list[Target]:
        return [t for t in self.fields if t.field in REQUIRED_FIELDS]


def _texts(row: Sequence[Any]) -> list[str]:
    return ["" if v is None else str(v).strip() for v in row]


def _score(row: Sequence[Any], cat: Catalogue) -> set[str]:
    found: set[str] = set()
    for text in _texts(row):
        if text:
            t = cat.resolve(text)
            if t is not None:
                found.add(t.dotted)
    return found


def _is_id_row(row: Sequence[Any], cat: Catalogue) -> bool:
    texts = [t for t in _texts(row) if t]
    return len(texts) >= MIN_HEADER_FIELDS and all(cat.by_id(t) is not None or cat.ignored(t) for t in texts)


def find_header(rows: Sequence[Sequence[Any]], cat: Catalogue) -> tuple[int, int | None] | None:
    """Indexes (into ``rows``) of the header row and of the id row under it (or ``None``); ``None`` if no header."""
    best: tuple[int, int] | None = None
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        found = _score(row, cat)
        if "unit" in found and len(found) >= MIN_HEADER_FIELDS and (best is None or len(found) > best[1]):
            best = (i, len(found))
    if best is None:
        return None
    head = best[0]
    ids = head + 1 if head + 1 < len(rows) and _is_id_row(rows[head + 1], cat) else None
    if ids is None and _is_id_row(rows[head], cat) and head > 0 and _score(rows[head - 1], cat):
        return head - 1, head  # the id row scored as well as the titles above it
    return head, ids
