"""Benchmark: `evaluator rank` timed as a user runs it, beside a plain-Python baseline.

    .venv/bin/python scripts/bench.py [N ...] [--repeat R]      (default: 1000 10000, R = 3)

For each N it writes N synthetic Regulation 366 scorecards (400 peer groups; most units
good or completed, the quota at work, a few vetoes, about 1% incomplete) to a JSON file and
a YAML file, then runs, R times each, the
whole program as a separate process — start-up, reading, checking, rating with
durable_rules, reasons, writing the JSON result, exit:

    evaluator rank --criteria criteria/qd366-collective.yaml FILE --format json -o out.json

and, timed the same way, `python scripts/plain366.py FILE out.json`: the same 366 rules
(points, bands, required conditions, vetoes, quota, ranking) written directly in plain
Python on the JSON file, with no checks and no reasons. It checks that both give every
unit the same level and rank, and prints a Markdown table — wall time min/median/max,
scorecards per second at the median, the child's peak resident memory (from wait4; it
cannot be below this script's own, about 20 MB, which the child is forked from) — with
the machine it ran on and its load, ready to paste into README. It reports; it never
asserts a speed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CRITERIA = ROOT / "criteria" / "qd366-collective.yaml"
BASELINE = ROOT / "scripts" / "plain366.py"
EVALUATOR = Path(sys.executable).with_name("evaluator")


def synthetic(n: int, seed: int = 366) -> list[dict]:
    """N scorecards of Regulation 366 shaped like a province's: 400 peer groups, most units good or
    completed, candidates for 'excellent' beyond the quota, a few vetoes, about 1% incomplete."""
    rng = random.Random(seed)
    cards = []
    for i in range(n):
        ind = {f"general_{k}": rng.choice([4, 4.5, 5, 5, 5]) for k in range(1, 7)}
        ind.update(
            task_results=round(rng.uniform(40, 70), 1),
            tasks_done_pct=rng.choice([100] * 18 + [95, 65]),
            plan_targets_done_pct=rng.choice([100] * 12 + [94.4, 88.9, 65]),
            tasks_late_pct=rng.choice([0] * 6 + [5, 25]),
            tasks_exceeded_pct=round(rng.uniform(0, 60), 1),
            leaders_disciplined=int(rng.random() < 0.025),
            subunits_disciplined=int(rng.random() < 0.1),
            disunity_concluded=rng.random() < 0.01,
            personnel_violation_concluded=rng.random() < 0.005,
            factionalism_concluded=rng.random() < 0.005,
            degradation_concluded=rng.random() < 0.01,
            basic_targets_met=5 if rng.random() < 0.95 else 4,
        )
        if rng.random() < 0.2:  # the number assigned said: all five, or four (met, or one missed)
            ind["basic_targets_assigned"] = rng.choice([5, 4])
            ind["basic_targets_met"] = min(ind["basic_targets_met"], ind["basic_targets_assigned"])
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


def write_inputs(n: int, folder: Path, yaml_too: bool = True) -> None:
    """cards-N.json and (unless not needed) cards-N.yaml in ``folder`` (run in its own process: see main)."""
    import yaml

    cards = synthetic(n)
    (folder / f"cards-{n}.json").write_text(json.dumps(cards, ensure_ascii=False, indent=1), encoding="utf-8")
    if not yaml_too:  # writing a million scorecards as YAML takes longer than rating them
        return
    text = yaml.safe_dump({"scorecards": cards}, allow_unicode=True, sort_keys=False)
    (folder / f"cards-{n}.yaml").write_text(text, encoding="utf-8")


def timed(args: list[str]) -> tuple[float, float]:
    """Wall time (s) of the whole process, start-up and exit included, and its peak RSS (MB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{err}")
    if proc.stderr:
        proc.stderr.close()
    return elapsed, usage.ru_maxrss / 1024  # Linux gives kilobytes


def outcomes(path: Path) -> str:
    """Every (unit, year, level, rank) of an evaluator or baseline result file, as one digest.

    Read by another process (``--digest``), for the same reason the inputs are written by one:
    parsing a large result here would raise this process's peak memory, which children inherit.
    """
    done = subprocess.run([sys.executable, __file__, "--digest", str(path)], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def digest(path: Path) -> str:
    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        results = pq.read_table(path, columns=["unit", "year", "level", "rank"]).to_pylist()
    elif path.suffix == ".jsonl":
        # A line at a time, keeping only what is compared: a million units' records held whole
        # would take more memory than the run that wrote them.
        with path.open(encoding="utf-8") as lines:
            next(lines)  # the header
            results = [{k: r[k] for k in ("unit", "year", "level", "rank")} for r in map(json.loads, lines)]
    else:
        results = json.loads(path.read_text(encoding="utf-8"))["results"]
    rows = sorted((r["unit"], r["year"], r["level"] or "", r["rank"] or 0) for r in results)
    return hashlib.sha256(json.dumps(rows).encode()).hexdigest()


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = ""
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f", {int(line.split()[1]) / 1024 / 1024:.0f} GiB RAM"
    except OSError:
        pass
    try:
        durable = metadata.version("durable-rules")
    except metadata.PackageNotFoundError:
        durable = "?"
    return (
        f"{cpu}, {os.cpu_count()} cores{ram}; Python {platform.python_version()}, durable-rules {durable}, "
        f"{platform.system()} {platform.release()}; measured {dt.date.today().isoformat()}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", type=int, nargs="*", default=[1000, 10_000], metavar="N")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--engines", nargs="+", default=["durable"], choices=["durable", "columnar"], metavar="ENGINE")
    ap.add_argument("--formats", nargs="+", default=["json"], choices=["json", "jsonl", "parquet"], metavar="FORMAT")
    ap.add_argument("--no-yaml", action="store_true", help="skip the YAML input (the JSON input only)")
    ap.add_argument(
        "--skip",
        nargs="*",
        default=[],
        metavar="ENGINE[:FORMAT]@N",
        help="runs left out, e.g. durable@1000000 where it does not fit in memory, or columnar:json@1000000"
        " (said in the table)",
    )
    ap.add_argument("--write", metavar="FOLDER", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--digest", metavar="RESULTS", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.digest is not None:
        print(digest(args.digest))
        return
    if args.write is not None:
        for n in args.sizes:
            write_inputs(n, args.write, yaml_too=not args.no_yaml)
        return

    rows: list[tuple[int, str, float | None]] = []  # N, the row's cells (or why not run), median wall time
    baselines: dict[int, float | None] = {}
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="evaluator-bench-") as tmp:
        folder = Path(tmp)
        for n in args.sizes:
            # Written by another process: a child's peak memory as the kernel reports it starts from
            # this process's own (the child is forked from it), so this one stays small.
            yaml_needed = not args.no_yaml and "durable" in args.engines and "json" in args.formats
            yaml_needed = yaml_needed and f"durable@{n}" not in args.skip
            write = [sys.executable, __file__, str(n), "--write", str(folder), *([] if yaml_needed else ["--no-yaml"])]
            subprocess.run(write, check=True)
            files = {"JSON": folder / f"cards-{n}.json", "YAML": folder / f"cards-{n}.yaml"}
            head = [str(EVALUATOR), "rank", "--criteria", str(CRITERIA)]
            programs: list[tuple[str, Path, list[str], str]] = []
            for engine in args.engines:
                for fmt in args.formats:
                    for kind in ("JSON",) if args.no_yaml or engine != "durable" or fmt != "json" else ("JSON", "YAML"):
                        label = "`evaluator rank`" if engine == "durable" else f"`evaluator rank --engine {engine}`"
                        label += f" ({kind})" if fmt == "json" else f" ({kind} → {fmt})"
                        skipped = [w for w in (f"{engine}@{n}", f"{engine}:{fmt}@{n}") if w in args.skip]
                        if skipped:
                            rows.append((n, f"{label}: not run (--skip {skipped[0]})", None))
                            continue
                        programs.append((label, files[kind], [*head, "--engine", engine, "--format", fmt], fmt))
            programs.append(("plain Python baseline (JSON)", files["JSON"], [sys.executable, str(BASELINE)], "json"))
            levels = []
            for label, path, command_head, fmt in programs:
                out = folder / f"out.{fmt}"
                if command_head[0] == sys.executable:
                    command = [*command_head, str(path), str(out)]
                else:
                    command = [*command_head, str(path), "-o", str(out)]
                runs = [timed(command) for _ in range(args.repeat)]
                levels.append(outcomes(out))
                walls = [w for w, _ in runs]
                median = statistics.median(walls)
                size = path.stat().st_size / 1024 / 1024
                cells = (
                    f"| {n:,} | {label} | {size:.1f} MB | {min(walls):.2f} | {median:.2f} | {max(walls):.2f} "
                    f"| {n / median:,.0f} | {max(m for _, m in runs):,.0f} |"
                )
                rows.append((n, cells, median))
                print(cells, file=sys.stderr, flush=True)
            baselines[n] = rows[-1][2]
            if not all(found == levels[0] for found in levels):
                raise SystemExit(f"N={n}: the baseline and evaluator disagree on a level or a rank")
    load = f"load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after"
    print(f"Machine: {machine()}; {load}. Each program run {args.repeat} times as a separate process.\n")
    print(
        "| scorecards | program | input | min s | median s | max s | scorecards/s (median) | peak RSS MB "
        "| time ÷ baseline |"
    )
    print("|---:|---|---:|---:|---:|---:|---:|---:|---:|")
    for n, cells, wall in rows:
        base = baselines.get(n)
        if wall is None:
            print(f"| {n:,} | {cells} | | | | | | | |")
        else:
            print(f"{cells} {wall / base:.1f}× |" if base else f"{cells} |")
    print("\nEvery run gave every unit the same level and rank in the baseline and in evaluator.")


if __name__ == "__main__":
    main()
