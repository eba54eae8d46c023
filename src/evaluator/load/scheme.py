"""Schemes: read, checked on their own, and bound to a criteria set."""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DefinitionError, Problem, did_you_mean
from ..model import Scheme
from ..model.criteria import NUMERIC_TYPES
from ..model.scheme import SortKey
from ..sources import Document
from ..text import Bilingual
from ..wording import Vocabulary
from .checked import Criteria
from .read import one_document, validate


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


def read_scheme(path: str | Path) -> tuple[Scheme, Document, str]:
    """Read a scheme file into its model, without the checks of :func:`scheme_problems`."""
    path = Path(path)
    doc, digest = one_document(path)
    return validate(Scheme, doc), doc, digest


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
        for i, counted in enumerate(q.counted_against):
            need_level(counted, ("quota", "counted_against", i))
        for i, key in enumerate(q.keep_order):
            need_key(key.key, ("quota", "keep_order", i), allow_level=False)
    for i, key in enumerate(scheme.ranking):
        need_key(key.key, ("ranking", i), allow_level=True)
    if problems:
        raise DefinitionError(problems)
    return BoundScheme(
        scheme, str(path), digest, tuple(score_items), tuple(dict.fromkeys(band_params)), criteria.vocabulary
    )
