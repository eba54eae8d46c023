"""The most common real district: more places than candidates for 'excellent'."""

from __future__ import annotations

from conftest import EXCELLENT, make_card


def test_one_candidate_among_ten_good_units_keeps_excellent(rate) -> None:
    cards = [make_card(f"u{i:02d}") for i in range(9)] + [make_card("star", **EXCELLENT)]
    run = rate(*cards)
    levels = {d.unit: d.level for d in run.results}
    assert levels["star"] == "htxs"
    assert sorted(v for u, v in levels.items() if u != "star") == ["htt"] * 9
    star = run.result("star")
    assert "reason.quota_kept" in [r.code for r in star.reasons]
    assert [d.rank for d in run.results] == list(range(1, 11))
