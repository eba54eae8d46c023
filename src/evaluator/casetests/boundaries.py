"""Boundary cases: scorecards at, just below and just above every threshold of a criteria set.

For each condition criterion, and each edge of a band (or ``if`` condition) of points by
steps, every literal that compares one numeric indicator with a threshold — a constant, or
an expression of parameters and constants — gives a case per
value the threshold takes (per region and year where the parameters distinguish them):
three units, ``below``, ``at`` and ``above``, each alone in its peer group so no quota
couples them. Every other indicator comes from a baseline unit: ``--base`` (the first
scorecard of a file) or one built to pass as many conditions as it can.

Steps: 1 for ``count`` indicators (thresholds between two whole numbers give the two
neighbours); 1 for ``points`` and 0.1 for ``percent`` and ``number``, unless ``epsilon``
is given. Values outside the indicator's range are left out.

The expected results are those of the oracle (:data:`evaluator.backends.ORACLE`); the runner
checks that the product's backend agrees with them (and with the oracle, case by case).
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .. import backends
from .. import expr as E
from ..api import default_scheme_path, evaluate
from ..backends import ORACLE, oracle_matches
from ..errors import Location
from ..ir import CriterionIR
from ..load import Criteria, bind_scheme, load_criteria
from ..model.criteria import NUMERIC_TYPES, Indicator
from ..output import check_target, write_text
from ..params import resolve, with_dependencies
from ..scorecards import RawCard, check_scorecards, raw_cards
from ..text import format_number
from .spec import merge_card

__all__ = ["Generated", "Skipped", "Threshold", "generate_boundaries", "thresholds", "write_boundaries"]

DEFAULT_STEP = {"count": 1.0, "points": 1.0, "percent": 0.1, "number": 0.1}
NO_BAND = "points.no_band"
DECIMALS = 10


@dataclass(frozen=True)
class Threshold:
    """``indicator op rhs`` inside criterion ``criterion`` (``rhs`` uses no indicator)."""

    criterion: str
    indicator: str
    op: str
    rhs: E.Node
    params: tuple[str, ...]

    def text(self) -> str:
        return E.render(E.Cmp(self.op, E.Name(self.indicator), self.rhs))


@dataclass(frozen=True)
class Skipped:
    criterion: str
    detail: str
    why: str  # a message code
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class Generated:
    """A generated test file (as data, ready to dump) and what was left out."""

    data: dict[str, Any]
    cases: int
    thresholds: int
    skipped: list[Skipped]


def _literals(it: CriterionIR) -> list[E.Cmp]:
    seen: dict[E.Cmp, None] = {}
    for term in (*it.pass_terms, *it.fail_terms, *(it.scored_terms if it.stepped else ()), *it.noband_terms):
        for lit in term:
            seen.setdefault(lit, None)
    return list(seen)


def thresholds(criteria: Criteria) -> tuple[list[Threshold], list[Skipped]]:
    """Every (criterion, indicator, threshold) the conditions compare, and the literals skipped."""
    model = criteria.model
    found: dict[tuple[str, str, E.Node], Threshold] = {}
    skipped: list[Skipped] = []
    odd: set[tuple[str, E.Node, E.Node]] = set()
    for it in criteria.items:
        if it.kind != "condition" and not it.stepped:
            continue
        for lit in _literals(it):
            left, right, op = lit.left, lit.right, lit.op
            lnames = [n for n in E.names(left) if n in model.indicators]
            rnames = [n for n in E.names(right) if n in model.indicators]
            if isinstance(right, E.Name) and right.id in model.indicators and not lnames:
                left, right, op = right, left, E.FLIPPED[op]
                lnames, rnames = rnames, lnames
            if not isinstance(left, E.Name) or left.id not in model.indicators or rnames:
                numeric = [n for n in (*lnames, *rnames) if model.indicators[n].type in NUMERIC_TYPES]
                if numeric and (it.id, lit.left, lit.right) not in odd:
                    odd.add((it.id, lit.left, lit.right))
                    skipped.append(Skipped(it.id, E.render(lit), "casetest.why.not_threshold"))
                continue
            if model.indicators[left.id].type not in NUMERIC_TYPES:
                continue  # yes/no and ratings have no threshold to stand beside
            rhs = E.fold(right)
            key = (it.id, left.id, rhs)
            if key not in found:
                params = tuple(n for n in E.names(rhs) if n in model.parameters)
                found[key] = Threshold(it.id, left.id, op, rhs, params)
    return list(found.values()), skipped


def _round(x: float) -> float | int:
    value = round(x, DECIMALS)
    return int(value) if float(value).is_integer() else value


def _step(ind: Indicator, epsilon: float | None) -> float:
    if ind.type == "count":
        return 1.0
    return epsilon if epsilon is not None else DEFAULT_STEP.get(ind.type, 0.1)


def _in_range(ind: Indicator, x: float) -> bool:
    lo, hi = ind.bounds()
    return (lo is None or x >= lo) and (hi is None or x <= hi)


def points_around(ind: Indicator, t: float, epsilon: float | None) -> list[tuple[str, float | int]]:
    """(``below``/``at``/``above``, value) around threshold ``t``, inside the indicator's range."""
    step = _step(ind, epsilon)
    if ind.type == "count":
        if float(t).is_integer():
            raw = [("below", t - 1), ("at", t), ("above", t + 1)]
        else:
            raw = [("below", math.floor(t)), ("above", math.ceil(t))]
    else:
        raw = [("below", t - step), ("at", t), ("above", t + step)]
    return [(name, _round(x)) for name, x in raw if _in_range(ind, x)]


