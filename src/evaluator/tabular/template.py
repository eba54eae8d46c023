"""The fill-in workbook generated from a criteria set (``evaluator template``).

Sheets:

* the form (``Phiếu``): a title, a line of instructions, the column titles (title, unit and
  allowed range), a row of column ids, then one row per unit from row 5; each column
  carries Excel validation (ranges, Có/Không and choice lists, unique unit codes) with
  a prompt, and the unit code and name stay in view while scrolling;
* the guide (``Hướng dẫn``): how to write numbers, yes/no and empty cells, and one
  line per column — id, title, unit, type, allowed range, whether required, legal reference;
* the lists (``Danh mục``, hidden) that the drop-downs read.

The reader (:mod:`evaluator.tabular.xlsx`) takes such a workbook back as it is filled.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..load import Criteria
from ..messages import Lang, render
from ..model.criteria import Indicator
from ..output import write_bytes
from ..text import format_number
from .columns import FIELDS, REQUIRED_FIELDS
from .numbers import KIND_WORDS
from .workbook import text_width, workbook_bytes

__all__ = ["FIRST_ROW", "HEADER_ROW", "ID_ROW", "template_bytes", "write_template"]

_Kind = Literal["whole", "decimal", "list", "date", "time", "textLength", "custom"]

HEADER_ROW, ID_ROW, FIRST_ROW = 3, 4, 5
LAST_ROW = FIRST_ROW + 1999  # rows that carry validation (more may be typed; they are read all the same)

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_FIELD_FILL = PatternFill("solid", fgColor="FFF2CC")
_ID_FILL = PatternFill("solid", fgColor="F2F2F2")
_EVIDENCE_FILL = PatternFill("solid", fgColor="E2EFDA")
_THIN = Side(style="thin", color="9BA7B4")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


@dataclass
class _Column:
    id: str
    title: str
    details: str
    help: str
    width: float
    text: bool = False
    validation: DataValidation | None = None
    reference: str = ""
    type_label: str = ""
    unit: str = ""
    allowed: str = ""
    required: bool = True
    extra: list[str] = field(default_factory=list)


def _num(v: float) -> str:
    return format_number(v).replace(".", ",")


def _range_text(ind: Indicator) -> str:
    lo, hi = ind.bounds()
    if lo is not None and hi is not None:
        return f"{_num(lo)}–{_num(hi)}"
    if lo is not None:
        return f"≥ {_num(lo)}"
    if hi is not None:
        return f"≤ {_num(hi)}"
    return ""


class _Lists:
    """The hidden sheet the drop-down lists read from."""

    def __init__(self, ws: Worksheet):
        self.ws = ws
        self.next_col = 1

    def add(self, title: str, values: list[str]) -> str:
        col = get_column_letter(self.next_col)
        self.ws.cell(row=1, column=self.next_col, value=title)
        for i, v in enumerate(values, start=2):
            self.ws.cell(row=i, column=self.next_col, value=v)
        self.next_col += 1
        return f"{quote_sheetname(self.ws.title)}!${col}$2:${col}${len(values) + 1}"


def _validation(kind: _Kind, lang: Lang, title: str, prompt: str, error: str, **kw: object) -> DataValidation:
    dv = DataValidation(
        type=kind,
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        errorStyle="warning",  # a warning, not a stop: "99,5" typed as text is still read correctly
        promptTitle=title[:32],
        prompt=prompt[:255],
        errorTitle=render("template.sheet_form", lang)[:32],
        error=error[:255],
        **kw,  # type: ignore[arg-type]
    )
    return dv


def _field_columns(criteria: Criteria, lang: Lang, lists: _Lists) -> list[_Column]:
    model = criteria.model
    out: list[_Column] = []
    year = model.valid_from.year
    text_type = render("template.type.text", lang)
    for name in FIELDS:
        if name == "region" and model.regions is None:
            continue
        title = render(f"template.field.{name}", lang)
        required = name in REQUIRED_FIELDS
        details = "" if required else render("template.optional", lang)
        col = _Column(name, title, details, "", 16, text=True, type_label=text_type, required=required)
        if name == "kind":
            words = [
                next((w.capitalize() for w, k in KIND_WORDS.items() if k == kind), kind) if lang == "vi" else kind
                for kind in model.unit_kinds
            ]
            col.help = render("template.help.kind", lang, kinds=", ".join(words))
            col.allowed = ", ".join(words)
            col.validation = _validation(
                "list", lang, title, col.help, col.help, formula1=lists.add(title, words), showDropDown=False
            )
            col.width = 12
        elif name == "region":
            regions = list(model.regions or ())
            col.help = render("template.help.region", lang, regions=", ".join(regions))
            col.allowed = ", ".join(regions)
            col.validation = _validation("list", lang, title, col.help, col.help, formula1=lists.add(title, regions))
        elif name == "year":
            col.help = render("template.help.year", lang, year=year)
            col.text = False
            col.type_label = render("template.type.year", lang)
            hi = model.valid_to.year if model.valid_to else 2100
            col.allowed = f"{year}–{hi}"
            col.validation = _validation(
                "whole", lang, title, col.help, col.help, operator="between", formula1=str(year), formula2=str(hi)
            )
            col.width = 10
        else:
            col.help = render(f"template.help.{name}", lang)
            if name == "unit":
                rng = f"$A${FIRST_ROW}:$A${LAST_ROW}"
                col.validation = _validation(
                    "custom", lang, title, col.help, col.help, formula1=f"COUNTIF({rng},A{FIRST_ROW})=1"
                )
            col.width = 24 if name == "name" else 16
        out.append(col)
    return out


def _indicator_column(key: str, ind: Indicator, lang: Lang, lists: _Lists) -> _Column:
    title = ind.title.get(lang)
    parts: list[str] = []
    allowed = ""
    type_label = render(f"template.type.{ind.type}", lang)
    if ind.type == "yesno":
        yes, no = render("template.yes", lang), render("template.no", lang)
        allowed = f"{yes}/{no}"
        parts.append(allowed)
        dv = _validation("list", lang, title, "", "", formula1=lists.add(key, [yes, no]))
    elif ind.type == "rating":
        choices = list(ind.choices or ())
        allowed = "/".join(choices)
        parts.append(allowed)
        dv = _validation("list", lang, title, "", "", formula1=lists.add(key, choices))
    else:
        allowed = _range_text(ind)
        unit = ind.unit_titles()
        if unit is not None:
            parts.append(unit.get(lang))
        if ind.type == "count":
            parts.append(f"{render('template.whole', lang)} {allowed}".strip())
        elif allowed:
            parts.append(allowed)
        lo, hi = ind.bounds()
        kind: _Kind = "whole" if ind.type == "count" else "decimal"
        if lo is not None and hi is not None:
            dv = _validation(kind, lang, title, "", "", operator="between", formula1=_plain(lo), formula2=_plain(hi))
        elif lo is not None:
            dv = _validation(kind, lang, title, "", "", operator="greaterThanOrEqual", formula1=_plain(lo))
        elif hi is not None:
            dv = _validation(kind, lang, title, "", "", operator="lessThanOrEqual", formula1=_plain(hi))
        else:
            dv = _validation(kind, lang, title, "", "", operator="between", formula1="-1E+300", formula2="1E+300")
    if not ind.required:
        parts.append(render("template.optional", lang))
    details = "; ".join(parts)
    helps = [ind.help.get(lang)] if ind.help else []
    if ind.reference:
        helps.append(ind.reference)
    help_text = " ".join(helps) or title
    dv.prompt = f"{details}. {help_text}"[:255] if details else help_text[:255]
    dv.error = f"{title}: {details}"[:255]
    return _Column(
        key,
        title,
        details,
        help_text,
        width=18,
        validation=dv,
        reference=ind.reference or "",
        type_label=type_label,
        unit=unit.get(lang) if (unit := ind.unit_titles()) is not None else "",
        allowed=allowed,
        required=ind.required,
    )


def _evidence_column(key: str, ind: Indicator, lang: Lang) -> _Column:
    """An optional column for the evidence behind an indicator (a document, a figure, a link)."""
    title = render("template.evidence_title", lang, title=ind.title.get(lang))
    help_text = render("template.help.evidence", lang, title=ind.title.get(lang))
    dv = _validation("textLength", lang, title, help_text, help_text, operator="lessThanOrEqual", formula1="1000")
    return _Column(
        f"evidence.{key}",
        title,
        render("template.optional", lang),
        help_text,
        width=30,
        text=True,
        validation=dv,
        type_label=render("template.type.text", lang),
        required=False,
    )


def _plain(v: float) -> str:
    return format_number(v)


def _header_height(col: _Column) -> float:
    chars_per_line = max(col.width / 1.1 - 1, 4)
    lines = math.ceil(len(col.title) / chars_per_line) + (math.ceil(len(col.details) / chars_per_line) or 0)
    return max(lines, 1) * 15 + 4


def _form(ws: Worksheet, criteria: Criteria, columns: list[_Column], lang: Lang) -> None:
    model = criteria.model
    guide = render("template.sheet_guide", lang)
    ws["A1"] = render("template.title", lang, title=model.title.get(lang))
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = render(
        "template.subtitle",
        lang,
        id=model.id,
        version=model.version,
        first=FIRST_ROW,
        header=HEADER_ROW,
        ids=ID_ROW,
        guide=guide,
    )
    ws["A2"].font = Font(italic=True, color="444444")
    height = 15.0
    for i, col in enumerate(columns, start=1):
        letter = get_column_letter(i)
        head = ws.cell(row=HEADER_ROW, column=i, value=f"{col.title}\n({col.details})" if col.details else col.title)
        head.font = Font(bold=True)
        head.fill = (
            _FIELD_FILL if col.id in FIELDS else _EVIDENCE_FILL if col.id.startswith("evidence.") else _HEADER_FILL
        )
        head.alignment = Alignment(wrap_text=True, vertical="top", horizontal="center")
        head.border = _BOX
        ident = ws.cell(row=ID_ROW, column=i, value=col.id)
        ident.font = Font(size=8, color="808080")
        ident.fill = _ID_FILL
        ident.alignment = Alignment(horizontal="center")
        ident.border = _BOX
        ws.column_dimensions[letter].width = col.width
        if col.text:
            for r in range(FIRST_ROW, FIRST_ROW + 200):
                ws.cell(row=r, column=i).number_format = "@"
        if col.validation is not None:
            col.validation.add(f"{letter}{FIRST_ROW}:{letter}{LAST_ROW}")
            ws.add_data_validation(col.validation)
        height = max(height, _header_height(col))
    ws.row_dimensions[HEADER_ROW].height = min(height, 180)
    ws.freeze_panes = f"C{FIRST_ROW}"
    ws.sheet_view.zoomScale = 100


def _guide(ws: Worksheet, criteria: Criteria, columns: list[_Column], lang: Lang) -> None:
    model = criteria.model
    form = render("template.sheet_form", lang)
    year = model.valid_from.year
    ws["A1"] = render("template.guide_title", lang, title=model.title.get(lang))
    ws["A1"].font = Font(bold=True, size=14)
    rules = [
        render("template.rule.rows", lang, form=form, first=FIRST_ROW, ids=ID_ROW),
        render("template.rule.numbers", lang),
        render("template.rule.percent", lang),
        render("template.rule.yesno", lang),
        render("template.rule.empty", lang),
        render("template.rule.year", lang, year=year),
        render("template.rule.errors", lang),
    ]
    row = 3
    for rule in rules:
        ws.cell(row=row, column=1, value="•")
        ws.cell(row=row, column=2, value=rule).alignment = Alignment(wrap_text=False)
        row += 1
    row += 1
    heads = ["column", "id", "title", "unit", "type", "range", "required", "reference", "help"]
    for i, h in enumerate(heads, start=1):
        c = ws.cell(row=row, column=i, value=render(f"template.col.{h}", lang))
        c.font = Font(bold=True)
        c.fill = _HEADER_FILL
        c.border = _BOX
    first_table_row = row + 1
    yes, no = render("template.yes", lang), render("template.no", lang)
    for i, col in enumerate(columns, start=1):
        row += 1
        values = [
            get_column_letter(i),
            col.id,
            col.title,
            col.unit,
            col.type_label,
            col.allowed,
            yes if col.required else no,
            col.reference,
            col.help,
        ]
        for j, v in enumerate(values, start=1):
            c = ws.cell(row=row, column=j, value=v)
            c.alignment = Alignment(wrap_text=True, vertical="top")
            c.border = _BOX
    row += 2
    ws.cell(row=row, column=1, value=render("template.references", lang)).font = Font(bold=True)
    for ref in model.references:
        row += 1
        ws.cell(row=row, column=1, value="•")
        ws.cell(row=row, column=2, value=ref)
    widths = {"A": 7, "B": 24, "C": 48, "D": 10, "E": 12, "F": 16, "G": 10, "H": 44, "I": 44}
    for letter, width in widths.items():
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = f"A{first_table_row}"
    for r in range(first_table_row, row + 1):
        texts = ((str(ws.cell(row=r, column=c).value or ""), widths[get_column_letter(c)]) for c in (3, 8, 9))
        longest = max(text_width(text) / width for text, width in texts)
        ws.row_dimensions[r].height = max(1, math.ceil(longest)) * 15


def template_bytes(criteria: Criteria, lang: Lang = "vi") -> bytes:
    """The fill-in workbook for ``criteria`` as .xlsx bytes (the same bytes every time)."""
    wb = Workbook()
    form = wb.active
    assert form is not None
    form.title = render("template.sheet_form", lang)
    guide = wb.create_sheet(render("template.sheet_guide", lang))
    lists_ws = wb.create_sheet(render("template.sheet_lists", lang))
    lists_ws.sheet_state = "hidden"
    lists = _Lists(lists_ws)
    columns = _field_columns(criteria, lang, lists)
    # Indicators read from the history store or the units below are never typed: no column for them.
    typed = {k: ind for k, ind in criteria.model.indicators.items() if ind.history is None and ind.rollup is None}
    columns += [_indicator_column(k, ind, lang, lists) for k, ind in typed.items()]
    columns += [_evidence_column(k, ind, lang) for k, ind in typed.items()]
    _form(form, criteria, columns, lang)
    _guide(guide, criteria, columns, lang)
    return workbook_bytes(wb, title=criteria.model.title.get(lang))


def write_template(criteria: Criteria, path: str | Path, lang: Lang = "vi") -> None:
    """Write the fill-in workbook for ``criteria`` to ``path``."""
    write_bytes(path, template_bytes(criteria, lang))
