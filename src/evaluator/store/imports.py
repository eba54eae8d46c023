"""Files imported into the store: official decisions, unit lineage, the register of shortcomings.

Each is YAML or JSON (a list under ``decisions:``, ``events:`` or ``shortcomings:``); official
decisions and shortcomings may also be a spreadsheet (``.csv``, ``.xlsx``) with one row per entry
and the field names as column headers in the first row — read by the project's spreadsheet readers,
so years, dates (``dd/mm/yyyy`` or ``YYYY-MM-DD``) and text follow the same rules as scorecards.
Every problem is located (file and line, or sheet, row and column) and nothing is recorded
unless the whole file is right.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from openpyxl.utils import get_column_letter
from pydantic import BeforeValidator, Field, ValidationError, field_validator, model_validator

from ..errors import EvaluatorError, Location, Problem, RecordsFileError, UsageError, did_you_mean
from ..model.common import StrictModel, field_names, problems_from
from ..model.errors import Invalid, detail
from ..sources import Document, read_documents
from ..vntext import canon

__all__ = [
    "LineageEvent",
    "OfficialDecision",
    "Shortcoming",
    "read_decisions",
    "read_lineage",
    "read_shortcomings",
]

_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_VI = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def _day(value: Any) -> Any:
    """A date as written: ``YYYY-MM-DD``, ``dd/mm/yyyy`` or a spreadsheet date; else left for pydantic."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        m = _ISO.fullmatch(text)
        parts = (m.group(1), m.group(2), m.group(3)) if m else None
        m2 = _VI.fullmatch(text)
        if m2:
            parts = (m2.group(3), m2.group(2), m2.group(1))
        if parts is None:
            raise Invalid("import.date_form", found=text)
        try:
            return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            raise Invalid("import.date_calendar", found=text) from None
    return value


def _canon(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    return canon(value).strip() if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_canon), Field(min_length=1)]  # NFC, the Vietnamese marks in one place
Day = Annotated[dt.date, BeforeValidator(_day)]


class OfficialDecision(StrictModel):
    """The committee's decision on a unit's level for a year (what history reads)."""

    unit: Text
    year: int = Field(ge=1945, le=2100, strict=True)
    level: Text
    family: Text = Field(description="the criteria family the level belongs to, e.g. party-collective")
    scheme: Text | None = Field(default=None, description="the scheme id the level was given under, e.g. qd366")
    parent: Text | None = None
    kind: Text | None = None
    decided_by: Text
    document: Text
    date: Day


