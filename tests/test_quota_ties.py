"""Ties at the quota's cut-off: named in the tied units' reasons and in the run's list of ties,
and settled only by a recorded decision (``tie_settlements`` in an overrides file)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXCELLENT, QD366, make_card
from evaluator import DefinitionError, Location, ScorecardError, rate
from evaluator.cli import main
from evaluator.load import load_tie_settlements
from evaluator.model import TieSettlement


def codes(decision) -> list[str]:
    return [r.code for r in decision.reasons]


def settle(unit: str, line: int = 1) -> tuple[TieSettlement, Location]:
    ts = TieSettlement(
        unit=unit,
        year=2025,
        decided_by="Ban Thường vụ Quận ủy",
        decision="Biên bản số 05-BB/QU",
        reason="Đơn vị có thành tích nổi bật về chuyển đổi số",
    )
    return ts, Location(file="ties.yaml", line=line)


def tied_district() -> list[dict]:
    """10 units counted → 2 places; b is first (40% exceeded), a and c tie for the second place."""
    return [
        make_card("b", **{**EXCELLENT, "tasks_exceeded_pct": 40}),
        make_card("a", **EXCELLENT),
        make_card("c", **EXCELLENT),
        *[make_card(f"g{i}") for i in range(7)],
    ]


def test_a_tie_at_the_cut_off_is_named_in_both_units_reasons(rate) -> None:
    run = rate(*tied_district())
    a, b, c = run.result("a"), run.result("b"), run.result("c")
    assert (a.level, b.level, c.level) == ("htxs", "htxs", "htt")
    assert "reason.quota_tie" in codes(a) and "reason.quota_tie" in codes(c)
    assert "reason.quota_tie" not in codes(b)  # b is ahead on tasks_exceeded_pct: not tied
    text = next(r for r in c.reasons if r.code == "reason.quota_tie").text("en")
    assert text == (
        "Tied at the cut-off of the 'Excellent' quota of peer group p/ward/2025: the same total score 95 and the share "
        "of tasks exceeded 35% as Phường a (a); places: 1 for 2 equal units; only the unit id separates them "
        "(keeps Phường a (a)) — for the competent level to settle"
    )
    vi = next(r for r in a.reasons if r.code == "reason.quota_tie").text("vi")
    assert (
        "Bằng nhau tại ngưỡng hạn mức «Hoàn thành xuất sắc nhiệm vụ» của nhóm so sánh p/ward/2025 với Phường c (c)"
        in vi
    )
    assert "cùng tổng điểm 95 và tỷ lệ nhiệm vụ hoàn thành vượt mức 35%" in vi
    assert "cấp có thẩm quyền cần quyết định" in vi


def test_the_run_lists_each_tie_for_the_committee(rate) -> None:
    run = rate(*tied_district())
    (tie,) = run.ties
    assert tie.to_dict() == {
        "group": "p/ward/2025",
        "level": "htxs",
        "keys": {"score": 95.0, "tasks_exceeded_pct": 35},
        "units": ["a", "c"],
        "places": 1,
        "kept": ["a"],
        "demoted": ["c"],
        "settled_by": [],
    }
    header = json.loads(run.to_json())
    assert header["ties"] == [tie.to_dict()]


def test_three_units_tied_for_two_places(rate) -> None:
    cards = [make_card(u, **EXCELLENT) for u in ("z", "y", "x")] + [make_card(f"g{i}") for i in range(7)]
    (tie,) = rate(*cards).ties
    assert (tie.units, tie.places, tie.kept, tie.demoted) == (("x", "y", "z"), 2, ("x", "y"), ("z",))


def test_no_tie_when_a_key_before_the_unit_id_separates_them(rate) -> None:
    cards = [
        make_card("a", **EXCELLENT),
        make_card("c", **{**EXCELLENT, "tasks_exceeded_pct": 36}),
        *[make_card(f"g{i}") for i in range(3)],
    ]
    run = rate(*cards)  # 5 counted → 1 place: c (36%) before a (35%)
    assert run.ties == []
    assert "reason.quota_tie" not in codes(run.result("a"))
    assert "the last unit kept: the share of tasks exceeded 35% against 36%" in next(
        r for r in run.result("a").reasons if r.code == "reason.quota_demoted"
    ).text("en")


def test_no_tie_when_nobody_keeps_the_level(rate) -> None:
    # 2 counted → no place at all: nothing to choose between the two equal units.
    run = rate(make_card("a", **EXCELLENT), make_card("c", **EXCELLENT))
    assert run.ties == [] and {d.level for d in run.results} == {"htt"}


def test_no_tie_when_every_tied_unit_is_kept(rate) -> None:
    cards = [make_card("a", **EXCELLENT), make_card("c", **EXCELLENT), *[make_card(f"g{i}") for i in range(8)]]
    run = rate(*cards)  # 10 counted → 2 places for 2 equal candidates
    assert run.ties == [] and {run.result("a").level, run.result("c").level} == {"htxs"}


def test_a_settlement_puts_the_named_unit_first_among_the_tied(rate) -> None:
    run = rate(*tied_district(), tie_settlements=[settle("c")])
    a, c = run.result("a"), run.result("c")
    assert (a.level, c.level) == ("htt", "htxs")
    (tie,) = run.ties
    assert (tie.units, tie.kept, tie.demoted) == (("c", "a"), ("c",), ("a",))
    assert tie.to_dict()["settled_by"] == [
        {
            "unit": "c",
            "decided_by": "Ban Thường vụ Quận ủy",
            "decision": "Biên bản số 05-BB/QU",
            "reason": "Đơn vị có thành tích nổi bật về chuyển đổi số",
        }
    ]
    tie_text = next(r for r in a.reasons if r.code == "reason.quota_tie").text("en")
    assert tie_text.endswith("settled by Biên bản số 05-BB/QU of Ban Thường vụ Quận ủy: keeps Phường c (c)")
    demoted = next(r for r in a.reasons if r.code == "reason.quota_demoted").text("en")
    assert demoted.endswith("(a tie, settled by Biên bản số 05-BB/QU of Ban Thường vụ Quận ủy)")
    assert "đã quyết định theo Biên bản số 05-BB/QU của Ban Thường vụ Quận ủy: giữ Phường c (c)" in next(
        r for r in c.reasons if r.code == "reason.quota_tie"
    ).text("vi")


def test_a_settlement_of_a_unit_in_no_tie_is_refused(rate) -> None:
    with pytest.raises(DefinitionError) as err:
        rate(*tied_district(), tie_settlements=[settle("b", line=4)])
    (p,) = err.value.problems
    assert (p.code, p.location.line) == ("tie.not_tied", 4)
    assert "'b' year 2025, but it is in no tie at the quota cut-off of peer group p/ward/2025" in p.message("en")


def test_a_settlement_in_a_group_without_candidates_is_refused(rate) -> None:
    with pytest.raises(DefinitionError) as err:
        rate(make_card("g1"), make_card("g2"), tie_settlements=[settle("g1")])
    assert [p.code for p in err.value.problems] == ["tie.not_tied"]


def test_a_settlement_naming_more_units_than_places_is_refused(rate) -> None:
    with pytest.raises(DefinitionError) as err:
        rate(*tied_district(), tie_settlements=[settle("a", 2), settle("c", 3)])
    assert [(p.code, p.location.line) for p in err.value.problems] == [("tie.places", 2), ("tie.places", 3)]
    assert "peer group p/ward/2025 has places: 1, for 2 units tied at the quota cut-off: name as many units" in (
        err.value.problems[0].message("en")
    )


def test_a_settlement_for_an_absent_unit_is_refused(rate) -> None:
    with pytest.raises(DefinitionError) as err:
        rate(*tied_district(), tie_settlements=[settle("nobody")])
    assert [p.code for p in err.value.problems] == ["tie.unit_unknown"]


OVERRIDES = """\
overrides: []
tie_settlements:
  - unit: tn-thuan-hung
    year: 2025
    decided_by: Ban Thường vụ Quận ủy Thốt Nốt
    decision: Biên bản số 05-BB/QU
    reason: Thành tích nổi bật
