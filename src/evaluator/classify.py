"""From findings to a level: score, score bands and required criteria, vetoes, overrides.

Order (each step leaves a reason): completeness → score → the first level, best
first, whose band and required criteria hold → vetoes (force, then cap) →
a recorded override, which may lift named vetoes or lower the level, never raise it
(:mod:`evaluator.overrides`). The quota and the ranking come after (:mod:`evaluator.quota`, :mod:`evaluator.ranking`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .decision import POINTS_DECIMALS, Decision, Failing, Finding, GapItem, Lacking, Reason
from .errors import Location, Problem
from .load import BoundScheme, Criteria
from .messages import Lang
from .model import Override
from .model.scheme import Level, Veto
from .overrides import apply_override, with_vetoes
from .params import Resolved
from .scorecards import Submitted
from .text import Bilingual, Joined, Lazy, Lower, Phrase, Quoted, bi, joined, lower_first, number
from .wording import Observed, Vocabulary

MEETS_LISTED = 6  # a level requiring more criteria than this says "meets all n", not each title


def titles_of(criteria: Criteria) -> dict[str, Bilingual]:
    return criteria.titles


def level_titles(scheme: BoundScheme) -> dict[str, Bilingual]:
    return scheme.level_titles


@dataclass(frozen=True, slots=True)
class _Part(Lazy):
    """One term of the score, e.g. "điểm tiêu chí chung 27,5"."""

    title: Bilingual
    points: float

    def get(self, lang: Lang) -> str:
        return f"{lower_first(self.title.get(lang))} {number(self.points, lang)}"


def indicator_names(ids: list[str] | tuple[str, ...], vocab: Vocabulary) -> Joined:
    """Indicators by their titles, each in quotation marks: «Kết quả thực hiện nhiệm vụ», «…»."""
    return joined([Quoted(vocab.terms[i].title if i in vocab.terms else i) for i in ids], ", ")


def observed(f: Finding, criteria: Criteria) -> Observed:
    """What the unit gave for a finding's indicators, and what was taken for those left out."""
    fields = criteria.item(f.criterion).fields
    given = dict(f.assumed)
    if len(fields) == 1:
        values: tuple[tuple[str, Any], ...] = () if fields[0] in given else ((fields[0], f.value),)
    else:
        values = tuple((n, (f.value or {}).get(n)) for n in fields if n not in given)
    return Observed(values, criteria.vocabulary, f.assumed)


def band(level: Level, params: Mapping[str, Resolved]) -> float | None:
    """The level's minimum score for this unit (a number, or a parameter's value)."""
    if isinstance(level.min_score, str):
        value = params[level.min_score].value
        assert not isinstance(value, tuple), "a level's minimum score is a number parameter (checked at load)"
        return value
    return level.min_score


def holds(level: Level, score: float | None, by_id: dict[str, Finding], params: Mapping[str, Resolved]) -> bool:
    """Whether the unit meets ``level``'s band and required criteria (the quick form of :func:`unmet`)."""
    minimum = band(level, params)
    if minimum is not None and score is not None and score < minimum:
        return False
    return all(by_id[cid].status == "pass" for cid in level.requires)


def points_level(
    levels: Sequence[Level], score: float | None, by_id: dict[str, Finding], params: Mapping[str, Resolved]
) -> str:
    """The level the points and conditions give (before vetoes, quota and overrides): the first,
    best first, that is unconditional or whose band and required criteria hold; else the last."""
    for lv in levels:
        if lv.unconditional or holds(lv, score, by_id, params):
            return lv.id
    return levels[-1].id


def failed_vetoes(vetoes: Sequence[Veto], by_id: Mapping[str, Finding]) -> list[Veto]:
    """The vetoes whose criterion the unit fails, in the scheme's order."""
    return [v for v in vetoes if by_id[v.criterion].status == "fail"]


