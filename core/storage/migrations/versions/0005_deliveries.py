"""Deliveries taken on (Slack event ids, later Discord ids), so a retry is processed once.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("delivery_id", sa.String(64), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("done", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_deliveries"),
        sa.UniqueConstraint("platform", "delivery_id", name="uq_deliveries_platform_delivery"),
    )
    op.create_index("ix_deliveries_claimed_at", "deliveries", ["claimed_at"])


def downgrade() -> None:
    op.drop_index("ix_deliveries_claimed_at", table_name="deliveries")
    op.drop_table("deliveries")
