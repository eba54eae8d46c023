"""Running criteria tests: each case through the product's backend *and* the oracle (the
registry's :data:`~evaluator.backends.DEFAULT` and :data:`~evaluator.backends.ORACLE`), the
expectations checked, the coverage (:mod:`.coverage`) counted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import backends
from ..api import evaluate
from ..backends import DEFAULT, ORACLE
from ..decision import Decision, Run, show_value
from ..errors import EvaluatorError, Location, Problem
from ..messages import Lang
from ..scorecards import check_scorecards
from ..text import Phrase, bi, format_number
from .coverage import Coverage, coverage_items, hits_of
from .results import CaseResult
from .spec import Suite, UnitExpect, load_suite

__all__ = ["SuiteResult", "discover", "run_case", "run_paths", "run_suite"]

SCORE_TOLERANCE = 1e-6


@dataclass
class SuiteResult:
    suite: Suite
    cases: list[CaseResult]
    coverage: Coverage
    required: float
    problems: list[Problem] = field(default_factory=list)  # failures of the file as a whole

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


def _compare_engines(ours: Run, oracle: Run, where: Location, engine: str = DEFAULT) -> list[Problem]:
    """Every difference between the run of ``engine`` and the oracle's, each naming both (the registry's titles)."""
    out: list[Problem] = []
    a, b = _decisions(ours), _decisions(oracle)
    names = {"backend": backends.title(engine), "oracle": backends.title(ORACLE)}
    for key in sorted(set(a) | set(b)):
        unit = f"{key[0]}@{key[1]}"
        if key not in a or key not in b:
            what = bi("casetest.what.present")
            out.append(
                Problem(
                    "casetest.engine_mismatch",
                    where,
                    {**names, "unit": unit, "what": what, "found": _show(key in a), "expected": _show(key in b)},
                )
            )
            continue
        sa, sb = _signature(a[key]), _signature(b[key])
        for name in sa:
            if sa[name] != sb.get(name):
                out.append(
                    Problem(
                        "casetest.engine_mismatch",
                        where,
                        {
                            **names,
                            "unit": unit,
                            "what": name,
                            "found": _show(sa[name]),
                            "expected": _show(sb.get(name)),
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
            result.failures.append(
                Problem("casetest.refused", loc, {"count": len(exc.problems)}, causes=tuple(exc.problems))
            )
        elif expected not in codes:
            found = ", ".join(dict.fromkeys(codes))
            result.failures.append(
                Problem("casetest.error_other", loc, {"expected": expected, "found": found}, causes=tuple(exc.problems))
            )
        return result
    if case.expect_error is not None:
        loc = suite.locate("cases", index, "expect_error")
        result.failures.append(Problem("casetest.error_expected", loc, {"expected": case.expect_error}))
    result.failures.extend(_compare_engines(run, reference, where, engine))
    result.hits = hits_of(run, suite)
    by_key: dict[str, Decision] = {}
    for d in run.results:
        by_key.setdefault(d.unit, d)
        by_key[f"{d.unit}@{d.year}"] = d
    for unit, exp in case.expect.items():
        at = ("cases", index, "expect", unit)
        decision = by_key.get(unit)
        if decision is None:
            result.failures.append(Problem("casetest.unit_absent", suite.locate(*at), {"unit": unit}))
            continue
        result.failures.extend(check_unit(suite, at, unit, exp, decision))
    return result


def check_unit(suite: Suite, at: tuple[Any, ...], unit: str, exp: UnitExpect, d: Decision) -> list[Problem]:
    """Every difference between what ``exp`` states and decision ``d``."""
    out: list[Problem] = []

    def differs(key: str, what: Phrase, found: Any, expected: Any) -> None:
        out.append(
            Problem(
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
            differs(name, bi(f"casetest.what.{name}"), found, getattr(exp, name))
    if exp.given("score"):
        want = exp.score
        if (want is None) != (d.score is None) or (
            want is not None and d.score is not None and abs(want - d.score) > SCORE_TOLERANCE
        ):
            differs("score", bi("casetest.what.score"), d.score, want)
    if exp.missing is not None and sorted(exp.missing) != sorted(d.missing):
        differs("missing", bi("casetest.what.missing"), sorted(d.missing), sorted(exp.missing))
    for cid, fexp in exp.findings.items():
        f = d.finding(cid)
        key = f"findings/{cid}"
        if fexp.status is not None and fexp.status != f.status:
            differs(key, bi("casetest.what.finding", criterion=cid), f.status, fexp.status)
        if fexp.rule is not None and fexp.rule != f.rule:
            differs(key, bi("casetest.what.rule", criterion=cid), f.rule, fexp.rule)
        if fexp.by_absence is not None and fexp.by_absence != f.by_absence:
            differs(key, bi("casetest.what.by_absence", criterion=cid), f.by_absence, fexp.by_absence)
        if fexp.points is not None and (f.points is None or abs(f.points - fexp.points) > SCORE_TOLERANCE):
            differs(key, bi("casetest.what.points", criterion=cid), f.points, fexp.points)
    for j, rexp in enumerate(exp.reasons):
        found_any = any(
            r.code == rexp.code
            and (rexp.contains is None or rexp.contains in r.text("vi") or rexp.contains in r.text("en"))
            for r in d.reasons
        )
        if not found_any:
            contains = bi("casetest.reason_contains", text=rexp.contains) if rexp.contains else ""
            out.append(
                Problem(
                    "casetest.reason_absent",
                    suite.locate(*at, "reasons", j),
                    {"unit": unit, "reason": rexp.code, "contains": contains},
                )
            )
    codes = {r.code for r in d.reasons}
    for j, code in enumerate(exp.not_reasons):
        if code in codes:
            out.append(
                Problem("casetest.reason_present", suite.locate(*at, "not_reasons", j), {"unit": unit, "reason": code})
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
        out.problems.append(Problem("casetest.empty_suite", suite.locate("cases")))
    elif coverage.percent < required:
        out.problems.append(
            Problem(
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
