"""Spreadsheets that used to be read wrongly without a sound: uncomputed formulas, merged cells, hidden
sheets, control characters, zip bombs, numbers out of range — and every field a JSON scorecard has."""

from __future__ import annotations

import json
import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import EXCELLENT, QD366, make_card
from evaluator import ScorecardError, load_criteria, rate, read_scorecards
from evaluator.tabular import template_bytes
from evaluator.tabular import xlsx as xlsx_mod
from tabular_support import ID_ROW

CRIT = load_criteria(QD366)
NTM = QD366.parent / "ntm-2016-commune.yaml"
FIELDS = ["unit", "name", "kind", "parent", "year"]
INDICATORS = list(EXCELLENT)


def workbook(
    tmp_path: Path,
    cards: list[dict[str, Any]],
    *,
    fields: list[str] = FIELDS,
    edit: Callable[[Any], None] | None = None,
    name: str = "cards.xlsx",
) -> Path:
    """A workbook written by a program (never opened in Excel): a row of ids, then one card per row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Phiếu"
    evidence = sorted({k for c in cards for k in c.get("evidence", {})})
    header = [*fields, *INDICATORS, *(f"evidence.{k}" for k in evidence)]
    ws.append(header)
    for card in cards:
        ws.append(
            [
                *(card.get(f) for f in fields),
                *(card["indicators"].get(k) for k in INDICATORS),
                *(card.get("evidence", {}).get(k) for k in evidence),
            ]
        )
    if edit is not None:
        edit(ws)
    path = tmp_path / name
    wb.save(path)
    return path


def col(name: str) -> int:
    return [*FIELDS, *INDICATORS].index(name) + 1


def letter(name: str) -> str:
    return openpyxl.utils.get_column_letter(col(name))


def excellent(unit: str, **extra: Any) -> dict[str, Any]:
    card = make_card(unit, **EXCELLENT)
    card.update(extra)
    return card


def only(err: pytest.ExceptionInfo[ScorecardError]):
    assert len(err.value.problems) == 1, err.value.render("en")
    return err.value.problems[0]


def patch_sheet(path: Path, change: Callable[[str], str]) -> None:
    """Rewrite the first worksheet's XML of ``path`` (what another program might have written)."""
    member = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as src:
        items = {i.filename: src.read(i.filename) for i in src.infolist()}
    items[member] = change(items[member].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for filename, data in items.items():
            dst.writestr(filename, data)


# --- formulas


def test_formula_cell_without_cached_value_is_refused(tmp_path: Path) -> None:
    # 'shortcomings_remedied_pct' has if_missing: pass; read as empty, a unit whose cell says 80 was excellent.
    def formula(ws: Any) -> None:
        ws.cell(2, col("shortcomings_remedied_pct")).value = "=40*2"

    path = workbook(tmp_path, [excellent("u1")], edit=formula)
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], CRIT)
    p = only(err)
    assert p.code == "tabular.formula_uncached"
    assert (p.location.file, p.location.sheet, p.location.row) == (str(path), "Phiếu", 2)
    assert p.location.col.startswith(letter("shortcomings_remedied_pct"))
    assert "Excel" in p.message("vi") and "open it in Excel and save it" in p.message("en")


def test_formula_cell_with_cached_value_is_read(tmp_path: Path) -> None:
    def formula(ws: Any) -> None:
        ws.cell(2, col("shortcomings_remedied_pct")).value = "=40*2"

    path = workbook(tmp_path, [excellent("u1")], edit=formula)
    patch_sheet(path, lambda xml: xml.replace("<f>40*2</f><v />", "<f>40*2</f><v>80</v>"))
    [sub] = read_scorecards([path], CRIT)
    assert sub.values["shortcomings_remedied_pct"] == 80


