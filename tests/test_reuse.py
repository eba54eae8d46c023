"""Reusing compiled criteria and matchers between runs (what the service does): the same results as a
fresh matcher each run, nothing left in a reused engine, a failed run's matcher closed."""

from __future__ import annotations

import pytest

from evaluator import bind_scheme, evaluate, load_criteria, read_scorecards
from evaluator.backends import DEFAULT, durable, reuse, session
from tabular_support import CRITERIA, EXAMPLES

CRIT = load_criteria(CRITERIA)
SCHEME = bind_scheme(CRITERIA.parent.parent / "rules" / "qd366.yaml", CRIT)
CARDS = read_scorecards([EXAMPLES], CRIT)
PARAMS = frozenset(p for it in CRIT.items for p in it.params)


def test_runs_that_reuse_give_the_bytes_of_fresh_runs() -> None:
    fresh = evaluate(CRIT, CARDS, SCHEME).to_json("vi")
    with reuse.reusing():
        first = durable.BACKEND.compile(CRIT, PARAMS)
        runs = [evaluate(CRIT, CARDS[i:] + CARDS[:i], SCHEME).to_json("vi") for i in range(3)]
        again = durable.BACKEND.compile(CRIT, PARAMS)
        assert again.compiled is first.compiled
        with session(DEFAULT, CRIT, PARAMS) as (_, matcher):
            assert isinstance(matcher, durable.DurableMatcher) and matcher.engine.leftover_facts() == []
        first.close()
        again.close()
    assert runs == [fresh] * 3
    outside = durable.BACKEND.compile(CRIT, PARAMS)
    assert outside.compiled is not first.compiled  # outside: compiled anew
    outside.close()


def test_an_idle_matcher_is_reused_and_a_failed_runs_matcher_closed() -> None:
    with reuse.reusing():
        with session(DEFAULT, CRIT, PARAMS) as (_, matcher):
            pass
        with session(DEFAULT, CRIT, PARAMS) as (_, again):
            assert again is matcher
        with pytest.raises(RuntimeError), session(DEFAULT, CRIT, PARAMS) as (_, broken):
            raise RuntimeError("a run that fails half-way")
        assert broken.engine._closed
        with session(DEFAULT, CRIT, PARAMS) as (_, other):
            assert other is not broken and not other.engine._closed
    with session(DEFAULT, CRIT, PARAMS) as (_, outside):
        pass
    assert outside.engine._closed  # outside the block a matcher is freed after its run


def test_at_most_idle_matchers_are_kept() -> None:
    key = ("test", CRIT.sha256)
    with reuse.reusing():
        matchers = [
            reuse.matcher_for(key, lambda: durable.BACKEND.compile(CRIT, PARAMS)) for _ in range(reuse.IDLE + 2)
        ]
        for m in matchers:
            reuse.returned(key, m, True)
        assert sum(not m.engine._closed for m in matchers) <= reuse.IDLE
        assert matchers[-1].engine._closed
