"""The store's tables (SQLAlchemy Core), the same on SQLite and PostgreSQL.

``ledger`` is the hash chain: one row per recorded thing (a run, an official decision, a
lineage event, a shortcoming), each carrying the hash of its content and of the row before;
``chain_head`` holds the last one. Text that people write (ids, names, documents) is unbounded
``Text``, so no value is cut or refused for its length by one database and not the other.
The schema is created and changed only by the Alembic migrations in ``migrations/versions``
(revision ``0001`` creates these tables).
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text

__all__ = ["chain_head", "ledger", "lineage", "metadata", "officials", "results", "runs", "shortcomings"]

metadata = MetaData()

runs = Table(
    "runs",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of criteria + scheme + options + scorecards
    Column("criteria_id", Text, nullable=False),
    Column("criteria_version", Text, nullable=False),
    Column("criteria_sha256", String(64), nullable=False),
    Column("family", Text),
    Column("scheme_id", Text, nullable=False),
    Column("scheme_version", Text, nullable=False),
    Column("scheme_sha256", String(64), nullable=False),
    Column("options", Text, nullable=False),  # canonical JSON
    Column("engine", Text, nullable=False),  # canonical JSON
    Column("header", Text, nullable=False),  # the run's JSON header (parameters, ties, warnings)
    Column("scorecards", Text, nullable=False),  # canonical JSON of the scorecards as submitted
    Column("scorecards_sha256", String(64), nullable=False),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", String(40), nullable=False),
)

results = Table(
    "results",
    metadata,
    Column("run_id", String(64), ForeignKey("runs.id"), primary_key=True),
    Column("unit", Text, primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("status", String(20), nullable=False),
    Column("level", Text),
    Column("score", Float),
    Column("rank", Integer),
    Column("parent", Text),
    Column("kind", Text, nullable=False),
    Column("peer_group", Text, nullable=False),
    Column("result", Text, nullable=False),  # the unit's result JSON, as `rank --format json` gives it
    Index("ix_results_unit_year", "unit", "year"),
    Index("ix_results_parent_year", "parent", "year"),
)

officials = Table(
    "officials",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("unit", Text, nullable=False),
    Column("year", Integer, nullable=False),
    Column("level", Text, nullable=False),
    Column("family", Text, nullable=False),
    Column("scheme", Text),
    Column("parent", Text),
    Column("kind", Text),
    Column("decided_by", Text, nullable=False),
    Column("document", Text, nullable=False),
    Column("decided_on", String(10), nullable=False),  # YYYY-MM-DD
    Column("source", Text, nullable=False),  # the file it was imported from
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", String(40), nullable=False),
    Index("ix_officials_unit_year", "unit", "year"),
)

lineage = Table(
    "lineage",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event", Text, nullable=False),
    Column("kind", String(20), nullable=False),  # merge | split | rename
    Column("effective", String(10), nullable=False),  # YYYY-MM-DD
    Column("document", Text, nullable=False),
    Column("predecessor", Text, nullable=False),
    Column("successor", Text, nullable=False),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", String(40), nullable=False),
    Index("ix_lineage_successor", "successor"),
    Index("ix_lineage_event", "event"),
)

shortcomings = Table(
    "shortcomings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("unit", Text, nullable=False),
    Column("year_named", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("remedied_year", Integer),
    Column("source", Text, nullable=False),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", String(40), nullable=False),
    Index("ix_shortcomings_unit_year", "unit", "year_named"),
)

ledger = Table(
    "ledger",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(20), nullable=False),  # run | official | lineage | shortcoming
    Column("ref", Text, nullable=False),  # the run id, or the row id of the other tables
    Column("content_sha256", String(64), nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
)

chain_head = Table(
    "chain_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # always 1
    Column("seq", Integer, nullable=False),
    Column("hash", String(64), nullable=False),
)
