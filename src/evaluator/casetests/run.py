"""Running criteria tests: each case through durable_rules *and* the reference evaluator,
the expectations checked, and coverage of rules, level bands, vetoes and the quota counted.

Coverage items of a test file (criteria × scheme):

- ``rule`` — every compiled rule (``c003__fail__0``…): each disjoint pass/fail term of a
  condition, the scored rule of a points formula — one per band (or ``if`` branch) of points
  by steps, so every band must be reached — and each "indicator *i* absent" rule; hit when a
  finding of any unit names it. The rules of values no band holds (``noband``) are not items:
  reaching one stops the run, and ``evaluator lint`` reports the gap;
- ``level`` — every level of the scheme, hit when a rated unit's conditions pick it
  (the first level, best first, whose band and required criteria hold — before vetoes,
  quota and overrides; the last level when none holds);
- ``veto`` — every veto, hit when it is triggered for a rated unit;
- ``quota`` — when the scheme has a quota: a unit ``kept`` and one ``demoted``, and each case
  of a peer group: ``no_candidate`` (no unit at the quota level), ``fewer`` candidates than
  places, ``exact`` (as many as places), ``more``, and a ``tie`` at the cut-off (units equal on
  every ``keep_order`` key before the unit id, some kept and some moved down).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import expr as E
from ..api import evaluate
from ..backends import DEFAULT, ORACLE
from ..decision import Decision, Run, show_value
from ..errors import EvaluatorError, Location, Problem
from ..expr import format_number
from ..ir import band_text, possible_matches, rule_id
from ..messages import Lang, render
from ..params import resolve
from ..scorecards import check_scorecards
from .spec import Suite, UnitExpect, load_suite

__all__ = [
    "CaseResult",
    "Coverage",
    "CoverageItem",
    "Failure",
    "SuiteResult",
    "coverage_items",
    "discover",
    "run_case",
    "run_paths",
    "run_suite",
]

SCORE_TOLERANCE = 1e-6


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


@dataclass(frozen=True)
class CoverageItem:
    id: str  # a rule name, "level:<id>", "veto:<id>", "quota:<outcome>" (QUOTA_OUTCOMES)
    kind: str  # rule | level | veto | quota
    label: Msg
    owner: str = ""  # for a rule: its criterion


@dataclass
class Coverage:
    items: list[CoverageItem]
    hits: Counter[str] = field(default_factory=Counter)

    def covered(self, kind: str | None = None) -> tuple[int, int]:
        chosen = [it for it in self.items if kind is None or it.kind == kind]
        return sum(1 for it in chosen if self.hits[it.id] > 0), len(chosen)

    @property
    def percent(self) -> float:
        done, total = self.covered()
        return 100.0 if total == 0 else math.floor(1000 * done / total) / 10

    def uncovered(self) -> list[CoverageItem]:
        return [it for it in self.items if self.hits[it.id] == 0]

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        kinds = {}
        for kind in ("rule", "level", "veto", "quota"):
            done, total = self.covered(kind)
            kinds[kind] = {"covered": done, "total": total}
        return {
            "percent": self.percent,
            "by_kind": kinds,
            "hits": {it.id: self.hits[it.id] for it in self.items},
            "uncovered": [{"id": it.id, "kind": it.kind, "text": it.label.get(lang)} for it in self.uncovered()],
        }


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


@dataclass
class SuiteResult:
    suite: Suite
    cases: list[CaseResult]
    coverage: Coverage
    required: float
    problems: list[Failure] = field(default_factory=list)  # failures of the file as a whole

    @property
    def ok(self) -> bool:
        return not self.problems and all(c.ok for c in self.cases)

    def to_dict(self, lang: Lang = "vi") -> dict[str, Any]:
        return {
            "path": self.suite.path,
            "criteria": self.suite.criteria.meta(),
            "scheme": self.suite.scheme.meta(),
            "ok": self.ok,
            "cases": [c.to_dict(lang) for c in self.cases],
            "coverage": {**self.coverage.to_dict(lang), "required": self.required},
            "problems": [p.to_dict(lang) for p in self.problems],
        }


# ---------------------------------------------------------------- coverage items


def _term_text(term: E.Term) -> str:
    return " and ".join(E.render(lit) for lit in term)


def coverage_items(suite: Suite) -> list[CoverageItem]:
    """Every rule, level, veto and quota outcome a test file should exercise, in a stable order."""
    crit, scheme = suite.criteria, suite.scheme.model
    items: list[CoverageItem] = []
    for meta in possible_matches(crit.items):
        name = rule_id(meta)
        it = crit.items[meta.criterion]
        if meta.status == "noband":
            continue
        if meta.status == "missing":
            detail = msg("casetest.detail.missing", name=it.fields[meta.term])
        elif meta.status == "scored" and it.stepped:
            band = (
                band_text(it.band_value, it.band_conds[it.term_bands[meta.term]])
                if it.term_bands and it.band_value is not None
                else _term_text(it.scored_terms[meta.term]) or msg("casetest.detail.always")
            )
            detail = msg("casetest.detail.band", band=band, points=E.render(it.scored_formulas[meta.term]))
        elif meta.status == "scored":
            detail = msg("casetest.detail.scored", formula=it.text)
        else:
            terms = it.pass_terms if meta.status == "pass" else it.fail_terms
            text = _term_text(terms[meta.term])
            detail = Plain(text) if text else msg("casetest.detail.always")
            absent = it.absent_for(meta.status, meta.term)
            if absent:
                detail = msg("casetest.detail.assumed", detail=detail, names=", ".join(sorted(absent)))
        label = msg("casetest.item.rule", rule=name, criterion=it.id, status=msg("word." + meta.status), detail=detail)
        items.append(CoverageItem(name, "rule", label, it.id))
    for lv in scheme.levels:
        items.append(CoverageItem(f"level:{lv.id}", "level", msg("casetest.item.level", level=lv.id)))
    for veto in scheme.vetoes:
        label = msg("casetest.item.veto", veto=veto.id, criterion=veto.criterion)
        items.append(CoverageItem(f"veto:{veto.id}", "veto", label))
    if scheme.quota is not None:
        for outcome in QUOTA_OUTCOMES:
            items.append(CoverageItem(f"quota:{outcome}", "quota", msg(f"casetest.item.quota_{outcome}")))
    return items


# What the quota can do, each to be seen at least once: to a unit, then to a peer group.
QUOTA_OUTCOMES = ("kept", "demoted", "no_candidate", "fewer", "exact", "more", "tie")


def band_level(d: Decision, suite: Suite) -> str:
    """The level the scheme's bands and required criteria give ``d`` (before vetoes, quota, overrides):
    the first, best first, whose floor and required criteria hold, or the first unconditional one."""
    levels = suite.scheme.model.levels
    params = suite.criteria.model.parameters
    by_id = {f.criterion: f for f in d.findings}
    for lv in levels:
        if lv.min_score is None and not lv.requires:
            return lv.id  # the fallback
        floor = lv.min_score
        if isinstance(floor, str):  # a band a province sets: the unit's own value
            floor = resolve(floor, params[floor], d.region, d.year, params).value if floor in params else None
        if floor is not None and d.score is not None and d.score < floor:
            continue
        if all(by_id[cid].status == "pass" for cid in lv.requires):
            return lv.id
    return levels[-1].id


def hits_of(run: Run, suite: Suite) -> Counter[str]:
    hits: Counter[str] = Counter()
    scheme = suite.scheme.model
    for d in run.results:
        for f in d.findings:
            hits[f.rule] += 1
        if d.status != "rated":
            continue
        hits[f"level:{band_level(d, suite)}"] += 1
        by_id = {f.criterion: f for f in d.findings}
        for veto in scheme.vetoes:
            if by_id[veto.criterion].status == "fail":
                hits[f"veto:{veto.id}"] += 1
        for r in d.reasons:
            if r.code == "reason.quota_kept":
                hits["quota:kept"] += 1
            elif r.code == "reason.quota_demoted":
                hits["quota:demoted"] += 1
    for outcome in run.quota:
        hits[f"quota:{outcome.case}"] += 1
        if outcome.tie is not None:
            hits["quota:tie"] += 1
    return hits


# ---------------------------------------------------------------- running


def _show(v: Any) -> str:
    return show_value(v)


def _decisions(run: Run) -> dict[tuple[str, int], Decision]:
    return {(d.unit, d.year): d for d in run.results}


def _signature(d: Decision) -> dict[str, Any]:
    out: dict[str, Any] = {
        "status": d.status,
        "level": d.level,
        "level_before_quota": d.level_before_quota,
        "score": d.score,
        "rank": d.rank,
        "missing": list(d.missing),
        "next_level": d.gap_level,
    }
    for f in d.findings:
        out[f"finding {f.criterion}"] = (f.status, f.rule, f.points)
    return out


def _compare_engines(durable: Run, reference: Run, where: Location, engine: str = DEFAULT) -> list[Failure]:
    """Every difference between the run of ``engine`` (``durable`` as the message names it) and the reference's."""
    engine = {"durable": "durable_rules"}.get(engine, engine)
    out: list[Failure] = []
    a, b = _decisions(durable), _decisions(reference)
    for key in sorted(set(a) | set(b)):
        unit = f"{key[0]}@{key[1]}"
        if key not in a or key not in b:
            what = msg("casetest.what.present")
            out.append(
                Failure(
                    "casetest.engine_mismatch",
                    where,
                    {
                        "unit": unit,
                        "what": what,
                        "durable": _show(key in a),
                        "reference": _show(key in b),
                        "engine": engine,
                    },
                )
            )
            continue
        sa, sb = _signature(a[key]), _signature(b[key])
        for name in sa:
            if sa[name] != sb.get(name):
                out.append(
                    Failure(
                        "casetest.engine_mismatch",
                        where,
                        {
                            "unit": unit,
                            "what": name,
                            "durable": _show(sa[name]),
                            "reference": _show(sb.get(name)),
                            "engine": engine,
                        },
                    )
                )
    return out


