"""The intermediate form: each criterion parsed, type-checked and split into disjoint terms.

Every backend (:mod:`evaluator.backends`) is built from this one form, so a test that
compares two of them compares two implementations of the same meaning. What a backend gives
back is backend-neutral too: one :class:`Match` per criterion, named by :func:`rule_id`.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import expr as E
from .limits import ARITH_MAX, DNF_MAX_RULES, MAX_EXACT
from .model.criteria import NUMERIC_TYPES, Bands, CriteriaSet, Criterion, Indicator, Parameter
from .text import bi, format_number


@dataclass(frozen=True)
class Match:
    """Which way one criterion went for one scorecard: what every backend gives back."""

    criterion: int  # index into the criteria
    status: str  # pass | fail | missing | scored | noband
    term: int  # which disjoint term (or which missing indicator)


@functools.lru_cache(maxsize=4096)  # one string per rule, shared by every finding that names it
def rule_id(match: Match) -> str:
    """The name of the rule (of the intermediate form) a match stands for, as findings show it."""
    return f"c{match.criterion:03d}__{match.status}__{match.term}"


def possible_matches(items: tuple[CriterionIR, ...]) -> list[Match]:
    """Every match the criteria allow, criterion by criterion: its pass and fail terms (or its scored
    and no-band terms), then one missing match per indicator it does not assume."""
    out: list[Match] = []
    for it in items:
        groups = (
            (("pass", it.pass_terms), ("fail", it.fail_terms))
            if it.kind == "condition"
            else (("scored", it.scored_terms), ("noband", it.noband_terms))
        )
        out += [Match(it.index, status, j) for status, terms in groups for j in range(len(terms))]
        out += [Match(it.index, "missing", j) for j, f in enumerate(it.fields) if f not in it.assumed_names]
    return out


@dataclass(frozen=True)
class CriterionIR:
    """One criterion in intermediate form.

    A condition has disjoint ``pass_terms`` and ``fail_terms``. A points criterion has
    ``scored_terms`` — one per way through its ``if`` conditions or bands (a single empty
    term for a plain formula) — each with the formula that gives the points there
    (``scored_formulas``), and ``noband_terms``: the values no band of a ``bands:``
    criterion covers (none when the bands leave no gap the compiler can see).
    """

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
    scored_terms: tuple[E.Term, ...] = ((),)
    scored_formulas: tuple[E.Node, ...] = ()
    noband_terms: tuple[E.Term, ...] = ()
    band_value: E.Node | None = None  # for ``bands:``: the value banded …
    band_conds: tuple[E.Node, ...] = ()  # … each band's condition on it, in the order written …
    term_bands: tuple[int, ...] = ()  # … and the band of each scored term
    # 'assume_when_missing': indicator → the number, or the parameter's name, read in its place.
    assumed: tuple[tuple[str, float | str], ...] = ()
    # For each term, the assumed indicators it is for (absent from the scorecard); empty: all present.
    pass_absent: tuple[frozenset[str], ...] = ()
    fail_absent: tuple[frozenset[str], ...] = ()

    @functools.cached_property
    def compute(self) -> Callable[[Mapping[str, Any]], Any]:
        """The formula (or condition) as a function of the values."""
        return E.closure(self.node)

    @functools.cached_property
    def term_formulas(self) -> tuple[Callable[[Mapping[str, Any]], Any], ...]:
        """For each scored term, the points there as a function of the values."""
        return tuple(E.closure(f) for f in self.scored_formulas)

    @property
    def stepped(self) -> bool:
        """Whether its points depend on which band (or ``if`` branch) holds."""
        return len(self.scored_terms) > 1 or bool(self.noband_terms) or self.scored_terms != ((),)

    @property
    def if_missing(self) -> str:
        return self.model.if_missing

    @functools.cached_property
    def assumed_names(self) -> frozenset[str]:
        return frozenset(name for name, _ in self.assumed)

    def absent_for(self, status: str, term: int) -> frozenset[str]:
        """The assumed indicators a pass or fail term is for (absent from the scorecard)."""
        absent = {"pass": self.pass_absent, "fail": self.fail_absent}.get(status, ())
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


def magnitudes(model: CriteriaSet) -> dict[str, float]:
    """The largest magnitude each numeric indicator may take (its range; ±2**53 where open)."""
    out: dict[str, float] = {}
    for name, ind in model.indicators.items():
        if ind.type in NUMERIC_TYPES:
            lo, hi = ind.limits
            open_ = float(MAX_EXACT)
            out[name] = max(open_ if lo is None else abs(lo), open_ if hi is None else abs(hi))
    return out


def parameter_type(param: Parameter) -> E.Type:
    """``number``, or ``levels`` with the lists of levels the parameter may hold."""
    if param.is_levels:
        return E.Type("levels", tuple(dict.fromkeys(E.set_key(levels) for levels in param.level_sets())))
    return E.NUMBER


def environment(model: CriteriaSet) -> dict[str, E.Type]:
    env = {name: indicator_type(ind) for name, ind in model.indicators.items()}
    env.update({name: parameter_type(p) for name, p in model.parameters.items()})
    return env


def _short(text: str) -> str:
    return text if len(text) <= 80 else text[:60] + "…"


def _bound(value: float | str, env: Mapping[str, E.Type], model: CriteriaSet, suggest: Any) -> E.Node:
    """A band's bound: a number, or an expression of parameters (never of indicators)."""
    if not isinstance(value, str):
        return E.Num(int(value) if float(value).is_integer() else value)
    node = E.parse(value)
    if E.typecheck(node, env, value, suggest) != E.NUMBER:
        raise E.ExprError("expr.type", expr=value, detail=bi("expr.d.band_bound"))
    indicators = [n for n in E.names(node) if n in model.indicators]
    if indicators:
        raise E.ExprError(
            "expr.type",
            expr=value,
            detail=bi("expr.d.band_indicator", name=indicators[0]),
        )
    return node


