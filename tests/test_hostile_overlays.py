"""Overlays cannot loosen a national threshold through a region or a year, nor name a region the base
does not declare."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import QD366, ROOT, make_card, raw
from evaluator import DefinitionError, check_scorecards, evaluate, load_criteria
from evaluator.load import bind_scheme
from hostile_support import line_of

NTM = ROOT / "criteria" / "ntm-2016-commune.yaml"
HEAD = "version: '1'\ntitle: {vi: Lớp bổ sung thử, en: Test overlay}\nreferences: [Quyết định thử của UBND tỉnh]\n"


def overlay(tmp_path: Path, base: Path, body: str, name: str = "overlay.yaml") -> Path:
    path = tmp_path / name
    path.write_text(f"overlay: {base}\nid: test-overlay\n{HEAD}{body}", encoding="utf-8")
    return path


def refused(path: Path):
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    assert len(err.value.problems) == 1, err.value.render("en")
    return err.value.problems[0]


def test_overlay_value_for_a_region_on_a_set_without_regions_is_refused(tmp_path: Path) -> None:
    # Regulation 366 declares no regions, so no scorecard's region is checked: a value 'for DBSCL'
    # loosened the national 30% for anyone writing 'region: DBSCL', unseen.
    body = "parameters:\n  tasks_exceeded_min_pct:\n    values: [{region: DBSCL, value: 5}]\n"
    path = overlay(tmp_path, QD366, body)
    p = refused(path)
    assert p.code == "param.region_undeclared"
    assert (p.location.file, p.location.line) == (str(path), line_of(path.read_text(), "DBSCL"))
    assert "DBSCL" in p.message("vi") and "declares no regions" in p.message("en")


def test_overlay_value_for_an_undeclared_region_is_refused(tmp_path: Path) -> None:
    body = "parameters:\n  employment_min_pct:\n    values: [{region: DBSCLL, value: 95}]\n"
    path = overlay(tmp_path, NTM, body)
    p = refused(path)
    assert (p.code, p.suggestion) == ("value.unknown_ref", "DBSCL")
    assert (p.location.file, p.location.line) == (str(path), line_of(path.read_text(), "DBSCLL"))


def test_overlay_loosening_through_a_region_value_needs_allow(tmp_path: Path) -> None:
    body = "parameters:\n  health_insurance_min_pct:\n    values: [{region: DBSCL, value: 80}]\n"
    p = refused(overlay(tmp_path, NTM, body))
    assert p.code == "overlay.loosen" and p.params["region"] == "DBSCL" and p.params["value"] == "80"
    allowed = overlay(
        tmp_path,
        NTM,
        body + "allow:\n  loosen: {health_insurance_min_pct: 'Quyết định thử cho phép vùng Đồng bằng sông Cửu Long'}\n",
        "allowed.yaml",
    )
    crit = load_criteria(allowed)
    assert crit.model.parameters["health_insurance_min_pct"].values[-1].region == "DBSCL"


def test_filling_a_regional_value_the_national_file_leaves_open_is_not_loosening(tmp_path: Path) -> None:
    # Employment: the national 90% stays in the file, each region's value is open; a province
    # filling its region (even below 90) sets what the national text leaves to it.
    body = "parameters:\n  employment_min_pct:\n    values: [{region: DBSCL, value: 80}]\n"
    crit = load_criteria(overlay(tmp_path, NTM, body))
    values = crit.model.parameters["employment_min_pct"].values
    assert [v.value for v in values if v.region == "DBSCL"] == [80]


def test_overlay_loosening_through_a_year_value_needs_allow(tmp_path: Path) -> None:
    # Regulation 366 has no end date; a value from 2045 used to fall after the years compared (2025–2040).
    body = "parameters:\n  tasks_exceeded_min_pct:\n    values: [{from_year: 2045, value: 10}]\n"
    path = overlay(tmp_path, QD366, body)
    p = refused(path)
    assert p.code == "overlay.loosen" and p.params["year"] == 2045
    assert (p.location.file, p.location.line) == (str(path), line_of(path.read_text(), "2045"))


def test_overlay_tightening_through_a_region_or_year_needs_nothing(tmp_path: Path) -> None:
    body = "parameters:\n  tasks_exceeded_min_pct:\n    values: [{from_year: 2045, value: 40}]\n"
    crit = load_criteria(overlay(tmp_path, QD366, body))
    scheme = bind_scheme(ROOT / "rules" / "qd366.yaml", crit)
    run = evaluate(crit, check_scorecards([raw(make_card("u", year=2046, tasks_exceeded_pct=35))], crit), scheme)
    assert run.result("u").finding("tasks_exceeded").status == "fail"  # 35 < 40 from 2045 on
