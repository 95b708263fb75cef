"""The tables. Alembic migrations under ``migrations/`` create them; a test keeps the two equal.

Enumerations are stored as short strings (not native enums) so adding a value is a code
change, not a schema migration; the check constraints keep scores in 0-3 even for
writers that bypass our models.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Timestamps:
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, server_default=func.now()
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now, onupdate=_now, server_default=func.now()
    )


class UserRow(Timestamps, Base):
    """One applicant as one platform knows them, with their profile."""

    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("platform", "workspace", "external_id", name="uq_users_tenant"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    workspace: Mapped[str] = mapped_column(String(64))
    external_id: Mapped[str] = mapped_column(String(64))

    img: Mapped[bool] = mapped_column(Boolean, default=False)
    in_us: Mapped[bool] = mapped_column(Boolean, default=True)
    visa: Mapped[str | None] = mapped_column(String(16))
    home_city: Mapped[str | None] = mapped_column(String(80))
    home_state: Mapped[str | None] = mapped_column(String(80))
    max_visits: Mapped[int | None] = mapped_column(SmallInteger)
    interviews_attended: Mapped[int] = mapped_column(SmallInteger, default=0)
    interviews_needed: Mapped[int] = mapped_column(SmallInteger, default=0)
    name: Mapped[str | None] = mapped_column(String(80))
    arrival_date: Mapped[dt.date | None] = mapped_column(Date)

    programs: Mapped[list[ProgramRow]] = relationship(
        back_populates="owner", cascade="all, delete-orphan", passive_deletes=True
    )


def _score_check(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} IS NULL OR {column} BETWEEN 0 AND 3", name=f"{column}_range")


class ProgramRow(Timestamps, Base):
    """One program one applicant tracks."""

    __tablename__ = "programs"
    __table_args__ = (
        UniqueConstraint("user_id", "name_key", name="uq_programs_owner_name"),
        _score_check("uncertainty"),
        _score_check("importance"),
        _score_check("travel"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    name_key: Mapped[str] = mapped_column(String(120))
    specialty: Mapped[str | None] = mapped_column(String(80))
    city: Mapped[str | None] = mapped_column(String(80))
    state: Mapped[str | None] = mapped_column(String(80))
    program_type: Mapped[str | None] = mapped_column(String(20))
    policy: Mapped[str] = mapped_column(String(20), default="neutral")
    declined: Mapped[bool] = mapped_column(Boolean, default=False)
    interest_signal: Mapped[str] = mapped_column(String(20), default="neutral")
    uncertainty: Mapped[int | None] = mapped_column(SmallInteger)
    importance: Mapped[int | None] = mapped_column(SmallInteger)
    travel: Mapped[int | None] = mapped_column(SmallInteger)
    goals: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(24), default="considering")
    interview_date: Mapped[dt.date | None] = mapped_column(Date)
    visit_date: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    contact_name: Mapped[str | None] = mapped_column(String(80))
    contact_role: Mapped[str | None] = mapped_column(String(16))
    offered_dates: Mapped[list[str] | None] = mapped_column(JSON, default=list)
    visit_detail: Mapped[str | None] = mapped_column(String(300))
    concerns: Mapped[str | None] = mapped_column(String(300))
    debrief: Mapped[str | None] = mapped_column(String(300))
    moved: Mapped[str | None] = mapped_column(String(8))

    owner: Mapped[UserRow] = relationship(back_populates="programs")


class MessageRow(Timestamps, Base):
    """One message the user marked as sent to a program: what kind and when, never its text."""

    __tablename__ = "messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    program_id: Mapped[int] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(24))
    sent_on: Mapped[dt.date] = mapped_column(Date)
    # The user told the program it is their first choice (said by the text they checked).
    first_choice: Mapped[bool] = mapped_column(Boolean, default=False)
    answered: Mapped[bool] = mapped_column(Boolean, default=False)


class DialogRow(Timestamps, Base):
    """Where one user stands in a multi-step dialog in one channel, until it expires.

    One row per conversation (platform, workspace, channel, user). No foreign key to
    ``users``: a dialog can start before the user row exists.
    """

    __tablename__ = "dialogs"
    __table_args__ = (
        UniqueConstraint(
            "platform", "workspace", "channel", "external_id", name="uq_dialogs_conversation"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    workspace: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(64))
    external_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(32))
    step: Mapped[str] = mapped_column(String(64))
    data: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    history: Mapped[list[str]] = mapped_column(JSON, default=list)
    token: Mapped[str] = mapped_column(String(16))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class DeliveryRow(Base):
    """A platform delivery (a Slack event id, a Discord interaction id) we took on.

    A retry of a delivery that is ``done`` is answered and dropped; a claim older than a
    minute that never finished belonged to a process that died, and is taken over.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("platform", "delivery_id", name="uq_deliveries_platform_delivery"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(16))
    delivery_id: Mapped[str] = mapped_column(String(64))
    claimed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    done: Mapped[bool] = mapped_column(Boolean, default=False)


class ShareRow(Base):
    """A user's plan opted into one group (a Slack channel, a Discord channel): until they
    unshare, members of that group see their visits (program, city, dates), nothing else."""

    __tablename__ = "shares"
    __table_args__ = (
        UniqueConstraint("user_id", "platform", "workspace", "channel", name="uq_shares_group"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    workspace: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(64))
    shared_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class CrowdPolicyRow(Base):
    """What one member of a group says a program told them about second looks, and where."""

    __tablename__ = "crowd_policies"
    __table_args__ = (
        UniqueConstraint(
            "user_id",
            "platform",
            "workspace",
            "channel",
            "name_key",
            name="uq_crowd_policies_report",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    workspace: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(64))
    name_key: Mapped[str] = mapped_column(String(120), index=True)
    program: Mapped[str] = mapped_column(String(120))
    policy: Mapped[str] = mapped_column(String(20))
    source: Mapped[str | None] = mapped_column(String(300))
    reported_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)


class ReminderRow(Base):
    """A reminder to send one user in a DM when it falls due, once, whichever process runs.

    ``key`` names what it is about (``thank_you:<program id>``...) so planning again
    updates a reminder instead of adding a second one. The text is written when it is
    sent, from the plan as it then stands: no message text is stored.
    """

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("user_id", "key", name="uq_reminders_user_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(24))
    program_id: Mapped[int | None] = mapped_column(
        ForeignKey("programs.id", ondelete="CASCADE"), index=True
    )
    due_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    claimed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    delivered_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # Failed sends so far; past MAX_ATTEMPTS a reminder is no longer tried (DMs closed...).
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
