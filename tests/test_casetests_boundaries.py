"""`evaluator test --generate-boundaries`: cases at, just below and just above every threshold,
per region and year, expected results from the reference evaluator, checked against durable_rules."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from conftest import QD366
from evaluator import load_criteria
from evaluator.casetests import load_suite, report_text, run_suite, write_boundaries
from evaluator.casetests.boundaries import baseline, points_around, thresholds
from evaluator.cli import main

REGIONAL = Path(__file__).resolve().parent / "fixtures" / "casetests" / "regional.yaml"


def cases_by_name(path: Path) -> dict[str, dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {c["name"]: c for c in data["cases"]}


def values_of(case: dict, indicator: str) -> dict[str, float]:
    return {card["unit"]: card["indicators"][indicator] for card in case["scorecards"]}


def test_thresholds_of_qd366() -> None:
    found, skipped = thresholds(load_criteria(QD366))
    # met against assigned compares two indicators: no threshold; with assigned left out, 5 is one
    assert [(s.criterion, s.detail) for s in skipped] == [
        ("basic_targets", "basic_targets_met ≥ basic_targets_assigned")
    ]
    got = {(t.criterion, t.indicator, t.text()) for t in found}
    assert got == {
        ("tasks_all_done", "tasks_done_pct", "tasks_done_pct ≥ tasks_done_full_pct"),
        ("tasks_on_time", "tasks_late_pct", "tasks_late_pct = 0"),
        ("tasks_late_within", "tasks_late_pct", "tasks_late_pct ≤ tasks_late_max_pct"),
        ("tasks_exceeded", "tasks_exceeded_pct", "tasks_exceeded_pct ≥ tasks_exceeded_min_pct"),
        ("no_leader_disciplined", "leaders_disciplined", "leaders_disciplined = 0"),
        ("no_subunit_disciplined", "subunits_disciplined", "subunits_disciplined = 0"),
        ("shortcomings_remedied", "shortcomings_remedied_pct", "shortcomings_remedied_pct ≥ 100"),
        ("tasks_done_floor", "plan_targets_done_pct", "plan_targets_done_pct ≥ tasks_done_veto_pct"),
        ("basic_targets", "basic_targets_met", "basic_targets_met ≥ basic_targets_required"),
    }


def test_points_around_a_threshold() -> None:
    crit = load_criteria(QD366).model.indicators
    assert points_around(crit["tasks_exceeded_pct"], 30, None) == [("below", 29.9), ("at", 30), ("above", 30.1)]
    assert points_around(crit["tasks_done_pct"], 100, None) == [("below", 99.9), ("at", 100)]  # 100.1 is no percent
    assert points_around(crit["tasks_late_pct"], 0, 0.5) == [("at", 0), ("above", 0.5)]
    assert points_around(crit["basic_targets_met"], 5, 0.5) == [("below", 4), ("at", 5)]  # counts step by 1, max 5
    assert points_around(crit["leaders_disciplined"], 2.5, None) == [("below", 2), ("above", 3)]
    assert points_around(crit["general_1"], 4.5, None) == [("below", 3.5), ("at", 4.5)]  # points step 1, max 5


def test_baseline_passes_every_condition_it_can() -> None:
    crit = load_criteria(QD366)
    base = baseline(crit, None, 2025)
    assert base["tasks_late_pct"] == 0 and base["leaders_disciplined"] == 0 and base["disunity_concluded"] is False
    assert base["tasks_exceeded_pct"] >= 30 and base["basic_targets_met"] == 5 and base["general_1"] == 5


def test_generated_qd366_boundaries_pass_on_durable_rules(tmp_path: Path) -> None:
    out = tmp_path / "qd366.boundaries.test.yaml"
    path, gen = write_boundaries(QD366, out)
    assert path == out and gen.thresholds == 9 and gen.cases == 9
    assert [s.detail for s in gen.skipped] == ["basic_targets_met ≥ basic_targets_assigned"]  # two indicators
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Boundary cases for qd366-collective.yaml")
    cases = cases_by_name(out)
    done = cases["tasks_all_done: tasks_done_pct ≥ 100 (tasks_done_full_pct = 100, 2025)"]
    assert values_of(done, "tasks_done_pct") == {"below": 99.9, "at": 100}
    assert done["expect"]["below"]["findings"] == {"tasks_all_done": "fail"}  # the veto reads the plan targets
    assert done["expect"]["below"]["level"] == "kht"
    floor = cases["tasks_done_floor: plan_targets_done_pct ≥ 70 (tasks_done_veto_pct = 70, 2025)"]
    assert values_of(floor, "plan_targets_done_pct") == {"below": 69.9, "at": 70, "above": 70.1}
    assert floor["expect"]["below"]["findings"]["tasks_done_floor"] == "fail"
    late = cases["tasks_late_within: tasks_late_pct ≤ 20 (tasks_late_max_pct = 20, 2025)"]
    assert {u: e["findings"]["tasks_late_within"] for u, e in late["expect"].items()} == {
        "below": "pass",
        "at": "pass",
        "above": "fail",
    }
    targets = cases["basic_targets: basic_targets_met ≥ 5 (basic_targets_required = 5, 2025)"]
    assert values_of(targets, "basic_targets_met") == {"below": 4, "at": 5}
    # Each unit stands alone in its peer group, so no quota couples the three.
    assert {c["peer_group"] for c in late["scorecards"]} == {"below", "at", "above"}
    outcome = run_suite(load_suite(out))
    assert outcome.ok, report_text([outcome], "en")
    assert outcome.required == 0 and outcome.coverage.covered("rule")[0] >= 20


def test_thresholds_per_region_and_year() -> None:
    found, skipped = thresholds(load_criteria(REGIONAL))
    assert {t.criterion for t in found} == {"income_met", "insured", "few_poor"}
    assert [(s.criterion, s.why) for s in skipped] == [("balanced", "casetest.why.not_threshold")]


def test_regional_boundaries(tmp_path: Path) -> None:
    out = tmp_path / "regional.boundaries.test.yaml"
    _, gen = write_boundaries(REGIONAL, out)
    names = set(cases_by_name(out))
    assert names == {
        "income_met: income ≥ 36 (income_min = 36, TDMNPB, 2016)",
        "income_met: income ≥ 50 (income_min = 50, DBSH, 2016)",
        "insured: insured_pct ≥ 80 (insured_min = 80, TDMNPB, 2016)",
        "insured: insured_pct ≥ 85 (insured_min = 85, TDMNPB, 2019)",
        "few_poor: poor_households < 12.5 (TDMNPB, 2016)",
    }
    # The Mekong delta has no income threshold yet: no case, and it is said.
    assert ("income_met", "casetest.why.param_missing") in [(s.criterion, s.why) for s in gen.skipped]
    cases = cases_by_name(out)
    dbsh = cases["income_met: income ≥ 50 (income_min = 50, DBSH, 2016)"]
    assert {c["region"] for c in dbsh["scorecards"]} == {"DBSH"}
    assert values_of(dbsh, "income") == {"below": 49.9, "at": 50, "above": 50.1}
    assert {u: e["level"] for u, e in dbsh["expect"].items()} == {"below": "not_met", "at": "met", "above": "met"}
    later = cases["insured: insured_pct ≥ 85 (insured_min = 85, TDMNPB, 2019)"]
    assert {c["year"] for c in later["scorecards"]} == {2019}
    poor = cases["few_poor: poor_households < 12.5 (TDMNPB, 2016)"]
    assert values_of(poor, "poor_households") == {"below": 12, "above": 13}
    outcome = run_suite(load_suite(out))
    assert outcome.ok, report_text([outcome], "en")


def test_a_generated_expectation_is_really_checked(tmp_path: Path) -> None:
    out = tmp_path / "b.test.yaml"
    write_boundaries(REGIONAL, out)
    text = out.read_text(encoding="utf-8")
    assert "findings: {income_met: fail" in text
    out.write_text(text.replace("findings: {income_met: fail", "findings: {income_met: pass", 1), encoding="utf-8")
    outcome = run_suite(load_suite(out))
    assert not outcome.ok
    (failed,) = [c for c in outcome.cases if not c.ok]
    assert "finding of 'income_met' is fail, expected pass" in failed.failures[0].message("en")


def test_epsilon_and_base(tmp_path: Path) -> None:
    base = tmp_path / "base.yaml"
    base.write_text(
        "unit: x\nname: X\nkind: commune\nregion: DBSH\nyear: 2017\n"
        "indicators: {income: 70, insured_pct: 95, poor_households: 3, road_done: true}\n",
        encoding="utf-8",
    )
    out = tmp_path / "b.test.yaml"
    write_boundaries(REGIONAL, out, epsilon=0.5, base=base)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["defaults"]["region"] == "DBSH" and data["defaults"]["year"] == 2017
    assert data["defaults"]["indicators"]["income"] == 70
    cases = {c["name"]: c for c in data["cases"]}
    dbsh = cases["income_met: income ≥ 50 (income_min = 50, DBSH, 2017)"]
    assert values_of(dbsh, "income") == {"below": 49.5, "at": 50, "above": 50.5}
    assert run_suite(load_suite(out)).ok


def test_cli_generates_then_runs(tmp_path: Path) -> None:
    out = tmp_path / "gen.test.yaml"
    result = CliRunner().invoke(main, ["test", "--generate-boundaries", str(REGIONAL), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert f"Wrote the boundary cases to {out} (cases: 5; thresholds: 3)" in result.output
    assert "Skipped 'balanced': income - insured_pct ≥ 0 — not a comparison of one indicator with a threshold" in (
        result.stderr
    )
    assert "parameter income_min has no value for region DBSCL, year 2016" in result.stderr
    assert "cases: 5 — 5 passed, 0 failed" in result.output
    # The default output sits beside the criteria.
    crit = tmp_path / "regional.yaml"
    crit.write_text(REGIONAL.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "regional-scheme.yaml").write_text(
        (REGIONAL.parent / "regional-scheme.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["test", "--generate-boundaries", str(crit)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "regional.boundaries.test.yaml").is_file()


@pytest.mark.parametrize("flag", [["--epsilon", "0"], ["--epsilon", "-1"]])
def test_cli_refuses_a_bad_epsilon(flag: list[str]) -> None:
    result = CliRunner().invoke(main, ["test", "--generate-boundaries", str(REGIONAL), *flag])
    assert result.exit_code == 2


def test_cases_start_where_units_can_be_rated(tmp_path: Path) -> None:
    # Coverage thresholds before 2019 are left open: no unit can be rated then, so the cases
    # start in 2019 and the open years are listed as skipped, naming what must be filled.
    crit = tmp_path / "regional.yaml"
    text = REGIONAL.read_text(encoding="utf-8").replace("{value: 80, to_year: 2018}", "{value: null, to_year: 2018}")
    crit.write_text(text, encoding="utf-8")
    shutil.copy(REGIONAL.parent / "regional-scheme.yaml", tmp_path / "regional-scheme.yaml")
    out = tmp_path / "b.test.yaml"
    _, gen = write_boundaries(crit, out)
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["defaults"]["year"] == 2019
    assert all(card.get("year", 2019) == 2019 for case in data["cases"] for card in case["scorecards"])
    open_years = {(s.criterion, s.params["name"], s.params["year"]) for s in gen.skipped if s.params}
    assert ("insured", "insured_min", 2018) in open_years and ("income_met", "income_min", 2019) in open_years
    assert run_suite(load_suite(out)).ok
