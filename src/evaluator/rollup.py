"""Roll-up indicators: a figure over the units below a unit, in the same year, before the engine runs.

An indicator with ``rollup:`` (see :mod:`evaluator.model.history`) counts the units whose
``parent`` is the rated unit (optionally of one ``kind``) and their levels: ``share_at`` (the
percentage of them at ``levels``), ``count_at`` (how many), ``count`` (how many were rated), or
``share_failing`` / ``count_failing`` (those whose finding of ``criterion`` failed — a leadership
member disciplined, say).
A leader is "not completed" when more than 50% of the units they answer for are (Regulation
366): ``rollup: {family: party-collective, measure: share_at, levels: [kht]}`` gives that share,
and nobody types it twice.

The levels come from a linked run given to this one (``--link CRITERIA=SCORECARDS`` whose
criteria the roll-up names) or, without one, from the history store: the official level, else
the recorded computed result (the findings of a unit below always come from a computed result: an
official decision gives a level, not findings). When any unit below has no level (not rated) — or,
for the failing measures, no finding of the criterion — the value is missing:
a share over part of the units would not be the share the regulation means. The scorecard's own
value is never used.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from .decision import Reason, Run, bi
from .model.history import RollupSpec
from .scorecards import Submitted
from .store.view import HistoryView

__all__ = ["resolve_rollups", "rollup_runs"]


def rollup_runs(criteria: Any, runs: Sequence[Run]) -> tuple[list[Run], list[Run]]:
    """``runs`` split in two: those a roll-up of ``criteria`` reads and no link does, and the others."""
    specs = [ind.rollup for ind in criteria.model.indicators.values() if ind.rollup is not None]
    links = [link for ind in criteria.model.indicators.values() for link in ind.links]
    mine, others = [], []
    for run in runs:
        cid, fam = run.criteria["id"], run.criteria.get("family")
        if any(s.matches(cid, fam) for s in specs) and not any(link.matches(cid, fam) for link in links):
            mine.append(run)
        else:
            others.append(run)
    return mine, others


Child = tuple[str | None, dict[str, str] | None]  # a unit below: its level, and its criteria's statuses


def _children_in_runs(spec: RollupSpec, runs: Sequence[Run], parent: str, year: int) -> dict[str, Child] | None:
    matching = [r for r in runs if spec.matches(r.criteria["id"], r.criteria.get("family"))]
    if not matching:
        return None
    out: dict[str, Child] = {}
    for run in matching:
        for d in run.results:
            if d.parent == parent and d.year == year and (spec.kind is None or d.kind == spec.kind):
                out[d.unit] = (d.level, {f.criterion: f.status for f in d.findings})
    return out


def _children_in_store(spec: RollupSpec, view: HistoryView, parent: str, year: int) -> dict[str, Child]:
    families = [spec.family] if spec.family else []
    if spec.criteria:  # results of runs of that criteria id: their family is what the store keys on
        families = sorted(
            {fam for (_, _, fam), rows in view.computed.items() if rows[-1]["criteria_id"] == spec.criteria}
        )
    found = view.children(parent, year, families, spec.kind)
    return {u: (lv.level if lv is not None else None, view.statuses(u, year, families)) for u, lv in found.items()}


def _figure(spec: RollupSpec, children: dict[str, Child]) -> int | float | None:
    """The roll-up's value over ``children``; ``None`` when one of them lacks what it counts."""
    n = len(children)
    if spec.measure in ("share_failing", "count_failing"):
        statuses = [st.get(spec.criterion or "") if st is not None else None for _, st in children.values()]
        if any(status not in ("pass", "fail") for status in statuses):
            return None
        at = sum(1 for status in statuses if status == "fail")
    else:
        if any(level is None for level, _ in children.values()):
            return None
        at = sum(1 for level, _ in children.values() if level in spec.levels)
    value: int | float = n if spec.measure == "count" else at if spec.measure.startswith("count") else at * 100 / n
    return int(value) if float(value).is_integer() else value


def resolve_rollups(
    criteria: Any, cards: Sequence[Submitted], runs: Sequence[Run], view: HistoryView | None
) -> tuple[list[Submitted], dict[tuple[str, int], list[Reason]]]:
    """Fill roll-up indicators from the linked ``runs`` or the store ``view``; per unit, the reasons."""
    specs = {name: ind.rollup for name, ind in criteria.model.indicators.items() if ind.rollup is not None}
    notes: dict[tuple[str, int], list[Reason]] = {}
    if not specs:
        return list(cards), notes
    out: list[Submitted] = []
    for sub in cards:
        values = dict(sub.values)
        reasons: list[Reason] = []
        unit, year = sub.card.unit, sub.card.year
        for name, spec in specs.items():
            declared = values.pop(name, None)
            children = _children_in_runs(spec, runs, unit, year)
            source: Any = bi("rollup.source_run", criteria=spec.target())
            if children is None and view is not None:
                children = _children_in_store(spec, view, unit, year)
                source = bi("rollup.source_store")
            value = _figure(spec, children) if children else None
            if value is None:
                params = {"name": name, "unit": unit, "year": year, "target": spec.target()}
                reasons.append(Reason("reason.rollup_missing", params))
            else:
                values[name] = value
                what = bi(f"what.{spec.measure}", levels=", ".join(spec.levels), criterion=spec.criterion or "")
                params = {"name": name, "value": value, "what": what, "count": len(children or ()), "unit": unit,
                          "year": year, "source": source}  # fmt: skip
                reasons.append(Reason("reason.rollup", params))
            if declared is not None:
                reasons.append(Reason("reason.rollup_ignored", {"name": name, "declared": declared}))
        notes[sub.key] = reasons
        out.append(replace(sub, values=values))
    return out, notes
