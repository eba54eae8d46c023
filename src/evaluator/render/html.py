"""A run as one printable HTML file: ranking, level distribution, pass rates, each unit in detail.

The file stands alone — styles and charts (inline SVG) are inside it, nothing is
fetched — and prints on A4 with each unit's section on a new page. Text is in
Vietnamese or English; the same run gives the same bytes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..decision import Decision, Run
from ..expr import format_number
from ..load import Criteria
from ..messages import Lang, render
from ..output import write_bytes
from .charts import Bar, Segment, stacked_bars
from .labels import STATUS_COLOURS, evidence_titles, level_colour
from .table import short_note

__all__ = ["report_html", "write_report_html"]


def _env() -> Environment:
    env = Environment(
        loader=PackageLoader("evaluator", "render/templates"),
        autoescape=select_autoescape(["html", "j2"], default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env


@dataclass
class _Level:
    id: str
    title: str
    colour: str


@dataclass
class _UnitView:
    d: Decision
    level_title: str
    colour: str
    score: str
    note: str
    group_size: int
    findings: list[dict[str, Any]] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    gap_title: str | None = None
    gap: list[str] = field(default_factory=list)
    evidence: list[tuple[str, str]] = field(default_factory=list)


def _show(v: Any, lang: Lang) -> str:
    if v is None:
        return "—"
    if isinstance(v, bool):
        return render("report.yes" if v else "report.no", lang)
    if isinstance(v, dict):
        return "\n".join(f"{k} = {_show(x, lang)}" for k, x in v.items())
    if isinstance(v, (int, float)):
        return format_number(v)
    return str(v)


def _levels(run: Run, lang: Lang) -> list[_Level]:
    if not run.results:
        return []
    titles = run.results[0].level_titles
    return [_Level(lid, titles[lid].get(lang), level_colour(i, len(titles))) for i, lid in enumerate(titles)]


def _unit_view(d: Decision, criteria: Criteria, lang: Lang, size: int) -> _UnitView:
    order = list(d.level_titles)
    rated = d.status == "rated" and d.level is not None
    view = _UnitView(
        d=d,
        level_title=(d.level_title(lang) or "") if rated else render("ui.incomplete", lang),
        colour=level_colour(order.index(d.level) if rated and d.level else None, len(order)),
        score="" if d.score is None else format_number(d.score),
        note=short_note(d, lang),
        group_size=size,
    )
    titles = {it.id: it.model.title.get(lang) for it in criteria.items}
    for f in d.findings:
        view.findings.append(
            {
                "id": f.criterion,
                "title": titles.get(f.criterion, f.criterion),
                "status": f.status,
                "status_text": render(f"word.{f.status}", lang),
                "colour": STATUS_COLOURS.get(f.status, "FFFFFF"),
                "value": _show(f.value, lang),
                "threshold": f.threshold or "",
                "points": "" if f.points is None else format_number(f.points),
                "reference": f.reference or "",
            }
        )
    view.reasons = [r.text(lang) for r in d.reasons]
    names = evidence_titles(criteria, lang)
    view.evidence = [(names.get(key, key), text) for key, text in d.evidence.items()]
    if d.gap_level is not None:
        view.gap_title = render("ui.gap", lang, level=d.level_titles[d.gap_level].get(lang))
        view.gap = [g.reason.text(lang) for g in d.gap]
    return view


def _distribution(groups: list[tuple[str, list[Decision]]], levels: list[_Level], lang: Lang) -> Any:
    bars = []
    incomplete = render("ui.incomplete", lang)
    for name, members in groups:
        counts = Counter(d.level if d.status == "rated" else None for d in members)
        segments = [Segment(counts.get(lv.id, 0), lv.colour, f"{lv.title}: {counts.get(lv.id, 0)}") for lv in levels]
        if counts.get(None):
            segments.append(Segment(counts[None], level_colour(None, 0), f"{incomplete}: {counts[None]}"))
        bars.append(Bar(name, segments, render("report.count_units", lang, count=len(members))))
    return stacked_bars(bars, title=render("report.distribution", lang))


def _pass_rates(run: Run, criteria: Criteria, lang: Lang) -> tuple[Any, Any]:
    """The pass-rate chart of the condition criteria, and the average-points chart of the points criteria."""
    bars: list[Bar] = []
    point_bars: list[Bar] = []
    words = {s: render(f"word.{s}", lang) for s in ("pass", "fail", "missing")}
    for item in criteria.items:
        found = [f for d in run.results for f in d.findings if f.criterion == item.id]
        title = item.model.title.get(lang)
        if item.model.points is not None:
            scored = [f.points for f in found if f.points is not None]
            avg = round(sum(scored) / len(scored), 2) if scored else 0.0
            top = item.model.max_points
            text = render("report.avg_points", lang, avg=format_number(avg), max=format_number(top)) if top else ""
            rest = [Segment(top - avg, "FFFFFF", "", "")] if top and top > avg else []
            point_bars.append(
                Bar(title, [Segment(avg, "9DC3E6", format_number(avg), format_number(avg)), *rest], text or "")
            )
            continue
        counts = Counter(f.status for f in found)
        total = sum(counts.values())
        segments = [
            Segment(counts.get("pass", 0), "63BE7B", words["pass"]),
            Segment(counts.get("fail", 0), "F8A5A5", words["fail"]),
            Segment(counts.get("missing", 0), "BFBFBF", words["missing"]),
        ]
        pct = round(100 * counts.get("pass", 0) / total) if total else 0
        text = f"{pct}% ({render('report.passed', lang, passed=counts.get('pass', 0), total=total)})"
        bars.append(Bar(title, segments, text))
    pass_chart = stacked_bars(bars, title=render("report.pass_rate", lang)) if bars else ""
    points_chart = stacked_bars(point_bars, title=render("report.points", lang)) if point_bars else ""
    return pass_chart, points_chart


def report_html(run: Run, criteria: Criteria, lang: Lang = "vi") -> str:
    """The printable report of ``run`` as one self-contained HTML document."""
    levels = _levels(run, lang)
    groups = [(g, list(ms)) for g, ms in groupby(run.results, key=lambda d: d.peer_group)]
    units = [_unit_view(d, criteria, lang, len(ms)) for _, ms in groups for d in ms]
    by_group = [(g, [u for u in units if u.d.peer_group == g]) for g, _ in groups]
    totals = Counter(d.level if d.status == "rated" else None for d in run.results)
    pass_chart, points_chart = _pass_rates(run, criteria, lang)
    engine = run.engine
    footer = render(
        "report.footer",
        lang,
        criteria=run.criteria.get("id", ""),
        criteria_version=run.criteria.get("version", ""),
        criteria_sha=run.criteria.get("sha256", "")[:12],
        scheme=run.scheme.get("id", ""),
        scheme_version=run.scheme.get("version", ""),
        scheme_sha=run.scheme.get("sha256", "")[:12],
        evaluator=engine.get("evaluator", ""),
        backend=engine.get("backend", ""),
        rules_sha=engine.get("rules_sha256", "")[:12],
    )
    context = {
        "lang": lang,
        "t": lambda code, **kw: render(code, lang, **kw),
        "title": render("report.title", lang),
        "criteria_title": criteria.model.title.get(lang),
        "criteria_line": render(
            "ui.criteria_line",
            lang,
            id=run.criteria.get("id", ""),
            version=run.criteria.get("version", ""),
            scheme=run.scheme.get("id", ""),
            scheme_version=run.scheme.get("version", ""),
        ),
        "references": criteria.model.references,
        "levels": levels,
        "totals": [(lv, totals.get(lv.id, 0)) for lv in levels],
        "incomplete": totals.get(None, 0),
        "incomplete_colour": level_colour(None, 0),
        "unit_count": len(run.results),
        "groups": by_group,
        "units": units,
        "has_scores": any(d.score is not None for d in run.results),
        "has_points": any(f.points is not None for d in run.results for f in d.findings),
        "distribution_chart": _distribution(groups, levels, lang) if groups else "",
        "pass_chart": pass_chart,
        "points_chart": points_chart,
        "footer": footer,
    }
    return _env().get_template("report.html.j2").render(**context)


def write_report_html(run: Run, criteria: Criteria, path: str | Path, lang: Lang = "vi") -> None:
    """Write the printable report to ``path`` (whole or not at all)."""
    write_bytes(path, report_html(run, criteria, lang).encode("utf-8"))
