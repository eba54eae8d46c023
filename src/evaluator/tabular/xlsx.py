"""Reading scorecards from Excel workbooks (.xlsx), one unit per row.

Every worksheet whose header row names the unit and the indicators is read (see
:mod:`evaluator.tabular.columns`); other sheets (a guide, lists, charts) are passed
over. Values are the ones Excel shows, cached results of formulas included.
Excel's lock files (``~$form.xlsx``, left beside an open workbook) hold no data and
are skipped.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from ..errors import Location, Problem, ScorecardError
from ..load import Criteria
from ..scorecards import RawCard
from .numbers import Cell
from .table import Sheet, cards_from_sheets

__all__ = ["read_sheets", "read_xlsx"]


def read_sheets(path: Path) -> list[Sheet]:
    """The non-empty rows of every worksheet, with row numbers and number formats."""
    where = Location(file=str(path))
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise ScorecardError(Problem("file.not_found", where)) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ScorecardError(Problem("tabular.unreadable", where, {"detail": str(exc) or type(exc).__name__})) from None
    try:
        sheets: list[Sheet] = []
        for ws in wb.worksheets:
            ws.reset_dimensions()  # some writers record a wrong size; read what is there
            sheet = Sheet(ws.title)
            for row in ws.iter_rows():
                number = next((c.row for c in row if getattr(c, "row", None) is not None), None)
                if number is None:
                    continue  # an empty row
                cells = [Cell(c.value, getattr(c, "number_format", None) or "General") for c in row]
                if all(c.value is None for c in cells):
                    continue
                sheet.rows.append((number, cells))
            sheets.append(sheet)
        return sheets
    finally:
        wb.close()


def read_xlsx(path: Path, criteria: Criteria | None) -> Iterator[RawCard]:
    """Scorecards from a workbook; :class:`ScorecardError` with every problem, located by sheet, row and column."""
    if path.name.startswith("~$"):
        return iter(())
    if criteria is None:
        raise ScorecardError(Problem("tabular.need_criteria", Location(file=str(path))))
    return iter(cards_from_sheets(str(path), read_sheets(path), criteria, workbook=True))
