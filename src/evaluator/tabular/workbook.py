"""Writing workbooks that are the same bytes for the same content, and sized for Vietnamese text.

openpyxl stamps the time of saving into the document properties and into every
member of the zip archive; both are set to a fixed moment here, so a template or a
results workbook made twice from the same inputs is byte for byte the same.

Text stays text: openpyxl takes a string that starts with ``=`` for a formula and one
like ``#N/A`` for an error value; no workbook written here holds a formula cell, so such
strings are written as text (:func:`keep_text`), whatever a unit's name or a title says.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["FIXED_TIME", "fit_columns", "keep_text", "text_width", "workbook_bytes"]

FIXED_TIME = dt.datetime(2000, 1, 1)
_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def workbook_bytes(wb: Workbook, *, title: str | None = None) -> bytes:
    """``wb`` as .xlsx bytes with fixed times in its properties and its archive."""
    from openpyxl.writer.excel import ExcelWriter

    props = wb.properties
    props.creator = "evaluator"
    props.lastModifiedBy = "evaluator"
    if title is not None:
        props.title = title
    props.created = FIXED_TIME
    if not wb.write_only:  # write-only sheets are streamed: their writers call keep_text themselves
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell, Cell):  # a merged cell's other parts hold nothing
                        keep_text(cell)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        writer = ExcelWriter(wb, archive)
        props.modified = FIXED_TIME
        writer.write_data()  # unlike save_workbook(), this keeps the 'modified' time set above
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def keep_text(cell: Cell) -> Cell:
    """``cell`` with a text openpyxl took for a formula or an error value kept as plain text."""
    if cell.data_type in ("f", "e"):
        cell.data_type = "s"
    return cell


def text_width(text: str) -> float:
    """Excel column width that shows ``text``'s longest line (Vietnamese marks take no extra room)."""
    longest = max((len(line) for line in str(text).splitlines()), default=0)
    return longest * 1.1 + 2


def fit_columns(ws: Worksheet, *, minimum: float = 6, maximum: float = 60, skip_rows: int = 0) -> None:
    """Set each column's width to fit its cells (from row ``skip_rows + 1``), within bounds."""
    widths: dict[int, float] = {}
    for row in ws.iter_rows(min_row=skip_rows + 1):
        for cell in row:
            if cell.value is None:
                continue
            widths[cell.column] = max(widths.get(cell.column, 0), text_width(str(cell.value)))
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = round(min(max(width, minimum), maximum), 1)
