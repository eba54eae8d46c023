"""Commands for criteria authors: ``evaluator test``, ``evaluator lint`` and ``evaluator template``.

Exit codes: 0 clean; 1 a test failed, coverage fell short, nothing
was run, or lint found errors (warnings too with ``--strict``); 2 wrong usage;
3 a criteria, scheme or test file is invalid.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from .. import backends
from ..errors import Location, Problem
from ..messages import Lang, render
from ..output import check_target
from .common import LANG, reports_errors
from .files import criteria_files, load_version

F = TypeVar("F", bound=Callable[..., Any])

FORMAT = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)


@click.command("test")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    help="Coverage (%) every file must reach; default: each file's own 'fail_under' (100 unless it says).",
)
@click.option(
    "--generate-boundaries",
    is_flag=True,
    help="Write cases at, just below and just above every threshold of each criteria PATH, then run them.",
)
@click.option("--epsilon", type=click.FloatRange(min=0, min_open=True), help="Step beside non-count thresholds.")
@click.option(
    "--base",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Scorecard file whose first unit gives the other indicators of boundary cases.",
)
@click.option(
    "--scheme",
    "scheme_path",
    type=click.Path(dir_okay=False, exists=True, path_type=Path),
    help="Scheme for boundary cases (default: the criteria's own).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write boundary cases (default: <criteria>.boundaries.test.yaml beside it).",
)
@click.option("-v", "--verbose", is_flag=True, help="List passing cases too.")
@click.option(
    "--engine",
    type=click.Choice([n for n in backends.names() if n != backends.ORACLE]),
    default=backends.DEFAULT,
    show_default=True,
    help="The engine whose results the cases check (each cross-checked against the reference).",
)
@FORMAT
@LANG
@reports_errors
def test_command(
    paths: tuple[str, ...],
    fail_under: float | None,
    generate_boundaries: bool,
    epsilon: float | None,
    base: Path | None,
    scheme_path: Path | None,
    output: Path | None,
    verbose: bool,
    engine: str,
    fmt: str,
    lang: Lang,
) -> None:
    """Run criteria tests (*.test.yaml beside the criteria) and report coverage.

    PATHS are test files, folders (searched for *.test.yaml) or criteria files (their
    test files). Every case runs through the product's rules engine (or the one --engine names)
    and the oracle it is checked against.
    With --generate-boundaries, PATHS are criteria files.
    """
    from ..casetests import discover, load_suite, report_json, report_text, run_suite, write_boundaries

    if generate_boundaries:
        if output is not None and len(paths) != 1:
            raise click.UsageError("--output needs exactly one criteria file")
        written: list[Path] = []
        for raw in paths:
            path, gen = write_boundaries(raw, output, scheme_path=scheme_path, epsilon=epsilon, base=base)
            written.append(path)
            for (criterion, detail, why_code, name), places in _grouped(gen.skipped).items():
                params = {"name": name, "region": ", ".join(places[0]), "year": ", ".join(places[1])}
                why = render(why_code, lang, **params) if name else render(why_code, lang)
                click.echo(render("casetest.ui.skipped", lang, criterion=criterion, detail=detail, why=why), err=True)
            click.echo(render("casetest.ui.generated", lang, count=gen.cases, thresholds=gen.thresholds, path=path))
        files = written
        fail_under = 0.0 if fail_under is None else fail_under
    else:
        files = discover(paths)
    extra: list[Problem] = []
    if not files:
        extra.append(Problem("casetest.no_files", Location(), {"paths": ", ".join(paths)}))
    results = [run_suite(load_suite(p), fail_under, engine=engine) for p in files]
    if fmt == "json":
        click.echo(report_json(results, lang, extra), nl=False)
    else:
        click.echo(report_text(results, lang, verbose=verbose, extra=extra), nl=False)
    if extra or not results or not all(r.ok for r in results):
        sys.exit(1)


def _grouped(skipped: Any) -> dict[tuple[str, str, str, str], tuple[list[str], list[str]]]:
    """Skipped literals, one line per criterion, literal and reason, with the regions and years."""
    out: dict[tuple[str, str, str, str], tuple[list[str], list[str]]] = {}
    for s in skipped:
        key = (s.criterion, s.detail, s.why, str(s.params.get("name", "")))
        regions, years = out.setdefault(key, ([], []))
        for target, value in ((regions, s.params.get("region")), (years, s.params.get("year"))):
            if value is not None and str(value) not in target:
                target.append(str(value))
    return out


@click.command("lint")
@click.argument("paths", nargs=-1, required=True)
@click.option("--strict", is_flag=True, help="Fail on warnings too.")
@FORMAT
@LANG
@reports_errors
def lint_command(paths: tuple[str, ...], strict: bool, fmt: str, lang: Lang) -> None:
    """Find what loads but is probably wrong in criteria and scheme files (files or folders).

    Level bands that cross, are empty or leave a gap; unreachable levels; thresholds
    outside an indicator's range; unused indicators and parameters; parameters with no
    value for a region; missing legal references. Each finding has a stable code,
    file:line and a suggested fix. Exit 1 on errors (and on warnings with --strict),
    3 when a file does not load.
    """
    from ..lint import lint_paths

    report = lint_paths(paths)
    click.echo(report.to_json(lang) if fmt == "json" else report.render(lang), nl=False)
    if report.errors:
        sys.exit(max(e.exit_code for e in report.errors))
    if report.failed(strict):
        sys.exit(1)


@click.command()
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
    from ..tabular import write_template

    check_target(output)
    crit = load_version(criteria_path, (), family, as_of)
    check_target(output, criteria_files(crit))
    write_template(crit, output, lang)
    click.echo(render("template.written", lang, path=output, count=len(crit.model.indicators)))
