"""What-if sweeps: one threshold parameter run over a range of values, the levels counted at each.

``evaluator sweep --criteria C SCORECARDS --set PARAM=FROM:TO:STEP`` rates the scorecards once
with the value in force and once per value of the range (FROM, FROM+STEP, … up to TO inclusive,
computed in decimals so 0,1 steps never drift), each time with the parameter fixed everywhere as
``rank --set`` fixes it. For each value it reports how many units reach each level (and how many
are incomplete) and which units' level differs from the run with the value in force.

The range is refused before any rating when it is malformed, empty, or longer than
:data:`MAX_STEPS` values; an unknown parameter is refused with a suggestion, as ``--set`` does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from .api import evaluate
from .backends import BULK
from .decision import Run
from .errors import Location, Problem, UsageError
from .limits import BOUND, MAX_EXACT
from .load import BoundScheme, Criteria
from .messages import Lang, render
from .scorecards import Submitted
from .whatif import with_parameters

__all__ = ["MAX_STEPS", "Step", "Sweep", "parse_range", "run_sweep"]

MAX_STEPS = 1000  # values in one sweep

_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def parse_range(text: str) -> tuple[str, list[float]]:
    """``"t=50:60:2,5"`` → ``("t", [50.0, 52.5, 55.0, 57.5, 60.0])``; a usage error (exit 2) when malformed."""
    where = Location(field="--set")
    name, sep, spec = text.partition("=")
    parts = spec.split(":")
    if not sep or not name.strip() or len(parts) != 3:
        raise UsageError(Problem("sweep.syntax", where, {"text": text}))
    numbers: list[Decimal] = []
    for part in parts:
        if not _NUMBER.fullmatch(part.strip()):
            raise UsageError(Problem("sweep.number", where, {"text": text, "value": part.strip()}))
        try:
            value = Decimal(part.strip().replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
            raise UsageError(Problem("sweep.number", where, {"text": text, "value": part.strip()})) from None
        if abs(value) > MAX_EXACT:
            raise UsageError(Problem("sweep.range", where, {"text": text, "value": part.strip(), "bound": BOUND}))
        numbers.append(value)
    start, stop, step = numbers
    if step <= 0 or start > stop:
        raise UsageError(Problem("sweep.step", where, {"text": text}))
    count = int((stop - start) // step) + 1
    if count > MAX_STEPS:
        raise UsageError(Problem("sweep.too_many", where, {"text": text, "count": count, "max": MAX_STEPS}))
    return name.strip(), [float(start + k * step) for k in range(count)]


@dataclass(frozen=True)
class Step:
    """One value of the sweep: units per level (``None``: incomplete) and the units whose level changed."""

    value: float | None  # None: the value in force
    counts: dict[str | None, int]
    changed: tuple[tuple[str, int, str | None, str | None], ...] = ()  # unit, year, level in force, level here


@dataclass
class Sweep:
    parameter: str
    parameter_title: Any  # the parameter's titles (vi, en), as people call it
    engine: str
    levels: tuple[str, ...]  # best first, as the scheme lists them
    level_titles: dict[str, Any]
    units: int
    baseline: Step
    steps: list[Step] = field(default_factory=list)

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        def counts(s: Step) -> dict[str, int]:
            out = {lv: s.counts.get(lv, 0) for lv in self.levels}
            out["incomplete"] = s.counts.get(None, 0)
            return out

        return {
            "parameter": self.parameter,
            "parameter_title": getattr(self.parameter_title, lang),
            "engine": self.engine,
            "units": self.units,
            "levels": [{"id": lv, "title": getattr(self.level_titles[lv], lang)} for lv in self.levels],
            "in_force": counts(self.baseline),
            "steps": [
                {
                    "value": s.value,
                    "counts": counts(s),
                    "changed": [{"unit": u, "year": y, "from": old, "to": new} for u, y, old, new in s.changed],
                }
                for s in self.steps
            ],
        }


def _levels(run: Run) -> dict[tuple[str, int], str | None]:
    return {(d.unit, d.year): d.level for d in run.results}


def _count(levels: dict[tuple[str, int], str | None]) -> dict[str | None, int]:
    out: dict[str | None, int] = {}
    for level in levels.values():
        out[level] = out.get(level, 0) + 1
    return out


def run_sweep(
    criteria: Criteria,
    cards: Sequence[Submitted],
    scheme: BoundScheme,
    name: str,
    values: Sequence[float],
    backend: str = BULK,
) -> Sweep:
    """Rate ``cards`` with the value in force, then with ``name`` fixed to each of ``values``."""
    with_parameters(criteria, {name: values[0]})  # an unknown or list-of-levels parameter: refused now
    base = _levels(evaluate(criteria, cards, scheme, backend=backend))
    levels = tuple(lv.id for lv in scheme.model.levels)
    titles = {lv.id: lv.title for lv in scheme.model.levels}
    title = criteria.model.parameters[name].title
    out = Sweep(name, title, backend, levels, titles, len(base), Step(None, _count(base)))
    for value in values:
        here = _levels(evaluate(with_parameters(criteria, {name: value}), cards, scheme, backend=backend))
        changed = tuple(
            (unit, year, base[(unit, year)], level)
            for (unit, year), level in sorted(here.items())
            if level != base[(unit, year)]
        )
        out.steps.append(Step(value, _count(here), changed))
    return out


# -- rendering


def _title(sweep: Sweep, level: str | None, lang: Lang) -> str:
    return render("ui.incomplete", lang) if level is None else getattr(sweep.level_titles[level], lang)


def _value_text(value: float | None, lang: Lang) -> str:
    from .render.labels import number_text

    return render("sweep.in_force", lang) if value is None else number_text(value, lang)


def _heading(sweep: Sweep, lang: Lang) -> str:
    """The parameter by its title, its id beside it (what ``--set`` names)."""
    return render("sweep.title", lang, title=getattr(sweep.parameter_title, lang), name=sweep.parameter)


def _caption(sweep: Sweep, lang: Lang) -> str:
    from .backends import title
    from .render.labels import number_text

    engine = title(sweep.engine).get(lang)
    return render("sweep.engine", lang, engine=engine, units=number_text(sweep.units, lang))


def sweep_table(sweep: Sweep, lang: Lang, shown: int = 8) -> Any:
    """A terminal table: a row per value, a column per level, the units changing level."""
    from rich.table import Table

    from .render.labels import number_text
    from .render.terminal import literal

    table = Table(
        title=_heading(sweep, lang),
        caption=_caption(sweep, lang),
    )
    table.add_column(render("sweep.value", lang), justify="right")
    order: list[str | None] = [*sweep.levels, None]
    for level in order:
        table.add_column(literal(_title(sweep, level, lang)), justify="right")
    table.add_column(render("sweep.changed", lang), justify="right")
    table.add_column(render("sweep.which", lang), overflow="fold")
    for step in [sweep.baseline, *sweep.steps]:
        names = [f"{u} ({_title(sweep, old, lang)} → {_title(sweep, new, lang)})" for u, _, old, new in step.changed]
        if len(names) > shown:
            names = [*names[:shown], render("sweep.more", lang, count=number_text(len(names) - shown, lang))]
        table.add_row(
            _value_text(step.value, lang),
            *(number_text(step.counts.get(level, 0), lang) for level in order),
            "" if step.value is None else number_text(len(step.changed), lang),
            literal("; ".join(names)),
        )
    return table


def sweep_html(sweep: Sweep, lang: Lang) -> str:
    """A page: a stacked bar per value (units per level), then the table of changes."""
    from markupsafe import escape

    from .render.charts import Bar, Segment, stacked_bars
    from .render.labels import INCOMPLETE_COLOUR, level_colour, number_text

    order: list[str | None] = [*sweep.levels, None]
    bars = []
    for step in [sweep.baseline, *sweep.steps]:
        segments = [
            Segment(
                step.counts.get(level, 0),
                INCOMPLETE_COLOUR if level is None else level_colour(i, len(sweep.levels)),
                _title(sweep, level, lang),
                number_text(step.counts.get(level, 0), lang),
            )
            for i, level in enumerate(order)
            if step.counts.get(level)
        ]
        shown = "" if step.value is None else number_text(len(step.changed), lang) + " ↔"
        bars.append(Bar(_value_text(step.value, lang), segments, shown))
    chart = stacked_bars(bars, title=render("sweep.chart", lang, name=sweep.parameter))
    head = "".join(
        f"<th>{escape(c)}</th>"
        for c in (render("sweep.value", lang), *(_title(sweep, lv, lang) for lv in order), render("sweep.which", lang))
    )
    rows = []
    for step in [sweep.baseline, *sweep.steps]:
        cells = [_value_text(step.value, lang), *(number_text(step.counts.get(lv, 0), lang) for lv in order)]
        moves = (f"{u}: {_title(sweep, a, lang)} → {_title(sweep, b, lang)}" for u, _, a, b in step.changed)
        cells.append("; ".join(moves))
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    title = escape(_heading(sweep, lang))
    engine = escape(_caption(sweep, lang))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:3px 6px;text-align:left}</style></head><body>"
        f"<h1>{title}</h1><p>{engine}</p><figure>{chart}</figure>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></body></html>\n"
    )
