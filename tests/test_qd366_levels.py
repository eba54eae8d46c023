"""Regulation 366 as rules/qd366.yaml states it: bands, conditions, vetoes, quota, ranking, overrides."""

from __future__ import annotations

import pytest

from conftest import EXCELLENT, GOOD, make_card, with_score
from evaluator import DefinitionError, Location
from evaluator.model import Override


def codes(decision) -> list[str]:
    return [r.code for r in decision.reasons]


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (100, "htxs"),
        (90, "htxs"),
        (89.9, "htt"),
        (70, "htt"),
        (69.9, "ht"),
        (50, "ht"),
        (49.9, "kht"),
        (30, "kht"),
    ],
)
def test_score_band_edges(rate, score: float, level: str) -> None:
    # A unit meeting every condition of htxs: only the score decides (alone in its group: no quota
    # pressure would apply to htxs... unless the quota binds, so give it peers rated htt).
    peers = [make_card(f"peer{i}", **GOOD) for i in range(5)]
    run = rate(make_card("u", **with_score(score)), *peers)
    d = run.result("u")
    assert d.score == pytest.approx(score)
    assert d.level == level
    if level != "htxs":
        assert "reason.level_missed" in codes(d)


def test_score_is_sum_of_general_and_task_points(rate) -> None:
    d = rate(make_card("u", general_1=4.5, general_3=3, task_results=61.25)).result("u")
    assert d.score == 30 - 0.5 - 2 + 61.25
    assert d.finding("general").points == 27.5
    assert d.finding("task_points").points == 61.25


def test_decimal_points_do_not_fall_below_a_band_by_float_error(rate) -> None:
    # 0.1 + 0.2 style sums: 4.7 + 4.7 + 4.7 + 4.7 + 4.7 + 4.5 + 62.0 is 90 on paper.
    d = rate(
        make_card(
            "u",
            **{
                **EXCELLENT,
                "general_1": 4.7,
                "general_2": 4.7,
                "general_3": 4.7,
                "general_4": 4.7,
                "general_5": 4.7,
                "general_6": 4.5,
                "task_results": 62.0,
            },
        ),
        *[make_card(f"p{i}") for i in range(5)],
    ).result("u")
    assert d.score == 90
    assert d.level == "htxs"


@pytest.mark.parametrize(
    ("change", "level", "failing"),
    [
        ({"tasks_done_pct": 99.9}, "kht", "tasks_all_done"),  # every level needs 100% done
        ({"tasks_late_pct": 0.1}, "ht", "tasks_on_time"),  # htxs/htt need none late; ht allows ≤ 20%
        ({"tasks_late_pct": 20}, "ht", "tasks_on_time"),
        ({"tasks_late_pct": 20.1}, "kht", "tasks_late_within"),
        ({"tasks_exceeded_pct": 29.9}, "htt", "tasks_exceeded"),
        ({"subunits_disciplined": 1}, "htt", "no_subunit_disciplined"),
        ({"shortcomings_remedied_pct": 99.9}, "htt", "shortcomings_remedied"),
    ],
)
def test_conditions_of_each_level(rate, change: dict, level: str, failing: str) -> None:
    peers = [make_card(f"peer{i}") for i in range(5)]
    d = rate(make_card("u", **{**EXCELLENT, **change}), *peers).result("u")
    assert d.level == level
    assert d.finding(failing).status == "fail"


def test_absent_shortcomings_mean_none_were_named(rate) -> None:
    peers = [make_card(f"peer{i}") for i in range(5)]
    d = rate(make_card("u", **{**EXCELLENT, "shortcomings_remedied_pct": None}), *peers).result("u")
    f = d.finding("shortcomings_remedied")
    assert (f.status, f.by_absence, f.value) == ("pass", True, None)
    assert d.level == "htxs"
    assert "reason.criterion_absent" in codes(d)


