"""Hypothesis strategies for whole districts of scorecards (Regulation 366 and 124 indicators).

A district is a few peer groups; each group draws how many of its units aim at 'excellent',
how many at 'good' and how many anything at all, so that the generated groups include the ones
that broke the quota: no candidate, fewer candidates than places, exactly as many, more, ties
at the cut-off (candidates share values drawn from short lists), vetoes, incomplete units and
groups of a single unit. Everything shrinks: fewer groups, fewer units, the first value of
each list.
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

import oracle_regulations as oracle

# ---------------------------------------------------------------- Regulation 366

_GENERAL = st.sampled_from([5, 4.5, 4, 2.5, 0])

# Every basic target assigned met: all five, the number assigned left out or said; or fewer
# assigned (4, 3) and all of them met. Drawn as one pair, spread by _targets_spread.
_BASIC_TARGETS_MET = {"_targets": st.sampled_from([(5, None), (5, 5), (4, 4), (3, 3)])}


def _targets_spread(values: dict[str, Any]) -> dict[str, Any]:
    out = dict(values)
    out["basic_targets_met"], out["basic_targets_assigned"] = out.pop("_targets")
    return out


_RARELY = st.sampled_from([False, False, False, True])  # a veto that 'anything' units seldom have


def _general() -> dict[str, Any]:
    return {f"general_{i}": _GENERAL for i in range(1, 7)}


EXCELLENT_366 = st.fixed_dictionaries(
    {
        **{f"general_{i}": st.sampled_from([5, 5, 4.5]) for i in range(1, 7)},
        "task_results": st.sampled_from([65, 60, 62.5, 70, 59.9]),
        "tasks_done_pct": st.just(100),
        "plan_targets_done_pct": st.sampled_from([100, 88.9, 70]),
        "tasks_late_pct": st.just(0),
        "tasks_exceeded_pct": st.sampled_from([35, 30, 50, 29.9]),
        "shortcomings_remedied_pct": st.sampled_from([100, None]),
        "leaders_disciplined": st.just(0),
        "subunits_disciplined": st.just(0),
        "disunity_concluded": st.just(False),
        "degradation_concluded": st.just(False),
        "personnel_violation_concluded": st.just(False),
        "factionalism_concluded": st.just(False),
        **_BASIC_TARGETS_MET,
    }
).map(_targets_spread)
GOOD_366 = st.fixed_dictionaries(
    {
        **{f"general_{i}": st.sampled_from([5, 4]) for i in range(1, 7)},
        "task_results": st.sampled_from([50, 40, 45.5, 55]),
        "tasks_done_pct": st.just(100),
        "plan_targets_done_pct": st.sampled_from([100, 88.9, 75]),
        "tasks_late_pct": st.just(0),
        "tasks_exceeded_pct": st.sampled_from([20, 0, 40]),
        "shortcomings_remedied_pct": st.sampled_from([100, None, 90]),
        "leaders_disciplined": st.just(0),
        "subunits_disciplined": st.sampled_from([0, 1]),
        "disunity_concluded": st.just(False),
        "degradation_concluded": st.just(False),
        "personnel_violation_concluded": st.just(False),
        "factionalism_concluded": st.just(False),
        **_BASIC_TARGETS_MET,
    }
).map(_targets_spread)
ANY_366 = st.fixed_dictionaries(
    {
        **_general(),
        "task_results": st.sampled_from([50, 20, 39.9, 40, 60, 65, 70, 0]),
        "tasks_done_pct": st.sampled_from([100, 99.9, 70, 69.9, 0]),
        "plan_targets_done_pct": st.sampled_from([100, 88.9, 70, 69.9, 0]),
        "tasks_late_pct": st.sampled_from([0, 0.1, 20, 20.1, 100]),
        "tasks_exceeded_pct": st.sampled_from([30, 29.9, 0, 100]),
        "shortcomings_remedied_pct": st.sampled_from([100, None, 99.9, 0]),
        "leaders_disciplined": st.sampled_from([0, 1, 3]),
        "subunits_disciplined": st.sampled_from([0, 1]),
        "disunity_concluded": st.booleans(),
        "degradation_concluded": st.booleans(),
        "personnel_violation_concluded": _RARELY,
        "factionalism_concluded": _RARELY,
        # (met, assigned): never more met than assigned, which is refused when read
        "_targets": st.sampled_from([(5, None), (4, None), (0, None), (5, 5), (4, 5), (4, 4), (3, 4), (3, 3), (0, 3)]),
    }
).map(_targets_spread)
VETOES_366 = {
    "personnel_violation_concluded": True,
    "disunity_concluded": True,
    "factionalism_concluded": True,
    "degradation_concluded": True,
    "leaders_disciplined": 1,
    "plan_targets_done_pct": 69.9,
    "basic_targets_met": 4,  # of 5 assigned, or of 5 when the scorecard does not say (see _unit)
}
REQUIRED_366 = list(oracle.REQUIRED_366)  # shortcomings_remedied_pct is optional

# ---------------------------------------------------------------- Regulation 124

_GRADES = ["xuat_sac", "tot", "trung_binh", "kem"]
EXCELLENT_124 = st.fixed_dictionaries(
    {
        **{f"rating_general_{i}": st.sampled_from(["tot", "xuat_sac"]) for i in range(1, 7)},
        "rating_task_results": st.just("xuat_sac"),
        "tasks_done_pct": st.sampled_from([100, 95, 99.9, 80]),
        "main_targets_missed": st.just(False),
        "leaders_disciplined": st.just(0),
        "leadership_collective_disciplined": st.just(False),
        "subunits_disciplined": st.just(0),
        "subunits_total": st.sampled_from([10, 0, 5]),
        "disunity_concluded": st.just(False),
    }
)
GOOD_124 = st.fixed_dictionaries(
    {
        **{f"rating_general_{i}": st.sampled_from(["tot", "trung_binh", "xuat_sac"]) for i in range(1, 7)},
        "rating_task_results": st.sampled_from(["tot", "xuat_sac"]),
        "tasks_done_pct": st.sampled_from([100, 90, 75.5]),
        "main_targets_missed": st.booleans(),
        "leaders_disciplined": st.sampled_from([0, 1]),
        "leadership_collective_disciplined": st.just(False),
        "subunits_disciplined": st.sampled_from([0, 1]),
        "subunits_total": st.just(10),
        "disunity_concluded": st.just(False),
    }
)


@st.composite
def _any_124(draw: st.DrawFn) -> dict[str, Any]:
    total = draw(st.sampled_from([10, 5, 0, 1]))
    return {
        **{f"rating_general_{i}": draw(st.sampled_from(_GRADES)) for i in range(1, 7)},
        "rating_task_results": draw(st.sampled_from(_GRADES)),
        "tasks_done_pct": draw(st.sampled_from([100, 50, 49.9, 0])),
        "main_targets_missed": draw(st.booleans()),
        "leaders_disciplined": draw(st.sampled_from([0, 1])),
        "leadership_collective_disciplined": draw(st.booleans()),
        "subunits_disciplined": draw(st.integers(0, total)),  # 2 of 10 is 20% exactly: no veto; 3 is over
        "subunits_total": total,
        "disunity_concluded": draw(st.booleans()),
    }


ANY_124 = _any_124()
VETOES_124 = {
    "rating_general_3": "kem",
    "rating_task_results": "kem",
    "leadership_collective_disciplined": True,
    "disunity_concluded": True,
}
REQUIRED_124 = list(oracle.REQUIRED_124)


# ---------------------------------------------------------------- districts


@st.composite
def _unit(draw: st.DrawFn, kind: st.SearchStrategy[dict[str, Any]], reg: str) -> dict[str, Any]:
    values = dict(draw(kind))
    vetoes, required = (VETOES_366, REQUIRED_366) if reg == "366" else (VETOES_124, REQUIRED_124)
    twist = draw(st.sampled_from(["none", "none", "none", "veto", "incomplete"]))
    if twist == "veto":
        name = draw(st.sampled_from(sorted(vetoes)))
        values[name] = vetoes[name]
        if name == "basic_targets_met":  # one fewer than assigned (all five when not said)
            values[name] = (values.get("basic_targets_assigned") or 5) - 1
    elif twist == "incomplete":
        values[draw(st.sampled_from(required))] = None
    return values


# Units whose level is sure without a twist: 'excellent' (before the quota) and 'good'.
def _sure_366(task: list[float], exceeded: list[float]) -> st.SearchStrategy[dict[str, Any]]:
    """Full general points, every task done on time, nothing disciplined, no veto."""
    return st.fixed_dictionaries(
        {
            **{f"general_{i}": st.just(5) for i in range(1, 7)},
            "task_results": st.sampled_from(task),
            "tasks_done_pct": st.just(100),
            "plan_targets_done_pct": st.sampled_from([100, 88.9]),
            "tasks_late_pct": st.just(0),
            "tasks_exceeded_pct": st.sampled_from(exceeded),
            "shortcomings_remedied_pct": st.sampled_from([100, None]),
            **{k: st.just(0) for k in ("leaders_disciplined", "subunits_disciplined")},
            **{k: st.just(False) for k in ("disunity_concluded", "degradation_concluded")},
            **{k: st.just(False) for k in ("personnel_violation_concluded", "factionalism_concluded")},
            **_BASIC_TARGETS_MET,
        }
    ).map(_targets_spread)


SURE_366 = {
    "excellent": _sure_366([65, 60, 62.5, 70], [35, 30, 50]),
    "good": _sure_366([50, 40, 45.5, 55], [20, 0, 29.9]),
}
_NO_DISCIPLINE_124 = {
    "main_targets_missed": st.just(False),
    "leaders_disciplined": st.just(0),
    "leadership_collective_disciplined": st.just(False),
    "subunits_disciplined": st.just(0),
    "subunits_total": st.sampled_from([10, 0]),
    "disunity_concluded": st.just(False),
}


def _sure_124(grades: list[str], task: str, done: list[float]) -> st.SearchStrategy[dict[str, Any]]:
    """Every criterion graded among ``grades``, the task results ``task``, nothing disciplined."""
    return st.fixed_dictionaries(
        {
            **{f"rating_general_{i}": st.sampled_from(grades) for i in range(1, 7)},
            "rating_task_results": st.just(task),
            "tasks_done_pct": st.sampled_from(done),
            **_NO_DISCIPLINE_124,
        }
    )


SURE_124 = {
    "excellent": _sure_124(["tot", "xuat_sac"], "xuat_sac", [100, 95, 80]),
    "good": _sure_124(["tot", "trung_binh"], "tot", [100, 90]),
}

SHAPES = ("mixed", "fewer", "exact", "tie", "single")


@st.composite
def _group(draw: st.DrawFn, reg: str) -> list[dict[str, Any]]:
    """The indicator values of one peer group's units, in one of :data:`SHAPES`:

    - ``mixed``: up to 4 units aiming at 'excellent', 10 at 'good', 3 anything, with twists;
    - ``fewer``: 1–2 sure candidates, places for one more (floor(20% × counted) > candidates);
    - ``exact``: 1–3 sure candidates and exactly as many places;
    - ``tie``: 2–4 candidates with the same values and fewer places than them;
    - ``single``: one unit of any kind.
    """
    excellent, good, anything = (
        (EXCELLENT_366, GOOD_366, ANY_366) if reg == "366" else (EXCELLENT_124, GOOD_124, ANY_124)
    )
    sure = SURE_366 if reg == "366" else SURE_124
    shape = draw(st.sampled_from(SHAPES))
    if shape == "single":
        return [draw(_unit(draw(st.sampled_from([excellent, good, anything])), reg))]
    if shape == "mixed":
        n_excellent = draw(st.integers(0, 4))
        n_good = draw(st.integers(0, 10))
        n_any = draw(st.integers(0 if n_excellent + n_good else 1, 3))
        return (
            [draw(_unit(excellent, reg)) for _ in range(n_excellent)]
            + [draw(_unit(good, reg)) for _ in range(n_good)]
            + [draw(_unit(anything, reg)) for _ in range(n_any)]
        )
    if shape == "tie":
        n = draw(st.integers(2, 4))
        places = draw(st.integers(1, n - 1))
        candidates = [draw(sure["excellent"])] * n
    else:
        n = draw(st.integers(1, 2 if shape == "fewer" else 3))
        places = n + 1 if shape == "fewer" else n
        candidates = [draw(sure["excellent"]) for _ in range(n)]
    counted = draw(st.integers(5 * places, 5 * places + 4))  # floor(20% × counted) = places
    goods = [draw(sure["good"]) for _ in range(counted - n)]
    others = [draw(_unit(anything, reg)) for _ in range(draw(st.integers(0, 2)))]
    return [dict(v) for v in candidates] + goods + others


@st.composite
def districts(draw: st.DrawFn, reg: str = "366", max_groups: int = 4) -> list[dict[str, Any]]:
    """Scorecards (dicts as a user writes them) of 1…``max_groups`` peer groups."""
    groups = draw(st.lists(_group(reg), min_size=1, max_size=max_groups))
    total = sum(len(g) for g in groups)
    ids = draw(st.permutations(range(total)))  # unit ids unrelated to the order of generation
    years = [2025, 2026] if reg == "366" else [2023, 2024]
    cards: list[dict[str, Any]] = []
    for g, members in enumerate(groups):
        year = draw(st.sampled_from(years))
        by_peer_group = draw(st.booleans())
        for values in members:
            card: dict[str, Any] = {
                "unit": f"u{ids[len(cards)]:03d}",
                "name": f"Đơn vị {ids[len(cards)]}",
                "kind": "ward",
                "year": year,
                "indicators": {k: v for k, v in values.items() if v is not None},
            }
            if by_peer_group:
                card["peer_group"] = f"nhom-{g}"
                card["parent"] = f"p{len(cards) % 2}"  # the peer group wins over the parent
            else:
                card["parent"] = f"p{g}"
            cards.append(card)
    return cards
