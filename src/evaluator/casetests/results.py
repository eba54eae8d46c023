"""What a criteria test gives: a failure (code, where, facts, engine problems) and a case's result."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..errors import Location, Problem
from ..messages import Lang, render


@dataclass(frozen=True)
class Failure:
    """One way a case (or a file) fails: a stable code, where, the facts, and any engine problems."""

    code: str
    location: Location
    params: dict[str, Any] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    def message(self, lang: Lang = "vi") -> str:
        return render(self.code, lang, **{k: _text(v, lang) for k, v in self.params.items()})

    def render(self, lang: Lang = "vi") -> str:
        where = self.location.render(lang)
        head = f"{where}: {self.message(lang)}" if where else self.message(lang)
        return "\n".join([head, *("    " + p.render(lang) for p in self.problems)])

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        out: dict[str, Any] = {
            "code": self.code,
            "location": self.location.to_dict(),
            "message": self.message(lang),
        }
        if self.problems:
            out["problems"] = [p.to_dict(lang) for p in self.problems]
        return out


def _text(value: Any, lang: Lang) -> Any:
    getter = getattr(value, "get", None)
    if callable(getter) and not isinstance(value, dict):
        return getter(lang)
    return value


@dataclass(frozen=True)
class Msg:
    """A message read in either language (parameters may be messages too)."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def get(self, lang: Lang) -> str:
        return render(self.code, lang, **{k: _text(v, lang) for k, v in self.params.items()})


@dataclass(frozen=True)
class Plain:
    """A text that reads the same in both languages."""

    text: str

    def get(self, lang: Lang) -> str:
        return self.text


def msg(code: str, **params: Any) -> Msg:
    return Msg(code, params)


@dataclass
class CaseResult:
    index: int
    name: str
    location: Location
    failures: list[Failure] = field(default_factory=list)
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