@pytest.mark.parametrize(
    ("change", "veto", "criterion"),
    [
        ({"disunity_concluded": True}, "Mất đoàn kết nội bộ", "no_disunity"),
        ({"degradation_concluded": True}, "Thành viên suy thoái", "no_degradation"),
        ({"leaders_disciplined": 1}, "Thành viên lãnh đạo bị kỷ luật", "no_leader_disciplined"),
        ({"plan_targets_done_pct": 69.9}, "Đạt dưới 70% chỉ tiêu kế hoạch năm", "tasks_done_floor"),
        ({"basic_targets_met": 4}, "Không đạt các chỉ tiêu cơ bản được giao", "basic_targets"),
        ({"basic_targets_met": 2, "basic_targets_assigned": 3}, "Không đạt các chỉ tiêu cơ bản", "basic_targets"),
        ({"personnel_violation_concluded": True}, "Vi phạm trong công tác cán bộ", "no_personnel_violation"),
        ({"factionalism_concluded": True}, "Bè phái", "no_factionalism"),
    ],
)
def test_every_veto_forces_kht_whatever_the_score(rate, change: dict, veto: str, criterion: str) -> None:
    d = rate(make_card("u", **{**EXCELLENT, **change})).result("u")
    assert d.level == "kht"
    assert d.score == 95
    assert d.finding(criterion).status == "fail"
    veto_reasons = [r for r in d.reasons if r.code == "reason.veto"]
    assert len(veto_reasons) == 1
    assert veto in veto_reasons[0].text("vi")
    # The gap names the veto to lift.
    assert d.gap_level == "ht"
    assert any(g.kind == "veto" for g in d.gap)


def test_veto_floor_is_exactly_70(rate) -> None:
    d = rate(make_card("u", **{**EXCELLENT, "tasks_done_pct": 70})).result("u")
    assert d.finding("tasks_done_floor").status == "pass"
    assert d.level == "kht"  # still not 100% done, so no level above kht, but no veto
    assert "reason.veto" not in codes(d)


def test_two_vetoes_are_both_reported(rate) -> None:
    d = rate(make_card("u", disunity_concluded=True, basic_targets_met=3)).result("u")
    assert d.level == "kht"
    assert codes(d).count("reason.veto") == 2


# --- quota


def group(n_excellent: int, n_good: int, **extra) -> list[dict]:
    cards = [make_card(f"x{i:02d}", **{**EXCELLENT, "task_results": 60 + i, **extra}) for i in range(n_excellent)]
    cards += [make_card(f"g{i:02d}") for i in range(n_good)]
    return cards


@pytest.mark.parametrize(
    ("n_excellent", "n_good", "kept"),
    [
        (1, 4, 1),  # floor(0.2 × 5) = 1
        (2, 3, 1),  # floor(0.2 × 5) = 1
        (1, 3, 0),  # floor(0.2 × 4) = 0: even a lone excellent unit moves down
        (3, 7, 2),  # floor(0.2 × 10) = 2
        (3, 11, 2),  # floor(0.2 × 14) = 2 (2.8 rounds down)
        (5, 10, 3),  # floor(0.2 × 15) = 3 (0.2 × 15 is 3.0000000000000004 in binary floating point)
    ],
)
def test_quota_counts_htt_and_htxs_and_rounds_down(rate, n_excellent: int, n_good: int, kept: int) -> None:
    run = rate(*group(n_excellent, n_good))
    levels = [d.level for d in run.results]
    assert levels.count("htxs") == kept
    assert levels.count("htt") == n_excellent + n_good - kept
    demoted = [d for d in run.results if "reason.quota_demoted" in codes(d)]
    assert len(demoted) == n_excellent - kept
    for d in demoted:
        assert d.level_before_quota == "htxs" and d.level == "htt"
        assert [g.kind for g in d.gap] == ["quota"]


def test_quota_keeps_higher_score_first(rate) -> None:
    run = rate(*group(3, 7))
    kept = sorted(d.unit for d in run.results if d.level == "htxs")
    assert kept == ["x01", "x02"]  # task_results 61 and 62 beat 60


