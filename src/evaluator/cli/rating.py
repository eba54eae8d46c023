"""Rating commands: ``rank``, ``explain``, ``sweep``, ``diff`` — parse the options into :class:`RunOptions`,
rate through the library's pipeline (:mod:`evaluator.api`), render."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from .. import backends
from ..api import choose, default_scheme_path, evaluate, finish, gather
from ..decision import Run
from ..errors import Location, Problem, ScorecardError
from ..load import (
    Criteria,
    bind_scheme,
    load_criteria,
)
from ..messages import Lang, render
from ..options import Link, RunOptions
from ..output import check_target
from ..render.parquet import findings_path
from ..scorecards import READERS, CheckOptions, read_scorecards
from ..whatif import parse_sets
from .common import LANG, reports_errors
from .files import criteria_files, expand, print_to, write_to
from .store import BY, STORE, history_for_run, history_inputs, record_after_run

F = TypeVar("F", bound=Callable[..., Any])


def _common(func: F) -> F:
    options = [
        click.option(
            "--criteria",
            "criteria_path",
            required=True,
            type=click.Path(path_type=Path),
            help="Criteria file (criteria/*.yaml), a folder of them, or a family id: the version in force is used.",
        ),
        click.option(
            "--scheme",
            "scheme_path",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Classification scheme (rules/*.yaml); default: the one the criteria file names.",
        ),
        click.option(
            "--overrides",
            "overrides_path",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Recorded decisions that rate a unit otherwise (who, why, which document).",
        ),
        click.option(
            "--exceptional-quota",
            is_flag=True,
            help="Use the scheme's exceptional quota rate (366: 25%) in every peer group; for named groups, "
            "record the decision under exceptional_quota in the overrides file.",
        ),
        click.option(
            "--family",
            help="With a folder as --criteria: the family to choose a version from (e.g. party-collective).",
        ),
        click.option(
            "--as-of",
            "as_of",
            type=click.DateTime(formats=["%Y-%m-%d"]),
            help="Rate under the version in force on this date (YYYY-MM-DD), whatever the scorecards' year.",
        ),
        click.option(
            "--link",
            "links",
            multiple=True,
            metavar="CRITERIA=SCORECARDS",
            help="Rate SCORECARDS under CRITERIA first and feed the levels to linked indicators (repeatable).",
        ),
        click.option(
            "--set",
            "sets",
            multiple=True,
            metavar="PARAM=VALUE",
            help="What-if: set a threshold parameter everywhere; the reasons mark it (repeatable).",
        ),
        click.option(
            "--engine",
            "backend",
            type=click.Choice(list(backends.names())),
            default=backends.DEFAULT,
            show_default=True,
            help=backends.HELP,
        ),
        STORE,
        LANG,
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _run(
    criteria_path: Path,
    scheme_path: Path | None,
    overrides_path: Path | None,
    scorecards: Sequence[str],
    *,
    lang: Lang = "vi",
    quiet: bool = False,
    family: str | None = None,
    as_of: dt.datetime | None = None,
    links: Sequence[str] = (),
    sets: Sequence[str] = (),
    output: Path | None = None,
    also: Sequence[Path] = (),
    store: str | None = None,
    record: bool = False,
    by: str | None = None,
    **kw: Any,
) -> tuple[Criteria, Run]:
    from ..progress import progress_bar

    options = RunOptions(
        scheme=scheme_path,
        overrides=overrides_path,
        family=family,
        as_of=as_of.date() if as_of else None,
        links=tuple(_link(spec) for spec in links),
        what_if=tuple(parse_sets(list(sets)).items()),
        **kw,
    )
    chosen = choose(criteria_path, scorecards, options)
    crit, scheme = chosen.criteria, chosen.scheme
    for target in [output, *also] if output is not None else []:
        folders = [("SCORECARDS", f, tuple(READERS)) for f in scorecards if Path(f).is_dir()]
        check_target(target, _inputs(crit, scheme.path, overrides_path, scorecards, links), folders)
    inputs = gather(chosen, scorecards, options)
    opened, history = history_for_run(crit, store, record, what_if=bool(options.what_if))
    with progress_bar(len(inputs.cards), lang, quiet=quiet) as progress:
        run = finish(chosen, inputs, options, history=history, progress=progress)
    if record:
        extra = history_inputs(history, crit, overrides_path, inputs.links)
        record_after_run(opened, run, inputs.cards, by=by, lang=lang, extra=extra)
    for warning in run.warnings:  # the run goes on; a person should look (also in the JSON)
        click.echo(render("cli.warning", lang, text=warning.text(lang)), err=True)
    return crit, run


def _inputs(
    crit: Criteria, scheme: str | Path, overrides: Path | None, scorecards: Sequence[str], links: Sequence[str] = ()
) -> list[tuple[str, Path]]:
    """Every file a run reads, with the option that named it (an output must be none of them)."""
    out = [*criteria_files(crit), ("--scheme", Path(scheme))]
    if overrides is not None:
        out.append(("--overrides", overrides))
    out += [("SCORECARDS", p) for p in expand(scorecards)]
    for spec in links:
        path, _, cards = spec.partition("=")
        out += [("--link", p) for p in expand([path, cards] if cards else [path])]
    return out


def _link(spec: str) -> Link:
    """``--link CRITERIA=SCORECARDS``."""
    path, sep, cards = spec.partition("=")
    if not sep or not cards:
        raise click.BadParameter(f"'{spec}': expected CRITERIA=SCORECARDS", param_hint="--link")
    return Link(Path(path), cards)


@click.command()
@_common
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "jsonl", "parquet", "xlsx", "html"]),
    default="table",
    show_default=True,
    help="jsonl: the header, then a unit per line; parquet: -o NAME.parquet (units) and NAME.findings.parquet; "
    "xlsx: a results workbook; html: a printable report (parquet, xlsx and html need -o).",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
@click.option(
    "--report-config",
    "report_config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --format html: a YAML file with the report's date, place and signers.",
)
@click.option(
    "--report-date",
    "report_date",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="With --format html: the date printed on every page and above the signatures (YYYY-MM-DD); "
    "without it (or a date in --report-config) the date is left blank to fill by hand.",
)
@click.option("--record", is_flag=True, help="Record the run and every unit's result in the history store (--store).")
@BY
@click.argument("scorecards", nargs=-1, required=True)
@reports_errors
def rank(
    criteria_path: Path,
    scheme_path: Path | None,
    overrides_path: Path | None,
    exceptional_quota: bool,
    backend: str,
    lang: Lang,
    fmt: str,
    output: Path | None,
    report_config: Path | None,
    report_date: dt.datetime | None,
    scorecards: tuple[str, ...],
    **selection: Any,
) -> None:
    """Rate and rank every unit in SCORECARDS (files or folders of .yaml/.json/.xlsx/.csv)."""
    if fmt in ("xlsx", "html", "parquet") and output is None:
        raise click.UsageError(render("cli.needs_output", lang, fmt=fmt))
    if fmt == "parquet" and output is not None and not output.name.lower().endswith(".parquet"):
        raise click.UsageError(render("cli.parquet_name", lang, path=output))
    also = [findings_path(output)] if fmt == "parquet" and output is not None else []
    for target in [output, *also] if output is not None else []:
        check_target(target)  # a link, a folder, a device: refused before any work
    if fmt != "html" and (report_config is not None or report_date is not None):
        raise click.UsageError(render("cli.report_only_html", lang))
    settings = _report_settings(report_config, report_date) if fmt == "html" else None
    crit, run = _run(
        criteria_path,
        scheme_path,
        overrides_path,
        scorecards,
        lang=lang,
        quiet=fmt in ("json", "jsonl"),
        output=output,
        also=also,
        exceptional_quota=exceptional_quota,
        backend=backend,
        **selection,
    )
    if fmt == "json":
        write_to(run.iter_json(lang), output)
    elif fmt == "jsonl":
        from ..render.jsonl import iter_jsonl

        write_to(iter_jsonl(run, lang), output)
    elif fmt == "parquet" and output is not None:
        from ..render.parquet import write_parquet

        write_parquet(run, output, lang)
    elif fmt == "xlsx" and output is not None:
        from ..render.xlsx import write_results_workbook

        write_results_workbook(run, crit, output, lang)
    elif fmt == "html" and output is not None:
        from ..render.html import write_report_html

        write_report_html(run, crit, output, lang, settings)
    else:
        from ..render import ranking_table

        print_to(ranking_table(run, lang), output)


def _report_settings(path: Path | None, day: dt.datetime | None) -> Any:
    """The report's settings from ``--report-config``, its date replaced by ``--report-date`` when given."""
    from ..render.report_settings import ReportSettings, load_report_settings

    settings = load_report_settings(path) if path is not None else ReportSettings()
    return settings.model_copy(update={"date": day.date()}) if day is not None else settings


