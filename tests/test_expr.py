"""The expression language: parsing, types, normal forms."""

from __future__ import annotations

import itertools

import pytest

from evaluator import expr as E

ENV = {
    "a": E.NUMBER,
    "b": E.NUMBER,
    "c": E.NUMBER,
    "x": E.BOOL,
    "y": E.BOOL,
    "r": E.Type("choice", ("tot", "kha", "kem")),
}


def check(text: str) -> E.Type:
    return E.typecheck(E.parse(text), ENV, text, lambda n: None)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a >= 5", "a ≥ 5"),
        ("a ≥ 5 and b ≤ 2", "a ≥ 5 and b ≤ 2"),
        ("not (a > 1 or b < 2)", "not (a > 1 or b < 2)"),
        ("a + b * c >= 10 - -2", "a + b * c ≥ 10 - -2"),
        ("(a + b) * c != 3.5", "(a + b) * c ≠ 3.5"),
        ("r in ['tot', 'kha']", "r in ['tot', 'kha']"),
        ("r not in ['kem']", "r not in ['kem']"),
        ("x and not y", "x and not y"),
    ],
)
def test_parse_and_render(text: str, shown: str) -> None:
    assert E.render(E.parse(text)) == shown
    assert check(text) == E.BOOL


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("a >=", "expr.syntax"),
        ("a >= 1e5", "expr.syntax"),  # no exponent: the engine cannot read one
        ("a >= 5 >= 3", "expr.syntax"),
        ("a.b >= 1", "expr.syntax"),
        ("open('x')", "expr.syntax"),
        ("zz > 1", "expr.unknown_name"),
        ("x > 1", "expr.type"),
        ("a and x", "expr.type"),
        ("r == 'good'", "expr.type"),
        ("r == a", "expr.type"),
        ("a / b > 1", "expr.division"),
        ("a / (2 - 2) > 1", "expr.division"),
        ("", "expr.syntax"),
    ],
)
def test_rejected(text: str, code: str) -> None:
    with pytest.raises(E.ExprError) as err:
        check(text)
    assert err.value.code == code


def test_did_you_mean_in_choice_literals() -> None:
    with pytest.raises(E.ExprError) as err:
        check("r == 'tott'")
    assert "did you mean 'tot'" in str(err.value.params["detail"])


def test_division_by_a_constant_is_allowed() -> None:
    assert check("a / 4 * 100 >= 50") == E.BOOL


def test_constant_comparisons_fold() -> None:
    assert E.fold(E.parse("0.1 * 3 > 0.3")) == E.Bool(True)  # binary double, as the engine computes


CASES = [
    "a >= 5 and (b < 2 or x)",
    "not (a > 1 and b > 1 and c > 1)",
    "(a > 1 or b > 1) and (b > 2 or c > 2) and not x",
    "r in ['tot', 'kha'] or (r == 'kem' and a >= 3)",
    "x and not y or y and not x",
    "a + b >= c or not (a - c < 2)",
]


@pytest.mark.parametrize("text", CASES)
def test_disjoint_terms_partition_every_input(text: str) -> None:
    node = E.parse(text)
    passes = E.disjoint_dnf(E.nnf(node, ENV))
    fails = E.disjoint_dnf(E.nnf(E.Not(node), ENV))
    for a, b, c, x, y, r in itertools.product(
        [0, 1, 2, 3, 5], [0, 1, 2, 3], [0, 1.5, 3], [True, False], [True, False], ["tot", "kha", "kem"]
    ):
        values = {"a": a, "b": b, "c": c, "x": x, "y": y, "r": r}
        truth = E.evaluate(node, values)
        hold_pass = sum(all(E.evaluate(lit, values) for lit in t) for t in passes)
        hold_fail = sum(all(E.evaluate(lit, values) for lit in t) for t in fails)
        assert (hold_pass, hold_fail) == ((1, 0) if truth else (0, 1)), values


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    with pytest.raises(E.ExprError) as err:
        check("(" * 900 + "a" + ")" * 900 + " > 1")
    assert err.value.code == "expr.too_deep"
