"""What commands read and write: the files and folders named on the command line, the criteria
version they choose, and output — to the terminal, or to ``-o`` whole or not at all
(:mod:`evaluator.output`: never through a link, never over one of the run's inputs)."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..api import choose_version
from ..load import (
    Criteria,
)
from ..options import RunOptions
from ..output import atomic_file, write_text
from ..scorecards import READERS

if TYPE_CHECKING:  # rich is imported by the commands that print a table, not at start
    from rich.console import Console, RenderableType

F = TypeVar("F", bound=Callable[..., Any])


def _console(file: Any = None) -> Console:
    from rich.console import Console

    out = file or sys.stdout
    terminal = hasattr(out, "isatty") and out.isatty()
    return Console(file=out, width=None if terminal else 140, soft_wrap=False, highlight=False)


def print_to(thing: RenderableType, output: Path | None) -> None:
    if output is None:
        _console().print(thing)
        return
    from rich.console import Console

    with atomic_file(output, text=True) as fh:
        Console(file=fh, width=140, no_color=True, highlight=False).print(thing)


def write_to(pieces: Iterable[str], output: Path | None) -> None:
    """Write text as it is produced (a large run is never held twice in memory)."""
    if output is None:
        for piece in pieces:
            click.echo(piece, nl=False)
        return
    write_text(output, pieces)


def load_version(
    criteria_spec: Path, scorecards: Sequence[str], family: str | None, as_of: dt.datetime | None
) -> Criteria:
    """The criteria file, or the version in force (``--family``, ``--as-of``, else the scorecards' years)."""
    options = RunOptions(family=family, as_of=as_of.date() if as_of else None)
    return choose_version(criteria_spec, scorecards, options)


def criteria_files(crit: Criteria) -> list[tuple[str, Path]]:
    """The criteria file and, for an overlay, the files it extends."""
    return [("--criteria", Path(crit.path)), *(("--criteria", Path(b["file"])) for b in crit.bases if "file" in b)]


def expand(paths: Sequence[str]) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in READERS))
        else:
            out.append(p)
    return out
