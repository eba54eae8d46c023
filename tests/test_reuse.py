"""Reusing compiled rules and engines between runs (what the service does): the same results as a
fresh engine each run, nothing left in a reused engine, a failed run's engine closed."""

from __future__ import annotations

import pytest

from evaluator import bind_scheme, evaluate, load_criteria, read_scorecards, reuse
from evaluator.engine import Engine
from evaluator.findings import Evaluator
from tabular_support import CRITERIA, EXAMPLES

CRIT = load_criteria(CRITERIA)
SCHEME = bind_scheme(CRITERIA.parent.parent / "rules" / "qd366.yaml", CRIT)
CARDS = read_scorecards([EXAMPLES], CRIT)


def test_runs_that_reuse_give_the_bytes_of_fresh_runs() -> None:
    fresh = evaluate(CRIT, CARDS, SCHEME).to_json("vi")
    with reuse.reusing():
        first = Evaluator(CRIT, "durable", SCHEME.band_params)
        runs = [evaluate(CRIT, CARDS[i:] + CARDS[:i], SCHEME).to_json("vi") for i in range(3)]
        again = Evaluator(CRIT, "durable", SCHEME.band_params)
        assert again.compiled is first.compiled
        with again.session() as engine:
            assert engine is not None and engine.leftover_facts() == []
    assert runs == [fresh] * 3
    assert Evaluator(CRIT, "durable", SCHEME.band_params).compiled is not first.compiled  # outside: compiled anew


def test_an_idle_engine_is_reused_and_a_failed_runs_engine_closed() -> None:
    ev = Evaluator(CRIT, "durable", SCHEME.band_params)
    with reuse.reusing():
        with ev.session() as engine:
            pass
        with ev.session() as again:
            assert again is engine
        with pytest.raises(RuntimeError), ev.session() as broken:
            raise RuntimeError("a run that fails half-way")
        assert broken._closed
        with ev.session() as other:
            assert other is not broken and not other._closed
    with ev.session() as outside:
        pass
    assert outside._closed  # outside the block an engine is freed after its run


def test_at_most_idle_engines_are_kept() -> None:
    ev = Evaluator(CRIT, "durable", SCHEME.band_params)
    with reuse.reusing():
        engines = [reuse.engine_for(ev.compiled, lambda: Engine(ev.compiled)) for _ in range(reuse.IDLE + 2)]
        for e in engines:
            reuse.returned(e, True)
        assert sum(not e._closed for e in engines) <= reuse.IDLE
        assert engines[-1]._closed
