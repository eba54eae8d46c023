"""Texts of the results workbook and the printable report, in Vietnamese and English."""

from __future__ import annotations

from ..load import Criteria
from ..messages import Lang
from ..text import number

__all__ = ["LEVEL_COLOURS", "STATUS_COLOURS", "evidence_titles", "level_colour", "number_text"]

# Level colours by position, best first (fills; the text stays black). Picked to stay apart in grey print.
LEVEL_COLOURS = ("63BE7B", "C6EFCE", "FFEB9C", "F8A5A5")
INCOMPLETE_COLOUR = "D9D9D9"
STATUS_COLOURS = {"pass": "C6EFCE", "fail": "FFC7CE", "missing": "E7E6E6", "scored": "DDEBF7"}


def level_colour(index: int | None, count: int) -> str:
    """The fill colour of the level at ``index`` (0 = best) of ``count`` levels; grey for no level."""
    if index is None or count <= 0:
        return INCOMPLETE_COLOUR
    if count == 1:
        return LEVEL_COLOURS[0]
    pos = round(index * (len(LEVEL_COLOURS) - 1) / (count - 1))
    return LEVEL_COLOURS[pos]


def number_text(value: float | int, lang: Lang) -> str:
    """A number for people: in Vietnamese with a decimal comma and a dot between thousands (96,5; 6.826)."""
    return number(value, lang)


def evidence_titles(criteria: Criteria, lang: Lang) -> dict[str, str]:
    """The title of each id evidence may be keyed by: indicators, then criteria."""
    names = {it.id: it.model.title.get(lang) for it in criteria.items}
    names.update({k: ind.title.get(lang) for k, ind in criteria.model.indicators.items()})
    return names
