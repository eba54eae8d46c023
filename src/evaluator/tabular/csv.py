"""Reading scorecards from CSV files, one unit per row, by the same rules as workbooks.

The text is UTF-8 (with or without the byte-order mark Excel writes for "CSV UTF-8")
or UTF-16 with its mark. The delimiter is the one of ``;`` (what Excel writes where
the decimal separator is a comma), tab or ``,`` under which the header row names
the most columns. Rows are numbered as a spreadsheet shows them (record 1 = row 1),
columns by letter (A, B, …), so a message points at the cell Excel displays.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from ..errors import Location, Problem, ScorecardError
from ..load import Criteria
from ..scorecards import RawCard
from .columns import HEADER_SCAN_ROWS, Catalogue, find_header
from .numbers import Cell
from .table import Sheet, cards_from_sheets

__all__ = ["DELIMITERS", "decode", "read_csv"]

DELIMITERS = (";", "\t", ",")


def decode(path: Path) -> str:
    """The text of a CSV file, or a located error that says how to save it."""
    where = Location(file=str(path))
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ScorecardError(Problem("file.not_found", where)) from None
    except OSError as exc:
        raise ScorecardError(Problem("file.unreadable", where, {"detail": exc.strerror or str(exc)})) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        encoding = "utf-8-sig"
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        raise ScorecardError(Problem("tabular.csv_encoding", where)) from None


def _rows(text: str, delimiter: str, limit: int | None = None) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return list(islice(reader, limit)) if limit is not None else list(reader)


def _delimiter(text: str, criteria: Criteria) -> str:
    cat = Catalogue(criteria)
    best, best_width = DELIMITERS[0], -1
    for delim in DELIMITERS:
        try:
            rows = _rows(text, delim, HEADER_SCAN_ROWS + 1)
        except csv.Error:
            continue
        found = find_header(rows, cat)
        if found is None:
            continue
        width = len([c for c in rows[found[0]] if c.strip()])
        if width > best_width:
            best, best_width = delim, width
    return best


def read_csv(path: Path, criteria: Criteria | None) -> Iterator[RawCard]:
    """Scorecards from a CSV file; :class:`ScorecardError` with every problem, located by row and column."""
    if criteria is None:
        raise ScorecardError(Problem("tabular.need_criteria", Location(file=str(path))))
    text = decode(path)
    if not text.strip():
        raise ScorecardError(Problem("file.empty", Location(file=str(path))))
    try:
        rows = _rows(text, _delimiter(text, criteria))
    except csv.Error as exc:
        raise ScorecardError(Problem("file.unreadable", Location(file=str(path)), {"detail": str(exc)})) from None
    sheet = Sheet(None)
    for number, row in enumerate(rows, start=1):
        if any(v.strip() for v in row):
            sheet.rows.append((number, [Cell(v if v.strip() else None) for v in row]))
    return iter(cards_from_sheets(str(path), [sheet], criteria, workbook=False))
