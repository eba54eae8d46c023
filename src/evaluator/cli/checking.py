"""Checking command: ``validate`` — what each file is (criteria, scheme, overrides, tests,
scorecards) and every problem in it, with file and line."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..api import default_scheme_path
from ..errors import DefinitionError, EvaluatorError, Location, Problem, ScorecardError, UsageError
from ..load import (
    Criteria,
    bind_scheme,
    load_criteria,
    load_overrides,
    load_quota_grants,
    load_scheme,
    load_tie_settlements,
)
from ..messages import Lang, render
from ..render.terminal import terminal_safe
from ..scorecards import raw_cards, read_scorecards
from ..sources import read_documents
from .common import LANG, reports_errors
from .files import expand

F = TypeVar("F", bound=Callable[..., Any])


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
    from ..tabular import TABULAR_SUFFIXES

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


@click.command()
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
    for path in expand(paths):
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
                from ..casetests.spec import load_suite

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
    for error in errors:
        click.echo(terminal_safe(error.render(lang)), err=True)
    if errors:
        sys.exit(max(e.exit_code for e in errors))
