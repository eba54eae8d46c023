"""From findings to a level: score, score bands and required criteria, vetoes, overrides.

Order (each step leaves a reason): completeness → score → the first level, best
first, whose band and required criteria hold → vetoes (force, then cap) →
a recorded override, which may lift named vetoes or lower the level, never raise it
(:mod:`evaluator.overrides`). The cohort quota and ranking come after (:mod:`evaluator.cohort`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from .decision import Bilingual, Decision, Finding, GapItem, Joined, Lacking, Lazy, Phrase, Reason, Shown, bi, joined
from .errors import Location, Problem
from .expr import format_number
from .findings import POINTS_DECIMALS
from .load import BoundScheme, Criteria
from .messages import Lang
from .model import Override
from .model.scheme import Level
from .overrides import apply_override, with_vetoes
from .params import Resolved
from .scorecards import Submitted


def titles_of(criteria: Criteria) -> dict[str, Bilingual]:
    return criteria.titles


def level_titles(scheme: BoundScheme) -> dict[str, Bilingual]:
    return scheme.level_titles


@dataclass(frozen=True, slots=True)
class _Part(Lazy):
    """One term of the score, e.g. ``general 27.5``."""

    criterion: str
    points: float

    def get(self, lang: Lang) -> str:
        return f"{self.criterion} {format_number(self.points)}"


def now_text(f: Finding) -> Shown | Joined:
    """The observed value(s) of a finding, formatted when read, and what was assumed for those left out."""
    if not f.assumed:
        return Shown(f.value)
    return Joined((Shown(f.value), bi("reason.assumed_now", values=Shown(dict(f.assumed)))), "")


def band(level: Level, params: Mapping[str, Resolved]) -> float | None:
    """The level's minimum score for this unit (a number, or a parameter's value)."""
    if isinstance(level.min_score, str):
        return params[level.min_score].value
    return level.min_score


def holds(level: Level, score: float | None, by_id: dict[str, Finding], params: Mapping[str, Resolved]) -> bool:
    """Whether the unit meets ``level``'s band and required criteria (the quick form of :func:`unmet`)."""
    minimum = band(level, params)
    if minimum is not None and score is not None and score < minimum:
        return False
    return all(by_id[cid].status == "pass" for cid in level.requires)


def unmet(
    level: Level, score: float | None, by_id: dict[str, Finding], params: Mapping[str, Resolved]
) -> list[GapItem]:
    """What ``level`` needs that the unit lacks."""
    out: list[GapItem] = []
    minimum = band(level, params)
    if minimum is not None and score is not None and score < minimum:
        out.append(
            GapItem("score", Reason("gap.score", {"min": minimum, "now": score}), {"needed": minimum, "now": score})
        )
    for cid in level.requires:
        f = by_id[cid]
        if f.status != "pass":
            parts = f.failing or ((f.threshold, f.value),)
            for text, now in parts:
                out.append(
                    GapItem(
                        "criterion",
                        Reason("gap.criterion", {"threshold": text, "now": Shown(now)}),
                        {"criterion": cid, "threshold": text, "now": now},
                    )
                )
    return out


def as_text(items: list[GapItem]) -> Joined:
    return joined(list(items))


