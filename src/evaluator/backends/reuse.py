"""Keeping compiled criteria and matchers between runs, for a long-lived process.

A run normally compiles its criteria for its backend (for durable_rules: rules loaded into a new
engine, self-tested), then frees the matcher: right for a command that rates once and exits. A
service rating one scorecard per request would spend most of each request doing that again.
Inside :func:`reusing` (the service wraps each rating in it), what a backend compiles for a
criteria set is kept (:func:`compiled_for`), keyed by the backend, the criteria's SHA-256, the
files an overlay extends and the parameters used, and a matcher whose run ended cleanly is kept
idle for the next run under the same key — each matcher self-tested once, when it is made. A
matcher whose run failed is closed, never reused. Nothing is kept outside the block's runs: the
command line and the library's functions behave as before. At most :data:`IDLE` matchers are
kept per key.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Hashable, Iterator
from typing import Any, Protocol, TypeVar

__all__ = ["IDLE", "compiled_for", "matcher_for", "returned", "reusing"]

IDLE = 4
_state = threading.local()
_lock = threading.Lock()
_compiled: dict[Hashable, Any] = {}
_idle: dict[Hashable, list[Any]] = {}

T = TypeVar("T")


class _Closable(Protocol):
    def close(self) -> None: ...


M = TypeVar("M", bound=_Closable)


@contextlib.contextmanager
def reusing() -> Iterator[None]:
    """Within this block (in this thread), runs reuse compiled criteria and idle matchers."""
    before = getattr(_state, "on", False)
    _state.on = True
    try:
        yield
    finally:
        _state.on = before


def active() -> bool:
    return bool(getattr(_state, "on", False))


def compiled_for(key: Hashable, compile_: Callable[[], T]) -> T:
    """What ``compile_`` gives for ``key``: kept from an earlier run when reusing."""
    if not active():
        return compile_()
    with _lock:
        found = _compiled.get(key)
    if found is None:
        found = compile_()
        with _lock:
            _compiled[key] = found
    return found


def matcher_for(key: Hashable, make: Callable[[], M]) -> M:
    """An idle matcher for ``key`` when reusing, else a new one (``make`` self-tests it)."""
    if active():
        with _lock:
            idle = _idle.get(key)
            if idle:
                return idle.pop()  # type: ignore[no-any-return]
    return make()


def returned(key: Hashable, matcher: _Closable, clean: bool) -> None:
    """The run is over: keep the matcher for the next run when reusing and it ended cleanly, else close it."""
    if clean and active():
        with _lock:
            idle = _idle.setdefault(key, [])
            if len(idle) < IDLE:
                idle.append(matcher)
                return
    matcher.close()
