"""Reading criteria sets, schemes and overrides: file → model → checked intermediate form."""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import expr as E
from .errors import DefinitionError, Location, Problem, Said, did_you_mean
from .ir import AssumptionError, CriterionIR, build_criterion, environment, parameter_type
from .model import CriteriaSet, Override, OverridesFile, QuotaGrant, Scheme, TieSettlement
from .model.common import field_names, problems_from
from .model.criteria import NUMERIC_TYPES
from .model.scheme import SortKey
from .overrides import entry_problems
from .params import overlaps
from .sources import Document, read_documents
from .text import Bilingual, bi
from .wording import Vocabulary

__all__ = [
    "BoundScheme",
    "Criteria",
    "bind_scheme",
    "load_criteria",
    "load_overrides",
    "load_quota_grants",
    "load_scheme",
    "load_tie_settlements",
    "read_scheme",
    "scheme_problems",
]


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


@dataclass(frozen=True)
class BoundScheme:
    """A scheme checked against one criteria set."""

    model: Scheme
    path: str
    sha256: str
    score_items: tuple[str, ...]
    band_params: tuple[str, ...] = ()  # criteria parameters used as score bands
    # the criteria's titles, for the sort orders and values the quota and ranking name in words
    vocabulary: Vocabulary = field(default_factory=Vocabulary, compare=False, repr=False)

    def meta(self) -> dict[str, str]:
        return {"id": self.model.id, "version": self.model.version, "sha256": self.sha256}

    @functools.cached_property
    def used_criteria(self) -> frozenset[str]:
        """Criteria the scheme needs a value of: the score, the levels' requirements, the vetoes."""
        m = self.model
        return (
            frozenset(self.score_items)
            | frozenset(c for lv in m.levels for c in lv.requires)
            | frozenset(v.criterion for v in m.vetoes)
        )

    @functools.cached_property
    def level_order(self) -> dict[str, int]:
        """Level id → its place, 0 for the best."""
        return {lv.id: i for i, lv in enumerate(self.model.levels)}

    @functools.cached_property
    def level_titles(self) -> dict[str, Bilingual]:
        """Level id → title in both languages, best level first."""
        return {lv.id: Bilingual(lv.title.vi, lv.title.en) for lv in self.model.levels}


def _one_document(path: Path) -> tuple[Document, str]:
    docs = read_documents(path, DefinitionError)
    if len(docs) != 1:
        raise DefinitionError(Problem("yaml.syntax", docs[1].locate(()), {"detail": bi("detail.one_document")}))
    return docs[0], hashlib.sha256(path.read_bytes()).hexdigest()


def _validate(model: type[BaseModel], doc: Document) -> Any:
    if not isinstance(doc.data, dict):
        raise DefinitionError(Problem("type.invalid", doc.locate(()), {"detail": bi("detail.top_mapping")}))
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise DefinitionError(problems_from(exc, doc, (), field_names(model))) from None


class Origins:
    """Locates a path of a merged criteria set in the file that wrote it (national file or overlay)."""

    def __init__(self, default: Document, parent: Origins | None = None):
        self.default = default
        self.map: dict[tuple[Any, ...], tuple[Document, tuple[Any, ...]]] = dict(parent.map) if parent else {}
        if parent is not None:
            self.default = parent.default

    def add(self, prefix: tuple[Any, ...], doc: Document, doc_prefix: tuple[Any, ...]) -> None:
        self.map[prefix] = (doc, doc_prefix)

    def locate(self, loc: Sequence[Any]) -> Location:
        loc = tuple(loc)
        for n in range(len(loc), 0, -1):
            hit = self.map.get(loc[:n])
            if hit is not None:
                doc, doc_prefix = hit
                return doc.locate((*doc_prefix, *loc[n:]))
        return self.default.locate(loc)


def load_criteria(path: str | Path) -> Criteria:
    """Read, validate and compile to intermediate form one criteria file (or an overlay on one)."""
    return _load_criteria(Path(path), ())