"""


def write_district(tmp_path: Path) -> Path:
    folder = tmp_path / "cards"
    folder.mkdir()
    cards = tied_district()
    for card in cards:
        card["parent"] = "thot-not"
    cards[2]["unit"] = "tn-thuan-hung"
    (folder / "district.json").write_text(json.dumps(cards, ensure_ascii=False), encoding="utf-8")
    return folder


def test_tie_settlements_are_read_from_an_overrides_file(tmp_path: Path) -> None:
    folder = write_district(tmp_path)
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text(OVERRIDES, encoding="utf-8")
    ((ts, where),) = load_tie_settlements(overrides)
    assert ts.unit == "tn-thuan-hung" and where.line == 3
    run = rate(QD366, [folder], overrides=overrides)
    assert run.result("tn-thuan-hung").level == "htxs" and run.result("a").level == "htt"
    result = CliRunner().invoke(
        main, ["rank", "--criteria", str(QD366), str(folder), "--overrides", str(overrides), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    (tie,) = json.loads(result.stdout)["ties"]
    assert tie["kept"] == ["tn-thuan-hung"] and tie["settled_by"][0]["decision"] == "Biên bản số 05-BB/QU"


def test_a_duplicate_tie_settlement_is_refused_with_its_line(tmp_path: Path) -> None:
    folder = write_district(tmp_path)
    overrides = tmp_path / "overrides.yaml"
    entry = OVERRIDES.split("tie_settlements:\n")[1]
    overrides.write_text(OVERRIDES + entry, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["rank", "--criteria", str(QD366), str(folder), "--overrides", str(overrides), "--lang", "en"]
    )
    assert result.exit_code == 3
    assert f"{overrides}:8" in result.output and "named twice in tie_settlements" in result.output


def test_an_unknown_key_in_a_tie_settlement_is_refused(tmp_path: Path) -> None:
    overrides = tmp_path / "overrides.yaml"
    overrides.write_text(OVERRIDES.replace("    reason:", "    level: htxs\n    reason:"), encoding="utf-8")
    with pytest.raises(DefinitionError) as err:
        load_tie_settlements(overrides)
    assert err.value.problems[0].code == "key.unknown"


def test_validate_counts_tie_settlements_as_overrides(tmp_path: Path) -> None:
    overrides = tmp_path / "ties.yaml"
    overrides.write_text(textwrap.dedent(OVERRIDES.replace("overrides: []\n", "")), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(overrides), "--criteria", str(QD366), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "overrides, 1 entries" in result.output


def test_scorecard_errors_come_before_tie_settlements_are_judged(rate) -> None:
    cards = tied_district()
    del cards[0]["parent"]
    with pytest.raises(ScorecardError):
        rate(*cards, tie_settlements=[settle("b")])
