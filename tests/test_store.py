"""The history store on SQLite and on a real PostgreSQL: recording, official decisions, lineage,
history and roll-up indicators, the hash chain, migrations, a writer killed mid-way, two writers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from evaluator import evaluate
from evaluator.errors import DefinitionError, EvaluatorError, Location, Problem
from evaluator.store.db import Store, StoreError, StoreIntegrityError
from evaluator.store.imports import Entry, LineageEvent, Shortcoming
from evaluator.store.query import list_runs, load_view
from evaluator.store.record import record_decisions, record_lineage, record_run, record_shortcomings
from evaluator.store.verify import verify
from store_support import (
    LEADER,
    LEADER_SCHEME,
    PAST,
    PAST_SCHEME,
    card,
    checked,
    official,
    yearly,
)

TESTS = Path(__file__).parent


def _reasons(run, unit: str, lang: str = "en") -> str:
    return "\n".join(r.text(lang) for r in run.result(unit).reasons)


def _past(store: Store | None, *cards: dict, links=()) -> object:
    view = load_view(store) if store is not None else None
    return evaluate(PAST, checked(PAST, *cards), PAST_SCHEME, history=view, links=links)


def test_a_run_recorded_twice_is_one_run_and_the_chain_holds(store_url: str) -> None:
    store = Store.open(store_url)
    run, subs = yearly(2024, {"a": True, "b": False})
    first = record_run(store, run, subs, by="tester")
    again = record_run(store, run, list(reversed(subs)), by="someone else")
    assert (first.added, again.added, again.same) == (1, 0, 1)
    assert again.ref == first.ref and len(first.ref) == 64
    runs = list_runs(store)
    assert [(r["id"], r["units"], r["years"], r["recorded_by"]) for r in runs] == [(first.ref, 2, [2024], "tester")]
    with store.reading() as conn:
        rows = conn.execute(text("SELECT unit, level, result FROM results ORDER BY unit")).all()
        cards = conn.execute(text("SELECT scorecards FROM runs")).scalar_one()
    assert [(u, lv) for u, lv, _ in rows] == [("a", "good"), ("b", "poor")]
    assert json.loads(rows[0][2]) == run.result("a").to_dict("vi")  # the unit's result as the CLI gives it
    assert [c["unit"] for c in json.loads(cards)] == ["a", "b"]
    assert verify(store).count == 1
    other, subs2 = yearly(2024, {"a": True, "b": True})  # other scorecards: another run
    assert record_run(store, other, subs2, by="tester").added == 1
    assert verify(store).count == 2


def test_a_later_official_decision_supersedes_and_both_are_kept(store_url: str) -> None:
    store = Store.open(store_url)
    assert record_decisions(store, [official("a", 2024, "poor")], by="t", source="f1").added == 1
    assert record_decisions(store, [official("a", 2024, "poor")], by="t", source="f1").same == 1  # idempotent
    record_decisions(store, [official("a", 2024, "good", day="2025-03-01", document="QĐ sửa đổi")], by="t", source="f2")
    view = load_view(store)
    found = view.official("a", 2024, ["yearly-test"])
    assert found is not None and (found.level, found.document, found.superseded) == ("good", "QĐ sửa đổi", 1)
    assert len(view.officials[("a", 2024, "yearly-test")]) == 2
    assert verify(store).count == 2


def test_five_years_in_a_row_over_recorded_runs_and_official_decisions(store_url: str) -> None:
    store = Store.open(store_url)
    for year in (2020, 2021):  # computed only: counted where the indicator allows computed results
        run, subs = yearly(year, {"a": True, "b": True})
        record_run(store, run, subs, by="t")
    run, subs = yearly(2022, {"a": False, "b": True})  # computed poor for a …
    record_run(store, run, subs, by="t")
    decisions = [official("a", 2022, "good")]  # … but the committee decided good: the official level is read
    decisions += [official(u, y, "good") for u in ("a", "b") for y in (2023, 2024, 2025)]
    record_decisions(store, decisions, by="t", source="test")

    result = _past(store, card("a", 2026), card("b", 2026))
    # years_good reads official decisions only: 2025, 2024, 2023, 2022 (official) — 2021 has none
    a = result.result("a")
    assert a.finding("five_years").value == 4 and a.level == "none"
    assert "from official decisions" in _reasons(result, "a")
    assert "consecutive years at good of a through 2025" in _reasons(result, "a")
    # years_good_now counts the rating year too: 2026 has no record, so it is missing (not 0, not a pass)
    assert "'years_good_now': missing" in _reasons(result, "a")
    five = _past(store, card("a", 2025))
    assert five.result("a").finding("five_years").value == 3  # 2024, 2023, 2022

    record_decisions(store, [official("a", y, "good") for y in (2020, 2021)], by="t", source="test")
    result = _past(store, card("a", 2026))
    assert result.result("a").finding("five_years").value == 6 and result.result("a").level == "title"


def test_streaks_mixing_official_and_computed_and_poor_years_running(store_url: str) -> None:
    store = Store.open(store_url)
    for year, ok in ((2022, False), (2023, False), (2024, True)):
        run, subs = yearly(year, {"c": ok})
        record_run(store, run, subs, by="t")
    record_decisions(store, [official("c", 2024, "poor")], by="t", source="test")  # the committee: poor
    result = _past(store, card("c", 2025))
    d = result.result("c")
    text_ = _reasons(result, "c")
    assert "'years_poor' = 3" in text_  # 2024 (official poor), 2023, 2022 (computed poor)
    assert "official decisions, else the recorded computed result" in text_
    assert "'last_year' = poor" in text_
    assert d.finding("five_years").value == 0 and d.level == "none"  # years_good: 2024 official poor


def test_a_unit_merged_in_2025_reads_its_predecessors_in_2026(store_url: str) -> None:
    store = Store.open(store_url)
    fields = {"id": "merge-2025", "kind": "merge", "date": "2025-07-01", "document": "NQ 1/2025 (thử)"}
    event = LineageEvent.model_validate({**fields, "from": ["a", "b"], "into": "c"})
    record_lineage(store, [Entry(event, Location(file="<test>"))], by="t")
    decisions = [official("c", 2025, "good")]
    decisions += [official("a", y, "good") for y in range(2019, 2025)]
    decisions += [official("b", y, "good") for y in range(2019, 2025) if y != 2022]
    decisions += [official("b", 2022, "poor")]
    record_decisions(store, decisions, by="t", source="test")
    result = _past(store, card("c", 2026))
    # 2025: c good; 2024, 2023: a and b good; 2022: b poor — the lowest of the two decides
    assert result.result("c").finding("five_years").value == 3
    reasons = _reasons(result, "c")
    assert "former units a, b (NQ 1/2025 (thử))" in reasons and "the lowest level" in reasons
    vi = _reasons(result, "c", "vi")
    assert "các đơn vị cũ a, b" in vi and "mức thấp nhất" in vi
    record_decisions(store, [official("b", 2022, "good", day="2023-06-01")], by="t", source="test")
    assert _past(store, card("c", 2026)).result("c").finding("five_years").value == 7  # 2025 … 2019


def test_without_a_store_or_a_record_history_is_missing_never_a_pass(store_url: str) -> None:
    result = _past(None, card("a", 2025))
    d = result.result("a")
    assert d.status == "incomplete" and "years_good" in d.missing
    assert "no history store was given" in _reasons(result, "a")
    store = Store.open(store_url)
    result = _past(store, card("a", 2025, years_good=9))  # a value typed on the scorecard is never used
    d = result.result("a")
    assert d.status == "incomplete" and "years_good" in d.missing
    text_ = _reasons(result, "a")
    assert "no official level of a in 2024" in text_ and "gives '9' — not used" in text_


def test_shortcomings_remedied_share_from_the_register(store_url: str) -> None:
    store = Store.open(store_url)
    items = [
        Shortcoming(unit="a", year=2024, text="Thu nợ chưa đạt", remedied=2025),
        Shortcoming(unit="a", year=2024, text="An ninh", remedied=None),
        Shortcoming(unit="a", year=2024, text="Đảng viên", remedied=2026),
        Shortcoming(unit="a", year=2023, text="Cũ", remedied=None),
    ]
    record_shortcomings(store, [Entry(s, Location(file="<test>")) for s in items], by="t", source="test")
    result = _past(store, card("a", 2025))
    assert "'remedied_pct' = 33" in _reasons(result, "a")  # 1 of the 3 named in 2024 remedied by 2025
    record_shortcomings(store, [Entry(Shortcoming(unit="a", year=2024, text="An ninh", remedied=2025), Location())],
                        by="t", source="later")  # fmt: skip
    assert "'remedied_pct' = 66" in _reasons(_past(store, card("a", 2025)), "a")


def test_a_roll_up_from_a_linked_run_and_from_the_store(store_url: str) -> None:
    wards, _ = yearly(2025, {"w1": False, "w2": False, "w3": True}, parent="prov", kind="ward")
    leader = checked(LEADER, card("prov", 2025, kind="province"))
    run = evaluate(LEADER, leader, LEADER_SCHEME, links=[wards])
    d = run.result("prov")
    assert d.finding("half_not_poor").value == pytest.approx(200 / 3) and d.level == "kht"
    assert "among the 3 units under prov in 2025 (linked run yearly-test)" in _reasons(run, "prov")

    store = Store.open(store_url)
    wards, subs = yearly(2025, {"w1": False, "w2": True, "w3": True, "w4": True}, parent="prov", kind="ward")
    record_run(store, wards, subs, by="t")
    record_decisions(store, [official("w2", 2025, "poor", parent="prov", kind="ward")], by="t", source="test")
    run = evaluate(LEADER, leader, LEADER_SCHEME, history=load_view(store))
    d = run.result("prov")
    assert d.finding("half_not_poor").value == 50 and d.level == "ht"  # w1 computed poor, w2 official poor: 2 of 4
    assert "'below' = 4" in _reasons(run, "prov")

    lone = evaluate(
        LEADER, checked(LEADER, card("nobody", 2025, kind="province")), LEADER_SCHEME, history=load_view(store)
    )
    assert lone.result("nobody").status == "incomplete"
    assert "results of the units under nobody in 2025 are lacking" in _reasons(lone, "nobody")


@pytest.mark.parametrize(
    ("tamper", "code", "names"),
    [
        ("UPDATE results SET level = 'good' WHERE unit = 'b'", "verify.changed", "run"),
        ("UPDATE officials SET level = 'good'", "verify.changed", "official decision"),
        ("DELETE FROM officials", "verify.removed", "official decision"),
        ("DELETE FROM ledger WHERE seq = 1", "verify.chain", "no. 2"),
        ("DELETE FROM ledger WHERE seq = 2", "verify.head", "no. 1"),
        (
            "INSERT INTO officials (unit, year, level, family, decided_by, document, decided_on, source, recorded_by, "
            "recorded_at) VALUES ('z', 2024, 'good', 'yearly-test', 'x', 'x', '2025-01-01', 'x', 'x', 'x')",
            "verify.unchained",
            "official decision",
        ),
    ],
)
def test_verify_finds_a_record_edited_removed_or_added_by_hand(
    store_url: str, tamper: str, code: str, names: str
) -> None:
    store = Store.open(store_url)
    run, subs = yearly(2024, {"a": True, "b": False})
    record_run(store, run, subs, by="t")
    record_decisions(store, [official("a", 2024, "poor")], by="t", source="test")
    assert verify(store).count == 2
    with store.writing() as conn:
        conn.execute(text(tamper))
    with pytest.raises(StoreIntegrityError) as err:
        verify(store)
    assert code in [p.code for p in err.value.problems]
    assert names in err.value.render("en") and err.value.exit_code == 1


def test_a_store_newer_than_the_program_is_refused(store_url: str) -> None:
    store = Store.open(store_url)
    with store.writing() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(StoreError) as err:
        Store.open(store_url)
    assert err.value.problems[0].code == "store.newer" and err.value.exit_code == 6
    assert "9999" in err.value.render("en") and "newer evaluator" in err.value.render("en")


def test_addresses_and_missing_stores_are_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as err:
        Store.open("mysql://x")
    assert err.value.problems[0].code == "store.url"
    with pytest.raises(StoreError) as err:
        Store.open(str(tmp_path / "none.sqlite"), create=False)
    assert err.value.problems[0].code == "store.missing"
    with pytest.raises(StoreError):
        Store.open(str(tmp_path / "no-such-folder" / "s.sqlite"))
    junk = tmp_path / "junk.sqlite"
    junk.write_text("not a database", encoding="utf-8")
    with pytest.raises(StoreError) as err:
        Store.open(str(junk))
    assert err.value.problems[0].code == "store.unreachable"


def test_lineage_recorded_otherwise_or_in_a_cycle_is_refused_whole(store_url: str) -> None:
    store = Store.open(store_url)

    def ev(eid: str, before: list[str], after: list[str], kind: str = "merge") -> Entry:
        model = LineageEvent.model_validate(
            {"id": eid, "kind": kind, "date": "2025-07-01", "document": "NQ", "from": before, "into": after}
        )
        return Entry(model, Location(file="<test>"))

    assert record_lineage(store, [ev("e1", ["a", "b"], ["c"])], by="t").added == 1
    assert record_lineage(store, [ev("e1", ["a", "b"], ["c"])], by="t").same == 1
    with pytest.raises(DefinitionError) as err:
        record_lineage(store, [ev("e2", ["c"], ["d"], "rename"), ev("e1", ["a"], ["c"], "rename")], by="t")
    assert err.value.problems[0].code == "store.lineage_conflict"
    with pytest.raises(DefinitionError) as err:
        record_lineage(store, [ev("e3", ["c"], ["a"], "rename")], by="t")
    assert err.value.problems[0].code == "lineage.cycle"
    assert verify(store).count == 1  # neither refused file left anything


_WRITER = """
import sys, time
sys.path.insert(0, {tests!r})
from store_support import yearly
from evaluator.store import record
from evaluator.store.db import Store

