"""Behaviour of the rating core that whole-district tests reach rarely: absent sort values,
a ranking by unit id alone, how values and nested reasons read, lookups that find nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import QD366_SCHEME, make_card, raw
from evaluator import bind_scheme, check_scorecards, evaluate
from evaluator.decision import Reason, show_value
from evaluator.errors import UsageError


def scheme_with_ranking(tmp_path: Path, ranking: str) -> Path:
    text = QD366_SCHEME.read_text(encoding="utf-8")
    path = tmp_path / "scheme.yaml"
    path.write_text(text.replace("ranking: [level, score desc, unit asc]", f"ranking: {ranking}"), encoding="utf-8")
    return path


def ranks(qd366, scheme_path: Path, *cards: dict) -> list[str]:
    run = evaluate(qd366, check_scorecards([raw(c) for c in cards], qd366), bind_scheme(scheme_path, qd366))
    return [d.unit for d in sorted(run.results, key=lambda d: d.rank or 0)]


@pytest.mark.parametrize(("direction", "order"), [("desc", ["a", "c", "b"]), ("asc", ["c", "a", "b"])])
def test_an_absent_sort_value_sorts_last_whatever_the_direction(qd366, tmp_path, direction, order) -> None:
    path = scheme_with_ranking(tmp_path, f"[level, shortcomings_remedied_pct {direction}, unit asc]")
    cards = [
        make_card("a", shortcomings_remedied_pct=100),
        make_card("b", shortcomings_remedied_pct=None),  # none named: absent, not zero
        make_card("c", shortcomings_remedied_pct=90),
    ]
    assert ranks(qd366, path, *cards) == order


def test_a_ranking_by_unit_id_alone_names_no_ties(qd366, tmp_path) -> None:
    path = scheme_with_ranking(tmp_path, "[unit asc]")
    cards = [make_card("b"), make_card("c", task_results=20), make_card("a")]
    run = evaluate(qd366, check_scorecards([raw(c) for c in cards], qd366), bind_scheme(path, qd366))
    assert [(d.unit, d.rank) for d in run.results] == [("a", 1), ("b", 2), ("c", 3)]
    assert not any(r.code == "reason.rank_tie" for d in run.results for r in d.reasons)


def test_observed_values_read_as_people_write_them(qd366) -> None:
    vocab = qd366.vocabulary
    assert vocab.value("tasks_late_pct", None, "vi") == "không có số liệu"  # missing is missing, never 0
    assert vocab.value("tasks_late_pct", None, "en") == "no value"
    assert (vocab.value("disunity_concluded", True, "vi"), vocab.value("disunity_concluded", False, "en")) == (
        "Có",
        "No",
    )
    assert vocab.value("tasks_done_pct", 96.5, "vi") == "96,5%" and vocab.value("tasks_done_pct", 96.5, "en") == "96.5%"
    assert vocab.value("leaders_disciplined", 6826, "vi") == "6.826" and vocab.value("task_results", 90.0, "en") == "90"
    # a value as written in the files, for programs and for errors that quote the data
    assert show_value(None) == "null" and show_value({"done": 99.5, "late": None}) == "done=99.5, late=null"


def test_a_reason_may_cite_another_reason_in_either_language() -> None:
    inner = Reason("gap.score", {"min": 90.0, "now": 85.5})
    outer = Reason("reason.gap", {"level": "HTXS", "items": inner})
    assert outer.text("en") == "To reach the level 'HTXS': The total score must be at least 90, now 85.5"
    assert outer.text("vi") == "Để đạt mức «HTXS»: Tổng điểm phải từ 90 trở lên, hiện 85,5"


def test_looking_up_what_is_not_there_says_so(rate) -> None:
    run = rate(make_card("a"), make_card("a", year=2026))
    assert run.result("a", 2026).year == 2026
    with pytest.raises(KeyError):
        run.result("zz")
    with pytest.raises(KeyError):
        run.result("a", 2024)
    with pytest.raises(KeyError):
        run.result("a").finding("no_such_criterion")


def test_an_unknown_backend_is_refused(qd366, qd366_scheme) -> None:
    subs = check_scorecards([raw(make_card("a"))], qd366)
    with pytest.raises(UsageError) as info:
        evaluate(qd366, subs, qd366_scheme, backend="fast")
    assert [p.code for p in info.value.problems] == ["run.backend"]
    assert "'fast'" in info.value.problems[0].message("en")
