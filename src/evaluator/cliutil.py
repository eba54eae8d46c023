"""What every command shares: the language option and turning library errors into exit codes."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from .errors import EvaluatorError
from .messages import Lang

F = TypeVar("F", bound=Callable[..., Any])

LANG = click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default="vi",
    show_default=True,
    envvar="EVALUATOR_LANG",
    help="Language of reasons and messages.",
)


def reports_errors(func: F) -> F:
    """Turn library errors into a located, translated message (JSON with ``--format json``)
    on stderr and the error's documented exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        lang: Lang = kwargs.get("lang", "vi")
        try:
            return func(*args, **kwargs)
        except EvaluatorError as exc:
            if kwargs.get("fmt") == "json":
                click.echo(json.dumps(exc.to_dict(lang), ensure_ascii=False, indent=2), err=True)
            else:
                click.echo(exc.render(lang), err=True)
            sys.exit(exc.exit_code)

    return wrapper  # type: ignore[return-value]
