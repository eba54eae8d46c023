"""The first schema: runs and their results, official decisions, lineage, shortcomings, the hash chain.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _recorded() -> list[sa.Column[str]]:
    return [
        sa.Column("recorded_by", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.String(40), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("criteria_id", sa.Text, nullable=False),
        sa.Column("criteria_version", sa.Text, nullable=False),
        sa.Column("criteria_sha256", sa.String(64), nullable=False),
        sa.Column("family", sa.Text),
        sa.Column("scheme_id", sa.Text, nullable=False),
        sa.Column("scheme_version", sa.Text, nullable=False),
        sa.Column("scheme_sha256", sa.String(64), nullable=False),
        sa.Column("options", sa.Text, nullable=False),
        sa.Column("engine", sa.Text, nullable=False),
        sa.Column("header", sa.Text, nullable=False),
        sa.Column("scorecards", sa.Text, nullable=False),
        sa.Column("scorecards_sha256", sa.String(64), nullable=False),
        *_recorded(),
    )
    op.create_table(
        "results",
        sa.Column("run_id", sa.String(64), sa.ForeignKey("runs.id"), primary_key=True),
        sa.Column("unit", sa.Text, primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("level", sa.Text),
        sa.Column("score", sa.Float),
        sa.Column("rank", sa.Integer),
        sa.Column("parent", sa.Text),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("peer_group", sa.Text, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
    )
    op.create_index("ix_results_unit_year", "results", ["unit", "year"])
    op.create_index("ix_results_parent_year", "results", ["parent", "year"])
    op.create_table(
        "officials",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("level", sa.Text, nullable=False),
        sa.Column("family", sa.Text, nullable=False),
        sa.Column("scheme", sa.Text),
        sa.Column("parent", sa.Text),
        sa.Column("kind", sa.Text),
        sa.Column("decided_by", sa.Text, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("decided_on", sa.String(10), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        *_recorded(),
    )
    op.create_index("ix_officials_unit_year", "officials", ["unit", "year"])
    op.create_table(
        "lineage",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event", sa.Text, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("effective", sa.String(10), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("predecessor", sa.Text, nullable=False),
        sa.Column("successor", sa.Text, nullable=False),
        *_recorded(),
    )
    op.create_index("ix_lineage_successor", "lineage", ["successor"])
    op.create_index("ix_lineage_event", "lineage", ["event"])
    op.create_table(
        "shortcomings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("unit", sa.Text, nullable=False),
        sa.Column("year_named", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("remedied_year", sa.Integer),
        sa.Column("source", sa.Text, nullable=False),
        *_recorded(),
    )
    op.create_index("ix_shortcomings_unit_year", "shortcomings", ["unit", "year_named"])
    op.create_table(
        "ledger",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("ref", sa.Text, nullable=False),
        sa.Column("content_sha256", sa.String(64), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    op.create_table(
        "chain_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )


def downgrade() -> None:
    for table in ("chain_head", "ledger", "shortcomings", "lineage", "officials", "results", "runs"):
        op.drop_table(table)