def test_formula_giving_empty_text_is_a_missing_value(tmp_path: Path) -> None:
    def formula(ws: Any) -> None:
        ws.cell(2, col("shortcomings_remedied_pct")).value = '=IF(1>2,1,"")'

    path = workbook(tmp_path, [excellent("u1")], edit=formula)
    patch_sheet(
        path, lambda xml: re.sub(r'<c r="([A-Z]+2)"><f>(.*?)</f><v ?/>', r'<c r="\1" t="str"><f>\2</f><v></v>', xml)
    )
    [sub] = read_scorecards([path], CRIT)
    assert "shortcomings_remedied_pct" not in sub.values


def test_formula_cell_in_a_column_nobody_reads_is_harmless(tmp_path: Path) -> None:
    def note(ws: Any) -> None:
        ws.cell(1, 40).value = "Ghi chú"
        ws.cell(2, 40).value = "=1+1"

    [sub] = read_scorecards([workbook(tmp_path, [excellent("u1")], edit=note)], CRIT)
    assert sub.card.unit == "u1"


# --- merged cells


def test_merged_parent_column_fills_its_range(tmp_path: Path) -> None:
    cards = [excellent("a1", parent="thot-not"), make_card("a2", parent="thot-not"), make_card("a3", parent="thot-not")]
    cards.append(make_card("b1", parent="co-do"))

    def merge(ws: Any) -> None:
        for row in (3, 4):
            ws.cell(row, col("parent")).value = None
        ws.merge_cells(f"{letter('parent')}2:{letter('parent')}4")

    path = workbook(tmp_path, cards, edit=merge)
    subs = {s.card.unit: s.card for s in read_scorecards([path], CRIT)}
    assert {u: c.parent for u, c in subs.items()} == {
        "a1": "thot-not",
        "a2": "thot-not",
        "a3": "thot-not",
        "b1": "co-do",
    }
    run = rate(QD366, [path])
    assert {d.unit: d.peer_group for d in run.results}["a3"] == "thot-not/ward/2025"


def test_merged_cells_over_a_year_or_kind_fill_too(tmp_path: Path) -> None:
    def merge(ws: Any) -> None:
        for name in ("kind", "year"):
            ws.cell(3, col(name)).value = None
            ws.merge_cells(f"{letter(name)}2:{letter(name)}3")

    subs = read_scorecards([workbook(tmp_path, [make_card("a"), make_card("b")], edit=merge)], CRIT)
    assert [(s.card.kind, s.card.year) for s in subs] == [("ward", 2025), ("ward", 2025)]


@pytest.mark.parametrize("field", ["tasks_done_pct", "unit", "name", "disunity_concluded"])
def test_merged_indicator_cells_are_refused(tmp_path: Path, field: str) -> None:
    def merge(ws: Any) -> None:
        ws.cell(3, col(field)).value = None
        ws.merge_cells(f"{letter(field)}2:{letter(field)}3")

    path = workbook(tmp_path, [make_card("a"), make_card("b")], edit=merge)
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], CRIT)
    merged = [p for p in err.value.problems if p.code == "tabular.merged"]
    assert len(merged) == 1, err.value.render("en")
    p = merged[0]
    assert (p.location.sheet, p.location.row) == ("Phiếu", 2) and p.location.col.startswith(letter(field))
    assert f"{letter(field)}2:{letter(field)}3" in p.message("vi") and "unmerge" in p.message("en")


def test_merged_cells_across_columns_in_data_rows_are_refused(tmp_path: Path) -> None:
    def merge(ws: Any) -> None:
        ws.cell(2, col("parent")).value = None
        ws.merge_cells(f"{letter('kind')}2:{letter('parent')}2")

    with pytest.raises(ScorecardError) as err:
        read_scorecards([workbook(tmp_path, [make_card("a")], edit=merge)], CRIT)
    assert [p.code for p in err.value.problems] == ["tabular.merged"]


