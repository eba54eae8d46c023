"""The command line: thin — parse arguments, call the library, render.

Exit codes: 0 done; 1 (``test``, ``lint`` only) the tests or the checks failed; 2 wrong
usage (an option, or an output file that is refused or cannot be written); 3 a criteria,
scheme, overrides or report settings file is invalid, or a threshold has no value for a unit's
region/year; 4 scorecards are invalid (nothing rated); 5 an internal error (a bug);
130/143 stopped by Ctrl-C/SIGTERM; 141 stdout closed early. See :mod:`evaluator.cliutil`.

Every ``-o`` file is written through :mod:`evaluator.output`: whole or not at all, never
through a link, never over one of the run's inputs.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console, RenderableType

from . import backends
from .api import choose, choose_version, default_scheme_path, evaluate, finish, gather
from .cli_store import BY, STORE, history_for_run, history_inputs, record_after_run, register_commands
from .cliutil import DEBUG, LANG, EvaluatorGroup, reports_errors
from .errors import DefinitionError, EvaluatorError, Location, Problem, ScorecardError, UsageError
from .load import (
    Criteria,
    bind_scheme,
    load_criteria,
    load_overrides,
    load_quota_grants,
    load_scheme,
    load_tie_settlements,
)
from .messages import Lang, render
from .options import Link, RunOptions
from .output import atomic_file, check_target, write_text
from .render import explain_unit, ranking_table
from .render.parquet import findings_path
from .render.terminal import literal, terminal_safe
from .scorecards import READERS, CheckOptions, raw_cards, read_scorecards
from .sources import read_documents
from .whatif import parse_sets

F = TypeVar("F", bound=Callable[..., Any])


def _console(file: Any = None) -> Console:
    out = file or sys.stdout
    terminal = hasattr(out, "isatty") and out.isatty()
    return Console(file=out, width=None if terminal else 140, soft_wrap=False, highlight=False)


def _print(thing: RenderableType, output: Path | None) -> None:
    if output is None:
        _console().print(thing)
        return
    with atomic_file(output, text=True) as fh:
        Console(file=fh, width=140, no_color=True, highlight=False).print(thing)


def _write(pieces: Iterable[str], output: Path | None) -> None:
    """Write text as it is produced (a large run is never held twice in memory)."""
    if output is None:
        for piece in pieces:
            click.echo(piece, nl=False)
        return
    write_text(output, pieces)


@click.group(cls=EvaluatorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="evaluator")
@DEBUG
def main(debug: bool) -> None:
    """Rate grassroots units against criteria written in YAML (Regulation 366, new-rural criteria…).

    Exit codes: 0 done; 1 test/lint failed; 2 usage (or an output file refused);
    3 invalid criteria/scheme/overrides or a missing threshold; 4 invalid scorecards;
    5 internal error (a bug); 130 interrupted.
    """


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


def _load(criteria_spec: Path, scorecards: Sequence[str], family: str | None, as_of: dt.datetime | None) -> Criteria:
    options = RunOptions(family=family, as_of=as_of.date() if as_of else None)
    return choose_version(criteria_spec, scorecards, options)


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
):
    from .progress import progress_bar

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
    out = [*_criteria_files(crit), ("--scheme", Path(scheme))]
    if overrides is not None:
        out.append(("--overrides", overrides))
    out += [("SCORECARDS", p) for p in _expand(scorecards)]
    for spec in links:
        path, _, cards = spec.partition("=")
        out += [("--link", p) for p in _expand([path, cards] if cards else [path])]
    return out


def _criteria_files(crit: Criteria) -> list[tuple[str, Path]]:
    """The criteria file and, for an overlay, the files it extends."""
    return [("--criteria", Path(crit.path)), *(("--criteria", Path(b["file"])) for b in crit.bases if "file" in b)]


def _link(spec: str) -> Link:
    """``--link CRITERIA=SCORECARDS``."""
    path, sep, cards = spec.partition("=")
    if not sep or not cards:
        raise click.BadParameter(f"'{spec}': expected CRITERIA=SCORECARDS", param_hint="--link")
    return Link(Path(path), cards)


@main.command()
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
        _write(run.iter_json(lang), output)
    elif fmt == "jsonl":
        from .render.jsonl import iter_jsonl

        _write(iter_jsonl(run, lang), output)
    elif fmt == "parquet" and output is not None:
        from .render.parquet import write_parquet

        write_parquet(run, output, lang)
    elif fmt == "xlsx" and output is not None:
        from .render.xlsx import write_results_workbook

        write_results_workbook(run, crit, output, lang)
    elif fmt == "html" and output is not None:
        from .render.html import write_report_html

        write_report_html(run, crit, output, lang, settings)
    else:
        _print(ranking_table(run, lang), output)


def _report_settings(path: Path | None, day: dt.datetime | None) -> Any:
    """The report's settings from ``--report-config``, its date replaced by ``--report-date`` when given."""
    from .render.report_settings import ReportSettings, load_report_settings

    settings = load_report_settings(path) if path is not None else ReportSettings()
    return settings.model_copy(update={"date": day.date()}) if day is not None else settings