def with_deps(criteria: Criteria, names: Sequence[str]) -> list[str]:
    """``names`` and every parameter their formulas use, transitively."""
    return with_dependencies(criteria.model.parameters, names)


def _years(criteria: Criteria, names: Sequence[str], default: int) -> list[int]:
    years = {default}
    for name in with_deps(criteria, names):
        for v in criteria.model.parameters[name].values:
            years.update(y for y in (v.from_year, v.to_year) if y is not None)
    return sorted(y for y in years if criteria.model.in_force(y))


def _regional(criteria: Criteria, names: Sequence[str]) -> bool:
    return any(v.region is not None for n in with_deps(criteria, names) for v in criteria.model.parameters[n].values)


def _values_at(criteria: Criteria, region: str | None, year: int) -> dict[str, Any]:
    params = criteria.model.parameters
    return {name: resolve(name, p, region, year, params).value for name, p in params.items()}


def baseline(criteria: Criteria, region: str | None, year: int, epsilon: float | None = None) -> dict[str, Any]:
    """Indicator values that pass as many conditions as a coordinate search finds (all present)."""
    model = criteria.model
    params = {k: v for k, v in _values_at(criteria, region, year).items() if v is not None}
    found, _ = thresholds(criteria)
    candidates: dict[str, list[Any]] = {}
    values: dict[str, Any] = {}
    for name, ind in model.indicators.items():
        if ind.type == "yesno":
            candidates[name] = [False, True]
        elif ind.type == "rating":
            candidates[name] = list(ind.choices or ())
        else:
            lo, hi = ind.bounds()
            options = [x for x in (hi, lo, 0) if x is not None and _in_range(ind, x)]
            for th in found:
                if th.indicator == name and all(p in params for p in th.params):
                    t = float(E.evaluate(th.rhs, params))
                    options.extend(x for _, x in points_around(ind, t, epsilon))
            candidates[name] = [_round(x) for x in dict.fromkeys(options)] or [0]
        values[name] = candidates[name][0]

    def passes(vals: dict[str, Any]) -> int:
        scope = {**vals, **params}
        usable = [it for it in criteria.items if it.kind == "condition" and all(p in params for p in it.params)]
        return sum(1 for m in oracle_matches(tuple(usable), scope) if m.status == "pass")

    for _ in range(3):
        changed = False
        for name in model.indicators:
            best, best_score = values[name], passes(values)
            for option in candidates[name]:
                trial = passes({**values, name: option})
                if trial > best_score:
                    best, best_score = option, trial
            if best != values[name]:
                values[name], changed = best, True
        if not changed:
            break
    return values


def _base_card(path: str | Path, criteria: Criteria) -> dict[str, Any]:
    cards = check_scorecards(raw_cards([path], criteria)[:1], criteria)
    card = cards[0]
    return {"kind": card.card.kind, "region": card.card.region, "year": card.card.year, "indicators": card.values}