def test_merged_titles_above_the_header_are_fine(tmp_path: Path) -> None:
    def title(ws: Any) -> None:
        ws.insert_rows(1)
        ws.cell(1, 1).value = "PHIẾU SỐ LIỆU ĐÁNH GIÁ"
        ws.merge_cells("A1:H1")

    [sub] = read_scorecards([workbook(tmp_path, [make_card("a")], edit=title)], CRIT)
    assert sub.card.unit == "a"


# --- sheets, size, text


def test_hidden_sheets_are_not_read_as_data(tmp_path: Path) -> None:
    def hidden_copy(ws: Any) -> None:
        copy = ws.parent.copy_worksheet(ws)
        copy.title = "Bản cũ"
        copy.sheet_state = "hidden"
        copy.cell(2, col("tasks_done_pct")).value = 10

    path = workbook(tmp_path, [make_card("a")], edit=hidden_copy)
    [sub] = read_scorecards([path], CRIT)  # not 'unit a appears twice'
    assert sub.values["tasks_done_pct"] == 100

    def only_hidden(ws: Any) -> None:
        ws.sheet_state = "hidden"
        ws.parent.create_sheet("Trống")

    with pytest.raises(ScorecardError) as err:
        read_scorecards([workbook(tmp_path, [make_card("a")], edit=only_hidden, name="h.xlsx")], CRIT)
    assert only(err).code == "tabular.no_data_sheet"


def zip_bomb(tmp_path: Path) -> Path:
    """A workbook whose first member claims 2 GB once decompressed (what zipfile trusts and enforces)."""
    path = workbook(tmp_path, [make_card("a")], name="bomb.xlsx")
    data = bytearray(path.read_bytes())
    at = data.index(b"PK\x01\x02")  # the central directory
    data[at + 24 : at + 28] = (0x7FFF_FFFF).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    return path


def test_zip_bomb_is_refused_before_decompressing(tmp_path: Path) -> None:
    path = zip_bomb(tmp_path)
    start = time.perf_counter()
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], CRIT)
    assert time.perf_counter() - start < 0.5
    p = only(err)
    assert (p.code, p.location.file) == ("tabular.too_large", str(path))
    assert "2048 MB" in p.message("en") and "256 MB" in p.message("vi")


def test_zip_with_too_many_members_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xlsx_mod, "XLSX_MAX_MEMBERS", 5)
    with pytest.raises(ScorecardError) as err:
        read_scorecards([workbook(tmp_path, [make_card("a")])], CRIT)
    assert only(err).code == "tabular.too_large"


def test_a_cell_far_to_the_right_is_refused_not_padded(tmp_path: Path) -> None:
    def far(ws: Any) -> None:
        for row in range(2, 400):
            ws.cell(row, 16_384).value = "x"

    start = time.perf_counter()
    with pytest.raises(ScorecardError) as err:
        read_scorecards([workbook(tmp_path, [make_card("a")], edit=far)], CRIT)
    assert time.perf_counter() - start < 3
    p = only(err)
    assert (p.code, p.location.row, p.location.col) == ("tabular.too_wide", 2, "XFD")


def test_not_a_workbook_is_a_located_error(tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook><sheets><sheet name='a' r:id='x'/></sheets>")
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], CRIT)
    p = only(err)
    assert (p.code, p.location.file) == ("tabular.unreadable", str(path))


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_control_characters_in_cells_are_refused(tmp_path: Path, suffix: str) -> None:
    card = make_card("a")
    card["name"] = "Phường \x1b[31mĐỏ"
    if suffix == ".xlsx":
        # XML cannot hold ESC (openpyxl refuses to write it); a C1 control (CSI, U+009B) it can.
        card["name"] = "Phường CTRL"
        path = workbook(tmp_path, [card])
        patch_sheet(path, lambda xml: xml.replace("CTRL", "\u009b31mĐỏ"))
    else:
        path = tmp_path / "cards.csv"
        header = [*FIELDS, *INDICATORS]
        row = [*(card[f] for f in FIELDS), *(json.dumps(card["indicators"][k]) for k in INDICATORS)]
        path.write_text(";".join(header) + "\n" + ";".join(str(v) for v in row) + "\n", encoding="utf-8")
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], CRIT)
    p = only(err)
    assert p.code == "text.control" and p.location.row == 2 and p.location.col.startswith(letter("name"))
    assert ("U+009B" if suffix == ".xlsx" else "U+001B") in p.message("vi")


