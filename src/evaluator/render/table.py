"""The ranking as readable tables, one per peer group (rich).

Every text that comes from the inputs (units, names, groups, reasons) is shown literally:
never read as rich markup, escape sequences and control characters removed.
"""

from __future__ import annotations

from itertools import groupby

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..decision import Decision, Reason, Run
from ..messages import Lang, render
from .rows import level_text, score_text
from .terminal import literal

LEVEL_STYLE = {0: "bold green", 1: "green", 2: "yellow", 3: "red"}


# The note of a ranking row: the reason that matters most, said short (the unit's page says it in full).
NOTES = {
    "reason.incomplete": "reason.incomplete",
    "reason.override": "note.override",
    "reason.override_lifted": "note.override_lifted",
    "reason.veto": "note.veto",
    "reason.quota_demoted": "note.quota_demoted",
    "reason.quota_demoted_final": "note.quota_demoted",
    "reason.gap": "reason.gap",
}


def short_note(d: Decision, lang: Lang) -> str:
    """The one reason that matters most for a table row, said short."""
    for code, note in NOTES.items():
        for r in d.reasons:
            if r.code == code:
                return Reason(note, r.params).text(lang)
    return ""


def ranking_table(run: Run, lang: Lang = "vi") -> RenderableType:
    """A table per peer group: rank, unit, name, level, score and the main reason."""
    parts: list[RenderableType] = [
        Text(
            render(
                "ui.criteria_line",
                lang,
                id=run.criteria["id"],
                version=run.criteria["version"],
                scheme=run.scheme["id"],
                scheme_version=run.scheme["version"],
            ),
            style="dim",
        )
    ]
    for group, members in groupby(run.results, key=lambda d: d.peer_group):
        table = Table(title=literal(f"{render('ui.group', lang)}: {group}"), title_justify="left", expand=False)
        table.add_column(render("ui.rank", lang), justify="right")
        table.add_column(render("ui.unit", lang))
        table.add_column(render("ui.name", lang))
        table.add_column(render("ui.level", lang))
        counted = all(d.score is None and d.criteria_met is not None for d in run.results if d.status == "rated")
        table.add_column(render("ui.met" if counted else "ui.score", lang), justify="right")
        table.add_column(render("ui.note", lang), overflow="fold", ratio=1)
        for d in members:
            if d.status == "rated" and d.level is not None:
                order = list(d.level_titles).index(d.level)
                level = literal(level_text(d, lang), LEVEL_STYLE.get(order, ""))
            else:
                level = Text(level_text(d, lang), style="magenta")
            table.add_row(
                "" if d.rank is None else str(d.rank),
                literal(d.unit),
                literal(d.name),
                level,
                score_text(d, lang),
                literal(short_note(d, lang)),
            )
        parts.append(table)
    rated = sum(1 for d in run.results if d.status == "rated")
    parts.append(Text(render("ui.summary", lang, rated=rated, incomplete=len(run.results) - rated), style="dim"))
    return Group(*parts)
