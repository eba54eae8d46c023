"""Choosing a parameter's value for a unit's region and year, and saying why."""

from __future__ import annotations

from dataclasses import dataclass

from .model.criteria import Parameter, ParameterValue


@dataclass(frozen=True)
class Resolved:
    """The value a threshold took for one unit, and the entry that gave it."""

    name: str
    value: float | None
    entry: ParameterValue | None
    region: str | None
    year: int

    @property
    def missing(self) -> bool:
        return self.value is None

    def to_dict(self) -> dict[str, object]:
        e = self.entry
        out: dict[str, object] = {"id": self.name, "value": self.value}
        if e is not None:
            out["region"] = e.region
            if e.from_year is not None or e.to_year is not None:
                out["years"] = [e.from_year, e.to_year]
            out["reference"] = e.reference
            out["source"] = e.source
        return out


def resolve(name: str, param: Parameter, region: str | None, year: int) -> Resolved:
    """The most specific value that applies: region and years > region > years > everywhere.

    Overlaps of equally specific values are refused when the file is read
    (:func:`overlaps`), so at most one value is most specific here.
    """
    best: ParameterValue | None = None
    for entry in param.values:
        if entry.applies(region, year) and (best is None or entry.specificity() > best.specificity()):
            best = entry
    return Resolved(name, None if best is None else best.value, best, region, year)


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
