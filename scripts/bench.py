"""Benchmark: rate N synthetic Regulation 366 scorecards end to end.

    python scripts/bench.py [N] [--repeat R] [--engine durable|reference]

End to end means: checking every scorecard against the criteria (validation),
the durable_rules engine, levels, vetoes, the quota, ranking, reasons and the gap —
and then, reported separately, rendering the whole result to JSON text (every reason
in words). Reading files is not included. Prints scorecards per second (median of the
repetitions) and the peak memory of the process. Not a test: speed is reported, never
asserted.
"""

from __future__ import annotations

import argparse
import platform
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from evaluator import bind_scheme, check_scorecards, evaluate, load_criteria  # noqa: E402
from evaluator.errors import Location  # noqa: E402
from evaluator.scorecards import RawCard  # noqa: E402


def synthetic(n: int, seed: int = 366) -> list[dict]:
    rng = random.Random(seed)
    cards = []
    for i in range(n):
        ind = {f"general_{k}": rng.choice([3, 3.5, 4, 4.5, 5]) for k in range(1, 7)}
        ind.update(
            task_results=round(rng.uniform(30, 70), 1),
            tasks_done_pct=rng.choice([100, 100, 100, 95, 68]),
            tasks_late_pct=rng.choice([0, 0, 0, 5, 25]),
            tasks_exceeded_pct=round(rng.uniform(0, 60), 1),
            leaders_disciplined=rng.choice([0] * 20 + [1]),
            subunits_disciplined=rng.choice([0] * 10 + [1]),
            disunity_concluded=rng.random() < 0.02,
            degradation_concluded=rng.random() < 0.02,
            basic_targets_met=rng.choice([5, 5, 5, 5, 4]),
        )
        if rng.random() < 0.7:
            ind["shortcomings_remedied_pct"] = rng.choice([100, 100, 80])
        if rng.random() < 0.01:
            del ind["tasks_late_pct"]  # about 1% incomplete
        cards.append(
            {
                "unit": f"u{i:06d}",
                "name": f"Phường {i}",
                "kind": "ward",
                "parent": f"district-{i % 400}",
                "year": 2025,
                "indicators": ind,
            }
        )
    return cards


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int, nargs="?", default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--engine", choices=["durable", "reference"], default="durable")
    args = ap.parse_args()

    criteria = load_criteria(ROOT / "criteria" / "qd366-collective.yaml")
    scheme = bind_scheme(ROOT / "rules" / "qd366.yaml", criteria)
    cards = synthetic(args.n)
    nowhere = Location()
    rates, rated = [], []
    for _ in range(args.repeat):
        raws = [RawCard(c, lambda loc: nowhere) for c in cards]
        start = time.perf_counter()
        subs = check_scorecards(raws, criteria)
        run = evaluate(criteria, subs, scheme, backend=args.engine)
        middle = time.perf_counter()
        text = run.to_json("vi")
        elapsed = time.perf_counter() - start
        rated.append(args.n / (middle - start))
        rates.append(args.n / elapsed)
        assert len(run.results) == args.n and text
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}, Python {platform.python_version()}")
    print(f"engine: {args.engine}; scorecards: {args.n}; repetitions: {args.repeat}")
    print(
        f"rated (validation to decisions with reasons): median {statistics.median(rated):,.0f}/s"
        f" (min {min(rated):,.0f}, max {max(rated):,.0f})"
    )
    print(f"rated + JSON text: median {statistics.median(rates):,.0f}/s (min {min(rates):,.0f}, max {max(rates):,.0f})")
    print(f"peak memory (RSS): {peak_mb:,.0f} MB")


if __name__ == "__main__":
    main()
