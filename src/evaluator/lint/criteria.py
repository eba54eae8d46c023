"""Checks of a criteria set: unused names, thresholds and parameter values against the indicators'
ranges, constant conditions, points bands, parameters open or missing, legal references.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .. import expr as E
from ..errors import Location, Problem
from ..intervals import Interval, band_report
from ..ir import CriterionIR, band_text
from ..load import Criteria
from ..model.criteria import NUMERIC_TYPES
from ..model.scheme import Scheme
from ..params import resolve
from ..text import bi
from .ranges import bounds_text, constant_value, interval, num_text, param_deps, years_to_check
from .report import finding


def _source(criteria: Criteria) -> Any:
    """What locates paths of a (possibly merged) criteria set in the files that wrote them."""
    return criteria if hasattr(criteria, "locate") else criteria.doc


def _param_value_loc(src: Any, name: str, k: int) -> tuple[Any, ...]:
    """The path of value ``k`` of parameter ``name``: ``value`` in the shorthand, else ``values.k.value``."""
    base = src.locate(("parameters", name))
    short = src.locate(("parameters", name, "value"))
    if k == 0 and (short.line, short.column) != (base.line, base.column):
        return ("parameters", name, "value")
    return ("parameters", name, "values", k, "value")


def _sort_keys(scheme: Scheme | None) -> set[str]:
    if scheme is None:
        return set()
    keys = {k.key for k in scheme.ranking}
    if scheme.quota is not None:
        keys |= {k.key for k in scheme.quota.keep_order}
    return keys


def lint_criteria(criteria: Criteria, scheme: Scheme | None = None) -> list[Problem]:
    """Findings in one criteria file (``scheme``: its scheme, for the sort keys it uses)."""
    model, src = criteria.model, _source(criteria)
    out: list[Problem] = []
    used_fields = {f for it in criteria.items for f in it.fields}
    direct = {p for it in criteria.items for p in it.params} | set(criteria.range_params.values())
    if scheme is not None:
        direct |= {lv.min_score for lv in scheme.levels if isinstance(lv.min_score, str)}
    used_params = set(param_deps(criteria, direct))
    sort_keys = _sort_keys(scheme)
    for name in model.indicators:
        if name not in used_fields and name not in sort_keys:
            out.append(finding("lint.unused_indicator", key_location(src, ("indicators", name)), {"name": name}))
    for name in model.parameters:
        if name not in used_params:
            out.append(finding("lint.unused_parameter", key_location(src, ("parameters", name)), {"name": name}))

    for it in criteria.items:
        key = "condition" if it.kind == "condition" else "points"
        where = src.locate(("criteria", it.index, key))
        if it.model.reference is None:
            out.append(
                finding(
                    "lint.reference_missing",
                    src.locate(("criteria", it.index)),
                    {"what": bi("lint.what.criterion"), "name": it.id},
                )
            )
        if it.kind == "points":
            out.extend(_points_band_findings(it, criteria))
            bound = interval(it.node, criteria)[1]
            declared = it.model.max_points
            if declared is not None and math.isfinite(bound) and abs(bound - declared) > 1e-9:
                out.append(
                    finding(
                        "lint.max_points",
                        src.locate(("criteria", it.index, "max_points")),
                        {"criterion": it.id, "declared": num_text(declared), "bound": num_text(bound)},
                    )
                )
            continue
        ranged = _range_findings(it, criteria, where, out)
        if not ranged:
            always = constant_value(it, criteria)
            if always is not None:
                out.append(
                    finding(
                        "lint.condition_constant",
                        where,
                        {
                            "criterion": it.id,
                            "condition": it.text,
                            "always": bi(f"lint.always.{'true' if always else 'false'}"),
                            "name": it.fields[0],
                        },
                    )
                )
    out.extend(_parameter_findings(criteria, direct & set(model.parameters)))
    return out


def _points_band_findings(it: CriterionIR, criteria: Criteria) -> list[Problem]:
    """Gaps, overlaps and empty bands of a ``bands:`` criterion, in every region and year its
    bounds tell apart (where a bound has no value yet, the province's overlay is checked)."""
    if it.band_value is None:
        return []
    model, src = criteria.model, _source(criteria)
    value, conds = it.band_value, it.band_conds
    names = sorted({n for c in conds for n in E.names(c) if n in model.parameters})
    regions: list[str | None] = list(model.regions) if model.regions else [None]
    first_year = (model.valid_from or dt.date(2000, 1, 1)).year  # no parameter read: any year gives the same
    places = [(r, y) for r in regions for y in years_to_check(criteria, names)] if names else [(None, first_year)]
    contexts: list[tuple[dict[str, Any], str]] = []
    for region, year in places:
        ctx = {n: resolve(n, model.parameters[n], region, year, model.parameters).value for n in names}
        if any(v is None for v in ctx.values()) or any(ctx == c for c, _ in contexts):
            continue
        contexts.append((ctx, ", ".join(str(x) for x in (region, year) if x is not None)))
    if len(contexts) == 1:
        contexts = [(contexts[0][0], "")]
    shown = E.render(value)
    whole = isinstance(value, E.Name) and value.id in model.indicators and model.indicators[value.id].type == "count"
    if isinstance(value, E.Name) and value.id in model.indicators:
        lo, hi = model.indicators[value.id].bounds()
        lo, hi = (-math.inf if lo is None else lo), (math.inf if hi is None else hi)
    else:
        lo, hi = interval(value, criteria)
    span = Interval(lo, True, hi, True, whole)
    out: list[Problem] = []
    seen: set[tuple[Any, ...]] = set()
    base = ("criteria", it.index, "bands")
    for ctx, label in contexts:
        where = f" ({label})" if label else ""
        bands = [_band_interval(c, ctx, whole) for c in conds]
        report = band_report(bands, span)

        def band(k: int, ctx: dict[str, Any] = ctx) -> str:
            return f"{k + 1} ({band_text(value, conds[k], ctx)})"

        for gap in report.gaps:
            if ("gap", gap.text(shown)) not in seen:
                seen.add(("gap", gap.text(shown)))
                params = {"criterion": it.id, "values": gap.text(shown), "where": where}
                out.append(finding("lint.points_band_gap", key_location(src, base), params))
        for i, j, both in report.overlaps:
            if ("overlap", i, j) not in seen:
                seen.add(("overlap", i, j))
                params = {"criterion": it.id, "first": band(i), "second": band(j), "values": both.text(shown)}
                at = src.locate((*base, "steps", j))
                out.append(finding("lint.points_band_overlap", at, {**params, "where": where}))
        for k in report.empty:
            if ("empty", k) not in seen:
                seen.add(("empty", k))
                params = {"criterion": it.id, "band": band(k), "name": shown, "where": where}
                params["min"] = num_text(lo if math.isfinite(lo) else None, "-∞")
                params["max"] = num_text(hi if math.isfinite(hi) else None, "+∞")
                out.append(finding("lint.points_band_empty", src.locate((*base, "steps", k)), params))
    return out


def _band_interval(cond: E.Node, ctx: dict[str, Any], whole: bool) -> Interval:
    """The values a band's condition holds, with its bounds' values ``ctx``."""
    lo, lo_c, hi, hi_c = -math.inf, False, math.inf, False
    for part in cond.items if isinstance(cond, E.And) else (cond,):
        if not isinstance(part, E.Cmp):
            continue  # a band with no bound: every value
        bound = float(E.evaluate(part.right, ctx))
        if part.op in (">=", ">"):
            lo, lo_c = bound, part.op == ">="
        else:
            hi, hi_c = bound, part.op == "<="
    return Interval(lo, lo_c, hi, hi_c, whole)


def _range_findings(it: CriterionIR, criteria: Criteria, where: Location, out: list[Problem]) -> bool:
    """Thresholds and parameter values outside the range of the indicator they are compared with."""
    model, src = criteria.model, _source(criteria)
    found = False
    seen: set[tuple[Any, ...]] = set()
    for term in (*it.pass_terms, *it.fail_terms):
        for lit in term:
            left, right = lit.left, lit.right
            if isinstance(right, E.Name) and right.id in model.indicators:
                left, right = right, left
            if not isinstance(left, E.Name) or left.id not in model.indicators:
                continue
            ind = model.indicators[left.id]
            if ind.type not in NUMERIC_TYPES or any(n in model.indicators for n in E.names(right)):
                continue
            lo, hi = ind.bounds()
            lo_s, hi_s = bounds_text(ind)

            def outside(x: float, lo: float | None = lo, hi: float | None = hi) -> bool:
                return (lo is not None and x < lo) or (hi is not None and x > hi)

            params = [n for n in E.names(right) if n in model.parameters]
            if not params:
                value = E.fold(right)
                if isinstance(value, E.Num) and outside(value.value) and (left.id, value) not in seen:
                    seen.add((left.id, value))
                    found = True
                    out.append(
                        finding(
                            "lint.threshold_range",
                            where,
                            {
                                "criterion": it.id,
                                "literal": E.render(E.Cmp(lit.op, lit.left, lit.right)),
                                "value": num_text(value.value),
                                "min": lo_s,
                                "max": hi_s,
                                "name": left.id,
                            },
                        )
                    )
                continue
            if not isinstance(right, E.Name):
                continue  # an expression of parameters: checked per value below only when it is one name
            param = model.parameters[right.id]
            for k, entry in enumerate(param.values):
                if not isinstance(entry.value, (int, float)) or not outside(entry.value) or (right.id, k) in seen:
                    continue
                seen.add((right.id, k))
                found = True
                bits = [b for b in (entry.region, _years_text(entry.from_year, entry.to_year)) if b]
                out.append(
                    finding(
                        "lint.param_range",
                        src.locate(_param_value_loc(src, right.id, k)),
                        {
                            "param": right.id,
                            "value": num_text(entry.value),
                            "where": f" ({', '.join(bits)})" if bits else "",
                            "min": lo_s,
                            "max": hi_s,
                            "name": left.id,
                            "criterion": it.id,
                        },
                    )
                )
    return found


def _spans(years: list[int], breaks: list[int], last: int | None) -> str:
    """Years as spans: each year checked stands for the years up to the next one checked."""
    spans: list[tuple[int, int | None]] = []
    for y in years:
        later = [b for b in breaks if b > y]
        end = later[0] - 1 if later else last
        if spans and spans[-1][1] is not None and spans[-1][1] + 1 == y:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((y, end))
    return ", ".join(str(a) if a == b else f"{a}–{'…' if b is None else b}" for a, b in spans)


def _years_text(a: int | None, b: int | None) -> str:
    if a is None and b is None:
        return ""
    return f"{a or '…'}–{b or '…'}"


def key_location(src: Any, path: Sequence[Any]) -> Location:
    """The location of ``path``; for a key whose value is a block on the lines below (a mapping
    or a list), the line of the key itself rather than that of its first child."""
    loc: Location = src.locate(path)
    if not path or not isinstance(path[-1], str) or loc.line is None or not loc.file:
        return loc
    try:
        lines = Path(loc.file).read_text(encoding="utf-8-sig").splitlines()
    except OSError:
        return loc
    key = re.compile(r"^(\s*(?:-\s+)?)[\"']?" + re.escape(path[-1]) + r"[\"']?\s*:")
    if loc.line > len(lines) or key.match(lines[loc.line - 1]):
        return loc
    n = loc.line - 1
    while n >= 1 and (not lines[n - 1].strip() or lines[n - 1].lstrip().startswith("#")):
        n -= 1
    m = key.match(lines[n - 1]) if n >= 1 else None
    if m is None:
        return loc
    return Location(file=loc.file, line=n, column=len(m.group(1)) + 1, field=loc.field)


def _parameter_findings(criteria: Criteria, used: set[str]) -> list[Problem]:
    model, src = criteria.model, _source(criteria)
    out: list[Problem] = []
    regions: list[str | None] = list(model.regions) if model.regions else [None]
    for name, param in model.parameters.items():
        if param.reference is None:
            for k, entry in enumerate(param.values):
                if entry.reference is None:
                    loc = ("parameters", name) if len(param.values) == 1 else ("parameters", name, "values", k)
                    out.append(
                        finding(
                            "lint.reference_missing",
                            key_location(src, loc),
                            {"what": bi("lint.what.parameter"), "name": name},
                        )
                    )
                    break
    # Missing values, named at the parameter that must be filled (a formula's missing input):
    # one finding per parameter and value entry (or per parameter with no entry that applies).
    gaps: dict[tuple[str, int | None], tuple[list[str | None], set[int]]] = {}
    checked: dict[str, list[int]] = {}
    for name in sorted(used):
        for region in regions:
            for year in years_to_check(criteria, [name]):
                res = resolve(name, model.parameters[name], region, year, model.parameters)
                if res.value is not None:
                    continue
                roots = res.missing_roots() if hasattr(res, "missing_roots") else [res]
                for root in roots or [res]:
                    at = None if root.entry is None else model.parameters[root.name].values.index(root.entry)
                    where, years = gaps.setdefault((root.name, at), ([], set()))
                    if region not in where:
                        where.append(region)
                    years.add(year)
                    checked.setdefault(root.name, years_to_check(criteria, [root.name, name]))
    national = not getattr(criteria, "bases", ())
    for (name, at), (where, years) in gaps.items():
        loc = _param_value_loc(src, name, at) if at is not None else ("parameters", name)
        every = model.regions is None or set(where) == set(model.regions)
        shown: Any = bi("lint.every_region") if every else ", ".join(str(r) for r in where)
        code = "lint.param_open" if at is not None and national else "lint.param_missing"
        text = _spans(sorted(years), checked[name], model.valid_to.year if model.valid_to else None)
        out.append(finding(code, key_location(src, loc), {"name": name, "region": shown, "years": text}))
    return out
