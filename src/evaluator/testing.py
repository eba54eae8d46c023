"""A pytest plugin: every ``*.test.yaml`` criteria-test file becomes pytest items.

Each case is one item; a last item per file checks its coverage (every rule, level
band, veto and quota outcome, to the file's ``fail_under``). Enable it with::

    # conftest.py at the repository root
    pytest_plugins = ["evaluator.testing"]

or ``pytest -p evaluator.testing criteria/``. Messages are in the language of
``EVALUATOR_LANG`` (``en`` unless set). Outside pytest, ``evaluator test`` runs the
same files (:mod:`evaluator.casetests`).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .casetests import CaseResult, Suite, load_suite, report_text, run_case, run_suite
from .errors import EvaluatorError
from .messages import Lang

__all__ = ["CriteriaCase", "CriteriaCoverage", "CriteriaTestFile", "pytest_collect_file"]

SUFFIXES = (".test.yaml", ".test.yml")


def _lang() -> Lang:
    return "vi" if os.environ.get("EVALUATOR_LANG") == "vi" else "en"


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    """Collect criteria-test files (``*.test.yaml``)."""
    if file_path.name.endswith(SUFFIXES):
        return CriteriaTestFile.from_parent(parent, path=file_path)
    return None


class CaseFailed(Exception):
    """A case (or a file's coverage) did not hold; the text says where and why."""


class CriteriaTestFile(pytest.File):
    """One criteria-test file: its cases, then its coverage."""

    suite: Suite
    results: dict[int, CaseResult]

    def collect(self) -> Iterator[pytest.Item]:
        self.suite = load_suite(self.path)
        self.results = {}
        for i, case in enumerate(self.suite.cases):
            yield CriteriaCase.from_parent(self, name=f"{i + 1:02d} {case.name}".replace("::", ":"), index=i)
        yield CriteriaCoverage.from_parent(self, name="coverage")

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, EvaluatorError):
            return excinfo.value.render(_lang())
        return super().repr_failure(excinfo)


class _Item(pytest.Item):
    parent: CriteriaTestFile

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> Any:
        if isinstance(excinfo.value, (CaseFailed, EvaluatorError)):
            value = excinfo.value
            return value.render(_lang()) if isinstance(value, EvaluatorError) else str(value)
        return super().repr_failure(excinfo)


class CriteriaCase(_Item):
    """One case of a criteria-test file."""

    def __init__(self, *, index: int, **kwargs: Any):
        super().__init__(**kwargs)
        self.index = index

    def runtest(self) -> None:
        result = run_case(self.parent.suite, self.index)
        self.parent.results[self.index] = result
        if not result.ok:
            lines = [f"case '{result.name}'"] + [f.render(_lang()) for f in result.failures]
            raise CaseFailed("\n".join(lines))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        line = self.parent.suite.case_location(self.index).line
        return self.path, None if line is None else line - 1, f"criteria case: {self.name}"


class CriteriaCoverage(_Item):
    """The coverage of a criteria-test file, judged against its ``fail_under``."""

    def runtest(self) -> None:
        suite = self.parent.suite
        done = self.parent.results
        results = [done[i] if i in done else run_case(suite, i) for i in range(len(suite.cases))]
        outcome = run_suite(suite, results=results)
        if not outcome.ok and outcome.problems:
            raise CaseFailed(report_text([outcome], _lang()))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return self.path, 0, "criteria coverage"