def _points(value: float | str, env: Mapping[str, E.Type], suggest: Any) -> E.Node:
    if not isinstance(value, str):
        return E.Num(int(value) if float(value).is_integer() else value)
    node = E.parse(value)
    if E.contains_if(node) or E.typecheck(node, env, value, suggest) != E.NUMBER:
        raise E.ExprError("expr.type", expr=value, detail=bi("expr.d.band_points"))
    return node


def band_nodes(
    bands: Bands, env: Mapping[str, E.Type], model: CriteriaSet, suggest: Any
) -> tuple[E.Node, list[E.Node]]:
    """The value banded, and each band's condition on it (``True`` for a band with no bound)."""
    value = E.parse(bands.value)
    if E.contains_if(value) or E.typecheck(value, env, bands.value, suggest) != E.NUMBER:
        raise E.ExprError("expr.type", expr=bands.value, detail=bi("expr.d.band_value"))
    conds: list[E.Node] = []
    for band in bands.steps:
        parts = [
            E.Cmp(op, value, _bound(bound, env, model, suggest))
            for op, bound in filter(None, (band.lower(), band.upper()))
        ]
        conds.append(E.Bool(True) if not parts else parts[0] if len(parts) == 1 else E.And(tuple(parts)))
    return value, conds


def band_text(value: E.Node, cond: E.Node, subst: Mapping[str, Any] | None = None) -> str:
    """A band as people read it: ``90 ≤ on_time_pct < 95``, ``on_time_pct ≥ 95``, ``*`` (any value)."""
    parts = cond.items if isinstance(cond, E.And) else (cond,)
    cmps = [p for p in parts if isinstance(p, E.Cmp)]
    if len(cmps) == 2:
        lo, hi = cmps

        def show(n: E.Node) -> str:
            return E.render(n, subst)

        below = "≤" if lo.op == ">=" else "<"
        above = "≤" if hi.op == "<=" else "<"
        return f"{show(lo.right)} {below} {show(value)} {above} {show(hi.right)}"
    return E.render(cmps[0], subst) if cmps else "*"


def build_criterion(index: int, crit: Criterion, model: CriteriaSet, env: Mapping[str, E.Type]) -> CriterionIR:
    """Parse, type-check and normalise one criterion; raises :class:`expr.ExprError`."""
    from .errors import did_you_mean

    def suggest(name: str) -> str | None:
        return did_you_mean(name, env)

    doms = E.domains(env)
    value: E.Node | None = None
    conds: list[E.Node] = []
    if crit.bands is not None:
        value, conds = band_nodes(crit.bands, env, model, suggest)
        node: E.Node = E.NoPoints()
        for band, cond in reversed(list(zip(crit.bands.steps, conds, strict=True))):
            node = E.If(cond, _points(band.points, env, suggest), node)
        text = "; ".join(
            f"{band_text(value, cond)} → {E.render(_points(b.points, env, suggest))}"
            for b, cond in zip(crit.bands.steps, conds, strict=True)
        )
        found = E.typecheck(node, env, text, suggest)
    else:
        written = crit.condition if crit.condition is not None else crit.points
        assert written is not None
        text = written
        node = E.parse(text)
        found = E.typecheck(node, env, text, suggest)
    used = E.names(node)
    fields = tuple(n for n in used if n in model.indicators)
    params = tuple(n for n in used if n in model.parameters)
    if crit.condition is not None:
        if found != E.BOOL:
            raise E.ExprError("expr.type", expr=text, detail=bi("expr.d.condition", found=found.describe()))
        if E.contains_if(node):
            raise E.ExprError(
                "expr.type",
                expr=_short(text),
                detail=bi("expr.d.if_condition"),
            )
        if E.magnitude(node, magnitudes(model)) > ARITH_MAX:
            raise E.ExprError("expr.overflow", expr=_short(text))
        return _condition(index, crit, model, env, doms, text, node, fields, params)
    if found != E.NUMBER:
        raise E.ExprError("expr.type", expr=text, detail=bi("expr.d.points", found=found.describe()))
    if not E.contains_if(node):
        return CriterionIR(index, crit.id, "points", text, node, fields, params, (), (), crit, ((),), (node,), ())
    scored, formulas, leaves, noband = _stepped(node, text, model, env, doms)
    return CriterionIR(
        index,
        crit.id,
        "points",
        text,
        node,
        fields,
        params,
        (),
        (),
        crit,
        scored_terms=scored,
        scored_formulas=formulas,
        noband_terms=noband,
        band_value=value,
        band_conds=tuple(conds),
        term_bands=leaves if crit.bands is not None else (),  # the k-th way through a chain of bands is band k
    )


