"""Results to Excel: ranking, findings and reasons sheets, coloured levels, frozen headers, same bytes every time."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from evaluator import load_criteria, rate
from evaluator.render.xlsx import results_workbook
from tabular_support import CRITERIA, EXAMPLES, cli, example_cards, rank_json


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xlsx") / "results.xlsx"
    result = cli("rank", "--criteria", CRITERIA, EXAMPLES, "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    return out


def rows(ws: Any) -> list[dict[str, Any]]:
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], r, strict=True)) for r in values[1:]]


def test_the_sheets(book: Path) -> None:
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["Xếp loại", "Kết quả tiêu chí", "Lý do", "Minh chứng", "Thông tin"]
    for name in wb.sheetnames[:3]:
        ws = wb[name]
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2")
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:")
        assert all(c.font.bold for c in ws[1])


def test_the_ranking_sheet_holds_what_the_json_says(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["Xếp loại"]
    table = rows(ws)
    expected = rank_json(EXAMPLES)["results"]
    assert [r["Mã đơn vị"] for r in table] == [r["unit"] for r in expected]
    for got, want in zip(table, expected, strict=True):
        assert (got["Nhóm so sánh"], got["Hạng"], got["Mức"], got["Điểm"]) == (
            want["peer_group"],
            want["rank"],
            want["level"],
            want["score"],
        )
        assert got["Xếp loại"] == (want["level_title"] or "chưa đủ số liệu")  # the merged ward still lacks a value
        assert got["Tên đơn vị"] == want["name"]
    thanh_hoa = next(r for r in table if r["Mã đơn vị"] == "tn-thanh-hoa")
    assert isinstance(thanh_hoa["Điểm"], (int, float)) and thanh_hoa["Điểm"] == 95  # a number, not text
    assert thanh_hoa["Mức kế tiếp"] == "Hoàn thành xuất sắc nhiệm vụ"
    assert "Vượt hạn mức" in thanh_hoa["Ghi chú"]


def test_levels_are_coloured_by_rank_of_level(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["Xếp loại"]
    colours: dict[str, str] = {}
    for row in ws.iter_rows(min_row=2):
        colours[row[4].value] = row[4].fill.fgColor.rgb[-6:]
        assert row[5].fill.fgColor.rgb == row[4].fill.fgColor.rgb
    assert set(colours) == {"htt", "ht", "kht", None}  # None: the incomplete unit
    assert len(set(colours.values())) == 4  # each level its own colour, grey for no level
    assert colours["kht"] == "F8A5A5"


def test_findings_one_row_per_unit_and_criterion(book: Path) -> None:
    table = rows(openpyxl.load_workbook(book)["Kết quả tiêu chí"])
    crit = load_criteria(CRITERIA)
    assert len(table) == 10 * len(crit.items)
    tasks = next(r for r in table if r["Mã đơn vị"] == "tn-thuan-hung" and r["Mã tiêu chí"] == "tasks_on_time")
    assert (tasks["Kết quả"], tasks["Giá trị"]) == ("không đạt", 10)
    assert tasks["Điều kiện"] == "Tỷ lệ nhiệm vụ hoàn thành chậm tiến độ phải bằng 0%"
    assert tasks["Tiêu chí"] == "Không có nhiệm vụ chậm tiến độ"
    assert tasks["Căn cứ"].startswith("QĐ 366-QĐ/TW")
    unity = next(r for r in table if r["Mã tiêu chí"] == "no_disunity")
    assert unity["Giá trị"] == "Không"
    general = next(r for r in table if r["Mã tiêu chí"] == "general")
    assert general["Điểm"] == 26 and "Tiêu chí chung 1: 4,5" in general["Giá trị"]


def test_reasons_sheet_lists_every_reason_in_order(book: Path) -> None:
    table = rows(openpyxl.load_workbook(book)["Lý do"])
    expected = [(r["unit"], i, x["code"], x["text"]) for r in rank_json(EXAMPLES)["results"] for i, x in
                enumerate(r["reasons"], start=1)]  # fmt: skip
    assert [(r["Mã đơn vị"], r["STT"], r["Mã lý do"], r["Lý do"]) for r in table] == expected


def test_evidence_sheet_keeps_what_the_scorecards_cite(book: Path) -> None:
    table = rows(openpyxl.load_workbook(book)["Minh chứng"])
    expected = [(r["unit"], k, v) for r in rank_json(EXAMPLES)["results"] for k, v in r.get("evidence", {}).items()]
    assert len(expected) == 6
    assert [(r["Mã đơn vị"], r["Chỉ số / tiêu chí"], r["Minh chứng"]) for r in table] == expected
    row = next(r for r in table if r["Mã đơn vị"] == "cn-tan-hung-dong")
    assert row["Nội dung"] == "Số chỉ tiêu kinh tế – xã hội cơ bản đạt được"


def test_about_sheet_records_what_produced_it(book: Path) -> None:
    cells = dict(openpyxl.load_workbook(book)["Thông tin"].iter_rows(min_row=2, values_only=True))
    out = rank_json(EXAMPLES)
    assert cells["criteria.sha256"] == out["criteria"]["sha256"]
    assert cells["engine.rules_sha256"] == out["engine"]["rules_sha256"]


def test_columns_are_wide_enough_for_vietnamese_names(book: Path) -> None:
    ws = openpyxl.load_workbook(book)["Xếp loại"]
    assert ws.column_dimensions["D"].width >= len("Phường Thạnh Hòa")
    assert ws.column_dimensions["F"].width >= len("Không hoàn thành nhiệm vụ")
    assert ws["J2"].alignment.wrap_text


def test_same_run_same_bytes_and_english() -> None:
    run = rate(CRITERIA, [EXAMPLES])
    crit = load_criteria(CRITERIA)
    assert results_workbook(run, crit) == results_workbook(run, crit)
    import io

    wb = openpyxl.load_workbook(io.BytesIO(results_workbook(run, crit, "en")))
    assert wb.sheetnames == ["Ranking", "Findings", "Reasons", "Evidence", "About"]
    assert {r["Rating"] for r in rows(wb["Ranking"])} == {"Good", "Completed", "Not completed", "incomplete"}


def test_an_incomplete_unit_is_grey_and_says_so(tmp_path: Path) -> None:
    card = example_cards()[0]
    del card["indicators"]["tasks_done_pct"]
    (tmp_path / "one.json").write_text(json.dumps(card, ensure_ascii=False), "utf-8")
    out = tmp_path / "one.xlsx"
    assert cli("rank", "--criteria", CRITERIA, tmp_path / "one.json", "--format", "xlsx", "-o", out).exit_code == 0
    ws = openpyxl.load_workbook(out)["Xếp loại"]
    assert ws["F2"].value == "chưa đủ số liệu" and ws["F2"].fill.fgColor.rgb.endswith("D9D9D9")
    assert ws["G2"].value is None


def test_xlsx_and_html_need_an_output_file_and_errors_leave_none(tmp_path: Path) -> None:
    for fmt in ("xlsx", "html"):
        result = cli("rank", "--criteria", CRITERIA, EXAMPLES, "--format", fmt)
        assert result.exit_code == 2
        assert "-o/--output" in result.stderr
    (tmp_path / "bad.yaml").write_text("unit: u1\nname: X\nkind: ward\nyear: 2025\nindicators: {general_1: 9}\n")
    for fmt in ("xlsx", "html"):
        out = tmp_path / f"out.{fmt}"
        result = cli("rank", "--criteria", CRITERIA, tmp_path / "bad.yaml", "--format", fmt, "-o", out)
        assert result.exit_code == 4
        assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def test_a_run_under_an_overlay_names_its_base_in_a_cell(tmp_path: Path) -> None:
    """An overlay's base (a mapping) is written as text: a workbook cell holds no structure."""
    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "os.xlsx"
    overlay = root / "examples" / "overlays" / "one-stop-illustrative.yaml"
    result = cli("rank", "--criteria", overlay, root / "examples" / "one-stop", "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    cells = dict(openpyxl.load_workbook(out).worksheets[-1].iter_rows(min_row=2, values_only=True))
    assert cells["criteria.extends"].startswith("id: one-stop-service, version: ")