def run_case(suite: Suite, index: int, engine: str = DEFAULT) -> CaseResult:
    """Run case ``index`` of ``suite`` through ``engine`` (checked against the reference) and check what it expects."""
    case = suite.cases[index]
    where = suite.case_location(index)
    result = CaseResult(index, case.name, where)
    try:
        links = [evaluate(c, check_scorecards(cards, c), scheme) for c, scheme, cards in suite.linked(index)]
        subs = check_scorecards(suite.cards(index), suite.criteria)
        options: dict[str, Any] = {
            "overrides": suite.overrides[index] if suite.overrides else (),
            "exceptional_quota": case.options.exceptional_quota,
            "links": links,
        }
        run = evaluate(suite.criteria, subs, suite.scheme, backend=engine, **options)
        reference = evaluate(suite.criteria, subs, suite.scheme, backend=ORACLE, **options)
    except EvaluatorError as exc:
        codes = [p.code for p in exc.problems]
        expected = case.expect_error
        loc = suite.locate("cases", index, "expect_error") if expected else where
        if expected is None:
            result.failures.append(Failure("casetest.refused", loc, {"count": len(exc.problems)}, tuple(exc.problems)))
        elif expected not in codes:
            found = ", ".join(dict.fromkeys(codes))
            result.failures.append(
                Failure("casetest.error_other", loc, {"expected": expected, "found": found}, tuple(exc.problems))
            )
        return result
    if case.expect_error is not None:
        loc = suite.locate("cases", index, "expect_error")
        result.failures.append(Failure("casetest.error_expected", loc, {"expected": case.expect_error}))
    result.failures.extend(_compare_engines(run, reference, where, engine))
    result.hits = hits_of(run, suite)
    by_key: dict[str, Decision] = {}
    for d in run.results:
        by_key.setdefault(d.unit, d)
        by_key[f"{d.unit}@{d.year}"] = d
    for unit, exp in case.expect.items():
        at = ("cases", index, "expect", unit)
        d = by_key.get(unit)
        if d is None:
            result.failures.append(Failure("casetest.unit_absent", suite.locate(*at), {"unit": unit}))
            continue
        result.failures.extend(check_unit(suite, at, unit, exp, d))
    return result


