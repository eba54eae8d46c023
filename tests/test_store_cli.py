"""The store's commands end to end: rank --record, decide, lineage and shortcomings import, history,
runs, store verify, summary — on the shipped examples, with their errors and exit codes."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from evaluator.cli import main

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "examples" / "history"
QD366 = ROOT / "criteria" / "qd366-collective.yaml"


def run(*args: object, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh current folder, where the default store (./evaluator.sqlite) is created."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EVALUATOR_STORE", raising=False)
    return tmp_path


def test_rank_records_into_the_default_store_and_history_shows_it(here: Path) -> None:
    first = run(
        "rank", "--criteria", QD366, ROOT / "examples" / "scorecards", "--record", "--by", "Tổ thư ký", "--lang", "en"
    )
    assert first.exit_code == 0, first.output
    assert (here / "evaluator.sqlite").is_file()
    assert "Recorded run" in first.stderr and "(10 unit(s))" in first.stderr
    again = run("rank", "--criteria", QD366, ROOT / "examples" / "scorecards", "--record", "--format", "json")
    assert again.exit_code == 0 and "đã có trong evaluator.sqlite" in again.stderr
    json.loads(again.stdout)  # stdout is the run's JSON, untouched
    runs = json.loads(run("runs", "--format", "json").stdout)["runs"]
    assert len(runs) == 1 and runs[0]["recorded_by"] == "Tổ thư ký" and runs[0]["units"] == 10
    history = run("history", "lc-binh-minh", "--format", "json")
    data = json.loads(history.stdout)
    assert [(y["year"], y["computed"][0]["level"], y["computed"][0]["criteria"]) for y in data["years"]] == [
        (2025, "htt", "qd366-collective")
    ]
    table = run("history", "lc-binh-minh", "--lang", "en")
    assert table.exit_code == 0 and "Rating history of lc-binh-minh" in table.stdout
    assert "Computed" in table.stdout and "qd366-collective" in table.stdout
    verified = run("store", "verify", "--lang", "en")
    assert verified.exit_code == 0 and "intact: 1 record(s)" in verified.stdout


def _examples(store: Path) -> None:
    for args in (
        ("decide", HISTORY / "officials-lao-cai.yaml"),
        ("lineage", "import", HISTORY / "lineage-lao-cai.yaml"),
        ("shortcomings", "import", HISTORY / "shortcomings-lao-cai.yaml"),
    ):
        result = run(*args, "--store", store, "--by", "tester")
        assert result.exit_code == 0, result.output


def test_the_five_years_title_example_reads_official_decisions_across_the_merger(tmp_path: Path) -> None:
    store = tmp_path / "h.sqlite"
    _examples(store)
    again = run("decide", HISTORY / "officials-lao-cai.yaml", "--store", store, "--lang", "en")
    assert "Recorded 0 official decision(s)" in again.stdout and "19 already there" in again.stdout
    result = run(
        "rank", "--criteria", HISTORY / "title-five-years.yaml", HISTORY / "title-candidates-2025.yaml",
        "--store", store, "--format", "json", "--lang", "en",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    levels = {r["unit"]: (r["level"], r["findings"][0]["value"]) for r in json.loads(result.stdout)["results"]}
    assert levels == {"lc-binh-minh": ("du_dieu_kien", 5), "lc-bac-lenh": ("chua_du", 2), "lc-hop-nhat": ("chua_du", 3)}
    history = json.loads(run("history", "lc-hop-nhat", "--store", store, "--format", "json").stdout)
    assert history["lineage"][0]["from"] == ["lc-nam-cuong", "lc-pom-han"]
    assert {(y["unit"], y["year"]) for y in history["years"]} >= {("lc-nam-cuong", 2021), ("lc-hop-nhat", 2025)}
    assert all(y["via"] == "lao-cai-2025-hop-nhat" for y in history["years"] if y["unit"] != "lc-hop-nhat")
    shown = run("history", "lc-hop-nhat", "--store", store, "--lang", "en").stdout
    assert "merge lc-nam-cuong, lc-pom-han → lc-hop-nhat" in shown


def test_summary_by_parent_against_targets_as_table_json_workbook_and_page(tmp_path: Path) -> None:
    store = tmp_path / "h.sqlite"
    _examples(store)
    targets = HISTORY / "targets-lao-cai.yaml"
    data = json.loads(run("summary", "--store", store, "--targets", targets, "--format", "json").stdout)
    rows = {(r["parent"], r["year"]): r for r in data["rows"]}
    assert rows[("tp-lao-cai", 2022)]["share"] == 75 and rows[("tp-lao-cai", 2022)]["goal"] == 80
    assert rows[("tp-lao-cai", 2022)]["met"] is False and rows[("tp-lao-cai", 2024)]["met"] is True
    assert rows[("tp-lao-cai", 2022)]["levels"] == {"ht": 1, "htt": 2, "htxs": 1}
    assert rows[("lao-cai", 2025)]["goal"] == 80  # the milestone of 2025
    table = run("summary", "--store", store, "--targets", targets, "--lang", "vi").stdout
    assert "tp-lao-cai" in table and "chưa đạt" in table and "75%" in table
    xlsx = tmp_path / "s.xlsx"
    assert run("summary", "--store", store, "--targets", targets, "--format", "xlsx", "-o", xlsx).exit_code == 0
    ws = load_workbook(xlsx).active
    head = [c.value for c in ws[1]]
    assert head[:3] == ["Cấp trên", "Năm", "Số đơn vị"] and "htt" in head
    html = tmp_path / "s.html"
    assert run("summary", "--store", store, "--targets", targets, "--format", "html", "-o", html).exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert "<svg" in page and "tp-lao-cai (party-collective) 2022" in page and "<script" not in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert run("summary", "--store", store, "--format", "xlsx").exit_code == 2


def test_store_verify_fails_after_a_record_is_edited_by_hand(tmp_path: Path) -> None:
    store = tmp_path / "h.sqlite"
    _examples(store)
    assert run("store", "verify", "--store", store).exit_code == 0
    with sqlite3.connect(store) as conn:
        conn.execute("UPDATE officials SET level = 'htxs' WHERE unit = 'lc-bac-lenh' AND year = 2023")
    result = run("store", "verify", "--store", store, "--lang", "en")
    assert result.exit_code == 1
    assert "official decision" in result.stderr and "was changed after it was recorded" in result.stderr
    as_json = json.loads(run("store", "verify", "--store", store, "--format", "json").stderr)
    assert as_json["exit_code"] == 1 and as_json["problems"][0]["code"] == "verify.changed"


def test_decisions_from_csv_and_xlsx_and_located_errors(tmp_path: Path) -> None:
    store = tmp_path / "h.sqlite"
    csv = tmp_path / "d.csv"
    csv.write_text(
        "unit;year;level;family;decided_by;document;date\n"
        "a;2024;htt;party-collective;Ban Thường vụ;QĐ 1;15/01/2025\n"
        "b;2024;ht;party-collective;Ban Thường vụ;QĐ 1;2025-01-15\n",
        encoding="utf-8",
    )
    assert run("decide", csv, "--store", store).exit_code == 0
    wb = Workbook()
    ws = wb.active
    ws.append(["unit", "year", "level", "family", "decided_by", "document", "date"])
    ws.append(["c", 2024, "htxs", "party-collective", "Ban Thường vụ", "QĐ 2", "16/01/2025"])
    xlsx = tmp_path / "d.xlsx"
    wb.save(xlsx)
    assert run("decide", xlsx, "--store", store).exit_code == 0
    data = json.loads(run("history", "c", "--store", store, "--format", "json").stdout)
    assert data["years"][0]["official"][0]["date"] == "2025-01-16"

    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "decisions:\n  - {unit: a, year: 2024, level: htt, family: f, decided_by: x, document: y, date: 31/02/2025}\n",
        encoding="utf-8",
    )
    result = run("decide", bad, "--store", store, "--lang", "en")
    assert result.exit_code == 3 and "bad.yaml:2" in result.stderr and "not a date of the calendar" in result.stderr
    typo = tmp_path / "typo.csv"
    typo.write_text("unit;yeer;level\na;2024;htt\n", encoding="utf-8")
    result = run("decide", typo, "--store", store, "--lang", "en")
    assert result.exit_code == 3 and "Did you mean 'year'?" in result.stderr and "row 1" in result.stderr
    twice = tmp_path / "twice.yaml"
    twice.write_text(
        "decisions:\n"
        "  - {unit: a, year: 2024, level: htt, family: f, decided_by: x, document: y, date: 2025-01-01}\n"
        "  - {unit: a, year: 2024, level: ht, family: f, decided_by: x, document: y, date: 2025-01-01}\n",
        encoding="utf-8",
    )
    result = run("decide", twice, "--store", store, "--lang", "en")
    assert result.exit_code == 3 and "appears twice" in result.stderr


def test_lineage_and_shortcoming_files_are_checked_before_anything_is_recorded(tmp_path: Path) -> None:
    store = tmp_path / "h.sqlite"
    bad = tmp_path / "l.yaml"
    bad.write_text(
        "events:\n  - {id: e, kind: merge, date: 2025-07-01, document: NQ, from: [a], into: [b]}\n", encoding="utf-8"
    )
    result = run("lineage", "import", bad, "--store", store, "--lang", "en")
    assert result.exit_code == 3 and "at least two former units" in result.stderr
    assert not store.exists()  # refused before the store was even opened
    sc = tmp_path / "s.yaml"
    sc.write_text("shortcomings:\n  - {unit: a, year: 2024, text: x, remedied: 2023}\n", encoding="utf-8")
    result = run("shortcomings", "import", sc, "--store", store, "--lang", "en")
    assert result.exit_code == 3 and "before the year it was named" in result.stderr


def test_store_errors_exit_6_and_history_of_an_unknown_unit_exits_2(tmp_path: Path) -> None:
    missing = run("history", "x", "--store", tmp_path / "none.sqlite", "--lang", "en")
    assert missing.exit_code == 6 and "there is no history store" in missing.stderr
    assert run("runs", "--store", "mysql://h/db").exit_code == 6
    env_store = tmp_path / "env.sqlite"
    _examples(env_store)
    unknown = run("history", "nobody", "--lang", "en", env={"EVALUATOR_STORE": str(env_store)})
    assert unknown.exit_code == 2 and "holds no result, decision or event for 'nobody'" in unknown.stderr
    listed = run("runs", "--lang", "en", env={"EVALUATOR_STORE": str(env_store)})
    assert listed.exit_code == 0 and "The store holds no run" in listed.stdout


def test_what_made_a_run_is_part_of_its_identity(tmp_path: Path) -> None:
    store = tmp_path / "h.sqlite"
    cards = ROOT / "examples" / "scorecards"
    plain = run("rank", "--criteria", QD366, cards, "--record", "--store", store, "--format", "json")
    assert plain.exit_code == 0, plain.output
    overridden = run(
        "rank", "--criteria", QD366, cards, "--record", "--store", store, "--format", "json",
        "--overrides", ROOT / "examples" / "overrides" / "ca-mau-2025.yaml",
    )  # fmt: skip
    assert overridden.exit_code == 0, overridden.output
    _examples(store)
    title = ("rank", "--criteria", HISTORY / "title-five-years.yaml", HISTORY / "title-candidates-2025.yaml")
    assert run(*title, "--record", "--store", store).exit_code == 0
    runs = json.loads(run("runs", "--store", store, "--format", "json").stdout)["runs"]
    assert len(runs) == 3  # the overrides file and the store's history read make other runs
    assert "overrides_sha256" in runs[1]["options"] and len(runs[2]["options"]["history_sha256"]) == 64
    assert run(*title, "--record", "--store", store).stderr.count("không ghi lại") == 1  # same history: same run
    table = run("runs", "--store", store, "--lang", "en")
    assert table.exit_code == 0 and "qd366-collective 2025.1 / qd366 2025.1" in table.stdout
    assert "title-five-years-example" in table.stdout


def test_what_if_runs_are_not_recorded_and_missing_files_are_usage_errors(tmp_path: Path) -> None:
    store = tmp_path / "h.sqlite"
    what_if = run("rank", "--criteria", QD366, ROOT / "examples" / "scorecards", "--record", "--store", store,
                  "--set", "tasks_exceeded_min_pct=35", "--lang", "en")  # fmt: skip
    assert what_if.exit_code == 2 and "a what-if run (--set) is not recorded" in what_if.stderr
    assert not store.exists()
    for args in (("decide", tmp_path / "none.yaml"), ("lineage", "import", tmp_path / "none.yaml"),
                 ("summary", "--targets", tmp_path / "none.yaml")):  # fmt: skip
        result = run(*args, "--store", store, "--lang", "en")
        assert result.exit_code == 2 and "no such file or folder" in result.stderr


def test_the_fill_in_form_has_no_column_for_values_read_from_history(tmp_path: Path) -> None:
    out = tmp_path / "form.xlsx"
    fixture = ROOT / "tests" / "fixtures" / "history" / "leader.yaml"
    assert run("template", "--criteria", fixture, "-o", out).exit_code == 0
    ids = [c.value for c in load_workbook(out).worksheets[0][4]]
    assert "poor_share" not in ids and "below" not in ids and "unit" in ids


def test_a_mistyped_store_is_not_an_empty_history(tmp_path: Path) -> None:
    title = ("rank", "--criteria", HISTORY / "title-five-years.yaml", HISTORY / "title-candidates-2025.yaml")
    result = run(*title, "--store", tmp_path / "typo.sqlite", "--lang", "en")
    assert result.exit_code == 6 and "there is no history store" in result.stderr
    assert not (tmp_path / "typo.sqlite").exists()
    alone = run(*title, "--lang", "en", env={"EVALUATOR_STORE": ""})  # no store at all: missing, never a pass
    assert alone.exit_code == 0 and "0 rated, 3 incomplete" in alone.stdout


def test_outputs_are_the_same_bytes_whatever_the_hash_seed(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    store = tmp_path / "h.sqlite"
    _examples(store)
    exe = str(Path(sys.executable).with_name("evaluator"))
    outs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        args = [
            exe,
            "summary",
            "--store",
            str(store),
            "--targets",
            str(HISTORY / "targets-lao-cai.yaml"),
            "--format",
            "json",
        ]
        summary = subprocess.run(args, capture_output=True, env=env, check=True).stdout
        history = subprocess.run([exe, "history", "lc-hop-nhat", "--store", str(store), "--format", "json"],
                                 capture_output=True, env=env, check=True).stdout  # fmt: skip
        outs.add((summary, history))
    assert len(outs) == 1