original = record.append
def slow(conn, kind, ref):
    out = original(conn, kind, ref)
    print("IN", flush=True)  # inside the transaction, everything written, not yet committed
    time.sleep(float(sys.argv[3]))
    return out
record.append = slow
store = Store.open(sys.argv[1])
run, subs = yearly(int(sys.argv[2]), {{"a": True, "b": False, "c": True}})
done = record.record_run(store, run, subs, by="proc")
print("DONE", done.added, flush=True)
"""


def _writer(url: str, year: int, pause: float) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(TESTS)}
    script = _WRITER.format(tests=str(TESTS))
    cmd = [sys.executable, "-c", script, url, str(year), str(pause)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_a_recorder_killed_mid_record_leaves_nothing(store_url: str) -> None:
    Store.open(store_url)  # created and migrated first: the kill is of the recording only
    proc = _writer(store_url, 2024, 60)
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.strip() == "IN", proc.stderr.read() if proc.stderr else ""
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=30)  # waits, and closes the pipes
    assert proc.returncode == -signal.SIGKILL
    store = Store.open(store_url)
    assert list_runs(store) == []
    assert verify(store).count == 0
    with store.reading() as conn:
        assert conn.execute(text("SELECT count(*) FROM results")).scalar_one() == 0
    run, subs = yearly(2024, {"a": True})  # and the store takes the next record normally
    assert record_run(store, run, subs, by="t").added == 1 and verify(store).count == 1


def test_two_processes_recording_at_once_both_succeed(store_url: str) -> None:
    Store.open(store_url)
    first = _writer(store_url, 2023, 1.5)
    assert first.stdout is not None and first.stdout.readline().strip() == "IN"
    second = _writer(store_url, 2024, 0)  # starts while the first holds its transaction open
    out1, err1 = first.communicate(timeout=60)
    out2, err2 = second.communicate(timeout=60)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert "DONE 1" in out1 and "DONE 1" in out2
    store = Store.open(store_url)
    assert sorted(r["years"][0] for r in list_runs(store)) == [2023, 2024]
    assert verify(store).count == 2


def test_errors_name_what_is_wrong_in_both_languages() -> None:
    err = StoreError([])
    assert isinstance(err, EvaluatorError)

    problem = Problem("store.newer", Location(), {"revision": "9", "head": "0001"})
    assert "newer" in problem.message("en") and "mới hơn" in problem.message("vi")


def test_a_level_the_order_does_not_know_is_refused_with_a_suggestion(tmp_path: Path) -> None:
    from evaluator import load_criteria

    text_ = (TESTS / "fixtures" / "history" / "past.yaml").read_text(encoding="utf-8")
    path = tmp_path / "past.yaml"
    path.write_text(
        text_.replace(
            "level: good, order: [good, poor], family: yearly-test}", "level: goood, family: yearly-test}", 1
        ),
        "utf-8",
    )
    (tmp_path / "past-scheme.yaml").write_text(
        (TESTS / "fixtures" / "history" / "past-scheme.yaml").read_text("utf-8"), "utf-8"
    )
    criteria = load_criteria(path)
    from evaluator import bind_scheme

    scheme = bind_scheme(tmp_path / "past-scheme.yaml", criteria)
    from evaluator.store.view import HistoryView

    with pytest.raises(DefinitionError) as err:
        evaluate(criteria, checked(criteria, card("a", 2025)), scheme, history=HistoryView())
    assert err.value.problems[0].code == "history.level_unknown"
    assert "'goood' is not in scheme 'past-test' (title, none)" in err.value.render("en")


def test_a_roll_up_of_units_below_failing_a_criterion(store_url: str) -> None:
    wards, subs = yearly(2025, {"w1": False, "w2": True, "w3": False}, parent="prov", kind="ward")
    leader = checked(LEADER, card("prov", 2025, kind="province"))
    run = evaluate(LEADER, leader, LEADER_SCHEME, links=[wards])
    assert "'failing_below' = 2: number failing criterion 'ok_met' among the 3 units" in _reasons(run, "prov")
    store = Store.open(store_url)
    record_run(store, wards, subs, by="t")
    run = evaluate(LEADER, leader, LEADER_SCHEME, history=load_view(store, findings=True))
    assert "'failing_below' = 2" in _reasons(run, "prov")
    # a unit below known only by an official decision has a level but no findings: the count is missing
    record_decisions(store, [official("w4", 2025, "good", parent="prov", kind="ward")], by="t", source="t")
    run = evaluate(LEADER, leader, LEADER_SCHEME, history=load_view(store, findings=True))
    reasons = _reasons(run, "prov")
    assert "'failing_below': missing" in reasons and "'poor_share' = 50" in reasons


def test_reading_never_creates_a_store(store_url: str) -> None:
    with pytest.raises(StoreError) as err:
        Store.open(store_url, create=False)  # an empty database, or no file
    assert err.value.problems[0].code == "store.missing"
    Store.open(store_url)
    assert list_runs(Store.open(store_url, create=False)) == []
    with pytest.raises(StoreError) as err:
        Store.open("postgresql://u@h:notaport/db")
    assert err.value.problems[0].code == "store.url" and "postgresql://h:notaport/db" in err.value.render("en")


def test_a_writer_kept_waiting_too_long_stops_cleanly(store_url: str) -> None:
    store = Store.open(store_url, busy_seconds=1)
    holder = _writer(store_url, 2023, 6)  # holds its transaction open for 6 s
    assert holder.stdout is not None and holder.stdout.readline().strip() == "IN"
    run, subs = yearly(2024, {"a": True})
    with pytest.raises(StoreError) as err:
        record_run(store, run, subs, by="t")
    assert err.value.problems[0].code == "store.busy" and err.value.exit_code == 6
    assert "within 1 s" in err.value.render("en") and "nothing was recorded" in err.value.render("en")
    out, errors = holder.communicate(timeout=60)
    assert holder.returncode == 0 and "DONE 1" in out, errors
    assert [r["years"] for r in list_runs(store)] == [[2023]] and verify(store).count == 1


def test_long_texts_are_kept_whole_on_both_databases(store_url: str) -> None:
    store = Store.open(store_url)
    unit, document = "u" * 600, "QĐ " + "rất dài " * 300
    record_decisions(store, [official(unit, 2024, "good", document=document)], by="t", source="f" * 2000)
    found = load_view(store).official(unit, 2024, ["yearly-test"])
    assert found is not None and found.document == document.strip()
    assert verify(store).count == 1
