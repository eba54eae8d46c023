"""Whole districts, generated and shrunk by hypothesis, rated by the project and by an oracle
written from the regulations' text (tests/oracle_regulations.py, which imports nothing of the
project): every unit's level before and after the quota, and its rank, must agree. Then the
invariants of the quota and the ranking, and determinism of the bytes written.

The generated groups include what broke the quota before: no candidate, fewer candidates than
places, exactly as many, more, ties at the cut-off, vetoes, incomplete units, groups of one
(``test_the_generator_reaches_every_situation`` proves each is reached).
"""

from __future__ import annotations

import ast
import functools
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, currently_in_test_context, event, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import HypothesisWarning

import evaluator
import evaluator.model
import oracle_regulations as oracle
from conftest import EXCELLENT, ROOT, make_card, raw
from districts import districts


def reach(strategy: st.SearchStrategy[list[dict]], situation: Callable[[list[dict]], bool]) -> list[dict]:
    """A generated district in which ``situation`` holds (found is enough: no shrinking, which would
    take minutes for nothing the test needs). Hypothesis prints the district found, and warns when
    that text is long — a whole district often is: the warning is not the test's concern."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Generating overly large repr", category=HypothesisWarning)
        return find(
            strategy,
            situation,
            settings=settings(max_examples=1000, database=None, deadline=None, phases=[Phase.generate]),
        )


def runs(n: int) -> settings:
    """``n`` generated districts, with no deadline (a district takes milliseconds to a second)."""
    return settings(
        max_examples=n, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
    )


REGS = {"366": oracle.REG_366, "124": oracle.REG_124}
FILES = {"366": "qd366-collective", "124": "qd124-collective"}


@functools.cache
def loaded(reg: str) -> tuple[evaluator.Criteria, evaluator.BoundScheme]:
    crit = evaluator.load_criteria(ROOT / "criteria" / f"{FILES[reg]}.yaml")
    return crit, evaluator.bind_scheme(evaluator.default_scheme_path(crit), crit)


@functools.cache
def final_base() -> evaluator.BoundScheme:
    """The literal reading of 366's quota base: the final HTT count (an example scheme)."""
    crit, _ = loaded("366")
    return evaluator.bind_scheme(ROOT / "examples" / "schemes" / "qd366-final-good-base.yaml", crit)


def rate(
    reg: str, cards: list[dict], backend: str = "reference", exceptional: bool = False, final: bool = False
) -> evaluator.Run:
    crit, scheme = loaded(reg)
    subs = evaluator.check_scorecards([raw(c) for c in cards], crit)
    scheme = final_base() if final else scheme
    return evaluator.evaluate(crit, subs, scheme, backend=backend, exceptional_quota=exceptional)


def situations(reg: str, cards: list[dict], rate_pct: int = 20) -> set[str]:
    """What the generated district holds, as the oracle sees it (for hypothesis' statistics)."""
    verdicts = oracle.rate(REGS[reg], cards, rate_pct)
    keys = oracle.REG_366.keep_keys if reg == "366" else oracle.REG_124.keep_keys
    by_unit = {(c["unit"], c["year"]): c for c in cards}
    found: set[str] = set()
    groups: dict[str, list[oracle.Verdict]] = {}
    for v in verdicts.values():
        groups.setdefault(v.group, []).append(v)
    for members in groups.values():
        counted = sum(1 for v in members if v.before_quota in ("htxs", "htt"))
        places = counted * rate_pct // 100
        candidates = sorted(
            (v for v in members if v.before_quota == "htxs"),
            key=lambda v: (keys(by_unit[v.unit, v.year]["indicators"]), v.unit),
        )
        n = len(candidates)
        found.add("no candidate" if n == 0 else "fewer" if n < places else "exact" if n == places else "more")
        if 0 < places < n:
            cut = [keys(by_unit[v.unit, v.year]["indicators"]) for v in candidates[places - 1 : places + 1]]
            if cut[0] == cut[1]:
                found.add("tie at the cut-off")
        if len(members) == 1:
            found.add("group of one")
        if any(not v.rated for v in members):
            found.add("incomplete unit")
        if any(v.before_quota == "kht" for v in members):
            found.add("kht (a veto or no band)")
    return found


def agree(reg: str, cards: list[dict], run: evaluator.Run, rate_pct: int, base: str = "before_selection") -> None:
    expected = oracle.rate(REGS[reg], cards, rate_pct, base)
    assert len(run.results) == len(expected)
    for d in run.results:
        v = expected[(d.unit, d.year)]
        got = (d.peer_group, d.status == "rated", d.level_before_quota, d.level, d.rank)
        want = (v.group, v.rated, v.before_quota, v.level, v.rank)
        assert got == want, f"{d.unit}@{d.year}: project {got}, regulation {want}"
    if currently_in_test_context():
        for s in situations(reg, cards, rate_pct):
            event(s)


