"""What the criteria can give over the indicators' ranges: intervals of expressions, the points a
criterion can give, and whether one condition on an indicator implies another or is constant.
"""

from __future__ import annotations

import contextlib
import itertools
import math
from collections.abc import Iterable, Sequence
from typing import Any

from .. import expr as E
from ..ir import CriterionIR
from ..load import Criteria
from ..model.criteria import Indicator
from ..params import resolve, with_dependencies
from ..text import format_number


def num_text(v: float | None, absent: str = "—") -> str:
    return absent if v is None else format_number(v)


def bounds_text(ind: Indicator) -> tuple[str, str]:
    lo, hi = ind.bounds()
    return num_text(lo, "-∞"), num_text(hi, "+∞")


def plus(a: float, b: float) -> float:
    s = a + b
    return math.inf if math.isnan(s) else s


def _mul(a: float, b: float) -> float:
    if a == 0 or b == 0:
        return 0.0
    return a * b


def interval(node: E.Node, criteria: Criteria) -> tuple[float, float]:
    """Lowest and highest value of a numeric expression over the indicators' ranges and the
    parameters' values (``±inf`` where unbounded)."""
    model = criteria.model
    if isinstance(node, E.Num):
        return float(node.value), float(node.value)
    if isinstance(node, E.Name):
        if node.id in model.indicators:
            lo, hi = model.indicators[node.id].bounds()
            return (-math.inf if lo is None else lo), (math.inf if hi is None else hi)
        values = [ctx[node.id] for ctx in _contexts(criteria, [node.id])]
        return (min(values), max(values)) if values else (-math.inf, math.inf)
    if isinstance(node, E.Neg):
        lo, hi = interval(node.operand, criteria)
        return -hi, -lo
    if isinstance(node, E.If):  # points by steps: the lowest and highest of its branches
        a, b = interval(node.then, criteria), interval(node.else_, criteria)
        return min(a[0], b[0]), max(a[1], b[1])
    if isinstance(node, E.NoPoints):  # gives nothing: no part of the range
        return math.inf, -math.inf
    if isinstance(node, E.Bin):
        a, b = interval(node.left, criteria), interval(node.right, criteria)
        if node.op == "+":
            return plus(a[0], b[0]), plus(a[1], b[1])
        if node.op == "-":
            return plus(a[0], -b[1]), plus(a[1], -b[0])
        if node.op == "/":
            b = (1 / b[1], 1 / b[0]) if b[0] == b[1] and b[0] != 0 else (-math.inf, math.inf)
        products = [_mul(x, y) for x in a for y in b]
        return min(products), max(products)
    return -math.inf, math.inf


def max_points(it: CriterionIR, criteria: Criteria) -> float:
    """The highest points ``it`` can give: its formula over the ranges, else its ``max_points``."""
    hi = interval(it.node, criteria)[1]
    if math.isfinite(hi):
        return hi
    return it.model.max_points if it.model.max_points is not None else math.inf


# ---------------------------------------------------------------- conditions on one indicator


def _contexts(criteria: Criteria, params: Iterable[str]) -> list[dict[str, float]]:
    """Every combination of parameter values units can meet (by region and year)."""
    names = sorted(set(params))
    if not names:
        return [{}]
    model = criteria.model
    regions: list[str | None] = list(model.regions) if model.regions else [None]
    out: list[dict[str, float]] = []
    for region in regions:
        for year in years_to_check(criteria, names):
            values = {n: resolve(n, model.parameters[n], region, year, model.parameters).value for n in names}
            if all(v is not None for v in values.values()) and values not in out:
                out.append(values)  # type: ignore[arg-type]
    return out


def param_deps(criteria: Criteria, names: Iterable[str]) -> list[str]:
    """``names`` and every parameter their formulas use, transitively."""
    return with_dependencies(criteria.model.parameters, names)


def years_to_check(criteria: Criteria, names: Iterable[str]) -> list[int]:
    model = criteria.model
    years = {model.valid_from.year}
    for n in param_deps(criteria, names):
        for v in model.parameters[n].values:
            for y in (v.from_year, v.to_year, None if v.to_year is None else v.to_year + 1):
                if y is not None:
                    years.add(y)
    return sorted(y for y in years if model.in_force(y))


def _probe_points(items: Sequence[CriterionIR], name: str, criteria: Criteria, ctx: dict[str, float]) -> list[Any]:
    """Values of indicator ``name`` at which every condition in ``items`` changes or holds steady."""
    ind = criteria.model.indicators[name]
    if ind.type == "yesno":
        return [False, True]
    if ind.type == "rating":
        return list(ind.choices or ())
    lo, hi = ind.bounds()
    ts: set[float] = set()
    for it in items:
        for term in (*it.pass_terms, *it.fail_terms):
            for lit in term:
                for side in (lit.left, lit.right):
                    if not any(n in criteria.model.indicators for n in E.names(side)):
                        with contextlib.suppress(KeyError):  # a parameter with no value here
                            ts.add(float(E.evaluate(side, ctx)))
    ts.update(x for x in (lo, hi) if x is not None)
    ordered = sorted(ts)
    points = list(ordered)
    points.extend((a + b) / 2 for a, b in itertools.pairwise(ordered))
    if ordered:
        points.extend([ordered[0] - 1, ordered[-1] + 1])
    else:
        points.append(0.0)
    return [p for p in points if (lo is None or p >= lo) and (hi is None or p <= hi)]


def _single(it: CriterionIR) -> str | None:
    return it.fields[0] if it.kind == "condition" and len(it.fields) == 1 else None


def implies(a: CriterionIR, b: CriterionIR, criteria: Criteria) -> bool:
    """Whether condition ``a`` passing means ``b`` passes, for every unit (exact for two
    conditions on one and the same indicator; otherwise only ``a is b``)."""
    if a.id == b.id:
        return True
    name = _single(a)
    if name is None or _single(b) != name:
        return False
    contexts = _contexts(criteria, (*a.params, *b.params))
    if not contexts:
        return False
    for ctx in contexts:
        for x in _probe_points((a, b), name, criteria, ctx):
            scope = {**ctx, name: x}
            if E.evaluate(a.node, scope) and not E.evaluate(b.node, scope):
                return False
    return True


def constant_value(it: CriterionIR, criteria: Criteria) -> bool | None:
    """True/False when a one-indicator condition holds always/never over the range; else None."""
    name = _single(it)
    if name is None:
        return None
    seen: set[bool] = set()
    for ctx in _contexts(criteria, it.params):
        for x in _probe_points((it,), name, criteria, ctx):
            seen.add(bool(E.evaluate(it.node, {**ctx, name: x})))
    return seen.pop() if len(seen) == 1 else None
