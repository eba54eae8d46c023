"""What every command shares: the language option, and how a run ends when it does not succeed.

No traceback reaches a user. Whatever stops a command ends in one of these ways:

- a library error (:class:`EvaluatorError`): its located, translated problems on stderr
  (JSON with ``--format json``) and its exit code (2, 3, 4 or 5);
- any other exception: a bug — one line naming the exception's type, exit 5; the traceback
  only with ``--debug`` (or ``EVALUATOR_DEBUG=1``);
- Ctrl-C: a short message, exit 130; ``SIGTERM``: the same, exit 143 (output files are
  left as they were: see :mod:`evaluator.output`);
- the reader of stdout went away (``evaluator rank … | head``): silently, exit 141.

:func:`reports_errors` does it for one command (it knows the command's ``--lang`` and
``--format``); :class:`EvaluatorGroup` does it for whatever happens around the commands
(reading options), reading the language from the arguments or ``EVALUATOR_LANG``.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from functools import wraps
from typing import Any, NoReturn, TypeVar

import click

from ..errors import EvaluatorError, InternalError
from ..messages import Lang, render
from ..render.terminal import terminal_safe

F = TypeVar("F", bound=Callable[..., Any])

LANG = click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default="vi",
    show_default=True,
    envvar="EVALUATOR_LANG",
    help="Language of reasons and messages.",
)

DEBUG = click.option(
    "--debug",
    is_flag=True,
    envvar="EVALUATOR_DEBUG",
    help="On an internal error, print the traceback too (also EVALUATOR_DEBUG=1).",
)

EXIT_PIPE = 141  # besides the errors' own codes (errors.py) and 128 + the signal that stopped the run


class Stopped(KeyboardInterrupt):
    """The run was stopped by a signal other than Ctrl-C (SIGTERM)."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _debug_wanted() -> bool:
    ctx = click.get_current_context(silent=True)
    if ctx is not None and ctx.find_root().params.get("debug"):
        return True
    return os.environ.get("EVALUATOR_DEBUG", "").strip().lower() not in ("", "0", "false", "no")


def _say(text: str) -> None:
    click.echo(terminal_safe(text), err=True)


def _interrupted_dict(message: str, code: int) -> dict[str, Any]:
    return {
        "error": "Interrupted",
        "exit_code": code,
        "problems": [{"code": "cli.interrupted", "location": {}, "message": message}],
    }


def fail(exc: BaseException, lang: Lang, as_json: bool) -> NoReturn:
    """End the run because of ``exc``: the message (or JSON) on stderr, and the documented exit code."""
    if isinstance(exc, BrokenPipeError):
        _quiet_stdout()
        sys.exit(EXIT_PIPE)
    if isinstance(exc, KeyboardInterrupt):
        signum = exc.signum if isinstance(exc, Stopped) else signal.SIGINT
        code = 128 + int(signum)
        what = "Ctrl-C" if signum == signal.SIGINT else signal.Signals(signum).name
        message = render("cli.interrupted", lang, signal=what)
        if as_json:
            click.echo(json.dumps(_interrupted_dict(message, code), ensure_ascii=False, indent=2), err=True)
        else:
            _say(message)
        sys.exit(code)
    debug = _debug_wanted()
    error = exc if isinstance(exc, EvaluatorError) else InternalError.wrapping(exc)
    trace = "".join(traceback.format_exception(exc)) if debug and error.exit_code == 5 else None  # a bug
    if as_json:
        out = error.to_dict(lang)
        if trace is not None:
            out["traceback"] = trace
        click.echo(json.dumps(out, ensure_ascii=False, indent=2), err=True)
        sys.exit(error.exit_code)
    hint = f" ({render('cli.debug_hint', lang)})" if isinstance(error, InternalError) and not debug else ""
    _say(error.render(lang) + hint)
    if trace is not None:
        click.echo(trace, err=True, nl=False)
    sys.exit(error.exit_code)


def _quiet_stdout() -> None:
    """After the reader of stdout went away, let the interpreter exit without another broken pipe."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def _passes(exc: BaseException) -> bool:
    """click's own ends (usage errors, --help, exit) keep their meaning."""
    return isinstance(exc, (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort))


def reports_errors(func: F) -> F:
    """Turn whatever stops a command into a located, translated message (JSON with ``--format json``)
    on stderr and the documented exit code; see the module's docstring."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        lang: Lang = kwargs.get("lang", "vi")
        try:
            return func(*args, **kwargs)
        except (Exception, KeyboardInterrupt) as exc:
            if _passes(exc):
                raise
            fail(exc, lang, kwargs.get("fmt") == "json")

    return wrapper  # type: ignore[return-value]


def _option(args: Sequence[str], name: str) -> str | None:
    """The value given to option ``name`` in raw ``args`` (last one wins), if any."""
    found = None
    for i, arg in enumerate(args):
        if arg == name and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith(name + "="):
            found = arg.partition("=")[2]
    return found


@contextlib.contextmanager
def _sigterm_stops() -> Iterator[None]:
    """While a command runs, SIGTERM unwinds like Ctrl-C (temporary files removed), then exits 143."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class EvaluatorGroup(click.Group):
    """A command group whose commands never end in a traceback (see the module's docstring)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta["evaluator.args"] = list(args)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            with _sigterm_stops():
                return super().invoke(ctx)
        except (Exception, KeyboardInterrupt) as exc:
            if _passes(exc):
                raise
            args = ctx.meta.get("evaluator.args", [])
            lang = _option(args, "--lang") or os.environ.get("EVALUATOR_LANG", "vi")
            fail(exc, "en" if lang == "en" else "vi", _option(args, "--format") == "json")
