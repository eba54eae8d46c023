"""The criteria set as written in ``criteria/*.yaml``: what is measured and what passes."""

from __future__ import annotations

import datetime as dt
import functools
import math
from typing import Any, Literal

from pydantic import Field, PrivateAttr, field_validator, model_validator

from ..sources import nfc
from .common import ID_PATTERN, Reference, StrictModel, Titles

IndicatorType = Literal["number", "percent", "count", "points", "yesno", "rating"]
NUMERIC_TYPES = ("number", "percent", "count", "points")


class Link(StrictModel):
    """Where a rating indicator's value comes from when the scorecard does not give it:
    the level of another evaluation (of ``criteria`` id or ``family``) of ``unit`` in the same year."""

    criteria: str | None = None
    family: str | None = None
    unit: str = Field(default="{unit}", description="the rated unit; {unit} is this scorecard's unit id")

    @model_validator(mode="after")
    def _target(self) -> Link:
        if (self.criteria is None) == (self.family is None):
            raise ValueError("a link names exactly one of 'criteria' (an id) or 'family'")
        if "{unit}" not in self.unit:
            raise ValueError("'unit' must contain {unit}")
        return self

    def target(self) -> str:
        return self.criteria or f"family:{self.family}"

    def matches(self, criteria_id: str, family: str | None) -> bool:
        return criteria_id == self.criteria if self.criteria else family == self.family


class Indicator(StrictModel):
    """One value a unit reports: typed, with its unit and allowed range."""

    type: IndicatorType
    title: Titles
    unit: str | None = None
    min: float | None = None
    max: float | str | None = Field(
        default=None, description="a number, or the name of a parameter with one value everywhere (set when read)"
    )
    choices: tuple[str, ...] | None = None
    required: bool = True
    at_most: str | None = Field(
        default=None, description="another numeric indicator this one may not exceed when both are given"
    )
    reference: Reference | None = None
    help: Titles | None = None
    link: Link | None = None
    _max_value: float | None = PrivateAttr(default=None)  # the value of the parameter 'max' names

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        if self.link is not None and self.type != "rating":
            raise ValueError("only a 'rating' indicator can take its value from a linked rating")
        if self.type == "rating" and not self.choices:
            raise ValueError("a 'rating' indicator needs its 'choices'")
        if self.type != "rating" and self.choices:
            raise ValueError("'choices' belongs to 'rating' indicators only")
        if self.type in ("yesno", "rating") and (self.min is not None or self.max is not None):
            raise ValueError("'min'/'max' belong to numeric indicators only")
        if self.type in ("yesno", "rating") and self.at_most is not None:
            raise ValueError("'at_most' belongs to numeric indicators only")
        if isinstance(self.max, str):
            return self  # a parameter's name: checked again with its value when the file is read
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"'min' ({self.min}) is above 'max' ({self.max})")
        if self.type == "percent":
            for bound in (self.min, self.max):
                if bound is not None and not 0 <= bound <= 100:
                    raise ValueError("a percentage's range lies within 0–100")
        return self

    def with_max_value(self, value: float) -> Indicator:
        """This indicator with ``value`` for the parameter its ``max`` names."""
        out = self.model_copy()
        out.__dict__.pop("limits", None)
        out._max_value = value
        return out

    @functools.cached_property
    def limits(self) -> tuple[float | None, float | None]:
        """:meth:`bounds`, computed once."""
        return self.bounds()

    def bounds(self) -> tuple[float | None, float | None]:
        """The allowed range, with the type's own limits applied."""
        lo, hi = self.min, self.max
        if isinstance(hi, str):  # the parameter's value, set when the criteria file is read
            if self._max_value is None:
                raise TypeError(f"the range of an indicator is unresolved: max is the parameter '{hi}'")
            hi = self._max_value
        if self.type == "percent":
            lo = 0.0 if lo is None else lo
            hi = 100.0 if hi is None else hi
        if self.type in ("count", "points") and lo is None:
            lo = 0.0
        return lo, hi


class ParameterValue(StrictModel):
    """One value of a parameter, for a region and/or a span of years (or everywhere)."""

    value: float | None = Field(default=None, description="null: not confirmed nationally; a province must fill it")
    formula: str | None = Field(
        default=None, description="instead of a value: an expression of other parameters and 'year'"
    )
    region: str | None = None
    from_year: int | None = None
    to_year: int | None = None
    reference: Reference | None = None
    source: str | None = None  # the file that set it (filled by the loader)

    @model_validator(mode="before")
    @classmethod
    def _value_or_formula(cls, data: Any) -> Any:
        if isinstance(data, dict):
            if "value" in data and "formula" in data:
                raise ValueError("give either 'value' or 'formula', not both")
            if "value" not in data and "formula" not in data:
                raise ValueError("give 'value' (a number, or null for a province to fill) or 'formula'")
        return data

    @field_validator("value")
    @classmethod
    def _finite(cls, value: float | None) -> float | None:
        if value is not None and not math.isfinite(value):
            raise ValueError("must be a finite number")
        return value

    @model_validator(mode="after")
    def _years(self) -> ParameterValue:
        if self.from_year is not None and self.to_year is not None and self.from_year > self.to_year:
            raise ValueError("'from_year' is after 'to_year'")
        return self

    def applies(self, region: str | None, year: int) -> bool:
        if self.region is not None and self.region != region:
            return False
        if self.from_year is not None and year < self.from_year:
            return False
        return not (self.to_year is not None and year > self.to_year)

    def specificity(self) -> tuple[int, int]:
        return (self.region is not None, self.from_year is not None or self.to_year is not None)


