"""History indicators against an oracle written from the rule's text, over random pasts and mergers.

The rule, as the README states it: "five years in a row" counts back from the year before the
rating year while the official level of that year is good or better; a year with no official
level ends the streak; before the year of a merger, the merged unit's year counts only when it
counts for every unit it was formed from (the lowest level decides). The oracle reads plain
lists of levels; the code reads the store's in-memory view.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator import evaluate
from evaluator.store.view import Event, HistoryView
from store_support import PAST, PAST_SCHEME, card, checked

YEARS = list(range(2015, 2026))  # rated in 2026
# Mostly good, so that streaks run long enough to cross a merger; None: no official decision that year.
LEVEL = st.sampled_from(["good", "good", "good", "good", "poor", None])


def _view(pasts: dict[str, dict[int, str | None]], merge_year: int | None) -> HistoryView:
    view = HistoryView(shown="<memory>")
    n = 0
    for unit, levels in pasts.items():
        for year, level in levels.items():
            if level is None:
                continue
            n += 1
            row = {"id": n, "decided_on": f"{year + 1}-01-01", "level": level, "family": "yearly-test",
                   "document": f"QĐ {n}"}  # fmt: skip
            view.officials[(unit, year, "yearly-test")] = [row]
    if merge_year is not None:
        view.events.append(Event("m", "merge", f"{merge_year}-07-01", "NQ", ("a", "b"), ("c",)))
    return view


def _oracle(pasts: dict[str, dict[int, str | None]], merge_year: int | None) -> int | None:
    count = 0
    for year in range(2025, 2014, -1):
        units = ["a", "b"] if merge_year is not None and year < merge_year else ["c"]
        levels = [pasts[u].get(year) for u in units]
        if any(level is None for level in levels):
            return None if count == 0 and year == 2025 else count
        if any(level != "good" for level in levels):
            return count
        count += 1
    return count


@settings(max_examples=300, deadline=None)
@given(
    pasts=st.fixed_dictionaries({u: st.fixed_dictionaries({y: LEVEL for y in YEARS}) for u in ("a", "b", "c")}),
    merge_year=st.one_of(st.none(), st.integers(min_value=2016, max_value=2026)),
)
def test_consecutive_good_years_follow_the_rule_across_a_merger(
    pasts: dict[str, dict[int, str | None]], merge_year: int | None
) -> None:
    run = evaluate(PAST, checked(PAST, card("c", 2026)), PAST_SCHEME, history=_view(pasts, merge_year))
    d = run.result("c")
    expected = _oracle(pasts, merge_year)
    if expected is None:
        assert "years_good" in d.missing and d.status == "incomplete"
    else:
        assert d.finding("five_years").value == expected
        assert d.level == ("title" if expected >= 5 else "none")
