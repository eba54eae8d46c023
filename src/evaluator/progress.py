"""A progress bar for long runs, on a terminal only.

Shown on standard error when it is a terminal, the output is not JSON, and there are
more than :data:`THRESHOLD` scorecards; otherwise nothing at all is written, so
pipes, files and JSON consumers see exactly what they did before.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO

from .messages import Lang, render

__all__ = ["THRESHOLD", "progress_bar", "wanted"]

THRESHOLD = 2000

Progress = Callable[[int, int], None]


def wanted(total: int, *, quiet: bool, stream: IO[str] | None = None) -> bool:
    """Whether a bar is shown for ``total`` scorecards."""
    out = stream if stream is not None else sys.stderr
    return not quiet and total > THRESHOLD and hasattr(out, "isatty") and out.isatty()


@contextmanager
def progress_bar(total: int, lang: Lang = "vi", *, quiet: bool = False) -> Iterator[Progress | None]:
    """A ``progress(done, total)`` callback drawing a bar, or ``None`` when no bar is wanted."""
    if not wanted(total, quiet=quiet):
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    step = max(total // 200, 1)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(render("ui.progress", lang), total=total)

        def update(done: int, of: int) -> None:
            if done == of or done % step == 0:
                bar.update(task, completed=done, total=of)

        yield update
