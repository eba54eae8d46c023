"""The intermediate form: each criterion parsed, type-checked and split into disjoint terms.

Both the durable_rules compiler (:mod:`evaluator.rules`) and the pure-Python reference
evaluator (:mod:`evaluator.reference`) are built from this one form, so a test that
compares them compares two implementations of the same meaning.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import expr as E
from .limits import ARITH_MAX, MAX_EXACT
from .model.criteria import NUMERIC_TYPES, CriteriaSet, Criterion, Indicator


@dataclass(frozen=True)
class CriterionIR:
    index: int
    id: str
    kind: str  # "condition" | "points"
    text: str
    node: E.Node
    fields: tuple[str, ...]  # indicators used, in order of first use
    params: tuple[str, ...]  # parameters used
    pass_terms: tuple[E.Term, ...]
    fail_terms: tuple[E.Term, ...]
    model: Criterion

    @functools.cached_property
    def compute(self) -> Callable[[Mapping[str, Any]], Any]:
        """The formula (or condition) as a function of the values."""
        return E.closure(self.node)

    @property
    def if_missing(self) -> str:
        return self.model.if_missing


def indicator_type(ind: Indicator) -> E.Type:
    if ind.type in NUMERIC_TYPES:
        return E.NUMBER
    if ind.type == "yesno":
        return E.BOOL
    return E.Type("choice", tuple(ind.choices or ()))


def magnitudes(model: CriteriaSet) -> dict[str, float]:
    """The largest magnitude each numeric indicator may take (its range; ±2**53 where open)."""
    out: dict[str, float] = {}
    for name, ind in model.indicators.items():
        if ind.type in NUMERIC_TYPES:
            lo, hi = ind.limits
            open_ = float(MAX_EXACT)
            out[name] = max(open_ if lo is None else abs(lo), open_ if hi is None else abs(hi))
    return out


def environment(model: CriteriaSet) -> dict[str, E.Type]:
    env = {name: indicator_type(ind) for name, ind in model.indicators.items()}
    env.update({name: E.NUMBER for name in model.parameters})
    return env


def build_criterion(index: int, crit: Criterion, model: CriteriaSet, env: Mapping[str, E.Type]) -> CriterionIR:
    """Parse, type-check and normalise one criterion; raises :class:`expr.ExprError`."""
    from .errors import did_you_mean

    text = crit.condition if crit.condition is not None else crit.points
    assert text is not None
    node = E.parse(text)
    found = E.typecheck(node, env, text, lambda name: did_you_mean(name, env))
    used = E.names(node)
    fields = tuple(n for n in used if n in model.indicators)
    params = tuple(n for n in used if n in model.parameters)
    if crit.condition is not None:
        if found != E.BOOL:
            raise E.ExprError("expr.type", expr=text, detail=f"a condition must be yes/no, this is {found.describe()}")
        if E.magnitude(node, magnitudes(model)) > ARITH_MAX:
            raise E.ExprError("expr.overflow", expr=text if len(text) <= 80 else text[:60] + "…")
        pass_terms = tuple(E.disjoint_dnf(E.nnf(node, env)))
        fail_terms = tuple(E.disjoint_dnf(E.nnf(E.Not(node), env)))
        kind = "condition"
    else:
        if found != E.NUMBER:
            raise E.ExprError(
                "expr.type", expr=text, detail=f"a points formula must be a number, this is {found.describe()}"
            )
        pass_terms = fail_terms = ()
        kind = "points"
    return CriterionIR(index, crit.id, kind, text, node, fields, params, pass_terms, fail_terms, crit)
