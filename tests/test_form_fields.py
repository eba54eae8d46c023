"""The criteria language that the Regulation 366 form needs: a value assumed when an optional
indicator is left out (said in the finding and the reasons, never a silent default), an
indicator that may not exceed another, and an indicator range given by a parameter. Each
wrong use is refused with file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import QD366, make_card
from evaluator import DefinitionError, ScorecardError, load_criteria
from evaluator.cli import main


def broken(tmp_path: Path, old: str, new: str) -> tuple[Path, str]:
    text = QD366.read_text(encoding="utf-8")
    assert old in text, old
    text = text.replace(old, new, 1).replace("../rules/", str(QD366.parent.parent / "rules") + "/")
    path = tmp_path / "crit.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


ASSUME = "    assume_when_missing: {basic_targets_assigned: basic_targets_required}"


@pytest.mark.parametrize(
    ("new", "code", "suggestion", "needle"),
    [
        # the key names an indicator the condition does not use
        (
            "    assume_when_missing: {basic_targets_asigned: 5}",
            "criterion.assume_unused",
            "basic_targets_assigned",
            "does not use that indicator",
        ),
        # a required indicator is never missing in a rated unit: the assumption could not apply
        ("    assume_when_missing: {basic_targets_met: 5}", "criterion.assume_required", None, "set 'required: false'"),
        # the value is neither a number in the indicator's range nor a parameter
        ("    assume_when_missing: {basic_targets_assigned: 6}", "criterion.assume_range", None, "(0–5)"),
        (
            "    assume_when_missing: {basic_targets_assigned: basic_targets_requird}",
            "value.unknown_ref",
            "basic_targets_required",
            "basic_targets_requird",
        ),
    ],
)
def test_a_wrong_assumption_is_refused_at_its_line(
    tmp_path: Path, new: str, code: str, suggestion: str | None, needle: str
) -> None:
    path, text = broken(tmp_path, ASSUME, new)
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    (p,) = err.value.problems
    assert (p.code, p.suggestion) == (code, suggestion)
    assert p.location.line == line_of(text, new.strip())
    assert p.location.field is not None and p.location.field.startswith("criteria.12.assume_when_missing.")
    assert needle in p.message("en") and p.message("vi") != p.message("en")


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        # an assumption needs the note that says why (the finding and the reasons show it)
        (
            "    missing_note:\n      vi: không ghi số chỉ tiêu được giao thì tính là được giao đủ 5 chỉ tiêu cơ bản theo "
            "quy định\n      en: when the number assigned is not given, all 5 basic targets the regulation names count "
            "as assigned\n",
            "",
            "needs a 'missing_note'",
        ),
        (ASSUME, "    assume_when_missing: {basic_targets_assigned: true}", "expected a number"),
        (ASSUME, ASSUME + "\n    if_missing: pass", "not both"),
    ],
)
def test_an_assumption_without_its_note_or_with_a_wrong_value_is_refused(
    tmp_path: Path, old: str, new: str, needle: str
) -> None:
    path, _ = broken(tmp_path, old, new)
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    assert needle in err.value.render("en")


def test_an_assumption_on_a_yes_no_indicator_is_refused(tmp_path: Path) -> None:
    path, text = broken(
        tmp_path,
        "    condition: not factionalism_concluded",
        "    condition: not factionalism_concluded\n"
        "    assume_when_missing: {factionalism_concluded: 0}\n"
        "    missing_note: {vi: không ghi thì coi là không, en: not given means no}",
    )
    text = text.replace(
        "  factionalism_concluded:\n    type: yesno\n",
        "  factionalism_concluded:\n    type: yesno\n    required: false\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    (p,) = err.value.problems
    assert p.code == "criterion.assume_type" and "of type 'yesno'" in p.message("en")


def test_the_shipped_assumption_reads_five_from_the_regulations_parameter() -> None:
    crit = load_criteria(QD366)
    it = crit.item("basic_targets")
    assert it.assumed == (("basic_targets_assigned", "basic_targets_required"),)
    assert "basic_targets_required" in it.params
    assert not crit.model.indicators["basic_targets_assigned"].required


def test_the_assumed_value_is_in_the_json_and_the_value_stays_missing(rate) -> None:
    run = rate(make_card("u", basic_targets_met=4), make_card("v", basic_targets_met=4, basic_targets_assigned=4))
    u = run.result("u").to_dict("vi")
    f = next(f for f in u["findings"] if f["criterion"] == "basic_targets")
    assert f["status"] == "fail" and f["assumed"] == {"basic_targets_assigned": 5}
    assert f["value"] == {"basic_targets_met": 4, "basic_targets_assigned": None}  # never silently 5, nor 0
    assert f["threshold"] == "basic_targets_met ≥ 5" and f["absent"] == ["basic_targets_assigned"]
    assert [p["id"] for p in f["parameters"]] == ["basic_targets_required"]
    reason = next(r["text"] for r in u["reasons"] if r["code"] == "reason.criterion_assumed")
    assert reason == (
        "Tiêu chí «Đạt đủ các chỉ tiêu cơ bản được giao»: không có số liệu «Số chỉ tiêu kinh tế – xã hội cơ bản "
        "được giao», lấy 5 — không ghi số chỉ tiêu được giao thì tính là được giao đủ 5 chỉ tiêu cơ bản theo quy định"
    )
    assert u["level"] == "kht" and u["missing"] == []
    veto = next(r["text"] for r in u["reasons"] if r["code"] == "reason.veto")
    assert (
        "số chỉ tiêu kinh tế – xã hội cơ bản đạt được phải bằng 5, hiện 4 (không có số liệu «Số chỉ tiêu kinh tế – "
        "xã hội cơ bản được giao», lấy 5)" in veto
    )
    v = run.result("v").to_dict("en")
    f = next(f for f in v["findings"] if f["criterion"] == "basic_targets")
    assert f["status"] == "pass" and "assumed" not in f and "parameters" not in f
    assert f["threshold"] == "basic_targets_met ≥ basic_targets_assigned"
    assert "reason.criterion_assumed" not in [r["code"] for r in v["reasons"]]


# ---------------------------------------------------------------- met ≤ assigned


def test_more_targets_met_than_assigned_is_refused_at_the_field(tmp_path: Path) -> None:
    card = make_card("u", basic_targets_met=5, basic_targets_assigned=3)
    path = tmp_path / "cards.json"
    path.write_text(json.dumps({"scorecards": [card]}, ensure_ascii=False, indent=2), encoding="utf-8")
    result = CliRunner().invoke(main, ["rank", "--criteria", str(QD366), str(path), "--lang", "en"])
    assert result.exit_code == 4
    line = line_of(path.read_text(encoding="utf-8"), '"basic_targets_met"')
    assert f"{path}:{line}" in result.stderr
    assert "'basic_targets_met' = 5 is more than 'basic_targets_assigned' = 3" in result.stderr


def test_met_equal_to_assigned_or_assigned_left_out_is_accepted(rate) -> None:
    run = rate(make_card("a", basic_targets_met=3, basic_targets_assigned=3), make_card("b", basic_targets_met=5))
    assert [d.level for d in run.results] == ["htt", "htt"]


def test_at_most_must_name_another_numeric_indicator(tmp_path: Path) -> None:
    old = "    at_most: basic_targets_assigned  # a target not assigned cannot be met"
    for new in ("    at_most: basic_targets_asigned", "    at_most: basic_targets_met"):  # unknown, itself
        path, text = broken(tmp_path, old, new)
        with pytest.raises(DefinitionError) as err:
            load_criteria(path)
        (p,) = err.value.problems
        assert (p.code, p.suggestion) == ("value.unknown_ref", "basic_targets_assigned")
        assert p.location.line == line_of(text, new.strip())
    path, _ = broken(
        tmp_path,
        "    type: yesno\n    title: {vi: Có bè phái",
        "    type: yesno\n    at_most: general_1\n    title: {vi: Có bè phái",
    )
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    assert "'at_most' belongs to numeric indicators only" in err.value.render("en")


def test_records_get_the_same_check(qd366) -> None:
    import evaluator

    with pytest.raises(ScorecardError) as err:
        evaluator.check_records([make_card("u", basic_targets_met=2, basic_targets_assigned=1)], qd366)
    (p,) = err.value.problems
    assert p.code == "indicator.above" and p.location.field == "scorecards[0].indicators.basic_targets_met"


# ---------------------------------------------------------------- a range given by a parameter


def test_the_general_items_take_their_maximum_from_the_files_parameter() -> None:
    crit = load_criteria(QD366)
    assert crit.range_params == {f"general_{i}": "general_item_max_points" for i in range(1, 7)}
    assert all(crit.model.indicators[f"general_{i}"].bounds() == (0, 5) for i in range(1, 7))
    ref = crit.model.parameters["general_item_max_points"].reference
    assert ref is not None and "Cấp ủy cấp trên quy định" in ref and "không phải quy định của QĐ 366" in ref


def test_an_overlay_changes_the_split_and_the_form_follows(tmp_path: Path, rate) -> None:
    overlay = tmp_path / "overlay.yaml"
    overlay.write_text(
        f"overlay: {QD366}\nid: qd366-six\nversion: '1'\ntitle: {{vi: Thử, en: Test}}\n"
        "parameters:\n  general_item_max_points: {value: 6, reference: Ví dụ — cấp ủy chia 6 điểm}\n"
        "allow:\n  loosen: {general_item_max_points: the committee splits otherwise}\n",
        encoding="utf-8",
    )
    crit = load_criteria(overlay)
    assert crit.model.indicators["general_1"].bounds() == (0, 6)
    card = tmp_path / "c.json"
    card.write_text(json.dumps([make_card("u", general_1=5.5)]), encoding="utf-8")
    assert CliRunner().invoke(main, ["rank", "--criteria", str(overlay), str(card)]).exit_code == 0
    assert CliRunner().invoke(main, ["rank", "--criteria", str(QD366), str(card)]).exit_code == 4


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("    value: null", "indicator.range_param"),
        ("    values: [{value: 5, from_year: 2026}]", "indicator.range_param"),
        ("    value: -1", "indicator.range_value"),
    ],
)
def test_a_range_parameter_needs_one_usable_value_everywhere(tmp_path: Path, value: str, code: str) -> None:
    path, text = broken(
        tmp_path, "    value: 5\n    reference: Cấp ủy cấp trên", f"{value}\n    reference: Cấp ủy cấp trên"
    )
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    problems = [p for p in err.value.problems if p.code == code]
    assert [p.location.field for p in problems] == [f"indicators.general_{i}.max" for i in range(1, 7)]
    assert problems[0].location.line == line_of(text, "max: general_item_max_points")
    assert problems[0].message("vi") != problems[0].message("en")


def test_a_range_parameter_that_does_not_exist_gets_a_suggestion(tmp_path: Path) -> None:
    path, _ = broken(tmp_path, "    max: general_item_max_points\n", "    max: general_item_max_point\n")
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    (p,) = err.value.problems
    assert p.code == "value.unknown_ref" and p.suggestion == "general_item_max_points"


def test_the_coverage_report_says_which_rules_are_for_an_indicator_left_out() -> None:
    from evaluator.casetests import load_suite
    from evaluator.casetests.coverage import coverage_items

    suite = load_suite(QD366.parent / "qd366-collective.test.yaml")
    labels = {it.id: it.label.get("en") for it in coverage_items(suite)}
    idx = f"c{suite.criteria.item('basic_targets').index:03d}"
    assert labels[f"{idx}__pass__1"].endswith(
        "met: basic_targets_met ≥ basic_targets_required (when basic_targets_assigned is left out)"
    )
    assert labels[f"{idx}__pass__0"].endswith("met: basic_targets_met ≥ basic_targets_assigned")
    assert f"{idx}__missing__1" not in labels  # an assumed indicator is never missing
