"""Expressions that would never finish or blow the stack are refused quickly, with the criterion's file and line."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from evaluator import DefinitionError, load_criteria
from evaluator import expr as E
from evaluator.ir import environment
from evaluator.limits import DNF_MAX_RULES, DNF_MAX_TERMS, EXPR_MAX_CHARS, EXPR_MAX_DEPTH
from hostile_support import line_of, toy_criteria

ENV = {"n": E.NUMBER, "m": E.NUMBER, "ok": E.BOOL}


def refused(tmp_path: Path, condition: str, key: str = "condition") -> tuple[object, float]:
    """Load a criteria file whose one criterion is ``condition``: the problem, and how long it took."""
    path = toy_criteria(tmp_path, f"  - id: c\n    title: {{vi: C, en: C}}\n    {key}: {condition}\n")
    start = time.perf_counter()
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    elapsed = time.perf_counter() - start
    [p] = err.value.problems
    assert (p.location.file, p.location.line) == (str(path), line_of(path.read_text(), f"{key}:"))
    assert p.location.field == f"criteria.0.{key}"
    assert "criterion 'c'" in p.message("en") and "tiêu chí «c»" in p.message("vi")
    return p, elapsed


def test_dnf_size_is_bounded_before_it_is_built(tmp_path: Path) -> None:
    # 2**30 terms: this never finished.
    p, elapsed = refused(tmp_path, " and ".join(["(n > 1 or m > 1)"] * 30))
    assert p.code == "expr.too_complex"
    assert elapsed < 1.0, elapsed
    assert str(DNF_MAX_TERMS) in p.message("en") and str(DNF_MAX_TERMS) in p.message("vi")


def test_dnf_of_the_negation_is_bounded_too(tmp_path: Path) -> None:
    # Its own DNF has 30 terms; the rules for 'fail' are the negation: 2**30 again.
    p, elapsed = refused(tmp_path, " or ".join(["(n > 1 and m > 1)"] * 30))
    assert p.code == "expr.too_complex" and elapsed < 1.0


def test_a_condition_needing_too_many_rules_is_refused(tmp_path: Path) -> None:
    # 200 alternatives: few terms, but more disjoint rules than a criterion may compile to.
    p, _ = refused(tmp_path, " or ".join(f"n == {i}" for i in range(200)))
    assert p.code == "expr.too_many_rules"


@pytest.mark.parametrize(
    ("condition", "key"),
    [
        (" + ".join(["n"] * 900) + " > 1", "condition"),
        (" * ".join(["n"] * 990), "points"),
        ("-" * 3_000 + "n > 1", "condition"),
        ("not " * 900 + "ok", "condition"),
    ],
)
def test_long_flat_chain_is_refused_quickly(tmp_path: Path, condition: str, key: str) -> None:
    p, elapsed = refused(tmp_path, condition, key)
    assert p.code == "expr.too_deep" and elapsed < 0.5
    assert str(EXPR_MAX_DEPTH) in p.message("vi")


def test_deeply_nested_parentheses_are_refused_quickly(tmp_path: Path) -> None:
    p, elapsed = refused(tmp_path, "'" + "(" * 1_900 + "n" + ")" * 1_900 + " > 1'")
    assert p.code == "expr.too_deep" and elapsed < 0.5


def test_a_parameter_formula_is_held_to_the_same_bounds(tmp_path: Path) -> None:
    formula = " + ".join(["base"] * 200)
    extra = (
        "parameters:\n  base: {title: {vi: Cơ sở, en: Base}, value: 1}\n"
        f"  limit:\n    title: {{vi: Ngưỡng, en: Limit}}\n    values:\n      - {{formula: {formula}}}\n"
    )
    path = toy_criteria(tmp_path, "  - {id: c, title: {vi: C, en: C}, condition: n >= limit}\n", extra=extra)
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    [p] = err.value.problems
    assert (p.code, p.location.field) == ("expr.too_deep", "parameters.limit.values.0.formula")
    assert p.location.line == line_of(path.read_text(), "formula:")
    assert "parameter 'limit'" in p.message("en") and "tham số «limit»" in p.message("vi")


def test_an_expression_longer_than_the_bound_is_refused(tmp_path: Path) -> None:
    p, _ = refused(tmp_path, "n > 1" + " and n > 1" * 500)
    assert p.code == "expr.too_long"
    assert str(EXPR_MAX_CHARS) in p.message("en") and len(p.message("en")) < 300


def test_a_chain_within_the_bound_still_works(tmp_path: Path) -> None:
    path = toy_criteria(
        tmp_path, "  - {id: c, title: {vi: C, en: C}, condition: " + " + ".join(["n"] * 90) + " >= 90}\n"
    )
    [item] = load_criteria(path).items
    assert E.evaluate(item.node, {"n": 1}) is True


def test_the_shipped_criteria_stay_well_within_the_bounds() -> None:
    for path in sorted((ROOT / "criteria").glob("*.yaml")):
        if path.name.endswith(".test.yaml"):
            continue
        crit = load_criteria(path)
        env = environment(crit.model)
        for it in crit.items:
            assert E.depth(it.node) <= EXPR_MAX_DEPTH // 10, (path.name, it.id)
            if it.kind == "condition":
                for node in (it.node, E.Not(it.node)):
                    assert E.dnf_estimate(E.nnf(node, env)) <= 16, (path.name, it.id)
            else:  # points by steps: a rule per band, far below the bound
                assert len(it.scored_terms) + len(it.noband_terms) <= DNF_MAX_RULES // 10, (path.name, it.id)


# --- the estimate is an upper bound, on arbitrary conditions

LEAVES = st.sampled_from(["n > 1", "m <= 2", "n == m", "ok", "not ok", "n + m > 3", "m in [1, 2, 3]", "true", "false"])
CONDITIONS = st.recursive(
    LEAVES,
    lambda inner: (
        st.builds(lambda a, b, op: f"({a} {op} {b})", inner, inner, st.sampled_from(["and", "or"]))
        | st.builds(lambda a: f"not ({a})", inner)
    ),
    max_leaves=14,
)


@settings(max_examples=150, deadline=None)
@given(CONDITIONS)
def test_dnf_estimate_is_an_upper_bound(text: str) -> None:
    node = E.parse(text)
    assert E.typecheck(node, ENV, text, lambda n: None) == E.BOOL
    for form in (E.nnf(node, ENV), E.nnf(E.Not(node), ENV)):
        estimate = E.dnf_estimate(form, cap=10**9)
        assert len(E._dnf(form)) <= estimate
        if estimate <= DNF_MAX_TERMS:
            terms = E.disjoint_dnf(form, limit=10**6)
            assert len(terms) >= (1 if E._dnf(form) else 0)