def _load_criteria(path: Path, stack: tuple[Path, ...]) -> Criteria:
    doc, digest = _one_document(path)
    if isinstance(doc.data, dict) and "overlay" in doc.data:
        from .overlay import apply_overlay

        return apply_overlay(path, doc, digest, stack, _load_criteria)
    model: CriteriaSet = _validate(CriteriaSet, doc)
    return finish_criteria(model, Origins(doc), path, digest, doc)


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
            owner = Said(f"tiêu chí «{crit.id}»", f"criterion '{crit.id}'")
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
        if len(param.values) != 1 or entry.value is None or entry.region or entry.from_year or entry.to_year:
            problems.append(Problem("indicator.range_param", where, {"name": name, "param": param_name}))
            continue
        ind, value = indicators[name], entry.value
        lo = ind.min if ind.min is not None else 0.0 if ind.type in ("percent", "count", "points") else None
        if (lo is not None and value < lo) or (ind.type == "percent" and value > 100):
            shown = {"name": name, "param": param_name, "value": E.format_number(value)}
            problems.append(Problem("indicator.range_value", where, shown))
            continue
        indicators[name] = ind.with_max_value(value)
    return model.model_copy(update={"indicators": indicators}), {n: p for n, p in named.items()}


def _expr_problem(exc: E.ExprError, where: Location, owner: Said) -> Problem:
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
                problems.append(_expr_problem(exc, doc.locate(loc), Said(f"tham số «{name}»", f"parameter '{name}'")))
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


def read_scheme(path: str | Path) -> tuple[Scheme, Document, str]:
    """Read a scheme file into its model, without the checks of :func:`scheme_problems`."""
    path = Path(path)
    doc, digest = _one_document(path)
    return _validate(Scheme, doc), doc, digest


def load_scheme(path: str | Path) -> tuple[Scheme, Document, str]:
    """Read and validate a scheme file (see :func:`bind_scheme` to check it against criteria)."""
    scheme, doc, digest = read_scheme(path)
    problems = scheme_problems(scheme, doc)
    if problems:
        raise DefinitionError(problems)
    return scheme, doc, digest


def _duplicates(entries: Sequence[str], field: str, doc: Document) -> list[Problem]:
    first: dict[str, int] = {}
    out: list[Problem] = []
    for i, name in enumerate(entries):
        if name in first:
            out.append(
                Problem(
                    "scheme.duplicate_entry",
                    doc.locate((*field.split("."), i)),
                    {"name": name, "field": field, "first": first[name] + 1},
                )
            )
        else:
            first[name] = i
    return out


def _total_order(keys: Sequence[SortKey], field: str, doc: Document) -> list[Problem]:
    """An order must end in ``unit``: the one key on which no two units are equal."""
    out = _duplicates([k.key for k in keys], field, doc)
    if not keys or keys[-1].key != "unit":
        loc = (*field.split("."), len(keys) - 1) if keys else tuple(field.split("."))
        out.append(
            Problem("scheme.order_not_total", doc.locate(loc), {"field": field, "last": keys[-1].key if keys else "—"})
        )
    return out


def scheme_problems(scheme: Scheme, doc: Document) -> list[Problem]:
    """What makes a scheme wrong whatever the criteria: an order that is not total, a band that is
    not a finite number, a veto or quota that could raise a unit, an empty quota base, an entry
    listed twice. Each problem is located; ``evaluator lint`` reports the same as ``lint.*``."""
    problems: list[Problem] = []
    order = {lv.id: i for i, lv in enumerate(scheme.levels)}
    for i, lv in enumerate(scheme.levels):
        if isinstance(lv.min_score, float) and not math.isfinite(lv.min_score):
            problems.append(
                Problem(
                    "scheme.band_not_finite",
                    doc.locate(("levels", i, "min_score")),
                    {"level": lv.id, "value": str(lv.min_score)},
                )
            )
    if scheme.score != "all_points":
        problems.extend(_duplicates(scheme.score, "score", doc))
    best, worst = scheme.levels[0].id, scheme.levels[-1].id
    for i, veto in enumerate(scheme.vetoes):
        params = {"veto": veto.id, "level": veto.level, "best": best, "worst": worst}
        if veto.level == best:
            problems.append(Problem("scheme.veto_best_level", doc.locate(("vetoes", i, "level")), params))
        elif veto.effect == "force" and veto.level != worst and veto.level in order:
            problems.append(Problem("scheme.veto_raises", doc.locate(("vetoes", i, "level")), params))
    q = scheme.quota
    if q is not None:
        if not q.counted_against:
            where = doc.locate(("quota", "counted_against"))
            problems.append(Problem("scheme.quota_empty_base", where, {"level": q.level}))
        problems.extend(_duplicates(q.counted_against, "quota.counted_against", doc))
        if q.level in order and q.demote_to in order and order[q.demote_to] <= order[q.level]:
            problems.append(
                Problem(
                    "scheme.demote_not_lower",
                    doc.locate(("quota", "demote_to")),
                    {"level": q.level, "to": q.demote_to},
                )
            )
        problems.extend(_total_order(q.keep_order, "quota.keep_order", doc))
    problems.extend(_total_order(scheme.ranking, "ranking", doc))
    return problems


