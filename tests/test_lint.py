"""`evaluator lint`: each finding on a broken fixture (tests/fixtures/lint/, lines marked
"# expect: CODE"), the shipped files clean, severities, exit codes, both languages."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import QD366
from evaluator import load_criteria
from evaluator.cli import main
from evaluator.lint import SEVERITY, lint_paths
from evaluator.lint.ranges import implies, interval
from evaluator.messages import CATALOGUE

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "lint"
MARK = re.compile(r"#\s*expect:\s*(lint\.[a-z_]+(?:\s*,\s*lint\.[a-z_]+)*)\s*$")


def marked(folder: Path) -> set[tuple[str, int, str]]:
    """(file name, line, code) of every '# expect: CODE[, CODE]' marker in the folder."""
    out: set[tuple[str, int, str]] = set()
    for path in sorted(folder.glob("*.yaml")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            m = MARK.search(line)
            if m:
                out.update((path.name, n, code.strip()) for code in m.group(1).split(","))
    return out


def found(folder: Path) -> set[tuple[str, int, str]]:
    report = lint_paths([folder])
    assert not report.errors, [e.render("en") for e in report.errors]
    return {(Path(f.location.file or "").name, f.location.line or 0, f.code) for f in report.findings}


@pytest.mark.parametrize(
    "name",
    [
        "clean",
        "bands",
        "unreachable",
        "score",
        "criteria-problems",
        "band-params",
        "veto-target",
        "sources",
        "refused",
        "points-bands",
    ],
)
def test_each_fixture_gives_exactly_its_marked_findings(name: str) -> None:
    folder = FIXTURES / name
    assert found(folder) == marked(folder)


def test_every_code_is_shown_on_a_fixture() -> None:
    shown = {code for name in FIXTURES.iterdir() for (_, _, code) in marked(name)}
    assert shown == set(SEVERITY)


def test_every_code_has_a_message_and_a_fix_in_both_languages() -> None:
    for code in SEVERITY:
        for key in (code, code + ".fix"):
            vi, en = CATALOGUE[key]
            assert vi and en and vi != en, key


def test_the_shipped_criteria_and_schemes_are_clean() -> None:
    report = lint_paths([ROOT / "criteria", ROOT / "rules"])
    assert report.errors == []
    # Nothing to fix; notes only say which values the national text leaves to provinces.
    assert [f for f in report.findings if f.severity != "info"] == [], report.render("en")
    assert {f.code for f in report.findings} <= {"lint.param_open"}
    assert not report.failed(strict=True)
    assert any(f.endswith("qd366-collective.yaml") for f in report.files)
    assert any(f.endswith("qd366.yaml") for f in report.files)


def test_a_finding_reads_in_both_languages_with_its_fix() -> None:
    report = lint_paths([FIXTURES / "criteria-problems"])
    (f,) = [f for f in report.findings if f.code == "lint.threshold_range"]
    assert f.severity == "error" and f.location.field == "criteria.2.condition"
    assert f.message("en") == (
        "criterion 'done_all': 'done_pct ≥ 120' compares with 120, outside the range [0, 100] of indicator 'done_pct'"
    )
    assert "ngoài khoảng [0, 100] của chỉ số «done_pct»" in f.message("vi")
    assert (f.fix_text("en") or "").startswith("put the threshold inside [0, 100]")
    text = f.render("en")
    assert text.startswith(f"{f.location.file}:{f.location.line}:") and "error [lint.threshold_range]" in text
    assert "→ fix: " in text and "→ cách sửa: " in f.render("vi")
    (open_,) = [f for f in report.findings if f.code == "lint.param_open"]
    assert open_.severity == "info" and "'done_min' is left open (null) for south, years 2025–…" in open_.message("en")
    (missing,) = [f for f in report.findings if f.code == "lint.param_missing" and "income_min" in f.message("en")]
    assert "no value for south, years 2025–…" in missing.message("en") and missing.severity == "warning"


def test_implication_between_conditions_on_one_indicator() -> None:
    crit = load_criteria(QD366)
    on_time, within = crit.item("tasks_on_time"), crit.item("tasks_late_within")
    all_done, floor = crit.item("tasks_all_done"), crit.item("tasks_done_floor")
    exceeded = crit.item("tasks_exceeded")
    assert implies(on_time, within, crit) and not implies(within, on_time, crit)
    assert not implies(exceeded, crit.item("shortcomings_remedied"), crit)
    assert not implies(on_time, all_done, crit)  # different indicators: not decided, so no
    # the 70% veto reads the plan targets, not the collective's own tasks: no implication either way
    assert not implies(all_done, floor, crit) and not implies(floor, all_done, crit)


def test_interval_of_points_formulas() -> None:
    crit = load_criteria(QD366)
    assert interval(crit.item("general").node, crit) == (0, 30)
    assert interval(crit.item("task_points").node, crit) == (0, 70)


# ---------------------------------------------------------------- command line


def test_cli_clean_on_the_shipped_files() -> None:
    result = CliRunner().invoke(main, ["lint", "criteria/", "rules/", "--strict", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert re.search(r"files: \d+ — nothing to fix", result.output)


def test_cli_errors_exit_1_and_warnings_only_with_strict(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["lint", str(FIXTURES / "bands"), "--lang", "en"])
    assert result.exit_code == 1
    assert "scheme.yaml:13:16" in result.output and "[lint.band_overlap]" in result.output
    assert "errors: 1, warnings: 2, notes: 0" in result.output
    # Only a warning: a level without its reference.
    for name in ("criteria.yaml", "scheme.yaml"):
        shutil.copy(FIXTURES / "clean" / name, tmp_path / name)
    scheme = tmp_path / "scheme.yaml"
    scheme.write_text(scheme.read_text(encoding="utf-8").replace("    reference: Văn bản mẫu, điều 5\n", "", 1))
    result = runner.invoke(main, ["lint", str(tmp_path), "--lang", "en"])
    assert result.exit_code == 0 and "warning [lint.reference_missing] level 'top'" in result.output
    assert runner.invoke(main, ["lint", str(tmp_path), "--strict"]).exit_code == 1


def test_cli_json(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["lint", str(FIXTURES / "score"), "--format", "json", "--lang", "en"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["errors"] == 1 and data["warnings"] == 0 and data["notes"] == 0 and data["invalid"] == []
    (f,) = data["findings"]
    assert f["code"] == "lint.score_unreachable" and f["severity"] == "error"
    assert f["location"]["line"] == 8 and f["location"]["field"] == "levels.0.min_score"
    assert "100 (points_a 50 + points_b 50)" in f["message"] and f["fix"]


def test_cli_a_file_that_does_not_load_exits_3(tmp_path: Path) -> None:
    bad = tmp_path / "criteria.yaml"
    bad.write_text(
        (FIXTURES / "clean" / "criteria.yaml")
        .read_text(encoding="utf-8")
        .replace("done_pct >= done_min", "done_pct >>"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["lint", str(bad), "--lang", "en"])
    assert result.exit_code == 3
    assert f"{bad}:" in result.output and "syntax error" in result.output
    result = CliRunner().invoke(main, ["lint", str(tmp_path / "nowhere.yaml")])
    assert result.exit_code == 3


def test_a_band_set_by_a_province_is_checked_per_region() -> None:
    report = lint_paths([FIXTURES / "band-params"])
    (overlap,) = [f for f in report.findings if f.code == "lint.band_overlap"]
    assert "needs only 60 (south, 2025)" in overlap.message("en")
    assert "(south, 2025)" in overlap.message("vi")


def test_a_provincial_overlay_is_linted_as_merged(tmp_path: Path) -> None:
    for name in ("criteria.yaml", "scheme.yaml"):
        shutil.copy(FIXTURES / "band-params" / name, tmp_path / name)
    overlay = tmp_path / "east.yaml"
    overlay.write_text(
        "overlay: criteria.yaml\nid: lint-sample-east\nversion: '1'\n"
        "title: {vi: Bổ sung tỉnh phía đông, en: Eastern overlay}\nprovince: east\n"
        "parameters:\n  top_band:\n    values:\n      - {region: east, value: 85, reference: QĐ tỉnh số 1}\n",
        encoding="utf-8",
    )
    alone = lint_paths([overlay, tmp_path / "scheme.yaml"])
    assert alone.errors == [] and str(overlay) in alone.files
    # The province filled its band: nothing missing once the overlay applies.
    assert [f.code for f in alone.findings] == ["lint.band_overlap"]
    # An overlay that leaves the value open: now the province itself has something to fix.
    unfilled = tmp_path / "other.yaml"
    unfilled.write_text(
        "overlay: criteria.yaml\nid: lint-sample-other\nversion: '1'\n"
        "title: {vi: Bổ sung khác, en: Other overlay}\nprovince: south\n",
        encoding="utf-8",
    )
    (gap,) = [f for f in lint_paths([unfilled]).findings if f.code != "lint.band_overlap"]
    assert gap.code == "lint.param_missing" and gap.severity == "warning"
    assert "'top_band' has no value for east" in gap.message("en")
    unfilled.unlink()
    both = lint_paths([tmp_path])
    open_ = [f for f in both.findings if f.code in ("lint.param_open", "lint.param_missing")]
    assert [(f.code, Path(f.location.file or "").name) for f in open_] == [("lint.param_open", "criteria.yaml")]


def test_missing_years_read_as_spans() -> None:
    from evaluator.lint.criteria import _spans

    assert _spans([2016, 2019], [2016, 2019, 2020], 2020) == "2016–2019"
    assert _spans([2016, 2020], [2016, 2019, 2020], 2020) == "2016–2018, 2020"
    assert _spans([2025], [2025], None) == "2025–…"
