"""A run as an Excel workbook: ranking, findings (unit × criterion), reasons, and what produced it.

Numbers stay numbers (Excel sorts and sums them, and shows them with the reader's
decimal separator); levels and results are coloured; headers are frozen and
filtered; columns are sized for Vietnamese text. Same run, same bytes.

Sheets are streamed (openpyxl's write-only mode) and only the cells that carry
meaning are styled, so ten thousand units — 130,000 findings — stay quick to write.

Text is always text: a name, a reason or a piece of evidence that starts with ``=``
(or reads like ``#N/A``) is written as a string, never as a formula or an error value;
characters XML cannot hold (control characters) are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from ..decision import Decision, Finding, Run
from ..load import Criteria
from ..messages import Lang, render
from ..output import write_bytes
from ..tabular.workbook import keep_text, text_width, workbook_bytes
from ..text import show_value, yes_no
from .labels import STATUS_COLOURS, evidence_titles, level_colour
from .rows import finding_rows, gap_texts, level_text, reason_texts
from .table import short_note

__all__ = ["results_workbook", "write_results_workbook"]

_HEAD_FILL = PatternFill("solid", fgColor="1F4E78")
_HEAD_FONT = Font(bold=True, color="FFFFFF")
_HEAD_ALIGN = Alignment(wrap_text=True, vertical="center")
_WRAP = Alignment(wrap_text=True, vertical="top")
_MAX_WIDTH = 40


@dataclass
class _Sheet:
    """A sheet's content before it is written: headers, rows, and which cells are coloured or wrapped."""

    title: str
    headers: list[str]
    freeze: str
    rows: list[list[Any]] = field(default_factory=list)
    fills: dict[int, list[str | None]] = field(default_factory=dict)  # column → colour per row
    wrap: dict[int, float] = field(default_factory=dict)  # column → fixed width, text wrapped
    formats: dict[int, str] = field(default_factory=dict)  # column → number format
    filter: bool = True


class _Styles:
    """One style object per look, shared by every cell that has it."""

    def __init__(self) -> None:
        self._fills: dict[str, PatternFill] = {}

    def fill(self, colour: str) -> PatternFill:
        if colour not in self._fills:
            self._fills[colour] = PatternFill("solid", fgColor=colour)
        return self._fills[colour]


def _widths(sheet: _Sheet) -> list[float]:
    widths = [text_width(h) for h in sheet.headers]
    for row in sheet.rows:
        for i, v in enumerate(row):
            if v is not None and i not in sheet.wrap:
                widths[i] = max(widths[i], text_width(str(v)))
    return [sheet.wrap.get(i, round(min(max(w, 6), _MAX_WIDTH), 1)) for i, w in enumerate(widths)]


