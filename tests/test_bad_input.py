"""Bad input: a clear, located error (file, line, field, did-you-mean), a non-zero exit, nothing half-done."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES, QD366, QD366_SCHEME, make_card
from evaluator import DefinitionError, ScorecardError, bind_scheme, load_criteria, read_scorecards
from evaluator.cli import main


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, needle: str) -> int:
    for i, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return i
    raise AssertionError(needle)


def broken_criteria(tmp_path: Path, old: str, new: str) -> tuple[Path, str]:
    text = QD366.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new, 1)
    return write(tmp_path, "crit.yaml", text), text


def cards_file(tmp_path: Path, *cards: dict, name: str = "cards.json") -> Path:
    return write(tmp_path, name, json.dumps({"scorecards": list(cards)}, ensure_ascii=False, indent=2))


def one(err: pytest.ExceptionInfo) -> object:
    assert len(err.value.problems) == 1, err.value.render("en")
    return err.value.problems[0]


# --- criteria files


def test_unknown_key_in_criteria_with_did_you_mean(tmp_path: Path) -> None:
    path, text = broken_criteria(tmp_path, "    if_missing: pass", "    if_mising: pass")
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    p = one(err)
    assert p.code == "key.unknown"
    assert p.location.file == str(path) and p.location.line == line_of(text, "if_mising")
    assert p.location.field == "criteria.8.if_mising"
    assert p.suggestion == "if_missing"
    assert "Có phải ý bạn là «if_missing»?" in p.message("vi")
    assert "Did you mean 'if_missing'?" in p.message("en")


def test_duplicate_key_names_both_lines(tmp_path: Path) -> None:
    path, text = broken_criteria(tmp_path, "    max: 70\n", "    max: 70\n    max: 80\n")
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    p = one(err)
    assert p.code == "yaml.duplicate_key"
    assert p.location.line == line_of(text, "max: 80")
    assert p.params["first_line"] == line_of(text, "max: 70")


def test_wrong_type_in_criteria(tmp_path: Path) -> None:
    path, text = broken_criteria(tmp_path, "    value: 30\n", "    value: thirty\n")
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    p = one(err)
    assert p.code == "type.invalid"
    assert p.location.line == line_of(text, "value: thirty")
    assert "thirty" in p.message("en")


@pytest.mark.parametrize(
    ("old", "new", "code", "fragment"),
    [
        ("condition: tasks_late_pct == 0", "condition: tasks_late_pct == ", "expr.syntax", "end of expression"),
        ("condition: tasks_late_pct == 0", "condition: tasks_late_pc == 0", "expr.unknown_name", "tasks_late_pct"),
        ("condition: tasks_late_pct == 0", "condition: tasks_late_pct and 1", "expr.type", "yes/no"),
        ("condition: tasks_late_pct == 0", "condition: tasks_late_pct / leaders_disciplined > 1", "expr.division", ""),
        ("condition: tasks_late_pct == 0", "condition: tasks_late_pct + 1", "expr.type", "must be yes/no"),
        ("condition: tasks_late_pct == 0", "condition: __import__('os')", "expr.syntax", ""),
    ],
)
def test_broken_expression(tmp_path: Path, old: str, new: str, code: str, fragment: str) -> None:
    path, text = broken_criteria(tmp_path, old, new)
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    p = one(err)
    assert p.code == code
    assert p.location.line == line_of(text, new)
    assert p.location.field.endswith(".condition")
    if code == "expr.unknown_name":
        assert p.suggestion == fragment
    else:
        assert fragment in p.message("en")


def test_duplicate_criterion_id(tmp_path: Path) -> None:
    path, text = broken_criteria(tmp_path, "  - id: tasks_on_time", "  - id: tasks_all_done")
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    p = one(err)
    assert p.code == "value.duplicate_id"
    assert p.location.line == line_of(text, "  - id: tasks_all_done") + 4 + 0 or p.location.line > 0


def test_several_problems_are_reported_together(tmp_path: Path) -> None:
    text = QD366.read_text(encoding="utf-8")
    text = text.replace("condition: tasks_late_pct == 0", "condition: tasks_late == 0")
    text = text.replace("condition: leaders_disciplined == 0", "condition: leaders_disciplined == ")
    path = write(tmp_path, "crit.yaml", text)
    with pytest.raises(DefinitionError) as err:
        load_criteria(path)
    assert [p.code for p in err.value.problems] == ["expr.unknown_name", "expr.syntax"]


def test_scheme_naming_an_unknown_criterion(tmp_path: Path) -> None:
    text = QD366_SCHEME.read_text(encoding="utf-8").replace("criterion: no_disunity", "criterion: no_disunty")
    path = write(tmp_path, "scheme.yaml", text)
    with pytest.raises(DefinitionError) as err:
        bind_scheme(path, load_criteria(QD366))
    p = one(err)
    assert (p.code, p.suggestion, p.location.line) == ("value.unknown_ref", "no_disunity", line_of(text, "no_disunty"))


# --- scorecards


def test_unknown_indicator_with_did_you_mean(tmp_path: Path) -> None:
    card = make_card("u")
    card["indicators"]["tasks_exceded_pct"] = card["indicators"].pop("tasks_exceeded_pct")
    path = cards_file(tmp_path, card)
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], load_criteria(QD366))
    p = one(err)
    assert p.code == "indicator.unknown" and p.suggestion == "tasks_exceeded_pct"
    assert p.location.field == "scorecards.0.indicators.tasks_exceded_pct"
    assert p.location.line == line_of(path.read_text(), "tasks_exceded_pct")


def test_unknown_scorecard_key(tmp_path: Path) -> None:
    card = make_card("u")
    card["regoin"] = "DBSCL"
    path = cards_file(tmp_path, card)
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], load_criteria(QD366))
    p = one(err)
    assert (p.code, p.suggestion) == ("key.unknown", "region")
    assert p.location.line == line_of(path.read_text(), "regoin")


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("tasks_done_pct", "100", "indicator.type"),  # text where a number is expected
        ("tasks_done_pct", True, "indicator.type"),  # true is not 1
        ("disunity_concluded", 0, "indicator.type"),  # 0 is not false
        ("leaders_disciplined", 1.5, "indicator.type"),  # a count is whole
        ("tasks_done_pct", 100.5, "indicator.percent"),  # a percentage above 100
        ("tasks_late_pct", -1, "indicator.percent"),
        ("general_1", 6, "indicator.range"),  # 5 points at most
        ("task_results", -0.5, "indicator.range"),
        ("basic_targets_met", 6, "indicator.range"),
    ],
)
def test_bad_values(tmp_path: Path, name: str, value: object, code: str) -> None:
    card = make_card("u")
    card["indicators"][name] = value
    path = cards_file(tmp_path, card)
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], load_criteria(QD366))
    p = one(err)
    assert p.code == code
    assert p.location.field == f"scorecards.0.indicators.{name}"
    assert p.location.line == line_of(path.read_text(), f'"{name}"')
    assert name in p.message("vi") and name in p.message("en")


def test_duplicate_unit_and_year_across_files(tmp_path: Path) -> None:
    a = cards_file(tmp_path, make_card("u"), name="a.json")
    b = write(tmp_path, "b.yaml", "unit: u\nname: Phường U\nkind: ward\nparent: p\nyear: 2025\nindicators: {}\n")
    with pytest.raises(ScorecardError) as err:
        read_scorecards([a, b], load_criteria(QD366))
    p = one(err)
    assert p.code == "scorecard.duplicate"
    assert (p.location.file, p.location.line) == (str(b), 1)
    assert str(a) in p.message("en") and "trường «scorecards.0»" in p.message("vi")


def test_year_outside_validity_and_unknown_kind(tmp_path: Path) -> None:
    path = cards_file(tmp_path, make_card("u", year=2019), make_card("v", kind="wrad"))
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], load_criteria(QD366))
    assert [(p.code, p.suggestion) for p in err.value.problems] == [
        ("scorecard.year", None),
        ("scorecard.kind", "ward"),
    ]


def test_yaml_syntax_error_has_line(tmp_path: Path) -> None:
    path = write(tmp_path, "c.yaml", "unit: u\nindicators: {a: 1\nyear: 2025\n")
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], load_criteria(QD366))
    p = one(err)
    assert p.code == "yaml.syntax" and p.location.line is not None


def test_json_syntax_error_has_line(tmp_path: Path) -> None:
    path = write(tmp_path, "c.json", '{\n  "unit": "u",\n  "year": 2025,,\n}')
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], load_criteria(QD366))
    assert one(err).location.line == 3


def test_yes_and_no_are_not_booleans_in_yaml(tmp_path: Path) -> None:
    # YAML 1.1 would read "no" as false; here it is text, so the type error is caught.
    text = (EXAMPLES / "lao-cai-2025.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, "c.yaml", text.replace("disunity_concluded: false", "disunity_concluded: no", 1))
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], load_criteria(QD366))
    p = one(err)
    assert p.code == "indicator.type" and p.params["found"] == "no"


def test_unsupported_file_and_missing_file(tmp_path: Path) -> None:
    crit = load_criteria(QD366)
    odd = write(tmp_path, "cards.txt", "x")
    with pytest.raises(ScorecardError) as err:
        read_scorecards([odd], crit)
    assert one(err).code == "file.unsupported"
    with pytest.raises(ScorecardError) as err:
        read_scorecards([tmp_path / "nope.yaml"], crit)
    assert one(err).code == "file.not_found"


# --- the command line: non-zero exit, no partial ranking


def test_cli_invalid_scorecards_exit_4_and_print_nothing_on_stdout(tmp_path: Path) -> None:
    good = cards_file(tmp_path, make_card("a"), make_card("b"), name="good.json")
    bad_card = make_card("c")
    bad_card["indicators"]["tasks_done_pct"] = 101
    bad = cards_file(tmp_path, bad_card, name="bad.json")
    result = CliRunner().invoke(main, ["rank", "--criteria", str(QD366), "--format", "json", str(good), str(bad)])
    assert result.exit_code == 4
    assert result.stdout == ""
    errors = json.loads(result.stderr)
    assert errors["problems"][0]["code"] == "indicator.percent"
    assert errors["problems"][0]["location"]["file"] == str(bad)


def test_cli_invalid_criteria_exit_3_in_vietnamese_by_default(tmp_path: Path) -> None:
    path, text = broken_criteria(tmp_path, "condition: tasks_late_pct == 0", "condition: tasks_late == 0")
    result = CliRunner().invoke(main, ["rank", "--criteria", str(path), str(EXAMPLES)])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert f"{path}:{line_of(text, 'tasks_late == 0')}" in result.stderr
    assert "biểu thức dùng tên chưa khai báo «tasks_late»" in result.stderr
    assert "Có phải ý bạn là «tasks_late_pct»?" in result.stderr


def test_cli_validate_reports_every_file(tmp_path: Path) -> None:
    card = make_card("u")
    card["indicators"]["general_1"] = 7
    bad = cards_file(tmp_path, card)
    result = CliRunner().invoke(main, ["validate", "--lang", "en", "--criteria", str(QD366), str(QD366), str(bad)])
    assert result.exit_code == 4
    assert "Valid: " in result.stdout and "criteria set, 15 criteria" in result.stdout
    assert "indicator 'general_1' = 7 is outside the allowed range [0, 5]" in result.stderr


def test_tone_placement_does_not_make_two_units(tmp_path: Path) -> None:
    # "Hoà" (new placement) and "Hòa" (traditional), one decomposed: the same unit, so a duplicate.
    import unicodedata

    a = make_card("thạnh-hoà")
    b = make_card(unicodedata.normalize("NFD", "thạnh-hòa"))
    path = cards_file(tmp_path, a, b)
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], load_criteria(QD366))
    p = one(err)
    assert p.code == "scorecard.duplicate" and p.params["unit"] == "thạnh-hòa"


def test_a_year_written_as_text_is_a_type_error(tmp_path: Path) -> None:
    card = make_card("u")
    card["year"] = "2025"
    path = cards_file(tmp_path, card)
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], load_criteria(QD366))
    p = one(err)
    assert (p.code, p.location.field) == ("type.invalid", "scorecards.0.year")