@main.command()
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
    from .vntext import canon

    matches = [d for d in run.results if d.unit == canon(unit) and (year is None or d.year == year)]
    if not matches:
        from .errors import did_you_mean

        raise ScorecardError(
            Problem(
                "explain.unit_unknown", Location(), {"unit": unit}, did_you_mean(unit, [d.unit for d in run.results])
            )
        )
    for d in sorted(matches, key=lambda d: d.year):
        _print(explain_unit(d, crit, lang), None)


def _kind_from_keys(keys: Iterable[str], is_list: bool) -> str:
    """What a file holds, from its top-level keys (or a list at the top: scorecards)."""
    keys = set(keys)
    if is_list:
        return "scorecards"
    if "overlay" in keys:
        return "criteria"
    if "cases" in keys and "criteria" in keys:
        return "tests"
    if "criteria" in keys and "indicators" in keys:
        return "criteria"
    if "levels" in keys:
        return "scheme"
    if "overrides" in keys or "tie_settlements" in keys or "exceptional_quota" in keys:
        return "overrides"
    if "scorecards" in keys or "unit" in keys:
        return "scorecards"
    return "unknown"


_TOP_KEY = re.compile(r"""^["']?([A-Za-z_][\w-]*)["']?[ \t]*:""", re.MULTILINE)
_JSON_KEY = re.compile(r'"([A-Za-z_][\w-]*)"\s*:')


def _sniff(path: Path) -> str:
    """What a file that does not parse was meant to be, from the keys written in it."""
    try:
        text = path.read_text(encoding="utf-8-sig", errors="replace")
    except OSError:
        return "unknown"
    if path.suffix.lower() == ".json":
        return _kind_from_keys(_JSON_KEY.findall(text), text.lstrip().startswith("["))
    body = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")).lstrip()
    return _kind_from_keys(_TOP_KEY.findall(text), body.startswith(("- ", "-\n", "[")))


def _kind_of(path: Path) -> str:
    """What ``path`` holds. A file that does not parse is refused here as the kind it looks like:
    scorecards (exit 4), or else a definition (exit 3)."""
    from .tabular import TABULAR_SUFFIXES

    if path.suffix.lower() in TABULAR_SUFFIXES:
        return "scorecards"
    try:
        docs = read_documents(path, EvaluatorError)
    except EvaluatorError as exc:
        error_cls = ScorecardError if _sniff(path) == "scorecards" else DefinitionError
        raise error_cls(exc.problems) from None
    data = docs[0].data if docs else None
    if isinstance(data, dict):
        return _kind_from_keys(data, False)
    return _kind_from_keys((), isinstance(data, list))


def _expand(paths: Sequence[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in READERS))
        else:
            out.append(p)
    return out