def test_control_characters_in_a_number_cell_are_not_echoed(tmp_path: Path) -> None:
    card = make_card("a")
    path = tmp_path / "cards.csv"
    row = [*(str(card[f]) for f in FIELDS), *(json.dumps(card["indicators"][k]) for k in INDICATORS)]
    row[col("tasks_done_pct") - 1] = "\x1b[2J\x0799"
    path.write_text(";".join([*FIELDS, *INDICATORS]) + "\n" + ";".join(row) + "\n", encoding="utf-8")
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], CRIT)
    p = only(err)
    assert p.code == "text.control" and p.location.col.startswith(letter("tasks_done_pct"))
    assert "\x1b" not in p.render("vi") + p.render("en")


@pytest.mark.parametrize(
    ("written", "code"), [("9" * 5000, "number.too_large"), ("99999999999999999999", "indicator.too_large")]
)
def test_very_long_number_in_a_csv_cell_is_located(tmp_path: Path, written: str, code: str) -> None:
    card = make_card("a")
    path = tmp_path / "cards.csv"
    header = [*FIELDS, *INDICATORS]
    row = [*(str(card[f]) for f in FIELDS), *(json.dumps(card["indicators"][k]) for k in INDICATORS)]
    row[col("leaders_disciplined") - 1] = written
    path.write_text(";".join(header) + "\n" + ";".join(row) + "\n", encoding="utf-8")
    with pytest.raises(ScorecardError) as err:
        read_scorecards([path], CRIT)
    p = only(err)
    assert (p.code, p.location.row) == (code, 2) and p.location.col.startswith(letter("leaders_disciplined"))
    assert len(p.message("en")) < 300


def test_number_beyond_2_53_in_a_cell_is_refused(tmp_path: Path) -> None:
    def big(ws: Any) -> None:
        ws.cell(2, col("subunits_disciplined")).value = 1e20

    with pytest.raises(ScorecardError) as err:
        read_scorecards([workbook(tmp_path, [make_card("a")], edit=big)], CRIT)
    p = only(err)
    assert (p.code, p.location.row) == ("indicator.too_large", 2)


# --- the same fields as JSON


def test_sheet_accepts_every_field_a_json_scorecard_accepts(tmp_path: Path) -> None:
    card = make_card("a", parent="thot-not")
    card.update(
        region="DBSCL",
        peer_group="nhom-1",
        evidence={"tasks_done_pct": "Báo cáo số 12", "tasks_on_time": "Sổ theo dõi"},
    )
    fields = ["unit", "name", "kind", "region", "parent", "year", "peer_group"]
    path = workbook(tmp_path, [card], fields=fields)
    json_path = tmp_path / "card.json"
    json_path.write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")
    [from_sheet] = read_scorecards([path], CRIT)
    [from_json] = read_scorecards([json_path], CRIT)
    assert from_sheet.card == from_json.card and from_sheet.values == from_json.values


def test_template_includes_the_columns_a_user_needs() -> None:
    crit = load_criteria(NTM)
    ws = openpyxl.load_workbook(__import__("io").BytesIO(template_bytes(crit, "vi")))["Phiếu"]
    ids = [ws.cell(ID_ROW, c).value for c in range(1, ws.max_column + 1)]
    assert ids[:7] == ["unit", "name", "kind", "region", "parent", "year", "peer_group"]
    indicators = list(crit.model.indicators)
    assert ids[7 : 7 + len(indicators)] == indicators
    assert ids[7 + len(indicators) :] == [f"evidence.{k}" for k in indicators]