@click.command()
@click.argument("unit")
@_common
@click.option("--year", type=int, help="Which year, when the scorecards hold several for the unit.")
@click.argument("scorecards", nargs=-1, required=True)
@reports_errors
def explain(
    unit: str,
    criteria_path: Path,
    scheme_path: Path | None,
    overrides_path: Path | None,
    exceptional_quota: bool,
    backend: str,
    lang: Lang,
    year: int | None,
    scorecards: tuple[str, ...],
    **selection: Any,
) -> None:
    """Explain UNIT's level: every criterion, threshold and source, the reasons, the gap."""
    crit, run = _run(
        criteria_path,
        scheme_path,
        overrides_path,
        scorecards,
        lang=lang,
        exceptional_quota=exceptional_quota,
        backend=backend,
        **selection,
    )
    from ..vntext import canon

    matches = [d for d in run.results if d.unit == canon(unit) and (year is None or d.year == year)]
    if not matches:
        from ..errors import did_you_mean

        raise ScorecardError(
            Problem(
                "explain.unit_unknown", Location(), {"unit": unit}, did_you_mean(unit, [d.unit for d in run.results])
            )
        )
    for d in sorted(matches, key=lambda d: d.year):
        from ..render import explain_unit

        print_to(explain_unit(d, crit, lang), None)


