"""The store's history in memory: levels per unit and year (official, else computed), lineage, shortcomings.

:func:`evaluator.store.query.load_view` loads what a run needs once (a few small tables);
:class:`HistoryView` answers from memory.
Which level a year has, for one unit and a set of families:

- the **official** decision — the newest when several were recorded for the same unit, year and
  family (by decision date, then by the order recorded): a later decision supersedes, both are kept;
- else, where asked (``computed``), the result of the newest recorded run of a criteria set of
  that family (the last recorded, by its place in the hash chain) — a unit not rated there
  (incomplete) has none.

A unit formed by a merge, split or rename has, for the years before the year of that event, the
levels of the units it was formed from (:meth:`HistoryView.leaves`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Event", "HistoryView", "LevelAt"]


@dataclass(frozen=True)
class LevelAt:
    """A unit's level in a year, and where it comes from."""

    unit: str
    year: int
    level: str
    family: str
    source: str  # official | computed
    document: str  # the decision's document, or the run id
    superseded: int = 0  # earlier official decisions for the same unit, year and family


@dataclass(frozen=True)
class Event:
    """A lineage event: former units → new units on a date, by a document."""

    id: str
    kind: str
    effective: str
    document: str
    before: tuple[str, ...]
    after: tuple[str, ...]

    @property
    def year(self) -> int:
        return int(self.effective[:4])


@dataclass
class HistoryView:
    """The store's history, loaded once for a run (or a command)."""

    officials: dict[tuple[str, int, str], list[dict[str, Any]]] = field(default_factory=dict)
    computed: dict[tuple[str, int, str], list[dict[str, Any]]] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    shortcomings: dict[tuple[str, int], list[dict[str, Any]]] = field(default_factory=dict)
    shown: str = ""

    def official(self, unit: str, year: int, families: Iterable[str]) -> LevelAt | None:
        found: list[tuple[str, int, dict[str, Any], int]] = []
        for fam in families:
            rows = self.officials.get((unit, year, fam))
            if rows:
                found.append((rows[-1]["decided_on"], rows[-1]["id"], rows[-1], len(rows) - 1))
        if not found:
            return None
        _, _, row, superseded = max(found, key=lambda t: (t[0], t[1]))
        return LevelAt(unit, year, row["level"], row["family"], "official", row["document"], superseded)

    def computed_level(self, unit: str, year: int, families: Iterable[str]) -> LevelAt | None:
        found = []
        for fam in families:
            rows = self.computed.get((unit, year, fam))
            if rows:
                found.append(rows[-1])
        if not found:
            return None
        row = max(found, key=lambda r: r["seq"])
        if row["level"] is None:
            return None
        return LevelAt(unit, year, row["level"], row["family"] or "", "computed", row["run_id"][:12])

    def statuses(self, unit: str, year: int, families: Iterable[str]) -> dict[str, str] | None:
        """The status of each criterion in the newest recorded result of ``unit`` (loaded with findings)."""
        found = [self.computed[(unit, year, fam)][-1] for fam in families if (unit, year, fam) in self.computed]
        if not found:
            return None
        return max(found, key=lambda r: r["seq"]).get("statuses")

    def level(self, unit: str, year: int, families: Iterable[str], sources: Iterable[str]) -> LevelAt | None:
        families = tuple(families)
        found = self.official(unit, year, families)
        if found is None and "computed" in sources:
            found = self.computed_level(unit, year, families)
        return found

    def formed_by(self, unit: str, year: int) -> Event | None:
        """The latest event that formed ``unit`` after ``year``: before it, its former units stand for it."""
        later = [e for e in self.events if unit in e.after and e.year > year]
        return max(later, key=lambda e: (e.effective, e.id)) if later else None

    def leaves(self, unit: str, year: int, used: list[Event] | None = None, depth: int = 0) -> list[str]:
        """The units whose levels stand for ``unit`` in ``year`` (itself, or those it was formed from)."""
        event = self.formed_by(unit, year) if depth < 50 else None
        if event is None:
            return [unit]
        if used is not None and event not in used:
            used.append(event)
        out: list[str] = []
        for before in event.before:
            for leaf in self.leaves(before, year, used, depth + 1):
                if leaf not in out:
                    out.append(leaf)
        return out

    def children(self, parent: str, year: int, families: Iterable[str], kind: str | None) -> dict[str, LevelAt | None]:
        """The units below ``parent`` in ``year`` (from recorded results and official decisions that
        name the parent) with their level: official, else computed, else ``None`` (not rated)."""
        families = tuple(families)
        units: set[str] = set()
        for table in (self.computed, self.officials):
            for (unit, y, fam), rows in table.items():
                last = rows[-1]
                if y == year and fam in families and last["parent"] == parent and kind in (None, last["kind"]):
                    units.add(unit)
        return {u: self.level(u, year, families, ("official", "computed")) for u in sorted(units)}

    def review(self, unit: str, year: int) -> list[dict[str, Any]]:
        """The shortcomings named for ``unit`` at the review of ``year``: the newest entry of each."""
        newest: dict[str, dict[str, Any]] = {}
        for row in self.shortcomings.get((unit, year), []):
            newest[row["text"]] = row
        return [newest[t] for t in sorted(newest)]
