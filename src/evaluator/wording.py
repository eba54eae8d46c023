"""Conditions, values and orders in words, with the titles of the indicators — never their ids.

A criterion's condition (``tasks_late_pct == 0``) is kept as an expression for programs (the
finding's ``threshold``); people read it in words, with this unit's thresholds written in:
"Tỷ lệ nhiệm vụ hoàn thành chậm tiến độ phải bằng 0%" / "Share of tasks completed behind
schedule must be 0%". The value observed reads "10%", "Có", «Tốt»; an indicator left out
reads "không có số liệu". A sort order reads "tổng điểm cao hơn, rồi tỷ lệ nhiệm vụ hoàn thành
vượt mức cao hơn, rồi mã đơn vị". Every text here is lazy (:mod:`evaluator.text`): built once,
rendered in the language it is read in.

How a condition is said:

- ``x ≥ 30`` → "X phải từ 30% trở lên" (``>``: "phải trên", ``≤``: "không được quá",
  ``<``: "phải dưới", ``=``: "phải bằng", ``≠``: "phải khác"); a number carries the
  indicator's unit (``%`` for a percentage, the ``unit`` of a number);
- a yes/no indicator: "«Có kết luận mất đoàn kết nội bộ» phải là Không";
- a rating: "Mức xếp loại … phải là «Trong sạch, vững mạnh»", ``in [a, b]``: "phải là «A» hoặc «B»";
- a band of points: "Tỷ lệ hồ sơ đúng hạn từ 90% đến dưới 95%";
- ``and`` / ``or`` join the parts ("và", "hoặc"); ``not`` is pushed into the parts;
- arithmetic keeps its signs (``×``, ``÷``) between the titles.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import expr as E
from .messages import Lang, render
from .text import Bilingual, Lazy, Quoted, lower_first, number, upper_first, yes_no

__all__ = [
    "Formula",
    "KeyNames",
    "KeyValue",
    "Observed",
    "Order",
    "Requirement",
    "Term",
    "Value",
    "Vocabulary",
    "key_name",
    "key_value",
]


@dataclass(frozen=True)
class Term:
    """What an indicator is called and how its values read."""

    title: Bilingual
    kind: str  # the indicator's type: number, percent, count, points, yesno, rating
    unit: Bilingual | None = None
    choices: Mapping[str, Bilingual] = field(default_factory=dict)
    low: float | None = None  # the least and the most the indicator can hold, when fixed
    high: float | None = None


class Vocabulary:
    """The titles of a criteria set's indicators and parameters, and how each one's values read."""

    def __init__(self, terms: Mapping[str, Term] | None = None, params: Mapping[str, Bilingual] | None = None):
        self.terms: dict[str, Term] = dict(terms or {})
        self.params: dict[str, Bilingual] = dict(params or {})

    @classmethod
    def of(cls, model: Any) -> Vocabulary:
        """The vocabulary of a criteria set (:class:`evaluator.model.CriteriaSet`)."""
        terms = {}
        for name, ind in model.indicators.items():
            unit = ind.unit_titles() if hasattr(ind, "unit_titles") else None
            choices = {c: Bilingual(t.vi, t.en) for c, t in (getattr(ind, "choice_titles", None) or {}).items()}
            try:
                low, high = ind.limits if ind.type not in ("yesno", "rating") else (None, None)
            except TypeError:  # a range given by a parameter not read yet
                low, high = None, None
            terms[name] = Term(Bilingual(ind.title.vi, ind.title.en), ind.type, unit, choices, low, high)
        params = {name: Bilingual(p.title.vi, p.title.en) for name, p in model.parameters.items()}
        return cls(terms, params)

    def title(self, name: str, lang: Lang) -> str:
        """An indicator's (or a parameter's) title; its id only when it has none (a name unknown here)."""
        term = self.terms.get(name)
        if term is not None:
            return term.title.get(lang)
        param = self.params.get(name)
        return param.get(lang) if param is not None else name

    def named(self, name: str, lang: Lang, short: bool = False) -> str:
        """The title as it reads inside a sentence: a yes/no title (a statement) in quotation marks,
        any other in lower case; ``short``: only its head, before " — " ("Tiêu chí chung 1")."""
        if name == "year" and name not in self.terms and name not in self.params:
            return render("word.the_year", lang)
        term = self.terms.get(name)
        title = self.title(name, lang)
        if short:
            title = title.split(" — ", 1)[0].strip() or title
        if term is not None and term.kind == "yesno":
            return Quoted(title).get(lang)
        text = lower_first(title)
        if term is not None and term.kind == "count" and not text.lower().startswith("number"):
            return render("word.the_count", lang, name=text)  # "the number of sub-units disciplined"
        return render("word.the", lang, name=text) if term is not None or name in self.params else text

    def quoted(self, name: str, lang: Lang) -> str:
        """The title in quotation marks, as written: «Số chỉ tiêu … được giao»."""
        return Quoted(self.title(name, lang)).get(lang)

    def value(self, name: str | None, v: Any, lang: Lang) -> str:
        """A value of indicator ``name`` as people read it: ``96,5%``, ``Có``, «Tốt», "không có số liệu"."""
        if v is None:
            return render("value.none", lang)
        if isinstance(v, bool):
            return yes_no(v, lang)
        term = self.terms.get(name) if name is not None else None
        if isinstance(v, str):
            title = term.choices.get(v) if term is not None else None
            return Quoted(title if title is not None else v).get(lang)
        if isinstance(v, (list, tuple)):
            return self.choice_list(name, v, lang)
        if isinstance(v, (int, float)):
            text = number(v, lang)
            if term is None:
                return text
            if term.kind == "percent":
                return text + "%"
            if term.kind == "number" and term.unit is not None:
                return f"{text} {term.unit.get(lang)}"
            return text
        return str(v)

    def choice_list(self, name: str | None, values: Iterable[str], lang: Lang) -> str:
        """Levels of a rating, each in quotation marks, the last two joined by "hoặc" / "or"."""
        texts = [self.value(name, v, lang) for v in values]
        if len(texts) < 2:
            return "".join(texts)
        return ", ".join(texts[:-1]) + render("cond.or", lang) + texts[-1]


# ------------------------------------------------------------------ conditions

SHORT_AFTER = 2  # a condition of more parts names its indicators by the heads of their titles

_FLIP = {">=": "<=", ">": "<", "<=": ">=", "<": ">", "==": "==", "!=": "!="}
_NEGATE = {">=": "<", ">": "<=", "<=": ">", "<": ">=", "==": "!=", "!=": "=="}
_SIGN = {"+": "+", "-": "−", "*": "×", "/": "÷"}


@dataclass(frozen=True)
class _Side:
    """One side of a comparison: an indicator (``name``), a constant (``value``) or arithmetic (``text``)."""

    name: str | None = None
    const: bool = False
    value: Any = None
    text: str = ""


class _Say:
    """Renders one condition in one language."""

    def __init__(self, vocab: Vocabulary, subst: Mapping[str, Any], lang: Lang, must: bool, short: bool = False):
        self.vocab, self.subst, self.lang, self.mode = vocab, subst, lang, "must" if must else "is"
        self.short = short  # name indicators by the head of their titles (a long condition of many parts)

    def named(self, name: str) -> str:
        return self.vocab.named(name, self.lang, self.short)

    def clause(self, n: E.Node, negated: bool = False) -> str:
        if isinstance(n, E.Not):
            return self.clause(n.operand, not negated)
        if isinstance(n, (E.And, E.Or)):
            conj = isinstance(n, E.And) != negated  # De Morgan
            parts = [self.clause(i, negated) for i in n.items]
            inner = [
                f"({p})" if isinstance(i, (E.And, E.Or)) and len(i.items) > 1 else p
                for i, p in zip(n.items, parts, strict=True)
            ]
            return render("cond.and" if conj else "cond.or", self.lang).join(inner)
        if isinstance(n, E.Bool):
            return render("cond.always" if n.value != negated else "cond.never", self.lang)
        if isinstance(n, E.Name):  # a yes/no indicator on its own: it must hold
            return self._is(n.id, not negated)
        if isinstance(n, E.Cmp):
            return self.compare(_NEGATE[n.op] if negated else n.op, n.left, n.right)
        if isinstance(n, E.In):
            values = [self.side(v).value for v in n.values]
            return self.member(n.operand, values, n.negated != negated)
        if isinstance(n, E.InSet):
            listed = self.subst.get(n.name)
            members = list(E.set_members(listed)) if listed is not None else None
            return self.member(n.operand, members, n.negated != negated, n.name)
        return E.render(n, self.subst)  # pragma: no cover - conditions hold no other node

    def _is(self, name: str, value: bool) -> str:
        subject = self.named(name)
        return render(f"cond.{self.mode}.is", self.lang, subject=subject, value=yes_no(value, self.lang))

    def member(self, operand: E.Node, values: list[Any] | None, negated: bool, param: str | None = None) -> str:
        side = self.side(operand)
        if values is None:  # the list has no value here (never when rating): its title
            listed = lower_first(self.vocab.title(param or "", self.lang))
        else:
            listed = self.vocab.choice_list(side.name, values, self.lang)
        code = f"cond.{self.mode}.{'is_not' if negated else 'is'}"
        return render(code, self.lang, subject=self.subject(side), value=listed)

    def compare(self, op: str, left: E.Node, right: E.Node) -> str:
        a, b = self.side(left), self.side(right)
        if a.const and not b.const:
            a, b, op = b, a, _FLIP[op]
        term = self.vocab.terms.get(a.name) if a.name else None
        if term is not None and b.const and (op, b.value) in ((">=", term.high), ("<=", term.low)):
            op = "=="  # at least the most there can be (100%), at most the least (0): exactly that
        value = self.vocab.value(a.name, b.value, self.lang) if b.const else b.text
        if term is not None and term.kind in ("yesno", "rating") and op in ("==", "!=") and b.const:
            if term.kind == "yesno" and isinstance(b.value, bool):
                return self._is(a.name or "", b.value == (op == "=="))
            code = f"cond.{self.mode}.{'is' if op == '==' else 'is_not'}"
            return render(code, self.lang, subject=self.subject(a), value=value)
        against = "than." if not b.const and op in ("<", "<=", ">", ">=") else ""
        return render(f"cond.{self.mode}.{against}{op}", self.lang, subject=self.subject(a), value=value)

    def subject(self, side: _Side) -> str:
        if side.name is not None:
            return self.named(side.name)
        if side.const:
            return self.vocab.value(None, side.value, self.lang)
        return side.text

    def side(self, n: E.Node) -> _Side:
        if isinstance(n, (E.Num, E.Str, E.Bool)):
            return _Side(const=True, value=n.value)
        if isinstance(n, E.Name):
            if n.id in self.subst:
                return _Side(const=True, value=self.subst[n.id])
            return _Side(name=n.id, text=self.named(n.id))
        if isinstance(n, E.Neg):
            inner = self.side(n.operand)
            if inner.const and isinstance(inner.value, (int, float)):
                return _Side(const=True, value=-inner.value)
            return _Side(text="−" + self._operand(n.operand, 7))
        if isinstance(n, E.Bin):
            a, b = self.side(n.left), self.side(n.right)
            if a.const and b.const and isinstance(a.value, (int, float)) and isinstance(b.value, (int, float)):
                try:
                    folded = E.fold(E.Bin(n.op, E.Num(a.value), E.Num(b.value)))
                except E.ExprError:  # beyond ±2**53: say the arithmetic as written
                    folded = n
                if isinstance(folded, E.Num) and math.isfinite(folded.value):
                    return _Side(const=True, value=folded.value)
            prec = 5 if n.op in "+-" else 6
            return _Side(text=f"{self._operand(n.left, prec)} {_SIGN[n.op]} {self._operand(n.right, prec + 1)}")
        return _Side(text=E.render(n, self.subst))  # pragma: no cover - arithmetic holds no other node

    def _operand(self, n: E.Node, outer: int) -> str:
        side = self.side(n)
        plain = side.const and isinstance(side.value, (int, float)) and not isinstance(side.value, bool)
        text = number(side.value, self.lang) if plain else self.subject(side)
        inner = 5 if isinstance(n, E.Bin) and n.op in "+-" else 6 if isinstance(n, E.Bin) else 9
        return f"({text})" if inner < outer else text

    def band(self, value: E.Node, cond: E.Node) -> str | None:
        """``lo ≤ value < hi`` said as one range ("từ 90% đến dưới 95%"), or ``None`` if it is not one."""
        parts = cond.items if isinstance(cond, E.And) else ()
        if len(parts) != 2 or not all(isinstance(p, E.Cmp) and p.left == value for p in parts):
            return None
        lo, hi = parts
        assert isinstance(lo, E.Cmp) and isinstance(hi, E.Cmp)
        if lo.op not in (">=", ">") or hi.op not in ("<=", "<"):
            return None
        side, a, b = self.side(value), self.side(lo.right), self.side(hi.right)
        if not (a.const and b.const):
            return None
        code = f"cond.{self.mode}.range.{lo.op}.{hi.op}"
        return render(
            code,
            self.lang,
            subject=self.subject(side),
            lo=self.vocab.value(side.name, a.value, self.lang),
            hi=self.vocab.value(side.name, b.value, self.lang),
        )


@dataclass(frozen=True, eq=False)
class Requirement(Lazy):
    """A condition in words with one unit's thresholds written in: what must hold (``must``) or,
    for the band a value fell in, what holds."""

    node: E.Node
    subst: Mapping[str, Any]
    vocab: Vocabulary
    must: bool = True
    band_value: E.Node | None = None  # set for a band of ``bands:`` (said as one range)
    texts: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def get(self, lang: Lang) -> str:
        text = self.texts.get(lang)
        if text is None:
            many = isinstance(self.node, (E.And, E.Or)) and len(self.node.items) > SHORT_AFTER
            say = _Say(self.vocab, self.subst, lang, self.must, short=many)
            ranged = say.band(self.band_value, self.node) if self.band_value is not None else None
            text = self.texts[lang] = upper_first(ranged if ranged is not None else say.clause(self.node))
        return text


@dataclass(frozen=True, eq=False)
class Observed(Lazy):
    """The values a unit gave for a condition, and those taken in place of values left out:
    "10%"; "số hồ sơ trễ hạn 7; số hồ sơ tiếp nhận 5"; "4; không có số liệu …, lấy 5"."""

    values: tuple[tuple[str, Any], ...]
    vocab: Vocabulary
    assumed: tuple[tuple[str, Any], ...] = ()

    def get(self, lang: Lang) -> str:
        vocab = self.vocab
        if len(self.values) == 1:
            parts = [vocab.value(self.values[0][0], self.values[0][1], lang)]
        else:
            parts = [
                render("value.named", lang, name=vocab.named(n, lang), value=vocab.value(n, v, lang))
                for n, v in self.values
            ]
        taken = "; ".join(
            render("value.assumed", lang, name=vocab.quoted(n, lang), value=vocab.value(n, v, lang))
            for n, v in self.assumed
        )
        if not parts:
            return taken or render("value.none", lang)
        return "; ".join(parts) + (f" ({taken})" if taken else "")


@dataclass(frozen=True, eq=False)
class Formula(Lazy):
    """A parameter's formula with the titles of what it uses: "thu nhập năm 2015 + (… − …) ÷ 5 × (năm − 2015)"."""

    text: str
    vocab: Vocabulary

    def get(self, lang: Lang) -> str:
        try:
            node = E.parse(self.text)
        except E.ExprError:  # pragma: no cover - a formula was parsed when the criteria were read
            return self.text
        return _Say(self.vocab, {}, lang, must=False).side(node).text or self.text


