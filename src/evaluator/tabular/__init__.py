"""Scorecards in the forms people use: Excel workbooks and CSV files in, a fill-in template out.

Importing this package registers the ``.xlsx`` and ``.csv`` readers in
:data:`evaluator.scorecards.READERS`, so ``rank``, ``explain`` and ``validate`` read
them like YAML and JSON. How typed values are read (decimal comma, thousands dot,
"Có"/"Không", dates, tone marks) is set out in :mod:`evaluator.tabular.numbers`;
how columns are matched, in :mod:`evaluator.tabular.columns`.
"""

from __future__ import annotations

from ..scorecards import READERS
from ..vntext import canon
from .csv import read_csv
from .template import template_bytes, write_template
from .xlsx import read_xlsx

__all__ = ["TABULAR_SUFFIXES", "canon", "read_csv", "read_xlsx", "template_bytes", "write_template"]

TABULAR_SUFFIXES = (".xlsx", ".csv")

READERS.setdefault(".xlsx", read_xlsx)
READERS.setdefault(".csv", read_csv)
