"""Targets for parent units, and each parent's distribution of levels against them over the years.

A targets file (YAML or JSON) sets, for a parent unit (a province, a former city), the share of
the units below it that should reach some levels by a year, with yearly milestones::

    targets:
      - parent: lao-cai
        family: party-collective     # whose levels count
        kind: ward                   # optional: only units below of this kind
        levels: [htxs, htt]          # "clean and strong": good or better
        share_at_least: 80           # %
        by_year: 2020
        milestones: [{year: 2018, share_at_least: 70}, {year: 2019, share_at_least: 75}]
        reference: "…"

The goal of a year is its milestone, else — from ``by_year`` on — the target itself; before
``by_year`` without a milestone there is none. :func:`summarise` reads the levels from the store
(the official level, else the recorded computed one) and gives one row per parent, family and year.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field, field_validator, model_validator

from .errors import DefinitionError, Location, Problem, RecordsFileError, UsageError
from .model.common import Reference, StrictModel
from .model.errors import Invalid
from .store.view import HistoryView
from .vntext import canon

__all__ = ["Milestone", "SummaryRow", "Target", "load_targets", "summarise"]


class Milestone(StrictModel):
    year: int = Field(ge=1945, le=2100, strict=True)
    share_at_least: float = Field(ge=0, le=100)


class Target(StrictModel):
    """A parent's goal: a share of the units below at given levels by a year."""

    parent: str = Field(min_length=1)
    family: str = Field(min_length=1)
    kind: str | None = None
    levels: tuple[str, ...] = Field(min_length=1)
    share_at_least: float = Field(ge=0, le=100)
    by_year: int = Field(ge=1945, le=2100, strict=True)
    milestones: tuple[Milestone, ...] = ()
    reference: Reference | None = None

    @field_validator("parent", "family", "kind", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        return canon(value).strip() if isinstance(value, str) else value

    @field_validator("levels", mode="before")
    @classmethod
    def _listed(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _milestones(self) -> Target:
        years = [m.year for m in self.milestones]
        if len(set(years)) != len(years):
            raise Invalid("target.milestone_twice")
        late = [y for y in years if y > self.by_year]
        if late:
            raise Invalid("target.milestone_after", year=late[0], by=self.by_year)
        return self

    def goal(self, year: int) -> float | None:
        """The share to reach in ``year``: its milestone, else the target from ``by_year`` on."""
        for m in self.milestones:
            if m.year == year:
                return m.share_at_least
        return self.share_at_least if year >= self.by_year else None


class TargetsFile(StrictModel):
    targets: tuple[Target, ...]


def load_targets(path: str | Path) -> list[Target]:
    """A targets file, every problem located; one target per parent, family and kind."""
    from .load.read import one_document, validate

    path = Path(path)
    if not path.is_file():  # a path that does not exist is a usage error, as for every command
        raise UsageError(Problem("file.not_found", Location(file=str(path))))
    try:
        doc, _ = one_document(path)
        parsed: TargetsFile = validate(TargetsFile, doc)
    except DefinitionError as exc:  # said as what it is: a targets file, not criteria
        raise RecordsFileError(exc.problems) from None
    seen: set[tuple[str, str, str | None]] = set()
    problems = []
    for i, t in enumerate(parsed.targets):
        key = (t.parent, t.family, t.kind)
        if key in seen:
            problems.append(
                Problem(
                    "value.duplicate_id",
                    doc.locate(("targets", i)),
                    {"id": "/".join(filter(None, key)), "first": "targets"},
                )
            )
        seen.add(key)
    if problems:
        raise RecordsFileError(problems)
    return list(parsed.targets)


@dataclass(frozen=True)
class SummaryRow:
    """One parent's units in one year, for one family: how many at each level, against the target."""

    parent: str
    family: str
    year: int
    counts: dict[str, int]  # level → units; "" for units not rated
    units: int
    target: Target | None
    share: float | None  # % of the units at the target's levels (None: no target)
    goal: float | None  # the share to reach this year (None: none this year)

    @property
    def met(self) -> bool | None:
        if self.goal is None or self.share is None:
            return None
        return self.share >= self.goal

    def to_dict(self) -> dict[str, Any]:
        return {
            "parent": self.parent,
            "family": self.family,
            "year": self.year,
            "units": self.units,
            "levels": {k or "not_rated": v for k, v in sorted(self.counts.items())},
            "target_levels": list(self.target.levels) if self.target else None,
            "share": self.share,
            "goal": self.goal,
            "met": self.met,
            "target_year": self.target.by_year if self.target else None,
            "reference": self.target.reference if self.target else None,
        }


def summarise(view: HistoryView, targets: Sequence[Target], family: str | None = None) -> list[SummaryRow]:
    """Per parent, family and year: the units below and their levels, against the parent's target."""
    keys: set[tuple[str, str, int]] = set()
    for (_, year, fam), rows in view.computed.items():
        if rows[-1]["parent"] and fam:
            keys.add((rows[-1]["parent"], fam, year))
    for (_, year, fam), rows in view.officials.items():
        if rows[-1]["parent"]:
            keys.add((rows[-1]["parent"], fam, year))
    by_key = {(t.parent, t.family): t for t in targets if t.kind is None}
    by_kind = {(t.parent, t.family): t for t in targets if t.kind is not None}
    out: list[SummaryRow] = []
    for parent, fam, year in sorted(keys):
        if family is not None and fam != family:
            continue
        target = by_key.get((parent, fam)) or by_kind.get((parent, fam))
        children = view.children(parent, year, [fam], target.kind if target else None)
        counts: dict[str, int] = {}
        for lv in children.values():
            name = lv.level if lv is not None else ""
            counts[name] = counts.get(name, 0) + 1
        share = None
        if target is not None and children:
            at = sum(1 for lv in children.values() if lv is not None and lv.level in target.levels)
            share = at * 100 / len(children)
        out.append(
            SummaryRow(parent, fam, year, counts, len(children), target, share, target.goal(year) if target else None)
        )
    return out
