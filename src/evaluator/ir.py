"""The intermediate form: each criterion parsed, type-checked and split into disjoint terms.

Both the durable_rules compiler (:mod:`evaluator.rules`) and the pure-Python reference
evaluator (:mod:`evaluator.reference`) are built from this one form, so a test that
compares them compares two implementations of the same meaning.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import expr as E
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
    # 'assume_when_missing': indicator → the number, or the parameter's name, read in its place.
    assumed: tuple[tuple[str, float | str], ...] = ()
    # For each term, the assumed indicators it is for (absent from the scorecard); empty: all present.
    pass_absent: tuple[frozenset[str], ...] = ()
    fail_absent: tuple[frozenset[str], ...] = ()

    @functools.cached_property
    def compute(self) -> Callable[[Mapping[str, Any]], Any]:
        """The formula (or condition) as a function of the values."""
        return E.closure(self.node)

    @property
    def if_missing(self) -> str:
        return self.model.if_missing

    @functools.cached_property
    def assumed_names(self) -> frozenset[str]:
        return frozenset(name for name, _ in self.assumed)

    def absent_for(self, status: str, term: int) -> frozenset[str]:
        """The assumed indicators a pass or fail term is for (absent from the scorecard)."""
        absent = self.pass_absent if status == "pass" else self.fail_absent
        return absent[term] if absent else frozenset()

    def assumed_values(self, absent: frozenset[str], params: Mapping[str, Any]) -> dict[str, Any]:
        """The values read in place of the ``absent`` assumed indicators (``params``: parameter → value)."""
        return {name: params[v] if isinstance(v, str) else v for name, v in self.assumed if name in absent}


def indicator_type(ind: Indicator) -> E.Type:
    if ind.type in NUMERIC_TYPES:
        return E.NUMBER
    if ind.type == "yesno":
        return E.BOOL
    return E.Type("choice", tuple(ind.choices or ()))


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
    if crit.condition is None:
        if found != E.NUMBER:
            raise E.ExprError(
                "expr.type", expr=text, detail=f"a points formula must be a number, this is {found.describe()}"
            )
        return CriterionIR(index, crit.id, "points", text, node, fields, params, (), (), crit)
    if found != E.BOOL:
        raise E.ExprError("expr.type", expr=text, detail=f"a condition must be yes/no, this is {found.describe()}")
    assumed = tuple(crit.assume_when_missing.items())
    check_assumptions(crit, fields, model)
    params += tuple(v for _, v in assumed if isinstance(v, str) and v not in params)
    pass_terms: list[E.Term] = []
    fail_terms: list[E.Term] = []
    pass_absent: list[frozenset[str]] = []
    fail_absent: list[frozenset[str]] = []
    # One set of terms for each combination of assumed indicators left out (the first: none).
    names = [name for name, _ in assumed]
    for absent in (frozenset(c) for k in range(len(names) + 1) for c in itertools.combinations(names, k)):
        variant = _substitute(
            node, {n: E.Name(v) if isinstance(v, str) else E.Num(v) for n, v in assumed if n in absent}
        )
        passing = E.disjoint_dnf(E.nnf(variant, env))
        failing = E.disjoint_dnf(E.nnf(E.Not(variant), env))
        pass_terms += passing
        fail_terms += failing
        pass_absent += [absent] * len(passing)
        fail_absent += [absent] * len(failing)
    return CriterionIR(
        index,
        crit.id,
        "condition",
        text,
        node,
        fields,
        params,
        tuple(pass_terms),
        tuple(fail_terms),
        crit,
        assumed,
        tuple(pass_absent) if assumed else (),
        tuple(fail_absent) if assumed else (),
    )


class AssumptionError(Exception):
    """An ``assume_when_missing`` entry that cannot apply: a code, its parameters, the entry's name."""

    def __init__(self, code: str, name: str, params: dict[str, Any], suggestion: str | None = None):
        self.code, self.name, self.params, self.suggestion = code, name, params, suggestion
        super().__init__(f"{code}: {params}")


def check_assumptions(crit: Criterion, fields: tuple[str, ...], model: CriteriaSet) -> None:
    """Each assumed indicator is an optional numeric indicator of the condition, and its value a
    number within the indicator's range or the name of a parameter."""
    from .errors import did_you_mean

    for name, value in crit.assume_when_missing.items():
        base = {"name": name, "criterion": crit.id}
        if name not in fields:
            raise AssumptionError("criterion.assume_unused", name, base, did_you_mean(name, fields))
        ind = model.indicators[name]
        if ind.required:
            raise AssumptionError("criterion.assume_required", name, base)
        if ind.type not in NUMERIC_TYPES:
            raise AssumptionError("criterion.assume_type", name, {**base, "type": ind.type})
        if isinstance(value, str):
            if value not in model.parameters:
                params = {"name": value, "what": f"parameter of '{model.id}'"}
                raise AssumptionError("value.unknown_ref", name, params, did_you_mean(value, model.parameters))
            continue
        lo, hi = ind.bounds()
        if (lo is not None and value < lo) or (hi is not None and value > hi):
            shown = {"value": E.format_number(value), "min": _bound(lo, "-∞"), "max": _bound(hi, "+∞")}
            raise AssumptionError("criterion.assume_range", name, {**base, **shown})


def _bound(v: float | None, absent: str) -> str:
    return absent if v is None else E.format_number(v)


def _substitute(node: E.Node, by: Mapping[str, E.Node]) -> E.Node:
    """``node`` with the names in ``by`` replaced by their nodes."""
    if not by:
        return node
    if isinstance(node, E.Name):
        return by.get(node.id, node)
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(node):  # type: ignore[arg-type]
        value = getattr(node, f.name)
        if isinstance(value, tuple):
            changes[f.name] = tuple(_substitute(v, by) for v in value)
        elif not isinstance(value, (str, int, float, bool)):
            changes[f.name] = _substitute(value, by)
    return dataclasses.replace(node, **changes)  # type: ignore[type-var]
