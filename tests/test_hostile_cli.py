"""Every hostile case through the command line: exit 3 for a definition, 4 for scorecards, the problem
located in the JSON on stderr — and the bombs in bounded memory and time, in a process of their own."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXCELLENT, QD366, ROOT, make_card
from evaluator.cli import main
from hostile_support import toy_cards, toy_criteria
from test_hostile_yaml_json import BILLION_LAUGHS


def run(*args: str | Path) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, [str(a) for a in args] + ["--format", "json"])
    assert "Traceback" not in result.output + (result.stderr or ""), result.output
    problems = json.loads(result.stderr)["problems"] if result.exit_code in (3, 4) else []
    return result.exit_code, problems


def cards_file(tmp: Path, text: str, name: str = "cards.yaml") -> Path:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    return path


def card_json(**changes: object) -> str:
    card = make_card("u")
    card["indicators"].update(changes)
    return json.dumps(card, indent=1, ensure_ascii=False)


SCORECARD_CASES: dict[str, Callable[[Path], Path]] = {
    "alias_bomb": lambda t: cards_file(t, BILLION_LAUGHS),
    "bool_tag": lambda t: cards_file(
        t, card_json().replace('"disunity_concluded": false', '"disunity_concluded": !!bool yes')
    ),
    "beyond_2_53": lambda t: cards_file(t, card_json(subunits_disciplined=2**53 + 1), "c.json"),
    "five_thousand_digits": lambda t: cards_file(
        t, card_json().replace('"subunits_disciplined": 0', '"subunits_disciplined": ' + "9" * 5000), "c.json"
    ),
    "deep_json": lambda t: cards_file(t, '{"unit": ' + "[" * 1000 + "]" * 1000 + "}", "c.json"),
    "control_character": lambda t: cards_file(t, card_json().replace('"Phường u"', '"Phường \\u001b[2J"'), "c.json"),
}


@pytest.mark.parametrize("case", sorted(SCORECARD_CASES))
def test_hostile_scorecards_exit_4_with_a_located_problem(tmp_path: Path, case: str) -> None:
    path = SCORECARD_CASES[case](tmp_path)
    code, problems = run("rank", "--criteria", QD366, path)
    assert code == 4
    assert problems and all(p["location"]["file"] == str(path) for p in problems)
    assert all("line" in p["location"] for p in problems), problems


def test_hostile_workbook_exits_4_naming_sheet_row_and_column(tmp_path: Path) -> None:
    from test_hostile_sheets import col, workbook

    def formula(ws: object) -> None:
        ws.cell(2, col("shortcomings_remedied_pct")).value = "=40*2"  # type: ignore[attr-defined]

    path = workbook(tmp_path, [make_card("u", **EXCELLENT)], edit=formula)
    code, problems = run("rank", "--criteria", QD366, path)
    assert code == 4
    [p] = problems
    assert p["code"] == "tabular.formula_uncached"
    assert {k: p["location"][k] for k in ("file", "sheet", "row")} == {"file": str(path), "sheet": "Phiếu", "row": 2}


def test_points_overflow_exits_4(tmp_path: Path) -> None:
    body = "  - {id: c, title: {vi: C, en: C}, condition: ok}\n  - {id: big, title: {vi: B, en: B}, points: n * n}\n"
    crit = toy_criteria(tmp_path, body)
    code, problems = run("rank", "--criteria", crit, toy_cards(tmp_path, {"n": 10**10, "ok": True}))
    assert code == 4 and problems[0]["code"] == "points.overflow"


DEFINITION_CASES: dict[str, tuple[str, str]] = {
    "dnf_bomb": ("condition", " and ".join(["(n > 1 or m > 1)"] * 30)),
    "flat_chain": ("condition", " + ".join(["n"] * 900) + " > 1"),
    "constant_beyond_2_53": ("condition", "n > 9007199254740993"),
    "overflowing_arithmetic": ("condition", " * ".join(["n"] * 20) + " - " + " * ".join(["m"] * 20) + " > 0"),
}


@pytest.mark.parametrize("case", sorted(DEFINITION_CASES))
def test_hostile_criteria_exit_3_with_a_located_problem(tmp_path: Path, case: str) -> None:
    key, text = DEFINITION_CASES[case]
    crit = toy_criteria(tmp_path, f"  - id: c\n    title: {{vi: C, en: C}}\n    {key}: {text}\n")
    code, problems = run("rank", "--criteria", crit, toy_cards(tmp_path, {"n": 1, "m": 1, "ok": True}))
    assert code == 3
    [p] = problems
    assert p["location"]["file"] == str(crit) and p["location"]["field"] == "criteria.0.condition"
    result = CliRunner().invoke(main, ["validate", str(crit), "--lang", "en"])
    assert result.exit_code == 3 and "Traceback" not in result.output
    assert f"{crit}:{p['location']['line']}" in result.output + result.stderr


def test_hostile_overlay_exits_3(tmp_path: Path) -> None:
    path = tmp_path / "overlay.yaml"
    path.write_text(
        f"overlay: {QD366}\nid: o\nversion: '1'\ntitle: {{vi: O, en: O}}\n"
        "parameters:\n  tasks_exceeded_min_pct:\n    values: [{region: DBSCL, value: 5}]\n",
        encoding="utf-8",
    )
    code, problems = run("rank", "--criteria", path, ROOT / "examples" / "scorecards")
    assert code == 3 and problems[0]["code"] == "param.region_undeclared"


BOMBS = """
import resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (__LIMIT__, __LIMIT__))
from evaluator import EvaluatorError, load_criteria, read_scorecards
crit = load_criteria(sys.argv[1])
for kind, path in zip(sys.argv[2::2], sys.argv[3::2]):
    start = time.perf_counter()
    try:
        (read_scorecards([path], crit) if kind == "cards" else load_criteria(path))
        print(kind, "accepted")
    except EvaluatorError as exc:
        print(kind, exc.problems[0].code, round(time.perf_counter() - start, 3))
"""


def test_hostile_inputs_run_in_bounded_memory_and_time(tmp_path: Path) -> None:
    from test_hostile_sheets import zip_bomb

    dnf = toy_criteria(
        tmp_path, "  - {id: c, title: {vi: C, en: C}, condition: " + " and ".join(["(n > 1 or m > 1)"] * 30) + "}\n"
    )
    inputs = [
        ("cards", cards_file(tmp_path, BILLION_LAUGHS)),
        ("cards", cards_file(tmp_path, "[" * 100_000 + "]" * 100_000, "deep.json")),
        ("cards", cards_file(tmp_path, "a: " + "9" * 100_000 + "\n", "long.yaml")),
        ("cards", zip_bomb(tmp_path)),
        ("criteria", dnf),
    ]
    limit = 1024**3  # 1 GiB of address space for the whole interpreter
    script = textwrap.dedent(BOMBS).replace("__LIMIT__", str(limit))
    args = [sys.executable, "-c", script, str(QD366), *(str(x) for pair in inputs for x in pair)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(args, capture_output=True, text=True, timeout=60, env=env, check=False)
    assert done.returncode == 0, done.stderr
    lines = [line.split() for line in done.stdout.splitlines()]
    assert [line[1] for line in lines] == [
        "yaml.aliases",
        "yaml.too_deep",
        "number.too_large",
        "tabular.too_large",
        "expr.too_complex",
    ]
    assert all(float(line[2]) < 1.0 for line in lines), lines
