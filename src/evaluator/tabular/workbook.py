"""Writing workbooks that are the same bytes for the same content, and sized for Vietnamese text.

openpyxl stamps the time of saving into the document properties and into every
member of the zip archive; both are set to a fixed moment here, so a template or a
results workbook made twice from the same inputs is byte for byte the same.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import EvaluatorError, Location, Problem

__all__ = ["FIXED_TIME", "fit_columns", "text_width", "workbook_bytes", "write_atomically"]

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


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, so a failure leaves no half file."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise EvaluatorError(Problem("output.unwritable", Location(file=str(path)), {"detail": _why(exc)})) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, _mode(path))  # a temporary file is private; the result is not
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise EvaluatorError(Problem("output.unwritable", Location(file=str(path)), {"detail": _why(exc)})) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _mode(path: Path) -> int:
    """The permissions ``path`` has, or those a new file gets (the umask applied)."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


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