def check_unit(suite: Suite, at: tuple[Any, ...], unit: str, exp: UnitExpect, d: Decision) -> list[Failure]:
    """Every difference between what ``exp`` states and decision ``d``."""
    out: list[Failure] = []

    def differs(key: str, what: Msg, found: Any, expected: Any) -> None:
        out.append(
            Failure(
                "casetest.field",
                suite.locate(*at, *key.split("/")),
                {"unit": unit, "what": what, "found": _show(found), "expected": _show(expected)},
            )
        )

    plain = {
        "status": d.status,
        "level": d.level,
        "level_before_quota": d.level_before_quota,
        "next_level": d.gap_level,
        "rank": d.rank,
    }
    for name, found in plain.items():
        if exp.given(name) and getattr(exp, name) != found:
            differs(name, msg(f"casetest.what.{name}"), found, getattr(exp, name))
    if exp.given("score"):
        want = exp.score
        if (want is None) != (d.score is None) or (
            want is not None and d.score is not None and abs(want - d.score) > SCORE_TOLERANCE
        ):
            differs("score", msg("casetest.what.score"), d.score, want)
    if exp.missing is not None and sorted(exp.missing) != sorted(d.missing):
        differs("missing", msg("casetest.what.missing"), sorted(d.missing), sorted(exp.missing))
    for cid, fexp in exp.findings.items():
        f = d.finding(cid)
        key = f"findings/{cid}"
        if fexp.status is not None and fexp.status != f.status:
            differs(key, msg("casetest.what.finding", criterion=cid), f.status, fexp.status)
        if fexp.rule is not None and fexp.rule != f.rule:
            differs(key, msg("casetest.what.rule", criterion=cid), f.rule, fexp.rule)
        if fexp.by_absence is not None and fexp.by_absence != f.by_absence:
            differs(key, msg("casetest.what.by_absence", criterion=cid), f.by_absence, fexp.by_absence)
        if fexp.points is not None and (f.points is None or abs(f.points - fexp.points) > SCORE_TOLERANCE):
            differs(key, msg("casetest.what.points", criterion=cid), f.points, fexp.points)
    for j, rexp in enumerate(exp.reasons):
        found_any = any(
            r.code == rexp.code
            and (rexp.contains is None or rexp.contains in r.text("vi") or rexp.contains in r.text("en"))
            for r in d.reasons
        )
        if not found_any:
            contains = msg("casetest.reason_contains", text=rexp.contains) if rexp.contains else ""
            out.append(
                Failure(
                    "casetest.reason_absent",
                    suite.locate(*at, "reasons", j),
                    {"unit": unit, "reason": rexp.code, "contains": contains},
                )
            )
    codes = {r.code for r in d.reasons}
    for j, code in enumerate(exp.not_reasons):
        if code in codes:
            out.append(
                Failure("casetest.reason_present", suite.locate(*at, "not_reasons", j), {"unit": unit, "reason": code})
            )
    return out


