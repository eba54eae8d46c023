"""What a run produces: findings, reasons, gaps and one decision per unit.

Reasons keep a stable ``code`` and the facts that fill the message, so the same
run renders in Vietnamese or English; :meth:`Run.to_dict` is the JSON the CLI prints.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .errors import Location
from .gcpause import gc_paused
from .messages import Lang, render
from .model import QuotaGrant, TieSettlement
from .params import Resolved
from .text import Bilingual, Joined, Lazy, Phrase, bi, joined, lower_first, resolve, show_value
from .unitjson import UnitEncoder

__all__ = [
    "POINTS_DECIMALS",
    "Bilingual",
    "Decision",
    "Failing",
    "Finding",
    "GapItem",
    "Joined",
    "Lacking",
    "Lazy",
    "Phrase",
    "QuotaOutcome",
    "Reason",
    "Run",
    "RunWarning",
    "Tie",
    "bi",
    "joined",
    "show_value",
]

POINTS_DECIMALS = 6  # points and scores are rounded to this many decimals before any comparison


class Failing(NamedTuple):
    """One failing part of a failed ``a and b and …``: the part with thresholds written in, the
    value(s) observed, and both in words."""

    threshold: str
    now: Any
    words: Lazy
    observed: Lazy


@dataclass(slots=True)
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
    failing: tuple[Failing, ...] = ()  # for a failed "a and b…": the parts that fail, with values
    assumed: tuple[tuple[str, Any], ...] = ()  # indicators left out, read as the criterion's assume_when_missing
    words: Lazy | None = None  # the threshold in words, with the indicators' titles

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        out: dict[str, Any] = {
            "criterion": self.criterion,
            "status": self.status,
            "value": self.value,
            "threshold": self.threshold,
            "threshold_text": None if self.words is None else self.words.get(lang),
            "points": self.points,
            "reference": self.reference,
        }
        if self.parameters:
            out["parameters"] = [p.to_dict() for p in self.parameters]
        if self.absent:
            out["absent"] = list(self.absent)
        if self.by_absence:
            out["decided_by_absence"] = True
        if self.assumed:
            out["assumed"] = dict(self.assumed)
        out["rule"] = self.rule
        return out


@dataclass(frozen=True, slots=True)
class Reason:
    """A stable code and the facts that fill its message."""

    code: str
    params: dict[str, Any] = field(default_factory=dict)

    def text(self, lang: Lang = "vi") -> str:
        return render(self.code, lang, **{k: resolve(v, lang) for k, v in self.params.items()})

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        return {"code": self.code, "text": self.text(lang)}


@dataclass(frozen=True, slots=True)
class Lacking(Lazy):
    """'What the level lacks' for a reason, computed only when the reason is read."""

    decision: Decision
    level: str

    def get(self, lang: Lang) -> str:
        return "; ".join(lower_first(g.get(lang)) for g in self.decision.lacking(self.level))


@dataclass(frozen=True, slots=True)
class GapItem(Lazy):
    """One thing the unit lacks for the next level up (its text is rendered once per language)."""

    kind: str  # score | criterion | veto | quota | override
    reason: Reason
    data: dict[str, Any] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def get(self, lang: Lang) -> str:
        text = self.texts.get(lang)
        if text is None:
            text = self.texts[lang] = self.reason.text(lang)
        return text

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        return {"kind": self.kind, **self.data, "text": self.get(lang)}


@dataclass(slots=True)  # no per-unit attribute dictionary: a national run holds a million of them
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
    criteria_met: tuple[int, int] | None = None  # (passed, counted) when the scheme counts criteria
    evidence: dict[str, str] = field(default_factory=dict)  # as the scorecard gives it: id → text or link
    # Per level of the scheme: what it requires that this unit lacks (plain data: a decision pickles).
    lacking_by_level: dict[str, list[GapItem]] = field(default_factory=dict, repr=False)

    def lacking(self, level: str) -> list[GapItem]:
        """What ``level`` requires that this unit lacks (score band, criteria)."""
        return self.lacking_by_level.get(level, [])

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
            **self.head_dict(lang),
            "findings": [f.to_dict(lang) for f in self.findings],
            **self.tail_dict(lang),
        }

    def head_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        """The keys of :meth:`to_dict` before ``findings`` (the JSON writer puts cached findings between)."""
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
            **(
                {"criteria_met": {"count": self.criteria_met[0], "of": self.criteria_met[1]}}
                if self.criteria_met
                else {}
            ),
            "missing": list(self.missing),
        }

    def tail_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        """The keys of :meth:`to_dict` after ``findings``."""
        return {
            **({"evidence": dict(self.evidence)} if self.evidence else {}),
            "reasons": [r.to_dict(lang) for r in self.reasons],
            "next_level": self.gap_level,
            "gap": [g.to_dict(lang) for g in self.gap],
        }


@dataclass(frozen=True)
class RunWarning:
    """Something the run did that a person should check: e.g. a value the scorecard declares
    that the official (linked) rating contradicts. The run goes on; the CLI prints it on stderr."""

    code: str
    unit: str
    year: int
    params: dict[str, Any]
    location: Location = field(default_factory=Location)

    def text(self, lang: Lang = "vi") -> str:
        message = render(self.code, lang, **{k: resolve(v, lang) for k, v in self.params.items()})
        where = self.location.render(lang)
        return f"{where}: {message}" if where else message

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        return {
            "code": self.code,
            "unit": self.unit,
            "year": self.year,
            "location": self.location.to_dict(),
            "text": self.text(lang),
        }


@dataclass(frozen=True)
class Tie:
    """Units equal on every ``keep_order`` key before the unit id, straddling the quota's cut-off:
    only the unit id (or a recorded settlement) decided which of them keep the quota level."""

    group: str
    level: str
    keys: dict[str, Any]  # each keep_order key before 'unit', with the value the tied units share
    units: tuple[str, ...]  # the tied units, in the order applied (settled units first)
    places: int  # how many of them keep the level
    settled_by: tuple[TieSettlement, ...] = ()

    @property
    def kept(self) -> tuple[str, ...]:
        return self.units[: self.places]

    @property
    def demoted(self) -> tuple[str, ...]:
        return self.units[self.places :]

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "level": self.level,
            "keys": dict(self.keys),
            "units": list(self.units),
            "places": self.places,
            "kept": list(self.kept),
            "demoted": list(self.demoted),
            "settled_by": [s.to_dict() for s in self.settled_by],
        }


@dataclass(frozen=True)
class QuotaOutcome:
    """What the quota did in one peer group."""

    group: str
    counted: int  # rated units at the counted_against levels (after the quota when its base is 'final')
    places: int  # how many may keep the level: floor(rate × counted) before selection
    candidates: int  # rated units at the quota level before the quota
    tie: Tie | None = None
    grant: QuotaGrant | None = None  # the decision that gives this group the exceptional rate

    @property
    def case(self) -> str:
        """``no_candidate``, ``fewer`` (candidates than places), ``exact`` or ``more``."""
        if self.candidates == 0:
            return "no_candidate"
        if self.candidates < self.places:
            return "fewer"
        return "exact" if self.candidates == self.places else "more"


@dataclass
class Run:
    """The result of rating a set of scorecards under one criteria set and scheme."""

    criteria: dict[str, str]
    scheme: dict[str, str]
    engine: dict[str, str]
    options: dict[str, Any]
    results: list[Decision]
    quota: list[QuotaOutcome] = field(default_factory=list)  # one per peer group when the scheme has a quota
    warnings: list[RunWarning] = field(default_factory=list)  # for a person to check; the run went on

    @property
    def ties(self) -> list[Tie]:
        """Ties at the quota cut-off, for the committee to settle (or as settled), by group."""
        return [q.tie for q in self.quota if q.tie is not None]

    def result(self, unit: str, year: int | None = None) -> Decision:
        for d in self.results:
            if d.unit == unit and (year is None or d.year == year):
                return d
        raise KeyError(unit)

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        return {**self.to_dict_header(lang), "results": [d.to_dict(lang) for d in self.results]}

    def to_json(self, lang: Lang = "vi") -> str:
        """The run as JSON text: the header indented, then one result per line.

        One unit per line keeps large runs fast to write and easy to grep or diff;
        the text is a single valid JSON document either way.
        """
        return "".join(self.iter_json(lang))

    def iter_json(self, lang: Lang = "vi") -> Iterator[str]:
        """The text of :meth:`to_json` in pieces, a result at a time (to stream large runs)."""
        dump = functools.partial(json.dumps, ensure_ascii=False)
        with gc_paused():
            yield from self._json_pieces(lang, dump)

    def _json_pieces(self, lang: Lang, dump: Callable[[Any], str]) -> Iterator[str]:
        yield "{\n"
        for key, value in self.to_dict_header(lang).items():
            yield f"  {dump(key)}: {dump(value)},\n"
        yield '  "results": [\n'
        last = len(self.results) - 1
        unit = UnitEncoder(lang).unit
        for i, d in enumerate(self.results):
            yield f"    {unit(d)}{',' if i < last else ''}\n"
        yield "  ]\n}\n"

    def to_dict_header(self, lang: Lang = "vi") -> dict[str, Any]:
        used = {p.key: p for d in self.results for f in d.findings for p in f.parameters}
        return {
            "criteria": dict(self.criteria),
            "scheme": dict(self.scheme),
            "engine": dict(self.engine),
            "options": dict(self.options),
            "parameters": {key: used[key].entry_dict() for key in sorted(used)},
            "ties": [t.to_dict() for t in self.ties],
            "warnings": [w.to_dict(lang) for w in self.warnings],
        }
