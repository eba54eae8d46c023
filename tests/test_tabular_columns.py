"""Columns are found by indicator id or by title (Vietnamese or English), and the header row is found."""

from __future__ import annotations

import unicodedata

import pytest

from evaluator import load_criteria
from evaluator.tabular.columns import Catalogue, find_header
from tabular_support import CRITERIA


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return Catalogue(load_criteria(CRITERIA))


@pytest.mark.parametrize(
    ("header", "path"),
    [
        ("tasks_done_pct", "indicators.tasks_done_pct"),
        ("Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thành", "indicators.tasks_done_pct"),
        ("Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thành\n(%; 0–100)", "indicators.tasks_done_pct"),
        ("  TỶ LỆ NHIỆM VỤ ĐƯỢC GIAO CỦA TẬP THỂ  ĐÃ HOÀN THÀNH *", "indicators.tasks_done_pct"),
        (
            unicodedata.normalize("NFD", "Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thành"),
            "indicators.tasks_done_pct",
        ),
        ("Share of the collective's own assigned tasks completed", "indicators.tasks_done_pct"),
        ("Số chỉ tiêu kinh tế – xã hội cơ bản được giao", "indicators.basic_targets_assigned"),
        ("Số chỉ tiêu kinh tế – xã hội cơ bản đạt được", "indicators.basic_targets_met"),
        ("Mã đơn vị", "unit"),
        ("unit", "unit"),
        ("Tên đơn vị", "name"),
        ("Loại đơn vị", "kind"),
        ("Năm đánh giá", "year"),
        ("Năm", "year"),
        ("Rating year", "year"),
        ("Đơn vị cấp trên", "parent"),
        ("evidence.basic_targets_met", "evidence.basic_targets_met"),
        ("Minh chứng: Số chỉ tiêu kinh tế – xã hội cơ bản đạt được", "evidence.basic_targets_met"),
        ("Minh chứng — basic_targets_met", "evidence.basic_targets_met"),
        ("Minh chứng: Đạt đủ các chỉ tiêu cơ bản được giao", "evidence.basic_targets"),
    ],
)
def test_columns_match_by_id_or_title(cat: Catalogue, header: str, path: str) -> None:
    found = cat.resolve(header)
    assert found is not None and found.dotted == path


@pytest.mark.parametrize("header", ["Tỷ lệ hoàn thành", "tasks_done", "Điểm", "regional"])
def test_unknown_columns_are_not_guessed(cat: Catalogue, header: str) -> None:
    assert cat.resolve(header) is None


def test_unknown_columns_get_a_suggestion(cat: Catalogue) -> None:
    assert (
        cat.suggest("Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thàn")
        == "Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thành"
    )
    assert cat.suggest("tasks_done_pc") == "tasks_done_pct"


@pytest.mark.parametrize("header", ["STT", "TT", "Số TT", "Ghi chú", "# ghi chép riêng", "Notes"])
def test_columns_for_people_are_skipped(cat: Catalogue, header: str) -> None:
    assert cat.ignored(header)
    assert not cat.ignored("Mã đơn vị")


def test_the_header_row_is_found_below_a_title_and_the_id_row_under_it(cat: Catalogue) -> None:
    rows = [
        ["PHIẾU SỐ LIỆU", None, None],
        ["Bộ tiêu chí ...", None, None],
        ["Mã đơn vị", "Tên đơn vị\n(chữ)", "Tỷ lệ nhiệm vụ được giao của tập thể đã hoàn thành\n(%; 0–100)"],
        ["unit", "name", "tasks_done_pct"],
        ["tn-thanh-hoa", "Phường Thạnh Hòa", 100],
    ]
    assert find_header(rows, cat) == (2, 3)
    assert find_header(rows[2:3] + rows[4:], cat) == (0, None)
    assert find_header([["a", "b"], ["1", "2"]], cat) is None
    assert find_header([["Tên đơn vị", "Năm", "Loại"]], cat) is None  # no unit column: not a data sheet
