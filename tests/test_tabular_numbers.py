"""Values typed in Vietnamese spreadsheets: read when they have one meaning, refused when they do not."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from evaluator.model.criteria import Indicator
from evaluator.tabular.numbers import Cell, CellError, parse_date, parse_number, to_indicator, to_kind, to_text, to_year


def ind(kind: str, **kw: Any) -> Indicator:
    return Indicator.model_validate({"type": kind, "title": {"vi": "Chỉ số", "en": "Indicator"}, **kw})


PERCENT, POINTS, COUNT, NUMBER, YESNO = ind("percent"), ind("points", max=70), ind("count"), ind("number"), ind("yesno")


def read(value: Any, indicator: Indicator = NUMBER, fmt: str = "General") -> Any:
    return to_indicator(Cell(value, fmt), "x", indicator)


def refused(value: Any, indicator: Indicator = NUMBER, fmt: str = "General") -> CellError:
    with pytest.raises(CellError) as info:
        read(value, indicator, fmt)
    return info.value


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        ("99,5", "percent", 99.5),
        ("99,5", "number", 99.5),
        ("6.826", "count", 6826),
        ("6.826", "number", 6826),
        ("1.234.567", "number", 1234567),
        ("1.234.567", "percent", 1234567),  # cannot be a decimal: read, then the 0–100 check refuses it
        ("1.234,5", "number", 1234.5),
        ("1.234,5", "points", 1234.5),
        ("95%", "percent", 95),
        ("99,5 %", "percent", 99.5),
        ("100", "percent", 100),
        ("0", "count", 0),
        ("  42  ", "count", 42),
        ("-3", "number", -3),
        ("−3", "number", -3),
        ("+7", "number", 7),
        ("99.5", "percent", 99.5),  # one dot, not before three digits: only a decimal point
        ("4.25", "points", 4.25),
        ("0,25", "number", 0.25),
        ("1,234", "number", 1.234),  # the comma is always the decimal separator
        ("007", "count", 7),
    ],
)
def test_numbers_in_vietnamese_notation(text: str, kind: str, expected: float) -> None:
    value = parse_number(text, kind)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize(
    ("text", "thousands", "decimal"),
    [("1.234", "1234", "1,234"), ("99.500", "99500", "99,5"), ("1.000", "1000", "1"), ("-1.234", "-1234", "-1,234")],
)
@pytest.mark.parametrize("kind", ["percent", "points"])
def test_a_dot_before_three_digits_is_ambiguous_on_percent_and_points(
    text: str, thousands: str, decimal: str, kind: str
) -> None:
    with pytest.raises(CellError) as info:
        parse_number(text, kind)
    assert info.value.code == "tabular.ambiguous_number"
    assert info.value.params["thousands"] == thousands
    assert info.value.params["as_decimal"] == decimal


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("1,234.5", "tabular.english_number"),
        ("1,234,567", "tabular.english_number"),
        ("abc", "tabular.not_number"),
        ("năm mươi", "tabular.not_number"),
        ("1.23.4", "tabular.not_number"),
        ("12.34.567", "tabular.not_number"),
        ("1,2,3", "tabular.not_number"),
        (",5", "tabular.not_number"),
        ("5,", "tabular.not_number"),
        ("-", "tabular.not_number"),
        ("#DIV/0!", "tabular.excel_error"),
        ("4/5/2025", "tabular.date_in_number"),
        ("5%", "tabular.percent_sign"),
    ],
)
def test_text_that_is_not_one_number_is_refused(text: str, code: str) -> None:
    with pytest.raises(CellError) as info:
        parse_number(text, "count")
    assert info.value.code == code


def test_english_notation_is_answered_with_the_vietnamese_spelling() -> None:
    with pytest.raises(CellError) as info:
        parse_number("1,234.5", "number")
    assert info.value.params["suggest"] == "1.234,5"


def test_numeric_cells_stay_numbers() -> None:
    assert read(4.5, POINTS) == 4.5
    assert read(6826, COUNT) == 6826
    assert read(1234.0, PERCENT) == 1234.0  # the range check (not the reader) refuses it


def test_a_percent_formatted_cell_is_scaled_for_a_percentage_and_refused_elsewhere() -> None:
    assert read(0.95, PERCENT, "0%") == 95
    assert read(0.995, PERCENT, "0.0%") == 99.5
    assert read(1, PERCENT, "0%") == 100
    assert refused(0.05, COUNT, "0%").code == "tabular.percent_sign"


def test_dates_and_booleans_in_number_columns_are_refused() -> None:
    err = refused(dt.datetime(2025, 5, 4), POINTS)
    assert err.code == "tabular.date_in_number" and err.params["date"] == "04/05/2025"
    assert refused(True, COUNT).code == "tabular.not_number"
    assert refused("#N/A", COUNT).code == "tabular.excel_error"


@pytest.mark.parametrize("typed", ["Có", "có", "CÓ", "co", "C", "x", "X", "✓", "Đúng", "yes", "TRUE", "1", 1, True])
def test_yes(typed: Any) -> None:
    assert read(typed, YESNO) is True


@pytest.mark.parametrize("typed", ["Không", "không", "KHÔNG", "khong", "K", "ko", "Sai", "no", "false", "0", 0, False])
def test_no(typed: Any) -> None:
    assert read(typed, YESNO) is False


@pytest.mark.parametrize("typed", [None, "", "   ", "\u00a0"])
@pytest.mark.parametrize("indicator", [YESNO, PERCENT, COUNT])
def test_an_empty_cell_is_missing_never_no_or_zero(typed: Any, indicator: Indicator) -> None:
    assert read(typed, indicator) is None


@pytest.mark.parametrize("typed", ["chưa rõ", "có lẽ", "2", 2, "-"])
def test_anything_else_is_not_yes_or_no(typed: Any) -> None:
    assert refused(typed, YESNO).code == "tabular.not_yesno"


def test_choices_match_whatever_the_case_and_tone_placement() -> None:
    rating = ind("rating", choices=["Tốt", "Khá", "Hoà"])
    assert read("tốt", rating) == "Tốt"
    assert read(" KHÁ ", rating) == "Khá"
    assert read("Hòa", rating) == "Hoà"
    assert read("Kém", rating) == "Kém"  # left for the checks to refuse, with "did you mean"


def test_dates() -> None:
    assert parse_date("31/12/2025") == dt.date(2025, 12, 31)
    assert parse_date("1/2/2025") == dt.date(2025, 2, 1)
    assert parse_date("01-02-2025") == dt.date(2025, 2, 1)
    assert parse_date("2025") is None
    with pytest.raises(CellError) as info:
        parse_date("31/02/2025")
    assert info.value.code == "tabular.bad_date"


def test_the_year_is_a_year_never_taken_from_a_date() -> None:
    assert to_year(Cell(2025)) == 2025
    assert to_year(Cell(2025.0)) == 2025
    assert to_year(Cell(" 2025 ")) == 2025
    assert to_year(Cell(None)) is None
    for typed in ("31/12/2025", dt.datetime(2026, 1, 10)):
        with pytest.raises(CellError) as info:
            to_year(Cell(typed))
        assert info.value.code == "tabular.year_date"
    with pytest.raises(CellError) as info:
        to_year(Cell("31/02/2025"))
    assert info.value.code == "tabular.bad_date"
    for typed in ("năm 2025", "2025,5", 2025.5):
        with pytest.raises(CellError) as info:
            to_year(Cell(typed))
        assert info.value.code == "tabular.not_year"


def test_text_fields() -> None:
    assert to_text(Cell("  Phường Thạnh Hoà ")) == "Phường Thạnh Hòa"
    assert to_text(Cell(101)) == "101"
    assert to_text(Cell(101.0)) == "101"
    assert to_text(Cell("")) is None
    with pytest.raises(CellError):
        to_text(Cell(dt.datetime(2025, 1, 1)))


def test_unit_kinds_may_be_written_in_vietnamese() -> None:
    kinds = ("commune", "ward", "township")
    assert to_kind(Cell("Phường"), kinds) == "ward"
    assert to_kind(Cell("xã"), kinds) == "commune"
    assert to_kind(Cell("THỊ TRẤN"), kinds) == "township"
    assert to_kind(Cell("Ward"), kinds) == "ward"
    assert to_kind(Cell("thôn"), kinds) == "thôn"  # refused later, with the kinds the criteria cover
    assert to_kind(Cell("Đặc khu"), kinds) == "Đặc khu"  # a known word, but not a kind of this criteria set
