"""Criteria tests (`evaluator test`): the file format, expectations, engine cross-check, coverage,
empty runs, the CLI and the pytest plugin."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import QD366, QD366_SCHEME
from evaluator import DefinitionError
from evaluator.casetests import discover, load_suite, report_json, report_text, run_case, run_paths, run_suite
from evaluator.cli import main
from evaluator.ir import Match

HEAD = f"""\
criteria: {QD366}
scheme: {QD366_SCHEME}
defaults:
  kind: ward
  parent: p
  year: 2025
  indicators:
    general_1: 5
    general_2: 5
    general_3: 5
    general_4: 5
    general_5: 5
    general_6: 5
    task_results: 50
    tasks_done_pct: 100
    plan_targets_done_pct: 100
    tasks_late_pct: 0
    tasks_exceeded_pct: 20
    shortcomings_remedied_pct: 100
    leaders_disciplined: 0
    subunits_disciplined: 0
    disunity_concluded: false
    degradation_concluded: false
    personnel_violation_concluded: false
    factionalism_concluded: false
    basic_targets_met: 5
    basic_targets_assigned: 5
"""


def suite_file(tmp_path: Path, cases: str, head: str = HEAD, name: str = "s.test.yaml") -> Path:
    path = tmp_path / name
    path.write_text(head + textwrap.dedent(cases), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return i
    raise AssertionError(needle)


GOOD_CASE = """\
cases:
  - name: a good unit
    scorecards:
      - {unit: a}
    expect:
      a: {status: rated, level: htt, score: 80, rank: 1, findings: {tasks_exceeded: fail}}