def unmet(
    level: Level,
    score: float | None,
    by_id: dict[str, Finding],
    params: Mapping[str, Resolved],
    criteria: Criteria,
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
            parts = f.failing or (Failing(f.threshold or "", f.value, f.words or _absent(f), observed(f, criteria)),)
            for part in parts:
                out.append(
                    GapItem(
                        "criterion",
                        Reason("gap.criterion", {"requirement": part.words, "now": part.observed}),
                        {"criterion": cid, "threshold": part.threshold, "now": part.now},
                    )
                )
    return out


def _absent(f: Finding) -> Phrase:
    """A required criterion with no threshold to say (never for a condition): its status."""
    return bi("word." + f.status)


def as_text(items: list[GapItem]) -> Joined:
    """Gap items after a colon: each in lower case, joined by semicolons."""
    return joined([Lower(g) for g in items])


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
    vocab = criteria.vocabulary
    by_id = {f.criterion: f for f in findings}
    reasons = decision.reasons

    for f in findings:
        if f.assumed:
            note = criteria.item(f.criterion).model.missing_note
            assert note is not None
            taken = Observed((), vocab, f.assumed)
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
                        "names": indicator_names(f.absent, vocab),
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
        reasons.append(Reason("reason.incomplete", {"names": indicator_names(missing, vocab)}))
        if override is not None:
            ov = override[0]
            reasons.append(Reason("reason.override_ignored", {"decision": ov.decision, "decided_by": ov.decided_by}))
        return decision

    score: float | None = None
    if scheme.score_items:
        parts = [(cid, by_id[cid].points or 0.0) for cid in scheme.score_items]
        score = round(math.fsum(p for _, p in parts), POINTS_DECIMALS)
        terms = Joined(tuple(_Part(titles[c], p) for c, p in parts))
        reasons.append(Reason("reason.score", {"score": score, "parts": terms}))
    decision.score = score
    if model.count_met:
        met = sum(1 for cid in model.count_met if by_id[cid].status == "pass")
        decision.criteria_met = (met, len(model.count_met))
        reasons.append(Reason("reason.criteria_met", {"count": met, "total": len(model.count_met)}))

    decision.lacking_by_level = {lv.id: unmet(lv, score, by_id, params, criteria) for lv in model.levels}
    level = model.levels[-1].id
    # The level the points and conditions give, and why; said after the vetoes, which come first.
    level_reasons: list[Reason] = []
    conditions: Joined | None = None
    for lv in model.levels:
        if lv.unconditional:
            level = lv.id
            level_reasons.append(Reason("reason.level_fallback", {"level": decision.level_titles[lv.id]}))
            break
        if holds(lv, score, by_id, params):
            level = lv.id
            conds: list[Phrase] = []
            minimum = band(lv, params)
            if minimum is not None:
                conds.append(bi("reason.band", score=score, min=minimum))
            if len(lv.requires) > MEETS_LISTED:  # every criterion is in the findings; the reason counts them
                conds.append(bi("reason.meets_all", count=len(lv.requires)))
            elif lv.requires:
                names = joined([Quoted(titles[c]) for c in lv.requires], ", ")
                conds.append(bi("reason.meets", names=names))
            conditions = joined(conds)
            break
        why = Lacking(decision, lv.id)
        level_reasons.append(Reason("reason.level_missed", {"level": decision.level_titles[lv.id], "why": why}))

    # Vetoes: every failed veto criterion forces or caps the level (the worst wins).
    failed = failed_vetoes(model.vetoes, by_id)
    forced = [v for v in failed if v.effect == "force"]
    capped = [v for v in failed if v.effect == "cap"]
    for veto in [*forced, *capped]:
        f = by_id[veto.criterion]
        reasons.append(
            Reason(
                "reason.veto",
                {
                    "veto": Bilingual(veto.title.vi, veto.title.en),
                    "requirement": Lower(f.words or _absent(f)),
                    "now": observed(f, criteria),
                    "effect": bi("word." + veto.effect),
                    "level": decision.level_titles[veto.level],
                    "reference": bi("reason.basis", reference=veto.reference) if veto.reference else "",
                },
            )
        )
    by_points, level = level, with_vetoes(level, failed, scheme)
    reasons.extend(level_reasons)
    if conditions is not None:
        title = decision.level_titles[by_points]
        if level == by_points:
            reasons.append(Reason("reason.level", {"level": title, "conditions": conditions}))
        else:
            params_ = {"level": title, "conditions": conditions, "final": decision.level_titles[level]}
            reasons.append(Reason("reason.level_vetoed", params_))
    if override is not None:
        ov, where = override
        level = apply_override(ov, where, by_points, failed, level, scheme, decision.level_titles, reasons, problems)
    decision.level = level
    decision.level_before_quota = level
    return decision
