"""The service's tables in the store: access tokens, the audit log, uploads kept for the web page.

Created by the store's Alembic migration ``0002`` (``store/migrations/versions/0002_service.py``);
the same on SQLite and PostgreSQL. A token's secret is never stored: only its SHA-256.
"""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, LargeBinary, MetaData, String, Table, Text

__all__ = ["audit", "metadata", "tokens", "uploads"]

metadata = MetaData()

tokens = Table(
    "service_tokens",
    metadata,
    Column("id", String(16), primary_key=True),  # public part of the token, shown in lists and the audit log
    Column("secret_sha256", String(64), nullable=False),
    Column("scope", Text, nullable=False),
    Column("role", String(20), nullable=False),  # submitter | committee | reader
    Column("label", Text, nullable=False),
    Column("created_by", Text, nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("revoked_at", String(40)),
)

audit = Table(
    "service_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("token_id", String(16), nullable=False),
    Column("action", String(40), nullable=False),  # run.record | decisions.import | upload | token.*
    Column("target", Text, nullable=False),  # what it changed: a run id, units, an upload id
    Column("status", Integer, nullable=False),  # the HTTP status answered
    Index("ix_service_audit_token", "token_id"),
)

uploads = Table(
    "service_uploads",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("token_id", String(16), nullable=False),
    Column("criteria", Text, nullable=False),
    Column("filename", Text, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Column("created_at", String(40), nullable=False),
)
