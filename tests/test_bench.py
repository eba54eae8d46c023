"""The benchmark compares like with like: its plain-Python baseline rates as evaluator does.

Speed itself is reported by scripts/bench.py, never asserted.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections import Counter
from types import ModuleType

import evaluator
from conftest import QD366, ROOT


def script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_plain_python_baseline_gives_every_unit_the_level_and_rank_evaluator_gives() -> None:
    bench, plain = script("bench"), script("plain366")
    cards = bench.synthetic(2000, seed=7)
    run = evaluator.rate(QD366, cards)
    expected = {(d.unit, d.year): (d.level, d.rank) for d in run.results}
    found = {(r["unit"], r["year"]): (r["level"], r["rank"]) for r in plain.rate(cards)}
    assert found == expected
    # The data exercises what the baseline must get right: every level, vetoes, incomplete units, the quota.
    levels = Counter(level for level, _ in expected.values())
    assert all(levels[lv] > 0 for lv in ("htxs", "htt", "ht", "kht", None)), levels
    codes = Counter(r.code for d in run.results for r in d.reasons)
    assert codes["reason.quota_demoted"] > 0 and codes["reason.veto"] > 0


def test_plain366_imports_nothing_from_evaluator() -> None:
    text = (ROOT / "scripts" / "plain366.py").read_text(encoding="utf-8")
    imports = [line for line in text.splitlines() if line.startswith(("import ", "from "))]
    assert imports == ["from __future__ import annotations", "import json", "import sys"]


def test_the_benchmark_prints_a_markdown_table_with_the_machine() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "40", "--repeat", "1"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Machine: ") and " cores" in lines[0] and "Python 3." in lines[0]
    assert lines[2].startswith("| scorecards | program | input | min s | median s | max s |")
    rows = [line for line in lines if line.startswith("| 40 |")]
    assert [row.split("|")[2].strip() for row in rows] == [
        "`evaluator rank` (JSON)",
        "`evaluator rank` (YAML)",
        "plain Python baseline (JSON)",
    ]
    assert "same level and rank" in lines[-1]


def test_the_service_benchmark_measures_real_answers_and_prints_its_table() -> None:
    """A few requests only: the script starts `evaluator serve`, checks every answer is a 200 with
    the run's JSON, stops the server and prints the table the README takes (speed is not asserted)."""
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "bench_service.py"),
            *("--requests", "20", "--seconds", "10", "--clients", "2", "--workers", "1"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("Machine: ") and "One scorecard per request" in lines[0]
    row = next(line for line in lines if line.startswith("| 1 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[1] == "20" and cells[5] == "20" and float(cells[2]) > 0
    assert float(cells[7].replace(",", "")) > 0  # the baseline beside it


def test_a_format_of_one_engine_can_be_left_out_at_one_size() -> None:
    command = [sys.executable, str(ROOT / "scripts" / "bench.py"), "40", "--repeat", "1", "--engines", "columnar"]
    command += ["--formats", "json", "jsonl", "--skip", "columnar:jsonl@40"]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| 40 |")]
    assert [row.split("|")[2].strip() for row in rows] == [
        "`evaluator rank --engine columnar` (JSON → jsonl): not run (--skip columnar:jsonl@40)",
        "`evaluator rank --engine columnar` (JSON)",
        "plain Python baseline (JSON)",
    ]