# ---------------------------------------------------------------- the oracle


def test_the_oracle_imports_nothing_of_the_project() -> None:
    tree = ast.parse(Path(oracle.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, "no relative imports"
            imported.add((node.module or "").split(".")[0])
    assert imported <= {"__future__", "dataclasses", "fractions", "typing"}, imported
    assert not any(name.startswith("evaluator") or name == "conftest" for name in imported)


@runs(500)
@given(cards=districts("366"), exceptional=st.booleans())
def test_regulation_366_districts_agree_with_the_oracle(cards: list[dict], exceptional: bool) -> None:
    run = rate("366", cards, exceptional=exceptional)
    agree("366", cards, run, 25 if exceptional else 20)


@runs(300)
@given(cards=districts("366"), exceptional=st.booleans())
def test_the_final_good_count_reading_agrees_with_the_oracle(cards: list[dict], exceptional: bool) -> None:
    run = rate("366", cards, exceptional=exceptional, final=True)
    agree("366", cards, run, 25 if exceptional else 20, base="final")


@runs(40)
@given(cards=districts("366", max_groups=3))
def test_the_final_good_count_reading_agrees_through_durable_rules(cards: list[dict]) -> None:
    agree("366", cards, rate("366", cards, backend="durable", final=True), 20, base="final")


def test_the_generator_reaches_groups_where_the_two_readings_differ() -> None:
    def differ(cards: list[dict]) -> bool:
        before, final = oracle.rate(oracle.REG_366, cards), oracle.rate(oracle.REG_366, cards, base="final")
        return any(before[k].level != final[k].level for k in before)

    assert differ(reach(districts("366"), differ))


@runs(200)
@given(cards=districts("124"))
def test_regulation_124_districts_agree_with_the_oracle(cards: list[dict]) -> None:
    agree("124", cards, rate("124", cards), 20)


@runs(100)
@given(cards=districts("366", max_groups=3))
def test_regulation_366_districts_agree_through_durable_rules(cards: list[dict]) -> None:
    agree("366", cards, rate("366", cards, backend="durable"), 20)


@runs(40)
@given(cards=districts("124", max_groups=3))
def test_regulation_124_districts_agree_through_durable_rules(cards: list[dict]) -> None:
    agree("124", cards, rate("124", cards, backend="durable"), 20)


def form_situations(cards: list[dict]) -> set[str]:
    """What the district's Regulation 366 scorecards hold of the form's fields, as the oracle sees it."""
    verdicts = oracle.rate(oracle.REG_366, cards)
    found: set[str] = set()
    for c in cards:
        v, ind = verdicts[(c["unit"], c["year"])], c["indicators"]
        if not v.rated:
            continue
        assigned = ind.get("basic_targets_assigned")
        if assigned is not None and assigned < 5 and ind["basic_targets_met"] == assigned and v.before_quota != "kht":
            found.add("fewer basic targets assigned, all met, rated above kht")
        if assigned is None and ind["basic_targets_met"] < 5:
            found.add("basic targets missed, the number assigned not given")
        if ind["tasks_done_pct"] == 100 and ind["plan_targets_done_pct"] < 70:
            found.add("every own task done, plan targets below 70%")
        if ind["tasks_done_pct"] == 100 and 70 <= ind["plan_targets_done_pct"] < 100 and v.before_quota == "htxs":
            found.add("plan targets short of 100% and excellent")
        if ind["personnel_violation_concluded"] or ind["factionalism_concluded"]:
            found.add("personnel violation or factionalism")
    return found


@pytest.mark.parametrize(
    "situation",
    [
        "fewer basic targets assigned, all met, rated above kht",
        "basic targets missed, the number assigned not given",
        "every own task done, plan targets below 70%",
        "plan targets short of 100% and excellent",
        "personnel violation or factionalism",
    ],
)
def test_the_generator_reaches_every_field_of_the_366_form(situation: str) -> None:
    reach(districts("366"), lambda cards: situation in form_situations(cards))


@pytest.mark.parametrize(
    "situation",
    ["no candidate", "fewer", "exact", "more", "tie at the cut-off", "group of one", "incomplete unit"],
)
@pytest.mark.parametrize("reg", ["366", "124"])
def test_the_generator_reaches_every_situation(reg: str, situation: str) -> None:
    reach(districts(reg), lambda cards: situation in situations(reg, cards))


# ---------------------------------------------------------------- invariants


def by_group(run: evaluator.Run) -> dict[str, list[evaluator.Decision]]:
    out: dict[str, list[evaluator.Decision]] = {}
    for d in run.results:
        out.setdefault(d.peer_group, []).append(d)
    return out


@runs(150)
@given(cards=districts("366"), exceptional=st.booleans())
def test_quota_and_ranking_invariants(cards: list[dict], exceptional: bool) -> None:
    run = rate("366", cards, exceptional=exceptional)
    card = {(c["unit"], c["year"]): c for c in cards}
    _, scheme = loaded("366")
    quota = scheme.model.quota
    assert quota is not None
    rate_ = quota.exceptional_rate if exceptional else quota.rate
    order = scheme.level_order
    outcomes = {o.group: o for o in run.quota}
    for group, members in by_group(run).items():
        rated = [d for d in members if d.status == "rated"]
        counted = [d for d in rated if d.level_before_quota in quota.counted_against]
        candidates = [d for d in rated if d.level_before_quota == quota.level]
        places = int(rate_ * len(counted))  # floor: both are non-negative
        kept = [d for d in candidates if d.level == quota.level]
        # places kept = min(candidates, floor(rate × counted)), counting rated units only
        assert len(kept) == min(len(candidates), places)
        o = outcomes[group]
        assert (o.counted, o.places, o.candidates) == (len(counted), places, len(candidates))
        for d in members:
            if d.status != "rated":  # incomplete: never counted, never a level, never a rank
                assert (d.level, d.level_before_quota, d.rank) == (None, None, None)
                continue
            assert order[d.level] >= order[d.level_before_quota]  # the quota never raises a unit
            if d.level != d.level_before_quota:
                assert (d.level_before_quota, d.level) == (quota.level, quota.demote_to)
        # ranks 1…n, no gap, in the order of the documented keys
        assert sorted(d.rank for d in rated) == list(range(1, len(rated) + 1))
        ranked = sorted(rated, key=lambda d: d.rank)
        keys = [(order[d.level], -(d.score or 0), d.unit) for d in ranked]
        assert keys == sorted(keys)
        # a tie is reported exactly when the last kept and the first moved down share score and exceeded
        tie = o.tie
        keys = [oracle.REG_366.keep_keys(card[d.unit, d.year]["indicators"]) for d in candidates]
        keys.sort()
        assert (tie is not None) == (0 < places < len(keys) and keys[places - 1] == keys[places])
        if tie is not None:
            assert set(tie.kept) <= {d.unit for d in kept} and tie.places <= len(kept)
            assert not set(tie.demoted) & {d.unit for d in kept}
            for d in members:
                assert ("reason.quota_tie" in [r.code for r in d.reasons]) == (d.unit in tie.units)


@runs(150)
@given(cards=districts("366"), exceptional=st.booleans())
def test_the_final_count_keeps_the_most_that_stay_within_it(cards: list[dict], exceptional: bool) -> None:
    """Under base: final, k units kept satisfy k ≤ floor(rate × the final HTT count), keeping one
    more would not, and never more are kept than the reading before the selection keeps."""
    run = rate("366", cards, exceptional=exceptional, final=True)
    before = {(d.unit, d.year): d.level for d in rate("366", cards, exceptional=exceptional).results}
    quota = final_base().model.quota
    assert quota is not None and quota.base == "final"
    rate_ = quota.exceptional_rate if exceptional else quota.rate
    outcomes = {o.group: o for o in run.quota}
    for group, members in by_group(run).items():
        rated = [d for d in members if d.status == "rated"]
        candidates = [d for d in rated if d.level_before_quota == "htxs"]
        kept = sum(1 for d in rated if d.level == "htxs")
        good_after = sum(1 for d in rated if d.level == "htt")
        assert kept <= int(rate_ * good_after)
        if kept < len(candidates):
            assert kept + 1 > int(rate_ * (good_after - 1))  # one more kept is one fewer HTT
        assert kept <= sum(1 for d in members if before[(d.unit, d.year)] == "htxs")
        o = outcomes[group]
        assert (o.counted, o.candidates, min(o.places, len(candidates))) == (good_after, len(candidates), kept)
        for d in rated:  # the quota never raises a unit, and moves down only to htt
            assert d.level == d.level_before_quota or (d.level_before_quota, d.level) == ("htxs", "htt")


@runs(80)
@given(cards=districts("366"))
def test_a_settlement_keeps_exactly_the_units_it_names(cards: list[dict]) -> None:
    run = rate("366", cards)
    crit, scheme = loaded("366")
    settlements = []
    chosen: set[tuple[str, int]] = set()
    for tie in run.ties:
        year = int(tie.group.rsplit("/", 1)[1])
        for unit in tie.units[-tie.places :]:  # the ones the unit id would have moved down first
            chosen.add((unit, year))
            ts = evaluator.model.TieSettlement(unit=unit, year=year, decided_by="BTV", decision="BB 1", reason="r")
            settlements.append((ts, evaluator.Location(file="ties.yaml")))
    subs = evaluator.check_scorecards([raw(c) for c in cards], crit)
    settled = evaluator.evaluate(crit, subs, scheme, backend="reference", tie_settlements=settlements)
    before = {(d.unit, d.year): d.level for d in run.results}
    for d in settled.results:
        key = (d.unit, d.year)
        if any(d.unit in t.units and t.group == d.peer_group for t in run.ties):
            assert (d.level == "htxs") == (key in chosen)
        else:
            assert d.level == before[key]  # nothing else moves
    assert [len(t.settled_by) for t in settled.ties] == [t.places for t in run.ties]


# ---------------------------------------------------------------- determinism and locality


def write_files(folder: Path, cards: list[dict], cuts: Iterable[int]) -> list[Path]:
    """The cards split over files at ``cuts``, JSON and YAML alternately."""
    bounds = [0, *sorted(set(cuts)), len(cards)]
    paths = []
    for i, (a, b) in enumerate(itertools.pairwise(bounds)):
        if a == b:
            continue
        if i % 2:
            path = folder / f"part-{i:02d}.json"
            path.write_text(json.dumps(cards[a:b], ensure_ascii=False), encoding="utf-8")
        else:
            path = folder / f"part-{i:02d}.yaml"
            path.write_text("\n".join(f"- {json.dumps(c, ensure_ascii=False)}" for c in cards[a:b]), encoding="utf-8")
        paths.append(path)
    return paths


@runs(40)
@given(cards=districts("366"), data=st.data())
def test_the_bytes_do_not_depend_on_input_order_or_files(cards: list[dict], data: st.DataObject) -> None:
    crit, scheme = loaded("366")
    expected = rate("366", cards).to_json("vi")
    shuffled = data.draw(st.permutations(cards))
    assert rate("366", list(shuffled)).to_json("vi") == expected
    cuts = data.draw(st.lists(st.integers(0, len(cards)), max_size=4))
    with tempfile.TemporaryDirectory() as tmp:
        files = write_files(Path(tmp), list(shuffled), cuts)
        subs = evaluator.read_scorecards(files, crit)
        assert evaluator.evaluate(crit, subs, scheme, backend="reference").to_json("vi") == expected


@runs(60)
@given(cards=districts("366"))
def test_a_units_result_depends_only_on_its_peer_group(cards: list[dict]) -> None:
    whole = {(d.unit, d.year): d.to_dict("en") for d in rate("366", cards).results}
    groups: dict[str, list[dict]] = {}
    for c in cards:
        groups.setdefault(oracle.group_of(c), []).append(c)
    for members in groups.values():
        for d in rate("366", members).results:
            assert d.to_dict("en") == whole[(d.unit, d.year)]


def fixed_district() -> list[dict]:
    """Three groups: a tie at the cut-off, an incomplete unit, a veto, a group of one."""
    cards = [make_card(u, parent="thot-not", **EXCELLENT) for u in ("tn-c", "tn-a", "tn-b")]
    cards += [make_card(f"tn-g{i}", parent="thot-not") for i in range(7)]
    cards += [make_card("tn-x", parent="thot-not", tasks_late_pct=None)]
    cards += [make_card(f"cn-{i}", parent="cai-nuoc", task_results=40 + i) for i in range(6)]
    cards += [make_card("cn-v", parent="cai-nuoc", disunity_concluded=True, **{"task_results": 65})]
    cards += [make_card("lc-1", parent="lao-cai", **EXCELLENT)]
    random.Random(7).shuffle(cards)
    return cards


def test_the_bytes_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    path = tmp_path / "district.json"
    path.write_text(json.dumps(fixed_district(), ensure_ascii=False), encoding="utf-8")
    outputs = []
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                "from evaluator.cli import main; main()",
                "rank",
                "--criteria",
                str(ROOT / "criteria" / "qd366-collective.yaml"),
                str(path),
                "--format",
                "json",
            ],
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr.decode()
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    header = json.loads(outputs[0])
    assert [t["units"] for t in header["ties"]] == [["tn-a", "tn-b", "tn-c"]]


def test_a_unit_of_the_fixed_district_as_the_regulation_says() -> None:
    cards = fixed_district()
    run = rate("366", cards)
    agree("366", cards, run, 20)
    assert {d.unit: d.level for d in run.results if d.peer_group == "thot-not/ward/2025"} == {
        "tn-a": "htxs",
        "tn-b": "htxs",
        "tn-c": "htt",
        **{f"tn-g{i}": "htt" for i in range(7)},
        "tn-x": None,
    }
