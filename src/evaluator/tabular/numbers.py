"""Values typed by hand in Vietnamese spreadsheets, converted to the indicator's type — or refused.

A value is accepted only when it has one reading; anything else is an error that
says how to write it. The rules:

Numbers (``number``, ``count``, ``points``, ``percent`` indicators)
  * A numeric cell is taken as it is. A cell formatted as a percentage (Excel keeps
    ``95%`` as 0.95) is multiplied by 100 for a percent indicator and refused for others.
  * In text, ``,`` is the decimal separator and ``.`` the thousands separator:
    ``"99,5"`` → 99.5, ``"6.826"`` → 6826, ``"1.234.567"`` → 1234567, ``"1.234,5"`` → 1234.5.
    Thousands groups must be of three digits. Spaces around the value are ignored,
    a leading ``-``/``+`` (or the minus sign ``−``) is kept for the range check to judge.
  * For ``percent`` and ``points`` indicators one dot followed by three digits (``"1.234"``,
    ``"99.500"``) is **ambiguous** — on those small scales an English decimal point is as
    likely as a thousands dot — and is an error naming both readings. For ``count`` and
    ``number`` it is a thousands dot (``"6.826"`` → 6826), as Vietnamese writes it.
  * One dot *not* followed by exactly three digits (``"99.5"``, ``"4.25"``) cannot be a
    thousands dot, so it is read as a decimal point: the value has one reading.
  * English notation with both separators or several commas (``"1,234.5"``, ``"1,234,567"``)
    is an error with the Vietnamese spelling to use (``"1.234,5"``).
  * A trailing ``%`` (``"95%"``, ``"99,5 %"``) is accepted for percent indicators only.
  * A date (an Excel date cell, or ``dd/mm/yyyy`` text) in a number column is an error:
    Excel set to a Vietnamese locale turns ``4.5`` into the 4th of May.
  * ``TRUE``/``FALSE`` cells, Excel errors (``#DIV/0!``) and other text are errors.

Yes/no (``yesno`` indicators)
  * Yes: ``Có``, ``có``, ``co``, ``C``, ``x``, ``X``, ``✓``, ``Đúng``, ``Yes``, ``True``, ``1``.
  * No: ``Không``, ``không``, ``khong``, ``K``, ``Ko``, ``Sai``, ``No``, ``False``, ``0``.
  * An empty cell is **missing**, never "no": a tick-box column left blank does not
    silently become ``Không``. Anything else is an error.

Text (unit, name, kind, parent, region, peer group, choices, evidence)
  * NFC with the traditional tone placement (:func:`evaluator.vntext.canon`),
    surrounding spaces removed. A whole number typed in a text column is its digits.
  * Choices (``rating`` indicators) and unit kinds match case-insensitively; a unit kind
    may be written in Vietnamese (``Xã``, ``Phường``, ``Thị trấn``).

Dates and the year
  * Dates are ``dd/mm/yyyy`` (or ``d/m/yyyy``, ``dd-mm-yyyy``); impossible dates (31/02) are errors.
  * The rating year is a year (``2025``, or ``2025.0`` from Excel). A date there is an error
    rather than taken for its year: a report for 2025 is often dated January 2026.

Empty cells (and cells of spaces only) are missing values everywhere. A formula whose
result was never computed is not empty: it is an error (see :mod:`evaluator.tabular.xlsx`).
Numbers lie within ±2**53 (:mod:`evaluator.limits`); text holds no control characters.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Any

from ..limits import BOUND
from ..model.criteria import Indicator
from ..text import format_number
from ..vntext import canon, match_key

__all__ = [
    "KIND_WORDS",
    "Cell",
    "CellError",
    "parse_date",
    "parse_number",
    "to_indicator",
    "to_kind",
    "to_text",
    "to_year",
]


@dataclass(frozen=True)
class Cell:
    """One cell as read: its value (text, number, bool, date or ``None``) and number format.

    ``uncached`` marks a formula whose result was never computed (the value is unknown,
    not empty).
    """

    value: Any
    number_format: str = "General"
    uncached: bool = False

    @property
    def percent_format(self) -> bool:
        return "%" in (self.number_format or "")


class CellError(Exception):
    """A cell that cannot be converted: a message code, its parameters, and a suggestion."""

    def __init__(self, code: str, params: dict[str, Any] | None = None, suggestion: str | None = None):
        super().__init__(code)
        self.code = code
        self.params = params or {}
        self.suggestion = suggestion


_EXCEL_ERRORS = {"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#GETTING_DATA", "#SPILL!"}
_DATE = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})")
_SIGNED = re.compile(r"([+-]?)([\d.,]*\d[\d.,]*)")
_VI_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
_VI_FULL = re.compile(r"\d{1,3}(?:\.\d{3})+,\d+")
_EN_FULL = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+")
_EN_GROUPED = re.compile(r"\d{1,3}(?:,\d{3}){2,}")
_DECIMAL_COMMA = re.compile(r"\d+,\d+")
_DECIMAL_POINT = re.compile(r"\d+\.\d+")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")

_YES = {"có", "co", "c", "x", "✓", "✔", "đúng", "dung", "yes", "y", "true", "1"}
_NO = {"không", "khong", "k", "ko", "sai", "no", "n", "false", "0"}

# Vietnamese words for unit kinds, used when the criteria set declares the kind.
KIND_WORDS: dict[str, str] = {
    "xã": "commune",
    "phường": "ward",
    "thị trấn": "township",
    "đặc khu": "special_zone",
}


def _clean(text: str) -> str:
    return canon(text.replace("\u00a0", " ").replace("\u202f", " "))


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not _clean(value))


def _date_text(value: dt.date | dt.datetime) -> str:
    return value.strftime("%d/%m/%Y")


def parse_date(text: str) -> dt.date | None:
    """A ``dd/mm/yyyy`` date; ``None`` when ``text`` is not shaped like one; an error when impossible."""
    m = _DATE.fullmatch(_clean(text))
    if m is None:
        return None
    day, month, year = (int(g) for g in m.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise CellError("tabular.bad_date", {"text": _clean(text)}) from None


def _vi(value: float | int) -> str:
    """A number written the Vietnamese way (decimal comma, no grouping)."""
    return format_number(value).replace(".", ",")


def parse_number(text: str, kind: str) -> int | float:
    """A number typed as text, by the rules in the module docstring; ``kind`` is the indicator type."""
    t = _clean(text).replace("\u2212", "-")
    if t in _EXCEL_ERRORS:
        raise CellError("tabular.excel_error", {"text": t})
    percent = t.endswith("%")
    if percent:
        t = t[:-1].rstrip()
    t = _SPACES.sub("", t) if re.fullmatch(r"[+-]?\s*[\d.,]+", t) else t
    if _DATE.fullmatch(t):
        day = parse_date(t)
        raise CellError("tabular.date_in_number", {"date": _date_text(day) if day else t})
    m = _SIGNED.fullmatch(t)
    if m is None:
        raise CellError("tabular.not_number", {"text": _clean(text)})
    if len(m.group(2)) > 40:  # far beyond ±2**53 (and Python converts at most 4,300 digits)
        raise CellError("number.too_large", {"text": f"{m.group(2)[:20]}…", "bound": BOUND})
    sign, body = m.group(1), m.group(2)
    value: int | float
    if "," in body and "." in body:
        if _VI_FULL.fullmatch(body):
            whole, frac = body.split(",")
            value = float(whole.replace(".", "") + "." + frac)
        elif _EN_FULL.fullmatch(body):
            suggest = body.replace(",", "\0").replace(".", ",").replace("\0", ".")
            raise CellError("tabular.english_number", {"text": _clean(text), "suggest": sign + suggest})
        else:
            raise CellError("tabular.not_number", {"text": _clean(text)})
    elif "," in body:
        if _DECIMAL_COMMA.fullmatch(body):
            value = float(body.replace(",", "."))
        elif _EN_GROUPED.fullmatch(body):
            raise CellError("tabular.english_number", {"text": _clean(text), "suggest": sign + body.replace(",", ".")})
        else:
            raise CellError("tabular.not_number", {"text": _clean(text)})
    elif "." in body:
        if _VI_GROUPED.fullmatch(body):
            thousands = int(body.replace(".", ""))
            if body.count(".") == 1 and kind in ("percent", "points"):
                decimal = float(body)
                raise CellError(
                    "tabular.ambiguous_number",
                    {
                        "text": _clean(text),
                        "thousands": sign + str(thousands),
                        "decimal": sign + format_number(decimal),
                        "as_decimal": sign + _vi(decimal),
                    },
                )
            value = thousands
        elif _DECIMAL_POINT.fullmatch(body):
            value = float(body)  # one dot, not before three digits: it can only be a decimal point
        else:
            raise CellError("tabular.not_number", {"text": _clean(text)})
    else:
        value = int(body)
    if percent and kind != "percent":
        raise CellError("tabular.percent_sign", {"text": _clean(text)})
    return -value if sign == "-" else value


def _number(cell: Cell, name: str, ind: Indicator) -> int | float:
    v = cell.value
    if isinstance(v, bool):
        raise CellError("tabular.not_number", {"text": "TRUE" if v else "FALSE"})
    if isinstance(v, (dt.datetime, dt.date)):
        raise CellError("tabular.date_in_number", {"date": _date_text(v)})
    if isinstance(v, dt.time | dt.timedelta):
        raise CellError("tabular.not_number", {"text": str(v)})
    if isinstance(v, (int, float)):
        if isinstance(v, float) and not math.isfinite(v):
            raise CellError("tabular.not_number", {"text": str(v)})
        if cell.percent_format:
            if ind.type != "percent":
                raise CellError("tabular.percent_sign", {"name": name, "text": f"{_vi(round(v * 100, 9))}%"})
            scaled = round(v * 100, 9)
            return int(scaled) if float(scaled).is_integer() and isinstance(v, int) else scaled
        return v
    try:
        return parse_number(str(v), ind.type)
    except CellError as exc:
        exc.params.setdefault("name", name)
        raise


def _yesno(cell: Cell) -> bool:
    v = cell.value
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool) and v in (0, 1):
        return v == 1
    text = _clean(str(v)) if not isinstance(v, (dt.date, dt.datetime)) else _date_text(v)
    key = match_key(text)
    if key in _YES:
        return True
    if key in _NO:
        return False
    if text in _EXCEL_ERRORS:
        raise CellError("tabular.excel_error", {"text": text})
    raise CellError("tabular.not_yesno", {"text": text})


def _choice(cell: Cell, ind: Indicator) -> str:
    v = cell.value
    text = format_number(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else to_text(cell)
    assert text is not None
    by_key = {match_key(c): c for c in ind.choices or ()}
    return by_key.get(match_key(text), text)


def to_indicator(cell: Cell, name: str, ind: Indicator) -> Any:
    """The value of indicator ``name`` in ``cell`` (``None`` when empty), or :class:`CellError`."""
    if _is_blank(cell.value):
        return None
    if ind.type == "yesno":
        return _yesno(cell)
    if ind.type == "rating":
        return _choice(cell, ind)
    return _number(cell, name, ind)


def to_text(cell: Cell) -> str | None:
    """Text in canonical form; a whole number becomes its digits."""
    v = cell.value
    if _is_blank(v):
        return None
    if isinstance(v, bool):
        raise CellError("tabular.not_text", {"found": "TRUE" if v else "FALSE"})
    if isinstance(v, (dt.datetime, dt.date)):
        raise CellError("tabular.not_text", {"found": _date_text(v)})
    if isinstance(v, (int, float)):
        return format_number(v)
    text = _clean(str(v))
    if text in _EXCEL_ERRORS:
        raise CellError("tabular.excel_error", {"text": text})
    return text


def to_kind(cell: Cell, kinds: tuple[str, ...]) -> str | None:
    """A unit kind: a declared kind (any case) or its Vietnamese word ("Phường" → ward)."""
    text = to_text(cell)
    if text is None:
        return None
    key = match_key(text)
    for kind in kinds:
        if match_key(kind) == key:
            return kind
    word = KIND_WORDS.get(key)
    if word is not None and word in kinds:
        return word
    return text


def to_year(cell: Cell) -> int | None:
    """The rating year: a whole number; a date is refused (see the module docstring)."""
    v = cell.value
    if _is_blank(v):
        return None
    if isinstance(v, (dt.datetime, dt.date)):
        raise CellError("tabular.year_date", {"date": _date_text(v), "year": v.year})
    if isinstance(v, bool):
        raise CellError("tabular.not_year", {"text": "TRUE" if v else "FALSE"})
    if isinstance(v, (int, float)):
        if float(v).is_integer():
            return int(v)
        raise CellError("tabular.not_year", {"text": _vi(v)})
    text = _clean(str(v))
    day = parse_date(text)
    if day is not None:
        raise CellError("tabular.year_date", {"date": _date_text(day), "year": day.year})
    if re.fullmatch(r"\d{4}", text):
        return int(text)
    if text in _EXCEL_ERRORS:
        raise CellError("tabular.excel_error", {"text": text})
    raise CellError("tabular.not_year", {"text": text})
