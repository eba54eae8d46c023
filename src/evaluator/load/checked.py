"""A criteria set checked and compiled: model → intermediate form, every problem located."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import expr as E
from ..errors import DefinitionError, Location, Problem, did_you_mean
from ..ir import AssumptionError, CriterionIR, build_criterion, environment, parameter_type
from ..model import CriteriaSet
from ..model.criteria import NUMERIC_TYPES
from ..params import overlaps
from ..sources import Document
from ..text import Bilingual, bi, format_number
from ..wording import Vocabulary
from .read import Origins


@dataclass(frozen=True)
class Criteria:
    """A criteria set ready to compile: the model, its criteria in intermediate form, its hash."""

    model: CriteriaSet
    path: str
    sha256: str
    items: tuple[CriterionIR, ...]
    doc: Document = field(repr=False, compare=False)
    origins: Any = field(default=None, repr=False, compare=False)  # where each part came from (overlays)
    bases: tuple[dict[str, str], ...] = ()  # the sets an overlay extends, innermost first
    range_params: dict[str, str] = field(default_factory=dict)  # indicator → the parameter giving its max

    @property
    def id(self) -> str:
        return self.model.id

    def locate(self, loc: Sequence[Any]) -> Location:
        """Where ``loc`` (a path in the merged set) was written: the national file or an overlay."""
        return (self.origins or self.doc).locate(loc)

    def item(self, criterion_id: str) -> CriterionIR:
        for it in self.items:
            if it.id == criterion_id:
                return it
        raise KeyError(criterion_id)

    def ids(self) -> list[str]:
        return [it.id for it in self.items]

    def identity(self) -> dict[str, str]:
        return {"id": self.model.id, "version": self.model.version, "sha256": self.sha256, "file": self.path}

    def meta(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.model.id, "version": self.model.version, "sha256": self.sha256}
        if self.model.family:
            out["family"] = self.model.family
        if self.bases:
            out["extends"] = list(self.bases)
        return out

    @functools.cached_property
    def known_keys(self) -> frozenset[str]:
        """Indicator and criterion ids (what evidence may be keyed by)."""
        return frozenset(self.model.indicators) | frozenset(self.ids())

    @functools.cached_property
    def bounded_by(self) -> dict[str, Any]:
        """Indicators that may not exceed another indicator (``at_most``), by name."""
        return {name: ind for name, ind in self.model.indicators.items() if ind.at_most is not None}

    @functools.cached_property
    def required_indicators(self) -> tuple[str, ...]:
        return tuple(name for name, ind in self.model.indicators.items() if ind.required)

    @functools.cached_property
    def titles(self) -> dict[str, Bilingual]:
        """Criterion id → title in both languages."""
        return {it.id: Bilingual(it.model.title.vi, it.model.title.en) for it in self.items}

    @functools.cached_property
    def vocabulary(self) -> Vocabulary:
        """The titles of the indicators and parameters, for conditions and values in words."""
        return Vocabulary.of(self.model)


def finish_criteria(
    model: CriteriaSet,
    origins: Origins,
    path: Path,
    digest: str,
    top: Document,
    bases: tuple[dict[str, str], ...] = (),
) -> Criteria:
    """Check a (possibly merged) criteria set and compile its criteria to intermediate form."""
    doc = origins
    problems: list[Problem] = []
    model, range_params = _resolve_ranges(model, origins, problems)
    if problems:  # an indicator's range is unknown: nothing below can be checked against it
        raise DefinitionError(problems)
    env = environment(model)

    for name in model.parameters:
        if name in model.indicators:
            problems.append(Problem("param.name_clash", doc.locate(("parameters", name)), {"name": name}))
    numeric = [n for n, ind in model.indicators.items() if ind.type in NUMERIC_TYPES]
    for name, ind in model.indicators.items():
        if ind.at_most is not None and (ind.at_most not in numeric or ind.at_most == name):
            problems.append(
                Problem(
                    "value.unknown_ref",
                    doc.locate(("indicators", name, "at_most")),
                    {"name": ind.at_most, "what": "another numeric indicator"},
                    did_you_mean(ind.at_most, [n for n in numeric if n != name]),
                )
            )
    for name, param in model.parameters.items():
        for i, value in enumerate(param.values):
            if model.regions is None and value.region is not None:
                # No scorecard's region is checked against a set without regions: such a value
                # would apply to whoever writes that region, unseen (an overlay's loosening too).
                problems.append(
                    Problem(
                        "param.region_undeclared",
                        doc.locate(("parameters", name, "values", i, "region")),
                        {"name": name, "region": value.region},
                    )
                )
            if model.regions is not None and value.region is not None and value.region not in model.regions:
                problems.append(
                    Problem(
                        "value.unknown_ref",
                        doc.locate(("parameters", name, "values", i, "region")),
                        {"name": value.region, "what": "region"},
                        did_you_mean(value.region, model.regions),
                    )
                )
        for i, j in overlaps(param):
            problems.append(
                Problem(
                    "param.ambiguous",
                    doc.locate(("parameters", name, "values", j)),
                    {"name": name, "region": param.values[j].region or "*", "year": f"(values {i + 1} and {j + 1})"},
                )
            )

    problems.extend(_check_formulas(model, origins))

    items: list[CriterionIR] = []
    seen: dict[str, int] = {}
    for i, crit in enumerate(model.criteria):
        if crit.id in seen:
            first = doc.locate(("criteria", seen[crit.id], "id"))
            problems.append(
                Problem(
                    "value.duplicate_id",
                    doc.locate(("criteria", i, "id")),
                    {"id": crit.id, "first": f"line {first.line}"},
                )
            )
            continue
        seen[crit.id] = i
        key = "condition" if crit.condition is not None else "points" if crit.points is not None else "bands"
        try:
            items.append(build_criterion(i, crit, model, env))
        except E.ExprError as exc:
            owner = Bilingual(f"tiêu chí «{crit.id}»", f"criterion '{crit.id}'")
            problems.append(_expr_problem(exc, doc.locate(("criteria", i, key)), owner))
        except AssumptionError as exc:
            where = doc.locate(("criteria", i, "assume_when_missing", exc.name))
            problems.append(Problem(exc.code, where, exc.params, exc.suggestion))
    if problems:
        raise DefinitionError(problems)
    # The engine's fact carries every value; keep well inside its 255-property limit.
    if len(model.indicators) + len(model.parameters) > 240:
        raise DefinitionError(
            Problem("type.invalid", doc.locate(("indicators",)), {"detail": bi("detail.too_many_names")})
        )
    with_source = model.model_copy(
        update={
            "parameters": {
                name: p.model_copy(
                    update={"values": tuple(v.model_copy(update={"source": v.source or str(path)}) for v in p.values)}
                )
                for name, p in model.parameters.items()
            }
        }
    )
    return Criteria(with_source, str(path), digest, tuple(items), top, origins, bases, range_params)


def _resolve_ranges(model: CriteriaSet, doc: Origins, problems: list[Problem]) -> tuple[CriteriaSet, dict[str, str]]:
    """Indicators whose ``max`` names a parameter get its value (the name stays, so an overlay
    that sets the parameter sets the range): the parameter must have one value everywhere (not
    by region or year, not a formula, not null). Returns the set with every range known, and
    indicator → the parameter that gives its ``max``."""
    named = {name: ind.max for name, ind in model.indicators.items() if isinstance(ind.max, str)}
    if not named:
        return model, {}
    indicators = dict(model.indicators)
    for name, param_name in named.items():
        where = doc.locate(("indicators", name, "max"))
        param = model.parameters.get(param_name)
        if param is None:
            params = {"name": param_name, "what": f"parameter of '{model.id}'"}
            problems.append(Problem("value.unknown_ref", where, params, did_you_mean(param_name, model.parameters)))
            continue
        entry = param.values[0]
        if (
            len(param.values) != 1
            or not isinstance(entry.value, (int, float))  # unset, or a list of levels: no bound
            or entry.region
            or entry.from_year
            or entry.to_year
        ):
            problems.append(Problem("indicator.range_param", where, {"name": name, "param": param_name}))
            continue
        ind, value = indicators[name], entry.value
        lo = ind.min if ind.min is not None else 0.0 if ind.type in ("percent", "count", "points") else None
        if (lo is not None and value < lo) or (ind.type == "percent" and value > 100):
            shown = {"name": name, "param": param_name, "value": format_number(value)}
            problems.append(Problem("indicator.range_value", where, shown))
            continue
        indicators[name] = ind.with_max_value(value)
    return model.model_copy(update={"indicators": indicators}), {n: p for n, p in named.items()}


def _expr_problem(exc: E.ExprError, where: Location, owner: Bilingual) -> Problem:
    """An expression's problem, located, naming the criterion or parameter it belongs to."""
    params = dict(exc.params)
    suggestion = params.pop("suggestion", None)
    return Problem(exc.code, where, {**params, "owner": owner}, suggestion)


