"""Users (one per platform, workspace and user) and the programs they track.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _timestamps() -> list[sa.Column]:
    return [
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
    ]


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sa.String(16), nullable=False),
        sa.Column("workspace", sa.String(64), nullable=False),
        sa.Column("external_id", sa.String(64), nullable=False),
        sa.Column("img", sa.Boolean(), nullable=False),
        sa.Column("in_us", sa.Boolean(), nullable=False),
        sa.Column("visa", sa.String(16), nullable=True),
        sa.Column("home_city", sa.String(80), nullable=True),
        sa.Column("home_state", sa.String(80), nullable=True),
        sa.Column("max_visits", sa.SmallInteger(), nullable=True),
        sa.Column("interviews_attended", sa.SmallInteger(), nullable=False),
        sa.Column("interviews_needed", sa.SmallInteger(), nullable=False),
        *_timestamps(),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("platform", "workspace", "external_id", name="uq_users_tenant"),
    )
    op.create_table(
        "programs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(120), nullable=False),
        sa.Column("name_key", sa.String(120), nullable=False),
        sa.Column("specialty", sa.String(80), nullable=True),
        sa.Column("city", sa.String(80), nullable=True),
        sa.Column("state", sa.String(80), nullable=True),
        sa.Column("program_type", sa.String(20), nullable=True),
        sa.Column("policy", sa.String(20), nullable=False),
        sa.Column("declined", sa.Boolean(), nullable=False),
        sa.Column("interest_signal", sa.String(20), nullable=False),
        sa.Column("uncertainty", sa.SmallInteger(), nullable=True),
        sa.Column("importance", sa.SmallInteger(), nullable=True),
        sa.Column("travel", sa.SmallInteger(), nullable=True),
        sa.Column("goals", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("interview_date", sa.Date(), nullable=True),
        sa.Column("visit_date", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_timestamps(),
        sa.CheckConstraint(
            "uncertainty IS NULL OR uncertainty BETWEEN 0 AND 3",
            name="ck_programs_uncertainty_range",
        ),
        sa.CheckConstraint(
            "importance IS NULL OR importance BETWEEN 0 AND 3", name="ck_programs_importance_range"
        ),
        sa.CheckConstraint(
            "travel IS NULL OR travel BETWEEN 0 AND 3", name="ck_programs_travel_range"
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], ondelete="CASCADE", name="fk_programs_user_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_programs"),
        sa.UniqueConstraint("user_id", "name_key", name="uq_programs_owner_name"),
    )
    op.create_index("ix_programs_user_id", "programs", ["user_id"])


def downgrade() -> None:
    op.drop_index("ix_programs_user_id", table_name="programs")
    op.drop_table("programs")
    op.drop_table("users")
