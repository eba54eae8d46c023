"""Under a quota every unit says its peer group: a blank one would silently pool unrelated units."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXCELLENT, QD366, QD366_SCHEME, make_card, raw
from evaluator import ScorecardError, bind_scheme, check_scorecards, evaluate
from evaluator.cli import main


def without_parent(unit: str, **indicators) -> dict:
    card = make_card(unit, **indicators)
    del card["parent"]
    return card


def test_a_unit_without_parent_or_peer_group_is_refused_under_a_quota(rate) -> None:
    with pytest.raises(ScorecardError) as err:
        rate(make_card("a"), without_parent("b"), without_parent("c"))
    assert err.value.exit_code == 4
    assert [(p.code, p.location.field) for p in err.value.problems] == [
        ("scorecard.peer_group_missing", "parent"),
        ("scorecard.peer_group_missing", "parent"),
    ]
    assert "unit 'b' gives neither 'parent' nor 'peer_group': scheme 'qd366' has a quota" in (
        err.value.problems[0].message("en")
    )
    assert "đơn vị «b» không ghi «parent»" in err.value.problems[0].message("vi")


@pytest.mark.parametrize("blank", ["", "   "])
def test_a_blank_parent_is_no_parent(rate, blank: str) -> None:
    card = make_card("b")
    card["parent"] = blank
    with pytest.raises(ScorecardError) as err:
        rate(make_card("a"), card)
    assert [p.code for p in err.value.problems] == ["scorecard.peer_group_missing"]


def test_a_peer_group_alone_is_enough(rate) -> None:
    card = without_parent("b", **EXCELLENT)
    card["peer_group"] = "lao-cai-wards"
    run = rate(card)
    assert run.result("b").peer_group == "lao-cai-wards/2025"


def test_without_a_quota_no_peer_group_is_needed(qd366, tmp_path: Path) -> None:
    text = QD366_SCHEME.read_text(encoding="utf-8")
    path = tmp_path / "no-quota.yaml"
    path.write_text(text[: text.index("quota:")] + text[text.index("ranking:") :], encoding="utf-8")
    scheme = bind_scheme(path, qd366)
    run = evaluate(qd366, check_scorecards([raw(without_parent("b"))], qd366), scheme)
    assert run.result("b").level == "htt" and run.quota == []


def test_the_command_line_names_the_file_and_line_and_exits_4(tmp_path: Path) -> None:
    cards = [make_card("a"), without_parent("b")]
    path = tmp_path / "cards.yaml"
    path.write_text("\n".join(["scorecards:", *(f"  - {json.dumps(c)}" for c in cards)]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["rank", "--criteria", str(QD366), str(path), "--lang", "en"])
    assert result.exit_code == 4
    assert f"{path}:3" in result.output and "field 'parent'" in result.output
    assert "Traceback" not in result.output
