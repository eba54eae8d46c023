"""Keeping compiled rules and durable_rules engines between runs, for a long-lived process.

A run normally compiles its criteria and loads the rules into a new engine (self-tested), then
frees it: right for a command that rates once and exits. A service rating one scorecard per
request would spend most of each request doing that again. Inside :func:`reusing` (the service
wraps each rating in it), the rules compiled for a criteria set are kept, keyed by the criteria's
SHA-256, the files an overlay extends and the parameters used, and an engine whose run ended
cleanly is kept idle for the next run of the same rules (keyed by the rules' SHA-256) — each
engine self-tested once, when it is made. An engine whose run failed is closed, never reused.
Nothing is kept outside the block's runs' callers: the command line and the library's
functions behave as before. At most :data:`IDLE` engines are kept per set of rules.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterator
from typing import Any

from .engine import Engine
from .rules import CompiledRules

__all__ = ["IDLE", "compiled_for", "engine_for", "returned", "reusing"]

IDLE = 4
_state = threading.local()
_lock = threading.Lock()
_compiled: dict[tuple[str, str, frozenset[str]], CompiledRules] = {}
_idle: dict[str, list[Engine]] = {}


@contextlib.contextmanager
def reusing() -> Iterator[None]:
    """Within this block (in this thread), runs reuse compiled rules and idle engines."""
    before = getattr(_state, "on", False)
    _state.on = True
    try:
        yield
    finally:
        _state.on = before


def active() -> bool:
    return bool(getattr(_state, "on", False))


def compiled_for(criteria: Any, params: frozenset[str], compile_: Callable[[], CompiledRules]) -> CompiledRules:
    """The rules compiled for ``criteria`` with ``params``: kept from an earlier run when reusing."""
    if not active():
        return compile_()
    key = (criteria.sha256, json.dumps(list(criteria.bases), sort_keys=True), params)
    with _lock:
        found = _compiled.get(key)
    if found is None:
        found = compile_()
        with _lock:
            _compiled[key] = found
    return found


def engine_for(compiled: CompiledRules, make: Callable[[], Engine]) -> Engine:
    """An idle engine for these rules when reusing, else a new one (``make`` self-tests it)."""
    if active():
        with _lock:
            idle = _idle.get(compiled.sha256)
            if idle:
                return idle.pop()
    return make()


def returned(engine: Engine, clean: bool) -> None:
    """The run is over: keep the engine for the next run when reusing and it ended cleanly, else close it."""
    if clean and active():
        with _lock:
            idle = _idle.setdefault(engine.compiled.sha256, [])
            if len(idle) < IDLE:
                idle.append(engine)
                return
    engine.close()
