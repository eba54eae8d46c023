"""Excel in: the fill-in template, a workbook filled as an office would, and every mistake located."""

from __future__ import annotations

import copy
import datetime as dt
import json
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from evaluator import ScorecardError, load_criteria, read_scorecards
from evaluator.tabular import read_xlsx, template_bytes
from tabular_support import (
    CRITERIA,
    EXAMPLES,
    FIRST_ROW,
    FORM_SHEET,
    cli,
    column_ids,
    example_cards,
    fill,
    make_template,
    rank_json,
)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_template(tmp_path_factory.mktemp("form") / "form.xlsx")


@pytest.fixture(scope="module")
def filled(template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fill(template, tmp_path_factory.mktemp("filled") / "filled.xlsx", example_cards())


def errors_of(*args: Any) -> list[dict[str, Any]]:
    result = cli(*args, "--format", "json")
    assert result.exit_code == 4, result.output
    return json.loads(result.stderr)["problems"]


# --- the template


def test_template_has_a_form_a_guide_and_hidden_lists(template: Path) -> None:
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames == ["Phiếu", "Hướng dẫn", "Danh mục"]
    assert wb["Danh mục"].sheet_state == "hidden"
    ws = wb[FORM_SHEET]
    ids = column_ids(ws)
    crit = load_criteria(CRITERIA)
    indicators = list(crit.model.indicators)
    evidence = [f"evidence.{k}" for k in indicators]
    assert list(ids) == ["unit", "name", "kind", "parent", "year", "peer_group", *indicators, *evidence]
    assert ws.cell(3, ids["evidence.basic_targets_met"]).value.startswith(
        "Minh chứng: Số chỉ tiêu kinh tế – xã hội cơ bản đạt được"
    )
    assert ws.cell(3, ids["tasks_done_pct"]).value == "Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thành\n(%; 0–100)"
    assert ws.cell(3, ids["general_1"]).value.endswith("(điểm; 0–5)")
    assert ws.cell(3, ids["basic_targets_met"]).value.endswith("(số nguyên 0–5)")
    assert ws.cell(3, ids["leaders_disciplined"]).value.endswith("(người; số nguyên ≥ 0)")
    assert ws.cell(3, ids["disunity_concluded"]).value.endswith("(Có/Không)")
    assert "không bắt buộc" in ws.cell(3, ids["shortcomings_remedied_pct"]).value
    assert ws.freeze_panes == "C5"


def test_template_cells_carry_validation(template: Path) -> None:
    ws = openpyxl.load_workbook(template)[FORM_SHEET]
    ids = column_ids(ws)
    by_cell = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_cell[rng.coord.split(":")[0]] = dv

    def at(key: str) -> Any:
        return by_cell[f"{openpyxl.utils.get_column_letter(ids[key])}{FIRST_ROW}"]

    pct = at("tasks_done_pct")
    assert (pct.type, pct.operator, pct.formula1, pct.formula2) == ("decimal", "between", "0", "100")
    assert (at("general_1").formula1, at("general_1").formula2) == ("0", "5")
    assert at("leaders_disciplined").type == "whole" and at("leaders_disciplined").operator == "greaterThanOrEqual"
    assert at("disunity_concluded").type == "list" and "Danh mục" in at("disunity_concluded").formula1
    assert at("kind").type == "list"
    assert at("unit").type == "custom" and "COUNTIF" in at("unit").formula1
    assert at("year").type == "whole" and at("year").formula1 == "2025"
    lists = openpyxl.load_workbook(template)["Danh mục"]
    values = {c.value for row in lists.iter_rows() for c in row if c.value}
    assert {"Có", "Không", "Xã", "Phường", "Đặc khu"} <= values
    assert "Thị trấn" not in values  # townships are gone since 1 July 2025: 366 rates none


def test_the_guide_explains_every_indicator_with_its_legal_reference(template: Path) -> None:
    ws = openpyxl.load_workbook(template)["Hướng dẫn"]
    rows = {r[1]: r for r in ws.iter_rows(values_only=True) if r[1]}
    crit = load_criteria(CRITERIA)
    for key, ind in crit.model.indicators.items():
        assert key in rows, key
        assert rows[key][2] == ind.title.vi
        if ind.reference:
            assert rows[key][7] == ind.reference
    text = " ".join(str(v) for r in ws.iter_rows(values_only=True) for v in r if v)
    assert "dấu phẩy (99,5)" in text and "CHƯA CÓ SỐ LIỆU" in text
    assert "Quy định 366-QĐ/TW ngày 30/8/2025" in text


def test_the_template_in_english(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(make_template(tmp_path / "form-en.xlsx", "en"))
    assert wb.sheetnames == ["Scorecards", "Guide", "Lists"]
    ids = column_ids(wb["Scorecards"])
    assert (
        wb["Scorecards"]
        .cell(3, ids["tasks_done_pct"])
        .value.startswith("Share of the collective's own assigned tasks completed")
    )


def test_the_template_is_the_same_bytes_every_time() -> None:
    crit = load_criteria(CRITERIA)
    first, second = template_bytes(crit), template_bytes(crit)
    assert first == second
    with zipfile.ZipFile(__import__("io").BytesIO(first)) as z:
        core = z.read("docProps/core.xml").decode()
        assert "2000-01-01T00:00:00Z" in core
        assert {i.date_time for i in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}


def test_an_empty_template_rates_nothing_and_says_why(template: Path) -> None:
    problems = errors_of("rank", "--criteria", CRITERIA, template)
    assert [p["code"] for p in problems] == ["tabular.no_rows"]
    assert problems[0]["location"]["sheet"] == FORM_SHEET and problems[0]["location"]["row"] == 3


# --- a filled workbook


def test_a_filled_template_rates_exactly_like_the_same_data_in_json(filled: Path) -> None:
    from_xlsx = rank_json(filled)
    from_json = rank_json(EXAMPLES)
    assert len(from_xlsx["results"]) == 10
    assert from_xlsx["results"] == from_json["results"]
    names = {r["unit"]: r["name"] for r in from_xlsx["results"]}
    assert names["tn-thanh-hoa"] == "Phường Thạnh Hòa"  # typed "Hoà", some rows decomposed
    evidence = {r["unit"]: r.get("evidence") for r in from_xlsx["results"]}
    assert evidence["tn-thuan-hung"] == {
        "shortcomings_remedied_pct": "Hạn chế đã chỉ ra: thu nợ làm đường chưa đạt kế hoạch; vụ việc an ninh; "
        "đảng viên lơi lỏng"
    }


def _variant() -> list[dict[str, Any]]:
    """The examples with some "yes" answers, decimals and a missing value, so every convention is used."""
    cards = copy.deepcopy(example_cards())
    cards[1]["indicators"]["disunity_concluded"] = True
    cards[2]["indicators"]["degradation_concluded"] = True
    cards[3]["indicators"]["tasks_exceeded_pct"] = 33.5
    cards[4]["indicators"]["shortcomings_remedied_pct"] = 99.5
    cards[5]["indicators"]["task_results"] = 61.25
    cards[6]["indicators"]["degradation_concluded"] = True
    del cards[7]["indicators"]["tasks_late_pct"]
    return cards


def test_a_variant_with_yes_decimals_and_a_gap_rates_like_json_too(template: Path, tmp_path: Path) -> None:
    cards = _variant()
    book = fill(template, tmp_path / "variant.xlsx", cards)
    (tmp_path / "variant.json").write_text(json.dumps({"scorecards": cards}, ensure_ascii=False), "utf-8")
    from_xlsx, from_json = rank_json(book), rank_json(tmp_path / "variant.json")
    assert from_xlsx["results"] == from_json["results"]
    by_unit = {r["unit"]: r for r in from_xlsx["results"]}
    assert by_unit[cards[1]["unit"]]["level"] == "kht"  # "x" or "Có" for disunity: a veto
    assert by_unit[cards[7]["unit"]]["status"] == "incomplete"  # an empty cell is missing, not 0
    typed = [c.value for row in openpyxl.load_workbook(book)[FORM_SHEET].iter_rows(min_row=FIRST_ROW) for c in row]
    assert {"Có", "x", "X"} & set(typed) and "Không" in typed
    assert any(isinstance(v, str) and v.strip() in ("33,5", "33,5%", "99,5", "99,5%", "61,25") for v in typed)


def test_the_office_conventions_really_are_in_the_filled_workbook(filled: Path) -> None:
    ws = openpyxl.load_workbook(filled)[FORM_SHEET]
    typed = [c.value for row in ws.iter_rows(min_row=FIRST_ROW) for c in row]
    assert "Không" in typed and "không" in typed and "KHÔNG" in typed
    assert any(isinstance(v, str) and "," in v for v in typed)  # decimal commas
    assert "100%" in typed
    assert any(c.number_format == "0%" for row in ws.iter_rows(min_row=FIRST_ROW) for c in row)
    assert any(isinstance(v, str) and "Hoà" in unicodedata.normalize("NFC", v) for v in typed)
    assert " cn-phu-hung " in typed


def test_explain_and_validate_read_workbooks(filled: Path) -> None:
    result = cli("explain", "tn-thanh-hoa", "--criteria", CRITERIA, filled)
    assert result.exit_code == 0, result.output
    assert "Phường Thạnh Hòa" in result.stdout
    result = cli("validate", "--criteria", CRITERIA, filled)
    assert result.exit_code == 0, result.output
    assert "10 phiếu chấm điểm" in result.stdout


def test_scorecards_remember_their_sheet_and_row(filled: Path) -> None:
    subs = read_scorecards([filled], load_criteria(CRITERIA))
    where = {s.card.unit: s.location for s in subs}
    assert where["cn-phu-hung"].sheet == FORM_SHEET and where["cn-phu-hung"].row == FIRST_ROW
    assert where["tn-thuan-hung"].row == FIRST_ROW + 8


# --- mistakes


def _with_mistakes(template: Path, out: Path) -> Path:
    cards = example_cards()
    fill(template, out, [*cards, cards[0]])  # row 15 repeats the unit of row 5
    wb = openpyxl.load_workbook(out)
    ws = wb[FORM_SHEET]
    ids = column_ids(ws)

    def put(row: int, key: str, value: Any, fmt: str | None = None) -> None:
        cell = ws.cell(row=row, column=ids[key], value=value)
        if fmt:
            cell.number_format = fmt

    put(5, "tasks_done_pct", "1.234")  # 1234 or 1,234?
    put(6, "task_results", "năm mươi")  # words, not a number
    put(7, "disunity_concluded", "chưa rõ")  # not yes/no
    put(8, "leaders_disciplined", "5%")  # a percent sign on a count
    put(9, "general_1", dt.datetime(2025, 5, 4), "dd/mm/yyyy")  # Excel turned 4.5 into a date
    put(10, "year", "31/12/2025")  # a date for the year
    put(11, "general_2", 7)  # above the maximum of 5
    put(12, "kind", "thôn")  # not a kind the criteria cover
    put(12, "subunits_disciplined", "1,5")  # a count that is not whole
    wb.save(out)
    return out


TEN_CODES = [
    "tabular.ambiguous_number",
    "tabular.not_number",
    "tabular.not_yesno",
    "tabular.percent_sign",
    "tabular.date_in_number",
    "tabular.year_date",
    "indicator.range",
    "scorecard.kind",
    "indicator.type",
    "scorecard.duplicate",
]


def test_ten_kinds_of_mistakes_give_ten_located_errors_and_no_result(template: Path, tmp_path: Path) -> None:
    book = _with_mistakes(template, tmp_path / "mistakes.xlsx")
    problems = errors_of("rank", "--criteria", CRITERIA, book)
    assert sorted(p["code"] for p in problems) == sorted(TEN_CODES)
    for p in problems:
        loc = p["location"]
        assert loc["file"] == str(book)
        assert loc["sheet"] == FORM_SHEET
        assert isinstance(loc["row"], int) and loc["row"] >= FIRST_ROW
        assert loc["col"][0].isalpha() and "(" in loc["col"]
    where = {p["code"]: (p["location"]["row"], p["location"]["col"]) for p in problems}
    assert where["tabular.ambiguous_number"] == (5, "N (Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thành)")
    assert where["tabular.year_date"] == (10, "E (Năm đánh giá)")
    assert where["scorecard.duplicate"] == (15, "A (Mã đơn vị)")
    assert where["scorecard.kind"] == (12, "C (Loại đơn vị)")
    assert [p["location"]["row"] for p in problems] == sorted(p["location"]["row"] for p in problems)

    out = tmp_path / "results.txt"
    result = cli("rank", "--criteria", CRITERIA, book, "-o", out)
    assert result.exit_code == 4
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [book]
    assert "trang tính «Phiếu», dòng 5, cột N (Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thành)" in result.stderr
    english = cli("rank", "--criteria", CRITERIA, book, "--lang", "en")
    assert (
        "sheet 'Phiếu', row 5, column N (Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thành): '1.234' is ambiguous"
        in english.stderr
    )


def test_column_problems(template: Path, tmp_path: Path) -> None:
    book = fill(template, tmp_path / "cols.xlsx", example_cards()[:2])
    wb = openpyxl.load_workbook(book)
    ws = wb[FORM_SHEET]
    ids = column_ids(ws)
    ws.cell(3, ids["parent"], "Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thàn")  # a typo in a title...
    ws.cell(4, ids["parent"]).value = None  # ...with no id under it
    ws.cell(4, ids["peer_group"], "tasks_late_pct")  # a second column for the same indicator
    ws.cell(3, ids["peer_group"], "Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thành chậm tiến độ")
    ws.cell(5, ids["peer_group"], 0)
    extra = ws.max_column + 1
    ws.cell(5, extra, "ghi chép")  # values under no title
    wb.save(book)
    problems = errors_of("rank", "--criteria", CRITERIA, book)
    by_code = {p["code"]: p for p in problems}
    assert set(by_code) == {"tabular.column_unknown", "tabular.column_duplicate", "tabular.column_no_header"}
    unknown = by_code["tabular.column_unknown"]
    assert unknown["suggestion"] == "Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thành"
    assert unknown["location"]["row"] == 3 and unknown["location"]["col"].startswith("D (")
    duplicate = by_code["tabular.column_duplicate"]
    assert duplicate["location"]["col"].startswith("P (")  # the indicator's own column, after F
    assert "F (Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thành chậm tiến độ)" in duplicate["message"]
    assert by_code["tabular.column_no_header"]["location"]["col"] == openpyxl.utils.get_column_letter(extra)


def test_a_missing_required_column_is_said_once(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Mã đơn vị", "Loại đơn vị", "Năm đánh giá", "general_1"])
    for i in range(5):
        ws.append([f"u{i}", "Phường", 2025, 4])
    wb.save(tmp_path / "no-name.xlsx")
    problems = errors_of("rank", "--criteria", CRITERIA, tmp_path / "no-name.xlsx")
    assert [p["code"] for p in problems] == ["tabular.column_missing"]
    assert problems[0]["location"] == {"file": str(tmp_path / "no-name.xlsx"), "sheet": "Sheet", "row": 1}


def test_several_data_sheets_stt_notes_and_blank_rows(tmp_path: Path) -> None:
    cards = example_cards()
    wb = openpyxl.Workbook()
    first = wb.active
    first.title = "Ghi chú"
    first.append(["Bảng này do văn phòng huyện ủy lập."])
    for title, part in (("Cái Nước", cards[:2]), ("Lào Cai + Thốt Nốt", cards[2:])):
        ws = wb.create_sheet(title)
        keys = list(part[0]["indicators"])
        notes = sorted({k for c in part for k in c.get("evidence", {})})
        evidence = [f"evidence.{k}" for k in notes]
        ws.append(["STT", "unit", "name", "kind", "parent", "year", *keys, *evidence, "Ghi chú"])
        for n, card in enumerate(part, start=1):
            values = [card["indicators"].get(k) for k in keys]
            texts = [card.get("evidence", {}).get(k) for k in notes]
            ident = [card["unit"], card["name"], card["kind"], card["parent"], card["year"]]
            ws.append([n, *ident, *values, *texts, "đã duyệt"])
            ws.append([])  # a blank row between units
        ws.append([None] * (len(keys) + len(notes) + 6) + ["Người lập biểu: ..."])  # a footer under the notes
    wb.save(tmp_path / "book.xlsx")
    assert rank_json(tmp_path / "book.xlsx")["results"] == rank_json(EXAMPLES)["results"]


def test_evidence_columns(template: Path, tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    card = example_cards()[0]
    keys = list(card["indicators"])
    ws.append(
        ["unit", "name", "kind", "parent", "year", *keys, "Minh chứng: Số chỉ tiêu kinh tế – xã hội cơ bản đạt được"]
    )
    ws.append(["u1", "Xã Một", "Xã", "p", 2025, *card["indicators"].values(), "  Thu ngân sách đạt  "])
    wb.save(tmp_path / "ev.xlsx")
    [sub] = read_scorecards([tmp_path / "ev.xlsx"], load_criteria(CRITERIA))
    assert sub.card.evidence == {"basic_targets_met": "Thu ngân sách đạt"}


def test_no_data_sheet_lock_files_and_broken_files(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Trang 1"
    wb.active.append(["Họ tên", "Điểm"])
    wb.save(tmp_path / "other.xlsx")
    problems = errors_of("rank", "--criteria", CRITERIA, tmp_path / "other.xlsx")
    assert [p["code"] for p in problems] == ["tabular.no_data_sheet"]
    assert "«Trang 1»" in problems[0]["message"]

    (tmp_path / "broken.xlsx").write_bytes(b"not a workbook")
    assert [p["code"] for p in errors_of("rank", "--criteria", CRITERIA, tmp_path / "broken.xlsx")] == [
        "tabular.unreadable"
    ]

    crit = load_criteria(CRITERIA)
    assert list(read_xlsx(tmp_path / "~$form.xlsx", crit)) == []  # Excel's lock file beside an open workbook
    with pytest.raises(ScorecardError) as info:
        read_xlsx(tmp_path / "other.xlsx", None)
    assert info.value.problems[0].code == "tabular.need_criteria"


def test_a_template_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    result = cli("template", "--criteria", CRITERIA, "-o", tmp_path / "no-such-folder" / "form.xlsx")
    assert result.exit_code == 2
    assert "không có thư mục" in result.stderr and "no-such-folder" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_written_files_get_the_usual_permissions(tmp_path: Path) -> None:
    import os

    mask = os.umask(0o022)
    try:
        path = make_template(tmp_path / "form.xlsx")
    finally:
        os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o644  # not the 0600 of a temporary file
    assert [p.name for p in tmp_path.iterdir()] == ["form.xlsx"]
