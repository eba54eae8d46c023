"""Renderers: a run as a terminal table, a unit's explanation as text, or JSON."""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .table import ranking_table
    from .text import explain_unit

__all__ = ["explain_unit", "ranking_table"]


def __getattr__(name: str) -> Any:
    """The terminal renderers, imported when first asked for (they bring rich with them)."""
    if name == "ranking_table":
        from .table import ranking_table

        return ranking_table
    if name == "explain_unit":
        from .text import explain_unit

        return explain_unit
    raise AttributeError(name)
