"""The store on a real database: round trips, validation before writes, tenant isolation."""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from core.identity import Tenant
from core.models import Goal, Policy, ProgramType, Status
from core.storage import Database, ProgramExists, ProgramNotFound, ProgramStore
from core.storage.tables import ProgramRow, UserRow
from core.validation import InputProblem

ALICE_SLACK = Tenant("slack", "T0001", "U0001")
ALICE_DISCORD = Tenant("discord", "G0001", "U0001")
ALICE_TERMINAL = Tenant("terminal", "local", "U0001")
BOB_SLACK = Tenant("slack", "T0001", "U0002")
OTHER_WORKSPACE = Tenant("slack", "T0002", "U0001")


async def test_program_round_trips_every_field(store: ProgramStore) -> None:
    await store.add_program(
        ALICE_SLACK,
        {
            "name": "Cedars Internal Medicine",
            "specialty": "Internal Medicine",
            "city": "Los Angeles",
            "state": "CA",
            "program_type": "mid_academic",
            "policy": "welcome",
            "declined": False,
            "interest_signal": "clearly_high",
            "uncertainty": 2,
            "importance": 3,
            "travel": 1,
            "goals": ["training", "relocation"],
            "status": "requested",
            "interview_date": "2026-11-02",
            "visit_date": "2027-02-03",
            "notes": "Ask about the ICU months — and café hours ☕",
        },
    )
    [program] = await store.list_programs(ALICE_SLACK)
    assert program.program_type is ProgramType.mid_academic
    assert program.policy is Policy.welcome
    assert program.goals == [Goal.training, Goal.relocation]
    assert program.status is Status.requested
    assert program.interview_date == dt.date(2026, 11, 2)
    assert program.visit_date == dt.date(2027, 2, 3)
    assert program.notes == "Ask about the ICU months — and café hours ☕"
    assert (program.uncertainty, program.importance, program.travel) == (2, 3, 1)


async def test_same_program_twice_is_refused_whatever_the_spelling(store: ProgramStore) -> None:
    await store.add_program(ALICE_SLACK, {"name": "Mayo Clinic"})
    with pytest.raises(ProgramExists) as raised:
        await store.add_program(ALICE_SLACK, {"name": "  mayo   clinic. "})
    assert "Mayo Clinic" in str(raised.value)
    assert len(await store.list_programs(ALICE_SLACK)) == 1


async def test_lookup_ignores_case_and_suggests_close_names(store: ProgramStore) -> None:
    await store.add_program(ALICE_SLACK, {"name": "Brigham and Women's"})
    assert (
        await store.get_program(ALICE_SLACK, "brigham and womens")
    ).name == "Brigham and Women's"
    with pytest.raises(ProgramNotFound) as raised:
        await store.get_program(ALICE_SLACK, "Brigam and Women")
    assert raised.value.suggestion == "Brigham and Women's"
    with pytest.raises(ProgramNotFound) as raised:
        await store.get_program(ALICE_SLACK, "Kaiser Oakland")
    assert raised.value.suggestion is None


async def test_invalid_update_stores_nothing(store: ProgramStore) -> None:
    await store.add_program(ALICE_SLACK, {"name": "UCSF", "travel": 1, "policy": "welcome"})
    with pytest.raises(InputProblem) as raised:
        await store.update_program(ALICE_SLACK, "UCSF", {"travel": 7, "policy": "discouraged"})
    assert "travel" in str(raised.value) and "0-3" in str(raised.value)
    program = await store.get_program(ALICE_SLACK, "UCSF")
    assert (program.travel, program.policy) == (1, Policy.welcome)


async def test_invalid_new_program_is_not_stored(store: ProgramStore) -> None:
    with pytest.raises(InputProblem) as raised:
        await store.add_program(ALICE_SLACK, {"name": "UCSF", "program_type": "fancy"})
    assert "elite_academic" in str(raised.value)
    assert await store.list_programs(ALICE_SLACK) == []


async def test_rename_onto_another_program_is_refused(store: ProgramStore) -> None:
    await store.add_program(ALICE_SLACK, {"name": "Yale"})
    await store.add_program(ALICE_SLACK, {"name": "Penn", "travel": 2})
    with pytest.raises(ProgramExists):
        await store.update_program(ALICE_SLACK, "Penn", {"name": "YALE"})
    names = [p.name for p in await store.list_programs(ALICE_SLACK)]
    assert names == ["Yale", "Penn"]
    renamed = await store.update_program(ALICE_SLACK, "Penn", {"name": "Penn Medicine"})
    assert renamed.name == "Penn Medicine" and renamed.travel == 2


