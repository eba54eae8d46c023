"""What-if and diff: re-rate under changed thresholds, or under two versions, and say what changed.

- :func:`with_parameters` replaces parameter values (``--set NAME=VALUE``) everywhere; every
  unit whose findings used a changed threshold gets a reason naming the value it had.
- :func:`diff_runs` lists the units whose level or rank differs between two runs of the same
  scorecards, with the criteria responsible: what the stricter side requires that the unit lacks,
  or the veto or quota that moved it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .decision import Decision, GapItem, Reason, Run
from .errors import Location, Problem, UsageError, did_you_mean
from .limits import BOUND, MAX_EXACT
from .load import Criteria
from .messages import Lang, render
from .model.criteria import Parameter, ParameterValue
from .params import Resolved, resolve
from .text import Bilingual, Joined, Lower, Phrase, Quoted, bi

__all__ = ["Change", "diff_runs", "parse_sets", "with_parameters"]

WHAT_IF = "--set"


_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")


def parse_sets(texts: tuple[str, ...] | list[str]) -> dict[str, float]:
    """``["income_min=40"]`` → ``{"income_min": 40.0}``; a usage error (exit 2) naming each bad one.

    The value is a plain decimal (``40``, ``40.5`` or ``40,5``): no exponent, no ``nan`` or ``inf``.
    """
    out: dict[str, float] = {}
    problems: list[Problem] = []
    for text in texts:
        name, sep, value = text.partition("=")
        if not sep or not name.strip():
            problems.append(Problem("whatif.syntax", Location(field="--set"), {"text": text}))
        elif not _NUMBER.fullmatch(value.strip()):
            problems.append(Problem("whatif.number", Location(field="--set"), {"text": text, "value": value.strip()}))
        elif abs(Decimal(value.strip().replace(",", "."))) > MAX_EXACT:  # before float() rounds it into range
            problems.append(
                Problem("whatif.range", Location(field="--set"), {"text": text, "value": value.strip(), "bound": BOUND})
            )
        else:
            out[name.strip()] = float(value.strip().replace(",", "."))
    if problems:
        raise UsageError(problems)
    return out


def with_parameters(criteria: Criteria, sets: Mapping[str, float]) -> Criteria:
    """``criteria`` with the parameters in ``sets`` fixed to one value everywhere."""
    if not sets:
        return criteria
    model = criteria.model
    problems = [
        Problem("whatif.unknown_param", Location(field="--set"), {"name": n}, did_you_mean(n, model.parameters))
        for n in sets
        if n not in model.parameters
    ]
    problems += [
        Problem("whatif.levels", Location(field="--set"), {"name": n})
        for n in sets
        if n in model.parameters and model.parameters[n].is_levels
    ]
    if problems:
        raise UsageError(problems)
    params: dict[str, Parameter] = dict(model.parameters)
    for name, value in sets.items():
        entry = ParameterValue(value=value, reference="what-if", source=WHAT_IF)
        params[name] = params[name].model_copy(update={"values": (entry,)})
    new_model = model.model_copy(update={"parameters": params})
    digest = hashlib.sha256(f"{criteria.sha256}:{json.dumps(sorted(sets.items()))}".encode()).hexdigest()
    return dataclasses.replace(criteria, model=new_model, sha256=digest)


def mark_what_if(run: Run, original: Criteria, sets: Mapping[str, float]) -> None:
    """Add to each unit whose findings used a changed threshold a reason naming the original value."""
    if not sets:
        return
    run.options["what_if"] = {k: sets[k] for k in sorted(sets)}
    for d in run.results:
        used = sorted({name for f in d.findings for p in f.parameters for name in _names(p) if name in sets})
        notes = []
        for name in used:
            old = resolve(name, original.model.parameters[name], d.region, d.year, original.model.parameters)
            original_value: Any = bi("value.none") if old.value is None else float(old.value)  # type: ignore[arg-type]  # what-if sets numbers only
            title = original.model.parameters[name].title
            params = {"name": Bilingual(title.vi, title.en), "value": float(sets[name]), "original": original_value}
            notes.append(Reason("reason.what_if", params))
        d.reasons[:0] = notes


def _names(p: Resolved) -> list[str]:
    """A parameter and, for a formula, the parameters it used."""
    return [p.name, *(n for dep in p.via for n in _names(dep))]


@dataclass
class Change:
    """One unit whose level or rank differs between two runs."""

    unit: str
    name: str
    year: int
    old: Decision | None
    new: Decision | None
    what: list[Reason] = field(default_factory=list)
    why: list[Reason] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)

    def to_dict(self, lang: Lang) -> dict[str, Any]:
        def side(d: Decision | None) -> dict[str, Any] | None:
            if d is None:
                return None
            return {"status": d.status, "level": d.level, "score": d.score, "rank": d.rank}

        return {
            "unit": self.unit,
            "name": self.name,
            "year": self.year,
            "old": side(self.old),
            "new": side(self.new),
            "changes": [r.text(lang) for r in self.what],
            "responsible": list(self.responsible),
            "why": [r.text(lang) for r in self.why],
        }


def _order(d: Decision) -> int | None:
    if d.level is None:
        return None
    return list(d.level_titles).index(d.level)


def _why(items: list[GapItem], vetoes: list[Reason], code: str) -> tuple[list[Reason], list[str]]:
    texts = [g.reason for g in items] + vetoes
    responsible = [str(g.data["criterion"]) for g in items if "criterion" in g.data]
    responsible += [str(g.data["criterion"]) for g in items if g.kind == "veto" and "criterion" in g.data]
    if not texts:
        return [], responsible
    return [Reason(code, {"items": Joined(tuple(Lower(t) for t in texts))})], list(dict.fromkeys(responsible))


def diff_runs(old: Run, new: Run) -> list[Change]:
    """Every unit whose status, level or rank differs between ``old`` and ``new``, with why."""
    olds = {(d.unit, d.year): d for d in old.results}
    news = {(d.unit, d.year): d for d in new.results}
    out: list[Change] = []
    for key in sorted(set(olds) | set(news)):
        a, b = olds.get(key), news.get(key)
        ref = b or a
        assert ref is not None
        change = Change(ref.unit, ref.name, ref.year, a, b)
        if a is None or b is None:
            change.what.append(Reason("diff.only_new" if a is None else "diff.only_old"))
            out.append(change)
            continue
        if a.status != b.status:
            change.what.append(Reason("diff.status", {"old": _status(a), "new": _status(b)}))
        if a.level != b.level:
            change.what.append(
                Reason(
                    "diff.level",
                    {"old": _title(a, a.level), "new": _title(b, b.level)},
                )
            )
        if a.rank != b.rank:
            none = bi("diff.none")
            change.what.append(Reason("diff.rank", {"old": a.rank or none, "new": b.rank or none}))
        if a.score != b.score and a.score is not None and b.score is not None:
            change.what.append(Reason("diff.score", {"old": a.score, "new": b.score}))
        if not change.what or (len(change.what) == 1 and change.what[0].code == "diff.score"):
            continue
        if a.level != b.level and a.level is not None and b.level is not None:
            levels = list(b.level_titles)
            if a.level in levels:
                worse_now = levels.index(b.level) > levels.index(a.level)
            else:
                worse_now = (_order(b) or 0) > (_order(a) or 0)
            if worse_now:
                vetoes = [r for r in b.reasons if r.code in ("reason.veto", "reason.quota_demoted", "reason.override")]
                change.why, change.responsible = _why(
                    b.lacking(a.level) if a.level in b.level_titles else [], vetoes, "diff.why_new"
                )
            else:
                vetoes = [r for r in a.reasons if r.code in ("reason.veto", "reason.quota_demoted", "reason.override")]
                change.why, change.responsible = _why(
                    a.lacking(b.level) if b.level in a.level_titles else [], vetoes, "diff.why_old"
                )
        elif a.level == b.level:
            change.why = [Reason("diff.rank_only")]
        out.append(change)
    return out


def _title(d: Decision, level: str | None) -> Quoted | Phrase:
    if level is None:
        return bi("diff.none")
    return Quoted(d.level_titles.get(level, Bilingual(level, level)))


def _status(d: Decision) -> Phrase:
    return bi("ui.rated" if d.status == "rated" else "ui.incomplete")


def summary(changes: list[Change], old: Run, new: Run, lang: Lang) -> str:
    total = len({(d.unit, d.year) for d in old.results} | {(d.unit, d.year) for d in new.results})
    return render(
        "diff.summary",
        lang,
        changed=len(changes),
        total=total,
        old=f"{old.criteria['id']} {old.criteria['version']}",
        new=f"{new.criteria['id']} {new.criteria['version']}",
    )
