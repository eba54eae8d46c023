"""Scorecards in the forms people use: Excel workbooks and CSV files in, a fill-in template out.

Importing this package registers the ``.xlsx`` and ``.csv`` readers in
:data:`evaluator.scorecards.READERS`, so ``rank``, ``explain`` and ``validate`` read
them like YAML and JSON. How typed values are read (decimal comma, thousands dot,
"Có"/"Không", dates, tone marks) is set out in :mod:`evaluator.tabular.numbers`;
how columns are matched, in :mod:`evaluator.tabular.columns`.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..load import Criteria
from ..scorecards import READERS, RawCard
from ..vntext import canon
from .csv import read_csv

__all__ = ["TABULAR_SUFFIXES", "canon", "read_csv", "read_xlsx", "template_bytes", "write_template"]

TABULAR_SUFFIXES = (".xlsx", ".csv")

# The workbook reader and the template writer import openpyxl (about 0.3 s): only when used.
_LATER = {"read_xlsx": ".xlsx", "template_bytes": ".template", "write_template": ".template"}


def __getattr__(name: str) -> Any:
    if name in _LATER:
        import importlib

        return getattr(importlib.import_module(_LATER[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _read_xlsx(path: Path, criteria: Criteria | None) -> Iterator[RawCard]:
    from .xlsx import read_xlsx

    return read_xlsx(path, criteria)


READERS.setdefault(".xlsx", _read_xlsx)
READERS.setdefault(".csv", read_csv)
