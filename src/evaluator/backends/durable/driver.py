"""The durable_rules driver: the package's C module called directly ("lean driver").

- One :class:`Engine` per run (and per thread): it owns its rulesets and frees them
  with ``delete_state`` then ``delete_ruleset`` on :meth:`Engine.close`.
- Each scorecard is asserted as a fact, every activation drained, then retracted;
  nothing stays in the engine between scorecards (tests check ``get_facts``).
- Facts and rules are serialised with :func:`dumps_safe`: never an exponent (the
  engine rejects ``1e-05`` and, in a batch, silently drops it and what follows),
  never NaN or Infinity.
- The engine never runs our code (no actions), so no exception can be swallowed.
- A startup self-test runs a scorecard with every indicator present and one with
  none, and checks that each criterion gives exactly one finding.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import threading
from decimal import Decimal
from typing import Any

import durable_rules_engine as dre

from ...errors import EngineInvariantError, Problem
from ...ir import Match
from .rules import CompiledRules

__all__ = ["Engine", "dumps_safe"]

ENGINE = "durable_rules"  # how its errors are named
_MAYBE_EXP = re.compile(r"\d[eE][-+]?\d")
_STRING_OR_EXP = re.compile(r'"(?:[^"\\]|\\.)*"|(-?\d+(?:\.\d+)?[eE][-+]?\d+)')
_names = itertools.count()
_names_lock = threading.Lock()


def dumps_safe(data: Any) -> str:
    """JSON the C engine reads exactly: no exponent notation, no NaN/Infinity."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    if _MAYBE_EXP.search(text):
        text = _STRING_OR_EXP.sub(_plain, text)
    return text


def _plain(match: re.Match[str]) -> str:
    if not match.group(1):
        return match.group(0)  # a string: left exactly as it was
    text = format(Decimal(match.group(1)), "f")
    return text if "." in text else text + ".0"  # stays a double, never an int64 overflow


class Engine:
    """Compiled rules loaded into durable_rules; evaluate facts one at a time."""

    def __init__(self, compiled: CompiledRules, self_test_facts: list[dict[str, Any]] | None = None):
        self.compiled = compiled
        self._handles: list[int] = []
        self._closed = False
        try:
            for rules in compiled.shards:
                with _names_lock:
                    name = f"evaluator_{next(_names)}"
                try:
                    self._handles.append(dre.create_ruleset(name, dumps_safe(rules)))
                except Exception as exc:  # the C module raises bare Exception with an error code
                    raise EngineInvariantError(
                        Problem("engine.error", params={"engine": ENGINE, "detail": str(exc)})
                    ) from None
            for fact in self_test_facts or ():
                self.findings(fact, unit="(self-test)")
        except BaseException:
            self.close()
            raise

    def fired(self, fact: dict[str, Any]) -> list[str]:
        """Names of every rule the fact activates (order: the engine's, not to be relied on)."""
        if self._closed:
            raise RuntimeError("engine is closed")
        text = dumps_safe(fact)
        names: list[str] = []
        for handle in self._handles:
            try:
                code, state = dre.assert_fact(handle, text)
            except Exception as exc:
                raise EngineInvariantError(
                    Problem("engine.error", params={"engine": ENGINE, "detail": str(exc)})
                ) from None
            if code == 2:
                raise EngineInvariantError(
                    Problem("engine.error", params={"engine": ENGINE, "detail": "fact already observed"})
                )
            if code == 0:
                result = dre.start_action_for_state(handle, state)
                while result:
                    message = result[1] if isinstance(result, tuple) else result
                    names.append(message[2 : message.index('"', 2)])
                    result = dre.complete_and_start_action(handle, state)
            dre.retract_fact(handle, text)
        return names

    def findings(self, fact: dict[str, Any], unit: str) -> list[Match]:
        """One :class:`Match` per criterion, in criteria order; raises if any has 0 or 2+."""
        slots: list[Match | None] = [None] * self.compiled.criteria_count
        counts = [0] * self.compiled.criteria_count
        for name in self.fired(fact):
            meta = self.compiled.meta[name]
            counts[meta.criterion] += 1
            slots[meta.criterion] = meta
        bad = [i for i, c in enumerate(counts) if c != 1]
        if bad:
            raise EngineInvariantError(
                [
                    Problem("engine.finding_count", params={"criterion": i, "count": counts[i], "unit": unit})
                    for i in bad
                ]
            )
        return slots  # type: ignore[return-value]

    def leftover_facts(self) -> list[Any]:
        """Facts still held by the engine (always empty between scorecards)."""
        out: list[Any] = []
        for handle in self._handles:
            out.extend(json.loads(dre.get_facts(handle, "0")))
        return out

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for handle in self._handles:
            with contextlib.suppress(Exception):  # raised when no session was ever created in this ruleset
                dre.delete_state(handle, "0")
            dre.delete_ruleset(handle)
        self._handles.clear()

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