def bind_scheme(path: str | Path, criteria: Criteria) -> BoundScheme:
    """Read a scheme and check every name it uses against ``criteria``."""
    scheme, doc, digest = load_scheme(path)
    problems: list[Problem] = []
    levels = scheme.level_ids()
    conditions = {it.id for it in criteria.items if it.kind == "condition"}
    points = [it.id for it in criteria.items if it.kind == "points"]

    def need_level(level: str, loc: Sequence[Any]) -> None:
        if level not in levels:
            problems.append(
                Problem(
                    "scheme.level_unknown",
                    doc.locate(loc),
                    {"level": level, "scheme": scheme.id},
                    did_you_mean(level, levels),
                )
            )

    def need_condition(name: str, loc: Sequence[Any]) -> None:
        if name in conditions:
            return
        if name in points:
            problems.append(Problem("scheme.criterion_kind", doc.locate(loc), {"name": name}))
            return
        problems.append(
            Problem(
                "value.unknown_ref",
                doc.locate(loc),
                {"name": name, "what": f"criterion of '{criteria.id}'"},
                did_you_mean(name, criteria.ids()),
            )
        )

    if scheme.score == "all_points":
        score_items = tuple(points)
    else:
        score_items = scheme.score
        for i, name in enumerate(scheme.score):
            if name not in points:
                problems.append(
                    Problem(
                        "value.unknown_ref",
                        doc.locate(("score", i)),
                        {"name": name, "what": f"points criterion of '{criteria.id}'"},
                        did_you_mean(name, points),
                    )
                )
    band_params: list[str] = []
    params = [name for name, p in criteria.model.parameters.items() if not p.is_levels]  # a score band is a number
    for i, level in enumerate(scheme.levels):
        for j, name in enumerate(level.requires):
            need_condition(name, ("levels", i, "requires", j))
        if isinstance(level.min_score, str):
            if level.min_score in params:
                band_params.append(level.min_score)
            else:
                what = "numeric parameter" if level.min_score in criteria.model.parameters else "parameter"
                problems.append(
                    Problem(
                        "value.unknown_ref",
                        doc.locate(("levels", i, "min_score")),
                        {"name": level.min_score, "what": f"{what} of '{criteria.id}'"},
                        did_you_mean(level.min_score, params),
                    )
                )
        if level.min_score is not None and not score_items:
            problems.append(Problem("scheme.no_score", doc.locate(("levels", i, "min_score")), {"level": level.id}))
    if not any(level.unconditional for level in scheme.levels):
        last = len(scheme.levels) - 1
        problems.append(Problem("scheme.no_fallback", doc.locate(("levels", last)), {"level": scheme.levels[last].id}))
    for i, name in enumerate(scheme.count_met):
        need_condition(name, ("count_met", i))
    for i, veto in enumerate(scheme.vetoes):
        need_condition(veto.criterion, ("vetoes", i, "criterion"))
        need_level(veto.level, ("vetoes", i, "level"))
    numeric = [n for n, ind in criteria.model.indicators.items() if ind.type in NUMERIC_TYPES]

    def need_key(key: str, loc: Sequence[Any], allow_level: bool) -> None:
        allowed = ["score", "unit", "criteria_met", *numeric] + (["level"] if allow_level else [])
        if key not in allowed:
            problems.append(Problem("scheme.sort_key", doc.locate(loc), {"key": key}, did_you_mean(key, allowed)))

    if scheme.quota is not None:
        q = scheme.quota
        need_level(q.level, ("quota", "level"))
        need_level(q.demote_to, ("quota", "demote_to"))
        for i, level in enumerate(q.counted_against):
            need_level(level, ("quota", "counted_against", i))
        for i, key in enumerate(q.keep_order):
            need_key(key.key, ("quota", "keep_order", i), allow_level=False)
    for i, key in enumerate(scheme.ranking):
        need_key(key.key, ("ranking", i), allow_level=True)
    if problems:
        raise DefinitionError(problems)
    return BoundScheme(
        scheme, str(path), digest, tuple(score_items), tuple(dict.fromkeys(band_params)), criteria.vocabulary
    )