def _stepped(
    node: E.Node, text: str, model: CriteriaSet, env: Mapping[str, E.Type], doms: E.Domains
) -> tuple[tuple[E.Term, ...], tuple[E.Node, ...], tuple[int, ...], tuple[E.Term, ...]]:
    """The disjoint terms of each way through the ``if`` conditions of a points formula, with
    the formula that applies there and which way it is; the terms where no band applies apart."""
    if E.branch_count(node) > DNF_MAX_RULES:
        raise E.ExprError("expr.too_many_rules", expr=_short(text), max=DNF_MAX_RULES)
    sizes = magnitudes(model)
    scored: list[E.Term] = []
    formulas: list[E.Node] = []
    leaves: list[int] = []
    noband: list[E.Term] = []
    for leaf, (conds, formula) in enumerate(E.branches(node)):
        for cond in conds:
            if E.magnitude(cond, sizes) > ARITH_MAX:
                raise E.ExprError("expr.overflow", expr=_short(E.render(cond)))
        whole = conds[0] if len(conds) == 1 else E.And(conds)
        terms = [()] if not conds else E.disjoint_dnf(E.nnf(whole, env), doms=doms)
        if isinstance(formula, E.NoPoints):
            noband.extend(terms)
        else:
            scored.extend(terms)
            formulas.extend(formula for _ in terms)
            leaves.extend(leaf for _ in terms)
        if len(scored) + len(noband) > DNF_MAX_RULES:
            raise E.ExprError("expr.too_many_rules", expr=_short(text), max=DNF_MAX_RULES)
    return tuple(scored), tuple(formulas), tuple(leaves), tuple(noband)


def _condition(
    index: int,
    crit: Criterion,
    model: CriteriaSet,
    env: Mapping[str, E.Type],
    doms: E.Domains,
    text: str,
    node: E.Node,
    fields: tuple[str, ...],
    params: tuple[str, ...],
) -> CriterionIR:
    """A condition's disjoint pass and fail terms: one set for each combination of the indicators
    it assumes when missing that are left out (the first set: none left out)."""
    assumed = tuple(crit.assume_when_missing.items())
    check_assumptions(crit, fields, model)
    params += tuple(v for _, v in assumed if isinstance(v, str) and v not in params)
    pass_terms: list[E.Term] = []
    fail_terms: list[E.Term] = []
    pass_absent: list[frozenset[str]] = []
    fail_absent: list[frozenset[str]] = []
    names = [name for name, _ in assumed]
    for absent in (frozenset(c) for k in range(len(names) + 1) for c in itertools.combinations(names, k)):
        variant = _substitute(
            node, {n: E.Name(v) if isinstance(v, str) else E.Num(v) for n, v in assumed if n in absent}
        )
        passing = E.disjoint_dnf(E.nnf(variant, env), doms=doms)
        failing = E.disjoint_dnf(E.nnf(E.Not(variant), env), doms=doms)
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
        assumed=assumed,
        pass_absent=tuple(pass_absent) if assumed else (),
        fail_absent=tuple(fail_absent) if assumed else (),
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
            shown = {"value": format_number(value), "min": _limit_text(lo, "-∞"), "max": _limit_text(hi, "+∞")}
            raise AssumptionError("criterion.assume_range", name, {**base, **shown})


def _limit_text(v: float | None, absent: str) -> str:
    return absent if v is None else format_number(v)


def _substitute(node: E.Node, by: Mapping[str, E.Node]) -> E.Node:
    """``node`` with the names in ``by`` replaced by their nodes."""
    if not by:
        return node
    if isinstance(node, E.Name):
        return by.get(node.id, node)
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(node):
        value = getattr(node, f.name)
        if isinstance(value, tuple):
            changes[f.name] = tuple(_substitute(v, by) for v in value)
        elif not isinstance(value, (str, int, float, bool)):
            changes[f.name] = _substitute(value, by)
    return dataclasses.replace(node, **changes)
