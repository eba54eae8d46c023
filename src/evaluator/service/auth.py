"""Who is asking and what they may touch: the token of a request, its role, and its scope.

The API reads ``Authorization: Bearer <token>``; the web page reads the session cookie (see
:mod:`evaluator.service.web`). Where units sit is read from the store (:class:`~.scopes.Tree`),
loaded once per process and again whenever the store's hash chain has moved on (every run,
decision and lineage event recorded moves it).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..errors import EvaluatorError, Location, Problem
from ..store.db import Store
from ..store.schema import chain_head, lineage, officials, results
from .errors import Forbidden, NotFound, Unauthenticated, status_of
from .scopes import Tree
from .tokens import Role, Token, authenticate, record_audit

__all__ = ["Audit", "Guard", "not_found"]


class _Reader:
    """Reads for every request (the token, the chain's head) on pooled connections: no new connection
    per query, and on SQLite no write lock taken to read (the store's own connections begin every
    transaction as a writer). Errors are the store's (:class:`~evaluator.store.db.StoreError`)."""

    def __init__(self, store: Store):
        from sqlalchemy import create_engine

        self.store = store
        args = {"connect_args": {"timeout": store.busy_seconds}} if store.sqlite else {}
        self.engine = create_engine(store.url, pool_size=2, max_overflow=8, **args)

    @contextlib.contextmanager
    def reading(self) -> Iterator[Any]:
        with self.store._errors(), self.engine.connect() as conn:
            yield conn


@dataclass
class Audit:
    """What a request that changes state did, for the audit log: its target and the status answered."""

    target: str = ""
    status: int = 500


class Guard:
    """Tokens, roles and scopes against one store."""

    def __init__(self, store: Store):
        self.store = store
        self.reader = _Reader(store)
        self._tree: tuple[str | None, Tree] | None = None
        self._lock = threading.Lock()

    def token(self, text: str | None) -> Token:
        """The token ``text`` stands for; 401 when there is none or it is unknown or revoked."""
        if not text:
            raise Unauthenticated(Problem("service.unauthenticated", Location()))
        found = authenticate(self.reader, text)
        if found is None:
            raise Unauthenticated(Problem("service.token_invalid", Location()))
        return found

    def bearer(self, credentials: Any) -> Token:
        """The token of ``Authorization: Bearer …`` (FastAPI's parsed credentials, or ``None``)."""
        return self.token(credentials.credentials if credentials is not None else None)

    @staticmethod
    def require(token: Token, role: Role) -> None:
        if not token.may(role):
            raise Forbidden(Problem("service.role", Location(), {"role": token.role, "needed": role}))

    @contextlib.contextmanager
    def audited(self, token: Token, action: str, role: Role = "committee") -> Iterator[Audit]:
        """A request that changes state: the role is checked, and how it ended goes to the audit log
        (refusals too), with the target the block names."""
        note = Audit()
        try:
            self.require(token, role)
            yield note
        except EvaluatorError as exc:
            note.status = status_of(exc)
            raise
        finally:
            record_audit(self.store, token, action, note.target, note.status)

    def tree(self) -> Tree:
        """Where the store places units, reloaded when its hash chain has a new head."""
        with self.reader.reading() as conn:
            head = conn.execute(select(chain_head.c.hash)).scalar()
            with self._lock:
                if self._tree is not None and self._tree[0] == head:
                    return self._tree[1]
            placed = [
                *conn.execute(select(results.c.unit, results.c.year, results.c.parent)),
                *conn.execute(select(officials.c.unit, officials.c.year, officials.c.parent)),
            ]
            pairs = list(conn.execute(select(lineage.c.predecessor, lineage.c.successor)))
        tree = Tree.build([tuple(r) for r in placed], [tuple(r) for r in pairs])
        with self._lock:
            self._tree = (head, tree)
        return tree

    def check_units(self, token: Token, units: Iterable[tuple[str, str | None]]) -> None:
        """Refuse (403) a request naming a unit outside the token's scope: every one is named."""
        units = list(units)
        given: Mapping[str, str | None] = {u: p for u, p in units}
        tree = self.tree()
        outside = sorted({u for u, _ in units if not tree.inside(token.scope, u, given)})
        if outside:
            raise Forbidden(
                [
                    Problem("service.outside_scope", Location(field="unit"), {"unit": u, "scope": str(token.scope)})
                    for u in outside
                ]
            )

    def visible(self, token: Token, unit: str) -> None:
        """404 — the same as for a unit the store does not know — unless ``unit`` is inside the scope."""
        if not self.tree().inside(token.scope, unit):
            raise not_found(unit)


def not_found(unit: str) -> NotFound:
    """The one answer for a unit that is unknown or not the token's to see."""
    return NotFound(Problem("service.unit_unknown", Location(field="unit"), {"unit": unit}))
