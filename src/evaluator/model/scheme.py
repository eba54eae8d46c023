"""The classification scheme as written in ``rules/*.yaml``: levels, vetoes, quota, ranking."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from .common import ID_PATTERN, Reference, StrictModel, Titles
from .errors import Invalid


class Level(StrictModel):
    """A level, best first in the scheme: a score band and the criteria it requires."""

    id: str = Field(pattern=ID_PATTERN)
    title: Titles
    min_score: float | str | None = Field(
        default=None, description="a number, or the name of a criteria parameter (a band a province sets)"
    )
    requires: tuple[str, ...] = ()
    reference: Reference | None = None

    @property
    def unconditional(self) -> bool:
        return self.min_score is None and not self.requires


class Veto(StrictModel):
    """When ``criterion`` fails, the unit is forced to, or capped at, ``level``."""

    id: str = Field(pattern=ID_PATTERN)
    title: Titles
    criterion: str
    effect: Literal["force", "cap"]
    level: str
    reference: Reference | None = None


class SortKey(StrictModel):
    key: str
    descending: bool


def parse_sort_key(text: Any) -> Any:
    if isinstance(text, str):
        parts = text.split()
        if len(parts) == 2 and parts[1] in ("asc", "desc"):
            return {"key": parts[0], "descending": parts[1] == "desc"}
        if len(parts) == 1:
            return {"key": parts[0], "descending": False}
        raise Invalid("model.sort_key", text=text)
    return text


class Quota(StrictModel):
    """At most ``rate`` × (units at ``counted_against`` levels) keep ``level`` in a peer group.

    ``base`` says which count: ``before_selection`` — the units at those levels before the quota
    (a fixed number); ``final`` — after it, units moved down included, so the number kept is the
    largest k with k ≤ floor(rate × count after keeping k).
    """

    level: str
    counted_against: tuple[str, ...]
    base: Literal["before_selection", "final"] = Field(
        description="which count of the counted_against levels: before the quota, or after it"
    )
    rate: Decimal
    exceptional_rate: Decimal | None = None
    rounding: Literal["floor"] = "floor"
    demote_to: str
    keep_order: tuple[SortKey, ...]
    reference: Reference | None = None

    @field_validator("rate", "exceptional_rate", mode="before")
    @classmethod
    def _exact(cls, value: Any) -> Any:
        # 0.2 read as a float is not exactly 0.2: keep the decimal the author wrote.
        return Decimal(str(value)) if isinstance(value, float) else value

    @field_validator("rate", "exceptional_rate")
    @classmethod
    def _range(cls, value: Decimal | None) -> Decimal | None:
        if value is not None and not (Decimal(0) < value <= Decimal(1)):
            raise Invalid("model.rate", rate=str(value))
        return value

    @field_validator("keep_order", mode="before")
    @classmethod
    def _keys(cls, value: Any) -> Any:
        return [parse_sort_key(v) for v in value] if isinstance(value, list) else value


class Scheme(StrictModel):
    """A whole scheme file."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    version: str
    title: Titles
    references: tuple[Reference, ...] = ()
    sources: str | None = Field(default=None, description="the list its [src:…] tags name, relative to this file")
    score: tuple[str, ...] | Literal["all_points"] = "all_points"
    count_met: tuple[str, ...] = Field(default=(), description="criteria whose passes are counted and reported")
    levels: tuple[Level, ...]
    vetoes: tuple[Veto, ...] = ()
    quota: Quota | None = None
    ranking: tuple[SortKey, ...]
    override_grounds: tuple[str, ...] | dict[str, Titles] = Field(
        default=(), description="the grounds an override may lift a veto on: ids, or id → {vi, en} title"
    )

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value

    @field_validator("ranking", mode="before")
    @classmethod
    def _keys(cls, value: Any) -> Any:
        return [parse_sort_key(v) for v in value] if isinstance(value, list) else value

    @model_validator(mode="after")
    def _levels(self) -> Scheme:
        if not self.levels:
            raise Invalid("model.no_level")
        seen: set[str] = set()
        for level in self.levels:
            if level.id in seen:
                raise Invalid("model.level_twice", level=level.id)
            seen.add(level.id)
        return self

    def ground_title(self, ground: str) -> Titles | None:
        """How a ground an override names reads ("bất khả kháng"), when the scheme gives its title."""
        return self.override_grounds.get(ground) if isinstance(self.override_grounds, dict) else None

    def level_ids(self) -> list[str]:
        return [level.id for level in self.levels]

    def level(self, level_id: str) -> Level:
        for level in self.levels:
            if level.id == level_id:
                return level
        raise KeyError(level_id)

    def order(self, level_id: str) -> int:
        """0 for the best level."""
        return self.level_ids().index(level_id)
