"""A pure-Python evaluator built from the same intermediate form as the rules.

It exists to cross-check the other backends: for every scorecard each must
name the same status *and* the same disjoint term (or missing indicator) for every
criterion. It also checks, independently of the engine, that the terms of each
criterion are disjoint and cover every case.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping, Sequence
from importlib import metadata
from typing import TYPE_CHECKING, Any

from .. import expr as E
from ..ir import CriterionIR, Match
from ..text import Bilingual
from . import Card

if TYPE_CHECKING:
    from ..load import Criteria


def _holds(term: E.Term, values: Mapping[str, Any]) -> bool:
    return all(E.evaluate(lit, values) for lit in term)


def engine_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` as the engine's fact carries them: a list of levels as its one text (:func:`expr.set_key`)."""
    return {k: E.set_key(v) if isinstance(v, (tuple, list)) else v for k, v in values.items()}


def _stepped(it: CriterionIR, values: Mapping[str, Any]) -> Match:
    """Which band (or ``if`` branch) holds: exactly one term must, and it must be the one the
    formula itself takes when evaluated directly (or, for a value in no band, a no-band term)."""
    found = [("scored", j) for j, term in enumerate(it.scored_terms) if _holds(term, values)]
    found += [("noband", j) for j, term in enumerate(it.noband_terms) if _holds(term, values)]
    if len(found) != 1:
        raise AssertionError(f"criterion {it.id}: {len(found)} scored terms hold for {dict(values)}")
    status, j = found[0]
    try:
        direct = E.evaluate(it.node, values)
    except E.NoBand:
        direct = None
    via_term = None if status == "noband" else E.evaluate(it.scored_formulas[j], values)
    if direct != via_term and not (direct != direct and via_term != via_term):  # NaN equals NaN here
        raise AssertionError(f"criterion {it.id}: term {status} {j} gives {via_term}, the formula {direct}")
    return Match(it.index, status, j)


def reference_findings(items: tuple[CriterionIR, ...], values: Mapping[str, Any]) -> list[Match]:
    """One finding per criterion for a scorecard whose present values (and parameters) are ``values``."""
    out: list[Match] = []
    values = engine_values(values)
    for it in items:
        absent = [j for j, f in enumerate(it.fields) if f not in values and f not in it.assumed_names]
        if absent:
            out.append(Match(it.index, "missing", absent[0]))
            continue
        if it.kind == "points":
            out.append(_stepped(it, values) if it.stepped else Match(it.index, "scored", 0))
            continue
        assumed = frozenset(f for f in it.assumed_names if f not in values)
        scope = {**values, **it.assumed_values(assumed, values)} if assumed else values
        status = "pass" if E.evaluate(it.node, scope) else "fail"
        terms = it.pass_terms if status == "pass" else it.fail_terms
        matching = [j for j, term in enumerate(terms) if it.absent_for(status, j) == assumed and _holds(term, values)]
        if len(matching) != 1:
            raise AssertionError(f"criterion {it.id}: {len(matching)} {status} terms hold for {dict(values)}")
        out.append(Match(it.index, status, matching[0]))
    return out


@functools.cache  # reading a distribution's metadata takes milliseconds: once per process is enough
def _evaluator_version() -> str:
    try:
        return metadata.version("evaluator")
    except metadata.PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


class ReferenceMatcher:
    """The intermediate form read directly, one scorecard at a time."""

    def __init__(self, items: tuple[CriterionIR, ...]):
        self.items = items
        # What the matches come from: the terms of every criterion (their repr is deterministic).
        terms = [
            (it.id, it.kind, it.fields, it.pass_terms, it.fail_terms, it.scored_terms, it.noband_terms) for it in items
        ]
        self.sha256 = hashlib.sha256(repr(terms).encode()).hexdigest()

    def match(self, batch: Sequence[Card]) -> list[list[Match]]:
        return [reference_findings(self.items, {**card.values, **card.params}) for card in batch]

    def describe(self) -> dict[str, str]:
        return {"backend": "reference", "rules_sha256": self.sha256}

    def close(self) -> None:
        """Nothing to free: the reference holds only the intermediate form it reads."""


class ReferenceBackend:
    batch_size: int | None = 256
    title = Bilingual("bộ đánh giá tham chiếu", "the reference evaluator")

    def product(self) -> tuple[str, str]:
        return "reference", _evaluator_version()

    def compile(self, criteria: Criteria, params: frozenset[str]) -> ReferenceMatcher:
        return ReferenceMatcher(criteria.items)


BACKEND = ReferenceBackend()