async def test_profile_updates_merge_and_validate(store: ProgramStore) -> None:
    assert (await store.get_profile(ALICE_SLACK)).max_visits is None
    await store.update_profile(ALICE_SLACK, {"img": True, "visa": "J-1", "max_visits": 2})
    await store.update_profile(ALICE_SLACK, {"in_us": False})
    profile = await store.get_profile(ALICE_SLACK)
    assert (profile.img, profile.in_us, profile.max_visits, profile.visa.value) == (
        True,
        False,
        2,
        "j1",
    )
    with pytest.raises(InputProblem) as raised:
        await store.update_profile(ALICE_SLACK, {"max_visits": 9})
    assert "max_visits" in str(raised.value)
    assert (await store.get_profile(ALICE_SLACK)).max_visits == 2


async def test_tenants_never_see_each_other(store: ProgramStore) -> None:
    """The same user id on another platform, or in another workspace, is another person."""
    tenants = [ALICE_SLACK, ALICE_DISCORD, ALICE_TERMINAL, BOB_SLACK, OTHER_WORKSPACE]
    for tenant in tenants:
        await store.add_program(tenant, {"name": "Shared Name Hospital", "notes": tenant.platform})
        await store.add_program(
            tenant, {"name": f"Only {tenant.platform} {tenant.workspace} {tenant.user}"}
        )
    for tenant in tenants:
        programs = await store.list_programs(tenant)
        assert [p.name for p in programs] == [
            "Shared Name Hospital",
            f"Only {tenant.platform} {tenant.workspace} {tenant.user}",
        ]
        assert programs[0].notes == tenant.platform
    with pytest.raises(ProgramNotFound):
        await store.get_program(BOB_SLACK, "Only slack T0001 U0001")
    await store.remove_program(ALICE_SLACK, "Shared Name Hospital")
    for tenant in tenants[1:]:
        assert await store.get_program(tenant, "Shared Name Hospital")
    await store.update_profile(ALICE_DISCORD, {"img": True})
    assert (await store.get_profile(ALICE_SLACK)).img is False


async def test_forget_me_deletes_every_row_of_that_user_only(
    store: ProgramStore, database: Database
) -> None:
    await store.update_profile(ALICE_SLACK, {"img": True})
    for name in ("A", "B", "C"):
        await store.add_program(ALICE_SLACK, {"name": name})
    await store.add_program(BOB_SLACK, {"name": "A"})
    assert await store.forget(ALICE_SLACK) == 3
    async with database.reading() as session:
        users = list(await session.scalars(select(UserRow.external_id)))
        programs = await session.scalar(select(func.count()).select_from(ProgramRow))
    assert users == ["U0002"]
    assert programs == 1
    assert await store.list_programs(ALICE_SLACK) == []
    assert await store.forget(ALICE_SLACK) == 0


async def test_database_rejects_scores_outside_0_to_3(
    store: ProgramStore, database: Database
) -> None:
    """Defence in depth: even a writer that skips our models cannot store travel 7."""
    await store.add_program(ALICE_SLACK, {"name": "Real"})
    with pytest.raises(IntegrityError):
        async with database.writing() as session:
            user_id = await session.scalar(select(UserRow.id))
            await session.execute(
                insert(ProgramRow).values(
                    user_id=user_id,
                    name="Forged",
                    name_key="forged",
                    policy="neutral",
                    declined=False,
                    interest_signal="neutral",
                    goals=[],
                    status="considering",
                    travel=7,
                )
            )
    assert [p.name for p in await store.list_programs(ALICE_SLACK)] == ["Real"]


async def test_concurrent_writers_all_land(store: ProgramStore) -> None:
    """Forty writes at once: SQLite queues them (BEGIN IMMEDIATE), PostgreSQL runs them."""
    tenants = [Tenant("slack", "T9", f"U{i}") for i in range(4)]
    await asyncio.gather(
        *(
            store.add_program(tenant, {"name": f"Program {n}", "travel": n % 4})
            for tenant in tenants
            for n in range(10)
        )
    )
    for tenant in tenants:
        assert len(await store.list_programs(tenant)) == 10


def test_tenant_rejects_unknown_platform_and_empty_ids() -> None:
    with pytest.raises(ValueError):
        Tenant("teams", "T1", "U1")
    with pytest.raises(ValueError):
        Tenant("slack", "", "U1")
