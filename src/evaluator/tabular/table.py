"""From rows of cells (a worksheet, a CSV file) to raw scorecards, every problem located.

One row is one scorecard. Each problem names the file, the sheet, the row and the
column (letter and title) as the person who typed it sees them. A file is all or
nothing: when any cell cannot be read, the rows that could be read are checked too
(ranges, unit kinds, duplicates...) so that one run reports every mistake, and
then everything is raised together.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import Location, Problem, ScorecardError
from ..limits import control_char
from ..load import Criteria
from ..scorecards import RawCard, check_scorecards
from .columns import HEADER_SCAN_ROWS, Catalogue, Target, find_header
from .numbers import Cell, CellError, to_indicator, to_kind, to_text, to_year

MAX_COLUMN = 18278  # ZZZ: the columns openpyxl names (a workbook has at most 16,384, XFD)

__all__ = ["Sheet", "cards_from_sheets"]


@dataclass
class Sheet:
    """Rows of one sheet (or CSV file): each the row number people see and its cells, and the
    merged ranges (first row, first column, last row, last column; 1-based) of a worksheet."""

    name: str | None
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


def _blank(cell: Cell) -> bool:
    v = cell.value
    return not cell.uncached and (v is None or (isinstance(v, str) and not v.strip()))


# Columns where a range merged down several rows is read as its value in every row it covers:
# a parent, region, kind, year or peer group shared by the units below it (what people mean).
# Merged over an indicator, the unit code or the name, it is refused: a value typed once for
# several units is too easily a mistake, and a blank there would silently be "missing".
_FILLED_WHEN_MERGED = {("kind",), ("region",), ("parent",), ("year",), ("peer_group",)}


def _text(cell: Cell | None) -> str:
    if cell is None or cell.value is None:
        return ""
    return str(cell.value).strip()


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[0] if lines else ""


def _convert(target: Target, cell: Cell, kinds: tuple[str, ...]) -> Any:
    if cell.uncached:
        raise CellError("tabular.formula_uncached")
    if isinstance(cell.value, str):
        char = control_char(cell.value)  # refused here, so no message repeats it
        if char is not None:
            raise CellError("text.control", {"char": char})
    if target.indicator is not None:
        return to_indicator(cell, target.path[1], target.indicator)
    if target.path == ("kind",):
        return to_kind(cell, kinds)
    if target.path == ("year",):
        return to_year(cell)
    return to_text(cell)


class _SheetReader:
    def __init__(self, file: str, sheet: Sheet, cat: Catalogue, criteria: Criteria, problems: list[Problem]):
        self.file, self.sheet, self.cat, self.problems = file, sheet, cat, problems
        self.kinds = criteria.model.unit_kinds
        self.columns: dict[int, Target] = {}
        self.display: dict[int, str] = {}
        self.by_path: dict[str, int] = {}

    def where(self, row: int, col: int | None = None) -> Location:
        return Location(file=self.file, sheet=self.sheet.name, row=row, col=None if col is None else self.display[col])

    def problem(
        self, code: str, where: Location, params: dict[str, Any] | None = None, hint: str | None = None
    ) -> None:
        self.problems.append(Problem(code, where, params or {}, hint))

    def header(self, head: int, ids: int | None) -> list[tuple[int, list[Cell]]]:
        rows = self.sheet.rows
        head_no, titles = rows[head]
        id_no, idcells = rows[ids] if ids is not None else (head_no, [])
        data = rows[(ids if ids is not None else head) + 1 :]
        width = max(len(cells) for _, cells in rows)
        for c in range(width):
            title = _text(titles[c]) if c < len(titles) else ""
            ident = _text(idcells[c]) if c < len(idcells) else ""
            letter = get_column_letter(c + 1)
            shown = _first_line(title) or ident
            self.display[c] = f"{letter} ({shown})" if shown else letter
            if not title and not ident:
                if any(c < len(cells) and not _blank(cells[c]) for _, cells in data):
                    self.problem("tabular.column_no_header", self.where(head_no, c))
                continue
            if self.cat.ignored(title or ident):
                continue
            target = self.cat.by_id(ident) if ident else None
            if target is None and ident:
                self.problem(
                    "tabular.column_unknown",
                    self.where(id_no, c),
                    {"header": ident, "criteria": self.cat.criteria_id},
                    self.cat.suggest(ident),
                )
                continue
            if target is None:
                target = self.cat.resolve(title)
            if target is None:
                self.problem(
                    "tabular.column_unknown",
                    self.where(head_no, c),
                    {"header": _first_line(title), "criteria": self.cat.criteria_id},
                    self.cat.suggest(title),
                )
                continue
            if target.dotted in self.by_path:
                first = self.by_path[target.dotted]
                self.problem(
                    "tabular.column_duplicate",
                    self.where(head_no, c),
                    {"header": shown, "field": target.dotted, "first": self.display[first]},
                )
                continue
            self.by_path[target.dotted] = c
            self.columns[c] = target
        for t in self.cat.required():
            if t.dotted not in self.by_path:
                self.problem("tabular.column_missing", self.where(head_no), {"title": t.label, "field": t.field})
        return data

    def locator(self, row: int) -> Callable[[Sequence[Any]], Location]:
        def locate(loc: Sequence[Any]) -> Location:
            parts = tuple(str(p) for p in loc)
            col = self.by_path.get(".".join(parts))
            if col is not None or not parts:
                return self.where(row, col)
            return Location(file=self.file, sheet=self.sheet.name, row=row, field=".".join(parts))

        return locate

    def merges(self, data: list[tuple[int, list[Cell]]], last_header_row: int) -> dict[tuple[int, int], Cell]:
        """The cells a merged range fills (row, column index) with its top-left value; a merged
        range the reader cannot take is a problem (see ``_FILLED_WHEN_MERGED``)."""
        fill: dict[tuple[int, int], Cell] = {}
        if not self.sheet.merged or not data:
            return fill
        rows = {number: cells for number, cells in data}
        numbers = sorted(rows)
        mapped = sorted(self.columns)
        for top, left, bottom, right in self.sheet.merged:
            if bottom <= last_header_row or (top == bottom and left == right):
                continue  # a title over the header, or one cell
            covered = mapped[bisect.bisect_left(mapped, left - 1) : bisect.bisect_left(mapped, right)]
            if not covered:
                continue  # over row numbers or notes: nothing the scorecards read
            shown = f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"
            c = covered[0]
            target = self.columns[c]
            across = len(covered) > 1 or c != left - 1  # the value would belong to another column
            if top == bottom and not across:
                continue  # one row, wider than its column: the value is where it is read
            fillable = target.path in _FILLED_WHEN_MERGED or target.path[0] == "evidence"
            if top <= last_header_row or across or not fillable:
                self.problem(
                    "tabular.merged",
                    self.where(max(top, last_header_row + 1), c),
                    {"range": shown, "field": target.dotted},
                )
                continue
            source = rows.get(top)
            value = source[c] if source is not None and c < len(source) else Cell(None)
            start = bisect.bisect_right(numbers, top)
            for number in numbers[start : bisect.bisect_right(numbers, bottom)]:
                if (number, c) in fill:  # ranges that overlap (Excel itself will not open such a file)
                    self.problem("tabular.merged", self.where(number, c), {"range": shown, "field": target.dotted})
                    return fill
                fill[(number, c)] = value
        return fill

    def cards(self, data: list[tuple[int, list[Cell]]], last_header_row: int = 0) -> list[RawCard]:
        out: list[RawCard] = []
        fill = self.merges(data, last_header_row)
        for row_no, cells in data:
            mapped = [(c, t, cells[c] if c < len(cells) else Cell(None)) for c, t in self.columns.items()]
            if all(_blank(cell) for _, _, cell in mapped):
                continue
            if fill:
                mapped = [(c, t, fill.get((row_no, c), cell)) for c, t, cell in mapped]
            card: dict[str, Any] = {"indicators": {}}
            for c, target, cell in mapped:
                try:
                    value = _convert(target, cell, self.kinds)
                except CellError as exc:
                    self.problem(exc.code, self.where(row_no, c), exc.params, exc.suggestion)
                    continue
                if value is None:
                    continue
                if len(target.path) == 1:
                    card[target.path[0]] = value
                else:
                    card.setdefault(target.path[0], {})[target.path[1]] = value
            out.append(RawCard(card, self.locator(row_no)))
        return out


def get_column_letter(index: int) -> str:
    """A spreadsheet column's letters from its number (1 → A, 27 → AA), as openpyxl writes them;
    here so that reading a CSV file or starting the program does not import openpyxl."""
    if not 1 <= index <= MAX_COLUMN:
        raise ValueError(f"invalid column index {index}")
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index_from_string(letters: str) -> int:
    """A spreadsheet column's number from its letters (A → 1, AA → 27); ValueError if not a column."""
    index = 0
    for c in letters.upper():
        if not "A" <= c <= "Z":
            raise ValueError(f"{letters} is not a valid column name")
        index = index * 26 + ord(c) - 64
    if not 1 <= index <= MAX_COLUMN or len(letters) > 3:
        raise ValueError(f"{letters} is not a valid column name")
    return index


