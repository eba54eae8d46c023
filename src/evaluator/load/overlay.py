"""Provincial overlays: a file that extends a national criteria set.

An overlay fills the national set's open parameters (values the national text leaves
to provinces), tightens thresholds, and adds indicators and criteria, with its own
legal references. It may not loosen a national threshold or redefine an indicator or
criterion unless it says so under ``allow``, with a reason for each — and then the
result records it. Every value an overlay sets keeps the overlay as its source, so
reasons name the file that set each threshold.

Whether a change loosens a threshold is read from how the criteria use the
parameter: in ``x >= p`` a lower ``p`` is looser; in ``x <= p`` a higher one; where the
use is mixed or inside arithmetic, any change counts as loosening.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import Field, ValidationError, field_validator, model_validator

from .. import expr as E
from ..errors import DefinitionError, Problem, did_you_mean
from ..ir import environment
from ..model.common import Reference, StrictModel, Titles, field_names, problems_from
from ..model.criteria import (
    CriteriaSet,
    Criterion,
    Indicator,
    Parameter,
    ParameterValue,
    ParamValue,
    UnitText,
    one_value_form,
)
from ..model.errors import Invalid
from ..params import resolve
from ..sources import Document
from ..text import format_number
from .checked import Criteria, finish_criteria
from .read import Origins

__all__ = ["Overlay", "apply_overlay", "directions"]


class OverlayParameter(StrictModel):
    """Values an overlay gives a parameter (a new parameter also needs a title)."""

    title: Titles | None = None
    unit: UnitText | None = None
    reference: Reference | None = None
    value: ParamValue = None
    values: tuple[ParameterValue, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _one_form(cls, data: Any) -> Any:
        return one_value_form(data)

    def entries(self) -> tuple[ParameterValue, ...]:
        if self.values:
            return self.values
        return (ParameterValue(value=self.value, reference=self.reference),)


class Allow(StrictModel):
    """Explicit, reasoned permission to loosen a threshold or redefine a national item."""

    loosen: dict[str, str] = Field(default_factory=dict)
    redefine: dict[str, str] = Field(default_factory=dict)

    @field_validator("loosen", "redefine")
    @classmethod
    def _reasons(cls, value: dict[str, str]) -> dict[str, str]:
        for name, reason in value.items():
            if not str(reason).strip():
                raise Invalid("model.reason_needed", name=name)
        return value


class Overlay(StrictModel):
    """An overlay file."""

    overlay: str = Field(description="the criteria file this extends, relative to this file")
    id: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    version: str
    title: Titles
    province: str | None = None
    references: tuple[Reference, ...] = ()
    sources: str | None = Field(default=None, description="the list its [src:…] tags name, relative to this file")
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    default_scheme: str | None = Field(default=None, description="relative to this file; default: the base's")
    parameters: dict[str, OverlayParameter] = Field(default_factory=dict)
    indicators: dict[str, Indicator] = Field(default_factory=dict)
    criteria: tuple[Criterion, ...] = ()
    allow: Allow = Field(default_factory=Allow)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value


Loader = Callable[[Path, tuple[Path, ...]], Criteria]


def apply_overlay(path: Path, doc: Document, digest: str, stack: tuple[Path, ...], load: Loader) -> Criteria:
    """Load the set ``doc`` extends, apply the overlay, and check the result."""
    me = path.resolve()
    if me in stack:
        cycle = " → ".join(str(p) for p in (*stack, me))
        raise DefinitionError(Problem("overlay.cycle", doc.locate(("overlay",)), {"cycle": cycle}))
    try:
        ov = Overlay.model_validate(doc.data)
    except ValidationError as exc:
        raise DefinitionError(problems_from(exc, doc, (), field_names(Overlay))) from None
    base_path = (path.parent / ov.overlay).resolve()
    if not base_path.exists():
        raise DefinitionError(Problem("file.not_found", doc.locate(("overlay",)), {}))
    base = load(base_path, (*stack, me))
    bm = base.model
    origins = Origins(base.doc, base.origins if isinstance(base.origins, Origins) else None)
    for key in ("id", "version", "title", "references", "valid_from", "valid_to"):
        origins.add((key,), doc, (key,))
    problems: list[Problem] = []
    source = str(path)

    # Parameters: fill, tighten, add.
    params: dict[str, Parameter] = dict(bm.parameters)
    for name, op in ov.parameters.items():
        entries = tuple(
            e.model_copy(update={"source": source, "reference": e.reference or op.reference}) for e in op.entries()
        )
        if name in params:
            national = params[name]
            merged = list(national.values)
            for j, entry in enumerate(entries):
                slot = (entry.region, entry.from_year, entry.to_year)
                same = [i for i, n in enumerate(merged) if (n.region, n.from_year, n.to_year) == slot]
                if same:
                    merged[same[0]] = entry
                    origins.add(("parameters", name, "values", same[0]), doc, ("parameters", name, "values", j))
                else:
                    merged.append(entry)
                    origins.add(("parameters", name, "values", len(merged) - 1), doc, ("parameters", name, "values", j))
            params[name] = national.model_copy(update={"values": tuple(merged)})
        elif op.title is None:
            problems.append(
                Problem(
                    "overlay.unknown_param",
                    doc.locate(("parameters", name)),
                    {"name": name},
                    did_you_mean(name, params),
                )
            )
        else:
            params[name] = Parameter(title=op.title, unit=op.unit, reference=op.reference, values=entries)
            origins.add(("parameters", name), doc, ("parameters", name))

    # Indicators and criteria: add; redefine only when allowed.
    indicators = dict(bm.indicators)
    for name, ind in ov.indicators.items():
        if name in indicators and name not in ov.allow.redefine:
            problems.append(
                Problem("overlay.redefine", doc.locate(("indicators", name)), {"what": "indicator", "name": name})
            )
            continue
        indicators[name] = ind
        origins.add(("indicators", name), doc, ("indicators", name))
    criteria = list(bm.criteria)
    ids = [c.id for c in criteria]
    for j, crit in enumerate(ov.criteria):
        if crit.id in ids:
            if crit.id not in ov.allow.redefine:
                problems.append(
                    Problem(
                        "overlay.redefine", doc.locate(("criteria", j, "id")), {"what": "criterion", "name": crit.id}
                    )
                )
                continue
            i = ids.index(crit.id)
            criteria[i] = crit
        else:
            criteria.append(crit)
            ids.append(crit.id)
            i = len(criteria) - 1
        origins.add(("criteria", i), doc, ("criteria", j))
    for name in ov.allow.redefine:
        if name not in ov.indicators and name not in {c.id for c in ov.criteria}:
            problems.append(Problem("overlay.allow_unused", doc.locate(("allow", "redefine", name)), {"name": name}))
    if problems:
        raise DefinitionError(problems)

    merged_model = CriteriaSet.model_construct(
        **{
            **dict(bm),
            "id": ov.id,
            "version": ov.version,
            "title": ov.title,
            "references": (*bm.references, *ov.references),
            "valid_from": ov.valid_from or bm.valid_from,
            "valid_to": ov.valid_to or bm.valid_to,
            "indicators": indicators,
            "parameters": params,
            "criteria": tuple(criteria),
            "default_scheme": _scheme_path(ov, path, bm, Path(base.path)),
            "sources": ov.sources,
        }
    )
    combined = hashlib.sha256(f"{base.sha256}:{digest}".encode()).hexdigest()
    result = finish_criteria(merged_model, origins, path, combined, doc, (*base.bases, base.identity()))
    _check_loosening(base, result, ov, doc, origins)
    return result


def _scheme_path(ov: Overlay, path: Path, base: CriteriaSet, base_path: Path) -> str | None:
    """The default scheme, as a path relative to the overlay file (where the loader looks)."""
    if ov.default_scheme is not None:
        return ov.default_scheme
    if base.default_scheme is None:
        return None
    target = (base_path.parent / base.default_scheme).resolve()
    return os.path.relpath(target, path.parent.resolve())


def directions(criteria: Criteria) -> dict[str, str]:
    """For each parameter: 'min' (higher is stricter), 'max' (lower is stricter), for a list of
    levels 'in' (``x in P``: fewer levels is stricter) or 'not_in', or 'mixed'."""
    found: dict[str, set[str]] = {}
    env = environment(criteria.model)
    for it in criteria.items:
        if it.kind == "condition":
            _walk(E.nnf(it.node, env), found)
    levels: dict[str, set[str]] = {}
    for it in criteria.items:  # a list of levels: how 'x in P' is used, read before it is expanded
        for name, kind in _level_uses(it.node):
            levels.setdefault(name, set()).add(kind)
    found.update(levels)
    return {name: (next(iter(kinds)) if len(kinds) == 1 else "mixed") for name, kinds in found.items()}


def _level_uses(node: E.Node, negated: bool = False) -> list[tuple[str, str]]:
    """('P', 'in' | 'not_in') for each ``x in P`` in ``node``, counting the ``not`` around it."""
    if isinstance(node, E.InSet):
        return [(node.name, "not_in" if node.negated != negated else "in")]
    if isinstance(node, E.Not):
        return _level_uses(node.operand, not negated)
    if isinstance(node, (E.And, E.Or)):
        return [use for item in node.items for use in _level_uses(item, negated)]
    if isinstance(node, E.If):  # in the condition of points by steps: more levels may give more or fewer points
        return [(name, "mixed") for name, _ in _level_uses(node.cond)] + _level_uses(node.else_)
    return []


def _looser(kind: str, old: Any, new: Any) -> bool:
    """Whether ``new`` lets through a unit ``old`` would stop (``kind`` from :func:`directions`)."""
    if isinstance(old, tuple) or isinstance(new, tuple):
        if kind == "in":
            return not set(new) <= set(old)
        return kind != "not_in" or not set(new) >= set(old)
    return kind == "mixed" or (kind == "min" and new < old) or (kind == "max" and new > old)


def _shown(value: Any) -> str:
    return "[" + ", ".join(value) + "]" if isinstance(value, tuple) else format_number(value)


def _walk(node: E.Node, found: dict[str, set[str]]) -> None:
    if isinstance(node, (E.And, E.Or)):
        for item in node.items:
            _walk(item, found)
        return
    if not isinstance(node, E.Cmp):
        return
    # Read each side as "the other side OP this side".
    for side, op in ((node.right, node.op), (node.left, E.FLIPPED[node.op])):
        for name in E.names(side):
            if isinstance(side, E.Name) and side.id == name and op in (">=", ">"):
                found.setdefault(name, set()).add("min")
            elif isinstance(side, E.Name) and side.id == name and op in ("<=", "<"):
                found.setdefault(name, set()).add("max")
            else:
                found.setdefault(name, set()).add("mixed")


def _years(base: CriteriaSet, merged: CriteriaSet) -> range:
    """Every rating year a change of threshold can show in: the set's period, and with no end, up to
    past the last year any value names (a value 'from 2040' loosens in 2040) and 15 years of formulas."""
    first = base.valid_from.year
    if base.valid_to is not None:
        return range(first, base.valid_to.year + 1)
    named = [
        y
        for model in (base, merged)
        for param in model.parameters.values()
        for v in param.values
        for y in (v.from_year, v.to_year)
        if y is not None
    ]
    return range(first, max([first + 15, *(y + 1 for y in named)]) + 1)


def _check_loosening(base: Criteria, merged: Criteria, ov: Overlay, doc: Document, origins: Origins) -> None:
    """Every region and year where an overlay's value is looser than the national one needs ``allow.loosen``.

    Region- and year-specific values are compared where they apply: every declared region
    (a region a set does not declare is refused when the set is read) and every year.
    """
    kinds = directions(base)
    bm, mm = base.model, merged.model
    regions: list[str | None] = list(bm.regions) if bm.regions else [None]
    years = _years(bm, mm)
    problems: list[Problem] = []
    used_allow: set[str] = set()
    for name in sorted(ov.parameters):
        if name not in bm.parameters:
            continue
        kind = kinds.get(name, "mixed")
        reported = False
        for region in regions:
            for year in years:
                old = resolve(name, bm.parameters[name], region, year, bm.parameters)
                new = resolve(name, mm.parameters[name], region, year, mm.parameters)
                if old.value is None or new.value is None or old.value == new.value:
                    continue
                if not _looser(kind, old.value, new.value):
                    continue
                if name in ov.allow.loosen:
                    used_allow.add(name)
                    continue
                if not reported:
                    where = origins.locate(("parameters", name, "values", new.index))
                    problems.append(
                        Problem(
                            "overlay.loosen",
                            where,
                            {
                                "name": name,
                                "region": region or "*",
                                "year": year,
                                "national": _shown(old.value),
                                "value": _shown(new.value),
                            },
                        )
                    )
                    reported = True
    for name in ov.allow.loosen:
        if name not in used_allow:
            problems.append(Problem("overlay.allow_unused", doc.locate(("allow", "loosen", name)), {"name": name}))
    if problems:
        raise DefinitionError(problems)
