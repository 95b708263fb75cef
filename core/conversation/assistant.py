"""The one entry point every surface calls: ``Assistant.handle(incoming) -> [Reply]``.

Typed text goes to the open dialog when there is one, else it is parsed as a command;
a picked choice carries its own meaning (``cmd:…`` runs a command, ``dlg:…`` answers
the question it belonged to). Whatever fails, the user gets a sentence, never a trace.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from core.commands import (
    ALIASES,
    COMMANDS,
    MAX_INPUT,
    Command,
    CommandError,
    parse_command,
    to_text,
)
from core.conversation import (
    calendar,
    checking,
    debrief,
    forget,
    forms,
    groups,
    interview,
    profile_dialog,
    trips,
    visiting,
)
from core.conversation.export import export_files
from core.conversation.flow import DialogEngine, parse_action
from core.conversation.help import help_reply
from core.conversation.services import Services
from core.conversation.verdicts import current_plan, verdict_for
from core.conversation.views import (
    choices,
    command_choice,
    plan_reply,
    profile_reply,
    program_reply,
)
from core.incoming import Incoming
from core.models import Status
from core.names import name_key
from core.replies import ChoiceStyle, Reply
from core.storage import ProgramExists, ProgramNotFound
from core.storage.dialogs import DialogState
from core.trips import geo  # its city table loads on first use
from core.validation import InputProblem

log = logging.getLogger(__name__)

FAILURE = "Something went wrong on my side. Please try again in a moment."
DIALOG_HELP = {"help", "?", "what", "options"}
USER_PROBLEMS = (ProgramNotFound, InputProblem, ProgramExists, CommandError)
COMMAND_WORDS = {*COMMANDS, *ALIASES, "secondlook"} - {"?"}


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith(("?", "!", ".")) else text + "."


# Commands that can change a visit date, a status or the thank-yous sent.
REPLANS_REMINDERS = frozenset({"set", "status", "remove", "sent", "debrief"})


class Assistant:
    def __init__(self, services: Services) -> None:
        self.services = services
        self.dialogs = DialogEngine(
            services.dialogs,
            [
                interview.build(services),
                profile_dialog.build(services),
                forget.build(services),
                debrief.build(services),
            ],
        )

    async def handle(self, incoming: Incoming) -> list[Reply]:
        try:
            return await self._route(incoming)
        except USER_PROBLEMS as problem:
            return [self._problem(problem, incoming)]
        except Exception:
            log.exception(
                "request failed platform=%s workspace=%s user=%s",
                incoming.tenant.platform,
                incoming.tenant.workspace,
                incoming.tenant.user,
            )
            return [Reply(text=FAILURE)]

    async def _route(self, incoming: Incoming) -> list[Reply]:
        if len(incoming.text) > MAX_INPUT:
            return [
                Reply(
                    text=f"That message is {len(incoming.text):,} characters; I read at"
                    f" most {MAX_INPUT:,}. Nothing was changed."
                )
            ]
        if incoming.form_id:
            return await self._form(incoming)
        if incoming.action:
            return await self._action(incoming, incoming.action)
        state = await self.dialogs.active(incoming)
        if state is not None and incoming.command and self._names_a_command(incoming.text):
            state = None  # "/secondlook plan" mid-dialog runs plan; "/secondlook Boston" answers
        if state is None:
            return await self.run(incoming, parse_command(incoming.text))
        if incoming.text.strip().lower() in DIALOG_HELP:
            return [help_reply("dialog"), *await self.dialogs.repeat(incoming, state, "")]
        command = self._command_in_dialog(state, incoming.text)
        if command is None:
            return await self.dialogs.answer(incoming, state, incoming.text)
        try:
            replies = await self.run(incoming, command)
        except USER_PROBLEMS as problem:
            replies = [self._problem(problem, incoming)]
        still = await self.dialogs.active(incoming)
        if still is not None and still.token == state.token:
            replies += await self.dialogs.repeat(incoming, still, "Still open:")
        return replies

    @staticmethod
    def _names_a_command(text: str) -> bool:
        words = text.strip().split(maxsplit=1)
        return bool(words) and words[0].lower().lstrip("/") in COMMAND_WORDS

    def _command_in_dialog(self, state: DialogState, text: str) -> Command | None:
        """A command typed while a question is open ("plan"), unless it is an answer.

        Names are free text (a program may be called "Show Low Regional"), and a choice
        wins over a command ("show interest" is a goal), so those stay answers.
        """
        first = text.strip().split(maxsplit=1)[0].lower().lstrip("/") if text.strip() else ""
        if first not in COMMAND_WORDS or state.step == "name":
            return None
        if self.dialogs.picks_a_choice(state, text):
            return None
        try:
            return parse_command(text)
        except CommandError:
            return None

    async def _action(self, incoming: Incoming, action: str) -> list[Reply]:
        if action.startswith("cmd:"):
            return await self.run(incoming, parse_command(action[4:]))
        parsed = parse_action(action)
        state = await self.dialogs.active(incoming)
        if parsed is None:
            log.info("unknown action ignored prefix=%s", action.split(":", 1)[0][:10])
            return [Reply(text="That button is no longer in use. Type help to see what I can do.")]
        token, step, value = parsed
        if state is None:
            return [Reply(text="That question is closed. Start again with: score <program>")]
        if (token, step) != (state.token, state.step):
            return await self.dialogs.repeat(
                incoming,
                state,
                "That button belongs to an earlier question. Here is the current one:",
            )
        return await self.dialogs.answer(incoming, state, value)

    async def _form(self, incoming: Incoming) -> list[Reply]:
        if incoming.form_id != forms.SCORE_FORM:
            return [Reply(text="That form is no longer in use. Type help to see what I can do.")]
        try:
            data = forms.read_score_form(incoming.form_values)
        except forms.FormProblems as problems:
            return [Reply(text="Some answers need another look.", form_errors=problems.problems)]
        known = await interview.prefill(self.services, incoming, data["name"])
        if known.get("existing"):
            data.update(name=known["name"], existing=True)
        return await interview.save_and_judge(self.services, incoming, data)

    async def run(self, incoming: Incoming, command: Command) -> list[Reply]:
        """Carry out one parsed command."""
        log.info(
            "command=%s platform=%s user=%s",
            command.name,
            incoming.tenant.platform,
            incoming.tenant.user,
        )
        handler = getattr(self, f"_{command.name}")
        replies = await handler(incoming, command)
        if command.name in REPLANS_REMINDERS:
            await self._replan(incoming)
        return replies

    async def _replan(self, incoming: Incoming) -> None:
        """Reminders follow the plan; a failure here must not cost the user their answer."""
        deadline = self.services.season.match.certification_deadline.date
        try:
            await self.services.reminders.refresh(incoming.tenant, deadline)
        except Exception:
            log.exception("reminders not replanned user=%s", incoming.tenant.user)

    # Commands, one method each, named after the command word.

    async def _help(self, incoming: Incoming, command: Command) -> list[Reply]:
        return [help_reply(command.topic)]

    async def _score(self, incoming: Incoming, command: Command) -> list[Reply]:
        if command.program is None:
            if incoming.forms:
                return [Reply(text="Opening the scoring form.", form=forms.score_form())]
            return await self.dialogs.start(incoming, interview.KIND)
        data = await interview.prefill(self.services, incoming, command.program)
        typed = dict(zip(interview.SCALES, command.scores, strict=False))
        data.update(typed, known=[*data["known"], *typed])
        if len(command.scores) == 3 and not data.get("similar"):
            return await interview.save_and_judge(self.services, incoming, data)
        if incoming.forms:
            return [
                Reply(text=f"Opening the form for {data['name']}.", form=forms.score_form(data))
            ]
        return await self.dialogs.start(incoming, interview.KIND, data)

    async def _add(self, incoming: Incoming, command: Command) -> list[Reply]:
        assert command.program is not None
        program = await self.services.programs.add_program(
            incoming.tenant, {"name": command.program}
        )
        return [
            Reply(
                text=f"Now tracking {program.name}. Score it when you are ready.",
                choices=choices(
                    command_choice(
                        f"Score {program.name}"[:75],
                        Command("score", program=program.name),
                        ChoiceStyle.primary,
                    )
                ),
            )
        ]

    async def _plan(self, incoming: Incoming, command: Command) -> list[Reply]:
        plan = await current_plan(self.services, incoming.tenant)
        reply = plan_reply(plan.programs, plan.recommendations, plan.budget)
        if command.value == "chart":
            from core.conversation import charts  # matplotlib: paid only when drawing

            files = charts.plan_charts(plan, self.services.season, self.services.today())
            reply = reply.model_copy(update={"files": files})
        return [reply]

    async def _show(self, incoming: Incoming, command: Command) -> list[Reply]:
        assert command.program is not None
        plan = await current_plan(self.services, incoming.tenant)
        key = name_key(command.program)
        program = next((p for p in plan.programs if name_key(p.name) == key), None)
        if program is None:  # raises ProgramNotFound with the closest name
            program = await self.services.programs.get_program(incoming.tenant, command.program)
        return [program_reply(program, plan.recommendations.get(program.name))]

    async def _set(self, incoming: Incoming, command: Command) -> list[Reply]:
        assert command.program is not None and command.field is not None
        program = await self.services.programs.update_program(
            incoming.tenant, command.program, {command.field: command.value}
        )
        shown = getattr(program, command.field)
        if isinstance(shown, list):
            shown = ", ".join(str(getattr(item, "value", item)) for item in shown) or "none"
        shown = getattr(shown, "value", shown)
        intro = f"Updated {program.name}: {command.field} is now {shown}."
        return [await verdict_for(self.services, incoming, program, intro)]

    async def _status(self, incoming: Incoming, command: Command) -> list[Reply]:
        assert command.program is not None and command.value is not None
        changes: dict[str, object] = {"status": command.value}
        if command.value == "declined_by_program":
            changes["declined"] = True  # rule 1: never ask again
        program = await self.services.programs.update_program(
            incoming.tenant, command.program, changes
        )
        intro = f"{program.name} is now {program.status.value.replace('_', ' ')}."
        if command.value == "visited":
            # The debrief starts at once, while the day is fresh; the thank-you follows it.
            thanks = to_text(Command("template", program=program.name, field="thank_you"))
            intro += (
                f" Send a short thank-you within a day or two ({thanks}); I'll offer it after"
                " three quick questions."
            )
            return await self.dialogs.start(
                incoming, debrief.KIND, {"program": program.name}, note=intro
            )
        return [await verdict_for(self.services, incoming, program, intro)]

    async def _template(self, incoming: Incoming, command: Command) -> list[Reply]:
        assert command.program is not None
        return [
            await visiting.template_reply(
                self.services, incoming.tenant, command.program, command.field
            )
        ]

    async def _questions(self, incoming: Incoming, command: Command) -> list[Reply]:
        assert command.program is not None
        return [await visiting.questions_reply(self.services, incoming.tenant, command.program)]

    async def _dates(self, incoming: Incoming, command: Command) -> list[Reply]:
        assert command.program is not None
        return [await visiting.dates_reply(self.services, incoming.tenant, command.program)]

    async def _debrief(self, incoming: Incoming, command: Command) -> list[Reply]:
        assert command.program is not None
        program = await self.services.programs.get_program(incoming.tenant, command.program)
        note = None
        if program.status is not Status.visited:
            # A debrief is about a visit that happened: record it, so the thank-you fits.
            program = await self.services.programs.update_program(
                incoming.tenant, program.name, {"status": Status.visited.value}
            )
            note = f"Marked {program.name} visited."
        return await self.dialogs.start(
            incoming, debrief.KIND, {"program": program.name}, note=note
        )

    async def _share(self, incoming: Incoming, command: Command) -> list[Reply]:
        return [await groups.share_reply(self.services, incoming)]

    async def _unshare(self, incoming: Incoming, command: Command) -> list[Reply]:
        return [await groups.unshare_reply(self.services, incoming)]

    async def _group(self, incoming: Incoming, command: Command) -> list[Reply]:
        return [await groups.group_reply(self.services, incoming, geo.locate)]

    async def _policy(self, incoming: Incoming, command: Command) -> list[Reply]:
        return [await groups.policy_reply(self.services, incoming, command)]

    async def _trips(self, incoming: Incoming, command: Command) -> list[Reply]:
        return [await trips.trips_reply(self.services, incoming.tenant)]

    async def _calendar(self, incoming: Incoming, command: Command) -> list[Reply]:
        return [await calendar.calendar_reply(self.services, incoming.tenant)]

    async def _remove(self, incoming: Incoming, command: Command) -> list[Reply]:
        assert command.program is not None
        removed = await self.services.programs.remove_program(incoming.tenant, command.program)
        return [Reply(text=f"Removed {removed.name} and everything stored about it.")]

    async def _profile(self, incoming: Incoming, command: Command) -> list[Reply]:
        profile = await self.services.programs.get_profile(incoming.tenant)
        if command.value == "edit":
            return await self.dialogs.start(
                incoming, profile_dialog.KIND, profile_dialog.current(profile)
            )
        return [profile_reply(profile, self.services.framework.budget.default_max_visits)]

    async def _forget(self, incoming: Incoming, command: Command) -> list[Reply]:
        count = len(await self.services.programs.list_programs(incoming.tenant))
        return await self.dialogs.start(incoming, forget.KIND, {"count": count})

    async def _export(self, incoming: Incoming, command: Command) -> list[Reply]:
        plan = await current_plan(self.services, incoming.tenant)
        messages = await self.services.messages.history(incoming.tenant)
        return [
            Reply(
                text=f"Your data: {len(plan.programs)} program(s), your profile and"
                f" {len(messages)} logged message(s), as JSON and CSV.",
                files=export_files(plan, messages),
            )
        ]

    async def _check(self, incoming: Incoming, command: Command) -> list[Reply]:
        return [await checking.run_check(self.services, incoming.tenant, command)]

    async def _sent(self, incoming: Incoming, command: Command) -> list[Reply]:
        return [await checking.run_sent(self.services, incoming.tenant, command)]

    async def _replied(self, incoming: Incoming, command: Command) -> list[Reply]:
        return [await checking.run_replied(self.services, incoming.tenant, command)]

    # Errors phrased for people.

    def _problem(self, problem: Exception, incoming: Incoming) -> Reply:
        if isinstance(problem, ProgramNotFound):
            return self._not_found(problem, incoming)
        if isinstance(problem, CommandError):
            return self._command_error(problem)
        return Reply(text=_sentence(str(problem)))

    def _not_found(self, missing: ProgramNotFound, incoming: Incoming) -> Reply:
        reply = Reply(text=_sentence(str(missing)))
        try:
            command = parse_command(incoming.text) if incoming.text else None
        except CommandError:
            command = None
        if command is not None and command.name == "check":
            reply.text += (
                " If the words before the colon are part of your message, put -- in front:"
                " check -- <message>"
            )
        if missing.suggestion and command is not None:
            fixed = replace(command, program=missing.suggestion)
            reply.choices = choices(
                command_choice(f"Yes: {to_text(fixed)}"[:75], fixed, ChoiceStyle.primary)
            )
        return reply

    def _command_error(self, problem: CommandError) -> Reply:
        reply = Reply(text=str(problem))
        if problem.suggestion:
            try:
                fixed = parse_command(problem.suggestion)
            except CommandError:
                return reply
            reply.choices = choices(
                command_choice(f"Run: {problem.suggestion}"[:75], fixed, ChoiceStyle.primary)
            )
        return reply
