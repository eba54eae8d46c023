"""What a run needs of the history store: the store it reads and records to, the history its
indicators read, and what besides the scorecards made the run (part of its identity). Used alike
by ``evaluator rank`` and the service."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .decision import Run

__all__ = ["history_for_run", "history_inputs", "needs_store", "open_store"]


def open_store(store: str | None, *, create: bool = True) -> Any:
    from .store.db import Store

    return Store.open(store, create=create)


def needs_store(criteria: Any) -> bool:
    return any(ind.history is not None or ind.rollup is not None for ind in criteria.model.indicators.values())


def history_for_run(criteria: Any, store: str | None, record: bool, what_if: bool = False) -> tuple[Any, Any]:
    """The store a run reads and records to (``None`` when it needs none), and its history.

    A run reads the store named by ``--store`` (or ``EVALUATOR_STORE``); ``--record`` without
    either uses the default file. The store is opened only when the criteria read history or
    roll-ups, or the run is to be recorded. A what-if run (``--set``) is never recorded."""
    import os

    if record and what_if:
        from .errors import Location, Problem, UsageError

        raise UsageError(Problem("store.what_if", Location()))
    named = store or os.environ.get("EVALUATOR_STORE")
    if not record and not (named and needs_store(criteria)):
        return None, None
    opened = open_store(store, create=record)  # only reading: a store that is not there is an error, not a new one
    if not needs_store(criteria):
        return opened, None
    from .store.query import load_view

    failing = any(
        ind.rollup is not None and ind.rollup.criterion is not None for ind in criteria.model.indicators.values()
    )
    return opened, load_view(opened, findings=failing)


def history_inputs(view: Any, criteria: Any, overrides: Path | None, linked: Sequence[Run]) -> dict[str, Any]:
    """What besides the scorecards and options made the run: the overrides file, the linked runs'
    levels, and the part of the store's history its indicators read — part of the run's identity."""
    from .store.ledger import canonical, sha256

    extra: dict[str, Any] = {}
    if overrides is not None:
        import hashlib

        extra["overrides_sha256"] = hashlib.sha256(Path(overrides).read_bytes()).hexdigest()
    if linked:
        extra["linked"] = [
            {"criteria": r.criteria, "levels": sha256(canonical([[d.unit, d.year, d.level] for d in r.results]))}
            for r in linked
        ]
    if view is not None:
        from .history import history_digest

        extra["history_sha256"] = history_digest(view, criteria)
    return extra
