"""Study groups (shares, crowd-kept policies) and reminders.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _user_id(table: str) -> sa.Column:
    return sa.Column(
        "user_id",
        sa.Integer(),
        sa.ForeignKey("users.id", name=f"fk_{table}_user_id_users", ondelete="CASCADE"),
        nullable=False,
    )


def _group() -> list[sa.Column]:
    return [
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("workspace", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(64), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "shares",
        sa.Column("id", sa.Integer(), nullable=False),
        _user_id("shares"),
        *_group(),
        sa.Column("shared_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_shares"),
        sa.UniqueConstraint("user_id", "platform", "workspace", "channel", name="uq_shares_group"),
    )
    op.create_index("ix_shares_user_id", "shares", ["user_id"])
    op.create_table(
        "crowd_policies",
        sa.Column("id", sa.Integer(), nullable=False),
        _user_id("crowd_policies"),
        *_group(),
        sa.Column("name_key", sa.String(120), nullable=False),
        sa.Column("program", sa.String(120), nullable=False),
        sa.Column("policy", sa.String(20), nullable=False),
        sa.Column("source", sa.String(300), nullable=True),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_crowd_policies"),
        sa.UniqueConstraint(
            "user_id",
            "platform",
            "workspace",
            "channel",
            "name_key",
            name="uq_crowd_policies_report",
        ),
    )
    op.create_index("ix_crowd_policies_user_id", "crowd_policies", ["user_id"])
    op.create_index("ix_crowd_policies_name_key", "crowd_policies", ["name_key"])
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        _user_id("reminders"),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column(
            "program_id",
            sa.Integer(),
            sa.ForeignKey(
                "programs.id", name="fk_reminders_program_id_programs", ondelete="CASCADE"
            ),
            nullable=True,
        ),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(64), nullable=True),
        sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.SmallInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_reminders"),
        sa.UniqueConstraint("user_id", "key", name="uq_reminders_user_key"),
    )
    op.create_index("ix_reminders_user_id", "reminders", ["user_id"])
    op.create_index("ix_reminders_program_id", "reminders", ["program_id"])
    op.create_index("ix_reminders_due_at", "reminders", ["due_at"])


def downgrade() -> None:
    op.drop_table("reminders")
    op.drop_table("crowd_policies")
    op.drop_table("shares")