def _order(sheets: dict[str | None, int]) -> Callable[[Problem], tuple[int, int, int]]:
    def key(p: Problem) -> tuple[int, int, int]:
        loc = p.location
        col = 0
        if loc.col:
            letters = loc.col.split(" ", 1)[0]
            col = column_index_from_string(letters) if letters.isalpha() else 0
        return (sheets.get(loc.sheet, len(sheets)), loc.row or 0, col)

    return key


def cards_from_sheets(file: str, sheets: Sequence[Sheet], criteria: Criteria, *, workbook: bool) -> list[RawCard]:
    """Every scorecard in ``sheets``; raise :class:`ScorecardError` with every problem of the file."""
    cat = Catalogue(criteria)
    problems: list[Problem] = []
    cards: list[RawCard] = []
    found = False
    for sheet in sheets:
        if not sheet.rows:
            continue
        header = find_header([[c.value for c in cells] for _, cells in sheet.rows], cat)
        if header is None:
            continue
        found = True
        reader = _SheetReader(file, sheet, cat, criteria, problems)
        data = reader.header(*header)
        last_header = sheet.rows[header[1] if header[1] is not None else header[0]][0]
        read = reader.cards(data, last_header)
        if not read and not problems:
            problems.append(Problem("tabular.no_rows", reader.where(sheet.rows[header[0]][0])))
        cards.extend(read)
    if not found:
        if workbook:
            names = ", ".join(f"«{s.name}»" for s in sheets)
            problems.append(
                Problem("tabular.no_data_sheet", Location(file=file), {"rows": HEADER_SCAN_ROWS, "sheets": names})
            )
        else:
            problems.append(Problem("tabular.no_header", Location(file=file), {"rows": HEADER_SCAN_ROWS}))
    if problems:
        problems.extend(_checked(cards, criteria, problems))
        problems.sort(key=_order({s.name: i for i, s in enumerate(sheets)}))
        raise ScorecardError(problems)
    return cards


def _checked(cards: list[RawCard], criteria: Criteria, known: list[Problem]) -> list[Problem]:
    """The problems the usual checks find in the rows that could be read, not said already."""
    if not cards:
        return []
    try:
        check_scorecards(cards, criteria)
    except ScorecardError as exc:
        taken = {(p.location.sheet, p.location.row, p.location.col) for p in known}
        return [
            p
            for p in exc.problems
            if (p.location.sheet, p.location.row, p.location.col) not in taken
            and not (p.code == "key.missing" and p.location.col is None)  # a missing column, said once
        ]
    return []