def test_quota_ties_broken_by_exceeded_then_unit(rate) -> None:
    cards = [
        make_card("b", **{**EXCELLENT, "tasks_exceeded_pct": 40}),
        make_card("a", **{**EXCELLENT, "tasks_exceeded_pct": 35}),
        make_card("c", **{**EXCELLENT, "tasks_exceeded_pct": 35}),
        *[make_card(f"g{i}") for i in range(7)],
    ]
    run = rate(*cards)  # 10 counted → 2 kept; same score: b (40%) first, then a before c by unit id
    assert {d.unit for d in run.results if d.level == "htxs"} == {"a", "b"}
    c = run.result("c")
    text = next(r for r in c.reasons if r.code == "reason.quota_demoted").text("en")
    assert (
        "it is 3 of the 3 units that qualify" in text
        and "Phường a (a), the last unit kept: unit id c against a" in text
    )


def test_exceptional_quota_raises_the_rate_to_25_percent(rate) -> None:
    cards = group(3, 5)  # 8 counted: 20% → 1, 25% → 2
    assert [d.level for d in rate(*cards).results].count("htxs") == 1
    run = rate(*cards, exceptional_quota=True)
    assert [d.level for d in run.results].count("htxs") == 2
    assert run.options == {
        "exceptional_quota": True,
        "quota_rate": "0.25",
        "quota_base": "before_selection",
        "exceptional_groups": [],
    }


def test_quota_works_per_peer_group(rate) -> None:
    cards = group(1, 4) + [make_card(f"o{i}", parent="other", **EXCELLENT) for i in range(2)]
    run = rate(*cards)
    assert run.result("x00").level == "htxs"
    assert {run.result("o0").level, run.result("o1").level} == {"htt"}
    assert run.result("o0").peer_group == "other/ward/2025"


def test_explicit_peer_group_overrides_parent_and_kind(rate) -> None:
    a = make_card("a", parent="p1", **EXCELLENT)
    b = make_card("b", parent="p2", kind="commune")
    for c in (a, b):
        c["peer_group"] = "lao-cai"
    run = rate(a, b)
    assert {d.peer_group for d in run.results} == {"lao-cai/2025"}
    assert run.result("a").level == "htt"  # floor(0.2 × 2) = 0


# --- ranking


def test_rank_by_level_then_score_then_unit(rate) -> None:
    cards = [
        make_card("c", task_results=50),  # htt 80
        make_card("a", task_results=50),  # htt 80 (tie with c)
        make_card("b", task_results=45, tasks_late_pct=5),  # ht 75
        make_card("d", task_results=55),  # htt 85
    ]
    run = rate(*cards)
    assert [(d.unit, d.rank) for d in run.results] == [("d", 1), ("a", 2), ("c", 3), ("b", 4)]
    tie = [r for r in run.result("a").reasons if r.code == "reason.rank_tie"]
    assert tie and "c" in tie[0].text("en")


def test_ranks_restart_in_each_group_and_years_never_mix(rate) -> None:
    run = rate(make_card("a"), make_card("a", year=2026), make_card("b", year=2026, task_results=60))
    assert [(d.unit, d.year, d.rank) for d in run.results] == [("a", 2025, 1), ("b", 2026, 1), ("a", 2026, 2)]


# --- missing values


def test_missing_required_indicator_gives_incomplete_and_no_level(rate) -> None:
    run = rate(make_card("u", tasks_late_pct=None, general_2=None), make_card("v"))
    d = run.result("u")
    assert (d.status, d.level, d.score, d.rank) == ("incomplete", None, None, None)
    assert d.missing == ["general_2", "tasks_late_pct"]
    assert d.finding("tasks_on_time").status == "missing"
    [incomplete] = [r.text("vi") for r in d.reasons if r.code == "reason.incomplete"]
    assert "«Tiêu chí chung 2 — năng lực lãnh đạo, đoàn kết nội bộ»" in incomplete and "general_2" not in incomplete
    assert run.result("v").rank == 1
    assert run.results[-1].unit == "u"  # incomplete units come after the ranked ones


def test_null_value_is_missing_not_zero(rate) -> None:
    card = make_card("u")
    card["indicators"]["leaders_disciplined"] = None
    d = rate(card).result("u")
    assert d.status == "incomplete" and d.missing == ["leaders_disciplined"]


# --- overrides


