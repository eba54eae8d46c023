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
    index: int = -1  # which of the parameter's values applied

    @property
    def missing(self) -> bool:
        return self.value is None

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
        return {"value": e.value, "region": e.region, "years": years, "reference": e.reference, "source": e.source}


def resolve(name: str, param: Parameter, region: str | None, year: int) -> Resolved:
    """The most specific value that applies: region and years > region > years > everywhere.

    Overlaps of equally specific values are refused when the file is read
    (:func:`overlaps`), so at most one value is most specific here.
    """
    best: ParameterValue | None = None
    index = -1
    for i, entry in enumerate(param.values):
        if entry.applies(region, year) and (best is None or entry.specificity() > best.specificity()):
            best, index = entry, i
    return Resolved(name, None if best is None else best.value, best, region, year, index)


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
