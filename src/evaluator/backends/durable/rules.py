"""Compiling the intermediate form to durable_rules rulesets (each rule named by :func:`evaluator.ir.rule_id`).

Every criterion becomes mutually exclusive rules, each a pure ``$and`` (durable_rules
fires a fact once per matching ``$or`` branch, so no ``$or`` is ever emitted):

- ``PASS`` — one rule per disjoint term of the condition, all its indicators present;
- ``FAIL`` — one rule per disjoint term of its negation, all its indicators present;
- ``MISSING`` — rule *i*: indicators 1…i−1 present and indicator *i* absent;
- an indicator the criterion assumes when missing (``assume_when_missing``) has no MISSING
  rule: the PASS and FAIL terms written for its absence (the assumed value in its place)
  test that it is absent, the others that it is present;
- a points formula has one ``SCORED`` rule (all indicators present) and the missing rules;
  points by steps (``if … then … else`` or ``bands:``) have one ``SCORED`` rule per disjoint
  term of each way through the conditions, and ``NOBAND`` rules for values no band covers.

For any scorecard exactly one rule of each criterion matches. The engine driver
checks that on every scorecard.

The fact is flat: ``_kind`` (a discriminator, so no rule matches the engine's own
state messages), ``_zero`` (0, the left side of comparisons between two
expressions), ``i_<indicator>`` and ``p_<parameter>`` (the threshold that applies to
this unit, resolved beforehand with its provenance).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from ... import expr as E
from ...ir import CriterionIR, Match, rule_id

KIND = {"_kind": "scorecard"}
OPS = {"<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte", "==": "$eq", "!=": "$neq"}
ARITH = {"+": "$add", "-": "$sub", "*": "$mul", "/": "$div"}
SHARD_SIZE = 24  # criteria per ruleset: far below durable_rules' 64-sibling and 128-children limits


def fact_key(name: str, params: set[str] | frozenset[str]) -> str:
    return ("p_" if name in params else "i_") + name


@dataclass(frozen=True)
class CompiledRules:
    """Ruleset definitions (JSON-able) and what each rule name means."""

    shards: tuple[dict[str, Any], ...]
    meta: dict[str, Match]
    criteria_count: int
    sha256: str


class _Emitter:
    def __init__(self, params: frozenset[str]):
        self.params = params

    def key(self, name: str) -> str:
        return fact_key(name, self.params)

    def operand(self, node: E.Node, arithmetic: bool = False) -> Any:
        if isinstance(node, (E.Num, E.Bool, E.Str)):
            return node.value
        if isinstance(node, E.Name):
            if arithmetic:
                # The engine adds and multiplies two integers as int64, which wraps (2**40 × 2**40
                # is 0); one double operand makes it binary double, as the reference computes.
                return {"$mul": {"$l": {"$m": self.key(node.id)}, "$r": 1.0}}
            return {"$m": self.key(node.id)}
        if isinstance(node, E.Neg):
            return {"$sub": {"$l": 0.0, "$r": self.operand(node.operand, True)}}
        if isinstance(node, E.Bin):
            return {ARITH[node.op]: {"$l": self.operand(node.left, True), "$r": self.operand(node.right, True)}}
        raise TypeError(node)

    def literal(self, lit: E.Cmp) -> dict[str, Any]:
        lit = E.fold(lit)  # type: ignore[assignment]
        left, right, op = lit.left, lit.right, lit.op
        if isinstance(left, E.Name):
            field, rhs = self.key(left.id), right
        elif isinstance(right, E.Name):
            field, rhs, op = self.key(right.id), left, E.FLIPPED[op]
        else:
            # left op right  <=>  0 op' (left - right): exact for finite doubles.
            field, rhs, op = "_zero", E.fold(E.Bin("-", left, right)), E.FLIPPED[op]
        value = self.operand(rhs)
        if op == "==" and not isinstance(value, dict):
            return {field: value}
        return {OPS[op]: {field: value}}


def compile_rules(items: tuple[CriterionIR, ...], params: frozenset[str]) -> CompiledRules:
    """The rulesets for ``items``; criteria are sharded ``SHARD_SIZE`` to a ruleset."""
    em = _Emitter(params)
    shards: list[dict[str, Any]] = []
    meta: dict[str, Match] = {}
    for start in range(0, len(items), SHARD_SIZE):
        rules: dict[str, Any] = {}
        for it in items[start : start + SHARD_SIZE]:
            groups: list[tuple[str, tuple[E.Term, ...]]]
            if it.kind == "condition":
                groups = [("pass", it.pass_terms), ("fail", it.fail_terms)]
            else:
                groups = [("scored", it.scored_terms), ("noband", it.noband_terms)]
            for status, terms in groups:
                for j, term in enumerate(terms):
                    match = Match(it.index, status, j)
                    name = rule_id(match)
                    absent = it.absent_for(status, j)
                    presence = [{"$nex" if f in absent else "$ex": {em.key(f): 1}} for f in it.fields]
                    tests = [KIND, *presence, *(em.literal(lit) for lit in term)]
                    rules[name] = {"all": [{"m": {"$and": tests}}]}
                    meta[name] = match
            # An assumed indicator is never missing: its absence selects the terms written for it.
            needed = [(j, f) for j, f in enumerate(it.fields) if f not in it.assumed_names]
            for k, (j, field) in enumerate(needed):
                match = Match(it.index, "missing", j)
                name = rule_id(match)
                present = [{"$ex": {em.key(f): 1}} for _, f in needed[:k]]
                tests = [KIND, *present, {"$nex": {em.key(field): 1}}]
                rules[name] = {"all": [{"m": {"$and": tests}}]}
                meta[name] = match
        shards.append(rules)
    digest = hashlib.sha256(json.dumps(shards, sort_keys=True).encode()).hexdigest()
    return CompiledRules(tuple(shards), meta, len(items), digest)
