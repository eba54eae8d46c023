"""A plain-Python baseline for the benchmark: Regulation 366 rated by hand-written code.

    python scripts/plain366.py SCORECARDS.json OUT.json

Reads the same JSON file `evaluator rank` reads (a list of scorecards, or
``{"scorecards": [...]}``), applies the rules of criteria/qd366-collective.yaml and
rules/qd366.yaml written out directly — score = sum of points, bands 90/70/50 with each
level's required conditions, the seven vetoes, the 20% quota per peer group (kept by score,
then share of tasks exceeded, then unit), the ranking — and writes the levels as JSON.

It checks nothing, explains nothing and knows no other criteria: it is what the work costs
without the engine, the checks and the reasons, so that `scripts/bench.py` can show the
price of those. Uses only the standard library; imports nothing from evaluator.
"""

from __future__ import annotations

import json
import sys

GENERAL = ("general_1", "general_2", "general_3", "general_4", "general_5", "general_6")
REQUIRED = (
    *GENERAL,
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
)
ORDER = {"htxs": 0, "htt": 1, "ht": 2, "kht": 3}


def level_of(ind: dict) -> tuple[str, float]:
    """The level before the quota, and the score."""
    score = round(sum(ind[g] for g in GENERAL) + ind["task_results"], 6)
    all_done = ind["tasks_done_pct"] >= 100
    on_time = ind["tasks_late_pct"] == 0
    late_within = ind["tasks_late_pct"] <= 20
    exceeded = ind["tasks_exceeded_pct"] >= 30
    no_leader = ind["leaders_disciplined"] == 0
    no_subunit = ind["subunits_disciplined"] == 0
    remedied = ind.get("shortcomings_remedied_pct") is None or ind["shortcomings_remedied_pct"] >= 100
    vetoed = (
        ind["disunity_concluded"]
        or ind["personnel_violation_concluded"]
        or ind["factionalism_concluded"]
        or ind["degradation_concluded"]
        or not no_leader
        or ind["plan_targets_done_pct"] < 70
        or ind["basic_targets_met"] < ind.get("basic_targets_assigned", 5)
    )
    if vetoed:
        return "kht", score
    if score >= 90 and all_done and on_time and exceeded and no_leader and no_subunit and remedied:
        return "htxs", score
    if score >= 70 and all_done and on_time:
        return "htt", score
    if score >= 50 and all_done and late_within:
        return "ht", score
    return "kht", score


def rate(cards: list[dict]) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    for card in cards:
        ind = card["indicators"]
        base = card.get("peer_group") or f"{card.get('parent') or '-'}/{card['kind']}"
        row = {"unit": card["unit"], "year": card["year"], "level": None, "score": None, "rank": None}
        row["_exceeded"] = ind.get("tasks_exceeded_pct")
        if all(ind.get(name) is not None for name in REQUIRED):
            row["level"], row["score"] = level_of(ind)
        groups.setdefault(f"{base}/{card['year']}", []).append(row)
    out: list[dict] = []
    for group in sorted(groups):
        rows = groups[group]
        rated = [r for r in rows if r["level"] is not None]
        counted = sum(1 for r in rated if r["level"] in ("htxs", "htt"))
        places = counted * 20 // 100  # floor(20% of those rated good or better before the quota)
        candidates = sorted(
            (r for r in rated if r["level"] == "htxs"), key=lambda r: (-r["score"], -r["_exceeded"], r["unit"])
        )
        for r in candidates[places:]:
            r["level"] = "htt"
        rated.sort(key=lambda r: (ORDER[r["level"]], -r["score"], r["unit"]))
        for rank, r in enumerate(rated, start=1):
            r["rank"] = rank
        incomplete = sorted((r for r in rows if r["level"] is None), key=lambda r: r["unit"])
        for r in (*rated, *incomplete):
            del r["_exceeded"]
            out.append({"peer_group": group, **r})
    return out


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as fh:
        data = json.load(fh)
    cards = data["scorecards"] if isinstance(data, dict) else data
    with open(target, "w", encoding="utf-8") as fh:
        json.dump({"results": rate(cards)}, fh, ensure_ascii=False)


if __name__ == "__main__":
    main()
