"""Scopes: which units a token may see and change.

A scope is written ``PROVINCE`` or ``PROVINCE/UNIT`` (``UNIT`` may itself hold slashes, as the
ids of a unit's organisations do: ``can-tho/tn-thanh-hoa/dang-uy`` is the unit
``tn-thanh-hoa/dang-uy`` of the province ``can-tho``).

A unit's **ancestors** are found by walking up from it, one step at a time, through:

- its **parent**: the one the store recorded for it in its newest year (a run's result or an
  official decision); only when the store knows no parent for it, the parent the request gives
  (a scorecard's or a decision's ``parent``) — so a request cannot move a unit the store already
  places elsewhere;
- the unit an **organisation id** belongs to: ``tn-thanh-hoa/dang-uy`` belongs to ``tn-thanh-hoa``;
- the units it was **merged, split or renamed into** (lineage): a former unit's past belongs to
  the province of the unit it became.

A unit is inside ``PROVINCE`` when it is the province or the province is among its ancestors;
inside ``PROVINCE/UNIT`` when it is ``UNIT`` or ``UNIT`` is among its ancestors, and the province
is among ``UNIT``'s (or the unit's own) ancestors. The walk is bounded (:data:`MAX_DEPTH` steps).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ..vntext import canon

__all__ = ["MAX_DEPTH", "Scope", "Tree", "parse_scope"]

MAX_DEPTH = 32
_SEGMENT = re.compile(r"^[^\s/]+$")


@dataclass(frozen=True)
class Scope:
    """What a token covers: a province, and optionally one unit of it (and everything below that unit)."""

    province: str
    unit: str | None = None

    def __str__(self) -> str:
        return self.province if self.unit is None else f"{self.province}/{self.unit}"


def parse_scope(text: str) -> Scope | None:
    """``PROVINCE`` or ``PROVINCE/UNIT…``; ``None`` when the text is not a scope (empty or blank parts)."""
    text = canon(text.strip())
    parts = text.split("/")
    if not text or not all(_SEGMENT.match(p) for p in parts):
        return None
    return Scope(parts[0], "/".join(parts[1:]) or None)


@dataclass
class Tree:
    """What the store knows of where units sit: each unit's newest recorded parent, and lineage."""

    parents: dict[str, str] = field(default_factory=dict)  # unit → parent in its newest recorded year
    successors: dict[str, set[str]] = field(default_factory=dict)  # former unit → the units it became

    @classmethod
    def build(cls, placed: Sequence[tuple[str, int, str | None]], lineage: Sequence[tuple[str, str]]) -> Tree:
        """From (unit, year, parent) records and (predecessor, successor) pairs; the newest year wins,
        and within a year the greatest parent id (any fixed rule: the same store gives the same tree)."""
        newest: dict[str, tuple[int, str]] = {}
        for unit, year, parent in placed:
            if parent and (unit not in newest or (year, parent) > newest[unit]):
                newest[unit] = (year, parent)
        tree = cls({u: p for u, (_, p) in newest.items()})
        for before, after in lineage:
            tree.successors.setdefault(before, set()).add(after)
        return tree

    def up(self, unit: str, given: Mapping[str, str | None]) -> list[str]:
        """The units one step above ``unit``: its parent, the unit an organisation id belongs to, successors."""
        out: list[str] = []
        parent = self.parents.get(unit) or given.get(unit)
        if parent:
            out.append(parent)
        if "/" in unit:
            out.append(unit.rsplit("/", 1)[0])
        out.extend(sorted(self.successors.get(unit, ())))
        return out

    def lineage_of(self, unit: str, given: Mapping[str, str | None] | None = None) -> set[str]:
        """``unit`` and all its ancestors (bounded walk)."""
        given = given or {}
        seen = {unit}
        frontier = [unit]
        for _ in range(MAX_DEPTH):
            nxt = [p for u in frontier for p in self.up(u, given) if p not in seen]
            if not nxt:
                break
            seen.update(nxt)
            frontier = nxt
        return seen

    def inside(self, scope: Scope, unit: str, given: Mapping[str, str | None] | None = None) -> bool:
        """Whether ``unit`` (with the parents a request gives, for units the store does not place) is in ``scope``."""
        unit = canon(unit)
        above = self.lineage_of(unit, given)
        if scope.unit is None:
            return scope.province in above
        if scope.unit not in above:
            return False
        return scope.province in above or scope.province in self.lineage_of(scope.unit, given)
