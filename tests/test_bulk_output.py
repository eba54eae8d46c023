"""Bulk output: JSON Lines and Parquet hold what the JSON holds, for a data team."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from evaluator.cli import main

ROOT = Path(__file__).resolve().parent.parent
CRITERIA = ROOT / "criteria" / "qd366-collective.yaml"
CARDS = ROOT / "examples" / "scorecards"


def _rank(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["rank", "--criteria", str(CRITERIA), str(CARDS), *args])
    return result.exit_code, result.stdout, result.stderr


def _json(lang: str = "vi", engine: str = "durable") -> dict:
    code, out, _ = _rank("--format", "json", "--lang", lang, "--engine", engine)
    assert code == 0
    return json.loads(out)


@pytest.mark.parametrize("engine", ["durable", "columnar"])
def test_json_lines_are_the_header_then_the_json_records_one_a_line(engine: str) -> None:
    code, out, _ = _rank("--format", "jsonl", "--engine", engine)
    assert code == 0 and out.endswith("\n")
    lines = out.splitlines()
    whole = _json(engine=engine)
    header = {k: v for k, v in whole.items() if k != "results"}
    assert json.loads(lines[0]) == {"header": header}
    assert [json.loads(line) for line in lines[1:]] == whole["results"]
    assert len(lines) == len(whole["results"]) + 1


def test_json_lines_written_to_a_file_are_the_same_bytes(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    assert _rank("--format", "jsonl", "-o", str(target))[0] == 0
    assert target.read_text(encoding="utf-8") == _rank("--format", "jsonl")[1]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_parquet_holds_a_row_per_unit_and_one_per_finding(tmp_path: Path, lang: str) -> None:
    target = tmp_path / "ket-qua.parquet"
    code, _, err = _rank("--format", "parquet", "-o", str(target), "--lang", lang, "--engine", "columnar")
    assert code == 0, err
    whole = _json(lang, engine="columnar")
    units = pq.read_table(target)
    findings = pq.read_table(tmp_path / "ket-qua.findings.parquet")
    rows = units.to_pylist()
    assert [r["unit"] for r in rows] == [d["unit"] for d in whole["results"]]
    for row, d in zip(rows, whole["results"], strict=True):
        for key in ("name", "kind", "region", "parent", "year", "peer_group", "status", "level", "level_title"):
            assert row[key] == d[key], key
        assert (row["score"], row["rank"], row["next_level"]) == (d["score"], d["rank"], d["next_level"])
        assert row["missing"] == d["missing"]
        assert row["reason_codes"] == [r["code"] for r in d["reasons"]]
        assert row["reasons"] == [r["text"] for r in d["reasons"]]
        assert row["gap"] == [g["text"] for g in d["gap"]]
    flat = [(d["unit"], d["year"], f) for d in whole["results"] for f in d["findings"]]
    assert findings.num_rows == len(flat)
    for row, (unit, year, f) in zip(findings.to_pylist(), flat, strict=True):
        assert (row["unit"], row["year"], row["criterion"], row["status"]) == (unit, year, f["criterion"], f["status"])
        assert (None if row["value"] is None else json.loads(row["value"])) == f["value"]
        assert (row["threshold"], row["threshold_text"], row["points"]) == (
            f["threshold"],
            f["threshold_text"],
            f["points"],
        )
        assert row["rule"] == f["rule"] and row["decided_by_absence"] == f.get("decided_by_absence", False)
        assert row["absent"] == f.get("absent", [])
    header = {k: v for k, v in whole.items() if k != "results"}
    for table in (units, findings):
        assert json.loads(table.schema.metadata[b"evaluator"]) == header


def test_parquet_needs_an_output_named_parquet(tmp_path: Path) -> None:
    code, _, err = _rank("--format", "parquet")
    assert code == 2 and "-o/--output" in err
    code, _, err = _rank("--format", "parquet", "-o", str(tmp_path / "out.pq"), "--lang", "en")
    assert code == 2 and "ending in .parquet" in err and "out.pq" in err
    assert list(tmp_path.iterdir()) == []


def test_parquet_written_whole_or_not_at_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "r.parquet"
    target.write_bytes(b"before")
    (tmp_path / "r.findings.parquet").write_bytes(b"before too")
    import evaluator.render.parquet as P

    def broken(d, lang):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(P, "_finding_rows", broken)
    code, _, err = _rank("--format", "parquet", "-o", str(target), "--lang", "en")
    assert code == 2 and "No space left" in err
    assert target.read_bytes() == b"before" and (tmp_path / "r.findings.parquet").read_bytes() == b"before too"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.findings.parquet", "r.parquet"]


def test_the_findings_table_is_never_written_through_a_link(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").write_text("keep")
    (tmp_path / "r.findings.parquet").symlink_to(tmp_path / "elsewhere")
    code, _, err = _rank("--format", "parquet", "-o", str(tmp_path / "r.parquet"), "--lang", "en")
    assert code == 2 and "symbolic link" in err
    assert (tmp_path / "elsewhere").read_text() == "keep" and not (tmp_path / "r.parquet").exists()
