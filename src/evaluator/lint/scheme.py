"""Checks of a scheme's level bands (against a criteria set when one is paired): overlaps, gaps,
empty and unreachable levels, scores beyond what the criteria can give.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from ..errors import Problem
from ..load import Criteria
from ..model.scheme import Scheme
from ..params import resolve
from ..sources import Document
from ..text import bi
from .criteria import key_location
from .ranges import implies, max_points, num_text, plus, years_to_check
from .report import finding

UNKNOWN = object()  # a min_score naming a parameter, with no criteria to look it up in


def _floor(v: Any) -> float:
    return -math.inf if v is None else float(v)


def _score_max(criteria: Criteria, score_items: Sequence[str]) -> tuple[float, str]:
    parts: list[str] = []
    total = 0.0
    for cid in score_items:
        hi = max_points(criteria.item(cid), criteria)
        total = plus(total, hi)
        parts.append(f"{cid} {num_text(hi) if math.isfinite(hi) else '∞'}")
    return total, " + ".join(parts)


def _band_contexts(scheme: Scheme, criteria: Criteria | None) -> list[tuple[dict[str, Any], str]]:
    """The floor (``min_score``) of every level in each region/year that tells them apart, with
    where that is (empty when the floors are the same everywhere).

    A floor is a number, ``None`` (no floor) or :data:`UNKNOWN` (a parameter that cannot
    be looked up, or has no value there)."""
    named = [lv.min_score for lv in scheme.levels if isinstance(lv.min_score, str)]
    if criteria is not None:
        named = [n for n in named if n in criteria.model.parameters]
    places: list[tuple[str | None, int | None]] = [(None, None)]
    if criteria is not None and named:
        model = criteria.model
        regions: list[str | None] = list(model.regions) if model.regions else [None]
        places = [(r, y) for r in regions for y in years_to_check(criteria, named)]
    out: list[tuple[dict[str, Any], str]] = []
    seen: list[dict[str, Any]] = []
    for region, year in places:
        floors: dict[str, Any] = {}
        for lv in scheme.levels:
            m = lv.min_score
            if isinstance(m, str):
                if criteria is None or m not in criteria.model.parameters or year is None:
                    floors[lv.id] = UNKNOWN
                else:
                    value = resolve(m, criteria.model.parameters[m], region, year, criteria.model.parameters).value
                    floors[lv.id] = UNKNOWN if value is None else value
            else:
                floors[lv.id] = m
        if floors in seen:
            continue
        seen.append(floors)
        label = ", ".join(str(x) for x in (region, year) if x is not None)
        out.append((floors, label))
    if len(out) == 1:
        out = [(out[0][0], "")]
    return out


def _known(*values: Any) -> bool:
    return all(v is not UNKNOWN for v in values)


def lint_scheme(scheme: Scheme, doc: Document, criteria: Criteria | None = None) -> list[Problem]:
    """Findings in one scheme file; the checks that need criterion meanings run when ``criteria`` is given."""
    out: list[Problem] = []
    levels = scheme.levels
    items = {it.id: it for it in criteria.items} if criteria is not None else {}

    def implied(cid: str, given: Sequence[str]) -> bool:
        if cid in given:
            return True
        if criteria is None or cid not in items:
            return False
        return any(g in items and implies(items[g], items[cid], criteria) for g in given)

    def shadowed(lv: Any, better: Any, floors: dict[str, Any]) -> bool:
        """Whether ``better``'s conditions hold whenever ``lv``'s do (with these floors)."""
        fb, fl = floors[better.id], floors[lv.id]
        if not _known(fb, fl) or _floor(fb) > _floor(fl):
            return False
        return all(implied(cid, lv.requires) for cid in better.requires)

    for i, lv in enumerate(levels):
        if lv.reference is None:
            out.append(
                finding(
                    "lint.reference_missing",
                    doc.locate(("levels", i)),
                    {"what": bi("lint.what.level"), "name": lv.id},
                )
            )
    for i, veto in enumerate(scheme.vetoes):
        if veto.reference is None:
            out.append(
                finding(
                    "lint.reference_missing",
                    doc.locate(("vetoes", i)),
                    {"what": bi("lint.what.veto"), "name": veto.id},
                )
            )
    if scheme.quota is not None and scheme.quota.reference is None:
        out.append(
            finding(
                "lint.reference_missing",
                key_location(doc, ("quota",)),
                {"what": bi("lint.what.quota"), "name": scheme.quota.level},
            )
        )

    contexts = _band_contexts(scheme, criteria)
    # Adjacent bands (the fallback, last, has none).
    for i in range(1, len(levels) - 1):
        better, lv = levels[i - 1], levels[i]
        if lv.min_score is None and not lv.requires:
            continue  # a fallback has no band
        at = doc.locate(("levels", i, "min_score")) if lv.min_score is not None else doc.locate(("levels", i))
        done: set[str] = set()
        for floors, label in contexts:
            where = f" ({label})" if label else ""
            fb, fl = floors[better.id], floors[lv.id]
            if not _known(fb, fl):
                continue
            if fl is not None and _floor(fb) < fl and "overlap" not in done:
                done.add("overlap")
                out.append(
                    finding(
                        "lint.band_overlap",
                        at,
                        {
                            "level": lv.id,
                            "min": num_text(fl),
                            "better": better.id,
                            "better_min": num_text(fb, "—"),
                            "where": where,
                        },
                    )
                )
            elif fl is not None and fb == fl and "empty" not in done and not shadowed(lv, better, floors):
                done.add("empty")
                out.append(
                    finding(
                        "lint.band_empty",
                        at,
                        {"level": lv.id, "better": better.id, "min": num_text(fl), "where": where},
                    )
                )
            elif fb is not None and _floor(fl) < fb and "gap" not in done:
                done.add("gap")
                band = f"[{num_text(fl, '-∞')}, {num_text(fb)})"
                for j, cid in enumerate(lv.requires):
                    if not implied(cid, better.requires):
                        out.append(
                            finding(
                                "lint.band_gap",
                                doc.locate(("levels", i, "requires", j)),
                                {
                                    "level": lv.id,
                                    "better": better.id,
                                    "criterion": cid,
                                    "band": band,
                                    "below": levels[i + 1].id,
                                    "where": where,
                                },
                            )
                        )

    # Levels whose conditions always let a better level through first (in every region and year).
    # A level a veto forces or caps to is reached that way, whatever the levels above it.
    veto_targets = {v.level for v in scheme.vetoes}
    if scheme.quota is not None:
        veto_targets.add(scheme.quota.demote_to)
    for i, lv in enumerate(levels):
        if lv.id in veto_targets:
            continue
        for better in levels[:i]:
            if all(shadowed(lv, better, floors) for floors, _ in contexts):
                out.append(
                    finding("lint.level_unreachable", doc.locate(("levels", i)), {"level": lv.id, "better": better.id})
                )
                break

    if criteria is not None:
        top, parts = _score_max(criteria, _score_items(scheme, criteria))
        if math.isfinite(top):
            for i, lv in enumerate(levels):
                worst = max((_floor(f[lv.id]) for f, _ in contexts if _known(f[lv.id])), default=-math.inf)
                if worst > top + 1e-9:
                    out.append(
                        finding(
                            "lint.score_unreachable",
                            doc.locate(("levels", i, "min_score")),
                            {"level": lv.id, "min": num_text(worst), "max": num_text(top), "parts": parts},
                        )
                    )
    return out


def _score_items(scheme: Scheme, criteria: Criteria) -> list[str]:
    if scheme.score == "all_points":
        return [it.id for it in criteria.items if it.kind == "points"]
    return list(scheme.score)
