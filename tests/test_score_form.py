"""The interview as one form (what Slack and Discord show as a modal)."""

from __future__ import annotations

import pytest

from core.conversation.assistant import Assistant
from core.conversation.forms import SCORE_FORM
from core.conversation.services import Services
from core.framework import load_config
from core.identity import Tenant
from core.incoming import Incoming
from core.models import Goal, Policy, ProgramType
from core.storage import Database, ProgramStore
from core.storage.dialogs import DialogStore
from core.storage.messages import MessageLog
from core.visit.dates import load_season

USER = Tenant("slack", "T1", "U1")


@pytest.fixture
def assistant(database: Database) -> Assistant:
    return Assistant(
        Services(
            ProgramStore(database),
            DialogStore(database),
            load_config(),
            MessageLog(database),
            load_season(),
        )
    )


def submit(values: dict[str, str | list[str]]) -> Incoming:
    return Incoming(USER, "C1", form_id=SCORE_FORM, form_values=values)


GOOD = {
    "name": "Rush IM",
    "location": "Chicago, IL",
    "program_type": "community",
    "policy": "welcome",
    "goals": ["rank_order", "training"],
    "uncertainty": "3",
    "importance": "2",
    "travel": "0",
}


async def test_score_without_numbers_opens_a_prefilled_form_where_forms_exist(
    assistant: Assistant, store: ProgramStore
) -> None:
    await store.add_program(USER, {"name": "Rush IM", "policy": "discouraged", "travel": 2})
    [reply] = await assistant.handle(Incoming(USER, "C1", text="score rush im", forms=True))
    assert reply.form is not None and reply.form.id == SCORE_FORM
    fields = {field.id: field for field in reply.form.fields}
    assert fields["name"].initial == "Rush IM"
    assert fields["policy"].initial == "discouraged"
    assert fields["travel"].initial == "2"
    assert [o.id for o in fields["uncertainty"].options] == ["0", "1", "2", "3"]
    assert fields["goals"].kind == "multi_select" and not fields["goals"].required
    # No dialog was opened behind the form: plain text is still a command.
    [after] = await assistant.handle(Incoming(USER, "C1", text="plan"))
    assert "Your plan" in after.text


async def test_a_valid_submission_stores_the_program_and_answers_with_the_verdict(
    assistant: Assistant, store: ProgramStore
) -> None:
    [reply] = await assistant.handle(submit(GOOD))
    assert reply.text == "Rush IM: Prioritize a second look."
    program = await store.get_program(USER, "Rush IM")
    assert (program.city, program.state) == ("Chicago", "IL")
    assert program.program_type is ProgramType.community and program.policy is Policy.welcome
    assert program.goals == [Goal.rank_order, Goal.training]
    assert (program.uncertainty, program.importance, program.travel) == (3, 2, 0)


async def test_a_resubmission_updates_the_same_program(
    assistant: Assistant, store: ProgramStore
) -> None:
    await assistant.handle(submit(GOOD))
    await assistant.handle(submit({**GOOD, "name": "rush im.", "travel": "3"}))
    [program] = await store.list_programs(USER)
    assert program.name == "Rush IM" and program.travel == 3


async def test_bad_answers_come_back_per_field_and_nothing_is_stored(
    assistant: Assistant, store: ProgramStore
) -> None:
    [reply] = await assistant.handle(
        submit({**GOOD, "name": " ", "travel": "7", "policy": "", "goals": ["sightseeing"]})
    )
    assert set(reply.form_errors) == {"name", "travel", "policy", "goals"}
    assert "0 to 3" in reply.form_errors["travel"]
    assert "choose" in reply.form_errors["policy"]
    assert await store.list_programs(USER) == []


async def test_surfaces_without_forms_get_the_dialog(assistant: Assistant) -> None:
    [reply] = await assistant.handle(Incoming(USER, "C1", text="score Rush"))
    assert reply.form is None and "Where is Rush?" in reply.text