class LineageEvent(StrictModel):
    """Units merged, split or renamed on a date by a legal document."""

    id: Text
    kind: Literal["merge", "split", "rename"]
    date: Day
    document: Text
    from_: tuple[Text, ...] = Field(alias="from", min_length=1)
    into: tuple[Text, ...] = Field(min_length=1)

    @field_validator("from_", "into", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class Shortcoming(StrictModel):
    """A shortcoming named at a unit's review, and the year it was remedied (null: not yet)."""

    unit: Text
    year: int = Field(ge=1945, le=2100, strict=True, description="the year of the review that named it")
    text: Text
    remedied: int | None = Field(default=None, ge=1945, le=2100, strict=True)

    @model_validator(mode="after")
    def _order(self) -> Shortcoming:
        if self.remedied is not None and self.remedied < self.year:
            raise Invalid("import.remedied_before", remedied=self.remedied, year=self.year)
        return self


@dataclass(frozen=True)
class Entry:
    """One entry read from a file, and where it is."""

    item: Any
    location: Location


def _structured(path: Path, key: str, model: type[StrictModel]) -> list[Entry]:
    docs = read_documents(path, RecordsFileError)
    out: list[Entry] = []
    problems: list[Problem] = []
    for doc in docs:
        data = doc.data
        prefix: tuple[Any, ...] = (key,)
        if isinstance(data, list):
            prefix = ()
        elif isinstance(data, dict) and isinstance(data.get(key), list):
            extra = sorted(set(data) - {key, "comment"})
            if extra:
                problems.append(Problem("key.unknown", doc.locate((extra[0],)), {"key": extra[0]}))
                continue
            data = data[key]
        else:
            problems.append(Problem("import.top", doc.locate(()), {"key": key}))
            continue
        out.extend(_validated(doc, data, prefix, model, problems))
    if problems:
        raise RecordsFileError(problems)
    return out


def _validated(
    doc: Document, items: list[Any], prefix: tuple[Any, ...], model: type[StrictModel], problems: list[Problem]
) -> list[Entry]:
    out: list[Entry] = []
    for i, raw in enumerate(items):
        try:
            out.append(Entry(model.model_validate(raw), doc.locate((*prefix, i))))
        except ValidationError as exc:
            problems.extend(problems_from(exc, doc, (*prefix, i), field_names(model)))
    return out


def _tabular(path: Path, model: type[StrictModel]) -> list[Entry]:
    """Entries from the first visible sheet of a workbook or from a CSV file: field names in row 1."""
    from ..tabular.numbers import Cell, CellError, to_year

    sheets = _sheets(path)
    fields = {name: info for name, info in model.model_fields.items()}
    aliases = {info.alias or name: name for name, info in fields.items()}
    problems: list[Problem] = []
    out: list[Entry] = []
    if not sheets or not sheets[0][1]:
        raise RecordsFileError(Problem("file.empty", Location(file=str(path))))
    sheet_name, rows = sheets[0]

    def where(row: int, col: int | None = None, field: str | None = None) -> Location:
        return Location(
            file=str(path),
            sheet=sheet_name,
            row=row,
            col=get_column_letter(col + 1) if col is not None else None,
            field=field,
        )

    head_row, head = rows[0]
    columns: dict[int, str] = {}
    for j, cell in enumerate(head):
        text = str(cell.value).strip().lower() if cell.value is not None else ""
        if not text:
            continue
        if text not in aliases:
            problems.append(
                Problem("import.column_unknown", where(head_row, j), {"column": text}, did_you_mean(text, aliases))
            )
            continue
        columns[j] = aliases[text]
    for name, info in fields.items():
        if info.is_required() and name not in columns.values():
            problems.append(
                Problem(
                    "import.column_missing",
                    where(head_row),
                    {"column": info.alias or name, "columns": ", ".join(aliases)},
                )
            )
    if problems:
        raise RecordsFileError(problems)
    years = {n for n, info in fields.items() if info.annotation in (int, int | None)}
    for number, cells in rows[1:]:
        raw: dict[str, Any] = {}
        col_of: dict[str, int] = {}
        for j, name in columns.items():
            cell = cells[j] if j < len(cells) else Cell(None)
            value = cell.value
            if isinstance(value, str) and not value.strip():
                value = None
            if value is None:
                continue
            col_of[name] = j
            try:
                raw[fields[name].alias or name] = to_year(cell) if name in years else value
            except CellError as exc:
                problems.append(Problem(exc.code, where(number, j, name), exc.params, exc.suggestion))
        try:
            out.append(Entry(model.model_validate(raw), where(number)))
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                first = str(err["loc"][0]) if err["loc"] else None
                field = aliases.get(first, first) if first else None
                col = col_of.get(field) if field else None
                if err["type"] == "missing":
                    problems.append(Problem("key.missing", where(number, col, field)))
                else:  # said in the reader's language, like a YAML file's problems
                    problems.append(Problem("type.invalid", where(number, col, field), {"detail": detail(err)}))
    if problems:
        raise RecordsFileError(problems)
    return out


def _sheets(path: Path) -> list[tuple[str | None, list[tuple[int, list[Any]]]]]:
    from ..tabular.numbers import Cell

    try:
        if path.suffix.lower() == ".csv":
            import csv
            import io

            from ..tabular.csv import decode

            text = decode(path)
            first = text.splitlines()[0] if text.strip() else ""
            delim = max((";", "\t", ","), key=first.count)
            rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delim))
            return [
                (None, [(i, [Cell(v) for v in r]) for i, r in enumerate(rows, start=1) if any(v.strip() for v in r)])
            ]
        from ..tabular.xlsx import read_sheets

        return [(s.name, s.rows) for s in read_sheets(path)]
    except EvaluatorError as exc:  # the readers say "scorecards"; here the file is a record of decisions
        raise RecordsFileError(exc.problems) from None


def _read(path: str | Path, key: str, model: type[StrictModel]) -> list[Entry]:
    path = Path(path)
    if not path.is_file():  # a path that does not exist is a usage error, as for every command
        raise UsageError(Problem("file.not_found", Location(file=str(path))))
    if path.suffix.lower() in (".csv", ".xlsx"):
        return _tabular(path, model)
    return _structured(path, key, model)


def read_decisions(path: str | Path) -> list[Entry]:
    """Official decisions; one unit, year and family at most once in a file."""
    entries = _read(path, "decisions", OfficialDecision)
    seen: dict[tuple[str, int, str], Location] = {}
    problems = []
    for e in entries:
        d: OfficialDecision = e.item
        key = (d.unit, d.year, d.family)
        if key in seen:
            first = seen[key]
            params = {"unit": d.unit, "year": d.year, "family": d.family, "first": first}
            problems.append(Problem("import.duplicate", e.location, params))
        seen.setdefault(key, e.location)
    if problems:
        raise RecordsFileError(problems)
    return entries


def read_lineage(path: str | Path) -> list[Entry]:
    """Lineage events, each shaped as its kind says; a unit is never its own predecessor."""
    entries = _read(path, "events", LineageEvent)
    problems = []
    for e in entries:
        ev: LineageEvent = e.item
        ok = {
            "merge": len(ev.from_) >= 2 and len(ev.into) == 1,
            "split": len(ev.from_) == 1 and len(ev.into) >= 2,
            "rename": len(ev.from_) == 1 and len(ev.into) == 1,
        }[ev.kind]
        if not ok:
            problems.append(
                Problem("lineage.shape", e.location, {"kind": ev.kind, "expected": _phrase(f"lineage.shape_{ev.kind}")})
            )
        for unit in sorted(set(ev.from_) & set(ev.into)):
            problems.append(Problem("lineage.self", e.location, {"unit": unit}))
    if problems:
        raise RecordsFileError(problems)
    return entries


def read_shortcomings(path: str | Path) -> list[Entry]:
    return _read(path, "shortcomings", Shortcoming)


def _phrase(code: str) -> Any:
    from ..decision import bi

    return bi(code)