def generate_boundaries(
    criteria_path: str | Path,
    output: str | Path,
    *,
    scheme_path: str | Path | None = None,
    epsilon: float | None = None,
    base: str | Path | None = None,
) -> Generated:
    """The boundary test file for ``criteria_path``, as data for ``output`` (paths relative to it)."""
    criteria = load_criteria(criteria_path)
    scheme = bind_scheme(scheme_path if scheme_path is not None else default_scheme_path(criteria), criteria)
    model = criteria.model
    out_dir = Path(output).resolve().parent
    default_year = model.valid_from.year
    kind = model.unit_kinds[0]
    regions: list[str | None] = list(model.regions) if model.regions else [None]
    base_card = _base_card(base, criteria) if base is not None else None
    if base_card is not None:
        default_year, kind = base_card["year"], base_card["kind"]
        if base_card["region"] is not None:
            regions = [base_card["region"], *(r for r in regions if r != base_card["region"])]
    found, skipped = thresholds(criteria)
    cases: list[dict[str, Any]] = []
    baselines: dict[tuple[str | None, int], dict[str, Any]] = {}
    used = sorted({p for it in criteria.items for p in it.params} | set(getattr(scheme, "band_params", ())))

    def unrated(region: str | None, year: int) -> str | None:
        """The parameter to fill before a unit of ``region`` and ``year`` can be rated (a formula's open input)."""
        params = model.parameters
        for name in used:
            res = resolve(name, params[name], region, year, params)
            if res.value is None:
                roots = res.missing_roots() if hasattr(res, "missing_roots") else [res]
                return roots[0].name if roots else name
        return None

    if base_card is None and unrated(regions[0], default_year) is not None:
        # Start where units can be rated: the first region and year every threshold has a value for.
        options = [(r, y) for y in _years(criteria, used, default_year) for r in regions]
        ready = [(r, y) for r, y in options if unrated(r, y) is None]
        if ready:
            first_region, default_year = ready[0]
            regions = [first_region, *(r for r in regions if r != first_region)]

    def base_values(region: str | None, year: int) -> dict[str, Any]:
        if base_card is not None:
            return dict(base_card["indicators"])
        if (region, year) not in baselines:
            baselines[(region, year)] = baseline(criteria, region, year, epsilon)
        return baselines[(region, year)]

    first = base_values(regions[0], default_year)
    defaults: dict[str, Any] = {"kind": kind, "parent": "boundaries", "year": default_year}
    if regions[0] is not None:
        defaults["region"] = regions[0]
    defaults["indicators"] = first
    uses = {it.id: it for it in criteria.items}
    for th in found:
        ind = model.indicators[th.indicator]
        combos: list[tuple[str | None, int]] = []
        region_list = regions if _regional(criteria, th.params) else regions[:1]
        for region in region_list:
            combos.extend((region, y) for y in _years(criteria, th.params, default_year))
        seen: set[tuple[str | None, float]] = set()
        for region, year in combos:
            values = _values_at(criteria, region, year)
            absent = unrated(region, year) if any(values[p] is None for p in th.params) else None
            absent = absent or unrated(region, year)
            if absent:
                skipped.append(
                    Skipped(
                        th.criterion,
                        th.text(),
                        "casetest.why.param_missing",
                        {"name": absent, "region": region or "—", "year": year},
                    )
                )
                continue
            t = float(E.evaluate(th.rhs, values))
            key = (region if _regional(criteria, th.params) else None, t)
            if key in seen:
                continue
            seen.add(key)
            cards = []
            for name, x in points_around(ind, t, epsilon):
                card: dict[str, Any] = {"unit": name, "peer_group": name}
                if region is not None and region != regions[0]:
                    card["region"] = region
                if year != default_year:
                    card["year"] = year
                indicators = {k: v for k, v in base_values(region, year).items() if first.get(k, object()) != v}
                indicators[th.indicator] = x
                card["indicators"] = indicators
                cards.append(card)
            if not cards:
                continue
            where = ", ".join(
                [*(f"{p} = {format_number(values[p])}" for p in th.params), *([region] if region else []), str(year)]
            )
            case: dict[str, Any] = {
                "name": f"{th.criterion}: {E.render(E.Cmp(th.op, E.Name(th.indicator), E.Num(t)))} ({where})",
                "scorecards": cards,
            }
            # A value no band holds stops the rating: its unit gets a case of its own that
            # expects exactly that (lint reports the gap).
            for card in [c for c in cards if _in_no_band(criteria, defaults, c)]:
                cards.remove(card)
                cases.append(
                    {"name": f"{case['name']} — {card['unit']}", "scorecards": [card], "expect_error": NO_BAND}
                )
            if cards:
                case["expect"] = _expect(criteria, scheme, defaults, cards, th.indicator, uses)
                cases.append(case)
    data: dict[str, Any] = {
        "criteria": os.path.relpath(Path(criteria_path).resolve(), out_dir),
    }
    if scheme_path is not None:
        data["scheme"] = os.path.relpath(Path(scheme_path).resolve(), out_dir)
    data["description"] = (
        "Boundary cases generated by `evaluator test --generate-boundaries`; expected results from the "
        "reference evaluator. Regenerate after changing thresholds."
    )
    data["fail_under"] = 0
    data["defaults"] = defaults
    data["cases"] = cases
    return Generated(data, len(cases), len(found), skipped)


