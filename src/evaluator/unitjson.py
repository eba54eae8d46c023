"""One unit's result as JSON text, byte for byte ``json.dumps(decision.to_dict(lang), ensure_ascii=False)``,
built faster.

Most of a unit's JSON is its findings, and across a large run most findings repeat exactly: the
same criterion, status, value, threshold and rule in thousands of units. :class:`UnitEncoder`
encodes each distinct finding once and reuses its text. A finding's key holds every field its
JSON is made of, each value with its type (``1``, ``1.0`` and ``true`` are equal in Python but
not in JSON; so are ``0.0`` and ``-0.0``), and the threshold's text itself, never an object's
identity; a finding with a value of any other type is encoded directly. The cache is bounded:
when it holds :data:`LIMIT` texts it starts again, so memory does not grow with the run.

The unit's other keys are encoded by the same standard encoder, before and after the findings:
a JSON object's text is its members' texts joined by ``", "``, so the pieces joined are the
whole's text exactly.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from .messages import Lang

if TYPE_CHECKING:
    from .decision import Decision, Finding
    from .params import Resolved

__all__ = ["LIMIT", "UnitEncoder"]

LIMIT = 50_000  # distinct findings kept (a few tens of MB at most)


class _Uncached(Exception):
    """A value whose key could not be told apart from a different value's: encode it directly."""


def _key(value: Any) -> Any:
    """``value`` as a key that two values share only if their JSON texts are the same."""
    kind = type(value)
    if kind is float:
        return (kind, value) if value else (kind, value, math.copysign(1.0, value))  # 0.0 and -0.0 apart
    if kind is str or kind is int or kind is bool or value is None:
        return (kind, value)
    if kind is dict:
        return (kind, tuple(((type(k), k), _key(v)) for k, v in value.items()))
    if kind is list or kind is tuple:
        return (kind, tuple(_key(v) for v in value))
    raise _Uncached


class UnitEncoder:
    """Encodes a run's units in one language (one encoder per output written)."""

    def __init__(self, lang: Lang, limit: int = LIMIT):
        self.lang = lang
        self.limit = limit
        self.dump = json.JSONEncoder(ensure_ascii=False).encode  # what json.dumps(x, ensure_ascii=False) uses
        self._findings: dict[tuple[Any, ...], str] = {}
        self._params: dict[int, tuple[tuple[Resolved, ...], tuple[Any, ...]]] = {}

    def unit(self, d: Decision) -> str:
        """``json.dumps(d.to_dict(lang), ensure_ascii=False)``."""
        dump, lang = self.dump, self.lang
        head = dump(d.head_dict(lang))
        tail = dump(d.tail_dict(lang))
        findings = ", ".join([self.finding(f) for f in d.findings])
        return f'{head[:-1]}, "findings": [{findings}], {tail[1:]}'

    def _parameters(self, used: tuple[Resolved, ...]) -> tuple[Any, ...]:
        """The key of a finding's parameters. Findings share their parameters' tuple (one per
        criterion, region and year), so it is worked out once per tuple: remembered by the
        tuple's identity, with the tuple itself held so that identity cannot pass to another."""
        if not used:
            return ()
        memo = self._params.get(id(used))
        if memo is None or memo[0] is not used:
            if len(self._params) >= self.limit:
                self._params.clear()
            memo = self._params[id(used)] = (used, tuple([(p.key, _key(p.value)) for p in used]))
        return memo[1]

    def finding(self, f: Finding) -> str:
        """``json.dumps(f.to_dict(lang), ensure_ascii=False)``, encoded once per distinct finding."""
        lang = self.lang
        try:
            key = (
                f.criterion,
                f.status,
                _key(f.value),
                f.threshold,
                None if f.words is None else f.words.get(lang),
                _key(f.points),
                f.reference,
                self._parameters(f.parameters),
                f.absent,
                f.by_absence,
                tuple((n, _key(v)) for n, v in f.assumed),
                f.rule,
            )
        except _Uncached:
            return self.dump(f.to_dict(lang))
        cache = self._findings
        text = cache.get(key)
        if text is None:
            if len(cache) >= self.limit:
                cache.clear()
            text = cache[key] = self.dump(f.to_dict(lang))
        return text
