"""What emails and the visit plan draw on: contact, offered dates, visit detail, concerns,
the debrief; the applicant's name and arrival date.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PROGRAM_COLUMNS = (
    ("contact_name", sa.String(80)),
    ("contact_role", sa.String(16)),
    ("offered_dates", sa.JSON()),
    ("visit_detail", sa.String(300)),
    ("concerns", sa.String(300)),
    ("debrief", sa.String(300)),
    ("moved", sa.String(8)),
)
USER_COLUMNS = (("name", sa.String(80)), ("arrival_date", sa.Date()))


def upgrade() -> None:
    with op.batch_alter_table("programs") as programs:
        for name, kind in PROGRAM_COLUMNS:
            programs.add_column(sa.Column(name, kind, nullable=True))
    with op.batch_alter_table("users") as users:
        for name, kind in USER_COLUMNS:
            users.add_column(sa.Column(name, kind, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as users:
        for name, _ in reversed(USER_COLUMNS):
            users.drop_column(name)
    with op.batch_alter_table("programs") as programs:
        for name, _ in reversed(PROGRAM_COLUMNS):
            programs.drop_column(name)
