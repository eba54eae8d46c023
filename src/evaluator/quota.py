"""The quota: within a peer group, at most ``floor(rate × N)`` units keep the quota level,
N being the units whose level is one of ``counted_against`` — before the quota (after
vetoes and overrides) when the scheme's ``base`` is ``before_selection``; after it, units
moved down included, when it is ``final`` (then the number kept is the largest k with
k ≤ floor(rate × N(k))). Candidates are put in the scheme's documented ``keep_order``;
those beyond the allowance move to ``demote_to``. Each unit's reasons say where it
stood and, for a unit moved down, which key separated it from the last unit kept.
The ranking comes after (:mod:`evaluator.ranking`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from .decision import Decision, GapItem, QuotaOutcome, Reason, Tie
from .errors import Location, Problem, ScorecardError
from .load import BoundScheme
from .model import QuotaGrant, TieSettlement
from .model.scheme import Quota
from .ordering import key_text, key_value, order_text, sort_key, unit_named
from .scorecards import Submitted
from .text import Joined, Phrase, Quoted, bi, joined
from .wording import KeyNames


def require_peer_groups(scorecards: Sequence[Submitted], scheme: BoundScheme) -> None:
    """Under a quota every unit must say its peer group (``peer_group``, or ``parent``): a blank
    one would pool unrelated units into one group and count them against each other."""
    if scheme.model.quota is None:
        return
    problems = [
        Problem(
            "scorecard.peer_group_missing",
            dataclasses.replace(sub.location, field="parent"),
            {"unit": sub.card.unit, "scheme": scheme.model.id},
        )
        for sub in scorecards
        if not _given(sub.card.peer_group) and not _given(sub.card.parent)
    ]
    if problems:
        raise ScorecardError(problems)


def _given(text: str | None) -> bool:
    return text is not None and text.strip() != ""


def apply_quota(
    group: str,
    members: list[Decision],
    scheme: BoundScheme,
    values: dict[tuple[str, int], dict[str, Any]],
    exceptional: bool,
    settlements: Mapping[tuple[str, int], tuple[TieSettlement, Location]],
    problems: list[Problem],
    grant: QuotaGrant | None = None,
) -> QuotaOutcome | None:
    """Keep at most floor(rate × counted) units of ``group`` at the quota level; move the rest down.

    The rate is the scheme's exceptional rate when ``exceptional`` (every group) or when ``grant``
    (a recorded decision for this group) says so; each candidate's reasons then cite the grant.

    A tie at the cut-off (units equal on every keep_order key before the unit id, some kept and
    some not) is named in each tied unit's reasons and in the outcome; ``settlements`` may settle
    it: the units they name go first among the tied. A settlement naming a unit in no tie, or
    not as many units as the tie has places, is added to ``problems`` (nothing is settled then).
    """
    quota = scheme.model.quota
    if quota is None:
        return None
    rate = quota.rate
    if (exceptional or grant is not None) and quota.exceptional_rate is not None:
        rate = quota.exceptional_rate
    rated = [d for d in members if d.status == "rated"]
    candidates = [d for d in rated if d.level == quota.level]
    others = sum(1 for d in rated if d.level in quota.counted_against and d.level != quota.level)
    allowed, counted = allowance(quota, Fraction(str(rate)), others, len(candidates))
    named = {d.unit: settlements[d.unit, d.year] for d in members if (d.unit, d.year) in settlements}

    def value(d: Decision, k: str) -> Any:
        return key_value(d, k, values[(d.unit, d.year)], scheme)

    ordered = sorted(candidates, key=sort_key(quota.keep_order, value))
    tie = _tie_at_cut(group, ordered, allowed, scheme, value, named, problems)
    if tie is not None:
        start = allowed - tie.places  # the tied units stand together in the order
        by_unit = {d.unit: d for d in ordered}
        ordered[start : start + len(tie.units)] = [by_unit[u] for u in tie.units]
    for unit in sorted(u for u in named if tie is None or u not in tie.units):
        ts, where = named[unit]
        problems.append(Problem("tie.not_tied", where, {"unit": unit, "year": ts.year, "group": group}))
    outcome = QuotaOutcome(group, counted, allowed, len(candidates), tie, grant)
    if not ordered:
        return outcome
    titles = ordered[0].level_titles
    by_unit = {d.unit: d for d in members}
    common = {
        "level": titles[quota.level],
        "group": group,
        "allowed": allowed,
        "rate": bi("value.percent", value=float(rate * 100)),
        "count": counted,
        "product": float(rate * counted),
        "against": joined([Quoted(titles[lv]) for lv in quota.counted_against], ", ", bi("cond.or")),
        "candidates": len(ordered),
        "order": order_text(quota.keep_order, scheme),
    }
    final = "_final" if quota.base == "final" else ""
    # Fewer candidates than places is the usual case: nobody is moved and no unit is "last kept".
    last_kept = ordered[allowed - 1] if 0 < allowed < len(ordered) else None
    for position, d in enumerate(ordered, start=1):
        if grant is not None:
            d.reasons.append(Reason("reason.quota_exceptional", {**grant.to_dict(), "rate": common["rate"]}))
        if tie is not None and d.unit in tie.units:
            d.reasons.append(_tie_reason(tie, d.unit, titles[quota.level], scheme, by_unit))
        if position <= allowed:
            d.reasons.append(Reason("reason.quota_kept" + final, {**common, "position": position}))
            continue
        decisive: Phrase | str = ""
        if tie is not None and tie.settled_by and d.unit in tie.units:
            decisive = bi("reason.quota_decisive_settled", decisions=_decisions(tie))
        elif last_kept is not None:
            for k in quota.keep_order:
                mine, theirs = value(d, k.key), value(last_kept, k.key)
                if mine != theirs:
                    decisive = bi(
                        "reason.quota_decisive",
                        kept=unit_named(last_kept),
                        key=KeyNames((k.key,), scheme.vocabulary),
                        mine=key_text(d, k.key, mine, scheme, named=False),
                        theirs=key_text(last_kept, k.key, theirs, scheme, named=False),
                    )
                    break
        d.reasons.append(
            Reason(
                "reason.quota_demoted" + final,
                {**common, "position": position, "to": titles[quota.demote_to], "decisive": decisive},
            )
        )
        d.level = quota.demote_to
        d.gap.append(GapItem("quota", Reason("gap.quota", {"level": titles[quota.level]})))
        # Its points and conditions gave the quota level, which it does not keep: it qualified for it.
        d.reasons[:] = [
            Reason("reason.level_candidate", r.params) if r.code == "reason.level" else r for r in d.reasons
        ]
    return outcome


def allowance(quota: Quota, rate: Fraction, others: int, candidates: int) -> tuple[int, int]:
    """(places, counted): how many candidates may keep the quota level, and the count it rests on.

    ``others`` are the rated units at a ``counted_against`` level other than the quota level.
    Before selection the count is fixed: those and the candidates (when the quota level is
    counted). After selection (``final``) it depends on k, the number kept:
    N(k) = others + k (if the quota level is counted) + (candidates − k) (if ``demote_to`` is),
    and the places are the largest k ≤ candidates with k ≤ floor(rate × N(k)) — or, when every
    candidate fits, floor(rate × N(candidates)), the room left. The count is N(kept).
    """

    def count(kept: int) -> int:
        # before selection every candidate is at the quota level; after it, those moved down are not
        at_level, moved = (kept, candidates - kept) if quota.base == "final" else (candidates, 0)
        return (
            others
            + (at_level if quota.level in quota.counted_against else 0)
            + (moved if quota.demote_to in quota.counted_against else 0)
        )

    room = math.floor(rate * count(candidates))
    if room >= candidates:
        return room, count(candidates)
    kept = max(k for k in range(candidates + 1) if k <= math.floor(rate * count(k)))
    return kept, count(kept)


def _tie_at_cut(
    group: str,
    ordered: list[Decision],
    allowed: int,
    scheme: BoundScheme,
    value: Callable[[Decision, str], Any],
    named: Mapping[str, tuple[TieSettlement, Location]],
    problems: list[Problem],
) -> Tie | None:
    """The tie across the cut-off: the last unit kept and the first moved down are equal on
    every keep_order key before the unit id (a scheme's order always ends with the unit id)."""
    quota = scheme.model.quota
    if quota is None or not 0 < allowed < len(ordered):
        return None
    before_unit = [k for k in quota.keep_order if k.key != "unit"]
    tie_key = sort_key(before_unit, value)
    cut = tie_key(ordered[allowed - 1])
    if tie_key(ordered[allowed]) != cut:
        return None
    tied = [d.unit for d in ordered if tie_key(d) == cut]
    places = allowed - next(i for i, d in enumerate(ordered) if d.unit == tied[0])
    keys = {k.key: value(ordered[allowed], k.key) for k in before_unit}
    chosen = [u for u in tied if u in named]
    if chosen and len(chosen) != places:
        for unit in chosen:
            params = {"unit": unit, "group": group, "places": places, "count": len(tied), "named": ", ".join(chosen)}
            problems.append(Problem("tie.places", named[unit][1], params))
        chosen = []
    order = chosen + [u for u in tied if u not in chosen]
    return Tie(group, quota.level, keys, tuple(order), places, tuple(named[u][0] for u in chosen))


def _decisions(tie: Tie) -> Joined:
    decisions = [bi("reason.quota_tie_decision", decision=s.decision, decided_by=s.decided_by) for s in tie.settled_by]
    return joined(decisions, ", ")


def _units(units: Sequence[str], by_unit: Mapping[str, Decision]) -> Joined:
    return joined([unit_named(by_unit[u]) for u in units], ", ")


def _tie_reason(tie: Tie, unit: str, level: Any, scheme: BoundScheme, by_unit: Mapping[str, Decision]) -> Reason:
    if tie.settled_by:
        how = bi("reason.quota_tie_settled", decisions=_decisions(tie), kept=_units(tie.kept, by_unit))
    else:
        how = bi("reason.quota_tie_open", kept=_units(tie.kept, by_unit))
    me = by_unit[unit]
    params = {
        "level": level,
        "group": tie.group,
        "others": _units([u for u in tie.units if u != unit], by_unit),
        "keys": joined([key_text(me, k, v, scheme) for k, v in tie.keys.items()], ", ", bi("cond.and")),
        "places": tie.places,
        "count": len(tie.units),
        "how": how,
    }
    return Reason("reason.quota_tie", params)
