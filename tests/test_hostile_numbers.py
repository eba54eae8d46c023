"""Numbers the rules engine cannot compare exactly are refused; arithmetic never wraps; a points formula
that overflows is a located error, never 'Infinity' in a result.

durable_rules keeps integers as int64 and computes in binary double: beyond ±2**53 integers lose
exactness, beyond 64 bits they are clamped, and int64 arithmetic wraps (2**40 × 2**40 is 0)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from conftest import EXAMPLES, QD366, make_card, raw
from engine_support import Harness
from evaluator import DefinitionError, ScorecardError, check_scorecards, load_criteria, rate
from evaluator.cli import main
from evaluator.limits import MAX_EXACT
from evaluator.model.criteria import ParameterValue
from hostile_support import line_of, toy_cards, toy_criteria

CRIT = load_criteria(QD366)


@pytest.mark.parametrize("value", [MAX_EXACT + 1, -MAX_EXACT - 1, 2**63, 2**64 + 1, 10**40, 1e20, -1.5e300])
def test_integer_beyond_2_53_is_refused_in_scorecard_values(value: int | float) -> None:
    # Scorecards from memory (an admin tool's database), checked like files: a number indicator has no maximum.
    card = make_card("u")
    card["indicators"]["leaders_disciplined"] = 0
    card["indicators"]["task_results"] = 50
    toy = {**card, "indicators": {**card["indicators"], "subunits_disciplined": value}}
    with pytest.raises(ScorecardError) as err:
        check_scorecards([raw(toy)], CRIT)
    [p] = err.value.problems
    assert p.code in ("indicator.too_large", "indicator.type")  # a count: 1e20 is whole but too large
    assert p.location.field == "indicators.subunits_disciplined"
    assert p.code == "indicator.too_large", p.render("en")
    assert "9.007.199.254.740.992" in p.message("vi") and "9,007,199,254,740,992" in p.message("en")
    assert len(p.message("en")) < 250


def test_the_bound_is_inclusive_for_scorecard_values(tmp_path: Path) -> None:
    crit = load_criteria(toy_criteria(tmp_path, "  - {id: c, title: {vi: C, en: C}, condition: n >= m}\n"))
    subs = check_scorecards([raw({**c, "indicators": c["indicators"]}) for c in _cards(MAX_EXACT, -MAX_EXACT)], crit)
    assert subs[0].values == {"n": MAX_EXACT, "m": -MAX_EXACT}


def _cards(n: int, m: int) -> list[dict]:
    return [
        {"unit": "u", "name": "Phường U", "kind": "ward", "parent": "p", "year": 2025, "indicators": {"n": n, "m": m}}
    ]


def test_integer_beyond_2_53_is_refused_in_parameter_values(tmp_path: Path) -> None:
    extra = "parameters:\n  limit: {title: {vi: Ngưỡng, en: Limit}, value: 9007199254740993}\n"
    path = toy_criteria(tmp_path, "  - {id: c, title: {vi: C, en: C}, condition: n >= limit}\n", extra=extra)
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    [p] = err.value.problems
    assert (p.code, p.location.line) == ("number.too_large", line_of(path.read_text(), "9007199254740993"))
    # A model built in Python (not read from a file) is held to the same bound.
    with pytest.raises(ValidationError, match="2\\^53"):
        ParameterValue(value=2.0**60)


@pytest.mark.parametrize(
    "condition",
    [
        "n >= 9007199254740993",
        "n >= -9007199254740993.5",
        "n < 1000000 * 1000000 * 10000",
        "n > 99999999999999999999999",
    ],
)
def test_integer_beyond_2_53_is_refused_in_expression_constants(tmp_path: Path, condition: str) -> None:
    path = toy_criteria(tmp_path, f"  - id: c\n    title: {{vi: C, en: C}}\n    condition: {condition}\n")
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    [p] = err.value.problems
    assert p.code == "expr.number"
    where = (str(path), line_of(path.read_text(), "condition:"), "criteria.0.condition")
    assert (p.location.file, p.location.line, p.location.field) == where
    assert "2^53" in p.message("vi")


def test_engine_integer_arithmetic_does_not_wrap(tmp_path: Path) -> None:
    # 2**40 × 2**40 is 2**80; in the engine's int64 it used to be 0, so 'n * m >= 1' failed.
    path = toy_criteria(tmp_path, "  - {id: c, title: {vi: C, en: C}, condition: n * m >= 1}\n")
    cards = toy_cards(tmp_path, {"n": 2**40, "m": 2**40}, {"n": -(2**40), "m": 2**40})
    durable = rate(path, [cards])
    reference = rate(path, [cards], backend="reference")
    for run in (durable, reference):
        assert [d.findings[0].status for d in sorted(run.results, key=lambda d: d.unit)] == ["pass", "fail"]


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(-MAX_EXACT, MAX_EXACT) | st.sampled_from([0, 1, -1, 2**31, 2**32 + 1, 2**40, MAX_EXACT]),
    m=st.integers(-MAX_EXACT, MAX_EXACT) | st.sampled_from([0, 1, -1, 2**31 - 1, 2**33, 2**40, -MAX_EXACT]),
)
def test_engine_and_reference_agree_on_arithmetic_over_the_whole_range(toy_arith, n: int, m: int) -> None:
    ev, engine = toy_arith
    [sub] = check_scorecards([raw(c) for c in _cards(n, m)], ev.criteria)
    assert ev.metas(engine, sub) == ev.metas(None, sub), (n, m)


@pytest.fixture(scope="module")
def toy_arith(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("arith")
    conditions = ["n * m >= n + m", "n - m > m * 3", "n * m * n * m < 1", "-n * m + n == m - n * m", "n * 2 / 4 >= m"]
    body = "".join(f"  - {{id: c{i}, title: {{vi: C, en: C}}, condition: {c}}}\n" for i, c in enumerate(conditions))
    ev = Harness(load_criteria(toy_criteria(tmp, body)))
    with ev.session() as engine:
        yield ev, engine


def test_points_formula_overflow_names_criterion_and_unit(tmp_path: Path) -> None:
    product = " * ".join(["n"] * 20)  # (2**53)**20 is beyond a double: inf
    body = (
        "  - {id: c, title: {vi: C, en: C}, condition: ok}\n"
        f"  - {{id: huge, title: {{vi: H, en: H}}, points: {product}}}\n"
    )
    path = toy_criteria(tmp_path, body)
    cards = toy_cards(tmp_path, {"n": 3, "ok": True}, {"n": MAX_EXACT, "ok": True})
    for backend in ("durable", "reference"):
        with pytest.raises(ScorecardError) as err:
            rate(path, [cards], backend=backend)
        [p] = err.value.problems
        assert p.code == "points.overflow"
        assert p.params["criterion"] == "huge" and p.params["unit"] == "u1"
        assert (p.location.file, p.location.field) == (str(cards), "scorecards.1")
        assert p.location.line == line_of(cards.read_text(), '"u1"') - 1
    result = CliRunner().invoke(main, ["rank", "--criteria", str(path), str(cards), "--format", "json"])
    assert result.exit_code == 4
    assert "Infinity" not in result.output and "huge" in result.output


def test_points_formula_result_beyond_the_bound_is_refused_too(tmp_path: Path) -> None:
    # Finite, but a score of 10**20 points means nothing and would overflow a sum soon after.
    body = "  - {id: c, title: {vi: C, en: C}, condition: ok}\n  - {id: big, title: {vi: B, en: B}, points: n * n}\n"
    path = toy_criteria(tmp_path, body)
    with pytest.raises(ScorecardError) as err:
        rate(path, [toy_cards(tmp_path, {"n": 10**10, "ok": True})])
    assert err.value.problems[0].code == "points.overflow"


def test_parameter_formula_beyond_bound_is_refused(tmp_path: Path) -> None:
    extra = (
        "parameters:\n"
        "  base: {title: {vi: Cơ sở, en: Base}, value: 1000000000000}\n"
        "  limit:\n    title: {vi: Ngưỡng, en: Limit}\n    values:\n      - {formula: base * base}\n"
    )
    path = toy_criteria(tmp_path, "  - {id: c, title: {vi: C, en: C}, condition: n >= limit}\n", extra=extra)
    with pytest.raises(DefinitionError) as err:
        rate(path, [toy_cards(tmp_path, {"n": 1, "ok": True})])
    [p] = err.value.problems
    assert p.code == "param.formula_range"
    assert (p.location.file, p.location.field) == (str(path), "parameters.limit.values.0.formula")
    assert "1e+24" in p.message("en")


def test_condition_whose_arithmetic_can_overflow_is_refused(tmp_path: Path) -> None:
    # inf - inf is NaN: neither the 'pass' nor the 'fail' rules match, and the run used to stop as an
    # engine bug (exit 5). Over unbounded numbers 20 factors reach beyond a double.
    big = " * ".join(["n"] * 20) + " - " + " * ".join(["m"] * 20) + " > 0"
    path = toy_criteria(tmp_path, f"  - id: c\n    title: {{vi: C, en: C}}\n    condition: {big}\n")
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    [p] = err.value.problems
    assert p.code == "expr.overflow"
    assert (p.location.line, p.location.field) == (line_of(path.read_text(), "condition:"), "criteria.0.condition")
    # The same shape over bounded indicators (0–100) stays far inside a double and loads.
    indicators = "  pa: {type: percent, title: {vi: A, en: A}}\n  pb: {type: percent, title: {vi: B, en: B}}\n"
    bounded = " * ".join(["pa"] * 20) + " - " + " * ".join(["pb"] * 20) + " > 0"
    body = f"  - id: c\n    title: {{vi: C, en: C}}\n    condition: {bounded}\n"
    assert load_criteria(toy_criteria(tmp_path, body, indicators=indicators, name="b.yaml")).items[0].id == "c"


def test_a_what_if_value_beyond_the_exact_range_is_a_usage_error() -> None:
    for value in ("99999999999999999999999", "9007199254740993"):
        result = CliRunner().invoke(
            main, ["rank", "--criteria", str(QD366), str(EXAMPLES), "--set", f"tasks_exceeded_min_pct={value}"]
        )
        assert result.exit_code == 2, result.output
        assert "2^53" in result.stderr and "Traceback" not in result.output
