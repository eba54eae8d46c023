"""Golden reports: what ``evaluator lint`` and ``evaluator test`` print, held byte for byte.

``tests/golden_outputs/lint/`` holds the lint report (JSON and text, Vietnamese and English) of the
shipped criteria and schemes and of every broken fixture in ``tests/fixtures/lint/``, so every kind
of finding is read; ``tests/golden_outputs/test/`` holds the criteria-test report of the shipped
tests and of ``tests/fixtures/reports/failing-cases.yaml``, whose cases fail on purpose in every way
a case can fail (a wrong field, a unit absent, a refusal expected, not come, or of another kind,
with the refusal's own problems beneath it) and whose coverage is short. The files were written
before the errors, the lint findings and the test failures became one problem record, to prove that
change left every report as it was. They are compared, and regenerated, as the golden outputs of
``tests/test_golden_outputs.py`` are (``UPDATE_GOLDEN_OUTPUTS=1``, then read ``git diff``).
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from evaluator.cli import main
from test_golden_outputs import GOLDEN, ROOT, _compare, _relative

LINT_FIXTURES = ROOT / "tests" / "fixtures" / "lint"
FAILING = ROOT / "tests" / "fixtures" / "reports" / "failing-cases.yaml"

LANGS = ("vi", "en")
# (name, the files linted): the shipped files, then each broken fixture.
LINTS = [("shipped", (str(ROOT / "criteria"), str(ROOT / "rules")))] + [
    (d.name, tuple(str(f) for f in sorted(d.iterdir()) if f.suffix == ".yaml"))
    for d in sorted(LINT_FIXTURES.iterdir())
    if d.is_dir()
]


def _run(args: list[str]) -> bytes:
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output  # 1: findings or failures, which is what is shown
    return _relative(result.stdout_bytes)  # paths relative to the repository, as in the golden files


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ("json", "text"))
@pytest.mark.parametrize(("name", "files"), LINTS, ids=[n for n, _ in LINTS])
def test_lint(name: str, files: tuple[str, ...], fmt: str, lang: str) -> None:
    data = _run(["lint", *files, "--format", fmt, "--lang", lang])
    _compare(f"lint/{name}.{lang}.{'json' if fmt == 'json' else 'txt'}", data)


def test_a_lint_fixture_gives_findings() -> None:
    """The fixtures are read for their findings: a report with none would prove nothing."""
    assert b'"findings": []' not in (GOLDEN / "lint" / "bands.en.json").read_bytes()


@pytest.mark.parametrize("lang", LANGS)
def test_the_shipped_criteria_tests(lang: str) -> None:
    _compare(f"test/shipped.{lang}.json", _run(["test", str(ROOT / "criteria"), "--format", "json", "--lang", lang]))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", ("json", "text"))
def test_failing_criteria_tests(fmt: str, lang: str) -> None:
    data = _run(["test", str(FAILING), "--format", fmt, "--lang", lang])
    _compare(f"test/failing.{lang}.{'json' if fmt == 'json' else 'txt'}", data)