@main.command()
@click.option(
    "--criteria",
    "criteria_path",
    required=True,
    type=click.Path(path_type=Path),
    help="Criteria file the form is for; or a folder or family id, with --as-of.",
)
@click.option("--family", help="With a folder as --criteria: the family to choose from.")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="With a folder or family: the version in force on this date (YYYY-MM-DD).",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="The workbook to write."
)
@LANG
@reports_errors
def template(criteria_path: Path, family: str | None, as_of: dt.datetime | None, output: Path, lang: Lang) -> None:
    """Write a fill-in Excel workbook for the criteria: one row per unit, one column per indicator."""
    from .tabular import write_template

    check_target(output)
    crit = _load(criteria_path, (), family, as_of)
    check_target(output, _criteria_files(crit))
    write_template(crit, output, lang)
    click.echo(render("template.written", lang, path=output, count=len(crit.model.indicators)))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--criteria",
    "criteria_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Criteria to check scorecards against (and schemes, and overrides' levels and grounds).",
)
@LANG
@reports_errors
def validate(paths: tuple[str, ...], criteria_path: Path | None, lang: Lang) -> None:
    """Check criteria, schemes, overrides and scorecards; report every problem with file and line."""
    errors: list[EvaluatorError] = []
    crit: Criteria | None = None
    if criteria_path is not None:
        crit = load_criteria(criteria_path)
    card_files: list[Path] = []
    for path in _expand(paths):
        try:
            if not path.exists():
                raise UsageError(Problem("file.not_found", Location(file=str(path))))
            kind = _kind_of(path)
            if kind == "criteria":
                loaded = load_criteria(path)
                click.echo(
                    render("ui.valid", lang, path=path, what=render("ui.what_criteria", lang, count=len(loaded.items)))
                )
            elif kind == "tests":
                from .casetests.spec import load_suite

                suite = load_suite(path)
                what = render("ui.what_tests", lang, count=len(suite.cases))
                click.echo(render("ui.valid", lang, path=path, what=what))
            elif kind == "scheme":
                if crit is not None:
                    scheme = bind_scheme(path, crit).model
                else:
                    scheme = load_scheme(path)[0]
                click.echo(
                    render("ui.valid", lang, path=path, what=render("ui.what_scheme", lang, count=len(scheme.levels)))
                )
            elif kind == "overrides":
                # Alone, its structure; with --criteria, also its levels and grounds against the scheme.
                bound = bind_scheme(default_scheme_path(crit), crit) if crit is not None else None
                count = (
                    len(load_overrides(path, bound)) + len(load_tie_settlements(path)) + len(load_quota_grants(path))
                )
                what = "ui.what_overrides" if bound is not None else "ui.what_overrides_alone"
                click.echo(render("ui.valid", lang, path=path, what=render(what, lang, count=count)))
            elif kind == "scorecards":
                if crit is None:
                    if path.suffix.lower() in (".yaml", ".yml", ".json"):
                        raw_cards([path], None)  # a file that does not parse is a scorecard error all the same
                    raise UsageError(Problem("cli.need_criteria", Location(file=str(path))))
                card_files.append(path)
            else:
                raise UsageError(Problem("cli.unknown_kind", Location(file=str(path))))
        except EvaluatorError as exc:
            errors.append(exc)
    if card_files and crit is not None:
        try:
            cards = read_scorecards(card_files, crit)
            for path in card_files:
                n = len(raw_cards([path], crit))
                click.echo(render("ui.valid", lang, path=path, what=render("ui.what_scorecards", lang, count=n)))
            del cards
        except EvaluatorError as exc:
            errors.append(exc)
    for exc in errors:
        click.echo(terminal_safe(exc.render(lang)), err=True)
    if errors:
        sys.exit(max(e.exit_code for e in errors))


# Commands for criteria authors (criteria tests, lint): see evaluator.authoring.
from .authoring import lint_command, test_command  # noqa: E402

main.add_command(test_command)
main.add_command(lint_command)
register_commands(main)  # the history store: decide, lineage, shortcomings, history, runs, store, summary
__import__("evaluator.service.cli", fromlist=["register"]).register(main)  # serve, token (evaluator.service)


@main.command()
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
    from .sweep import parse_range, run_sweep, sweep_html, sweep_table

    name, values = parse_range(spec)
    if output is not None:
        check_target(output)
    crit = load_criteria(criteria_path)
    scheme = bind_scheme(scheme_path or default_scheme_path(crit), crit)
    if output is not None:
        check_target(output, _inputs(crit, scheme.path, None, scorecards))
    result = run_sweep(crit, read_scorecards(scorecards, crit), scheme, name, values, backend)
    if fmt == "json":
        _write([json.dumps(result.to_dict(lang), ensure_ascii=False, indent=2) + "\n"], output)
    elif fmt == "html":
        _write([sweep_html(result, lang)], output)
    else:
        _print(sweep_table(result, lang), output)


@main.command()
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
    from .whatif import diff_runs, summary

    options = CheckOptions(check_year=False, ignore_unknown=True)
    runs = []
    for path, scheme_path in ((old_path, old_scheme), (new_path, new_scheme)):
        crit = load_criteria(path)
        scheme = bind_scheme(scheme_path or default_scheme_path(crit), crit)
        runs.append(evaluate(crit, read_scorecards(scorecards, crit, options), scheme))
    old, new = runs
    changes = diff_runs(old, new)
    if fmt == "json":
        out = {
            "old": {**old.criteria, "scheme": old.scheme},
            "new": {**new.criteria, "scheme": new.scheme},
            "changes": [c.to_dict(lang) for c in changes],
        }
        click.echo(json.dumps(out, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    click.echo(summary(changes, old, new, lang))
    table = Table(show_lines=True)
    for label in ("ui.unit", "ui.name", "ui.changes", "ui.why"):
        table.add_column(render(label, lang), overflow="fold")
    for c in changes:
        table.add_row(
            literal(f"{c.unit} ({c.year})"),
            literal(c.name),
            literal("\n".join(r.text(lang) for r in c.what)),
            literal("\n".join(r.text(lang) for r in c.why)),
        )
    _print(table, None)