@dataclass(frozen=True, eq=False)
class Value(Lazy):
    """One value of an indicator as people read it: «Hoàn thành tốt nhiệm vụ», 96,5%, Có."""

    name: str
    value: Any
    vocab: Vocabulary

    def get(self, lang: Lang) -> str:
        return self.vocab.value(self.name, self.value, lang)


@dataclass(frozen=True, eq=False)
class Order(Lazy):
    """A sort order in words: "tổng điểm cao hơn, rồi tỷ lệ … cao hơn, rồi mã đơn vị theo thứ tự chữ cái"."""

    keys: tuple[tuple[str, bool], ...]  # (key, descending)
    vocab: Vocabulary

    def get(self, lang: Lang) -> str:
        return render("order.then", lang).join(self._key(k, desc, lang) for k, desc in self.keys)

    def _key(self, key: str, desc: bool, lang: Lang) -> str:
        way = "desc" if desc else "asc"
        if key == "level":
            return render("order.level", lang)
        if key in ("score", "unit", "criteria_met"):
            return render(f"order.{key}.{way}", lang)
        return render(f"order.indicator.{way}", lang, name=lower_first(self.vocab.title(key, lang)))


def key_name(key: str, vocab: Vocabulary, lang: Lang) -> str:
    """A sort key in words: "tổng điểm", "mức xếp loại", an indicator's title."""
    if key in ("score", "level", "criteria_met", "unit"):
        return render(f"order.key.{key}", lang)
    return vocab.named(key, lang)


