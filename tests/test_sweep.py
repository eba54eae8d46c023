"""`evaluator sweep`: each value's counts and changes are those of `rank --set` at that value."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.cli import main
from evaluator.errors import UsageError
from evaluator.sweep import MAX_STEPS, parse_range

ROOT = Path(__file__).resolve().parent.parent
CRITERIA = ROOT / "criteria" / "qd366-collective.yaml"
CARDS = ROOT / "examples" / "scorecards"


def _cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def _levels(*extra: str) -> dict[str, str | None]:
    code, out, err = _cli("rank", "--criteria", CRITERIA, CARDS, "--format", "json", *extra)
    assert code == 0, err
    return {d["unit"]: d["level"] for d in json.loads(out)["results"]}


def test_each_value_counts_what_rank_with_that_value_gives() -> None:
    code, out, err = _cli(
        "sweep", "--criteria", CRITERIA, CARDS, "--set", "tasks_done_veto_pct=60:100:20", "--format", "json"
    )
    assert code == 0, err
    sweep = json.loads(out)
    assert sweep["engine"] == "columnar" and sweep["units"] == 10
    base = _levels()  # durable_rules, the value in force
    assert sweep["in_force"] == {**{lv["id"]: 0 for lv in sweep["levels"]}, **_named(Counter(base.values()))}
    assert [s["value"] for s in sweep["steps"]] == [60, 80, 100]
    for step in sweep["steps"]:
        here = _levels("--set", f"tasks_done_veto_pct={step['value']}")
        assert step["counts"] == {**{lv["id"]: 0 for lv in sweep["levels"]}, **_named(Counter(here.values()))}
        want = [{"unit": u, "year": 2025, "from": base[u], "to": here[u]} for u in sorted(here) if here[u] != base[u]]
        assert step["changed"] == want
    assert any(step["changed"] for step in sweep["steps"])  # the example moves someone


def _named(counts: Counter) -> dict[str, int]:
    return {("incomplete" if k is None else k): v for k, v in counts.items()}


def test_the_engines_agree_and_the_output_says_which() -> None:
    args = ["sweep", "--criteria", CRITERIA, CARDS, "--set", "tasks_late_max_pct=0:30:10", "--format", "json"]
    columnar = json.loads(_cli(*args)[1])
    durable = json.loads(_cli(*args, "--engine", "durable")[1])
    assert (columnar.pop("engine"), durable.pop("engine")) == ("columnar", "durable")
    assert columnar == durable


def test_the_table_is_vietnamese_first_with_vietnamese_numbers() -> None:
    code, out, _ = _cli("sweep", "--criteria", CRITERIA, CARDS, "--set", "tasks_late_max_pct=0:5:2,5")
    assert code == 0
    assert "Quét giá trị tham số «Tỷ lệ" in out and "(tasks_late_max_pct)" in out
    assert "đang áp dụng" in out and "2,5" in out and "bộ xử lý theo cột (numpy)" in out
    code, out, _ = _cli("sweep", "--criteria", CRITERIA, CARDS, "--set", "tasks_late_max_pct=0:5:2.5", "--lang", "en")
    assert "Sweep of the parameter" in out and "in force" in out and "2.5" in out


def test_the_html_page_has_a_chart_and_nothing_that_runs(tmp_path: Path) -> None:
    target = tmp_path / "sweep.html"
    code, _, err = _cli(
        "sweep",
        "--criteria",
        CRITERIA,
        CARDS,
        "--set",
        "tasks_done_veto_pct=60:100:20",
        "--format",
        "html",
        "-o",
        target,
    )
    assert code == 0, err
    page = target.read_text(encoding="utf-8")
    assert page.count("<svg") == 1 and "<script" not in page and "Hoàn thành tốt nhiệm vụ" in page


@pytest.mark.parametrize(
    ("spec", "code", "fragment"),
    [
        ("tasks_late_max_pct=0:30", "sweep.syntax", "PARAM=FROM:TO:STEP"),
        ("tasks_late_max_pct", "sweep.syntax", "PARAM=FROM:TO:STEP"),
        ("tasks_late_max_pct=0:x:1", "sweep.number", "'x' is not a number"),
        ("tasks_late_max_pct=0:30:0", "sweep.step", "step must be above 0"),
        ("tasks_late_max_pct=30:0:1", "sweep.step", "FROM not above TO"),
        ("tasks_late_max_pct=0:1000:0,5", "sweep.too_many", "2001 values"),
        ("tasks_late_max_pct=0:99999999999999999:1", "sweep.range", "beyond"),
    ],
)
def test_a_bad_range_is_a_usage_error_before_any_rating(spec: str, code: str, fragment: str) -> None:
    with pytest.raises(UsageError) as info:
        parse_range(spec)
    assert info.value.problems[0].code == code
    assert fragment in info.value.render("en")
    exit_code, _, err = _cli("sweep", "--criteria", CRITERIA, CARDS, "--set", spec, "--lang", "en")
    assert exit_code == 2 and fragment in err and "Traceback" not in err


def test_an_unknown_parameter_gets_a_suggestion() -> None:
    code, _, err = _cli("sweep", "--criteria", CRITERIA, CARDS, "--set", "tasks_late_max_pc=0:30:10", "--lang", "en")
    assert code == 2 and "Did you mean 'tasks_late_max_pct'" in err


@settings(max_examples=200, deadline=None)
@given(
    st.integers(-10_000, 10_000),
    st.integers(1, 2_000),
    st.integers(0, 3),
    st.integers(0, MAX_STEPS - 1),
)
def test_a_range_is_every_step_from_start_to_stop_in_decimals(start: int, step: int, scale: int, steps: int) -> None:
    # Oracle: exact fractions, written from the words "FROM, FROM+STEP, … up to TO inclusive".
    from fractions import Fraction

    a, s = Fraction(start, 10**scale), Fraction(step, 10**scale)
    b = a + s * steps + s / 2  # TO between two steps: the last value is the one below it
    text = f"t={_decimal(a)}:{_decimal(b, scale + 1)}:{_decimal(s)}"
    name, values = parse_range(text)
    assert name == "t" and values == [float(a + k * s) for k in range(steps + 1)]


def _decimal(x, places: int | None = None) -> str:
    from decimal import Decimal

    d = Decimal(x.numerator) / Decimal(x.denominator)
    return format(d.quantize(Decimal(1).scaleb(-places)) if places is not None else d, "f")
