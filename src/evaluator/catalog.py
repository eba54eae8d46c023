"""Choosing the criteria version in force: from a folder or a family id, by year or ``--as-of``.

Regulations replace one another (132 → 124 → 366). Criteria files of one lineage share
a ``family`` and carry their validity period. Given a folder (or a family id, looked up
in ``./criteria`` or in the folders named by ``EVALUATOR_CRITERIA_PATH``), the version
that applies is the one in force on 31 December of the scorecards' year — ratings are
made at the end of the year — or on the ``--as-of`` date when one is given. Scorecards
whose years fall under different versions are refused: rate them separately.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .errors import DefinitionError, EvaluatorError, Location, Problem, did_you_mean
from .sources import read_documents

__all__ = ["Entry", "catalogue", "choose_criteria"]

_FAMILY = re.compile(r"^[a-z][a-z0-9_-]*$")


@dataclass(frozen=True)
class Entry:
    """What the catalogue knows of one criteria file without compiling it."""

    path: Path
    id: str
    family: str | None
    valid_from: dt.date
    valid_to: dt.date | None

    def in_force_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def catalogue(folders: Iterable[Path]) -> list[Entry]:
    """Every criteria file (not test files, not overlays) below ``folders``, in path order."""
    out: list[Entry] = []
    for folder in folders:
        for path in sorted(folder.rglob("*.yaml")):
            if path.name.endswith(".test.yaml"):
                continue
            try:
                docs = read_documents(path, DefinitionError)
            except EvaluatorError:
                continue
            data = docs[0].data if docs else None
            if not isinstance(data, dict) or "criteria" not in data or "indicators" not in data:
                continue
            start = _date(data.get("valid_from"))
            if start is None or not isinstance(data.get("id"), str):
                continue
            family = data.get("family") if isinstance(data.get("family"), str) else None
            out.append(Entry(path, data["id"], family, start, _date(data.get("valid_to"))))
    return out


def search_path() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("EVALUATOR_CRITERIA_PATH", "").split(os.pathsep) if p]
    return [*extra, Path("criteria")]


def choose_criteria(
    spec: str | Path,
    years: Sequence[int],
    as_of: dt.date | None = None,
    family: str | None = None,
) -> Path:
    """The criteria file ``spec`` names: itself if a file; else the version in force.

    ``spec`` is a file, a folder, or a family id. ``years`` are the scorecards' years
    (ignored when ``as_of`` is given).
    """
    path = Path(spec)
    if path.is_file():
        return path
    if path.is_dir():
        folders, where = [path], str(path)
    elif _FAMILY.match(str(spec)):
        folders = [f for f in search_path() if f.is_dir()]
        where = ", ".join(str(f) for f in folders) or "./criteria"
        family = str(spec)
    else:
        raise DefinitionError(Problem("file.not_found", Location(file=str(spec))))
    entries = catalogue(folders)
    if family is not None:
        known = sorted({e.family for e in entries if e.family})
        if family not in known:
            raise DefinitionError(
                Problem(
                    "catalog.family_unknown",
                    Location(file=where),
                    {"family": family, "where": where},
                    did_you_mean(family, known),
                )
            )
        entries = [e for e in entries if e.family == family]
    days = [as_of] if as_of is not None else [dt.date(y, 12, 31) for y in sorted(set(years))]
    if not days:
        raise DefinitionError(Problem("catalog.years_unknown", Location(file=where)))
    chosen: dict[dt.date, Entry] = {}
    for day in days:
        found = [e for e in entries if e.in_force_on(day)]
        families = sorted({e.family or e.id for e in found})
        if len(families) > 1:
            raise DefinitionError(
                Problem("catalog.several_families", Location(file=where), {"families": ", ".join(families)})
            )
        if not found:
            label = f" «{family}»" if family else ""
            raise DefinitionError(
                Problem(
                    "catalog.none", Location(file=where), {"family": label, "date": day.isoformat(), "where": where}
                )
            )
        # Within a family, the newest version in force wins (a successor may start mid-year).
        chosen[day] = max(found, key=lambda e: e.valid_from)
    picked = {e.path for e in chosen.values()}
    if len(picked) > 1:
        mapping = "; ".join(f"{d.year}: {e.id}" for d, e in sorted(chosen.items()))
        raise DefinitionError(Problem("catalog.split", Location(file=where), {"mapping": mapping}))
    return picked.pop()
