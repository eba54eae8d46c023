"""Renderers: a run as a terminal table, a unit's explanation as text, or JSON."""

from .table import ranking_table
from .text import explain_unit

__all__ = ["explain_unit", "ranking_table"]