def load_overrides(path: str | Path, scheme: BoundScheme | None) -> list[tuple[Override, Location]]:
    """Read an overrides file: each entry names the unit and year, the vetoes it lifts and on which
    ground, or the lower level it sets, and who decided, by which document and why.

    With ``scheme=None`` only the file's structure is checked (``evaluator validate`` alone):
    vetoes, levels and grounds need the scheme; units, and whether an entry raises a unit or
    lifts a veto that does not apply, are checked against the scorecards when rating.
    """
    path = Path(path)
    doc, _ = _one_document(path)
    parsed: OverridesFile = _validate(OverridesFile, doc)
    problems: list[Problem] = []
    seen: set[tuple[str, int]] = set()
    for i, ov in enumerate(parsed.overrides):
        problems.extend(entry_problems(ov, lambda loc, i=i: doc.locate(("overrides", i, *loc)), scheme))
        if (ov.unit, ov.year) in seen:
            problems.append(
                Problem("override.duplicate", doc.locate(("overrides", i)), {"unit": ov.unit, "year": ov.year})
            )
        seen.add((ov.unit, ov.year))
    if problems:
        raise DefinitionError(problems)
    return [(ov, doc.locate(("overrides", i))) for i, ov in enumerate(parsed.overrides)]


def load_quota_grants(path: str | Path) -> list[tuple[QuotaGrant, Location]]:
    """Read the ``exceptional_quota`` entries of an overrides file: the peer groups granted the
    scheme's exceptional rate, each with who decided, by which document and why."""
    path = Path(path)
    doc, _ = _one_document(path)
    parsed: OverridesFile = _validate(OverridesFile, doc)
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, grant in enumerate(parsed.exceptional_quota):
        if grant.group in seen:
            problems.append(
                Problem("quota.grant_duplicate", doc.locate(("exceptional_quota", i)), {"group": grant.group})
            )
        seen.add(grant.group)
    if problems:
        raise DefinitionError(problems)
    return [(g, doc.locate(("exceptional_quota", i))) for i, g in enumerate(parsed.exceptional_quota)]


def load_tie_settlements(path: str | Path) -> list[tuple[TieSettlement, Location]]:
    """Read the ``tie_settlements`` of an overrides file: who keeps the quota level in a tie."""
    path = Path(path)
    doc, _ = _one_document(path)
    parsed: OverridesFile = _validate(OverridesFile, doc)
    problems: list[Problem] = []
    seen: set[tuple[str, int]] = set()
    for i, ts in enumerate(parsed.tie_settlements):
        if (ts.unit, ts.year) in seen:
            problems.append(
                Problem("tie.duplicate", doc.locate(("tie_settlements", i)), {"unit": ts.unit, "year": ts.year})
            )
        seen.add((ts.unit, ts.year))
    if problems:
        raise DefinitionError(problems)
    return [(ts, doc.locate(("tie_settlements", i))) for i, ts in enumerate(parsed.tie_settlements)]
