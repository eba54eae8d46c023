"""Choosing a parameter's value for a unit's region and year, and saying why."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from . import expr as E
from .errors import DefinitionError, Location, Problem
from .limits import BOUND, exact
from .model.criteria import Parameter, ParameterValue
from .text import Phrase, bi


def region_text(region: str | None) -> Phrase:
    """A unit's region in an error: "vùng «DBSCL»", or that the unit gives none."""
    return bi("param.region", region=region) if region else bi("param.no_region")


@dataclass(frozen=True)
class Resolved:
    """The value a threshold took for one unit, and the entry that gave it."""

    name: str
    value: float | tuple[str, ...] | None  # a list-of-levels parameter holds level ids
    entry: ParameterValue | None
    region: str | None
    year: int
    index: int = -1  # which of the parameter's values applied
    via: tuple[Resolved, ...] = field(default=())  # for a formula: the parameters it used

    @property
    def missing(self) -> bool:
        return self.value is None

    def missing_roots(self) -> list[Resolved]:
        """The parameters without a value that this one needs (itself, or what its formula uses)."""
        if not self.missing:
            return []
        if self.entry is None or self.entry.formula is None:
            return [self]
        return [root for dep in self.via for root in dep.missing_roots()]

    @property
    def key(self) -> str:
        """Names the value that applied, e.g. ``income_min#3`` (the fourth in the file)."""
        return f"{self.name}#{self.index}"

    def to_dict(self) -> dict[str, object]:
        return {"id": self.name, "value": self.value, "entry": self.key}

    def entry_dict(self) -> dict[str, object]:
        """Where the value came from: region, years, legal reference, file."""
        e = self.entry
        if e is None:
            return {"value": None}
        years = None if e.from_year is None and e.to_year is None else [e.from_year, e.to_year]
        out: dict[str, object] = {"value": e.value, "region": e.region, "years": years}
        if e.formula is not None:
            out["value"] = self.value
            out["formula"] = e.formula
            out["using"] = {d.name: d.value for d in self.via}
        out.update(reference=e.reference, source=e.source)
        return out


def resolve(
    name: str,
    param: Parameter,
    region: str | None,
    year: int,
    others: Mapping[str, Parameter] | None = None,
) -> Resolved:
    """The most specific value that applies: region and years > region > years > everywhere.

    Overlaps of equally specific values are refused when the file is read
    (:func:`overlaps`), so at most one value is most specific here. A value given by a
    formula is computed from the other parameters (``others``) for the same region and
    year, and from ``year``; cycles are refused when the file is read.
    """
    best: ParameterValue | None = None
    index = -1
    for i, entry in enumerate(param.values):
        if entry.applies(region, year) and (best is None or entry.specificity() > best.specificity()):
            best, index = entry, i
    if best is None:
        return Resolved(name, None, None, region, year, index)
    if best.formula is None:
        return Resolved(name, best.value, best, region, year, index)
    node = formula_node(best.formula)
    via = tuple(resolve(dep, (others or {})[dep], region, year, others) for dep in E.names(node) if dep != "year")
    if any(d.missing for d in via):
        return Resolved(name, None, best, region, year, index, via)
    values: dict[str, float] = {d.name: d.value for d in via if isinstance(d.value, (int, float))}
    values["year"] = year
    value = float(E.evaluate(node, values))
    if not exact(value):
        where = Location(file=best.source, field=f"parameters.{name}.values.{index}.formula")
        params = {"name": name, "value": f"{value:.6g}", "region": region, "where": region_text(region), "year": year}
        raise DefinitionError(Problem("param.formula_range", where, {**params, "bound": BOUND}))
    return Resolved(name, value, best, region, year, index, via)


@lru_cache(maxsize=256)
def formula_node(text: str) -> E.Node:
    return E.parse(text)


def with_dependencies(parameters: Mapping[str, Parameter], names: Iterable[str]) -> list[str]:
    """``names`` (those that are parameters) and every parameter their formulas use, transitively."""
    out: dict[str, None] = {}
    todo = [n for n in names if n in parameters]
    while todo:
        name = todo.pop()
        if name in out:
            continue
        out[name] = None
        for v in parameters[name].values:
            if v.formula:
                todo.extend(n for n in E.names(formula_node(v.formula)) if n in parameters and n not in out)
    return list(out)


def overlaps(param: Parameter) -> list[tuple[int, int]]:
    """Pairs of value indexes that are equally specific and apply to a common region and year."""
    out: list[tuple[int, int]] = []
    vals = param.values
    for i in range(len(vals)):
        for j in range(i + 1, len(vals)):
            a, b = vals[i], vals[j]
            if a.specificity() != b.specificity() or a.region != b.region:
                continue
            lo = max(a.from_year or -(10**6), b.from_year or -(10**6))
            hi = min(a.to_year or 10**6, b.to_year or 10**6)
            if lo <= hi:
                out.append((i, j))
    return out