def _write(wb: Workbook, sheet: _Sheet, styles: _Styles) -> None:
    ws: WriteOnlyWorksheet = wb.create_sheet(sheet.title)
    for i, width in enumerate(_widths(sheet), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width  # type: ignore[attr-defined]  # bound at run time
    ws.freeze_panes = sheet.freeze
    if sheet.filter:
        last = f"{get_column_letter(len(sheet.headers))}{len(sheet.rows) + 1}"
        ws.auto_filter.ref = f"A1:{last}"  # type: ignore[attr-defined]  # bound at run time
    head = []
    for text in sheet.headers:
        cell = _text_cell(ws, text)
        cell.font, cell.fill, cell.alignment = _HEAD_FONT, _HEAD_FILL, _HEAD_ALIGN
        head.append(cell)
    ws.append(head)
    styled = set(sheet.fills) | set(sheet.wrap) | set(sheet.formats)
    for r, row in enumerate(sheet.rows):
        out: list[Any] = []
        for c, value in enumerate(row):
            if isinstance(value, str):
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            if c not in styled:
                out.append(_text_cell(ws, value) if _retyped(value) else value)
                continue
            cell = _text_cell(ws, value)
            colour = sheet.fills[c][r] if c in sheet.fills else None
            if colour:
                cell.fill = styles.fill(colour)
            if c in sheet.wrap:
                cell.alignment = _WRAP
            if c in sheet.formats and value is not None:
                cell.number_format = sheet.formats[c]
            out.append(cell)
        ws.append(out)


def _retyped(value: Any) -> bool:
    """Whether openpyxl would take this text for a formula or an error value."""
    return isinstance(value, str) and (value.startswith("=") or value in ERROR_CODES)


def _text_cell(ws: WriteOnlyWorksheet, value: Any) -> Cell:
    return keep_text(WriteOnlyCell(ws, value))


def _value(f: Finding, values: list[str]) -> Any:
    """A finding's value: a number stays a number (Excel sorts and sums it); anything else in words."""
    if isinstance(f.value, (int, float)) and not isinstance(f.value, bool) and not f.assumed:
        return f.value
    return "\n".join(values) if values else None


def _heads(codes: list[str], lang: Lang) -> list[str]:
    return [render(f"report.col.{code}", lang) for code in codes]


def _level(d: Decision, lang: Lang) -> tuple[str, str]:
    order = list(d.level_titles)
    if d.status != "rated" or d.level is None:
        return level_text(d, lang), level_colour(None, len(order))
    return level_text(d, lang), level_colour(order.index(d.level), len(order))


def _ranking(run: Run, lang: Lang) -> _Sheet:
    cols = ["group", "rank", "unit", "name", "level", "level_title", "score", "status", "next_level", "gap", "note"]
    sheet = _Sheet(render("report.sheet_ranking", lang), _heads(cols, lang), "E2", wrap={9: 50, 10: 60})
    colours: list[str | None] = []
    for d in run.results:
        title, colour = _level(d, lang)
        status = render("ui.rated" if d.status == "rated" else "ui.incomplete", lang)
        next_title = d.level_titles[d.gap_level].get(lang) if d.gap_level else None
        gap = "\n".join(gap_texts(d, lang)) or None
        note = short_note(d, lang) or None
        row = [d.peer_group, d.rank, d.unit, d.name, d.level, title, d.score, status, next_title, gap, note]
        sheet.rows.append(row)
        colours.append(colour)
    sheet.fills = {4: colours, 5: colours}
    return sheet


def _findings(run: Run, criteria: Criteria, lang: Lang) -> _Sheet:
    cols = ["group", "unit", "name", "criterion", "criterion_title", "result", "value", "threshold", "points"]
    heads = _heads([*cols, "reference"], lang)
    sheet = _Sheet(render("report.sheet_findings", lang), heads, "D2", wrap={6: 30, 7: 50})
    colours: list[str | None] = []
    for d in run.results:
        for f, row in zip(d.findings, finding_rows(d, criteria, lang), strict=True):
            sheet.rows.append(
                [
                    d.peer_group,
                    d.unit,
                    d.name,
                    f.criterion,
                    row.title,
                    row.result,
                    _value(f, row.values),
                    row.condition or None,
                    f.points,
                    row.reference or None,
                ]
            )
            colours.append(STATUS_COLOURS.get(f.status))
    sheet.fills = {5: colours}
    return sheet


def _reasons(run: Run, lang: Lang) -> _Sheet:
    heads = _heads(["unit", "name", "order", "code", "reason"], lang)
    sheet = _Sheet(render("report.sheet_reasons", lang), heads, "C2")
    for d in run.results:
        for i, (reason, text) in enumerate(zip(d.reasons, reason_texts(d, lang), strict=True), start=1):
            sheet.rows.append([d.unit, d.name, i, reason.code, text])
    return sheet


def _evidence(run: Run, criteria: Criteria, lang: Lang) -> _Sheet:
    heads = _heads(["unit", "name", "evidence_key", "evidence_title", "evidence"], lang)
    sheet = _Sheet(render("report.sheet_evidence", lang), heads, "C2", wrap={4: 80})
    names = evidence_titles(criteria, lang)
    for d in run.results:
        for key, text in d.evidence.items():
            sheet.rows.append([d.unit, d.name, key, names.get(key, key), text])
    return sheet


def _about(run: Run, criteria: Criteria, lang: Lang) -> _Sheet:
    sheet = _Sheet(render("report.sheet_about", lang), _heads(["item", "content"], lang), "A2", filter=False)
    sheet.rows.append([render("report.about.criteria", lang), criteria.model.title.get(lang)])
    for part, items in (("criteria", run.criteria), ("scheme", run.scheme), ("engine", run.engine)):
        # a list (an overlay's bases) or a mapping reads as text; a cell holds no structure
        sheet.rows += [
            [f"{part}.{k}", _option([v] if isinstance(v, dict) else v, lang) if isinstance(v, (list, dict)) else v]
            for k, v in items.items()
        ]
    sheet.rows += [[f"options.{k}", _option(v, lang)] for k, v in run.options.items()]
    sheet.rows.append([render("report.about.units", lang), len(run.results)])
    return sheet


def _option(v: Any, lang: Lang) -> str:
    """A run option as people read it: Có/Không, a number, a list — never "None" or "False"."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return yes_no(v, lang)
    if isinstance(v, list):
        return "; ".join(", ".join(f"{k}: {x}" for k, x in i.items()) if isinstance(i, dict) else str(i) for i in v)
    return show_value(v)


def results_workbook(run: Run, criteria: Criteria, lang: Lang = "vi") -> bytes:
    """The run as .xlsx bytes: ranking, findings, reasons, evidence and an 'about' sheet."""
    wb = Workbook(write_only=True)
    styles = _Styles()
    sheets = (
        _ranking(run, lang),
        _findings(run, criteria, lang),
        _reasons(run, lang),
        _evidence(run, criteria, lang),
        _about(run, criteria, lang),
    )
    for sheet in sheets:
        _write(wb, sheet, styles)
    return workbook_bytes(wb, title=render("report.title", lang))


def write_results_workbook(run: Run, criteria: Criteria, path: str | Path, lang: Lang = "vi") -> None:
    """Write the results workbook to ``path`` (whole or not at all)."""
    write_bytes(path, results_workbook(run, criteria, lang))
