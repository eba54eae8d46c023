"""The criteria tests shipped beside the criteria (criteria/*.test.yaml), one pytest item per
case plus one per file for its coverage — so `pytest -q` runs them, as `evaluator test criteria/` does."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluator.casetests import CaseResult, Suite, discover, load_suite, report_text, run_case, run_suite

ROOT = Path(__file__).resolve().parent.parent
FILES = discover([ROOT / "criteria"])
_SUITES: dict[Path, Suite] = {}
_RESULTS: dict[tuple[Path, int], CaseResult] = {}


def suite(path: Path) -> Suite:
    if path not in _SUITES:
        _SUITES[path] = load_suite(path)
    return _SUITES[path]


def _cases() -> list[pytest.param]:
    out = []
    for path in FILES:
        for i in range(len(suite(path).cases)):
            out.append(pytest.param(path, i, id=f"{path.name}:{i + 1:02d}"))
    return out


def test_shipped_test_files_are_found() -> None:
    assert ROOT / "criteria" / "qd366-collective.test.yaml" in FILES


@pytest.mark.parametrize(("path", "index"), _cases())
def test_case(path: Path, index: int) -> None:
    result = run_case(suite(path), index)
    _RESULTS[(path, index)] = result
    assert result.ok, "\n".join(f.render("en") for f in result.failures)


@pytest.mark.parametrize(("path", "index"), _cases())
def test_case_on_the_columnar_engine(path: Path, index: int) -> None:
    """The same cases through the columnar engine (cross-checked against the reference as well)."""
    result = run_case(suite(path), index, engine="columnar")
    assert result.ok, "\n".join(f.render("en") for f in result.failures)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_coverage(path: Path) -> None:
    s = suite(path)
    results = [_RESULTS.get((path, i)) or run_case(s, i) for i in range(len(s.cases))]
    outcome = run_suite(s, results=results)
    assert outcome.cases, f"{path}: no cases"
    assert not outcome.problems, report_text([outcome], "en")


def test_shipped_qd366_is_fully_covered() -> None:
    outcome = run_suite(load_suite(ROOT / "criteria" / "qd366-collective.test.yaml"))
    assert outcome.ok, report_text([outcome], "en")
    assert outcome.coverage.percent == 100
    assert outcome.coverage.covered("rule") == (50, 50)
    assert outcome.coverage.covered("level") == (4, 4)
    assert outcome.coverage.covered("veto") == (7, 7)
    assert outcome.coverage.covered("quota") == (7, 7)
