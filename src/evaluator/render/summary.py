"""``evaluator summary --by parent``: each parent's levels over the years against its target —
as a terminal table, a workbook, or a page with an SVG chart (no script, nothing fetched)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from markupsafe import Markup, escape
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet
from rich.table import Table

from ..messages import Lang, render
from ..output import write_bytes, write_text
from ..tabular.workbook import fit_columns, workbook_bytes
from ..targets import SummaryRow
from .charts import Bar, Segment, stacked_bars
from .labels import INCOMPLETE_COLOUR, level_colour, number_text
from .terminal import literal

__all__ = ["summary_html", "summary_table", "write_summary_html", "write_summary_workbook"]

_COLUMNS = (
    "summary.parent",
    "summary.year",
    "summary.units",
    "summary.levels",
    "summary.share",
    "summary.target",
    "summary.status",
)


def _levels_text(row: SummaryRow, order: Sequence[str], lang: Lang) -> str:
    not_rated = render("ui.incomplete", lang)
    return ", ".join(f"{level or not_rated}: {row.counts[level]}" for level in order if level in row.counts)


def _order(rows: Sequence[SummaryRow]) -> list[str]:
    """Levels in the order targets list them first, then by name; units not rated last."""
    seen: list[str] = []
    for row in rows:
        for level in row.target.levels if row.target else ():
            if level not in seen:
                seen.append(level)
    rest = sorted({lv for row in rows for lv in row.counts if lv and lv not in seen})
    return [*seen, *rest, ""]


def _pct(value: float | None, lang: Lang) -> str:
    return "—" if value is None else number_text(round(value, 1), lang) + "%"


def _status(row: SummaryRow, lang: Lang) -> str:
    if row.met is None:
        return render("summary.no_target", lang)
    return render("summary.met" if row.met else "summary.not_met", lang)


def _cells(row: SummaryRow, order: Sequence[str], lang: Lang) -> list[str]:
    return [
        f"{row.parent} ({row.family})",
        str(row.year),
        str(row.units),
        _levels_text(row, order, lang),
        _pct(row.share, lang),
        _pct(row.goal, lang),
        _status(row, lang),
    ]


def summary_table(rows: Sequence[SummaryRow], lang: Lang) -> Table:
    order = _order(rows)
    table = Table(title=render("summary.title", lang))
    for code in _COLUMNS:
        table.add_column(render(code, lang), overflow="fold")
    for row in rows:
        table.add_row(*(literal(c) for c in _cells(row, order, lang)))
    return table


def write_summary_workbook(rows: Sequence[SummaryRow], output: Path, lang: Lang) -> None:
    """One sheet: a row per parent and year, numbers as numbers, a column per level."""
    order = _order(rows)
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = render("summary.title", lang)[:31]
    not_rated = render("ui.incomplete", lang)
    head = [render(c, lang) for c in ("summary.parent", "summary.year", "summary.units")]
    head += [lv or not_rated for lv in order] + [
        render(c, lang) for c in ("summary.share", "summary.target", "summary.status")
    ]
    ws.append(head)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        values = [f"{row.parent} ({row.family})", row.year, row.units, *(row.counts.get(lv, 0) for lv in order)]
        values += [None if row.share is None else round(row.share, 2), row.goal, _status(row, lang)]
        ws.append(values)
    ws.freeze_panes = "B2"
    fit_columns(ws)
    write_bytes(output, workbook_bytes(wb, title=render("summary.title", lang)))


def summary_html(rows: Sequence[SummaryRow], lang: Lang, store: str) -> str:
    """A page: the chart (one bar per parent and year, its levels stacked) and the table."""
    order = _order(rows)
    bars = []
    for row in rows:
        rated = [lv for lv in order if lv]
        segments = [
            Segment(
                row.counts.get(lv, 0),
                level_colour(i, len(rated)) if lv else INCOMPLETE_COLOUR,
                lv or render("ui.incomplete", lang),
            )
            for i, lv in enumerate(order)
            if row.counts.get(lv)
        ]
        value = _pct(row.share, lang) + (f" / {_pct(row.goal, lang)}" if row.goal is not None else "")
        bars.append(Bar(f"{row.parent} ({row.family}) {row.year}", segments, value))
    chart = stacked_bars(bars, title=render("summary.chart", lang)) if bars else Markup("")
    head = "".join(f"<th>{escape(render(c, lang))}</th>" for c in _COLUMNS)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in _cells(row, order, lang)) + "</tr>" for row in rows
    )
    title = escape(render("summary.title", lang))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #999;padding:3px 6px;text-align:left}</style></head><body>"
        f"<h1>{title}</h1><p>{escape(store)}</p><figure>{chart}<figcaption>{escape(render('summary.chart', lang))}"
        f"</figcaption></figure><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>\n"
    )


def write_summary_html(rows: Sequence[SummaryRow], output: Path, lang: Lang, store: str) -> None:
    write_text(output, [summary_html(rows, lang, store)])
