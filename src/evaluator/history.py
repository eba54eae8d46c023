"""History indicators: a value read from the history store before the rules engine runs.

An indicator with ``history:`` (see :mod:`evaluator.model.history`) takes its value from the
store given to the run — never from the scorecard (a value the scorecard gives is not used, and
the reasons say so). Without a store, or with no record, the value is missing, never a pass.

- ``level_years_ago`` (a rating): the official level ``years`` before the rating year;
- ``consecutive_at_least`` (a count): consecutive years, counting back from the year before the
  rating year (``through: previous``, the default) or from the rating year (``through: current``),
  whose level is ``level`` or better — in the ``order`` the indicator lists (best first), else in
  the order of the run's scheme ("five years in a row");
- ``consecutive_at`` (a count): the same, at exactly ``level`` or one of ``levels``
  ("not completed two years running");
- ``shortcomings_remedied`` (a percentage): of the shortcomings named at the review of the year
  before, the share remedied by the rating year (from the register).

A streak ends at the first year that does not count, or that has no record (the reasons say
which). A unit formed by a merge, split or rename reads, for the years before that event, the
units it was formed from: a year counts only when it counts for every one of them — that is,
the **lowest** of their levels decides — and the reasons name the event and its document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from .decision import Reason, Run, bi, joined
from .errors import DefinitionError, Location, Problem, did_you_mean
from .load import BoundScheme, Criteria
from .model.history import HistorySpec
from .rollup import resolve_rollups
from .scorecards import Submitted
from .store.view import Event, HistoryView, LevelAt

__all__ = ["history_digest", "resolve_history", "resolve_past"]

MAX_YEARS = 100  # how far back a streak is followed


def _order(spec: HistorySpec, scheme: BoundScheme) -> list[str]:
    """The family's levels, best first: as the indicator lists them, else the run's scheme's."""
    return list(spec.order) if spec.order else [lv.id for lv in scheme.model.levels]


def _counting(spec: HistorySpec, name: str, scheme: BoundScheme, where: Location) -> tuple[str, ...]:
    """The levels that count for a consecutive_* measure."""
    if spec.measure == "consecutive_at":
        return (spec.level,) if spec.level is not None else spec.levels
    order = _order(spec, scheme)
    if spec.level not in order:
        shown = "order" if spec.order else scheme.model.id
        params = {"name": name, "level": spec.level, "scheme": shown, "levels": ", ".join(order)}
        raise DefinitionError(Problem("history.level_unknown", where, params, did_you_mean(spec.level or "", order)))
    return tuple(order[: order.index(spec.level) + 1])


def _year_levels(view: HistoryView, unit: str, year: int, spec: HistorySpec, used: list[Event]) -> list[LevelAt] | None:
    """The levels standing for ``unit`` in ``year`` (one per former unit); ``None`` if any is unknown."""
    out = []
    for leaf in view.leaves(unit, year, used):
        found = view.level(leaf, year, spec.family, spec.sources)
        if found is None:
            return None
        out.append(found)
    return out


def _via(used: list[Event]) -> Any:
    if not used:
        return ""
    parts = [
        bi("history.via", date=e.effective, units=", ".join(e.before), document=e.document)
        for e in sorted(used, key=lambda e: (e.effective, e.id))
    ]
    return joined(parts, "")


def _missing(name: str, why: Any) -> Reason:
    return Reason("reason.history_missing", {"name": name, "why": why})


def _value(
    name: str, spec: HistorySpec, view: HistoryView, unit: str, year: int, scheme: BoundScheme, where: Location
) -> tuple[Any, Reason]:
    """The indicator's value for ``unit`` rated in ``year`` (``None``: missing), and the reason."""
    used: list[Event] = []
    families = ", ".join(spec.family)
    source = bi("source.official_computed" if "computed" in spec.sources else "source.official")
    if spec.measure == "shortcomings_remedied":
        named = year - 1
        rows = [r for leaf in view.leaves(unit, named, used) for r in view.review(leaf, named)]
        if not rows:
            return None, _missing(name, bi("history.no_review", unit=unit, year=named))
        done = sum(1 for r in rows if r["remedied_year"] is not None and r["remedied_year"] <= year)
        value: Any = done * 100 / len(rows)
        if float(value).is_integer():
            value = int(value)
        what = bi("what.shortcomings_remedied", year=named, done=done, total=len(rows))
        params = {"name": name, "value": value, "what": what, "unit": unit, "through": year,
                  "source": bi("source.register"), "via": _via(used)}  # fmt: skip
        return value, Reason("reason.history", params)
    if spec.measure == "level_years_ago":
        target = year - (spec.years or 0)
        levels = _year_levels(view, unit, target, spec, used)
        if levels is None:
            return None, _missing(name, bi("history.no_record", unit=unit, year=target, family=families))
        order = _order(spec, scheme)
        if len({lv.level for lv in levels}) > 1 and not all(lv.level in order for lv in levels):
            shown = ", ".join(f"{lv.unit}: {lv.level}" for lv in levels)
            return None, _missing(name, bi("history.unordered", year=target, levels=shown))
        lowest = max(levels, key=lambda lv: order.index(lv.level) if lv.level in order else -1).level
        what = bi("what.level_years_ago", years=spec.years)
        params = {"name": name, "value": lowest, "what": what, "unit": unit, "through": target, "source": source,
                  "via": _via(used)}  # fmt: skip
        return lowest, Reason("reason.history", params)
    counting = _counting(spec, name, scheme, where)
    start = year if spec.through == "current" else year - 1
    count = 0
    ended: Any = None
    for y in range(start, start - MAX_YEARS, -1):
        levels = _year_levels(view, unit, y, spec, used)
        if levels is None:
            ended = y
            break
        if not all(lv.level in counting for lv in levels):
            break
        count += 1
    if count == 0 and ended == start:
        return None, _missing(name, bi("history.no_record", unit=unit, year=start, family=families))
    what = bi(f"what.{spec.measure}", levels=", ".join(counting))
    params = {"name": name, "value": count, "what": what, "unit": unit, "through": start, "source": source,
              "via": _via(used)}  # fmt: skip
    return count, Reason("reason.history", params)


