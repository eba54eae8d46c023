"""CSV in: the delimiters and encodings Excel writes, the same conventions and located errors as workbooks."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from evaluator import load_criteria
from tabular_support import CRITERIA, EXAMPLES, cli, example_cards, rank_json

FIELDS = ["unit", "name", "kind", "parent", "year"]
TITLES = {"unit": "Mã đơn vị", "name": "Tên đơn vị", "kind": "Loại đơn vị", "parent": "Đơn vị cấp trên", "year": "Năm"}


def vi(value: Any) -> str:
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, float):
        return str(value).replace(".", ",")
    return str(value)


def write_csv(path: Path, cards: list[dict[str, Any]], *, delimiter: str = ";", titles: bool = True, **kw: Any) -> Path:
    crit = load_criteria(CRITERIA)
    keys = list(crit.model.indicators)
    header = [TITLES[f] if titles else f for f in FIELDS]
    header += [crit.model.indicators[k].title.vi if titles else k for k in keys]
    header += [f"Minh chứng: {crit.model.indicators[k].title.vi}" if titles else f"evidence.{k}" for k in keys]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for card in cards:
        row = [card[f] for f in FIELDS]
        values = [vi(card["indicators"][k]) if k in card["indicators"] else "" for k in keys]
        notes = [card.get("evidence", {}).get(k, "") for k in keys]
        writer.writerow([vi(v) for v in row] + values + notes)
    path.write_bytes(buf.getvalue().encode(kw.get("encoding", "utf-8-sig")))
    return path


@pytest.mark.parametrize(
    ("delimiter", "titles", "encoding"),
    [(";", True, "utf-8-sig"), (",", False, "utf-8"), ("\t", True, "utf-16"), (",", True, "utf-8-sig")],
)
def test_csv_rates_like_json(tmp_path: Path, delimiter: str, titles: bool, encoding: str) -> None:
    path = write_csv(tmp_path / "cards.csv", example_cards(), delimiter=delimiter, titles=titles, encoding=encoding)
    text = path.read_bytes().decode(encoding)
    assert "4,5" in text and "Không" in text
    assert rank_json(path)["results"] == rank_json(EXAMPLES)["results"]


DONE = "Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thành"
LEADERS = (
    "Số thành viên lãnh đạo của tập thể bị kỷ luật từ khiển trách trở lên do vi phạm khi thực hiện nhiệm vụ trong năm"
)


def test_csv_errors_name_the_row_and_the_column(tmp_path: Path) -> None:
    cards = example_cards()[:3]
    cards[1]["indicators"]["tasks_done_pct"] = "1.234"  # ambiguous on a percentage
    cards[2]["indicators"]["leaders_disciplined"] = "mot"
    path = write_csv(tmp_path / "bad.csv", cards)
    result = cli("rank", "--criteria", CRITERIA, path, "--format", "json")
    assert result.exit_code == 4
    problems = json.loads(result.stderr)["problems"]
    assert [(p["code"], p["location"]) for p in problems] == [
        ("tabular.ambiguous_number", {"file": str(path), "row": 3, "col": f"M ({DONE})"}),
        (
            "tabular.not_number",
            {"file": str(path), "row": 4, "col": f"R ({LEADERS})"},
        ),
    ]
    text = cli("rank", "--criteria", CRITERIA, path).stderr
    assert f"{path}, dòng 3, cột M ({DONE}): «1.234» không rõ nghĩa" in text


def test_a_csv_not_in_utf8_is_refused_with_how_to_save_it(tmp_path: Path) -> None:
    path = tmp_path / "legacy.csv"
    path.write_bytes("Mã;Tên\nu1;Tân Hòa\n".encode("latin-1"))  # a legacy code page, not UTF-8
    result = cli("rank", "--criteria", CRITERIA, path, "--format", "json")
    assert result.exit_code == 4
    [problem] = json.loads(result.stderr)["problems"]
    assert problem["code"] == "tabular.csv_encoding" and "CSV UTF-8" in problem["message"]


def test_empty_and_headerless_csv(tmp_path: Path) -> None:
    (tmp_path / "empty.csv").write_text("\n", "utf-8")
    (tmp_path / "other.csv").write_text("a;b\n1;2\n", "utf-8")
    for name, code in (("empty.csv", "file.empty"), ("other.csv", "tabular.no_header")):
        result = cli("rank", "--criteria", CRITERIA, tmp_path / name, "--format", "json")
        assert result.exit_code == 4
        assert [p["code"] for p in json.loads(result.stderr)["problems"]] == [code]


def test_validate_reads_csv(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "cards.csv", example_cards()[:2])
    result = cli("validate", "--criteria", CRITERIA, path)
    assert result.exit_code == 0, result.output
    assert "2 phiếu chấm điểm" in result.stdout
