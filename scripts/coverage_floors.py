"""Judge the branch coverage of the last test run against the floors in pyproject.toml.

``bash scripts/dev.sh test`` runs pytest with coverage (branch = true) and then this script,
which reads ``[tool.evaluator.coverage]``:

- ``core``: the files of the rating core, whose branches must be taken at least
  ``core_branches_min`` percent;
- ``total_branches_min``: the floor for the branches of the whole package.

It prints one line per floor and, for a floor that is not met, the branches never taken
(``file: line→line``). Exit status 1 when a floor is not met, 2 when there is no coverage data.
Usage: ``python scripts/coverage_floors.py [--data .coverage]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import tomllib
from pathlib import Path

import coverage

ROOT = Path(__file__).resolve().parent.parent


def floors() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["tool"]["evaluator"]["coverage"]


def report(data_file: Path) -> dict[str, dict]:
    """Per file (path relative to the repository): its coverage summary and missing branches."""
    cov = coverage.Coverage(data_file=str(data_file), config_file=str(ROOT / "pyproject.toml"))
    cov.load()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "coverage.json"
        cov.json_report(outfile=str(out))
        files = json.loads(out.read_text(encoding="utf-8"))["files"]
    return {(ROOT / name).resolve().relative_to(ROOT).as_posix(): info for name, info in files.items()}


def percent(covered: int, total: int) -> float:
    return 100.0 if total == 0 else 100.0 * covered / total


def judge(name: str, files: dict[str, dict], minimum: float) -> bool:
    covered = sum(f["summary"]["covered_branches"] for f in files.values())
    total = sum(f["summary"]["num_branches"] for f in files.values())
    got = percent(covered, total)
    ok = got >= minimum
    verdict = "ok" if ok else "BELOW THE FLOOR"
    print(f"branch coverage, {name}: {covered}/{total} = {got:.1f}% (floor {minimum:g}%) {verdict}")
    if not ok:
        for path, info in sorted(files.items()):
            missing = info.get("missing_branches", [])
            if missing:
                arcs = ", ".join(f"{a}→{'exit' if b < 0 else b}" for a, b in missing)
                print(f"    {path}: {arcs}")
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / ".coverage", help="coverage data file")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no coverage data at {args.data}: run the tests with coverage first", file=sys.stderr)
        return 2
    conf = floors()
    files = report(args.data)
    core_names = list(conf["core"])  # type: ignore[call-overload]
    absent = [c for c in core_names if c not in files]
    if absent:
        print(f"core files without coverage data: {', '.join(absent)}", file=sys.stderr)
        return 2
    core = {name: files[name] for name in core_names}
    ok = judge("rating core", core, float(conf["core_branches_min"]))  # type: ignore[arg-type]
    ok = judge("whole package", files, float(conf["total_branches_min"])) and ok  # type: ignore[arg-type]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
