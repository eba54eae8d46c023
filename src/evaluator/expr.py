"""The small, safe expression language of criteria: parse, type-check, normalise, evaluate.

Grammar (``≥ ≤ ≠`` are accepted for ``>= <= !=``)::

    expr    := "if" or "then" expr "else" expr | or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | compare
    compare := sum (CMP sum | ["not"] "in" ("[" literal ("," literal)* "]" | NAME))?
    sum     := product (("+" | "-") product)*
    product := unary (("*" | "/") unary)*
    unary   := "-" unary | atom
    atom    := NUMBER | STRING | "true" | "false" | NAME | "(" expr ")"

Names are indicators or parameters of the criteria set. ``x in NAME`` takes the list of
choices a *levels* parameter holds for the unit's region and year (``party_rating in
clean_strong_levels``). ``if C then A else B`` gives points by steps: it belongs to points
formulas (and parameter formulas), never inside a condition; each way through its
``if`` conditions becomes its own rule (:func:`branches`). Numbers are plain decimals
(no exponent: the rules engine cannot read one) within ±2**53, and so is every constant
the arithmetic on them gives. Division is only by a non-zero constant, so no rule can
divide by zero. Nothing here ever calls ``eval``.

Hostile input is refused quickly, before it can exhaust time or the stack: an expression
has at most ``EXPR_MAX_CHARS`` characters and ``EXPR_MAX_DEPTH`` levels (nested
parentheses, ``not``, unary minus, or operands in one chain of ``+ - * /``), and the
size of a condition's disjunctive normal form is estimated before it is built (see
:func:`dnf_estimate` and :mod:`evaluator.limits`).

Besides parsing, the module turns a condition into *literals* — comparisons with
no negation left — and into disjoint sums of products, the form in which each
condition is compiled to rules that can never fire twice for one scorecard.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from .limits import BOUND, DNF_MAX_RULES, DNF_MAX_TERMS, EXPR_MAX_CHARS, EXPR_MAX_DEPTH, MAX_EXACT, exact
from .text import Phrase, bi, format_number

__all__ = [
    "And",
    "Bin",
    "Bool",
    "Cmp",
    "ExprError",
    "If",
    "In",
    "InSet",
    "Name",
    "Neg",
    "NoPoints",
    "Not",
    "Num",
    "Or",
    "Str",
    "Type",
    "branch_count",
    "branches",
    "contains_if",
    "depth",
    "disjoint_dnf",
    "dnf_estimate",
    "evaluate",
    "magnitude",
    "names",
    "nnf",
    "parse",
    "render",
    "set_key",
    "typecheck",
]


class ExprError(Exception):
    """A problem in one expression; ``code`` is a message code, ``params`` fill it."""

    def __init__(self, code: str, **params: Any):
        self.code = code
        self.params = params
        super().__init__(f"{code}: {params}")


# ---------------------------------------------------------------- AST


@dataclass(frozen=True)
class Num:
    value: int | float


@dataclass(frozen=True)
class Str:
    value: str


@dataclass(frozen=True)
class Bool:
    value: bool


@dataclass(frozen=True)
class Name:
    id: str


@dataclass(frozen=True)
class Neg:
    operand: Node


@dataclass(frozen=True)
class Bin:
    op: str  # + - * /
    left: Node
    right: Node


@dataclass(frozen=True)
class Cmp:
    op: str  # < <= > >= == !=
    left: Node
    right: Node


@dataclass(frozen=True)
class In:
    operand: Node
    values: tuple[Node, ...]
    negated: bool = False


@dataclass(frozen=True)
class InSet:
    """``operand in NAME``: NAME is a *levels* parameter, a list of choices per region and year."""

    operand: Node
    name: str
    negated: bool = False


@dataclass(frozen=True)
class If:
    """``if cond then then_ else else_`` — points by steps."""

    cond: Node
    then: Node
    else_: Node


@dataclass(frozen=True)
class NoPoints:
    """What a value in no band of a ``bands:`` criterion gets: no points (never written in text)."""


@dataclass(frozen=True)
class Not:
    operand: Node


@dataclass(frozen=True)
class And:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    items: tuple[Node, ...]


Node = Num | Str | Bool | Name | Neg | Bin | Cmp | In | InSet | Not | And | Or | If | NoPoints

# ---------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<num>\d+(?:\.\d+)?)(?![\w.])
    | (?P<str>"[^"]*"|'[^']*')
    | (?P<name>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<op>>=|<=|==|!=|≥|≤|≠|[<>+\-*/(),\[\]])
    )""",
    re.VERBOSE,
)
_UNICODE_OPS = {"≥": ">=", "≤": "<=", "≠": "!="}
_KEYWORDS = {"and", "or", "not", "in", "true", "false", "if", "then", "else"}
CMP_OPS = ("<", "<=", ">", ">=", "==", "!=")
NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def _tokenize(text: str) -> list[tuple[str, str, int]]:
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            start = pos + (len(text[pos:]) - len(text[pos:].lstrip()))
            detail = bi("expr.d.unexpected", what=repr(text[start]))
            raise ExprError("expr.syntax", expr=text, pos=start + 1, detail=detail)
        kind = m.lastgroup or ""
        value = m.group(kind)
        start = m.start(kind) + 1
        if kind == "op":
            value = _UNICODE_OPS.get(value, value)
        elif kind == "name" and value in _KEYWORDS:
            kind = "kw"
        tokens.append((kind, value, start))
        pos = m.end()
    tokens.append(("end", "", len(text) + 1))
    return tokens


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = _tokenize(text)
        self.i = 0
        self.nesting = 0

    def deeper(self) -> None:
        """One more level of parentheses, ``not`` or unary minus; refused beyond the bound."""
        self.nesting += 1
        if self.nesting > EXPR_MAX_DEPTH:
            raise ExprError("expr.too_deep", expr=_short(self.text), max=EXPR_MAX_DEPTH)

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def accept(self, kind: str, value: str | None = None) -> bool:
        k, v, _ = self.peek()
        if k == kind and (value is None or v == value):
            self.i += 1
            return True
        return False

    def fail(self, detail: Phrase) -> ExprError:
        return ExprError("expr.syntax", expr=self.text, pos=self.peek()[2], detail=detail)

    def expect(self, kind: str, value: str) -> None:
        if not self.accept(kind, value):
            found = repr(self.peek()[1]) if self.peek()[1] else bi("expr.d.end")
            raise self.fail(bi("expr.d.expected", expected=repr(value), found=found))

    def parse(self) -> Node:
        node = self.expr()
        if self.peek()[0] != "end":
            raise self.fail(bi("expr.d.unexpected", what=repr(self.peek()[1])))
        return node

    def expr(self) -> Node:
        if not self.accept("kw", "if"):
            return self.or_()
        self.deeper()
        cond = self.or_()
        self.expect("kw", "then")
        then = self.expr()
        self.expect("kw", "else")
        else_ = self.expr()
        self.nesting -= 1
        return If(cond, then, else_)

    def or_(self) -> Node:
        items = [self.and_()]
        while self.accept("kw", "or"):
            items.append(self.and_())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_(self) -> Node:
        items = [self.not_()]
        while self.accept("kw", "and"):
            items.append(self.not_())
        return items[0] if len(items) == 1 else And(tuple(items))

    def not_(self) -> Node:
        if self.accept("kw", "not"):
            self.deeper()
            node = Not(self.not_())
            self.nesting -= 1
            return node
        return self.compare()

    def compare(self) -> Node:
        left = self.sum_()
        kind, value, _ = self.peek()
        if kind == "op" and value in CMP_OPS:
            self.take()
            right = self.sum_()
            if self.peek()[0] == "op" and self.peek()[1] in CMP_OPS:
                raise self.fail(bi("expr.d.chained"))
            return Cmp(value, left, right)
        negated = False
        if kind == "kw" and value == "not" and self.tokens[self.i + 1][1] == "in":
            self.take()
            negated = True
        if self.accept("kw", "in"):
            if self.peek()[0] == "name":
                return InSet(left, self.take()[1], negated)
            self.expect("op", "[")
            values = [self.literal()]
            while self.accept("op", ","):
                values.append(self.literal())
            self.expect("op", "]")
            return In(left, tuple(values), negated)
        if negated:
            raise self.fail(bi("expr.d.not_in"))
        return left

    def literal(self) -> Node:
        kind, value, _ = self.take()
        if kind == "num":
            return _number(value)
        if kind == "str":
            return Str(value[1:-1])
        if kind == "kw" and value in ("true", "false"):
            return Bool(value == "true")
        if kind == "op" and value == "-" and self.peek()[0] == "num":
            return _negate_number(_number(self.take()[1]))
        self.i -= 1
        raise self.fail(bi("expr.d.literal"))

    def sum_(self) -> Node:
        node = self.product()
        while self.peek()[0] == "op" and self.peek()[1] in "+-":
            op = self.take()[1]
            node = Bin(op, node, self.product())
        return node

    def product(self) -> Node:
        node = self.unary()
        while self.peek()[0] == "op" and self.peek()[1] in "*/":
            op = self.take()[1]
            node = Bin(op, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.accept("op", "-"):
            self.deeper()
            operand = self.unary()
            self.nesting -= 1
            return _negate_number(operand) if isinstance(operand, Num) else Neg(operand)
        return self.atom()

    def atom(self) -> Node:
        kind, value, _ = self.peek()
        if kind == "num":
            self.take()
            return _number(value)
        if kind == "str":
            self.take()
            return Str(value[1:-1])
        if kind == "kw" and value in ("true", "false"):
            self.take()
            return Bool(value == "true")
        if kind == "name":
            self.take()
            return Name(value)
        if self.accept("op", "("):
            self.deeper()
            node = self.expr()
            self.expect("op", ")")
            self.nesting -= 1
            return node
        raise self.fail(bi("expr.d.unexpected", what=repr(value)) if value else bi("expr.d.early_end"))


def _number(text: str) -> Num:
    digits = text.split(".")[0].lstrip("0")
    if len(digits) > 16:  # beyond 2**53 whatever follows; checked before converting
        raise ExprError("expr.number", expr=_short(text), bound=BOUND)
    value = float(text) if "." in text else int(text)
    if not exact(value):
        raise ExprError("expr.number", expr=text, bound=BOUND)
    return Num(value)


def _negate_number(num: Num) -> Num:
    return Num(-num.value)


def _short(text: str) -> str:
    """An expression as a message quotes it: at most 80 characters."""
    return text if len(text) <= 80 else text[:60] + "…"


def parse(text: str) -> Node:
    """The syntax tree of ``text``; :class:`ExprError` (code ``expr.syntax``) if it is not one."""
    if not isinstance(text, str) or not text.strip():
        raise ExprError("expr.syntax", expr=str(text), pos=1, detail=bi("expr.d.empty"))
    if len(text) > EXPR_MAX_CHARS:
        raise ExprError("expr.too_long", expr=_short(text), length=len(text), max=EXPR_MAX_CHARS)
    try:
        node = _Parser(text).parse()
    except RecursionError:  # pragma: no cover - the nesting bound keeps well below the stack
        raise ExprError("expr.too_deep", expr=_short(text), max=EXPR_MAX_DEPTH) from None
    if depth(node) > EXPR_MAX_DEPTH:
        raise ExprError("expr.too_deep", expr=_short(text), max=EXPR_MAX_DEPTH)
    return node


def depth(node: Node) -> int:
    """How deep the tree of ``node`` is (a chain ``a + b + c`` is two deep), without recursion."""
    deepest = 0
    stack: list[tuple[Node, int]] = [(node, 1)]
    while stack:
        n, d = stack.pop()
        deepest = max(deepest, d)
        if isinstance(n, (Neg, Not)):
            stack.append((n.operand, d + 1))
        elif isinstance(n, (Bin, Cmp)):
            stack.append((n.left, d + 1))
            stack.append((n.right, d + 1))
        elif isinstance(n, In):
            stack.append((n.operand, d + 1))
            stack.extend((v, d + 1) for v in n.values)
        elif isinstance(n, InSet):
            stack.append((n.operand, d + 1))
        elif isinstance(n, (And, Or)):
            stack.extend((i, d + 1) for i in n.items)
        elif isinstance(n, If):
            stack.extend((part, d + 1) for part in (n.cond, n.then, n.else_))
    return deepest


# ---------------------------------------------------------------- types


@dataclass(frozen=True)
class Type:
    """``number``, ``bool``, ``choice`` (with its allowed values) or ``levels`` (a parameter
    holding a list of choices; ``choices`` are the lists it may hold, each as :func:`set_key`)."""

    kind: str
    choices: tuple[str, ...] = ()

    def describe(self) -> Phrase:
        """What the type is, in words (for errors): "một số", "một trong ['a', 'b']"."""
        if self.kind == "choice":
            return bi("expr.kind.choice", choices=str(list(self.choices)))
        return bi("expr.kind." + self.kind)


def set_key(levels: tuple[str, ...] | list[str]) -> str:
    """The text a list of levels travels as in the engine's fact: one text per set, whatever its order."""
    return json.dumps(sorted(set(levels)), ensure_ascii=False)


def set_members(value: Any) -> tuple[str, ...]:
    """The levels of a *levels* parameter's value, given as a list or as its :func:`set_key`."""
    return tuple(json.loads(value)) if isinstance(value, str) else tuple(value)


NUMBER = Type("number")
BOOL = Type("bool")


def typecheck(node: Node, env: Mapping[str, Type], text: str, suggest: Callable[[str], str | None]) -> Type:
    """The type of ``node``; raises :class:`ExprError` on an unknown name or a type clash."""

    def clash(detail: Phrase) -> ExprError:
        return ExprError("expr.type", expr=text, detail=detail)

    def check(n: Node) -> Type:
        if isinstance(n, Num):
            return NUMBER
        if isinstance(n, Bool):
            return BOOL
        if isinstance(n, Str):
            return Type("text")
        if isinstance(n, Name):
            if n.id not in env:
                raise ExprError("expr.unknown_name", name=n.id, suggestion=suggest(n.id))
            return env[n.id]
        if isinstance(n, Neg):
            if check(n.operand) != NUMBER:
                raise clash(bi("expr.d.minus"))
            return NUMBER
        if isinstance(n, Bin):
            lt, rt = check(n.left), check(n.right)
            if lt != NUMBER or rt != NUMBER:
                raise clash(bi("expr.d.arith", op=n.op))
            if n.op == "/":
                folded = fold(n.right)
                if not isinstance(folded, Num) or folded.value == 0:
                    raise ExprError("expr.division", expr=text)
            fold(n)  # a constant beyond ±2**53 is refused here
            return NUMBER
        if isinstance(n, Cmp):
            lt, rt = check(n.left), check(n.right)
            if n.op in ("==", "!="):
                _check_equal_types(n.left, lt, n.right, rt, clash, suggest_choice)
            elif lt != NUMBER or rt != NUMBER:
                raise clash(bi("expr.d.compare", op=n.op, left=lt.describe(), right=rt.describe()))
            return BOOL
        if isinstance(n, In):
            ot = check(n.operand)
            for v in n.values:
                _check_equal_types(n.operand, ot, v, check(v), clash, suggest_choice)
            return BOOL
        if isinstance(n, InSet):
            ot = check(n.operand)
            if n.name not in env:
                raise ExprError("expr.unknown_name", name=n.name, suggestion=suggest(n.name))
            st = env[n.name]
            if st.kind != "levels":
                raise clash(bi("expr.d.in_levels", name=n.name, found=st.describe()))
            if ot.kind != "choice":
                raise clash(bi("expr.d.in_rating", name=n.name, found=ot.describe()))
            for key in st.choices:
                for level in set_members(key):
                    if level not in ot.choices:
                        raise clash(bi("expr.d.lists", name=n.name, what=suggest_choice(level, ot.choices)))
            return BOOL
        if isinstance(n, If):
            if contains_if(n.cond):
                raise clash(bi("expr.d.if_in_if"))
            if check(n.cond) != BOOL:
                raise clash(bi("expr.d.if_cond", cond=render(n.cond)))
            if check(n.then) != NUMBER or check(n.else_) != NUMBER:
                raise clash(bi("expr.d.then_else"))
            return NUMBER
        if isinstance(n, NoPoints):
            return NUMBER
        if isinstance(n, Not):
            if check(n.operand) != BOOL:
                raise clash(bi("expr.d.not"))
            return BOOL
        if isinstance(n, (And, Or)):
            for item in n.items:
                if check(item) != BOOL:
                    word = "and" if isinstance(n, And) else "or"
                    raise clash(bi("expr.d.joins", word=word, item=render(item)))
            return BOOL
        raise TypeError(n)  # pragma: no cover - the parser makes no other node

    def suggest_choice(value: str, choices: tuple[str, ...]) -> Phrase:
        from .errors import did_you_mean

        hint = did_you_mean(value, choices)
        extra = bi("expr.d.hint", hint=hint) if hint else ""
        return bi("expr.d.not_choice", value=value, choices=str(list(choices)), hint=extra)

    return check(node)


def _check_equal_types(
    left: Node,
    lt: Type,
    right: Node,
    rt: Type,
    clash: Callable[[Phrase], ExprError],
    suggest_choice: Callable[[str, tuple[str, ...]], Phrase],
) -> None:
    if lt.kind == "choice" and isinstance(right, Str):
        if right.value not in lt.choices:
            raise clash(suggest_choice(right.value, lt.choices))
        return
    if rt.kind == "choice" and isinstance(left, Str):
        if left.value not in rt.choices:
            raise clash(suggest_choice(left.value, rt.choices))
        return
    if lt.kind != rt.kind or (lt.kind == "choice" and lt.choices != rt.choices):
        raise clash(bi("expr.d.cannot_compare", left=lt.describe(), right=rt.describe()))
    if lt.kind == "text":
        raise clash(bi("expr.d.two_texts"))


# ---------------------------------------------------------------- helpers


def names(node: Node) -> list[str]:
    """The names ``node`` uses, in order of first use."""
    seen: dict[str, None] = {}

    def walk(n: Node) -> None:
        if isinstance(n, Name):
            seen.setdefault(n.id, None)
        elif isinstance(n, Neg):
            walk(n.operand)
        elif isinstance(n, (Bin, Cmp)):
            walk(n.left)
            walk(n.right)
        elif isinstance(n, In):
            walk(n.operand)
        elif isinstance(n, InSet):
            walk(n.operand)
            seen.setdefault(n.name, None)
        elif isinstance(n, Not):
            walk(n.operand)
        elif isinstance(n, (And, Or)):
            for item in n.items:
                walk(item)
        elif isinstance(n, If):
            walk(n.cond)
            walk(n.then)
            walk(n.else_)

    walk(node)
    return list(seen)


def contains_if(node: Node) -> bool:
    """Whether ``node`` holds an ``if … then … else`` (or the no-band value of ``bands:``) anywhere."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, (If, NoPoints)):
            return True
        if isinstance(n, (Neg, Not)):
            stack.append(n.operand)
        elif isinstance(n, (Bin, Cmp)):
            stack.extend((n.left, n.right))
        elif isinstance(n, (In, InSet)):
            stack.append(n.operand)
        elif isinstance(n, (And, Or)):
            stack.extend(n.items)
    return False


def fold(node: Node) -> Node:
    """``node`` with arithmetic on constants done (in binary double, as the engine would).

    A constant it gives beyond ±2**53 (``1000000 * 1000000 * 10000``) is an
    :class:`ExprError`, like such a number written out.
    """
    if isinstance(node, Neg):
        inner = fold(node.operand)
        return Num(-inner.value) if isinstance(inner, Num) else Neg(inner)
    if isinstance(node, Bin):
        left, right = fold(node.left), fold(node.right)
        if isinstance(left, Num) and isinstance(right, Num):
            value = _arith(node.op, left.value, right.value)
            if not exact(value):
                raise ExprError("expr.number", expr=_short(render(node)), bound=BOUND)
            return Num(value)
        return Bin(node.op, left, right)
    if isinstance(node, Cmp):
        left, right = fold(node.left), fold(node.right)
        if isinstance(left, (Num, Str, Bool)) and isinstance(right, (Num, Str, Bool)):
            return Bool(_compare(node.op, left.value, right.value))
        return Cmp(node.op, left, right)
    if isinstance(node, If):
        return If(node.cond, fold(node.then), fold(node.else_))
    return node


def magnitude(node: Node, bounds: Mapping[str, float]) -> float:
    """An upper bound on the size of every number ``node`` computes, given each name's largest
    magnitude in ``bounds`` (a name not there may be as large as ±2**53).

    A condition whose arithmetic could overflow a double is refused when it is compiled: an
    infinity minus an infinity is NaN, which matches neither the rules for *pass* nor those
    for *fail*.
    """
    if isinstance(node, Num):
        return abs(float(node.value))
    if isinstance(node, Name):
        return bounds.get(node.id, float(MAX_EXACT))
    if isinstance(node, (Neg, Not)):
        return magnitude(node.operand, bounds)
    if isinstance(node, Bin):
        left, right = magnitude(node.left, bounds), magnitude(node.right, bounds)
        if node.op in "+-":
            return left + right
        if node.op == "*":
            return left * right
        divisor = fold(node.right)
        return left / abs(float(divisor.value)) if isinstance(divisor, Num) and divisor.value else math.inf
    if isinstance(node, Cmp):
        return max(magnitude(node.left, bounds), magnitude(node.right, bounds))
    if isinstance(node, (In, InSet)):
        return magnitude(node.operand, bounds)
    if isinstance(node, (And, Or)):
        return max(magnitude(item, bounds) for item in node.items)
    if isinstance(node, If):
        return max(magnitude(node.cond, bounds), magnitude(node.then, bounds), magnitude(node.else_, bounds))
    return 0.0


def _arith(op: str, a: float, b: float) -> float:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    return a / b


def evaluate(node: Node, values: Mapping[str, Any]) -> Any:
    """The value of ``node`` with every name looked up in ``values`` (all must be present)."""
    if isinstance(node, (Num, Str, Bool)):
        return node.value
    if isinstance(node, Name):
        return values[node.id]
    if isinstance(node, Neg):
        return -evaluate(node.operand, values)
    if isinstance(node, Bin):
        return _arith(node.op, float(evaluate(node.left, values)), float(evaluate(node.right, values)))
    if isinstance(node, Cmp):
        return _compare(node.op, evaluate(node.left, values), evaluate(node.right, values))
    if isinstance(node, In):
        value = evaluate(node.operand, values)
        found = any(value == evaluate(v, values) for v in node.values)
        return not found if node.negated else found
    if isinstance(node, InSet):
        found = evaluate(node.operand, values) in set_members(values[node.name])
        return not found if node.negated else found
    if isinstance(node, Not):
        return not evaluate(node.operand, values)
    if isinstance(node, And):
        return all(evaluate(i, values) for i in node.items)
    if isinstance(node, Or):
        return any(evaluate(i, values) for i in node.items)
    if isinstance(node, If):
        return evaluate(node.then if evaluate(node.cond, values) else node.else_, values)
    if isinstance(node, NoPoints):
        raise NoBand
    raise TypeError(node)  # pragma: no cover


class NoBand(Exception):
    """Evaluating a ``bands:`` criterion for a value that no band covers."""


def closure(node: Node) -> Callable[[Mapping[str, Any]], Any]:
    """A function computing ``node`` from values, like :func:`evaluate` but built once."""
    if isinstance(node, (Num, Str, Bool)):
        const = node.value
        return lambda v: const
    if isinstance(node, Name):
        name = node.id
        return lambda v: v[name]
    if isinstance(node, Neg):
        inner = closure(node.operand)
        return lambda v: -inner(v)
    if isinstance(node, Bin):
        left, right, op = closure(node.left), closure(node.right), node.op
        if op == "+":
            return lambda v: float(left(v)) + float(right(v))
        if op == "-":
            return lambda v: float(left(v)) - float(right(v))
        if op == "*":
            return lambda v: float(left(v)) * float(right(v))
        return lambda v: float(left(v)) / float(right(v))
    return lambda v: evaluate(node, v)


def _compare(op: str, a: Any, b: Any) -> bool:
    if op == "<":
        return bool(a < b)
    if op == "<=":
        return bool(a <= b)
    if op == ">":
        return bool(a > b)
    if op == ">=":
        return bool(a >= b)
    if op == "==":
        return bool(a == b)
    return bool(a != b)


# ---------------------------------------------------------------- rendering

_SHOW_OP = {">=": "≥", "<=": "≤", "!=": "≠", "==": "=", "<": "<", ">": ">"}
_PREC = {If: 0, Or: 1, And: 2, Not: 3, Cmp: 4, In: 4, InSet: 4, Bin: 5, Neg: 7}


def render(node: Node, subst: Mapping[str, Any] | None = None, pretty: bool = True) -> str:
    """``node`` as text; names in ``subst`` are replaced by their values."""
    subst = subst or {}

    def lit(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return f"'{v}'"
        if isinstance(v, (tuple, list)):
            return "[" + ", ".join(lit(x) for x in v) + "]"
        return format_number(v)

    def prec(n: Node) -> int:
        if isinstance(n, Bin):
            return 5 if n.op in "+-" else 6
        return _PREC.get(type(n), 9)

    def wrap(n: Node, outer: int) -> str:
        text = show(n)
        return f"({text})" if prec(n) < outer else text

    def show(n: Node) -> str:
        if isinstance(n, (Num, Str, Bool)):
            return lit(n.value)
        if isinstance(n, Name):
            return lit(subst[n.id]) if n.id in subst else n.id
        if isinstance(n, Neg):
            return "-" + wrap(n.operand, 7)
        if isinstance(n, Bin):
            p = prec(n)
            return f"{wrap(n.left, p)} {n.op} {wrap(n.right, p + 1)}"
        if isinstance(n, Cmp):
            op = _SHOW_OP[n.op] if pretty else n.op
            return f"{wrap(n.left, 5)} {op} {wrap(n.right, 5)}"
        if isinstance(n, In):
            word = "not in" if n.negated else "in"
            return f"{wrap(n.operand, 5)} {word} [{', '.join(show(v) for v in n.values)}]"
        if isinstance(n, InSet):
            word = "not in" if n.negated else "in"
            listed = lit(set_members(subst[n.name])) if n.name in subst else n.name
            return f"{wrap(n.operand, 5)} {word} {listed}"
        if isinstance(n, Not):
            return "not " + wrap(n.operand, 3)
        if isinstance(n, And):
            return " and ".join(wrap(i, 3) for i in n.items)
        if isinstance(n, Or):
            return " or ".join(wrap(i, 2) for i in n.items)
        if isinstance(n, If):
            return f"if {show(n.cond)} then {show(n.then)} else {show(n.else_)}"
        if isinstance(n, NoPoints):
            return "—"
        raise TypeError(n)  # pragma: no cover

    return show(node)


# ---------------------------------------------------------------- normal forms

TRUE = Bool(True)
FALSE = Bool(False)


def nnf(node: Node, env: Mapping[str, Type]) -> Node:
    """``node`` with every ``not`` pushed into the comparisons, bare yes/no names made
    explicit (``x`` → ``x == true``), ``in`` lists expanded and constants folded.

    ``x in P`` (P a *levels* parameter) becomes, over the lists P may hold, ``(P == list₁ and
    x in list₁) or (P == list₂ and x in list₂) …``; its negation the same with ``not in``:
    P holds exactly one of its lists for a unit, so both are exact and their terms disjoint.
    """

    def in_set(n: InSet, negated: bool) -> Node:
        options: list[Node] = []
        for key in env[n.name].choices:
            members = tuple(Str(level) for level in set_members(key))
            inner = pos(In(n.operand, members, negated)) if members else Bool(negated)
            options.append(And((Cmp("==", Name(n.name), Str(key)), inner)))
        return Or(tuple(options)) if len(options) > 1 else options[0]

    def pos(n: Node) -> Node:
        if isinstance(n, Name):
            return Cmp("==", n, TRUE)
        if isinstance(n, Bool):
            return n
        if isinstance(n, Cmp):
            return fold(n)
        if isinstance(n, In):
            eqs = tuple(Cmp("==", n.operand, v) for v in n.values)
            if n.negated:
                return And(tuple(neg(c) for c in eqs)) if len(eqs) > 1 else neg(eqs[0])
            return Or(tuple(pos(c) for c in eqs)) if len(eqs) > 1 else pos(eqs[0])
        if isinstance(n, InSet):
            return in_set(n, n.negated)
        if isinstance(n, Not):
            return neg(n.operand)
        if isinstance(n, And):
            return And(tuple(pos(i) for i in n.items))
        if isinstance(n, Or):
            return Or(tuple(pos(i) for i in n.items))
        raise TypeError(n)

    def neg(n: Node) -> Node:
        if isinstance(n, Name):
            return Cmp("==", n, FALSE)
        if isinstance(n, Bool):
            return Bool(not n.value)
        if isinstance(n, Cmp):
            return fold(Cmp(NEGATED[n.op], n.left, n.right))
        if isinstance(n, In):
            return pos(In(n.operand, n.values, not n.negated))
        if isinstance(n, InSet):
            return in_set(n, not n.negated)
        if isinstance(n, Not):
            return pos(n.operand)
        if isinstance(n, And):
            return Or(tuple(neg(i) for i in n.items))
        if isinstance(n, Or):
            return And(tuple(neg(i) for i in n.items))
        raise TypeError(n)

    return pos(node)


Term = tuple[Cmp, ...]
Domains = Mapping[str, tuple[Any, ...]]


def domains(env: Mapping[str, Type]) -> dict[str, tuple[Any, ...]]:
    """The values each yes/no, rating and *levels* name can take (a term excluding all of a
    name's values can never hold, and is dropped)."""
    out: dict[str, tuple[Any, ...]] = {}
    for name, t in env.items():
        if t == BOOL:
            out[name] = (True, False)
        elif t.kind in ("choice", "levels"):
            out[name] = t.choices
    return out


def _dnf(n: Node, doms: Domains | None = None) -> list[Term]:
    if isinstance(n, Bool):
        return [()] if n.value else []
    if isinstance(n, Cmp):
        return [(n,)]
    if isinstance(n, Or):
        out: list[Term] = []
        for item in n.items:
            out.extend(_dnf(item, doms))
        return out
    if isinstance(n, And):
        terms: list[Term] = [()]
        for item in n.items:
            terms = [_join(a, b) for a in terms for b in _dnf(item, doms)]
        return [t for t in terms if not _contradictory(t, doms)]
    raise TypeError(n)


def _join(a: Term, b: Term) -> Term:
    out = list(a)
    for lit in b:
        if lit not in out:
            out.append(lit)
    return tuple(out)


def _contradictory(term: Term, doms: Domains | None = None) -> bool:
    excluded: dict[str, set[Any]] = {}
    for lit in term:
        if Cmp(NEGATED[lit.op], lit.left, lit.right) in term:
            return True
        if lit.op == "==" and isinstance(lit.right, (Bool, Str)):
            for other in term:
                if (
                    other.op == "=="
                    and other.left == lit.left
                    and isinstance(other.right, type(lit.right))
                    and other.right != lit.right
                ):
                    return True
        if doms and lit.op == "!=" and isinstance(lit.left, Name) and isinstance(lit.right, (Bool, Str)):
            excluded.setdefault(lit.left.id, set()).add(lit.right.value)
    # A yes/no, rating or levels name excluded from every value it can take.
    return any(name in doms and excluded[name] >= set(doms[name]) for name in excluded) if doms else False


def _not_term(term: Term) -> list[Term]:
    """¬(a ∧ b ∧ c) as disjoint terms: ¬a ∨ (a ∧ ¬b) ∨ (a ∧ b ∧ ¬c)."""
    out: list[Term] = []
    for i, lit in enumerate(term):
        out.append((*term[:i], Cmp(NEGATED[lit.op], lit.left, lit.right)))
    return out


def dnf_estimate(node: Node, cap: int = DNF_MAX_TERMS) -> int:
    """An upper bound on the terms of ``node``'s (in NNF) disjunctive normal form and on every
    list built on the way, computed without building it; anything above ``cap`` is ``cap + 1``.

    An ``or`` adds its parts' counts, an ``and`` multiplies them (a part that is always
    false counts as one: it empties the product only once reached).
    """
    if isinstance(node, (Cmp, Bool)):
        return 1
    if isinstance(node, Or):
        return min(cap + 1, sum(dnf_estimate(i, cap) for i in node.items))
    if isinstance(node, And):
        total = 1
        for item in node.items:
            total = min(cap + 1, total * max(1, dnf_estimate(item, cap)))
        return total
    raise TypeError(node)  # pragma: no cover - NNF has no other node


def disjoint_dnf(node: Node, limit: int = DNF_MAX_RULES, doms: Domains | None = None) -> list[Term]:
    """Terms whose OR is ``node`` (in NNF) and of which at most one holds for any input.

    Refused (:class:`ExprError` ``expr.too_complex``) when the normal form would have more
    than ``DNF_MAX_TERMS`` terms — estimated before it is built — or when more than
    ``limit`` disjoint terms (rules) would come out. ``doms`` (see :func:`domains`) drops
    terms that exclude every value a name can take.
    """
    estimate = dnf_estimate(node)
    if estimate > DNF_MAX_TERMS:
        raise ExprError("expr.too_complex", expr=_short(render(node)), max=DNF_MAX_TERMS)
    result: list[Term] = []
    excluded: list[Term] = [()]  # DNF of "no earlier term holds"
    for term in _dnf(node, doms):
        for ex in excluded:
            joined = _join(ex, term)
            if not _contradictory(joined, doms):
                result.append(joined)
        nxt: list[Term] = []
        for ex in excluded:
            for nt in _not_term(term):
                joined = _join(ex, nt)
                if not _contradictory(joined, doms):
                    nxt.append(joined)
        excluded = nxt
        if len(result) > limit or len(excluded) > limit * 4:
            raise ExprError("expr.too_many_rules", expr=_short(render(node)), max=limit)
    return [_implied_dropped(t) for t in result]


def _implied_dropped(term: Term) -> Term:
    """``term`` without ``x != w`` where it also says ``x == v`` (a text or yes/no): implied, so
    the rule reads as written and tests one thing less."""
    equal = {lit.left for lit in term if lit.op == "==" and isinstance(lit.right, (Str, Bool))}
    if not equal:
        return term
    return tuple(
        lit for lit in term if not (lit.op == "!=" and isinstance(lit.right, (Str, Bool)) and lit.left in equal)
    )


# ---------------------------------------------------------------- points by steps


def branch_count(node: Node, cap: int = DNF_MAX_RULES) -> int:
    """How many ways through its ``if`` conditions a points formula has, without listing them
    (above ``cap``: ``cap + 1``). Two ``if`` expressions added together make four ways."""
    if isinstance(node, If):
        return min(cap + 1, branch_count(node.then, cap) + branch_count(node.else_, cap))
    if isinstance(node, Bin):
        return min(cap + 1, branch_count(node.left, cap) * branch_count(node.right, cap))
    if isinstance(node, Neg):
        return branch_count(node.operand, cap)
    return 1


def branches(node: Node) -> list[tuple[tuple[Node, ...], Node]]:
    """Every way through the ``if`` conditions of a points formula: the conditions taken (an ``else``
    as ``not`` its condition) and the formula without ``if`` that applies there.

    The ways exclude each other (one takes ``c``, another ``not c``), so compiling each to
    rules keeps exactly one rule per scorecard. Call :func:`branch_count` first to bound them.
    """
    if isinstance(node, If):
        taken = [((node.cond, *conds), f) for conds, f in branches(node.then)]
        return taken + [((Not(node.cond), *conds), f) for conds, f in branches(node.else_)]
    if isinstance(node, Bin):
        return [((*cl, *cr), Bin(node.op, fl, fr)) for cl, fl in branches(node.left) for cr, fr in branches(node.right)]
    if isinstance(node, Neg):
        return [(conds, Neg(f)) for conds, f in branches(node.operand)]
    return [((), node)]
