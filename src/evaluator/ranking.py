"""Ranking: 1…n within a peer group by the scheme's ranking keys; an incomplete unit has no rank.

Units equal on every key before the unit id (always the last key) are told who they tie with
and what separated them.
"""

from __future__ import annotations

from typing import Any

from .decision import Decision, Reason
from .load import BoundScheme
from .ordering import key_value, order_text, sort_key, unit_named
from .text import joined
from .wording import KeyNames


def rank_group(
    group: str, members: list[Decision], scheme: BoundScheme, values: dict[tuple[str, int], dict[str, Any]]
) -> list[Decision]:
    """Assign ranks 1…n to the rated members; returns the group in output order."""
    keys = scheme.model.ranking
    value = lambda d, k: key_value(d, k, values[(d.unit, d.year)], scheme)  # noqa: E731
    rank_key = sort_key(keys, value)
    rated = sorted((d for d in members if d.status == "rated"), key=rank_key)
    rest = sorted((d for d in members if d.status != "rated"), key=lambda d: d.unit)
    text = order_text(keys, scheme)
    deciding = [k for k in keys if k.key != "unit"]
    for i, d in enumerate(rated, start=1):
        d.rank = i
        d.reasons.append(Reason("reason.rank", {"rank": i, "size": len(rated), "group": group, "order": text}))
    # Ties on every key before the unit id (always the last key): say who and what separated them.
    if deciding:
        tie_key = sort_key(deciding, value)
        by_tie: dict[tuple[Any, ...], list[Decision]] = {}
        for d in rated:
            by_tie.setdefault(tie_key(d), []).append(d)
        for d in rated:
            others = [o for o in by_tie[tie_key(d)] if o.unit != d.unit]
            if others:
                d.reasons.append(
                    Reason(
                        "reason.rank_tie",
                        {
                            "keys": KeyNames(tuple(k.key for k in deciding), scheme.vocabulary),
                            "others": joined([unit_named(o) for o in others], ", "),
                            "tiebreak": order_text([k for k in keys if k.key == "unit"], scheme),
                        },
                    )
                )
    return rated + rest