class Parameter(StrictModel):
    """A threshold with values that may depend on region and year, each with its reference.

    ``value: 30`` is short for ``values: [{value: 30}]`` (one value everywhere); ``null``
    marks a value not confirmed nationally, which a province must fill in.
    """

    title: Titles
    unit: str | None = None
    reference: Reference | None = None
    value: float | None = None
    values: tuple[ParameterValue, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _one_form(cls, data: Any) -> Any:
        if isinstance(data, dict) and ("value" in data) == ("values" in data):
            raise ValueError("give either 'value' or 'values' (a list), not both and not neither")
        if isinstance(data, dict) and "values" in data and not data["values"]:
            raise ValueError("'values' needs at least one entry")
        return data

    @model_validator(mode="after")
    def _normalise(self) -> Parameter:
        if not self.values:
            if self.value is not None and not math.isfinite(self.value):
                raise ValueError("'value' must be a finite number")
            entry = ParameterValue(value=self.value, reference=self.reference)
            object.__setattr__(self, "values", (entry,))
        return self


class Criterion(StrictModel):
    """A condition that passes or fails, or a points formula, with its legal reference."""

    id: str = Field(pattern=ID_PATTERN)
    title: Titles
    condition: str | None = None
    points: str | None = None
    max_points: float | None = None
    if_missing: Literal["missing", "pass", "fail"] = "missing"
    assume_when_missing: dict[str, float | str] = Field(
        default_factory=dict,
        description="optional indicator → the value the condition reads when the scorecard leaves it out "
        "(a number, or a parameter's name); the finding and the reasons say so, with 'missing_note'",
    )
    missing_note: Titles | None = None
    reference: Reference | None = None

    @field_validator("assume_when_missing", mode="before")
    @classmethod
    def _assumed_values(cls, value: Any) -> Any:
        if isinstance(value, dict):
            for name, v in value.items():
                if isinstance(v, bool) or not isinstance(v, (int, float, str)):
                    raise ValueError(f"'{name}': expected a number or the name of a parameter, found {v!r}")
                if isinstance(v, float) and not math.isfinite(v):
                    raise ValueError(f"'{name}': expected a finite number, found {v}")
        return value

    @model_validator(mode="after")
    def _one_of(self) -> Criterion:
        if (self.condition is None) == (self.points is None):
            raise ValueError("a criterion has exactly one of 'condition' or 'points'")
        if self.points is not None and self.if_missing != "missing":
            raise ValueError("'if_missing' belongs to conditions; a points formula with a missing value is missing")
        if self.points is not None and self.assume_when_missing:
            raise ValueError(
                "'assume_when_missing' belongs to conditions; a points formula with a missing value is missing"
            )
        if self.if_missing != "missing" and self.assume_when_missing:
            raise ValueError(
                "give either 'if_missing' or 'assume_when_missing', not both: one note says why absence decides"
            )
        if self.if_missing != "missing" and self.missing_note is None:
            raise ValueError("'if_missing' needs a 'missing_note' that says why absence may decide")
        if self.assume_when_missing and self.missing_note is None:
            raise ValueError("'assume_when_missing' needs a 'missing_note' that says why the value may be assumed")
        return self


class CriteriaSet(StrictModel):
    """A whole criteria file."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    family: str | None = Field(
        default=None,
        pattern=r"^[a-z][a-z0-9_-]*$",
        description="sets that replace one another over the years share a family (e.g. 132 → 124 → 366)",
    )
    version: str
    title: Titles
    references: tuple[Reference, ...] = ()
    sources: str | None = Field(default=None, description="the list its [src:…] tags name, relative to this file")
    valid_from: dt.date
    valid_to: dt.date | None = None
    unit_kinds: tuple[str, ...]
    regions: tuple[str, ...] | None = None
    default_scheme: str | None = Field(default=None, description="scheme file, relative to this file")
    indicators: dict[str, Indicator]
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    criteria: tuple[Criterion, ...]

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value

    @field_validator("indicators", "parameters")
    @classmethod
    def _ids(cls, value: dict[str, Any]) -> dict[str, Any]:
        import re

        for key in value:
            if not re.match(ID_PATTERN, key):
                raise ValueError(f"'{key}' is not a valid id (lowercase letters, digits, '_'; a letter first)")
            if key in ("id", "sid"):
                raise ValueError(f"'{key}' is reserved")
        return value

    @field_validator("unit_kinds", "regions")
    @classmethod
    def _nfc(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        return None if value is None else tuple(nfc(v) for v in value)

    @model_validator(mode="after")
    def _period(self) -> CriteriaSet:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise ValueError("'valid_to' is before 'valid_from'")
        if not self.criteria:
            raise ValueError("a criteria set needs at least one criterion")
        return self

    def in_force(self, year: int) -> bool:
        """Whether the set applies to ratings of ``year`` (any day of it in the period)."""
        if year < self.valid_from.year:
            return False
        return self.valid_to is None or year <= self.valid_to.year

    def period(self) -> str:
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.valid_from.isoformat()} – {end}"
