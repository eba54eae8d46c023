"""The durable_rules matcher: a scorecard as a fact, the compiled rules loaded into the driver
and self-tested.

A scorecard becomes one flat fact: ``_kind``, ``_zero``, ``i_<indicator>`` for each indicator
present and ``p_<parameter>`` for each parameter the criteria use (a list of levels as its one
text, :func:`evaluator.expr.set_key`).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from importlib import metadata
from typing import TYPE_CHECKING, Any

from ... import expr as E
from ...ir import Match
from ...text import Bilingual
from .. import Card, reuse
from .driver import Engine
from .rules import CompiledRules, compile_rules, fact_key

if TYPE_CHECKING:
    from ...load import Criteria

__all__ = ["BACKEND", "DurableBackend", "DurableMatcher", "fact", "self_test_facts"]


@functools.cache  # reading a distribution's metadata takes milliseconds: once per process is enough
def _version() -> str:
    try:
        return metadata.version("durable-rules")
    except metadata.PackageNotFoundError:  # pragma: no cover - durable-rules always installed with us
        return "unknown"


def fact(card: Card, params: frozenset[str]) -> dict[str, Any]:
    """The fact durable_rules is given for ``card``."""
    out: dict[str, Any] = {"_kind": "scorecard", "_zero": 0}
    for name, value in card.values.items():
        out["i_" + name] = value
    for name, value in card.params.items():
        out[fact_key(name, params)] = E.set_key(value) if isinstance(value, tuple) else value
    return out


def self_test_facts(criteria: Criteria, params: frozenset[str]) -> list[dict[str, Any]]:
    """A fact with every indicator present and one with none (parameters set to 1)."""
    full: dict[str, Any] = {"_kind": "scorecard", "_zero": 0}
    empty: dict[str, Any] = {"_kind": "scorecard", "_zero": 0}
    for name, ind in criteria.model.indicators.items():
        if ind.type == "yesno":
            full["i_" + name] = True
        elif ind.type == "rating":
            full["i_" + name] = (ind.choices or ("",))[0]
        else:
            full["i_" + name] = ind.bounds()[0] or 0
    for name in params:
        levels = criteria.model.parameters[name].level_sets()
        full["p_" + name] = empty["p_" + name] = E.set_key(levels[0]) if levels else 1.0
    return [full, empty]


class DurableMatcher:
    """Compiled rules loaded into one durable_rules engine (self-tested)."""

    def __init__(self, compiled: CompiledRules, params: frozenset[str], self_test: list[dict[str, Any]]):
        self.compiled = compiled
        self.params = params
        self.engine = Engine(compiled, self_test)

    def match(self, batch: Sequence[Card]) -> list[list[Match]]:
        return [self.engine.findings(fact(card, self.params), card.unit) for card in batch]

    def describe(self) -> dict[str, str]:
        return {"backend": "durable_rules", "durable_rules": _version(), "rules_sha256": self.compiled.sha256}

    def close(self) -> None:
        self.engine.close()


class DurableBackend:
    batch_size: int | None = 256
    title = Bilingual("durable_rules", "durable_rules")

    def product(self) -> tuple[str, str]:
        return "durable_rules", _version()

    def compile(self, criteria: Criteria, params: frozenset[str]) -> DurableMatcher:
        key = ("durable", criteria.sha256, json.dumps(list(criteria.bases), sort_keys=True), params)
        compiled = reuse.compiled_for(key, lambda: compile_rules(criteria.items, params))
        return DurableMatcher(compiled, params, self_test_facts(criteria, params))


BACKEND = DurableBackend()
