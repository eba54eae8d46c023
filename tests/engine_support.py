"""The durable_rules backend driven one scorecard at a time, for the tests of the engine itself:
its compiled rules, its facts, a self-tested engine per session, and the reference beside it."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from evaluator.backends import durable
from evaluator.backends.durable.driver import Engine
from evaluator.backends.durable.rules import CompiledRules, compile_rules
from evaluator.backends.reference import reference_findings
from evaluator.decision import Finding
from evaluator.findings import FindingBuilder
from evaluator.ir import Match
from evaluator.load import Criteria
from evaluator.params import Resolved
from evaluator.scorecards import Submitted


class Harness:
    def __init__(self, criteria: Criteria, extra_params: tuple[str, ...] = ()):
        self.criteria = criteria
        self.builder = FindingBuilder(criteria, extra_params)
        self.params = self.builder.used_params
        self.compiled: CompiledRules = compile_rules(criteria.items, self.params)

    def parameters(self, region: str | None, year: int) -> dict[str, Resolved]:
        return self.builder.parameters(region, year)

    def fact(self, sub: Submitted) -> dict[str, Any]:
        return durable.fact(self.builder.card(sub), self.params)

    def self_test_facts(self) -> list[dict[str, Any]]:
        return durable.self_test_facts(self.criteria, self.params)

    @contextmanager
    def session(self) -> Iterator[Engine]:
        engine = Engine(self.compiled, self.self_test_facts())
        try:
            yield engine
        finally:
            engine.close()

    def metas(self, engine: Engine | None, sub: Submitted) -> list[Match]:
        """Through the engine, or (``None``) through the reference."""
        if engine is None:
            card = self.builder.card(sub)
            return reference_findings(self.criteria.items, {**card.values, **card.params})
        return engine.findings(self.fact(sub), sub.card.unit)

    def findings(self, sub: Submitted, metas: Sequence[Match]) -> list[Finding]:
        return self.builder.findings(sub, metas)
