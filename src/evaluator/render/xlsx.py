"""A run as an Excel workbook: ranking, findings (unit × criterion), reasons, and what produced it.

Numbers stay numbers (Excel sorts and sums them, and shows them with the reader's
decimal separator); levels and results are coloured; headers are frozen and
filtered; columns are sized for Vietnamese text. Same run, same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..decision import Decision, Finding, Run
from ..load import Criteria
from ..messages import Lang, render
from ..tabular.workbook import fit_columns, workbook_bytes, write_atomically
from .labels import STATUS_COLOURS, level_colour
from .table import short_note

__all__ = ["results_workbook", "write_results_workbook"]

_HEAD_FILL = PatternFill("solid", fgColor="1F4E78")
_HEAD_FONT = Font(bold=True, color="FFFFFF")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


def _fill(colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=colour)


def _header(ws: Worksheet, codes: Sequence[str], lang: Lang) -> None:
    for i, code in enumerate(codes, start=1):
        c = ws.cell(row=1, column=i, value=render(f"report.col.{code}", lang))
        c.font = _HEAD_FONT
        c.fill = _HEAD_FILL
        c.alignment = Alignment(wrap_text=True, vertical="center")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(codes))}1"


def _finish(ws: Worksheet, wrap: dict[int, float]) -> None:
    """Fit widths; long-text columns get a fixed width and wrap."""
    fit_columns(ws, maximum=40)
    for col, width in wrap.items():
        ws.column_dimensions[get_column_letter(col)].width = width
        for row in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            for cell in row:
                cell.alignment = _WRAP
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.column not in wrap:
                cell.alignment = _TOP


def _value(v: Any, lang: Lang) -> Any:
    if v is None:
        return None
    if isinstance(v, bool):
        return render("report.yes" if v else "report.no", lang)
    if isinstance(v, (int, float)):
        return v
    if isinstance(v, dict):
        return "; ".join(f"{k} = {_text(x, lang)}" for k, x in v.items())
    return str(v)


def _text(v: Any, lang: Lang) -> str:
    out = _value(v, lang)
    if isinstance(out, float) and out.is_integer():
        return str(int(out))
    return "" if out is None else str(out)


def _level_cell(d: Decision, lang: Lang) -> tuple[str, str]:
    order = list(d.level_titles)
    if d.status != "rated" or d.level is None:
        return render("ui.incomplete", lang), level_colour(None, len(order))
    return d.level_title(lang) or d.level, level_colour(order.index(d.level), len(order))


def _ranking(ws: Worksheet, run: Run, lang: Lang) -> None:
    cols = ["group", "rank", "unit", "name", "level", "level_title", "score", "status", "next_level", "gap", "note"]
    _header(ws, cols, lang)
    for r, d in enumerate(run.results, start=2):
        title, colour = _level_cell(d, lang)
        gap = "; ".join(g.reason.text(lang) for g in d.gap)
        next_title = d.level_titles[d.gap_level].get(lang) if d.gap_level else None
        status = render("ui.rated" if d.status == "rated" else "ui.incomplete", lang)
        note = short_note(d, lang)
        row = [d.peer_group, d.rank, d.unit, d.name, d.level, title, d.score, status, next_title, gap, note]
        for c, v in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=v)
        for c in (5, 6):
            ws.cell(row=r, column=c).fill = _fill(colour)
        ws.cell(row=r, column=7).number_format = "0.0##"
    _finish(ws, {10: 50, 11: 60})
    ws.freeze_panes = "E2"


def _status(f: Finding, lang: Lang) -> str:
    return render(f"word.{f.status}", lang)


def _findings(ws: Worksheet, run: Run, criteria: Criteria, lang: Lang) -> None:
    cols = ["group", "unit", "name", "criterion", "criterion_title", "result", "value", "threshold", "points"]
    _header(ws, [*cols, "reference"], lang)
    titles = {it.id: it.model.title.get(lang) for it in criteria.items}
    r = 1
    for d in run.results:
        for f in d.findings:
            r += 1
            row = [
                d.peer_group,
                d.unit,
                d.name,
                f.criterion,
                titles.get(f.criterion, f.criterion),
                _status(f, lang),
                _value(f.value, lang),
                f.threshold,
                f.points,
                f.reference,
            ]
            for c, v in enumerate(row, start=1):
                ws.cell(row=r, column=c, value=v)
            ws.cell(row=r, column=6).fill = _fill(STATUS_COLOURS.get(f.status, "FFFFFF"))
    _finish(ws, {5: 40, 7: 30, 10: 50})
    ws.freeze_panes = "D2"


def _reasons(ws: Worksheet, run: Run, lang: Lang) -> None:
    _header(ws, ["unit", "name", "order", "code", "reason"], lang)
    r = 1
    for d in run.results:
        for i, reason in enumerate(d.reasons, start=1):
            r += 1
            for c, v in enumerate([d.unit, d.name, i, reason.code, reason.text(lang)], start=1):
                ws.cell(row=r, column=c, value=v)
    _finish(ws, {5: 100})
    ws.freeze_panes = "C2"


def _about(ws: Worksheet, run: Run, criteria: Criteria, lang: Lang) -> None:
    _header(ws, ["item", "content"], lang)
    ws.auto_filter.ref = None
    rows: list[tuple[str, Any]] = [
        (render("report.about.criteria", lang), f"{criteria.model.title.get(lang)}"),
    ]
    rows += [(f"criteria.{k}", v) for k, v in run.criteria.items()]
    rows += [(f"scheme.{k}", v) for k, v in run.scheme.items()]
    rows += [(f"engine.{k}", v) for k, v in run.engine.items()]
    rows += [(f"options.{k}", "" if v is None else str(v)) for k, v in run.options.items()]
    rows.append((render("report.about.units", lang), len(run.results)))
    for r, (k, v) in enumerate(rows, start=2):
        ws.cell(row=r, column=1, value=k)
        ws.cell(row=r, column=2, value=v)
    _finish(ws, {2: 80})


def results_workbook(run: Run, criteria: Criteria, lang: Lang = "vi") -> bytes:
    """The run as .xlsx bytes: ranking, findings, reasons and an 'about' sheet."""
    wb = Workbook()
    ranking = wb.active
    assert ranking is not None
    ranking.title = render("report.sheet_ranking", lang)
    _ranking(ranking, run, lang)
    _findings(wb.create_sheet(render("report.sheet_findings", lang)), run, criteria, lang)
    _reasons(wb.create_sheet(render("report.sheet_reasons", lang)), run, lang)
    _about(wb.create_sheet(render("report.sheet_about", lang)), run, criteria, lang)
    return workbook_bytes(wb, title=render("report.title", lang))


def write_results_workbook(run: Run, criteria: Criteria, path: str | Path, lang: Lang = "vi") -> None:
    """Write the results workbook to ``path`` (whole or not at all)."""
    write_atomically(Path(path), results_workbook(run, criteria, lang))
