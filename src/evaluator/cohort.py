"""Decisions that depend on the other units of a peer group: the quota and the ranking.

Quota: within a peer group, at most ``floor(rate × N)`` units keep the quota level,
N being the units whose level (after vetoes and overrides) is one of
``counted_against``. Candidates are put in the scheme's documented ``keep_order``;
those beyond the allowance move to ``demote_to``. Each unit's reasons say where it
stood and, for a unit moved down, which key separated it from the last unit kept.

Ranking: 1…n within the peer group by the scheme's ranking keys; an incomplete
unit has no rank.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

from .decision import Decision, GapItem, Phrase, Reason, bi
from .expr import format_number
from .load import BoundScheme
from .model.scheme import SortKey


def key_value(d: Decision, key: str, values: dict[str, Any], scheme: BoundScheme) -> Any:
    if key == "score":
        return d.score
    if key == "unit":
        return d.unit
    if key == "level":
        # best first when ascending
        return None if d.level is None else scheme.level_order[d.level]
    if key == "criteria_met":
        return None if d.criteria_met is None else d.criteria_met[0]
    return values.get(key)


class _Reversed:
    """Wraps a value so that sorting puts larger values first."""

    __slots__ = ("value",)

    def __init__(self, value: Any):
        self.value = value

    def __lt__(self, other: _Reversed) -> bool:
        return bool(other.value < self.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)


def sort_key(keys: Sequence[SortKey], value: Callable[[Decision, str], Any]) -> Callable[[Decision], tuple[Any, ...]]:
    """A key function for ``keys``; an absent value sorts last whatever the direction."""

    def key(d: Decision) -> tuple[Any, ...]:
        out: list[Any] = []
        for k in keys:
            v = value(d, k.key)
            if v is None:
                out.append((1, 0))
            elif k.descending:
                out.append((0, -v if isinstance(v, (int, float)) else _Reversed(v)))
            else:
                out.append((0, v))
        return tuple(out)

    return key


def order_text(keys: Sequence[SortKey]) -> str:
    return ", ".join(f"{k.key} {'desc' if k.descending else 'asc'}" if k.key != "level" else "level" for k in keys)


def _show(v: Any) -> str:
    return "—" if v is None else format_number(v) if isinstance(v, (int, float)) else str(v)


def apply_quota(
    group: str,
    members: list[Decision],
    scheme: BoundScheme,
    values: dict[tuple[str, int], dict[str, Any]],
    exceptional: bool,
) -> None:
    quota = scheme.model.quota
    if quota is None:
        return
    rate = quota.exceptional_rate if exceptional and quota.exceptional_rate is not None else quota.rate
    rated = [d for d in members if d.status == "rated"]
    counted = [d for d in rated if d.level in quota.counted_against]
    candidates = [d for d in rated if d.level == quota.level]
    if not candidates:
        return
    allowed = math.floor(Fraction(str(rate)) * len(counted))
    value = lambda d, k: key_value(d, k, values[(d.unit, d.year)], scheme)  # noqa: E731
    ordered = sorted(candidates, key=sort_key(quota.keep_order, value))
    titles = ordered[0].level_titles
    common = {
        "level": titles[quota.level],
        "group": group,
        "allowed": allowed,
        "rate": f"{format_number(float(rate * 100))}%",
        "count": len(counted),
        "against": ", ".join(quota.counted_against),
        "candidates": len(ordered),
        "order": order_text(quota.keep_order),
    }
    # Fewer candidates than places is the usual case: nobody is moved and no unit is "last kept".
    last_kept = ordered[allowed - 1] if 0 < allowed < len(ordered) else None
    for position, d in enumerate(ordered, start=1):
        if position <= allowed:
            d.reasons.append(Reason("reason.quota_kept", {**common, "position": position}))
            continue
        decisive: Phrase | str = ""
        if last_kept is not None:
            for k in quota.keep_order:
                mine, theirs = value(d, k.key), value(last_kept, k.key)
                if mine != theirs:
                    decisive = bi(
                        "reason.quota_decisive", kept=last_kept.unit, key=k.key, mine=_show(mine), theirs=_show(theirs)
                    )
                    break
        d.reasons.append(
            Reason(
                "reason.quota_demoted",
                {**common, "position": position, "to": titles[quota.demote_to], "decisive": decisive},
            )
        )
        d.level = quota.demote_to
        d.gap.append(GapItem("quota", Reason("gap.quota", {"level": titles[quota.level]})))


def rank_group(
    group: str, members: list[Decision], scheme: BoundScheme, values: dict[tuple[str, int], dict[str, Any]]
) -> list[Decision]:
    """Assign ranks 1…n to the rated members; returns the group in output order."""
    keys = scheme.model.ranking
    value = lambda d, k: key_value(d, k, values[(d.unit, d.year)], scheme)  # noqa: E731
    rank_key = sort_key(keys, value)
    rated = sorted((d for d in members if d.status == "rated"), key=rank_key)
    rest = sorted((d for d in members if d.status != "rated"), key=lambda d: d.unit)
    text = order_text(keys)
    deciding = [k for k in keys if k.key != "unit"]
    for i, d in enumerate(rated, start=1):
        d.rank = i
        d.reasons.append(Reason("reason.rank", {"rank": i, "size": len(rated), "group": group, "order": text}))
    # Ties on every key but the last one: say who and what separated them.
    if deciding and len(deciding) < len(keys):
        tie_key = sort_key(deciding, value)
        by_tie: dict[tuple[Any, ...], list[str]] = {}
        for d in rated:
            by_tie.setdefault(tie_key(d), []).append(d.unit)
        for d in rated:
            others = [u for u in by_tie[tie_key(d)] if u != d.unit]
            if others:
                d.reasons.append(
                    Reason(
                        "reason.rank_tie",
                        {
                            "keys": ", ".join(k.key for k in deciding),
                            "others": ", ".join(others),
                            "tiebreak": order_text([k for k in keys if k.key == "unit"]),
                        },
                    )
                )
    return rated + rest
