"""The intermediate form's literals as functions over columns (numpy arrays), one per name.

Every value travels as a float64: a number as itself (exact: the limits keep every number and
every step of arithmetic within ±2**53), a yes/no as 1.0 or 0.0, a text (a rating's choice, or
a *levels* parameter's list as its :func:`evaluator.expr.set_key`) as its code in a table
shared by the whole batch. Texts are only ever compared with ``==`` and ``!=`` (the type check
refuses anything else), and two codes are equal exactly when their texts are, so equality on
codes is equality on texts. Arithmetic is IEEE double, as in the reference and in the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from ... import expr as E

__all__ = ["Codes", "Columns", "Vector", "literal_function", "term_function"]

Columns = Mapping[str, np.ndarray]
Vector = Callable[[Columns], Any]  # columns → an array (or a scalar, for a constant)


class Codes:
    """The code of each text met in a batch (and in the criteria's literals)."""

    def __init__(self) -> None:
        self.table: dict[str, float] = {}

    def of(self, text: str) -> float:
        code = self.table.get(text)
        if code is None:
            code = self.table[text] = float(len(self.table))
        return code


def encode(value: Any, codes: Codes) -> float:
    """One value as the columns carry it."""
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (tuple, list)):
        return codes.of(E.set_key(value))
    return codes.of(str(value))


_OPS: dict[str, Callable[[Any, Any], Any]] = {
    "<": np.less,
    "<=": np.less_equal,
    ">": np.greater,
    ">=": np.greater_equal,
    "==": np.equal,
    "!=": np.not_equal,
}
_ARITH: dict[str, Callable[[Any, Any], Any]] = {"+": np.add, "-": np.subtract, "*": np.multiply, "/": np.divide}


def operand_function(node: E.Node, codes: Codes) -> Vector:
    """An arithmetic operand (a number, a yes/no, a text, a name, ``-x``, ``x op y``)."""
    if isinstance(node, (E.Num, E.Bool, E.Str)):
        const = encode(node.value, codes)
        return lambda cols: const
    if isinstance(node, E.Name):
        name = node.id
        return lambda cols: cols[name]
    if isinstance(node, E.Neg):
        inner = operand_function(node.operand, codes)
        return lambda cols: np.negative(inner(cols))
    if isinstance(node, E.Bin):
        left, right, op = operand_function(node.left, codes), operand_function(node.right, codes), _ARITH[node.op]
        return lambda cols: op(left(cols), right(cols))
    raise TypeError(node)  # pragma: no cover - a term's literal compares operands only


def literal_function(lit: E.Cmp, codes: Codes) -> Vector:
    """A comparison: a boolean array over the batch (or a bool, when both sides are constants)."""
    left, right, op = operand_function(lit.left, codes), operand_function(lit.right, codes), _OPS[lit.op]
    return lambda cols: op(left(cols), right(cols))


def term_function(term: E.Term, codes: Codes, size: Callable[[], int]) -> Callable[[Columns], np.ndarray]:
    """A conjunction of literals: where every one holds (an empty term holds everywhere)."""
    parts = [literal_function(lit, codes) for lit in term]

    def holds(cols: Columns) -> np.ndarray:
        out = np.ones(size(), dtype=bool)
        for part in parts:
            out &= part(cols)
        return out

    return holds