def test_override_is_applied_and_recorded(rate) -> None:
    ov = Override(
        unit="u",
        year=2025,
        lifts=("basic_targets_missed",),
        ground="force_majeure",
        decided_by="Ban Thường vụ Tỉnh ủy",
        decision="Quyết định số 12-QĐ/TU",
        reason="Lũ lớn làm chậm giải ngân",
    )
    run = rate(make_card("u", basic_targets_met=4, tasks_late_pct=10), overrides=[(ov, Location(file="ov.yaml"))])
    d = run.result("u")
    assert d.level == "ht"  # 10% late: the points and conditions give HT once the veto is lifted
    text = next(r for r in d.reasons if r.code == "reason.override_lifted").text("vi")
    assert "Ban Thường vụ Tỉnh ủy" in text and "Quyết định số 12-QĐ/TU" in text and "Lũ lớn" in text
    assert "«Không đạt các chỉ tiêu cơ bản được giao»" in text
    assert (
        "Mức xếp loại theo điểm và các điều kiện: «Hoàn thành nhiệm vụ» (trước khi gỡ: «Không hoàn thành nhiệm vụ»)"
        in text
    )


def test_override_for_an_absent_unit_is_an_error(rate) -> None:
    ov = Override(unit="zz", year=2025, level="ht", decided_by="x", decision="y", reason="z")
    with pytest.raises(DefinitionError) as err:
        rate(make_card("u"), overrides=[(ov, Location(file="ov.yaml", line=3))])
    assert err.value.problems[0].code == "override.unit_unknown"
    assert err.value.problems[0].location.line == 3


# --- gap


def test_gap_names_value_and_threshold(rate) -> None:
    d = rate(make_card("u", task_results=55, tasks_exceeded_pct=25)).result("u")
    assert d.level == "htt" and d.gap_level == "htxs"
    texts = [g.reason.text("en") for g in d.gap]
    assert texts == [
        "The total score must be at least 90, now 85",
        "The share of tasks exceeded must be at least 30%, now 25%",
    ]
    assert next(r for r in d.reasons if r.code == "reason.gap").text("vi") == (
        "Để đạt mức «Hoàn thành xuất sắc nhiệm vụ»: tổng điểm phải từ 90 trở lên, hiện 85; "
        "tỷ lệ nhiệm vụ hoàn thành vượt mức phải từ 30% trở lên, hiện 25%"
    )


def test_top_level_has_no_gap(rate) -> None:
    d = rate(make_card("u", **EXCELLENT), *[make_card(f"p{i}") for i in range(4)]).result("u")
    assert d.level == "htxs" and d.gap_level is None and d.gap == []


def test_a_cap_veto_lowers_only_a_better_level(qd366, tmp_path) -> None:
    from conftest import QD366_SCHEME, raw
    from evaluator import bind_scheme, check_scorecards, evaluate

    text = QD366_SCHEME.read_text(encoding="utf-8").replace(
        "vetoes:  # any one forces KHT for a leadership collective\n",
        "vetoes:  # any one forces KHT for a leadership collective\n"
        "  - id: subunit_cap\n    title: {vi: Giới hạn thử, en: Test cap}\n    criterion: no_subunit_disciplined\n"
        "    effect: cap\n    level: ht\n    reference: thử nghiệm\n",
    )
    path = tmp_path / "scheme.yaml"
    path.write_text(text, encoding="utf-8")
    scheme = bind_scheme(path, qd366)
    cards = [
        make_card("good", subunits_disciplined=1),  # htt by its band → capped to ht
        make_card("weak", subunits_disciplined=1, tasks_late_pct=10),  # ht already: unchanged
        make_card("clean"),
    ]
    run = evaluate(qd366, check_scorecards([raw(c) for c in cards], qd366), scheme)
    assert run.result("good").level == "ht"
    assert [r.text("en") for r in run.result("good").reasons if r.code == "reason.veto"] == [
        "Veto 'Test cap': the number of sub-units disciplined this year must be 0, now 1, so the unit is rated at "
        "most 'Completed' (reference: thử nghiệm)"
    ]
    assert run.result("weak").level == "ht"
    assert run.result("clean").level == "htt"
