"""One unit explained: findings with thresholds and their sources, reasons, the gap.

Texts from the inputs are shown literally (see :mod:`evaluator.render.terminal`); every
text of the tool comes from :mod:`evaluator.render.rows`, as in the workbook and the report.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..decision import Decision
from ..load import Criteria
from ..messages import Lang, render
from .rows import finding_rows, gap_texts, level_text, param_text, reason_texts, score_text
from .terminal import literal, terminal_safe

STATUS_STYLE = {"pass": "green", "fail": "red", "missing": "magenta", "scored": "cyan"}


def findings_table(d: Decision, criteria: Criteria, lang: Lang) -> Table:
    table = Table(title=render("ui.findings", lang), title_justify="left", show_lines=True)
    table.add_column(render("ui.criterion", lang), overflow="fold")
    table.add_column(render("ui.status", lang))
    table.add_column(render("ui.value", lang), overflow="fold")
    table.add_column(render("ui.threshold", lang), overflow="fold")
    table.add_column(render("ui.points", lang), justify="right")
    table.add_column(render("ui.reference", lang), overflow="fold")
    for row in finding_rows(d, criteria, lang):
        table.add_row(
            literal(row.title),
            Text(row.result, style=STATUS_STYLE.get(row.status, "")),
            literal("\n".join(row.values)),
            literal(row.condition),
            row.points,
            literal(row.reference),
        )
    return table


def explain_unit(d: Decision, criteria: Criteria, lang: Lang = "vi") -> RenderableType:
    """Everything about one unit, for a person."""
    head = Text()
    head.append(terminal_safe(f"{d.name} ({d.unit})"), style="bold")
    head.append(terminal_safe(f" — {render('ui.group', lang)}: {d.peer_group}\n"))
    if d.status == "rated":
        head.append(f"{render('ui.level', lang)}: {level_text(d, lang)}", style="bold")
        label = "ui.score" if d.score is not None else "ui.met"
        head.append(f"   {render(label, lang)}: {score_text(d, lang)}")
        if d.rank is not None:
            head.append(f"   {render('ui.rank', lang)}: {d.rank}")
    else:
        head.append(f"{render('ui.level', lang)}: {level_text(d, lang)}", style="bold magenta")
    parts: list[RenderableType] = [head, findings_table(d, criteria, lang)]
    used = {p.name: p for f in d.findings for p in f.parameters}
    if used:
        thresholds = Text(render("ui.thresholds", lang) + ":\n", style="bold")
        for name in sorted(used):
            thresholds.append(f"  • {terminal_safe(param_text(used[name], criteria, lang))}\n")
        parts.append(thresholds)
    reasons = Text(render("ui.reasons", lang) + ":\n", style="bold")
    for i, text in enumerate(reason_texts(d, lang), start=1):
        reasons.append(f"  {i}. ")
        reasons.append(terminal_safe(text) + "\n")
    parts.append(reasons)
    if d.gap_level is not None and d.gap:
        gap = Text(render("ui.gap", lang, level=d.level_titles[d.gap_level].get(lang)) + ":\n", style="bold")
        for text in gap_texts(d, lang):
            gap.append(f"  • {terminal_safe(text)}\n")
        parts.append(gap)
    elif d.status == "rated" and d.gap_level is None:
        parts.append(Text(render("ui.top", lang)))
    return Group(*parts)
