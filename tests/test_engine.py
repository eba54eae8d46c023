"""The durable_rules engine against the pure-Python reference, and the engine's traps pinned."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import durable_rules_engine as dre
import pytest
from durable import engine as host_engine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine_support import Harness
from evaluator import EngineInvariantError, check_scorecards, load_criteria
from evaluator.backends.durable.driver import Engine, dumps_safe
from evaluator.backends.reference import reference_findings
from evaluator.errors import Location
from evaluator.ir import Match
from evaluator.scorecards import RawCard

FIXTURES = Path(__file__).parent / "fixtures"
SYNTHETIC = load_criteria(FIXTURES / "synthetic-criteria.yaml")
REGIONS = list(SYNTHETIC.model.regions or ())
RATINGS = ["xuat_sac", "tot", "kha", "trung_binh", "kem"]

# Values around every threshold the synthetic criteria use, plus awkward floats.
EDGES = [
    0,
    0.0000001,
    1e-7 * 2,
    0.1,
    0.3,
    0.30000000000000004,
    5,
    9.9,
    10,
    10.1,
    13.9,
    21.8,
    21.9,
    31.4,
    33,
    36,
    44.9,
    45,
    45.1,
    49.9,
    50,
    59,
    59.9,
    60,
    84.9,
    85,
    90,
    90.1,
    92.4,
    92.5,
    94.9,
    95,
    99.9,
    100,
]


def random_card(rng: random.Random, i: int) -> dict[str, Any]:
    def num(hi: float) -> float | int:
        r = rng.random()
        if r < 0.45:
            return rng.choice([e for e in EDGES if e <= hi])
        if r < 0.7:
            return rng.randint(0, int(hi))
        return round(rng.uniform(0, hi), rng.choice([1, 2, 7]))

    ind: dict[str, Any] = {
        "income": num(200),
        "insured": num(100),
        "stunting": num(100),
        "poor": num(100),
        "houses": rng.randint(0, 30),
        "total": rng.randint(1, 40),
        "water": num(100),
        "clean": num(100),
        "school": rng.random() < 0.5,
        "market": rng.random() < 0.5,
        "rating": rng.choice(RATINGS),
        "p1": num(10),
        "p2": num(10),
        "debt": num(100),
    }
    for key in list(ind):
        if rng.random() < 0.08:
            del ind[key]  # missing
    return {
        "unit": f"u{i}",
        "name": f"Xã {i}",
        "kind": "commune",
        "region": rng.choice(REGIONS),
        "year": rng.choice([2016, 2019, 2020, 2024]),
        "indicators": ind,
    }


def submitted(cards: list[dict[str, Any]]):
    raws = [RawCard(c, lambda loc: Location(field=".".join(map(str, loc)))) for c in cards]
    return check_scorecards(raws, SYNTHETIC)


def reference(ev: Harness, sub) -> list[Match]:
    values = dict(sub.values)
    values.update({n: r.value for n, r in ev.parameters(sub.card.region, sub.card.year).items()})
    return reference_findings(SYNTHETIC.items, values)  # a list of levels as written: the reference reads it


def test_engine_matches_reference_on_random_and_boundary_scorecards() -> None:
    rng = random.Random(20251122)
    subs = submitted([random_card(rng, i) for i in range(3000)])
    ev = Harness(SYNTHETIC)
    seen: set[str] = set()
    terms: set[tuple[int, str, int]] = set()
    with ev.session() as eng:
        assert eng is not None
        for sub in subs:
            got = eng.findings(ev.fact(sub), sub.card.unit)
            want = reference(ev, sub)
            assert got == want, sub.card.unit
            seen.update(f"{m.criterion}:{m.status}" for m in got)
            terms.update((m.criterion, m.status, m.term) for m in got)
        assert eng.leftover_facts() == []
    # The sample reaches every status of every criterion it can reach, and every band (each scored
    # rule) of the points by steps.
    for it in SYNTHETIC.items:
        statuses = {"scored", "missing"} if it.kind == "points" else {"pass", "fail", "missing"}
        assert {s for s in statuses if f"{it.index}:{s}" in seen} == statuses, it.id
        if it.stepped:
            assert {(it.index, "scored", j) for j in range(len(it.scored_terms))} <= terms, it.id


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(min_value=0, max_value=10**9))
def test_engine_matches_reference_property(seed: int) -> None:
    rng = random.Random(seed)
    subs = submitted([random_card(rng, i) for i in range(3)])
    ev = Harness(SYNTHETIC)
    with ev.session() as eng:
        for sub in subs:
            assert eng.findings(ev.fact(sub), sub.card.unit) == reference(ev, sub)


class SyncHost(host_engine.Host):
    """The public durable.engine API, without its background timers."""

    def _run(self) -> None:
        pass


def test_public_host_api_agrees_with_the_lean_driver(monkeypatch: pytest.MonkeyPatch) -> None:
    # The public API writes facts with json.dumps, which gives "1e-07" for the parameter 'tiny';
    # the engine refuses that (error 204). Give the adapter the same safe serialiser.
    import types

    safe_json = types.SimpleNamespace(dumps=lambda obj, **kw: dumps_safe(obj), loads=json.loads)
    monkeypatch.setattr(host_engine, "json", safe_json)
    ev = Harness(SYNTHETIC)
    fired: list[str] = []
    rulesets = {}
    for n, shard in enumerate(ev.compiled.shards):
        rulesets[f"host_{n}"] = {
            name: {**rule, "run": (lambda nm: lambda c: fired.append(nm))(name)} for name, rule in shard.items()
        }
    host = SyncHost()
    host.register_rulesets(rulesets)
    rng = random.Random(7)
    subs = submitted([random_card(rng, i) for i in range(300)])
    with ev.session() as eng:
        for sub in subs:
            fact = json.loads(dumps_safe(ev.fact(sub)))
            fired.clear()
            for name in rulesets:
                state = host.assert_fact(name, fact)
                assert "exception" not in state
                host.retract_fact(name, fact)
            assert sorted(fired) == sorted(eng.fired(ev.fact(sub)))


def test_dumps_safe_never_writes_an_exponent() -> None:
    text = dumps_safe({"a": 1e-05, "b": [2e-07, 1e20], "c": "x,1e-5 'text'", "d": 1.5e-07, "e": 3})
    assert json.loads(text) == {"a": 1e-05, "b": [2e-07, 1e20], "c": "x,1e-5 'text'", "d": 1.5e-07, "e": 3}
    assert "e-" not in text.replace("x,1e-5", "")
    with pytest.raises(ValueError):
        dumps_safe({"x": float("nan")})


def test_exponent_values_reach_the_engine_intact() -> None:
    # 2e-07 > tiny (1e-07) must pass; written as "2e-07" the engine would refuse the fact.
    card = random_card(random.Random(1), 0)
    card["indicators"].update({"stunting": 2e-07})
    sub = submitted([card])[0]
    ev = Harness(SYNTHETIC)
    with ev.session() as eng:
        metas = eng.findings(ev.fact(sub), "u0")
    tiny = SYNTHETIC.item("c_tiny").index
    assert metas[tiny].status == "pass"


def test_missing_finding_is_an_invariant_error() -> None:
    ev = Harness(SYNTHETIC)
    with ev.session() as eng:
        with pytest.raises(EngineInvariantError) as err:
            eng.findings({"_kind": "other"}, "x")  # matches no rule at all
    assert {p.code for p in err.value.problems} == {"engine.finding_count"}
    assert len(err.value.problems) == len(SYNTHETIC.items)


def test_engines_are_isolated_and_closed() -> None:
    ev = Harness(SYNTHETIC)
    sub = submitted([random_card(random.Random(3), 0)])[0]
    engines = [Engine(ev.compiled, ev.self_test_facts()) for _ in range(5)]
    try:
        results = [e.findings(ev.fact(sub), "u") for e in engines]
        assert all(r == results[0] for r in results)
    finally:
        for e in engines:
            e.close()
    with pytest.raises(RuntimeError):
        engines[0].fired({})


def test_many_runs_do_not_exhaust_the_engine() -> None:
    # More than durable_rules' 1024 sessions per ruleset and many rulesets built and freed.
    ev = Harness(SYNTHETIC)
    subs = submitted([random_card(random.Random(5), i) for i in range(50)])
    for _ in range(30):
        with ev.session() as eng:
            for sub in subs:
                eng.findings(ev.fact(sub), sub.card.unit)
    with ev.session() as eng:
        for _ in range(1100):
            eng.findings(ev.fact(subs[0]), "u")
        assert eng.leftover_facts() == []


def test_or_in_a_rule_would_fire_twice_which_is_why_none_is_emitted() -> None:
    # The trap: a fact matching both branches of one $or rule activates it twice.
    h = dre.create_ruleset(
        "trap_or", json.dumps({"r": {"all": [{"m": {"$or": [{"$gte": {"a": 5}}, {"$gte": {"b": 5}}]}}]}})
    )
    try:
        _code, state = dre.assert_fact(h, '{"a": 6, "b": 7}')
        count = 0
        r = dre.start_action_for_state(h, state)
        while r:
            count += 1
            r = dre.complete_and_start_action(h, state)
        assert count == 2
    finally:
        dre.delete_state(h, "0")
        dre.delete_ruleset(h)
    ev = Harness(SYNTHETIC)
    assert "$or" not in json.dumps(ev.compiled.shards)


def test_constant_arithmetic_is_folded_before_the_engine() -> None:
    # durable_rules mis-evaluates arithmetic on two constants; the compiler must never emit it.
    ev = Harness(SYNTHETIC)
    text = json.dumps(ev.compiled.shards)
    assert '"$l": 0.1' not in text and '"$r": 0.2' not in text


def test_reference_backend_gives_the_same_run(rate, qd366) -> None:
    from conftest import EXCELLENT, make_card

    cards = [make_card(f"u{i}", task_results=40 + i * 3) for i in range(8)] + [make_card("x", **EXCELLENT)]
    a = rate(*cards).to_dict("en")
    b = rate(*cards, backend="reference").to_dict("en")
    a_engine, b_engine = a.pop("engine"), b.pop("engine")
    assert a_engine["backend"] == "durable_rules" and b_engine["backend"] == "reference"
    # Each names what it matched with: the durable_rules rules, or the terms of the intermediate form.
    assert len(a_engine["rules_sha256"]) == len(b_engine["rules_sha256"]) == 64
    assert a_engine["rules_sha256"] != b_engine["rules_sha256"]
    assert a == b


def test_many_criteria_are_sharded_and_still_agree(tmp_path: Path) -> None:
    # 60 criteria: more than one ruleset (24 criteria each), and more sibling tests than
    # durable_rules allows under one node if they were not sharded.
    import yaml

    indicators = {
        f"x{i}": {"type": "number", "title": {"vi": f"x{i}", "en": f"x{i}"}, "min": 0, "max": 100} for i in range(60)
    }
    criteria = [
        {
            "id": f"k{i}",
            "title": {"vi": f"k{i}", "en": f"k{i}"},
            "condition": f"x{i} >= {i} or x{(i + 1) % 60} < {i / 2}",
        }
        for i in range(60)
    ]
    doc = {
        "id": "many",
        "version": "1",
        "title": {"vi": "Nhiều", "en": "Many"},
        "valid_from": "2020-01-01",
        "unit_kinds": ["commune"],
        "indicators": indicators,
        "criteria": criteria,
    }
    path = tmp_path / "many.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    many = load_criteria(path)
    ev = Harness(many)
    assert len(ev.compiled.shards) == 3
    rng = random.Random(60)
    cards = []
    for n in range(200):
        ind = {f"x{i}": rng.choice([0, i / 2, i, i + 0.5, 100]) for i in range(60) if rng.random() > 0.05}
        cards.append({"unit": f"u{n}", "name": "x", "kind": "commune", "year": 2021, "indicators": ind})
    subs = check_scorecards([RawCard(c, lambda loc: Location()) for c in cards], many)
    with ev.session() as eng:
        for sub in subs:
            assert eng.findings(ev.fact(sub), sub.card.unit) == reference_findings(many.items, sub.values)
        assert eng.leftover_facts() == []


def test_an_assumed_indicator_left_out_selects_the_terms_written_for_its_absence() -> None:
    """c_assumed reads 'poor' as 10 and 'debt' as stunting_max when they are left out: every
    combination has its own pass and fail rules, each fires exactly when that combination is
    absent, and the two engines agree on every one."""
    it = SYNTHETIC.item("c_assumed")
    assert it.assumed_names == {"poor", "debt"}
    compiled = Harness(SYNTHETIC).compiled
    rules = {name for name, m in compiled.meta.items() if m.criterion == it.index}
    # no missing rule for an assumed indicator: only 'houses' can be missing
    assert {name for name in rules if "__missing__" in name} == {f"c{it.index:03d}__missing__2"}
    rng = random.Random(11)
    cards = [random_card(rng, i) for i in range(600)]
    for i, card in enumerate(cards):  # every combination of the two left out, often
        for name in ("poor", "debt")[: i % 3]:
            card["indicators"].pop(name, None)
    ev = Harness(SYNTHETIC)
    seen: set[tuple[str, frozenset[str]]] = set()
    with ev.session() as eng:
        assert eng is not None
        for sub in submitted(cards):
            got = eng.findings(ev.fact(sub), sub.card.unit)
            assert got == reference(ev, sub)
            meta = got[it.index]
            assert f"c{it.index:03d}__{meta.status}__{meta.term}" in rules
            if meta.status in ("pass", "fail"):
                left_out = frozenset(n for n in ("poor", "debt") if n not in sub.values)
                assert it.absent_for(meta.status, meta.term) == left_out
                seen.add((meta.status, left_out))
    combos = [frozenset(), frozenset({"poor"}), frozenset({"debt"}), frozenset({"poor", "debt"})]
    # both left out: 10 + stunting_max <= 2 × stunting_max holds for every region's value (≥ 13.9)
    assert seen == {("pass", c) for c in combos} | {("fail", c) for c in combos[:3]}


def test_the_finding_says_which_value_was_assumed() -> None:
    card = random_card(random.Random(5), 0)
    card["region"] = "TN"  # stunting_max 31.4
    card["indicators"].update({"houses": 3, "stunting": 1})
    card["indicators"].pop("poor", None)
    card["indicators"]["debt"] = 60
    sub = submitted([card])[0]
    ev = Harness(SYNTHETIC)
    with ev.session() as eng:
        findings = ev.findings(sub, ev.metas(eng, sub))
    f = next(f for f in findings if f.criterion == "c_assumed")
    # 10 + 60 <= 62.8 fails; the threshold shows the value read in place of 'poor'
    assert (f.status, f.assumed, f.absent) == ("fail", (("poor", 10.0),), ("poor",))
    assert f.threshold == "10 + debt ≤ stunting_max * 2 or houses = 0".replace("stunting_max", "31.4")
    assert f.to_dict()["assumed"] == {"poor": 10.0} and f.to_dict()["value"]["poor"] is None
    assert [p.name for p in f.parameters] == ["stunting_max"]
    card["indicators"].pop("debt")  # now 'debt' is read as stunting_max: 10 + 31.4 <= 62.8
    sub = submitted([card])[0]
    with ev.session() as eng:
        f = next(f for f in ev.findings(sub, ev.metas(eng, sub)) if f.criterion == "c_assumed")
    assert (f.status, dict(f.assumed)) == ("pass", {"poor": 10.0, "debt": 31.4})
    assert f.threshold == "10 + 31.4 ≤ 31.4 * 2 or houses = 0"
