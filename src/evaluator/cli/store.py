"""Commands of the history store: decide, lineage import, shortcomings import, history, runs,
store verify, summary — and what ``rank --record`` says (what a run reads of the store is
:mod:`evaluator.runstore`; the store itself, :mod:`evaluator.store`).

Exit codes as for every command (README); besides: 1 when ``store verify`` finds a record changed,
removed or added by hand; 6 when the store cannot be used (a wrong address, no store there, a
server out of reach, a store written by a newer evaluator, another writer holding it too long).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from ..decision import Run
from ..messages import Lang, render
from ..render.terminal import literal
from ..runstore import history_for_run, history_inputs, open_store
from ..scorecards import Submitted
from .common import LANG, reports_errors

__all__ = ["BY", "STORE", "history_for_run", "history_inputs", "record_after_run", "register_commands"]

STORE = click.option(
    "--store",
    "store",
    metavar="URL",
    help="History store: a SQLite file (default ./evaluator.sqlite) or postgresql://…; also EVALUATOR_STORE.",
)
BY = click.option("--by", "by", metavar="NAME", help="Who records (default: the operating-system user).")


def record_after_run(
    opened: Any, run: Run, cards: Sequence[Submitted], *, by: str | None, lang: Lang, extra: dict[str, Any]
) -> None:
    """Record ``run`` and say so on stderr (the run's output on stdout stays as it was)."""
    from ..store.record import default_user, record_run

    if opened is None:  # pragma: no cover - history_for_run opens a store whenever recording
        return
    done = record_run(opened, run, cards, by=by or default_user(), extra=extra)
    code = "store.recorded" if done.added else "store.recorded_again"
    click.echo(render(code, lang, run=done.ref[:12], units=len(run.results), store=opened.shown), err=True)


def _who(by: str | None) -> str:
    from ..store.record import default_user

    return by or default_user()


def _imported(lang: Lang, what: str, done: Any, shown: str) -> None:
    click.echo(render("store.imported", lang, added=done.added, same=done.same, what=render(what, lang), store=shown))


@click.command("decide")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@STORE
@BY
@LANG
@reports_errors
def decide_command(files: tuple[Path, ...], store: str | None, by: str | None, lang: Lang) -> None:
    """Record the committee's official decisions (YAML/JSON/CSV/xlsx): unit, year, level, family,
    decided_by, document, date; a later decision for the same unit, year and family supersedes."""
    from ..store.imports import read_decisions
    from ..store.record import record_decisions

    entries = [(f, read_decisions(f)) for f in files]  # every file read and checked before anything is written
    opened = open_store(store)
    for path, items in entries:
        _imported(lang, "what.officials", record_decisions(opened, items, by=_who(by), source=str(path)), opened.shown)


@click.group("lineage")
def lineage_group() -> None:
    """Unit lineage: merges, splits and renames with their date and legal document."""


@lineage_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@STORE
@BY
@LANG
@reports_errors
def lineage_import(file: Path, store: str | None, by: str | None, lang: Lang) -> None:
    """Record the events of FILE (YAML/JSON: events: [{id, kind, date, document, from, into}])."""
    from ..store.imports import read_lineage
    from ..store.record import record_lineage

    entries = read_lineage(file)
    opened = open_store(store)
    _imported(lang, "what.lineage", record_lineage(opened, entries, by=_who(by)), opened.shown)


@click.group("shortcomings")
def shortcomings_group() -> None:
    """The register of shortcomings named at a review, and when each was remedied."""


@shortcomings_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@STORE
@BY
@LANG
@reports_errors
def shortcomings_import(file: Path, store: str | None, by: str | None, lang: Lang) -> None:
    """Record the shortcomings of FILE (YAML/JSON/CSV/xlsx: unit, year, text, remedied)."""
    from ..store.imports import read_shortcomings
    from ..store.record import record_shortcomings

    entries = read_shortcomings(file)
    opened = open_store(store)
    done = record_shortcomings(opened, entries, by=_who(by), source=str(file))
    _imported(lang, "what.shortcomings", done, opened.shown)


def _history_table(data: dict[str, Any], lang: Lang) -> Any:
    from rich.table import Table

    table = Table(title=render("history.title", lang, unit=data["unit"]), show_lines=True)
    for code in (
        "summary.year",
        "history.col_unit",
        "history.col_computed",
        "history.col_official",
        "history.col_note",
    ):
        table.add_column(render(code, lang), overflow="fold")
    for row in data["years"]:
        computed = "\n".join(
            f"{c['level'] or render('ui.incomplete', lang)} ({c['criteria']}, {c['run'][:12]})" for c in row["computed"]
        )
        official = "\n".join(f"{o['level']} ({o['family']}; {o['document']}, {o['date']})" for o in row["official"])
        notes = [
            render("history.superseded", lang, count=len(o["superseded"])) for o in row["official"] if o["superseded"]
        ]
        if row["via"]:
            notes.append(row["via"])
        table.add_row(
            *(literal(t) for t in (str(row["year"]), row["unit"], computed or "—", official or "—", "\n".join(notes)))
        )
    return table


@click.command("history")
@click.argument("unit")
@STORE
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@LANG
@reports_errors
def history_command(unit: str, store: str | None, fmt: str, lang: Lang) -> None:
    """UNIT's levels over the years, computed and official, across merges, splits and renames."""
    from ..errors import Location, Problem, UsageError
    from ..store.query import load_view, unit_history

    data = unit_history(load_view(open_store(store, create=False)), unit)
    if not data["years"] and not data["lineage"]:
        raise UsageError(Problem("history.empty", Location(), {"unit": data["unit"]}))
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    _table_out(_history_table(data, lang))
    for e in data["lineage"]:
        kind = render(f"lineage.{e['kind']}", lang)
        click.echo(render("history.lineage", lang, date=e["date"], kind=kind, before=", ".join(e["from"]),
                          after=", ".join(e["into"]), document=e["document"]))  # fmt: skip


def _table_out(table: Any) -> None:
    import sys

    from rich.console import Console

    terminal = sys.stdout.isatty()
    Console(width=None if terminal else 140, soft_wrap=False, highlight=False).print(table)


@click.command("runs")
@STORE
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@LANG
@reports_errors
def runs_command(store: str | None, fmt: str, lang: Lang) -> None:
    """List the recorded runs, oldest first."""
    from rich.table import Table

    from ..store.query import list_runs

    found = list_runs(open_store(store, create=False))
    if fmt == "json":
        click.echo(json.dumps({"runs": found}, ensure_ascii=False, indent=2))
        return
    if not found:
        click.echo(render("runs.empty", lang))
        return
    table = Table()
    for code in (
        "runs.col_run",
        "runs.col_when",
        "runs.col_by",
        "runs.col_criteria",
        "runs.col_units",
        "runs.col_years",
    ):
        table.add_column(render(code, lang), overflow="fold")
    for r in found:
        crit = f"{r['criteria']['id']} {r['criteria']['version']} / {r['scheme']['id']} {r['scheme']['version']}"
        cells = (
            r["id"][:12],
            r["recorded_at"],
            r["recorded_by"],
            crit,
            str(r["units"]),
            ", ".join(map(str, r["years"])),
        )
        table.add_row(*(literal(c) for c in cells))
    _table_out(table)


@click.group("store")
def store_group() -> None:
    """The history store itself."""


@store_group.command("verify")
@STORE
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@LANG
@reports_errors
def verify_command(store: str | None, fmt: str, lang: Lang) -> None:
    """Check the hash chain: every record as written, none removed, none added by hand (exit 1 if not)."""
    from ..store.verify import verify

    done = verify(open_store(store, create=False))
    if fmt == "json":
        click.echo(json.dumps({"intact": True, "records": done.count, "head": done.head}, ensure_ascii=False, indent=2))
    else:
        click.echo(render("verify.ok", lang, count=done.count, head=done.head))


@click.command("summary")
@click.option("--by", "by", type=click.Choice(["parent"]), default="parent", show_default=True, help="Group by.")
@STORE
@click.option("--targets", "targets_path", type=click.Path(dir_okay=False, path_type=Path), help="A targets file.")
@click.option("--family", help="Only this family's levels.")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "xlsx", "html"]), default="table", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here (xlsx, html need it)."
)
@LANG
@reports_errors
def summary_command(
    by: str, store: str | None, targets_path: Path | None, family: str | None, fmt: str, output: Path | None, lang: Lang
) -> None:
    """Each parent's units by level over the years, against its targets."""
    from ..output import check_target, write_text
    from ..render.summary import summary_table, write_summary_html, write_summary_workbook
    from ..store.query import load_view
    from ..targets import load_targets, summarise

    if fmt in ("xlsx", "html") and output is None:
        raise click.UsageError(render("cli.needs_output", lang, fmt=fmt))
    if output is not None:
        check_target(output, [("--targets", targets_path)] if targets_path else [])
    targets = load_targets(targets_path) if targets_path else []
    opened = open_store(store, create=False)
    rows = summarise(load_view(opened), targets, family)
    if fmt == "json":
        text = json.dumps(
            {"store": opened.shown, "by": by, "rows": [r.to_dict() for r in rows]}, ensure_ascii=False, indent=2
        )
        if output is None:
            click.echo(text)
        else:
            write_text(output, [text + "\n"])
    elif fmt == "xlsx" and output is not None:
        write_summary_workbook(rows, output, lang)
    elif fmt == "html" and output is not None:
        write_summary_html(rows, output, lang, opened.shown)
    elif not rows:
        click.echo(render("summary.empty", lang))
    else:
        _table_out(summary_table(rows, lang))


def register_commands(group: click.Group) -> None:
    """Add the store's commands to the main command group."""
    for command in (decide_command, lineage_group, shortcomings_group, history_command, runs_command, store_group,
                    summary_command):  # fmt: skip
        group.add_command(command)