def _check_formulas(model: CriteriaSet, doc: Origins) -> list[Problem]:
    """Each parameter formula parses, uses only parameters and 'year', and no parameter depends on itself."""
    problems: list[Problem] = []
    env = {name: parameter_type(p) for name, p in model.parameters.items()}
    env["year"] = E.NUMBER
    deps: dict[str, set[str]] = {name: set() for name in model.parameters}
    for name, param in model.parameters.items():
        for i, value in enumerate(param.values):
            if value.formula is None:
                continue
            loc = ("parameters", name, "values", i, "formula")
            try:
                node = E.parse(value.formula)
                found = E.typecheck(node, env, value.formula, lambda n: did_you_mean(n, env))
                if found != E.NUMBER:
                    raise E.ExprError("expr.type", expr=value.formula, detail=bi("expr.d.formula"))
            except E.ExprError as exc:
                owner = Bilingual(f"tham số «{name}»", f"parameter '{name}'")
                problems.append(_expr_problem(exc, doc.locate(loc), owner))
                continue
            deps[name].update(n for n in E.names(node) if n != "year")

    def cycle_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(deps.get(node, ())):
                if nxt == start:
                    return [*path, nxt]
                if nxt not in path:
                    stack.append((nxt, [*path, nxt]))
        return None

    for name in sorted(deps):
        cycle = cycle_from(name)
        if cycle is not None and cycle[0] == min(cycle[:-1]):
            problems.append(Problem("param.cycle", doc.locate(("parameters", name)), {"cycle": " → ".join(cycle)}))
    return problems
