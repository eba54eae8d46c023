"""One unit explained: findings with thresholds and their sources, reasons, the gap.

Texts from the inputs are shown literally (see :mod:`evaluator.render.terminal`).
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..decision import Decision, show_value
from ..expr import format_number
from ..load import Criteria
from ..messages import Lang, render
from ..params import Resolved
from .terminal import literal, terminal_safe


def _value(v: object) -> str:
    return show_value(v)


def param_text(p: Resolved, lang: Lang) -> str:
    e = p.entry
    why: list[str] = []
    if e is not None and e.region:
        why.append(render("ui.param_region", lang, region=e.region))
    if e is not None and (e.from_year is not None or e.to_year is not None):
        years = f"{e.from_year or '…'}–{e.to_year or '…'}"
        why.append(render("ui.param_years", lang, years=years))
    if not why:
        why.append(render("ui.param_everywhere", lang))
    if e is not None and e.reference:
        why.append(e.reference)
    if e is not None and e.source:
        why.append(e.source)
    text = render("ui.param_source", lang, name=p.name, value=_value(p.value), why="; ".join(why))
    if e is not None and e.formula:
        text += f" = {e.formula}" + "".join(f"\n      ← {param_text(dep, lang)}" for dep in p.via)
    return text


STATUS_STYLE = {"pass": "green", "fail": "red", "missing": "magenta", "scored": "cyan"}


def findings_table(d: Decision, criteria: Criteria, lang: Lang) -> Table:
    table = Table(title=render("ui.findings", lang), title_justify="left", show_lines=True)
    table.add_column(render("ui.criterion", lang), overflow="fold")
    table.add_column(render("ui.status", lang))
    table.add_column(render("ui.value", lang), overflow="fold")
    table.add_column(render("ui.threshold", lang), overflow="fold")
    table.add_column(render("ui.points", lang), justify="right")
    table.add_column(render("ui.reference", lang), overflow="fold")
    for f in d.findings:
        title = criteria.item(f.criterion).model.title.get(lang)
        cond = f.threshold or ""
        table.add_row(
            Text.assemble(literal(title), "\n", literal(f.criterion, "dim")),
            Text(render("word." + f.status, lang), style=STATUS_STYLE.get(f.status, "")),
            literal(_value(f.value)),
            literal(cond),
            "" if f.points is None else format_number(f.points),
            literal(f.reference or ""),
        )
    return table


def explain_unit(d: Decision, criteria: Criteria, lang: Lang = "vi") -> RenderableType:
    """Everything about one unit, for a person."""
    head = Text()
    head.append(terminal_safe(f"{d.name} ({d.unit})"), style="bold")
    head.append(terminal_safe(f" — {render('ui.group', lang)} {d.peer_group}\n"))
    if d.status == "rated":
        head.append(f"{render('ui.level', lang)}: {d.level} — {d.level_title(lang)}", style="bold")
        head.append(f"   {render('ui.score', lang)}: {format_number(d.score)}   {render('ui.rank', lang)}: {d.rank}")
    else:
        head.append(f"{render('ui.status', lang)}: {render('ui.incomplete', lang)}", style="bold magenta")
    reasons = Text(render("ui.reasons", lang) + ":\n", style="bold")
    for r in d.reasons:
        reasons.append(f"  [{r.code}] ", style="dim")
        reasons.append(terminal_safe(r.text(lang)) + "\n", style="")
    parts: list[RenderableType] = [head, findings_table(d, criteria, lang)]
    used = {p.name: p for f in d.findings for p in f.parameters}
    if used:
        thresholds = Text(render("ui.thresholds", lang) + ":\n", style="bold")
        for name in sorted(used):
            thresholds.append(f"  • {terminal_safe(param_text(used[name], lang))}\n")
        parts.append(thresholds)
    parts.append(reasons)
    if d.gap_level is not None and d.gap:
        gap = Text(render("ui.gap", lang, level=d.level_titles[d.gap_level].get(lang)) + ":\n", style="bold")
        for g in d.gap:
            gap.append(f"  • {terminal_safe(g.reason.text(lang))}\n")
        parts.append(gap)
    elif d.status == "rated" and d.gap_level is None:
        parts.append(Text(render("ui.top", lang)))
    return Group(*parts)
