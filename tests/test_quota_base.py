"""The quota's base, a scheme option: 'before_selection' (the units good or better before the
quota, the project's reading) or 'final' (the final HTT count, units moved down included).
Whole districts are checked against the oracle in tests/test_property_districts.py; here the
worked examples the scheme files and the README give, the reasons, and the scheme's checks."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest

from conftest import EXCELLENT, QD366_SCHEME, ROOT, make_card, raw, with_score
from evaluator import DefinitionError, bind_scheme, check_scorecards, evaluate
from evaluator.cohort import allowance
from evaluator.load import load_scheme
from evaluator.model.scheme import Quota

FINAL = ROOT / "examples" / "schemes" / "qd366-final-good-base.yaml"


def district(good: int, candidates: int) -> list[dict]:
    cards = [make_card(f"x{i}", **with_score(99 - i)) for i in range(candidates)]
    return cards + [make_card(f"g{i:02d}") for i in range(good)]


def levels(qd366, scheme_path: Path, cards: list[dict]) -> tuple[dict[str, str | None], object]:
    scheme = bind_scheme(scheme_path, qd366)
    run = evaluate(qd366, check_scorecards([raw(c) for c in cards], qd366), scheme, backend="reference")
    return {d.unit: d.level for d in run.results}, run


@pytest.mark.parametrize(
    ("good", "candidates", "before", "final"),
    [
        (10, 3, 2, 2),  # floor(20% × 13) = 2; final: 2 ≤ floor(20% × 11)
        (8, 3, 2, 1),  # floor(20% × 11) = 2; final: keeping 2 leaves 9 HTT and 2 > floor(20% × 9) = 1
        (3, 2, 1, 0),  # floor(20% × 5) = 1; final: keeping 1 leaves 4 HTT, floor(20% × 4) = 0
        (4, 1, 1, 0),  # floor(20% × 5) = 1; final: keeping it leaves 4 HTT, floor(20% × 4) = 0
        (20, 1, 1, 1),  # far from the limit: both keep the one candidate
        (0, 5, 1, 0),  # no good unit: before, 20% × 5 = 1; final, keeping k leaves 5 − k HTT
    ],
)
def test_the_two_readings_on_worked_examples(qd366, good: int, candidates: int, before: int, final: int) -> None:
    cards = district(good, candidates)
    got_before, _ = levels(qd366, QD366_SCHEME, cards)
    got_final, run = levels(qd366, FINAL, cards)
    assert sum(1 for v in got_before.values() if v == "htxs") == before
    assert sum(1 for v in got_final.values() if v == "htxs") == final
    # the best candidates are the ones kept, under either reading
    assert [u for u, v in sorted(got_final.items()) if v == "htxs"] == [f"x{i}" for i in range(final)]
    (outcome,) = run.quota
    assert outcome.counted == good + candidates - final  # the final HTT count
    assert min(outcome.places, candidates) == final


def test_the_reasons_say_which_count_and_that_units_moved_down_are_in_it(qd366) -> None:
    _, run = levels(qd366, FINAL, district(8, 3))
    kept, moved = run.result("x0"), run.result("x1")
    text = next(r for r in kept.reasons if r.code == "reason.quota_kept_final").text("en")
    assert text.startswith("Within the 'Excellent' quota of peer group p/ward/2025: at most 1 may keep that level, so")
    assert "do not exceed 20% of the units rated 'Good' after the quota (10, those moved down included" in text
    vi = next(r for r in moved.reasons if r.code == "reason.quota_demoted_final").text("vi")
    assert (
        "sau khi áp dụng hạn mức (10 đơn vị, kể cả đơn vị chuyển xuống" in vi and "chuyển xuống «Hoàn thành tốt" in vi
    )
    assert run.options["quota_base"] == "final"
    _, before = levels(qd366, QD366_SCHEME, district(8, 3))
    assert before.options["quota_base"] == "before_selection"
    assert "reason.quota_kept" in [r.code for r in before.result("x0").reasons]


@pytest.mark.parametrize("base", ["before_selection", "final"])
@pytest.mark.parametrize(
    ("against", "demote_to"), [(("htxs", "htt"), "htt"), (("htt",), "htt"), (("htt",), "ht"), (("htxs",), "htt")]
)
def test_allowance_is_the_largest_number_kept_within_its_count(
    base: str, against: tuple[str, ...], demote_to: str
) -> None:
    quota = Quota(level="htxs", counted_against=against, base=base, rate=0.2, demote_to=demote_to, keep_order=["unit"])
    for others in range(0, 12):
        for candidates in range(0, 7):
            places, counted = allowance(quota, Fraction(1, 5), others, candidates)
            kept = min(places, candidates)

            def count(k: int, others: int = others, candidates: int = candidates) -> int:
                """The units at a counted level once k are kept."""
                at, moved = (k, candidates - k) if base == "final" else (candidates, 0)
                return others + at * ("htxs" in against) + moved * (demote_to in against)

            assert counted == count(kept)
            assert kept <= Fraction(1, 5) * count(kept)
            assert all(k > Fraction(1, 5) * count(k) for k in range(kept + 1, candidates + 1))
            if places > candidates:
                assert places == int(Fraction(1, 5) * count(candidates))


def test_with_the_quota_level_counted_the_final_count_is_the_count_before(qd366) -> None:
    """Counted against htxs and htt, moving a unit down changes nothing: both readings agree."""
    q = dict(level="htxs", counted_against=("htxs", "htt"), rate=0.2, demote_to="htt", keep_order=["unit"])
    for others in range(10):
        for c in range(5):
            assert allowance(Quota(base="final", **q), Fraction(1, 5), others, c) == allowance(
                Quota(base="before_selection", **q), Fraction(1, 5), others, c
            )


def scheme_text(old: str, new: str, tmp_path: Path) -> Path:
    text = QD366_SCHEME.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "scheme.yaml"
    path.write_text(text.replace(old, new).replace("../docs/", str(ROOT / "docs") + "/"), encoding="utf-8")
    return path


def test_a_quota_must_say_its_base(tmp_path: Path) -> None:
    path = scheme_text("  base: before_selection\n", "", tmp_path)
    with pytest.raises(DefinitionError) as err:
        load_scheme(path)
    (p,) = err.value.problems
    assert p.code == "key.missing" and p.location.field == "quota.base"


def test_an_unknown_base_is_refused_at_its_line(tmp_path: Path) -> None:
    path = scheme_text("  base: before_selection\n", "  base: finale\n", tmp_path)
    with pytest.raises(DefinitionError) as err:
        load_scheme(path)
    (p,) = err.value.problems
    line = next(i for i, t in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if "base: finale" in t)
    assert p.location.line == line and "finale" in p.message("en")


def test_the_example_scheme_differs_from_the_shipped_one_only_in_the_base() -> None:
    final, _, _ = load_scheme(FINAL)
    shipped, _, _ = load_scheme(QD366_SCHEME)
    assert final.quota is not None and shipped.quota is not None
    assert (final.quota.base, final.quota.counted_against) == ("final", ("htt",))
    assert (shipped.quota.base, shipped.quota.counted_against) == ("before_selection", ("htxs", "htt"))
    same = ("levels", "vetoes", "ranking", "score", "override_grounds")
    assert all(getattr(final, k) == getattr(shipped, k) for k in same)
    assert final.quota.model_dump(exclude={"base", "counted_against"}) == shipped.quota.model_dump(
        exclude={"base", "counted_against"}
    )


def test_a_lone_excellent_unit_keeps_nothing_under_either_reading(qd366) -> None:
    for path in (QD366_SCHEME, FINAL):
        got, _ = levels(qd366, path, [make_card("a", **EXCELLENT)])
        assert got == {"a": "htt"}


def test_the_example_scheme_is_lint_clean_with_the_366_criteria(qd366) -> None:
    from evaluator.lint import lint_scheme
    from evaluator.load import read_scheme

    scheme, doc, _ = read_scheme(FINAL)
    findings = [f for f in lint_scheme(scheme, doc, qd366) if f.severity != "info"]
    assert findings == []