def key_value(key: str, value: Any, vocab: Vocabulary, level_titles: Mapping[str, Any], lang: Lang) -> str:
    """A unit's value of a sort key as people read it (a level by its title)."""
    if key == "level" and value in level_titles:
        return Quoted(level_titles[value]).get(lang)
    if key in ("score", "level", "criteria_met", "unit"):
        if value is None:
            return render("value.none", lang)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return number(value, lang)
        return str(value)
    return vocab.value(key, value, lang)


@dataclass(frozen=True, eq=False)
class KeyValue(Lazy):
    """One sort key with a unit's value, in words ("tổng điểm 91,5"), or the value alone (``named=False``)."""

    key: str
    value: Any
    vocab: Vocabulary
    level_titles: Mapping[str, Any]
    named: bool = True

    def get(self, lang: Lang) -> str:
        shown = key_value(self.key, self.value, self.vocab, self.level_titles, lang)
        return f"{key_name(self.key, self.vocab, lang)} {shown}" if self.named else shown


@dataclass(frozen=True, eq=False)
class KeyNames(Lazy):
    """Sort keys by name: "tổng điểm, tỷ lệ nhiệm vụ hoàn thành vượt mức"."""

    keys: tuple[str, ...]
    vocab: Vocabulary

    def get(self, lang: Lang) -> str:
        return ", ".join(key_name(k, self.vocab, lang) for k in self.keys)
