"""Criteria tests: YAML cases beside the criteria, run through the product's backend and the
oracle, with coverage of every rule, level band, veto and quota outcome.

- :mod:`.spec` — the test-file format (``criteria/*.test.yaml``) and :func:`load_suite`;
- :mod:`.run` — running cases and checking expectations;
- :mod:`.results` — a case's result (each failure an :class:`evaluator.errors.Problem`);
- :mod:`.coverage` — the coverage items of a test file and what a run hit;
- :mod:`.report` — the bilingual text and JSON reports;
- :mod:`.boundaries` — cases at, just below and just above every threshold.

The pytest plugin that collects test files as items is :mod:`evaluator.testing`.
"""

from .boundaries import generate_boundaries, write_boundaries
from .coverage import Coverage, CoverageItem, coverage_items
from .report import report_json, report_text, summary_ok
from .results import CaseResult
from .run import SuiteResult, discover, run_case, run_paths, run_suite
from .spec import Case, Suite, SuiteFile, UnitExpect, load_suite

__all__ = [
    "Case",
    "CaseResult",
    "Coverage",
    "CoverageItem",
    "Suite",
    "SuiteFile",
    "SuiteResult",
    "UnitExpect",
    "coverage_items",
    "discover",
    "generate_boundaries",
    "load_suite",
    "report_json",
    "report_text",
    "run_case",
    "run_paths",
    "run_suite",
    "summary_ok",
    "write_boundaries",
]
