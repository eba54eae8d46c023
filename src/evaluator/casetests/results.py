"""What a criteria test gives: a case's result, its failures each a :class:`~evaluator.errors.Problem`
(code, where, facts, and beneath it the problems of a refusal the case met)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import Location, Problem
from ..messages import Lang


@dataclass
class CaseResult:
    index: int
    name: str
    location: Location
    failures: list[Problem] = field(default_factory=list)
    hits: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return not self.failures

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        return {
            "name": self.name,
            "location": self.location.to_dict(),
            "ok": self.ok,
            "failures": [f.to_dict(lang) for f in self.failures],
        }
