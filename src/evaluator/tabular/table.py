"""From rows of cells (a worksheet, a CSV file) to raw scorecards, every problem located.

One row is one scorecard. Each problem names the file, the sheet, the row and the
column (letter and title) as the person who typed it sees them. A file is all or
nothing: when any cell cannot be read, the rows that could be read are checked too
(ranges, unit kinds, duplicates...) so that one run reports every mistake, and
then everything is raised together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from ..errors import Location, Problem, ScorecardError
from ..load import Criteria
from ..scorecards import RawCard, check_scorecards
from .columns import HEADER_SCAN_ROWS, Catalogue, Target, find_header
from .numbers import Cell, CellError, to_indicator, to_kind, to_text, to_year

__all__ = ["Sheet", "cards_from_sheets"]


@dataclass
class Sheet:
    """Rows of one sheet (or CSV file): each the row number people see and its cells."""

    name: str | None
    rows: list[tuple[int, list[Cell]]] = field(default_factory=list)


def _blank(cell: Cell) -> bool:
    v = cell.value
    return v is None or (isinstance(v, str) and not v.strip())


def _text(cell: Cell | None) -> str:
    if cell is None or cell.value is None:
        return ""
    return str(cell.value).strip()


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[0] if lines else ""


def _convert(target: Target, cell: Cell, kinds: tuple[str, ...]) -> Any:
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

    def problem(self, code: str, where: Location, params: dict[str, Any] | None = None, hint: str | None = None):
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

    def cards(self, data: list[tuple[int, list[Cell]]]) -> list[RawCard]:
        out: list[RawCard] = []
        for row_no, cells in data:
            mapped = [(c, t, cells[c] if c < len(cells) else Cell(None)) for c, t in self.columns.items()]
            if all(_blank(cell) for _, _, cell in mapped):
                continue
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
        read = reader.cards(data)
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
