"""Recorded decisions read from an overrides file: overrides, exceptional quota grants, tie settlements."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ..errors import DefinitionError, Location, Problem, did_you_mean
from ..model import Override, OverridesFile, QuotaGrant, TieSettlement
from ..text import bi
from .read import one_document, validate
from .scheme import BoundScheme

Locate = Callable[[Sequence[Any]], Location]


def entry_problems(ov: Override, locate: Locate, scheme: BoundScheme | None) -> list[Problem]:
    """What is wrong with one entry on its own (and, given the scheme, against its vetoes,
    levels and grounds); ``locate(path)`` locates a field of the entry."""
    who = {"unit": ov.unit, "year": ov.year}
    problems: list[Problem] = []
    grounds = scheme.model.override_grounds if scheme is not None else ()
    if not ov.lifts and ov.level is None:
        problems.append(Problem("override.nothing", locate(()), who))
    if ov.lifts and ov.ground is None:
        listed = ", ".join(grounds) or bi("word.none")
        problems.append(Problem("override.ground_missing", locate(("lifts",)), {"grounds": listed}))
    if ov.ground is not None and not ov.lifts:
        problems.append(Problem("override.ground_without_veto", locate(("ground",)), {"ground": ov.ground}))
    first: dict[str, int] = {}
    for j, veto in enumerate(ov.lifts):
        if veto in first:
            params = {"name": veto, "field": "lifts", "first": first[veto] + 1}
            problems.append(Problem("scheme.duplicate_entry", locate(("lifts", j)), params))
        first.setdefault(veto, j)
    if scheme is None:
        return problems
    model = scheme.model
    vetoes = [v.id for v in model.vetoes]
    for j, veto in enumerate(ov.lifts):
        if veto not in vetoes:
            params = {"veto": veto, "scheme": model.id, "vetoes": ", ".join(vetoes) or bi("word.none")}
            problems.append(Problem("override.veto_unknown", locate(("lifts", j)), params, did_you_mean(veto, vetoes)))
    levels = model.level_ids()
    if ov.level is not None and ov.level not in levels:
        params = {"level": ov.level, "scheme": model.id}
        problems.append(Problem("scheme.level_unknown", locate(("level",)), params, did_you_mean(ov.level, levels)))
    if ov.ground is not None and ov.ground not in grounds:
        params = {"ground": ov.ground, "scheme": model.id, "grounds": ", ".join(grounds) or bi("word.none")}
        problems.append(Problem("override.ground", locate(("ground",)), params, did_you_mean(ov.ground, grounds)))
    return problems


def load_overrides(path: str | Path, scheme: BoundScheme | None) -> list[tuple[Override, Location]]:
    """Read an overrides file: each entry names the unit and year, the vetoes it lifts and on which
    ground, or the lower level it sets, and who decided, by which document and why.

    With ``scheme=None`` only the file's structure is checked (``evaluator validate`` alone):
    vetoes, levels and grounds need the scheme; units, and whether an entry raises a unit or
    lifts a veto that does not apply, are checked against the scorecards when rating.
    """
    path = Path(path)
    doc, _ = one_document(path)
    parsed: OverridesFile = validate(OverridesFile, doc)
    problems: list[Problem] = []
    seen: set[tuple[str, int]] = set()
    for i, ov in enumerate(parsed.overrides):
        problems.extend(entry_problems(ov, doc.locator(("overrides", i)), scheme))
        if (ov.unit, ov.year) in seen:
            problems.append(
                Problem("override.duplicate", doc.locate(("overrides", i)), {"unit": ov.unit, "year": ov.year})
            )
        seen.add((ov.unit, ov.year))
    if problems:
        raise DefinitionError(problems)
    return [(ov, doc.locate(("overrides", i))) for i, ov in enumerate(parsed.overrides)]


def load_quota_grants(path: str | Path) -> list[tuple[QuotaGrant, Location]]:
    """Read the ``exceptional_quota`` entries of an overrides file: the peer groups granted the
    scheme's exceptional rate, each with who decided, by which document and why."""
    path = Path(path)
    doc, _ = one_document(path)
    parsed: OverridesFile = validate(OverridesFile, doc)
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, grant in enumerate(parsed.exceptional_quota):
        if grant.group in seen:
            problems.append(
                Problem("quota.grant_duplicate", doc.locate(("exceptional_quota", i)), {"group": grant.group})
            )
        seen.add(grant.group)
    if problems:
        raise DefinitionError(problems)
    return [(g, doc.locate(("exceptional_quota", i))) for i, g in enumerate(parsed.exceptional_quota)]


def load_tie_settlements(path: str | Path) -> list[tuple[TieSettlement, Location]]:
    """Read the ``tie_settlements`` of an overrides file: who keeps the quota level in a tie."""
    path = Path(path)
    doc, _ = one_document(path)
    parsed: OverridesFile = validate(OverridesFile, doc)
    problems: list[Problem] = []
    seen: set[tuple[str, int]] = set()
    for i, ts in enumerate(parsed.tie_settlements):
        if (ts.unit, ts.year) in seen:
            problems.append(
                Problem("tie.duplicate", doc.locate(("tie_settlements", i)), {"unit": ts.unit, "year": ts.year})
            )
        seen.add((ts.unit, ts.year))
    if problems:
        raise DefinitionError(problems)
    return [(ts, doc.locate(("tie_settlements", i))) for i, ts in enumerate(parsed.tie_settlements)]
