"""A run as one printable HTML file: an overview, a signed summary per peer group, one page per unit.

The file stands alone — styles and charts (inline SVG) are inside it, nothing is
fetched — and prints on A4: the overview (levels, their distribution by peer group,
the pass rate of each criterion), then for each peer group its ranking with a
signature block, then each unit on a page of its own (findings, evidence, reasons,
the gap). Every printed page carries in its margins the criteria and their version,
the date of the report and "page n of N" (CSS ``@page`` margin boxes, which Chromium
prints from version 131 on — both from its Print dialog and when printing to PDF).
Text is in Vietnamese or English; the same run and settings give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from ..decision import Decision, Reason, Run
from ..load import Criteria
from ..messages import Lang, render
from ..output import write_bytes
from .charts import Bar, Segment, stacked_bars
from .labels import STATUS_COLOURS, evidence_titles, level_colour, number_text
from .report_settings import ReportSettings, Signer
from .rows import finding_rows, gap_texts, level_text
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


@dataclass
class _GroupView:
    name: str
    members: list[_UnitView]
    counts: list[tuple[_Level, int]]
    incomplete: int


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
        level_title=level_text(d, lang),
        colour=level_colour(order.index(d.level) if rated and d.level else None, len(order)),
        score="" if d.score is None else number_text(d.score, lang),
        note=short_note(d, lang),
        group_size=size,
    )
    for row in finding_rows(d, criteria, lang):
        view.findings.append(
            {
                "id": row.criterion,
                "title": row.title,
                "status": row.status,
                "status_text": row.result,
                "colour": STATUS_COLOURS.get(row.status, "FFFFFF"),
                "value": "; ".join(row.values),
                "threshold": row.condition,
                "points": row.points,
                "reference": row.reference,
            }
        )
    view.reasons = [r.text(lang) for r in d.reasons if not _in_gap_list(r, d)]
    names = evidence_titles(criteria, lang)
    view.evidence = [(names.get(key, key), text) for key, text in d.evidence.items()]
    if d.gap_level is not None:
        view.gap_title = render("ui.gap", lang, level=d.level_titles[d.gap_level].get(lang))
        view.gap = gap_texts(d, lang)
    return view


def _in_gap_list(r: Reason, d: Decision) -> bool:
    """Whether the gap list below the reasons says the same: the reason for the gap itself, and what the
    next level up lacks (its «chưa đạt» reason lists the same items). The page says each thing once."""
    if not d.gap or d.gap_level is None:
        return False
    if r.code == "reason.gap":
        return True
    return r.code == "reason.level_missed" and r.params.get("level") == d.level_titles[d.gap_level]


def _counts(members: list[Decision], levels: list[_Level]) -> tuple[list[tuple[_Level, int]], int]:
    counts = Counter(d.level if d.status == "rated" else None for d in members)
    return [(lv, counts.get(lv.id, 0)) for lv in levels], counts.get(None, 0)


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
        if item.kind == "points":
            scored = [f.points for f in found if f.points is not None]
            avg = round(sum(scored) / len(scored), 2) if scored else 0.0
            top = item.model.max_points
            shown = number_text(avg, lang)
            text = render("report.avg_points", lang, avg=shown, max=number_text(top, lang)) if top else ""
            rest = [Segment(top - avg, "FFFFFF", "", "")] if top and top > avg else []
            point_bars.append(Bar(title, [Segment(avg, "9DC3E6", shown, shown), *rest], text or ""))
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


def css_string(text: str) -> str:
    """``text`` as a CSS string literal, safe inside ``<style>``: nothing in it can end the string or the element."""
    out = ['"']
    for ch in text:
        if ch in '"\\<>&' or ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\{ord(ch):X} ")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def css_content(template: str, **counters: str) -> Markup:
    """A CSS ``content`` value from a message: ``{page}``-style fields become counters, the rest strings."""
    parts: list[str] = []
    rest = template
    while rest:
        starts = [(rest.find("{" + name + "}"), name) for name in counters if "{" + name + "}" in rest]
        if not starts:
            parts.append(css_string(rest))
            break
        at, name = min(starts)
        if at:
            parts.append(css_string(rest[:at]))
        parts.append(f"counter({counters[name]})")
        rest = rest[at + len(name) + 2 :]
    return Markup(" ".join(parts) or '""')


def _date_short(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "…/…/……"


def _date_long(day: dt.date | None, lang: Lang) -> str:
    if day is None:
        return render("report.date_blank", lang)
    return render("report.date_long", lang, day=f"{day.day:02d}", month=f"{day.month:02d}", year=str(day.year))


def _signers(settings: ReportSettings, lang: Lang) -> list[Signer]:
    if settings.signers:
        return list(settings.signers)
    return [Signer(role=render("report.sign.prepared", lang)), Signer(role=render("report.sign.approved", lang))]


def report_html(run: Run, criteria: Criteria, lang: Lang = "vi", settings: ReportSettings | None = None) -> str:
    """The printable report of ``run`` as one self-contained HTML document."""
    settings = settings or ReportSettings()
    levels = _levels(run, lang)
    groups = [(g, list(ms)) for g, ms in groupby(run.results, key=lambda d: d.peer_group)]
    views: list[_GroupView] = []
    for name, members in groups:
        counts, incomplete = _counts(members, levels)
        ranked = sum(1 for d in members if d.rank is not None)  # "Hạng 8/9", as the reasons say it
        member_views = [_unit_view(d, criteria, lang, ranked) for d in members]
        views.append(_GroupView(name, member_views, counts, incomplete))
    totals, incomplete = _counts(run.results, levels)
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
    title = render("report.title", lang)
    date_long = _date_long(settings.date, lang)
    context = {
        "lang": lang,
        "t": lambda code, **kw: render(code, lang, **kw),
        "title": title,
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
        "totals": totals,
        "incomplete": incomplete,
        "incomplete_colour": level_colour(None, 0),
        "unit_count": len(run.results),
        "groups": views,
        "units": [u for g in views for u in g.members],
        "has_scores": any(d.score is not None for d in run.results),
        "has_points": any(f.points is not None for d in run.results for f in d.findings),
        "distribution_chart": _distribution(groups, levels, lang) if groups else "",
        "pass_chart": pass_chart,
        "points_chart": points_chart,
        "footer": footer,
        "report_date": render("report.date_line", lang, date=_date_short(settings.date)),
        "place_date": render("report.place_date", lang, place=settings.place, date=date_long)
        if settings.place
        else date_long[:1].upper() + date_long[1:],
        "signers": _signers(settings, lang),
        "margin_head": css_content(
            render(
                "report.running_head",
                lang,
                title=title,
                criteria=run.criteria.get("id", ""),
                version=run.criteria.get("version", ""),
            )
        ),
        "margin_date": css_content(render("report.date_line", lang, date=_date_short(settings.date))),
        "margin_page": css_content(
            render("report.page_of", lang, page="{page}", pages="{pages}"), page="page", pages="pages"
        ),
    }
    return _env().get_template("report.html.j2").render(**context)


def write_report_html(
    run: Run, criteria: Criteria, path: str | Path, lang: Lang = "vi", settings: ReportSettings | None = None
) -> None:
    """Write the printable report to ``path`` (whole or not at all)."""
    write_bytes(path, report_html(run, criteria, lang, settings).encode("utf-8"))
