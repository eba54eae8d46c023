"""Coverage of a test file (criteria × scheme): the items it should exercise and which a run hit.

- ``rule`` — every compiled rule (``c003__fail__0``…): each disjoint pass/fail term of a
  condition, the scored rule of a points formula — one per band (or ``if`` branch) of points
  by steps, so every band must be reached — and each "indicator *i* absent" rule; hit when a
  finding of any unit names it. The rules of values no band holds (``noband``) are not items:
  reaching one stops the run, and ``evaluator lint`` reports the gap;
- ``level`` — every level of the scheme, hit when a rated unit's conditions pick it
  (as the level logic picks it: before vetoes, quota and overrides);
- ``veto`` — every veto, hit when it is triggered for a rated unit;
- ``quota`` — when the scheme has a quota: a unit ``kept`` and one ``demoted``, and each case
  of a peer group: ``no_candidate`` (no unit at the quota level), ``fewer`` candidates than
  places, ``exact`` (as many as places), ``more``, and a ``tie`` at the cut-off (units equal on
  every ``keep_order`` key before the unit id, some kept and some moved down) — as the run's
  quota outcomes and reasons say.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .. import expr as E
from ..classify import failed_vetoes, points_level
from ..decision import Decision, Run
from ..ir import band_text, possible_matches, rule_id
from ..messages import Lang
from ..params import resolve
from ..text import Phrase, bi
from .spec import Suite


@dataclass(frozen=True)
class CoverageItem:
    id: str  # a rule name, "level:<id>", "veto:<id>", "quota:<outcome>" (QUOTA_OUTCOMES)
    kind: str  # rule | level | veto | quota
    label: Phrase
    owner: str = ""  # for a rule: its criterion


@dataclass
class Coverage:
    items: list[CoverageItem]
    hits: Counter[str] = field(default_factory=Counter)

    def covered(self, kind: str | None = None) -> tuple[int, int]:
        chosen = [it for it in self.items if kind is None or it.kind == kind]
        return sum(1 for it in chosen if self.hits[it.id] > 0), len(chosen)

    @property
    def percent(self) -> float:
        done, total = self.covered()
        return 100.0 if total == 0 else math.floor(1000 * done / total) / 10

    def uncovered(self) -> list[CoverageItem]:
        return [it for it in self.items if self.hits[it.id] == 0]

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        kinds = {}
        for kind in ("rule", "level", "veto", "quota"):
            done, total = self.covered(kind)
            kinds[kind] = {"covered": done, "total": total}
        return {
            "percent": self.percent,
            "by_kind": kinds,
            "hits": {it.id: self.hits[it.id] for it in self.items},
            "uncovered": [{"id": it.id, "kind": it.kind, "text": it.label.get(lang)} for it in self.uncovered()],
        }


def _term_text(term: E.Term) -> str:
    return " and ".join(E.render(lit) for lit in term)


def coverage_items(suite: Suite) -> list[CoverageItem]:
    """Every rule, level, veto and quota outcome a test file should exercise, in a stable order."""
    crit, scheme = suite.criteria, suite.scheme.model
    items: list[CoverageItem] = []
    for meta in possible_matches(crit.items):
        name = rule_id(meta)
        it = crit.items[meta.criterion]
        if meta.status == "noband":
            continue
        detail: Phrase | str  # a plain text reads the same in both languages
        if meta.status == "missing":
            detail = bi("casetest.detail.missing", name=it.fields[meta.term])
        elif meta.status == "scored" and it.stepped:
            band = (
                band_text(it.band_value, it.band_conds[it.term_bands[meta.term]])
                if it.term_bands and it.band_value is not None
                else _term_text(it.scored_terms[meta.term]) or bi("casetest.detail.always")
            )
            detail = bi("casetest.detail.band", band=band, points=E.render(it.scored_formulas[meta.term]))
        elif meta.status == "scored":
            detail = bi("casetest.detail.scored", formula=it.text)
        else:
            terms = it.pass_terms if meta.status == "pass" else it.fail_terms
            text = _term_text(terms[meta.term])
            detail = text if text else bi("casetest.detail.always")
            absent = it.absent_for(meta.status, meta.term)
            if absent:
                detail = bi("casetest.detail.assumed", detail=detail, names=", ".join(sorted(absent)))
        label = bi("casetest.item.rule", rule=name, criterion=it.id, status=bi("word." + meta.status), detail=detail)
        items.append(CoverageItem(name, "rule", label, it.id))
    for lv in scheme.levels:
        items.append(CoverageItem(f"level:{lv.id}", "level", bi("casetest.item.level", level=lv.id)))
    for veto in scheme.vetoes:
        label = bi("casetest.item.veto", veto=veto.id, criterion=veto.criterion)
        items.append(CoverageItem(f"veto:{veto.id}", "veto", label))
    if scheme.quota is not None:
        for outcome in QUOTA_OUTCOMES:
            items.append(CoverageItem(f"quota:{outcome}", "quota", bi(f"casetest.item.quota_{outcome}")))
    return items


# What the quota can do, each to be seen at least once: to a unit, then to a peer group.
QUOTA_OUTCOMES = ("kept", "demoted", "no_candidate", "fewer", "exact", "more", "tie")


def band_level(d: Decision, suite: Suite) -> str:
    """The level the scheme's bands and required criteria give ``d`` (before vetoes, quota and
    overrides), as the level logic decides it."""
    levels = suite.scheme.model.levels
    params = suite.criteria.model.parameters
    floors = {lv.min_score for lv in levels if isinstance(lv.min_score, str)}
    resolved = {name: resolve(name, params[name], d.region, d.year, params) for name in floors}
    return points_level(levels, d.score, {f.criterion: f for f in d.findings}, resolved)


def hits_of(run: Run, suite: Suite) -> Counter[str]:
    hits: Counter[str] = Counter()
    scheme = suite.scheme.model
    for d in run.results:
        for f in d.findings:
            hits[f.rule] += 1
        if d.status != "rated":
            continue
        hits[f"level:{band_level(d, suite)}"] += 1
        for veto in failed_vetoes(scheme.vetoes, {f.criterion: f for f in d.findings}):
            hits[f"veto:{veto.id}"] += 1
        for r in d.reasons:
            if r.code == "reason.quota_kept":
                hits["quota:kept"] += 1
            elif r.code == "reason.quota_demoted":
                hits["quota:demoted"] += 1
    for outcome in run.quota:
        hits[f"quota:{outcome.case}"] += 1
        if outcome.tie is not None:
            hits["quota:tie"] += 1
    return hits
