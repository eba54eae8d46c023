"""Reading scorecards from Excel workbooks (.xlsx), one unit per row.

Every visible worksheet whose header row names the unit and the indicators is read (see
:mod:`evaluator.tabular.columns`); other sheets (a guide, lists, charts) are passed over,
and hidden sheets are never read as data. Values are the ones Excel shows, cached results
of formulas included. Excel's lock files (``~$form.xlsx``, left beside an open workbook)
hold no data and are skipped.

What a workbook cannot be trusted with is checked before and while it is read:

- the archive: at most ``XLSX_MAX_MEMBERS`` members and ``XLSX_MAX_UNCOMPRESSED`` bytes
  once decompressed (a zip bomb is refused before anything is decompressed);
- formulas whose result was never computed (a workbook written by a program and never
  opened in Excel holds the formula but no value): such a cell is not empty, and the
  reader says so instead of reading it as missing;
- merged cells, which Excel stores as one value in the top-left cell and nothing in the
  others (the table reader decides what a merged range in the data rows means);
- rows reaching beyond column ``MAX_COLUMNS`` (a cell at XFD1 would make every row 16,384
  cells wide).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string
from openpyxl.xml.functions import iterparse

from ..errors import Location, Problem, ScorecardError
from ..limits import XLSX_MAX_MEMBERS, XLSX_MAX_UNCOMPRESSED
from ..load import Criteria
from ..scorecards import RawCard
from .numbers import Cell
from .table import Sheet, cards_from_sheets

__all__ = ["MAX_COLUMNS", "read_sheets", "read_xlsx"]

MAX_COLUMNS = 2_000

_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]+[0-9]+(?::[A-Za-z]+[0-9]+)?)\"")


def _check_archive(path: Path) -> None:
    """Refuse an archive too large once decompressed, before anything is decompressed."""
    where = Location(file=str(path))
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except FileNotFoundError:
        raise ScorecardError(Problem("file.not_found", where)) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ScorecardError(Problem("tabular.unreadable", where, {"detail": str(exc) or type(exc).__name__})) from None
    size = sum(info.file_size for info in infos)
    if len(infos) > XLSX_MAX_MEMBERS or size > XLSX_MAX_UNCOMPRESSED:
        params = {
            "members": len(infos),
            "size": size // (1024 * 1024),
            "max_members": XLSX_MAX_MEMBERS,
            "max_size": XLSX_MAX_UNCOMPRESSED // (1024 * 1024),
        }
        raise ScorecardError(Problem("tabular.too_large", where, params))


def _scan(data: bytes) -> tuple[set[tuple[int, int]], list[tuple[int, int, int, int]]]:
    """A worksheet's formula cells without a computed value (row, column) and its merged ranges.

    openpyxl gives ``None`` for both an empty cell and an uncomputed formula, so the XML is
    read here — only when it holds a formula at all, and then without building cells.
    """
    uncached: set[tuple[int, int]] = set()
    if _FORMULA_TAG.search(data):
        row = column = 0
        for event, elem in iterparse(io.BytesIO(data), events=("start", "end")):
            tag = elem.tag.rsplit("}", 1)[-1]
            if tag == "row" and event == "start":
                row, column = int(elem.get("r") or row + 1), 0
            elif tag == "c" and event == "end":
                coordinate = elem.get("r")
                if coordinate:
                    letters, row = coordinate_from_string(coordinate)
                    column = column_index_from_string(letters)
                else:
                    column += 1  # cells may leave out their coordinates, as openpyxl reads them
                kids = {child.tag.rsplit("}", 1)[-1]: child for child in elem}
                value = kids.get("v")
                # No value, or an empty one that is not an empty text result (openpyxl writes '<v />').
                empty = value is None or (not value.text and elem.get("t") not in ("str", "s", "inlineStr"))
                if "f" in kids and empty:
                    uncached.add((row, column))
                elem.clear()
            elif tag == "row":
                elem.clear()
    merged: list[tuple[int, int, int, int]] = []
    for m in _MERGE.finditer(data):
        lo_col, lo_row, hi_col, hi_row = range_boundaries(m.group(1).decode("ascii").upper())
        if lo_col is not None and lo_row is not None and hi_col is not None and hi_row is not None:
            merged.append((lo_row, lo_col, hi_row, hi_col))
    return uncached, merged


def read_sheets(path: Path) -> list[Sheet]:
    """The non-empty rows of every visible worksheet, with row numbers, number formats,
    uncomputed formulas marked, and merged ranges."""
    _check_archive(path)
    where = Location(file=str(path))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl's remarks on styles and odd dates are not the user's business
            return _read_sheets(path)
    except ScorecardError:
        raise
    except Exception as exc:  # a malformed archive or XML: openpyxl raises many kinds; none may escape as a traceback
        detail = f"{type(exc).__name__}: {exc}"[:200]
        raise ScorecardError(Problem("tabular.unreadable", where, {"detail": detail})) from None


def _read_sheets(path: Path) -> list[Sheet]:
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        sheets: list[Sheet] = []
        archive: zipfile.ZipFile = wb._archive  # type: ignore[attr-defined]
        for ws in wb.worksheets:
            if getattr(ws, "sheet_state", "visible") != "visible":
                continue  # hidden (a list for drop-downs, an old copy): never data
            uncached, merged = _scan(archive.read(ws._worksheet_path))  # type: ignore[attr-defined]
            ws.reset_dimensions()  # some writers record a wrong size; read what is there
            sheet = Sheet(ws.title, merged=merged)
            for row in ws.iter_rows():
                if len(row) > MAX_COLUMNS:
                    loc = Location(file=str(path), sheet=ws.title, row=row[-1].row, col=get_column_letter(len(row)))
                    raise ScorecardError(Problem("tabular.too_wide", loc, {"max": get_column_letter(MAX_COLUMNS)}))
                number = next((c.row for c in row if getattr(c, "row", None) is not None), None)
                if number is None:
                    continue  # an empty row
                cells = [_cell(c, number, uncached) for c in row]
                if all(c.value is None and not c.uncached for c in cells):
                    continue
                sheet.rows.append((number, cells))
            sheets.append(sheet)
        return sheets
    finally:
        wb.close()


def _cell(c: Any, row: int, uncached: set[tuple[int, int]]) -> Cell:
    value = c.value
    if value is None and uncached and (row, getattr(c, "column", 0)) in uncached:
        return Cell(None, uncached=True)
    return Cell(value, getattr(c, "number_format", None) or "General")


def read_xlsx(path: Path, criteria: Criteria | None) -> Iterator[RawCard]:
    """Scorecards from a workbook; :class:`ScorecardError` with every problem, located by sheet, row and column."""
    if path.name.startswith("~$"):
        return iter(())
    if criteria is None:
        raise ScorecardError(Problem("tabular.need_criteria", Location(file=str(path))))
    return iter(cards_from_sheets(str(path), read_sheets(path), criteria, workbook=True))
