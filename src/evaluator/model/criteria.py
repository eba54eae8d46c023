"""The criteria set as written in ``criteria/*.yaml``: what is measured and what passes."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
from typing import Annotated, Any, Literal

from pydantic import Field, PlainValidator, PrivateAttr, field_validator, model_validator

from ..limits import exact
from ..sources import nfc
from ..text import Bilingual, format_number
from .common import ID_PATTERN, Reference, StrictModel, Titles
from .errors import Invalid, found_text
from .history import HISTORY_TYPES, ROLLUP_TYPES, HistorySpec, RollupSpec

IndicatorType = Literal["number", "percent", "count", "points", "yesno", "rating"]
NUMERIC_TYPES = ("number", "percent", "count", "points")


class Link(StrictModel):
    """Where a rating indicator's official value comes from: the level of another evaluation
    (of ``criteria`` id or ``family``) of ``unit`` in the same year — for the years
    ``from_year``–``to_year`` when given (the scheme in force changes over the years)."""

    criteria: str | None = None
    family: str | None = None
    unit: str = Field(default="{unit}", description="the rated unit; {unit} is this scorecard's unit id")
    from_year: int | None = None
    to_year: int | None = None
    reference: Reference | None = None

    @model_validator(mode="after")
    def _target(self) -> Link:
        if (self.criteria is None) == (self.family is None):
            raise Invalid("model.link_target")
        if "{unit}" not in self.unit:
            raise Invalid("model.link_unit")
        if self.from_year is not None and self.to_year is not None and self.from_year > self.to_year:
            raise Invalid("model.years_order")
        return self

    def target(self) -> str:
        return self.criteria or f"family:{self.family}"

    def matches(self, criteria_id: str, family: str | None) -> bool:
        return criteria_id == self.criteria if self.criteria else family == self.family

    def applies(self, year: int) -> bool:
        return (self.from_year is None or year >= self.from_year) and (self.to_year is None or year <= self.to_year)

    def years(self) -> str:
        """The years it covers, as people write them (empty: every year)."""
        if self.from_year is None and self.to_year is None:
            return ""
        return f"{self.from_year or '…'}–{self.to_year or '…'}"


# A unit of measure: one text for both languages ("%"), or one per language ({vi: hồ sơ, en: files}).
UnitText = str | Titles


def unit_titles(unit: UnitText | None) -> Bilingual | None:
    """A unit of measure in both languages (a plain text reads the same in both)."""
    if unit is None:
        return None
    if isinstance(unit, str):
        return Bilingual(unit, unit)
    return Bilingual(unit.vi, unit.en)


class Indicator(StrictModel):
    """One value a unit reports: typed, with its unit and allowed range."""

    type: IndicatorType
    title: Titles
    unit: UnitText | None = None
    min: float | None = None
    max: float | str | None = Field(
        default=None, description="a number, or the name of a parameter with one value everywhere (set when read)"
    )
    choices: tuple[str, ...] | None = None
    choice_titles: dict[str, Titles] | None = Field(
        default=None, description="a rating's choices as people read them: choice → {vi, en}"
    )
    required: bool = True
    at_most: str | None = Field(
        default=None, description="another numeric indicator this one may not exceed when both are given"
    )
    reference: Reference | None = None
    help: Titles | None = None
    link: Link | tuple[Link, ...] | None = Field(
        default=None, description="one link, or a list of links for the years each covers (none overlapping)"
    )
    history: HistorySpec | None = Field(default=None, description="the value is read from the history store")
    rollup: RollupSpec | None = Field(default=None, description="the value is computed from the units below")

    def unit_titles(self) -> Bilingual | None:
        return unit_titles(self.unit)

    @property
    def links(self) -> tuple[Link, ...]:
        """The links of this indicator (one or one per span of years)."""
        if self.link is None:
            return ()
        return self.link if isinstance(self.link, tuple) else (self.link,)

    def link_for(self, year: int) -> Link | None:
        """The link that applies in ``year`` (the years of a list's links do not overlap)."""
        return next((link for link in self.links if link.applies(year)), None)

    @field_validator("link")
    @classmethod
    def _years_apart(cls, link: Link | tuple[Link, ...] | None) -> Link | tuple[Link, ...] | None:
        if isinstance(link, tuple):
            if not link:
                raise Invalid("model.link_empty")
            for a, b in itertools.combinations(link, 2):
                lo = max(a.from_year or -(10**6), b.from_year or -(10**6))
                hi = min(a.to_year or 10**6, b.to_year or 10**6)
                if lo <= hi:
                    raise Invalid("model.link_overlap", a=a.years() or "…", b=b.years() or "…")
        return link

    _max_value: float | None = PrivateAttr(default=None)  # the value of the parameter 'max' names

    @model_validator(mode="after")
    def _consistent(self) -> Indicator:
        if self.link is not None and self.type != "rating":
            raise Invalid("model.link_rating")
        if sum(x is not None for x in (self.link, self.history, self.rollup)) > 1:
            raise Invalid("model.one_source")
        for spec, types in ((self.history, HISTORY_TYPES), (self.rollup, ROLLUP_TYPES)):
            if spec is not None and self.type != types[spec.measure]:
                raise Invalid("model.source_type", measure=spec.measure, expected=types[spec.measure], found=self.type)
        if self.type == "rating" and not self.choices:
            raise Invalid("model.rating_choices")
        if self.type != "rating" and self.choices:
            raise Invalid("model.choices_rating")
        unknown = sorted(set(self.choice_titles or ()) - set(self.choices or ()))
        if unknown:
            raise Invalid("model.choice_title", choice=unknown[0])
        if self.type in ("yesno", "rating") and (self.min is not None or self.max is not None):
            raise Invalid("model.range_numeric")
        if self.type in ("yesno", "rating") and self.at_most is not None:
            raise Invalid("model.at_most_numeric")
        if isinstance(self.max, str):
            return self  # a parameter's name: checked again with its value when the file is read
        if self.min is not None and self.max is not None and self.min > self.max:
            raise Invalid("model.min_above_max", min=format_number(self.min), max=format_number(self.max))
        if self.type == "percent":
            for bound in (self.min, self.max):
                if bound is not None and not 0 <= bound <= 100:
                    raise Invalid("model.percent_range")
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


def _param_value(value: Any) -> float | tuple[str, ...] | None:
    """A parameter's value as written: a number, a list of levels, or null — checked by :func:`finite_value`."""
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        if not all(isinstance(v, str) for v in value):
            raise Invalid("model.levels_texts")
        return finite_value(tuple(value))
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid("model.param_value")
    return finite_value(float(value))


# A parameter's value: a number, a list of levels (choices of a rating), or null (open).
ParamValue = Annotated[float | tuple[str, ...] | None, PlainValidator(_param_value)]


def finite_value(value: float | tuple[str, ...] | None) -> float | tuple[str, ...] | None:
    """A parameter's value: ``None`` (open), a finite number within ±2**53 (see
    :mod:`evaluator.limits`), or a list of levels — at least one, none twice."""
    if isinstance(value, tuple):
        levels = tuple(nfc(v) for v in value)
        if not levels:
            raise Invalid("model.levels_empty")
        if len(set(levels)) != len(levels):
            raise Invalid("model.levels_twice")
        return levels
    if value is not None and not math.isfinite(value):
        raise Invalid("model.finite")
    if value is not None and not exact(value):
        raise Invalid("model.bound")
    return value


class ParameterValue(StrictModel):
    """One value of a parameter, for a region and/or a span of years (or everywhere)."""

    value: ParamValue = Field(
        default=None, description="a number, or a list of levels; null: not confirmed nationally, a province fills it"
    )
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
                raise Invalid("model.value_or_formula")
            if "value" not in data and "formula" not in data:
                raise Invalid("model.value_needed")
        return data

    @model_validator(mode="after")
    def _years(self) -> ParameterValue:
        if self.from_year is not None and self.to_year is not None and self.from_year > self.to_year:
            raise Invalid("model.years_order")
        return self

    def applies(self, region: str | None, year: int) -> bool:
        if self.region is not None and self.region != region:
            return False
        if self.from_year is not None and year < self.from_year:
            return False
        return not (self.to_year is not None and year > self.to_year)

    def specificity(self) -> tuple[int, int]:
        return (self.region is not None, self.from_year is not None or self.to_year is not None)


def one_value_form(data: Any) -> Any:
    """A parameter written with ``value`` or with ``values``, not both and not neither (a
    parameter of the criteria set, or the values an overlay gives one)."""
    if isinstance(data, dict) and ("value" in data) == ("values" in data):
        raise Invalid("model.value_or_values")
    return data


class Parameter(StrictModel):
    """A threshold with values that may depend on region and year, each with its reference.

    ``value: 30`` is short for ``values: [{value: 30}]`` (one value everywhere); ``null``
    marks a value not confirmed nationally, which a province must fill in.
    """

    title: Titles
    unit: UnitText | None = None
    reference: Reference | None = None
    value: ParamValue = None
    values: tuple[ParameterValue, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _one_form(cls, data: Any) -> Any:
        one_value_form(data)
        if isinstance(data, dict) and "values" in data and not data["values"]:
            raise Invalid("model.values_empty")
        return data

    @model_validator(mode="after")
    def _normalise(self) -> Parameter:
        if not self.values:
            entry = ParameterValue(value=finite_value(self.value), reference=self.reference)
            object.__setattr__(self, "values", (entry,))
        kinds = {isinstance(v.value, tuple) for v in self.values if v.value is not None}
        if len(kinds) > 1:
            raise Invalid("model.param_kinds")
        if True in kinds and any(v.formula is not None for v in self.values):
            raise Invalid("model.levels_formula")
        return self

    @property
    def is_levels(self) -> bool:
        """Whether its values are lists of levels (``x in NAME``) rather than numbers."""
        return any(isinstance(v.value, tuple) for v in self.values)

    def level_sets(self) -> tuple[tuple[str, ...], ...]:
        """The lists of levels it may hold, each once, in the order written."""
        out: dict[tuple[str, ...], None] = {}
        for v in self.values:
            if isinstance(v.value, tuple):
                out.setdefault(v.value, None)
        return tuple(out)


Bound = float | str  # a number, or an expression of parameters (a band a province sets)


class Band(StrictModel):
    """One step of a ``bands:`` criterion: ``points`` for the values within its bounds —
    ``min`` (≥) or ``above`` (>) below, ``max`` (≤) or ``below`` (<) above; a bound left out is open."""

    min: Bound | None = None
    above: Bound | None = None
    max: Bound | None = None
    below: Bound | None = None
    points: Bound
    reference: Reference | None = None

    @field_validator("min", "above", "max", "below", "points")
    @classmethod
    def _finite(cls, value: Bound | None) -> Bound | None:
        if isinstance(value, str):
            if not value.strip():
                raise Invalid("model.bound_text")
            return value
        return finite_value(value)  # type: ignore[return-value]

    @model_validator(mode="after")
    def _bounds(self) -> Band:
        if self.min is not None and self.above is not None:
            raise Invalid("model.band_lower")
        if self.max is not None and self.below is not None:
            raise Invalid("model.band_upper")
        return self

    def lower(self) -> tuple[str, Bound] | None:
        """``(op, bound)`` of the lower bound, if any (``>=`` or ``>``)."""
        if self.min is not None:
            return ">=", self.min
        return (">", self.above) if self.above is not None else None

    def upper(self) -> tuple[str, Bound] | None:
        """``(op, bound)`` of the upper bound, if any (``<=`` or ``<``)."""
        if self.max is not None:
            return "<=", self.max
        return ("<", self.below) if self.below is not None else None


class Bands(StrictModel):
    """Points by steps of a value: the first band (in the order written) that holds the value
    gives its points; a value in no band stops the rating (``evaluator lint`` finds such gaps)."""

    value: str = Field(description="what is banded: an indicator, or an expression of indicators")
    steps: tuple[Band, ...] = Field(min_length=1)


class Criterion(StrictModel):
    """A condition that passes or fails, or points (a formula or bands), with its legal reference."""

    id: str = Field(pattern=ID_PATTERN)
    title: Titles
    condition: str | None = None
    points: str | None = None
    bands: Bands | None = None
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
                    raise Invalid("model.assumed_value", name=name, found=found_text(v))
                if isinstance(v, float) and not math.isfinite(v):
                    raise Invalid("model.assumed_finite", name=name, found=found_text(v))
        return value

    @model_validator(mode="after")
    def _one_of(self) -> Criterion:
        if sum(x is not None for x in (self.condition, self.points, self.bands)) != 1:
            raise Invalid("model.criterion_form")
        if self.condition is None and self.if_missing != "missing":
            raise Invalid("model.if_missing_points")
        if self.condition is None and self.assume_when_missing:
            raise Invalid("model.assume_points")
        if self.if_missing != "missing" and self.assume_when_missing:
            raise Invalid("model.missing_both")
        if self.if_missing != "missing" and self.missing_note is None:
            raise Invalid("model.if_missing_note")
        if self.assume_when_missing and self.missing_note is None:
            raise Invalid("model.assume_note")
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
                raise Invalid("model.id", key=key)
            if key in ("id", "sid"):
                raise Invalid("model.reserved", key=key)
        return value

    @field_validator("unit_kinds", "regions")
    @classmethod
    def _nfc(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        return None if value is None else tuple(nfc(v) for v in value)

    @model_validator(mode="after")
    def _period(self) -> CriteriaSet:
        if self.valid_to is not None and self.valid_to < self.valid_from:
            raise Invalid("model.valid_to")
        if not self.criteria:
            raise Invalid("model.no_criterion")
        return self

    def in_force(self, year: int) -> bool:
        """Whether the set applies to ratings of ``year`` (any day of it in the period)."""
        if year < self.valid_from.year:
            return False
        return self.valid_to is None or year <= self.valid_to.year

    def period(self) -> str:
        end = self.valid_to.isoformat() if self.valid_to else "…"
        return f"{self.valid_from.isoformat()} – {end}"
