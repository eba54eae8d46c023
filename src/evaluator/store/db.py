"""Opening a store: its address, the engine, locking, and migrating its schema to head.

A store is a SQLite file (the default, ``./evaluator.sqlite``) or a PostgreSQL database
(``postgresql://…``); ``--store`` names it, else ``EVALUATOR_STORE``. The schema is the
same for both (:mod:`evaluator.store.schema`) and is migrated to the newest revision
shipped in ``migrations/`` whenever a store is opened for writing; a store at a revision
this program does not know (written by a newer evaluator) is refused.

Writers never overlap: SQLite opens every transaction with ``BEGIN IMMEDIATE`` and waits
up to :data:`BUSY_SECONDS` for another writer; PostgreSQL takes a transaction-level
advisory lock (:data:`LOCK_KEY`) first, waiting as long (``lock_timeout``). Past that the
writer stops with :class:`StoreError` (``store.busy``) and nothing written. A transaction
that fails or is killed leaves nothing.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import NullPool

from ..errors import EvaluatorError, Location, Problem

__all__ = ["BUSY_SECONDS", "DEFAULT_PATH", "LOCK_KEY", "Store", "StoreError", "StoreIntegrityError", "resolve_url"]

DEFAULT_PATH = "evaluator.sqlite"
BUSY_SECONDS = 30
LOCK_KEY = 366_011  # the advisory lock that serialises writers on PostgreSQL
MIGRATIONS = Path(__file__).parent / "migrations"


class StoreError(EvaluatorError):
    """The store cannot be used: a wrong address, not there, not reachable, too new, busy."""

    exit_code = 6
    title_code = "error.store"


class StoreIntegrityError(EvaluatorError):
    """``evaluator store verify`` found a record changed, removed or added by hand."""

    exit_code = 1
    title_code = "error.store_check"


def resolve_url(given: str | None) -> tuple[str, str]:
    """The SQLAlchemy URL of the store named by ``given`` (else ``EVALUATOR_STORE``, else the
    default file), and the name shown to people (a path, or the URL without its password)."""
    raw = (given or os.environ.get("EVALUATOR_STORE") or DEFAULT_PATH).strip()
    if raw.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        rest = raw.split("://", 1)[1]
        shown = "postgresql://" + (rest.split("@", 1)[1] if "@" in rest else rest)
        return "postgresql+psycopg://" + rest, shown
    if raw.startswith("sqlite:///"):
        raw = raw[len("sqlite:///") :]
    elif "://" in raw or not raw:
        raise StoreError(Problem("store.url", Location(), {"url": raw}))
    path = Path(raw).expanduser().absolute()
    return f"sqlite:///{path}", str(Path(raw))


class Store:
    """An open store: an engine, and transactions that write one at a time."""

    def __init__(self, url: str, shown: str, engine: Engine, busy_seconds: int = BUSY_SECONDS):
        self.url = url
        self.shown = shown
        self.engine = engine
        self.sqlite = url.startswith("sqlite")
        self.busy_seconds = busy_seconds

    @classmethod
    def open(cls, given: str | None = None, *, create: bool = True, busy_seconds: int = BUSY_SECONDS) -> Store:
        """Open (and with ``create``, create and migrate) the store named by ``given``; a writer waits
        up to ``busy_seconds`` for another one to finish."""
        url, shown = resolve_url(given)
        if url.startswith("sqlite:///"):
            path = Path(url[len("sqlite:///") :])
            if not create and not path.is_file():
                raise StoreError(Problem("store.missing", Location(), {"path": shown}))
            if not path.parent.is_dir():
                raise StoreError(Problem("store.missing", Location(), {"path": shown}))
            engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": busy_seconds})
            _immediate_transactions(engine)
        else:
            try:
                engine = create_engine(url, poolclass=NullPool)
            except ModuleNotFoundError:
                raise StoreError(Problem("store.driver", Location())) from None
            except (ArgumentError, ValueError):
                raise StoreError(Problem("store.url", Location(), {"url": shown})) from None
        store = cls(url, shown, engine, busy_seconds)
        store.migrate(create=create)
        return store

    @contextlib.contextmanager
    def writing(self) -> Iterator[Connection]:
        """One transaction that no other writer overlaps; committed whole or not at all."""
        with self._errors(), self.engine.begin() as conn:
            if not self.sqlite:  # wait for another writer as long as SQLite would, then give up cleanly
                conn.execute(text(f"SET LOCAL lock_timeout = '{int(self.busy_seconds)}s'"))
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOCK_KEY})
            yield conn

    @contextlib.contextmanager
    def reading(self) -> Iterator[Connection]:
        with self._errors(), self.engine.connect() as conn:
            yield conn

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as exc:
            detail = str(exc.orig) if exc.orig is not None else str(exc)
            if "locked" in detail or "busy" in detail or "lock timeout" in detail:
                raise StoreError(Problem("store.busy", Location(), {"seconds": self.busy_seconds})) from None
            raise StoreError(Problem("store.unreachable", Location(), {"detail": _first_line(detail)})) from None

    def migrate(self, *, create: bool = True) -> None:
        """Bring the schema to the newest shipped revision; refuse a store newer than this program,
        and (without ``create``) a database that holds no store yet."""
        from alembic import command
        from alembic.config import Config
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory
        from alembic.util import CommandError

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        script = ScriptDirectory.from_config(cfg)
        head = script.get_current_head()
        try:
            with self.writing() as conn:
                current = MigrationContext.configure(conn).get_current_revision()
                if current == head:
                    return
                if current is None and not create:
                    raise StoreError(Problem("store.missing", Location(), {"path": self.shown}))
                if current is not None:
                    try:
                        script.get_revision(current)
                    except CommandError:
                        raise StoreError(
                            Problem("store.newer", Location(), {"revision": current, "head": head})
                        ) from None
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except SQLAlchemyError as exc:  # not a database, a file of another kind
            raise StoreError(Problem("store.unreachable", Location(), {"detail": _first_line(str(exc))})) from None


def _immediate_transactions(engine: Engine) -> None:
    """SQLite: every transaction takes the write lock when it begins (``BEGIN IMMEDIATE``), so two
    writers queue (up to the busy timeout) instead of one failing half-way."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None  # the driver's own BEGIN is replaced by ours
        dbapi_connection.execute("PRAGMA foreign_keys = ON")

    @event.listens_for(engine, "begin")
    def _begin(conn):  # type: ignore[no-untyped-def]
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _first_line(text_: str) -> str:
    lines = [ln.strip() for ln in text_.strip().splitlines() if ln.strip()]
    return lines[0][:300] if lines else ""
