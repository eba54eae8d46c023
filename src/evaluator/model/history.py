"""Indicators whose value is read from the history store or from the units below.

``history:`` — a unit's past, from official decisions (and, when asked, recorded computed
results), across merges, splits and renames: the official level N years ago, the number of
consecutive years at or above a level, the number of consecutive years at a level, the share
of the last review's shortcomings remedied. ``rollup:`` — the results of the units below a
unit (whose ``parent`` it is) in the same year: a share or count of them at given levels, or
failing a given criterion (a leadership member disciplined, say).
Resolved before the rules engine (:mod:`evaluator.history`, :mod:`evaluator.rollup`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from .common import Reference, StrictModel
from .errors import Invalid

__all__ = ["HISTORY_TYPES", "ROLLUP_TYPES", "HistorySpec", "RollupSpec"]

HistoryMeasure = Literal["level_years_ago", "consecutive_at_least", "consecutive_at", "shortcomings_remedied"]
RollupMeasure = Literal["share_at", "count_at", "count", "share_failing", "count_failing"]

# The indicator type each measure gives.
HISTORY_TYPES = {
    "level_years_ago": "rating",
    "consecutive_at_least": "count",
    "consecutive_at": "count",
    "shortcomings_remedied": "percent",
}
ROLLUP_TYPES = {
    "share_at": "percent",
    "count_at": "count",
    "count": "count",
    "share_failing": "percent",
    "count_failing": "count",
}


def _listed(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


class HistorySpec(StrictModel):
    """Where a history indicator's value comes from."""

    measure: HistoryMeasure
    family: tuple[str, ...] = Field(default=(), description="the families whose levels count (one or a list)")
    level: str | None = Field(default=None, description="consecutive_at_least: this level or better (scheme's order)")
    levels: tuple[str, ...] = Field(default=(), description="consecutive_*: the levels that count, listed")
    order: tuple[str, ...] = Field(
        default=(), description="the family's levels, best first (default: the levels of the run's scheme)"
    )
    years: int | None = Field(default=None, ge=1, le=50, description="level_years_ago: how many years back")
    through: Literal["previous", "current"] = Field(
        default="previous", description="count back from the year before the rating year, or from the rating year"
    )
    sources: tuple[Literal["official", "computed"], ...] = Field(
        default=("official",), description="official decisions; with 'computed', a recorded result fills a year"
    )
    unit: str = Field(default="{unit}", description="whose history; {unit} is this scorecard's unit")
    reference: Reference | None = None

    @field_validator("family", "levels", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return _listed(value)

    @model_validator(mode="after")
    def _shape(self) -> HistorySpec:
        m = self.measure
        if m != "shortcomings_remedied" and not self.family:
            raise Invalid("model.history_family", measure=m)
        if m == "level_years_ago" and self.years is None:
            raise Invalid("model.history_years_needed")
        if m != "level_years_ago" and self.years is not None:
            raise Invalid("model.history_years_only")
        if m == "consecutive_at_least" and (self.level is None or self.levels):
            raise Invalid("model.history_one_level")
        if m == "consecutive_at" and (self.level is None) == (not self.levels):
            raise Invalid("model.history_level_or_levels")
        if m in ("level_years_ago", "shortcomings_remedied") and (self.level is not None or self.levels):
            raise Invalid("model.history_no_level", measure=m)
        if m == "shortcomings_remedied" and (self.family or self.sources != ("official",)):
            raise Invalid("model.history_register")
        if self.order and m not in ("consecutive_at_least", "level_years_ago"):
            raise Invalid("model.history_order_only")
        if len(set(self.order)) != len(self.order):
            raise Invalid("model.history_order_twice")
        if "{unit}" not in self.unit:
            raise Invalid("model.history_unit")
        if not self.sources or self.sources[0] != "official" or len(set(self.sources)) != len(self.sources):
            raise Invalid("model.history_sources")
        return self


class RollupSpec(StrictModel):
    """A figure over the units below (same year): their levels in a linked run or in the store."""

    measure: RollupMeasure
    family: str | None = None
    criteria: str | None = None
    kind: str | None = Field(default=None, description="only units below of this kind (ward, commune…)")
    levels: tuple[str, ...] = Field(default=(), description="share_at/count_at: the levels counted")
    criterion: str | None = Field(
        default=None, description="share_failing/count_failing: the criterion of the units below that failed"
    )
    reference: Reference | None = None

    @field_validator("levels", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return _listed(value)

    @model_validator(mode="after")
    def _shape(self) -> RollupSpec:
        if (self.family is None) == (self.criteria is None):
            raise Invalid("model.rollup_target")
        if self.measure in ("share_at", "count_at") and not self.levels:
            raise Invalid("model.rollup_levels", measure=self.measure)
        failing = self.measure in ("share_failing", "count_failing")
        if self.measure in ("count", "share_failing", "count_failing") and self.levels:
            raise Invalid("model.rollup_no_levels", measure=self.measure)
        if failing != (self.criterion is not None):
            raise Invalid("model.rollup_criterion")
        return self

    def matches(self, criteria_id: str, family: str | None) -> bool:
        return criteria_id == self.criteria if self.criteria else family == self.family

    def target(self) -> str:
        return self.criteria or f"family:{self.family}"