def _expect(
    criteria: Criteria,
    scheme: Any,
    defaults: dict[str, Any],
    cards: list[dict[str, Any]],
    indicator: str,
    uses: dict[str, CriterionIR],
) -> dict[str, Any]:
    raws = [
        RawCard(merge_card(defaults, card), lambda loc: Location(field=".".join(map(str, loc)) or None))
        for card in cards
    ]
    subs = check_scorecards(raws, criteria)
    run = evaluate(criteria, subs, scheme, backend=ORACLE)
    relevant = [cid for cid, it in uses.items() if indicator in it.fields]
    expect: dict[str, Any] = {}
    by_unit = {d.unit: d for d in run.results}
    for card in cards:
        d = by_unit[card["unit"]]
        entry: dict[str, Any] = {"status": d.status, "level": d.level, "level_before_quota": d.level_before_quota}
        if d.score is not None:
            entry["score"] = _round(d.score)
        findings: dict[str, Any] = {}
        for cid in relevant:
            f = d.finding(cid)
            # Points by steps: the points say which band the value fell in.
            if uses[cid].stepped and f.points is not None:
                findings[cid] = {"status": f.status, "points": _round(f.points)}
            else:
                findings[cid] = f.status
        entry["findings"] = findings
        expect[d.unit] = entry
    return expect


def _in_no_band(criteria: Criteria, defaults: dict[str, Any], card: dict[str, Any]) -> bool:
    """Whether ``card`` has a value that no band of a ``bands:`` criterion holds."""
    raw = RawCard(merge_card(defaults, card), lambda loc: Location(field=".".join(map(str, loc)) or None))
    sub = check_scorecards([raw], criteria)[0]
    values = dict(sub.values)
    params = criteria.model.parameters
    values.update(
        {
            n: v
            for n, p in params.items()
            if (v := resolve(n, p, sub.card.region, sub.card.year, params).value) is not None
        }
    )
    metas = oracle_matches(criteria.items, values)
    return any(m.status == "noband" for m in metas)


HEADER = """\
# Boundary cases for {criteria}: at, just below and just above every threshold.
# Generated by `evaluator test --generate-boundaries`; expected results come from
# {oracle}, and `evaluator test` checks {backend} against them.
# Regenerate after changing a threshold or a parameter; do not edit by hand.
"""


def write_boundaries(
    criteria_path: str | Path,
    output: str | Path | None = None,
    *,
    scheme_path: str | Path | None = None,
    epsilon: float | None = None,
    base: str | Path | None = None,
) -> tuple[Path, Generated]:
    """Generate and write the boundary test file; default ``<criteria stem>.boundaries.test.yaml``."""
    criteria_path = Path(criteria_path)
    if output is None:
        output = criteria_path.with_name(criteria_path.stem + ".boundaries.test.yaml")
    output = Path(output)
    gen = generate_boundaries(criteria_path, output, scheme_path=scheme_path, epsilon=epsilon, base=base)
    names = {"backend": backends.title(backends.DEFAULT).get("en"), "oracle": backends.title(backends.ORACLE).get("en")}
    text = HEADER.format(criteria=criteria_path.name, **names) + yaml.safe_dump(
        gen.data, allow_unicode=True, sort_keys=False, width=120, default_flow_style=None
    )
    check_target(output, [("criteria", criteria_path)])
    write_text(output, [text])
    return output, gen
