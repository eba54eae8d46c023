"""What a run produces: findings, reasons, gaps and one decision per unit.

Reasons keep a stable ``code`` and the facts that fill the message, so the same
run renders in Vietnamese or English; :meth:`Run.to_dict` is the JSON the CLI prints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .expr import format_number
from .messages import Lang, render
from .params import Resolved


@dataclass(frozen=True)
class Finding:
    """One criterion's result for one unit."""

    criterion: str
    kind: str  # condition | points
    status: str  # pass | fail | missing | scored
    value: Any
    threshold: str | None
    parameters: tuple[Resolved, ...]
    points: float | None
    reference: str | None
    absent: tuple[str, ...] = ()
    by_absence: bool = False  # status decided by the criterion's 'if_missing'
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "criterion": self.criterion,
            "status": self.status,
            "value": self.value,
            "threshold": self.threshold,
            "points": self.points,
            "reference": self.reference,
        }
        if self.parameters:
            out["parameters"] = [p.to_dict() for p in self.parameters]
        if self.absent:
            out["absent"] = list(self.absent)
        if self.by_absence:
            out["decided_by_absence"] = True
        out["rule"] = self.rule
        return out


@dataclass(frozen=True)
class Reason:
    """A stable code and the facts that fill its message."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: Lang = "vi") -> str:
        return render(self.code, lang, **{k: _text(v, lang) for k, v in self.params.items()})

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        return {"code": self.code, "text": self.text(lang)}


@dataclass(frozen=True)
class Bilingual:
    """A value that reads differently by language (a title, a joined list of titles)."""

    vi: str
    en: str

    def get(self, lang: Lang) -> str:
        return self.vi if lang == "vi" else self.en


def bi(code: str, **params: Any) -> Bilingual:
    """The message ``code`` rendered in both languages (parameters may be bilingual)."""
    return Bilingual(
        render(code, "vi", **{k: _text(v, "vi") for k, v in params.items()}),
        render(code, "en", **{k: _text(v, "en") for k, v in params.items()}),
    )


def joined(parts: list[Bilingual], sep: str = "; ") -> Bilingual:
    return Bilingual(sep.join(p.vi for p in parts), sep.join(p.en for p in parts))


def _text(value: Any, lang: Lang) -> Any:
    if isinstance(value, Bilingual):
        return value.get(lang)
    if isinstance(value, float):
        return format_number(value)
    return value


@dataclass(frozen=True)
class GapItem:
    """One thing the unit lacks for the next level up."""

    kind: str  # score | criterion | veto | quota | override
    reason: Reason
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        return {"kind": self.kind, **self.data, "text": self.reason.text(lang)}


@dataclass
class Decision:
    """Everything decided about one unit: level, score, rank, findings and why."""

    unit: str
    name: str
    kind: str
    region: str | None
    parent: str | None
    year: int
    peer_group: str
    status: str  # rated | incomplete
    level: str | None
    score: float | None
    findings: list[Finding]
    reasons: list[Reason] = field(default_factory=list)
    rank: int | None = None
    level_before_quota: str | None = None
    gap_level: str | None = None
    gap: list[GapItem] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    level_titles: dict[str, Bilingual] = field(default_factory=dict, repr=False)

    def finding(self, criterion: str) -> Finding:
        for f in self.findings:
            if f.criterion == criterion:
                return f
        raise KeyError(criterion)

    def level_title(self, lang: Lang) -> str | None:
        if self.level is None:
            return None
        return self.level_titles[self.level].get(lang)

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        return {
            "unit": self.unit,
            "name": self.name,
            "kind": self.kind,
            "region": self.region,
            "parent": self.parent,
            "year": self.year,
            "peer_group": self.peer_group,
            "status": self.status,
            "level": self.level,
            "level_title": self.level_title(lang),
            "score": self.score,
            "rank": self.rank,
            "missing": list(self.missing),
            "findings": [f.to_dict() for f in self.findings],
            "reasons": [r.to_dict(lang) for r in self.reasons],
            "next_level": self.gap_level,
            "gap": [g.to_dict(lang) for g in self.gap],
        }


@dataclass
class Run:
    """The result of rating a set of scorecards under one criteria set and scheme."""

    criteria: dict[str, str]
    scheme: dict[str, str]
    engine: dict[str, str]
    options: dict[str, Any]
    results: list[Decision]

    def result(self, unit: str, year: int | None = None) -> Decision:
        for d in self.results:
            if d.unit == unit and (year is None or d.year == year):
                return d
        raise KeyError(unit)

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        return {
            "criteria": dict(self.criteria),
            "scheme": dict(self.scheme),
            "engine": dict(self.engine),
            "options": dict(self.options),
            "results": [d.to_dict(lang) for d in self.results],
        }

    def to_json(self, lang: Lang = "vi") -> str:
        return json.dumps(self.to_dict(lang), ensure_ascii=False, indent=2) + "\n"
