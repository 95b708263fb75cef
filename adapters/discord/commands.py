"""``/secondlook``: one app-command group whose subcommands are the core's commands.

Each subcommand turns its typed options into the core's command text (one grammar for
every surface, architecture rule 4) and hands it to the listeners. Options Discord can
offer as a list are lists (scores 0-3, program type, policy, status, kinds); program
names are autocompleted from the user's own programs. ``check`` without a message opens
a modal with room for a whole email.
"""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from adapters.discord.listeners import DiscordListeners
from adapters.discord.payloads import command_text, quoted
from core.commands import FIELDS, MAX_INPUT, TEMPLATE_KINDS
from core.conversation.forms import SCORE_FORM
from core.conversation.help import TOPICS
from core.conversation.interview import GOALS, POLICIES, PROGRAM_TYPES, SCALES
from core.models import MessageKind, Policy, Status

CHECK_MODAL = "sl:check"
CHECK_MESSAGE = "message"
CHECK_TO = "to"
# The core reads at most MAX_INPUT characters of a command, "check to <program>: " included.
MAX_MESSAGE = MAX_INPUT - 150


def _choices(options: Any) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=o.label[:100], value=o.value) for o in options]


def _scale(key: str) -> list[app_commands.Choice[int]]:
    return [
        app_commands.Choice(name=f"{o.value}: {o.label}"[:100], value=int(o.value))
        for o in SCALES[key]
    ]


def _words(values: Any) -> list[app_commands.Choice[str]]:
    return [app_commands.Choice(name=v.replace("_", " "), value=v) for v in values][:25]


Program = app_commands.Range[str, 1, 100]


class CheckModal(discord.ui.Modal, title="Check a message"):
    """Room to paste a whole email. The submission is handled by the client's interaction
    listener by its custom id, so a modal left open across a restart still works."""

    message: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="The message",
        style=discord.TextStyle.paragraph,
        custom_id=CHECK_MESSAGE,
        max_length=MAX_MESSAGE,
        placeholder="Paste the email or note you mean to send (or one a program sent).",
    )
    to: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="To which program (optional)",
        custom_id=CHECK_TO,
        required=False,
        max_length=100,
    )

    def __init__(self) -> None:
        super().__init__(custom_id=CHECK_MODAL, timeout=600)


def check_text(message: str, *, to: str | None = None, from_program: bool = False) -> str:
    """The message as the core must read it: ``--`` ends the options, so a message that
    starts "To the director:" or "--" is the message; a program name is quoted whole."""
    message = message.strip()
    if from_program:
        return f"check --from-program {message}"
    if to:
        return f"check to {quoted(to)}: {message}"
    return f"check -- {message}"


# Subcommands that take only a program name (autocompleted from the user's own list).
ABOUT_A_PROGRAM = {
    "show": "One program: scores, verdict, reasons",
    "remove": "Stop tracking a program",
    "replied": "The program answered your last message",
    "questions": "What to ask on a visit, from what it should answer",
    "dates": "Good dates for a visit, inside the season",
    "debrief": "After a visit: what you learned, what changed",
}


