"""The debrief after a visit: what it answered, whether the program moved on the user's
own list, and one detail for the thank-you, which is offered as soon as it is saved."""

from __future__ import annotations

from collections.abc import Callable

from core.commands import Command
from core.conversation import answers
from core.conversation.answers import Option, Reask
from core.conversation.flow import Data, DialogSpec, Step
from core.conversation.services import Services
from core.conversation.views import choices, command_choice
from core.incoming import Incoming
from core.models import MAX_DETAIL_LENGTH, Movement
from core.replies import ChoiceStyle, Reply

KIND = "debrief"
MOVES = (
    Option(Movement.up.value, "Up", ("higher", "moved up", "better", "went up"), "1"),
    Option(Movement.same.value, "About the same", ("same", "no change", "unchanged"), "2"),
    Option(Movement.down.value, "Down", ("lower", "moved down", "worse", "went down"), "3"),
)
MOVED_WORDS = {
    Movement.up.value: "moved up on your list",
    Movement.same.value: "stayed where it was on your list",
    Movement.down.value: "moved down on your list",
}


def _text(key: str, what: str) -> Callable[[Incoming, str, Data], Data]:
    """A reader for one or two sentences stored under ``key``."""

    def read(incoming: Incoming, text: str, data: Data) -> Data:
        answer = " ".join(text.split())
        if not answer:
            raise Reask(f"Write {what} in a sentence, or type skip.")
        if len(answer) > MAX_DETAIL_LENGTH:
            raise Reask(
                f"Keep it to {MAX_DETAIL_LENGTH} characters (that was {len(answer)}):"
                " one or two sentences."
            )
        return {key: answer}

    return read


def build(services: Services) -> DialogSpec:
    def read_move(incoming: Incoming, text: str, data: Data) -> Data:
        try:
            return {"moved": answers.pick(text, MOVES).value}
        except Reask:
            raise Reask("Answer up, same or down (or 1, 2, 3).") from None

    async def finish(incoming: Incoming, data: Data) -> list[Reply]:
        changes = {key: data[key] for key in ("debrief", "moved", "visit_detail") if key in data}
        name = data["program"]
        if not changes:
            return [Reply(text=f"Nothing saved for {name}. Run debrief {name} any time.")]
        program = await services.programs.update_program(incoming.tenant, name, changes)
        said = [f"Saved your debrief for {program.name}"]
        if program.moved is not None:
            said.append(f"it {MOVED_WORDS[program.moved.value]}")
        text = "; ".join(said) + ". Your plan shows it."
        text += "\nNow is the time for the thank-you: within a day or two of the visit."
        return [
            Reply(
                text=text,
                choices=choices(
                    command_choice(
                        "Write the thank-you",
                        Command("template", program=program.name, field="thank_you"),
                        ChoiceStyle.primary,
                    ),
                    command_choice("See my plan", Command("plan")),
                ),
            )
        ]

    steps = (
        Step(
            "debrief",
            lambda data: (
                f"What did the visit to {data['program']} answer for you? One or two"
                " sentences (type skip if nothing yet)."
            ),
            _text("debrief", "what it answered"),
        ),
        Step(
            "moved",
            lambda data: f"Did it move {data['program']} on your own list?",
            read_move,
            options=lambda data: MOVES,
        ),
        Step(
            "visit_detail",
            lambda data: (
                "One concrete detail from the day for your thank-you note (a"
                " conversation, a conference, something residents showed you)?"
            ),
            _text("visit_detail", "one detail"),
        ),
    )
    return DialogSpec(
        KIND,
        steps,
        finish,
        cancelled="Cancelled. The debrief was not saved.",
        title=lambda data: f"Debrief: {data['program']}",
    )
