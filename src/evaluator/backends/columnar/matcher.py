"""The columnar matcher: every criterion's rules evaluated over a whole batch at once.

Compiled from the same intermediate form as the other backends' rules (:mod:`evaluator.ir`)
and read the same way, rule for rule:

- *missing* ``j`` where indicator ``j`` is the first absent one the criterion needs (an
  indicator it assumes when missing is never missing);
- otherwise each *pass*/*fail* term (a condition) or *scored*/*noband* term (points by steps)
  holds where all its literals hold and exactly the assumed indicators it was written for are
  absent; a plain points formula is *scored* 0.

As the default backend's driver does, the matcher checks that exactly one rule of each
criterion holds for every scorecard, and stops with :class:`EngineInvariantError` otherwise.
The result is the same :class:`~evaluator.ir.Match` per criterion that every backend gives, so
everything after matching (findings, levels, quota, ranks, reasons) is the code both share.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from ...errors import EngineInvariantError, Problem
from ...ir import CriterionIR, Match
from ...text import Bilingual
from .. import Card
from .compile import Codes, encode, term_function

if TYPE_CHECKING:
    from ...load import Criteria

__all__ = ["BACKEND", "CHUNK", "ColumnarMatcher", "compile_matcher"]

_ABSENT = object()
CHUNK = 65_536  # scorecards matched at once: the columns of one chunk stay small whatever the batch


@dataclass(frozen=True)
class _Rule:
    """One rule of a criterion: its place in the criterion's list of outcomes, when it holds."""

    slot: int
    holds: Any  # columns → boolean array
    absent: frozenset[str]  # the assumed indicators it is for (absent); the others must be present


class _Criterion:
    def __init__(self, it: CriterionIR, codes: Codes, size: Any):
        self.it = it
        self.outcomes: list[Match] = []
        self.rules: list[_Rule] = []
        groups = (
            [("pass", it.pass_terms), ("fail", it.fail_terms)]
            if it.kind == "condition"
            else [("scored", it.scored_terms), ("noband", it.noband_terms)]
        )
        for status, terms in groups:
            for j, term in enumerate(terms):
                self.rules.append(_Rule(len(self.outcomes), term_function(term, codes, size), it.absent_for(status, j)))
                self.outcomes.append(Match(it.index, status, j))
        # An assumed indicator is never missing: its absence selects the terms written for it.
        self.needed = [(j, f) for j, f in enumerate(it.fields) if f not in it.assumed_names]
        self.missing_slot = {}
        for j, _ in self.needed:
            self.missing_slot[j] = len(self.outcomes)
            self.outcomes.append(Match(it.index, "missing", j))
        self.table = np.empty(len(self.outcomes), dtype=object)
        self.table[:] = self.outcomes


class ColumnarMatcher:
    """Criteria compiled to functions over columns; :meth:`match` gives one finding per criterion per scorecard."""

    def __init__(self, items: tuple[CriterionIR, ...], params: frozenset[str]):
        self.codes = Codes()
        self._size = 0
        self.criteria = [_Criterion(it, self.codes, lambda: self._size) for it in items]
        names: dict[str, None] = {}
        for it in items:
            names.update(dict.fromkeys(it.fields))
            names.update(dict.fromkeys(p for p in it.params if p in params))
        self.names = tuple(names)

    def describe(self) -> dict[str, Any]:
        return {
            "backend": "columnar",
            "numpy": np.__version__,
            "criteria": len(self.criteria),
            "rules": sum(len(c.outcomes) for c in self.criteria),
        }

    def _columns(self, batch: Sequence[Mapping[str, Any]]) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
        values: dict[str, np.ndarray] = {}
        present: dict[str, np.ndarray] = {}
        codes = self.codes
        for name in self.names:
            col = np.zeros(len(batch), dtype=np.float64)
            has = np.zeros(len(batch), dtype=bool)
            for i, row in enumerate(batch):
                value = row.get(name, _ABSENT)
                if value is not _ABSENT:
                    col[i] = encode(value, codes)
                    has[i] = True
            values[name], present[name] = col, has
        return values, present

    def match(self, batch: Sequence[Card]) -> list[list[Match]]:
        """For each card, one :class:`Match` per criterion, in criteria order — a chunk at a time."""
        out: list[list[Match]] = []
        for start in range(0, len(batch), CHUNK):
            chunk = batch[start : start + CHUNK]
            out += self._chunk([{**card.values, **card.params} for card in chunk], [card.unit for card in chunk])
        return out

    def close(self) -> None:
        """Nothing to free: the compiled functions and codes are plain Python objects."""

    def _chunk(self, batch: Sequence[Mapping[str, Any]], units: Sequence[str]) -> list[list[Match]]:
        n = len(batch)
        self._size = n
        cols, present = self._columns(batch)
        per_criterion: list[np.ndarray] = []
        problems: list[Problem] = []
        for crit in self.criteria:
            slot = np.full(n, -1, dtype=np.int64)
            open_ = np.ones(n, dtype=bool)
            for j, field in crit.needed:
                absent = open_ & ~present[field]
                slot[absent] = crit.missing_slot[j]
                open_ &= ~absent
            count = np.zeros(n, dtype=np.int8)
            for rule in crit.rules:
                holds = rule.holds(cols) & open_
                for name in crit.it.assumed_names:
                    holds &= ~present[name] if name in rule.absent else present[name]
                count += holds
                slot[holds] = rule.slot
            bad = np.flatnonzero(open_ & (count != 1))
            if bad.size:
                i = int(bad[0])
                params = {"criterion": crit.it.index, "count": int(count[i]), "unit": units[i]}
                problems.append(Problem("engine.finding_count", params=params))
                continue
            per_criterion.append(crit.table[slot])
        if problems:
            raise EngineInvariantError(problems)
        if not per_criterion:
            return [[] for _ in range(n)]
        matched: list[list[Match]] = np.stack(per_criterion, axis=1).tolist()
        return matched


def compile_matcher(items: tuple[CriterionIR, ...], params: frozenset[str]) -> ColumnarMatcher:
    """The columnar matcher of ``items``; ``params`` are the parameters the criteria read."""
    return ColumnarMatcher(items, params)


class ColumnarBackend:
    batch_size: int | None = None  # the whole batch: the matcher cuts it into chunks itself
    title = Bilingual("bộ xử lý theo cột (numpy)", "the columnar engine (numpy)")

    def product(self) -> tuple[str, str]:
        return "numpy", np.__version__

    def compile(self, criteria: Criteria, params: frozenset[str]) -> ColumnarMatcher:
        return compile_matcher(criteria.items, params)


BACKEND = ColumnarBackend()
