"""An independent reading of Regulations 366-QĐ/TW and 124-QĐ/TW, to check the project against.

Written from the regulations' text, not from the project's code, and importing nothing of the
project (a test inspects this module's imports): only the indicator ids are shared, as the
shipped criteria files name them. What the regulations say, as this oracle reads it:

Regulation 366-QĐ/TW (2025), collectives, a score out of 100 (six general criteria, 30 points,
and task results, 70 points):

- HTXS (excellent): score ≥ 90; 100% of tasks done on time; ≥ 30% of tasks exceeded; no
  sub-unit and no leadership member disciplined; 100% of the shortcomings named earlier
  remedied (none named: nothing to remedy); within the quota.
- HTT (good): 70 ≤ score; 100% of tasks done on time.
- HT (completed): 50 ≤ score; 100% of tasks done; tasks behind schedule ≤ 20%.
- KHT (not completed): anything else, or any veto — violations in personnel work, internal
  disunity or factionalism concluded by the competent authority; a member concluded to show
  degradation; a leadership member disciplined (reprimand or above, for duty-related violations
  in this collective); the unit completes < 70% of the year's tasks — the locality's yearly plan
  targets, a field of its own, not the collective's assigned tasks that the levels need at
  100% — or fails the 5 basic socio-economic targets: fewer met than were assigned, all five
  counting as assigned when the scorecard does not say how many were.

Regulation 124-QĐ/TW (2023–2025): every criterion is graded Xuất sắc / Tốt / Trung bình / Kém.

- HTXS: every criterion Tốt or better and the task results Xuất sắc; no sub-unit and no
  leadership member disciplined; within the quota.
- HTT: every criterion Trung bình or better, task results Tốt or better.
- HT: what remains when not HTXS, HTT or KHT.
- KHT: a criterion (or the task results) Kém; < 50% of targets completed with the main
  targets missed; the leadership collective disciplined; > 20% of sub-units disciplined;
  internal disunity.

The quota (both): the units rated HTXS may not exceed 20% (25% where the competent level
allows) of the units rated good — "không vượt quá 20% tổng số … được xếp loại 'Hoàn thành tốt
nhiệm vụ'" — within a peer group of similar units; rounded down. Two readings of "the units
rated good", both here:

- before the selection (the project's schemes, and what they explain): the units rated HTT or
  HTXS before the quota — excellent units are chosen from among those that qualify as good;
- the final count (``base="final"``, read literally): the units rated HTT once the quota is
  applied, the excellent candidates moved down included; as many candidates keep HTXS as can
  while that still holds, trying the most first.

What the regulations leave open, taken as the shipped schemes document it: the peer group is
the scorecard's ``peer_group``, else its parent and kind, within one year; candidates beyond
the quota are chosen by score (366) or share of targets completed (124), then the share of
tasks exceeded (366), then the unit id; ranks go by level, then the same keys, then unit id.
A unit missing a required value is not rated, not counted and not ranked.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

LEVELS = ("htxs", "htt", "ht", "kht")  # best first


@dataclass(frozen=True)
class Verdict:
    unit: str
    year: int
    group: str
    rated: bool
    before_quota: str | None  # the level the unit's own results give (vetoes included)
    level: str | None  # after the quota
    rank: int | None


def _num(x: Any) -> Fraction:
    """An exact value of a decimal as written (99.9 is 999/10, not the nearest double)."""
    return Fraction(str(x))


# ---------------------------------------------------------------- Regulation 366

REQUIRED_366 = (
    "general_1",
    "general_2",
    "general_3",
    "general_4",
    "general_5",
    "general_6",
    "task_results",
    "tasks_done_pct",
    "plan_targets_done_pct",
    "tasks_late_pct",
    "tasks_exceeded_pct",
    "leaders_disciplined",
    "subunits_disciplined",
    "disunity_concluded",
    "personnel_violation_concluded",
    "factionalism_concluded",
    "degradation_concluded",
    "basic_targets_met",
)  # may be left out: shortcomings_remedied_pct (none named), basic_targets_assigned (all five)

BASIC_TARGETS = 5  # growth, budget revenue, public-investment disbursement, income per capita, poverty


def score_366(v: dict[str, Any]) -> Fraction:
    return sum((_num(v[f"general_{i}"]) for i in range(1, 7)), Fraction(0)) + _num(v["task_results"])


def vetoes_366(v: dict[str, Any]) -> set[str]:
    """The vetoes that apply, by the ids the shipped scheme gives them."""
    assigned = v.get("basic_targets_assigned")
    found = {
        "personnel_violation": v["personnel_violation_concluded"],
        "disunity": v["disunity_concluded"],
        "factionalism": v["factionalism_concluded"],
        "degradation": v["degradation_concluded"],
        "leader_disciplined": v["leaders_disciplined"] >= 1,
        "tasks_below_70": _num(v["plan_targets_done_pct"]) < 70,
        "basic_targets_missed": v["basic_targets_met"] < (BASIC_TARGETS if assigned is None else assigned),
    }
    return {name for name, applies in found.items() if applies}


def level_366(v: dict[str, Any], lifted: frozenset[str] = frozenset()) -> str:
    """The level before the quota; ``lifted``: vetoes the competent level lifted (force majeure,
    self-detected and promptly remedied) — the level then follows the points and conditions."""
    if vetoes_366(v) - lifted:
        return "kht"
    score = score_366(v)
    all_done = _num(v["tasks_done_pct"]) == 100
    on_time = _num(v["tasks_late_pct"]) == 0
    remedied = v.get("shortcomings_remedied_pct") is None or _num(v["shortcomings_remedied_pct"]) == 100
    if (
        score >= 90
        and all_done
        and on_time
        and _num(v["tasks_exceeded_pct"]) >= 30
        and v["subunits_disciplined"] == 0
        and v["leaders_disciplined"] == 0
        and remedied
    ):
        return "htxs"
    if score >= 70 and all_done and on_time:
        return "htt"
    if score >= 50 and all_done and _num(v["tasks_late_pct"]) <= 20:
        return "ht"
    return "kht"


# ---------------------------------------------------------------- Regulation 124

GENERAL_124 = tuple(f"rating_general_{i}" for i in range(1, 7))
REQUIRED_124 = (
    *GENERAL_124,
    "rating_task_results",
    "tasks_done_pct",
    "main_targets_missed",
    "leaders_disciplined",
    "leadership_collective_disciplined",
    "subunits_disciplined",
    "subunits_total",
    "disunity_concluded",
)


def level_124(v: dict[str, Any], lifted: frozenset[str] = frozenset()) -> str:
    if lifted:
        raise NotImplementedError("lifting 124's vetoes is not read here; the overrides are checked under 366")
    grades = [v[g] for g in GENERAL_124]
    task = v["rating_task_results"]
    total, disciplined = v["subunits_total"], v["subunits_disciplined"]
    over_a_fifth = Fraction(disciplined, total) > Fraction(1, 5) if total else disciplined > 0
    vetoed = (
        "kem" in grades
        or task == "kem"
        or (_num(v["tasks_done_pct"]) < 50 and v["main_targets_missed"])
        or v["leadership_collective_disciplined"]
        or over_a_fifth
        or v["disunity_concluded"]
    )
    if vetoed:
        return "kht"
    if (
        all(g in ("xuat_sac", "tot") for g in grades)
        and task == "xuat_sac"
        and disciplined == 0
        and v["leaders_disciplined"] == 0
    ):
        return "htxs"
    if task in ("xuat_sac", "tot"):  # no criterion is Kém here: every one is Trung bình or better
        return "htt"
    return "ht"


# ---------------------------------------------------------------- both: quota and ranking


@dataclass(frozen=True)
class Regulation:
    required: tuple[str, ...]
    level: Any  # values -> level before the quota
    keep_keys: Any  # values -> keys ordering candidates, smaller first (the unit id follows)
    rank_keys: Any  # values -> keys ordering a level's units, smaller first (the unit id follows)


REG_366 = Regulation(
    REQUIRED_366,
    level_366,
    lambda v: (-score_366(v), -_num(v["tasks_exceeded_pct"])),
    lambda v: (-score_366(v),),
)
REG_124 = Regulation(
    REQUIRED_124,
    level_124,
    lambda v: (-_num(v["tasks_done_pct"]),),
    lambda v: (-_num(v["tasks_done_pct"]),),
)


def group_of(card: dict[str, Any]) -> str:
    base = card.get("peer_group") or f"{card['parent']}/{card['kind']}"
    return f"{base}/{card['year']}"


def places(good_before: int, excellent_before: int, rate_pct: int, base: str) -> int:
    """How many of the excellent candidates keep HTXS in a group with ``good_before`` units HTT."""
    if base == "before_selection":
        return min(excellent_before, (good_before + excellent_before) * rate_pct // 100)
    for kept in range(excellent_before, -1, -1):  # the most first
        good_after = good_before + (excellent_before - kept)
        if kept <= good_after * rate_pct // 100:
            return kept
    raise AssertionError("keeping none always holds")


def rate(
    reg: Regulation,
    cards: list[dict[str, Any]],
    rate_pct: int = 20,
    base: str = "before_selection",
    lifted: dict[tuple[str, int], frozenset[str]] | None = None,
) -> dict[tuple[str, int], Verdict]:
    """Every unit's verdict: rated or not, its level before and after the quota, its rank.
    ``lifted``: per unit and year, the vetoes a recorded decision lifts."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for card in cards:
        groups.setdefault(group_of(card), []).append(card)
    out: dict[tuple[str, int], Verdict] = {}
    for group, members in groups.items():
        rated = [c for c in members if all(c["indicators"].get(k) is not None for k in reg.required)]
        lift = lifted or {}
        before = {c["unit"]: reg.level(c["indicators"], lift.get((c["unit"], c["year"]), frozenset())) for c in rated}
        after = dict(before)
        good = sum(1 for c in rated if before[c["unit"]] == "htt")
        candidates = sorted(
            (c for c in rated if before[c["unit"]] == "htxs"), key=lambda c: (reg.keep_keys(c["indicators"]), c["unit"])
        )
        for c in candidates[places(good, len(candidates), rate_pct, base) :]:
            after[c["unit"]] = "htt"
        ranked = sorted(
            rated, key=lambda c: (LEVELS.index(after[c["unit"]]), reg.rank_keys(c["indicators"]), c["unit"])
        )
        ranks = {c["unit"]: i for i, c in enumerate(ranked, start=1)}
        for c in members:
            u = c["unit"]
            out[(u, c["year"])] = Verdict(u, c["year"], group, u in before, before.get(u), after.get(u), ranks.get(u))
    return out
