"""The ``evaluator`` program as a process: the command line, then an exit without teardown.

This is the installed command's entry point, and only that: the library, the service and
tests that call the command line in-process (click's ``CliRunner``) never come here.

A large run leaves millions of small objects alive when the command returns. An ordinary
interpreter exit would walk and free every one of them — about a second at 10,000
scorecards, more than ten at 1,000,000 — for nothing: the process is ending. So:

- the cyclic garbage collector is off for the whole process (rating and writing create
  objects that live until the end; a collection would only walk them again);
- when the command has finished — every ``-o`` file written whole and closed
  (:mod:`evaluator.output`), the store's transactions committed (it keeps no open
  connection), the progress bar stopped — the program waits for any thread that is not a
  daemon, runs the ``atexit`` handlers, flushes stdout and stderr, and ends with
  :func:`os._exit` and the command's exit code, skipping the teardown.

The exit codes are the command line's (see :mod:`evaluator.cli.common`). ``evaluator serve``
turns the collector back on before it starts serving: a server lives for days. If stdout can no longer
be written when it is flushed (``evaluator rank … | head``), the exit is 141, silently, as
when that happens during the command.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
from typing import NoReturn

__all__ = ["main"]

BROKEN_PIPE = 141


def _code(exc: SystemExit) -> int:
    """The exit status ``sys.exit(x)`` would give: None is 0, an integer itself, anything else
    printed on stderr and 1."""
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _flush(stream: object) -> bool:
    """Flush a standard stream; False when its reader has gone away."""
    try:
        stream.flush()  # type: ignore[attr-defined]
    except BrokenPipeError:
        return False
    except (OSError, ValueError, AttributeError):  # closed or replaced: nothing left to flush
        return True
    return True


def finish(code: int) -> NoReturn:
    """End the process with ``code`` once everything is written, without freeing every object."""
    for thread in threading.enumerate():
        if thread is not threading.main_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    if not _flush(sys.stdout) and code == 0:
        code = BROKEN_PIPE
    _flush(sys.stderr)
    os._exit(code)


def main() -> NoReturn:
    """Run the command line given in ``sys.argv``, then :func:`finish`."""
    gc.disable()
    from .cli import main as command

    try:
        command.main()
        code = 0
    except SystemExit as exc:
        code = _code(exc)
    finish(code)