def run_suite(
    suite: Suite,
    fail_under: float | None = None,
    results: Sequence[CaseResult] | None = None,
    engine: str = DEFAULT,
) -> SuiteResult:
    """Run every case of ``suite`` (or take ``results`` already run) and judge its coverage.

    ``fail_under`` (percent) replaces the file's own ``fail_under`` when given.
    """
    cases = list(results) if results is not None else [run_case(suite, i, engine) for i in range(len(suite.cases))]
    coverage = Coverage(coverage_items(suite))
    for c in cases:
        coverage.hits.update(c.hits)
    required = suite.model.fail_under if fail_under is None else fail_under
    out = SuiteResult(suite, cases, coverage, required)
    if not suite.cases:
        out.problems.append(Failure("casetest.empty_suite", suite.locate("cases")))
    elif coverage.percent < required:
        out.problems.append(
            Failure(
                "casetest.coverage_below",
                Location(file=suite.path),
                {"percent": format_number(coverage.percent), "required": format_number(required)},
            )
        )
    return out


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Test files in ``paths``: files as given, folders searched for ``*.test.yaml``;
    a criteria file stands for the test files beside it that name it."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*.test.yaml") if p.is_file()))
        elif path.name.endswith((".test.yaml", ".test.yml")) or not path.exists():
            out.append(path)
        else:
            out.extend(_tests_of(path))
    return list(dict.fromkeys(out))


def _tests_of(criteria_path: Path) -> list[Path]:
    """The test files beside ``criteria_path`` whose ``criteria:`` names it (or the file itself
    when it is a test file under another name)."""
    from .spec import read_file

    doc = read_file(criteria_path)
    if isinstance(doc.data, dict) and "cases" in doc.data:
        return [criteria_path]
    found: list[Path] = []
    target = criteria_path.resolve()
    for candidate in sorted(criteria_path.parent.glob("*.test.yaml")):
        try:
            data = read_file(candidate).data
        except EvaluatorError:
            continue
        if isinstance(data, dict) and isinstance(data.get("criteria"), str):
            if (candidate.parent / data["criteria"]).resolve() == target:
                found.append(candidate)
    return found


def run_paths(paths: Iterable[str | Path], fail_under: float | None = None) -> list[SuiteResult]:
    """Load and run every test file in ``paths``; raises the first invalid file's error."""
    return [run_suite(load_suite(p), fail_under) for p in discover(paths)]