"""


# ---------------------------------------------------------------- expectations


def test_a_case_that_holds_passes(tmp_path: Path) -> None:
    result = run_case(load_suite(suite_file(tmp_path, GOOD_CASE)), 0)
    assert result.ok, [f.render("en") for f in result.failures]
    assert result.hits["c005__fail__0"] == 1 and result.hits["level:htt"] == 1


def test_every_wrong_expectation_is_reported_at_its_line(tmp_path: Path) -> None:
    path = suite_file(
        tmp_path,
        """\
        cases:
          - name: wrong on purpose
            scorecards:
              - {unit: a}
            expect:
              a:
                status: incomplete
                level: htxs
                score: 81
                rank: 2
                next_level: null
                missing: [task_results]
                findings: {tasks_exceeded: pass, general: {points: 29, rule: c000__missing__0}}
                reasons: [reason.veto, {code: reason.level, contains: "nowhere"}]
                not_reasons: [reason.score]
        """,
    )
    result = run_case(load_suite(path), 0)
    assert not result.ok
    by_field = {f.location.field: f for f in result.failures}
    assert set(by_field) == {
        "cases.0.expect.a.status",
        "cases.0.expect.a.level",
        "cases.0.expect.a.score",
        "cases.0.expect.a.rank",
        "cases.0.expect.a.next_level",
        "cases.0.expect.a.missing",
        "cases.0.expect.a.findings.tasks_exceeded",
        "cases.0.expect.a.findings.general",
        "cases.0.expect.a.reasons.0",
        "cases.0.expect.a.reasons.1",
        "cases.0.expect.a.not_reasons.0",
    }
    level = by_field["cases.0.expect.a.level"]
    assert level.location.line == line_of(path, "level: htxs")
    assert level.message("en") == "unit 'a': level is htt, expected htxs"
    assert level.message("vi") == "đơn vị «a»: mức là htt, cần htxs"
    general = [f for f in result.failures if f.location.field == "cases.0.expect.a.findings.general"]
    assert len(general) == 2  # the rule and the points
    assert "no reason reason.level containing 'nowhere'" in by_field["cases.0.expect.a.reasons.1"].message("en")
    assert by_field["cases.0.expect.a.not_reasons.0"].code == "casetest.reason_present"
    text = report_text([run_suite(load_suite(path), fail_under=0)], "en")
    assert f"{path}:{line_of(path, 'level: htxs')}" in text and "FAIL  wrong on purpose" in text


def test_defaults_merge_and_null_means_not_reported(tmp_path: Path) -> None:
    path = suite_file(
        tmp_path,
        """\
        cases:
          - name: merge
            scorecards:
              - {unit: a, indicators: {task_results: null}}
              - {unit: b, name: Phường B, indicators: {task_results: 55}}
            expect:
              a: {status: incomplete, missing: [task_results], level: null, rank: null, score: null}
              b: {status: rated, score: 85, rank: 1}
        """,
    )
    suite = load_suite(path)
    cards = suite.cards(0)
    assert cards[0].data["name"] == "a" and "task_results" in cards[0].data["indicators"]
    assert cards[1].data["name"] == "Phường B" and cards[1].data["indicators"]["general_1"] == 5
    assert run_case(suite, 0).ok


def test_unit_at_year_keys_tell_years_apart(tmp_path: Path) -> None:
    path = suite_file(
        tmp_path,
        """\
        cases:
          - name: two years
            scorecards:
              - {unit: a, year: 2025}
              - {unit: a, year: 2026, indicators: {disunity_concluded: true}}
            expect:
              a@2025: {level: htt}
              a@2026: {level: kht}
        """,
    )
    assert run_case(load_suite(path), 0).ok


def test_expected_errors(tmp_path: Path) -> None:
    path = suite_file(
        tmp_path,
        """\
        cases:
          - name: refused as expected
            scorecards: [{unit: a, kind: district}]
            expect_error: scorecard.kind
          - name: refused for another reason
            scorecards: [{unit: a, year: 2020}]
            expect_error: scorecard.kind
          - name: expected a refusal that does not come
            scorecards: [{unit: a}]
            expect_error: scorecard.kind
          - name: refused unexpectedly
            scorecards: [{unit: a, indicators: {tasks_done_pct: 120}}]
            expect: {a: {level: htt}}
        """,
    )
    suite = load_suite(path)
    results = [run_case(suite, i) for i in range(4)]
    assert results[0].ok
    assert [f.code for f in results[1].failures] == ["casetest.error_other"]
    assert results[1].failures[0].causes[0].code == "scorecard.year"
    assert "expected error 'scorecard.kind', got scorecard.year" in results[1].failures[0].render("en")
    assert [f.code for f in results[2].failures] == ["casetest.error_expected"]
    assert [f.code for f in results[3].failures] == ["casetest.refused"]
    assert "indicator.percent" in [p.code for p in results[3].failures[0].causes]


def test_options_and_overrides_reach_the_run(tmp_path: Path) -> None:
    path = suite_file(
        tmp_path,
        """\
        cases:
          - name: exceptional quota
            options: {exceptional_quota: true}
            scorecards:
              - {unit: a, indicators: {task_results: 65, tasks_exceeded_pct: 35}}
              - {unit: b, indicators: {task_results: 62, tasks_exceeded_pct: 35}}
              - {unit: c}
              - {unit: d}
              - {unit: e}
              - {unit: f}
              - {unit: g}
              - {unit: h}
            expect: {b: {level: htxs}}
          - name: override
            scorecards: [{unit: a, indicators: {basic_targets_met: 4}}]
            overrides:
              - {unit: a, lifts: [basic_targets_missed], ground: force_majeure, level: ht, decided_by: X,
                 decision: QĐ 1, reason: bão}
            expect: {a: {level: ht, reasons: [reason.override_lifted, reason.override]}}
        """,
    )
    suite = load_suite(path)
    assert run_case(suite, 0).ok and run_case(suite, 1).ok


# ---------------------------------------------------------------- the engine cross-check


def test_a_disagreement_between_durable_rules_and_the_reference_fails_the_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import evaluator.backends.reference as findings

    real = findings.reference_findings

    def wrong(items, values):  # the reference says tasks_exceeded passes whatever the value
        return [
            Match(m.criterion, "pass", 0) if items[m.criterion].id == "tasks_exceeded" else m
            for m in real(items, values)
        ]

    monkeypatch.setattr(findings, "reference_findings", wrong)
    result = run_case(load_suite(suite_file(tmp_path, GOOD_CASE)), 0)
    codes = {f.code for f in result.failures}
    assert codes == {"casetest.engine_mismatch"}
    text = "\n".join(f.render("en") for f in result.failures)
    assert "finding tasks_exceeded" in text and "durable_rules and the reference evaluator disagree" in text


# ---------------------------------------------------------------- coverage and empty runs


def test_coverage_counts_rules_levels_vetoes_and_quota(tmp_path: Path) -> None:
    outcome = run_suite(load_suite(suite_file(tmp_path, GOOD_CASE)))
    cov = outcome.coverage
    assert cov.covered("rule") == (15, 50)  # general, task_points and one branch of each of 13 conditions
    assert cov.covered("level") == (1, 4) and cov.covered("veto") == (0, 7) and cov.covered("quota") == (1, 7)
    assert not outcome.ok
    assert [p.code for p in outcome.problems] == ["casetest.coverage_below"]
    uncovered = {it.id for it in cov.uncovered()}
    assert {"c003__fail__0", "c000__missing__5", "level:htxs", "veto:disunity", "quota:demoted"} <= uncovered
    text = report_text([outcome], "en")
    assert "rule c003__fail__0 — 'tasks_on_time' not met: tasks_late_pct ≠ 0" in text
    assert "veto 'disunity' (no_disunity) never triggered" in text
    assert "coverage 25% is below the required 100%" in text  # 17 of 68 items
    assert "luật c003__fail__0 — «tasks_on_time» không đạt: tasks_late_pct ≠ 0" in report_text([outcome], "vi")


def test_fail_under_in_the_file_and_on_the_command_line(tmp_path: Path) -> None:
    path = suite_file(tmp_path, "fail_under: 25\n" + GOOD_CASE)
    assert run_suite(load_suite(path)).ok
    assert not run_suite(load_suite(path), fail_under=50).ok
    assert run_suite(load_suite(path), fail_under=0).ok


def test_a_file_without_cases_fails(tmp_path: Path) -> None:
    path = suite_file(tmp_path, "cases: []\n")
    outcome = run_suite(load_suite(path), fail_under=0)
    assert not outcome.ok and [p.code for p in outcome.problems] == ["casetest.empty_suite"]


def test_discover_folders_files_and_criteria_files(tmp_path: Path) -> None:
    here = Path(__file__).resolve().parent.parent
    shipped = here / "criteria" / "qd366-collective.test.yaml"
    assert shipped in discover([here / "criteria"])
    assert all(p.name.endswith(".test.yaml") for p in discover([here / "criteria"]))
    assert discover([here / "criteria" / "qd366-collective.yaml"]) == [shipped]
    assert discover([shipped]) == [shipped]
    assert discover([tmp_path]) == []
    assert [r.ok for r in run_paths([here / "criteria" / "qd366-collective.yaml"])] == [True]


# ---------------------------------------------------------------- invalid test files


@pytest.mark.parametrize(
    ("cases", "code", "needle", "suggestion"),
    [
        (
            "cases:\n  - name: x\n    scorecards: [{unit: a}]\n    expcet: {a: {level: htt}}\n",
            "key.unknown",
            "expcet",
            "expect",
        ),
        ("cases:\n  - name: x\n    scorecards: [{unit: a}]\n", "casetest.no_expect", "- name: x", None),
        (
            "cases:\n  - name: x\n    scorecards: [{unit: a}]\n    expect: {b: {level: htt}}\n",
            "casetest.unit_unknown",
            "expect",
            None,
        ),
        (
            "cases:\n  - name: x\n    scorecards: [{unit: a}]\n    expect: {a: {level: htx}}\n",
            "scheme.level_unknown",
            "expect",
            "htx",
        ),
        (
            "cases:\n  - name: x\n    scorecards: [{unit: a}]\n    expect:\n      a: {findings: {tasks_exceded: pass}}\n",
            "value.unknown_ref",
            "tasks_exceded",
            "tasks_exceeded",
        ),
        (
            "cases:\n  - name: x\n    scorecards: [{unit: a}]\n    expect:\n      a: {reasons: [reason.vetto]}\n",
            "casetest.code_unknown",
            "reason.vetto",
            "reason.veto",
        ),
        (
            "cases:\n  - name: x\n    scorecards: [{unit: a}]\n    expect:\n      a: {findings: {general: passed}}\n",
            "type.invalid",
            "passed",
            None,
        ),
        (
            "cases:\n  - name: x\n    scorecards: [{unit: a}]\n    overrides: [{unit: a, lifts: [disunity], ground: luck, "
            "decided_by: X, decision: Y, reason: Z}]\n    expect: {a: {level: htt}}\n",
            "override.ground",
            "ground: luck",
            None,
        ),
    ],
)
def test_invalid_test_files_are_refused_with_file_and_line(
    tmp_path: Path, cases: str, code: str, needle: str, suggestion: str | None
) -> None:
    path = suite_file(tmp_path, cases)
    with pytest.raises(DefinitionError) as err:
        load_suite(path)
    problems = err.value.problems
    assert [p.code for p in problems] == [code], err.value.render("en")
    assert problems[0].location.file == str(path)
    assert problems[0].location.line == line_of(path, needle)
    if suggestion == "htx":
        assert problems[0].suggestion == "htxs"
    elif suggestion is not None:
        assert problems[0].suggestion == suggestion


def test_quota_coverage_counts_each_outcome_of_a_peer_group(tmp_path: Path) -> None:
    excellent = "{task_results: 65, tasks_exceeded_pct: 35}"
    cases = f"""\
    cases:
      - name: one candidate, two places (the district that crashed)
        scorecards: [{{unit: x, indicators: {excellent}}}, {", ".join(f"{{unit: g{i}}}" for i in range(9))}]
        expect: {{x: {{level: htxs}}}}
      - name: two equal candidates for one place
        scorecards: [{{unit: x, indicators: {excellent}}}, {{unit: y, indicators: {excellent}}}, {{unit: g1}}, {{unit: g2}}, {{unit: g3}}]
        expect: {{x: {{level: htxs}}, y: {{level: htt, level_before_quota: htxs}}}}
    """
    outcome = run_suite(load_suite(suite_file(tmp_path, cases)))
    hits = outcome.coverage.hits
    assert (hits["quota:fewer"], hits["quota:more"], hits["quota:tie"]) == (1, 1, 1)
    assert (hits["quota:kept"], hits["quota:demoted"]) == (2, 1)
    uncovered = {it.id for it in outcome.coverage.uncovered() if it.kind == "quota"}
    assert uncovered == {"quota:no_candidate", "quota:exact"}
    text = report_text([outcome], "en")
    assert "no peer group without a candidate for the quota level" in text
    assert "no peer group with exactly as many candidates as places" in text


def test_a_test_file_naming_a_missing_criteria_file(tmp_path: Path) -> None:
    path = tmp_path / "x.test.yaml"
    path.write_text("criteria: nowhere.yaml\ncases: []\n", encoding="utf-8")
    with pytest.raises(DefinitionError) as err:
        load_suite(path)
    assert err.value.problems[0].code == "file.not_found"


# ---------------------------------------------------------------- command line


def test_cli_runs_the_shipped_tests_with_full_coverage() -> None:
    result = CliRunner().invoke(main, ["test", "criteria/", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Coverage: rules 50/50, levels 4/4, vetoes 7/7, quota 7/7 — 100% (required 100%)" in result.output
    assert re.search(r"cases: \d+ — (\d+) passed, 0 failed; files failing: 0", result.output)
    result = CliRunner().invoke(main, ["test", "criteria/qd366-collective.yaml", "--lang", "en"])
    assert "files: 1, cases: 46 — 46 passed, 0 failed" in result.output


def test_cli_exit_codes(tmp_path: Path) -> None:
    runner = CliRunner()
    failing = suite_file(tmp_path, GOOD_CASE.replace("level: htt", "level: ht"), name="f.test.yaml")
    result = runner.invoke(main, ["test", str(failing), "--fail-under", "0", "--lang", "en"])
    assert result.exit_code == 1 and "level is htt, expected ht" in result.output
    low = suite_file(tmp_path, GOOD_CASE, name="low.test.yaml")
    assert runner.invoke(main, ["test", str(low)]).exit_code == 1
    assert runner.invoke(main, ["test", str(low), "--fail-under", "25"]).exit_code == 0
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(main, ["test", str(empty), "--lang", "en"])
    assert result.exit_code == 1 and "no test files (*.test.yaml) found" in result.output
    broken = suite_file(tmp_path, "cases: [{name: x}]\n", name="broken.test.yaml")
    result = runner.invoke(main, ["test", str(broken)])
    assert result.exit_code == 3 and f"{broken}:" in result.stderr


def test_cli_json_report(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["test", "criteria/", "--format", "json", "--lang", "en"])
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["ok"] is True and data["problems"] == []
    (f,) = [f for f in data["files"] if f["path"].endswith("qd366-collective.test.yaml")]
    assert f["coverage"]["percent"] == 100 and f["coverage"]["required"] == 100
    assert f["coverage"]["by_kind"]["rule"] == {"covered": 50, "total": 50}
    assert all(c["ok"] for c in f["cases"]) and len(f["cases"]) == 46
    assert json.loads(report_json([], "en"))["ok"] is False


# ---------------------------------------------------------------- pytest plugin


def test_the_pytest_plugin_collects_cases_and_coverage(tmp_path: Path) -> None:
    suite_file(tmp_path, "fail_under: 0\n" + GOOD_CASE, name="good.test.yaml")
    suite_file(tmp_path, GOOD_CASE.replace("level: htt", "level: ht"), name="bad.test.yaml")
    suite_file(tmp_path, "cases: []\n", name="empty.test.yaml")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "evaluator.testing", "-p", "no:cacheprovider", "-q", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={"EVALUATOR_LANG": "en", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    assert "3 failed, 2 passed" in out  # good: case + coverage; bad: case + coverage; empty: coverage
    assert "FAILED bad.test.yaml::01 a good unit" in out
    assert "FAILED bad.test.yaml::coverage" in out
    assert "FAILED empty.test.yaml::coverage" in out
    assert "unit 'a': level is htt, expected ht" in out


def test_level_coverage_follows_a_band_set_by_a_province(tmp_path: Path) -> None:
    criteria = Path(__file__).resolve().parent / "fixtures" / "lint" / "band-params" / "criteria.yaml"
    path = tmp_path / "bands.test.yaml"
    path.write_text(
        textwrap.dedent(
            f"""\
            criteria: {criteria}
            fail_under: 0
            defaults:
              kind: commune
              year: 2025
              indicators: {{part_a: 50, part_b: 15, done_pct: 100, late_pct: 0, flagged: false, staff: 3}}
            cases:
              - name: 65 points is the top band in the south, not in the north
                scorecards:
                  - {{unit: s, region: south, peer_group: s}}
                  - {{unit: n, region: north, peer_group: n}}
                expect:
                  s: {{level_before_quota: top}}
                  n: {{level: fair}}
              - name: no band in the east yet
                scorecards: [{{unit: e, region: east, peer_group: e}}]
                expect_error: param.missing
            """
        ),
        encoding="utf-8",
    )
    outcome = run_suite(load_suite(path))
    assert outcome.ok, report_text([outcome], "en")
    assert outcome.coverage.hits["level:top"] == 1 and outcome.coverage.hits["level:fair"] == 1


def test_verbose_report_lists_every_case_and_the_hits_of_each_branch() -> None:
    outcome = run_suite(load_suite(Path(__file__).resolve().parent.parent / "criteria" / "qd366-collective.test.yaml"))
    text = report_text([outcome], "en", verbose=True)
    assert "PASS  A lone excellent unit" in text
    line = next(x for x in text.splitlines() if x.strip().startswith("shortcomings_remedied:"))
    assert "pass__0×" in line and "fail__0×1" in line and "missing__0×1" in line
    assert any(x.strip().startswith("veto: disunity×") for x in text.splitlines())