def _about_a_program(
    group: SecondLook, word: str, description: str
) -> app_commands.Command[Any, Any, None]:
    async def callback(interaction: discord.Interaction, program: Program) -> None:
        await group.listeners.command(interaction, command_text(word, program, quote=[1]))

    async def names(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await group.listeners.program_names(interaction, current)

    described = app_commands.describe(program="The program (from your list)")(callback)
    command = app_commands.Command(
        name=word, description=description, callback=described, parent=group
    )
    command.autocomplete("program")(names)
    return command


class SecondLook(app_commands.Group):
    """Every subcommand answers privately (ephemeral) in a server; ``share`` posts."""

    def __init__(self, listeners: DiscordListeners) -> None:
        super().__init__(name="secondlook", description="Plan residency second-look visits")
        self.listeners = listeners
        for word, description in ABOUT_A_PROGRAM.items():
            self.add_command(_about_a_program(self, word, description))

    async def _names(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return await self.listeners.program_names(interaction, current)

    async def _run(self, interaction: discord.Interaction, text: str) -> None:
        await self.listeners.command(interaction, text)

    @app_commands.command(description="Score a program: get a verdict with its reasons")
    @app_commands.describe(
        program="The program (leave empty to be asked step by step)",
        uncertainty="How unsure are you about your fit there?",
        importance="How much does it matter to you?",
        travel="How hard is it to get there?",
        program_type="What kind of program it is",
        policy="What the program said about second looks",
        location="City, state",
        goal="What a visit should answer",
    )
    @app_commands.choices(
        uncertainty=_scale("uncertainty"),
        importance=_scale("importance"),
        travel=_scale("travel"),
        program_type=_choices(PROGRAM_TYPES),
        policy=_choices(POLICIES),
        goal=_choices(GOALS),
    )
    async def score(
        self,
        interaction: discord.Interaction,
        program: Program | None = None,
        uncertainty: int | None = None,
        importance: int | None = None,
        travel: int | None = None,
        program_type: str | None = None,
        policy: str | None = None,
        location: app_commands.Range[str, 1, 120] | None = None,
        goal: str | None = None,
    ) -> None:
        scores = (uncertainty, importance, travel)
        extras = (program_type, policy, location, goal)
        given = [s for s in scores if s is not None]
        in_order = scores[: len(given)] == tuple(given)
        if program is None or (in_order and not any(extras)):
            # The core asks whatever is missing, one question at a time.
            await self._run(interaction, command_text("score", program, *given, quote=[1]))
            return
        values: dict[str, str | list[str]] = {"name": program}
        for key, value in zip(SCALES, scores, strict=True):
            if value is not None:
                values[key] = str(value)
        for key, value in (
            ("program_type", program_type),
            ("policy", policy),
            ("location", location),
        ):
            if value:
                values[key] = value
        if goal:
            values["goals"] = [goal]
        await self.listeners.form(interaction, SCORE_FORM, values)

    score.autocomplete("program")(_names)

    @app_commands.command(description="Your programs, verdicts and next steps")
    @app_commands.describe(chart="Attach pictures: priority matrix and visit timeline")
    async def plan(self, interaction: discord.Interaction, chart: bool = False) -> None:
        await self._run(interaction, "plan chart" if chart else "plan")

    @app_commands.command(description="Start tracking a program")
    @app_commands.describe(program="The program's name, e.g. Rush Internal Medicine")
    async def add(self, interaction: discord.Interaction, program: Program) -> None:
        await self._run(interaction, command_text("add", program, quote=[1]))

    @app_commands.command(name="set", description="Change one thing about a program")
    @app_commands.describe(field="What to change", value="The new value")
    @app_commands.choices(field=_words(f for f in FIELDS if f != "name"))
    async def set_(
        self,
        interaction: discord.Interaction,
        program: Program,
        field: str,
        value: app_commands.Range[str, 1, 500],
    ) -> None:
        await self._run(interaction, command_text("set", program, field, value, quote=[1]))

    set_.autocomplete("program")(_names)

    @app_commands.command(description="Where a program stands: requested, scheduled, visited…")
    @app_commands.choices(status=_words(s.value for s in Status))
    async def status(self, interaction: discord.Interaction, program: Program, status: str) -> None:
        await self._run(interaction, command_text("status", program, status, quote=[1]))

    status.autocomplete("program")(_names)

    @app_commands.command(description="Your situation: IMG, visa, how many visits you can make")
    @app_commands.describe(edit="Answer the questions again")
    async def profile(self, interaction: discord.Interaction, edit: bool = False) -> None:
        await self._run(interaction, "profile edit" if edit else "profile")

    @app_commands.command(description="Check a message for NRMP-unsafe phrasing")
    @app_commands.describe(
        message="The text (leave empty to paste a whole email in a form)",
        from_program="The program wrote this to you",
        to="The program you mean to send it to",
    )
    async def check(
        self,
        interaction: discord.Interaction,
        message: app_commands.Range[str, 1, MAX_MESSAGE] | None = None,
        from_program: bool = False,
        to: Program | None = None,
    ) -> None:
        if message is None:
            modal = CheckModal()
            if to:
                modal.to.default = to
            await interaction.response.send_modal(modal)
            return
        await self._run(interaction, check_text(message, to=to, from_program=from_program))

    check.autocomplete("to")(_names)

    @app_commands.command(description="Log a message you sent to a program")
    @app_commands.describe(
        kind="What it was",
        date="When (YYYY-MM-DD; default today)",
        first_choice="It said the program is your first choice",
    )
    @app_commands.choices(kind=_words(k.value for k in MessageKind))
    async def sent(
        self,
        interaction: discord.Interaction,
        program: Program,
        kind: str,
        date: app_commands.Range[str, 8, 10] | None = None,
        first_choice: bool = False,
    ) -> None:
        first = "first-choice" if first_choice else None
        await self._run(interaction, command_text("sent", program, kind, date, first, quote=[1]))

    sent.autocomplete("program")(_names)

    @app_commands.command(description="An email written for you: request, thank-you, decline…")
    @app_commands.choices(kind=_words(TEMPLATE_KINDS))
    async def template(
        self, interaction: discord.Interaction, program: Program, kind: str | None = None
    ) -> None:
        await self._run(interaction, command_text("template", kind, program, quote=[2]))

    template.autocomplete("program")(_names)

    @app_commands.command(description="Your data as files: JSON and CSV")
    async def export(self, interaction: discord.Interaction) -> None:
        await self._run(interaction, "export")

    @app_commands.command(description="Visits grouped into trips, with dates and costs")
    async def trips(self, interaction: discord.Interaction) -> None:
        await self._run(interaction, "trips")

    @app_commands.command(description="A calendar file: visits, thank-yous due, the deadline")
    async def calendar(self, interaction: discord.Interaction) -> None:
        await self._run(interaction, "calendar")

    @app_commands.command(description="Post your visit plans to this channel (never scores)")
    async def share(self, interaction: discord.Interaction) -> None:
        await self.listeners.command(interaction, "share", public=True)

    @app_commands.command(description="Stop sharing your visits with this channel's group")
    async def unshare(self, interaction: discord.Interaction) -> None:
        await self._run(interaction, "unshare")

    @app_commands.command(description="This channel's shared plans and overlapping trips")
    async def group(self, interaction: discord.Interaction) -> None:
        await self._run(interaction, "group")

    @app_commands.command(description="Tell the group what a program said about second looks")
    @app_commands.describe(source="Where it was said, e.g. coordinator email, 12 Jan")
    @app_commands.choices(policy=_words(p.value for p in Policy))
    async def policy(
        self,
        interaction: discord.Interaction,
        program: Program,
        policy: str,
        source: app_commands.Range[str, 1, 300] | None = None,
    ) -> None:
        await self._run(interaction, command_text("policy", program, policy, source, quote=[1]))

    policy.autocomplete("program")(_names)

    @app_commands.command(description="Delete everything SecondLook keeps about you")
    async def forget(self, interaction: discord.Interaction) -> None:
        await self._run(interaction, "forget me")

    @app_commands.command(name="help", description="What SecondLook does and how to ask")
    @app_commands.choices(topic=_words(sorted(TOPICS)))
    async def help_(self, interaction: discord.Interaction, topic: str | None = None) -> None:
        await self._run(interaction, command_text("help", topic))