def classify(
    sub: Submitted,
    findings: list[Finding],
    criteria: Criteria,
    scheme: BoundScheme,
    override: tuple[Override, Location] | None,
    group: str,
    params: Mapping[str, Resolved],
    problems: list[Problem],
) -> Decision:
    """The unit's decision before the quota: level, score and the reasons for both. An override
    that may not apply (it raises the unit, or lifts a veto that does not apply) adds to
    ``problems`` and changes nothing."""
    card = sub.card
    model = scheme.model
    decision = Decision(
        unit=card.unit,
        name=card.name,
        kind=card.kind,
        region=card.region,
        parent=card.parent,
        year=card.year,
        peer_group=group,
        status="rated",
        level=None,
        score=None,
        findings=findings,
        level_titles=level_titles(scheme),
        evidence=dict(card.evidence),
    )
    titles = titles_of(criteria)
    by_id = {f.criterion: f for f in findings}
    reasons = decision.reasons

    for f in findings:
        if f.assumed:
            note = criteria.item(f.criterion).model.missing_note
            assert note is not None
            taken = Shown(dict(f.assumed))
            reasons.append(
                Reason(
                    "reason.criterion_assumed",
                    {"criterion": titles[f.criterion], "taken": taken, "note": Bilingual(note.vi, note.en)},
                )
            )
        if f.by_absence:
            note = criteria.item(f.criterion).model.missing_note
            assert note is not None
            reasons.append(
                Reason(
                    "reason.criterion_absent",
                    {
                        "criterion": titles[f.criterion],
                        "ids": ", ".join(f.absent),
                        "note": Bilingual(note.vi, note.en),
                        "status": bi("word." + f.status),
                    },
                )
            )

    # Completeness: a required indicator, or anything the scheme uses, missing → no level.
    values = sub.values
    required_missing = [name for name in criteria.required_indicators if name not in values]
    used = scheme.used_criteria
    used_missing = [a for f in findings if f.status == "missing" and f.criterion in used for a in f.absent]
    missing = list(dict.fromkeys([*required_missing, *used_missing]))
    if missing:
        decision.status = "incomplete"
        decision.missing = missing
        reasons.append(Reason("reason.incomplete", {"ids": ", ".join(missing)}))
        if override is not None:
            ov = override[0]
            reasons.append(Reason("reason.override_ignored", {"decision": ov.decision, "decided_by": ov.decided_by}))
        return decision

    score: float | None = None
    if scheme.score_items:
        parts = [(cid, by_id[cid].points or 0.0) for cid in scheme.score_items]
        score = round(math.fsum(p for _, p in parts), POINTS_DECIMALS)
        terms = Joined(tuple(_Part(c, p) for c, p in parts), " + ")
        reasons.append(Reason("reason.score", {"score": score, "parts": terms}))
    decision.score = score
    if model.count_met:
        met = sum(1 for cid in model.count_met if by_id[cid].status == "pass")
        decision.criteria_met = (met, len(model.count_met))
        reasons.append(Reason("reason.criteria_met", {"count": met, "total": len(model.count_met)}))

    decision.lacking_fn = lambda level_id: unmet(
        scheme.model.levels[scheme.level_order[level_id]], score, by_id, params
    )
    level = model.levels[-1].id
    for lv in model.levels:
        if lv.unconditional:
            level = lv.id
            reasons.append(Reason("reason.level_fallback", {"level": decision.level_titles[lv.id]}))
            break
        if holds(lv, score, by_id, params):
            level = lv.id
            conds: list[Phrase] = []
            minimum = band(lv, params)
            if minimum is not None:
                conds.append(bi("reason.band", score=score, min=minimum))
            if lv.requires:
                conds.append(bi("reason.meets", names=joined([titles[c] for c in lv.requires], ", ")))
            reasons.append(Reason("reason.level", {"level": decision.level_titles[lv.id], "conditions": joined(conds)}))
            break
        why = Lacking(decision, lv.id)
        reasons.append(Reason("reason.level_missed", {"level": decision.level_titles[lv.id], "why": why}))

    # Vetoes: every failed veto criterion forces or caps the level (the worst wins).
    failed = [v for v in model.vetoes if by_id[v.criterion].status == "fail"]
    forced = [v for v in failed if v.effect == "force"]
    capped = [v for v in failed if v.effect == "cap"]
    for veto in [*forced, *capped]:
        f = by_id[veto.criterion]
        reasons.append(
            Reason(
                "reason.veto",
                {
                    "veto": Bilingual(veto.title.vi, veto.title.en),
                    "threshold": f.threshold,
                    "now": now_text(f),
                    "effect": bi("word." + veto.effect),
                    "level": decision.level_titles[veto.level],
                    "reference": f" ({veto.reference})" if veto.reference else "",
                },
            )
        )
    by_points, level = level, with_vetoes(level, failed, scheme)
    if override is not None:
        ov, where = override
        level = apply_override(ov, where, by_points, failed, level, scheme, decision.level_titles, reasons, problems)
    decision.level = level
    decision.level_before_quota = level
    return decision