def resolve_history(
    criteria: Criteria, cards: Sequence[Submitted], view: HistoryView | None, scheme: BoundScheme
) -> tuple[list[Submitted], dict[tuple[str, int], list[Reason]]]:
    """Fill history indicators from ``view`` (the run's store, or ``None``); per unit, the reasons."""
    specs = {name: ind for name, ind in criteria.model.indicators.items() if ind.history is not None}
    notes: dict[tuple[str, int], list[Reason]] = {}
    if not specs:
        return list(cards), notes
    problems: list[Problem] = []
    out: list[Submitted] = []
    for sub in cards:
        values = dict(sub.values)
        reasons: list[Reason] = []
        for name, ind in specs.items():
            spec = ind.history
            assert spec is not None
            declared = values.pop(name, None)
            unit = spec.unit.replace("{unit}", sub.card.unit)
            if view is None:
                reason = _missing(name, bi("history.no_store"))
                value = None
            else:
                value, reason = _value(name, spec, view, unit, sub.card.year, scheme, sub.location)
            if value is not None and ind.type == "rating" and value not in (ind.choices or ()):
                params = {"name": name, "level": value, "unit": unit, "criteria": view.shown if view else "",
                          "choices": ", ".join(ind.choices or ())}  # fmt: skip
                problems.append(
                    Problem("link.level", sub.location, params, did_you_mean(str(value), ind.choices or ()))
                )
                continue
            if value is not None:
                values[name] = value
            reasons.append(reason)
            if declared is not None:
                reasons.append(Reason("reason.history_ignored", {"name": name, "declared": declared}))
        notes[sub.key] = reasons
        out.append(replace(sub, values=values))
    if problems:
        raise DefinitionError(problems)
    return out, notes


def resolve_past(
    criteria: Criteria,
    cards: Sequence[Submitted],
    runs: Sequence[Run],
    view: HistoryView | None,
    scheme: BoundScheme,
    notes: dict[tuple[str, int], list[Reason]],
) -> list[Submitted]:
    """History and roll-up indicators filled (roll-ups from ``runs`` or ``view``); their reasons
    added to ``notes``, per unit, after those already there."""
    cards, rolled = resolve_rollups(criteria, cards, runs, view)
    cards, past = resolve_history(criteria, cards, view, scheme)
    for source in (rolled, past):
        for key, reasons in source.items():
            if reasons:
                notes.setdefault(key, []).extend(reasons)
    return cards


def history_digest(view: HistoryView, criteria: Criteria) -> str:
    """A hash of what of the store the criteria's history and roll-up indicators can read: official
    decisions and recorded results of the families (or criteria) they name, the lineage, and the
    register of shortcomings when one of them reads it. Recording a run changes it only when that
    run is of a family read."""
    from .store.ledger import canonical, sha256

    families: set[str] = set()
    criteria_ids: set[str] = set()
    register = False
    for ind in criteria.model.indicators.values():
        if ind.history is not None:
            families.update(ind.history.family)
            register = register or ind.history.measure == "shortcomings_remedied"
        if ind.rollup is not None:
            if ind.rollup.family:
                families.add(ind.rollup.family)
            if ind.rollup.criteria:
                criteria_ids.add(ind.rollup.criteria)
    picked = {
        "officials": [[*key, rows] for key, rows in sorted(view.officials.items()) if key[2] in families],
        "computed": [
            [*key, rows]
            for key, rows in sorted(view.computed.items())
            if key[2] in families or rows[-1]["criteria_id"] in criteria_ids
        ],
        "lineage": [[e.id, e.kind, e.effective, e.document, e.before, e.after] for e in view.events],
        "shortcomings": [[*key, rows] for key, rows in sorted(view.shortcomings.items())] if register else [],
    }
    return sha256(canonical(picked))