@click.command()
@click.option(
    "--criteria", "criteria_path", required=True, type=click.Path(path_type=Path), help="Criteria file (YAML)."
)
@click.option("--scheme", "scheme_path", type=click.Path(dir_okay=False, path_type=Path), help="Scheme (rules/*.yaml).")
@click.option("--set", "spec", required=True, metavar="PARAM=FROM:TO:STEP", help="The parameter and its range.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "html"]), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
@click.option(
    "--engine",
    "backend",
    type=click.Choice([backends.BULK, *(n for n in backends.names() if n not in (backends.BULK, backends.ORACLE))]),
    default=backends.BULK,
    show_default=True,
    help="The engine that rates each value; the default rates the same as the product's, faster (see rank --engine).",
)
@LANG
@click.argument("scorecards", nargs=-1, required=True)
@reports_errors
def sweep(
    criteria_path: Path,
    scheme_path: Path | None,
    spec: str,
    fmt: str,
    output: Path | None,
    backend: str,
    lang: Lang,
    scorecards: tuple[str, ...],
) -> None:
    """What-if over a range: for each value of one threshold, the units at each level and those that change."""
    from ..sweep import parse_range, run_sweep, sweep_html, sweep_table

    name, values = parse_range(spec)
    if output is not None:
        check_target(output)
    crit = load_criteria(criteria_path)
    scheme = bind_scheme(scheme_path or default_scheme_path(crit), crit)
    if output is not None:
        check_target(output, _inputs(crit, scheme.path, None, scorecards))
    result = run_sweep(crit, read_scorecards(scorecards, crit), scheme, name, values, backend)
    if fmt == "json":
        write_to([json.dumps(result.to_dict(lang), ensure_ascii=False, indent=2) + "\n"], output)
    elif fmt == "html":
        write_to([sweep_html(result, lang)], output)
    else:
        print_to(sweep_table(result, lang), output)


@click.command()
@click.option("--old", "old_path", required=True, type=click.Path(path_type=Path), help="The earlier criteria file.")
@click.option("--new", "new_path", required=True, type=click.Path(path_type=Path), help="The later criteria file.")
@click.option("--old-scheme", type=click.Path(dir_okay=False, path_type=Path), help="Scheme for --old (default: its).")
@click.option("--new-scheme", type=click.Path(dir_okay=False, path_type=Path), help="Scheme for --new (default: its).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@LANG
@click.argument("scorecards", nargs=-1, required=True)
@reports_errors
def diff(
    old_path: Path,
    new_path: Path,
    old_scheme: Path | None,
    new_scheme: Path | None,
    fmt: str,
    lang: Lang,
    scorecards: tuple[str, ...],
) -> None:
    """List every unit whose level or rank changes between two criteria or scheme versions, and why.

    Each version reads the indicators it knows from SCORECARDS and ignores the others;
    the scorecards' years are not checked against either version's validity.
    """
    from ..render.diff import diff_json, diff_table
    from ..whatif import diff_runs, summary

    options = CheckOptions(check_year=False, ignore_unknown=True)
    runs = []
    for path, scheme_path in ((old_path, old_scheme), (new_path, new_scheme)):
        crit = load_criteria(path)
        scheme = bind_scheme(scheme_path or default_scheme_path(crit), crit)
        runs.append(evaluate(crit, read_scorecards(scorecards, crit, options), scheme))
    old, new = runs
    changes = diff_runs(old, new)
    if fmt == "json":
        click.echo(diff_json(changes, old, new, lang))
        return
    click.echo(summary(changes, old, new, lang))
    print_to(diff_table(changes, lang), None)
