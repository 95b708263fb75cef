"""`forget me`: a confirmation, then every row of that user is deleted."""

from __future__ import annotations

from core.conversation import answers
from core.conversation.answers import Option, Reask
from core.conversation.flow import Data, DialogSpec, Step
from core.conversation.services import Services
from core.incoming import Incoming
from core.replies import Reply

KIND = "confirm_forget"
CONFIRM = (
    Option("delete", "Delete everything", ("yes", "yes delete", "delete all", "confirm"), "1"),
    Option("keep", "Keep my data", ("no", "keep"), "2"),
)


def build(services: Services) -> DialogSpec:
    def read(incoming: Incoming, text: str, data: Data) -> Data:
        try:
            choice = answers.pick(text, CONFIRM)
        except Reask:
            raise Reask("Type delete to erase everything, or keep to change nothing.") from None
        return {"confirmed": choice.value == "delete"}

    async def finish(incoming: Incoming, data: Data) -> list[Reply]:
        if not data.get("confirmed"):
            return [Reply(text="Kept. Nothing was deleted.")]
        programs = await services.programs.forget(incoming.tenant)
        await services.dialogs.clear_all(incoming.tenant)
        return [
            Reply(
                text=f"Done. Your profile, {programs} program(s), your message log and every open"
                " conversation are deleted. Nothing about you is left here."
            )
        ]

    step = Step(
        "confirm",
        lambda data: (
            f"This permanently deletes your profile and all {data.get('count', 0)}"
            " program(s) you track, on this platform. There is no undo."
        ),
        read,
        options=lambda data: CONFIRM,
        can_skip=False,
    )
    return DialogSpec(KIND, (step,), finish, cancelled="Cancelled. Nothing was deleted.")
