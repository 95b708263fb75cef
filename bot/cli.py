"""The ``secondlook`` command line.

Exit codes: 0 done, 2 bad input (one line on stderr says what was expected),
1 anything else (a database that cannot be reached, say). Never a traceback.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy.exc import SQLAlchemyError

from adapters.terminal.chat import FAREWELL, TerminalChat
from adapters.terminal.render import render
from adapters.terminal.tables import plan_report, profile_lines, programs_table
from bot import cli_visit, discord_main, slack_main
from bot.container import Container, build
from bot.logs import configure as configure_logging
from bot.settings import Settings
from core.compliance import check
from core.compliance.jsonio import check_json, read_message
from core.conversation.checking import check_reply
from core.framework import load_config, max_visits, recommend_tracked
from core.framework.jsonio import recommend_json
from core.identity import Tenant
from core.models import ContactRole, Goal, InterestSignal, Policy, ProgramType, Status, Visa
from core.storage import ProgramExists, ProgramNotFound
from core.storage.migrate import current_revision, head_revision, upgrade
from core.storage.urls import BadDatabaseUrl
from core.validation import InputProblem

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT = 0, 1, 2
USER_ERRORS = (
    InputProblem,
    ProgramExists,
    ProgramNotFound,
    BadDatabaseUrl,
    slack_main.SlackSetupError,
    discord_main.DiscordSetupError,
)


class UsageError(Exception):
    """Bad command-line input caught before the core sees it."""


def local_tenant() -> Tenant:
    """The person at this terminal: their own data, apart from every chat workspace."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "local"
    return Tenant("terminal", "local", user[:64] or "local")


def _values(enum: Any) -> str:
    return ", ".join(member.value for member in enum)


PROGRAM_OPTIONS: list[tuple[str, str, str]] = [
    ("--uncertainty", "uncertainty", "0-3: 0 = fit is very clear, 3 = very uncertain"),
    ("--importance", "importance", "0-3: 0 = low, 3 = dream / top choice"),
    ("--travel", "travel", "0-3: 0 = very easy, 3 = very hard or expensive"),
    ("--type", "program_type", _values(ProgramType)),
    ("--policy", "policy", _values(Policy)),
    ("--goals", "goals", f"comma-separated: {_values(Goal)}"),
    ("--interest", "interest_signal", _values(InterestSignal)),
    ("--status", "status", _values(Status)),
    ("--specialty", "specialty", "e.g. Internal Medicine"),
    ("--city", "city", "city of the program"),
    ("--state", "state", "state of the program"),
    ("--interview-date", "interview_date", "YYYY-MM-DD"),
    ("--visit-date", "visit_date", "YYYY-MM-DD"),
    ("--notes", "notes", "free text, up to 2000 characters"),
    ("--contact", "contact_name", 'whom you write to, e.g. "Dr. Lee"'),
    ("--contact-role", "contact_role", _values(ContactRole)),
    ("--offered-dates", "offered_dates", "dates the program offered: YYYY-MM-DD,YYYY-MM-DD"),
    ("--visit-detail", "visit_detail", "one detail from the visit, for the thank-you"),
    ("--concerns", "concerns", "what you still need to learn there, comma-separated"),
]

PROFILE_OPTIONS: list[tuple[str, str, str]] = [
    ("--visa", "visa", _values(Visa)),
    ("--home-city", "home_city", "where you live now"),
    ("--home-state", "home_state", "state or country"),
    ("--max-visits", "max_visits", "1-3 second looks you can make"),
    ("--interviews-attended", "interviews_attended", "how many interviews you have done"),
    ("--interviews-needed", "interviews_needed", "how many you want in all"),
    ("--name", "name", "your name, as you sign emails"),
    ("--arrival", "arrival_date", "YYYY-MM-DD you reach the US, if abroad"),
]


def _add_field_options(
    parser: argparse.ArgumentParser, options: list[tuple[str, str, str]]
) -> None:
    for flag, dest, help_text in options:
        parser.add_argument(flag, dest=dest, metavar="VALUE", help=help_text)


def _changes(
    args: argparse.Namespace, options: list[tuple[str, str, str]], flags: Sequence[str] = ()
) -> dict[str, Any]:
    """Only what the user typed: an option left out leaves the stored value alone."""
    names = [dest for _, dest, _ in options] + list(flags)
    return {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="secondlook",
        description="Decide, plan and write second-look visits for the residency Match.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    recommend = commands.add_parser(
        "recommend",
        help="verdicts for your tracked programs, or for a JSON plan",
        description="Without --json: a table for the programs you track. With --json: read a"
        ' plan ({"applicant": {...}, "programs": [...]}) from FILE or stdin, print verdicts.',
    )
    recommend.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="FILE",
        help="read a JSON plan from FILE ('-' or nothing: stdin)",
    )

    checker = commands.add_parser(
        "check",
        help="read a message to (or from) a program against the Match communication rules",
        description="Read a message you mean to send to a program (or, with --from-program,"
        " one a program sent you) and say what breaks the NRMP communication rules: the"
        ' words, the rule, the severity and a safer rewrite. Input: plain text, or {"text":'
        ' "..."}. Exit 0 whatever the verdict; 2 when the input cannot be read.',
    )
    checker.add_argument(
        "--json", action="store_true", help='print {"verdict", "findings", "notes"} as JSON'
    )
    checker.add_argument(
        "--from-program",
        dest="from_program",
        action="store_true",
        help="the message is one a program sent you",
    )
    checker.add_argument(
        "file",
        nargs="?",
        default="-",
        metavar="FILE",
        help="the message, as text or a JSON object with a text field ('-' or nothing: stdin)",
    )

    programs = commands.add_parser("programs", help="the programs you track")
    actions = programs.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="start tracking a program")
    add.add_argument("name", help="the program's name (quote it if it has spaces)")
    _add_field_options(add, PROGRAM_OPTIONS)
    add.add_argument(
        "--declined",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="the program said no to your request",
    )
    update = actions.add_parser("update", help="change fields of a tracked program")
    update.add_argument("name")
    update.add_argument("--name", dest="new_name", metavar="NEW", help="rename the program")
    _add_field_options(update, PROGRAM_OPTIONS)
    update.add_argument("--declined", action=argparse.BooleanOptionalAction, default=None)
    actions.add_parser("list", help="list your programs")
    remove = actions.add_parser("remove", help="stop tracking a program and delete its data")
    remove.add_argument("name")
    cli_visit.add_parsers(commands)

    profile = commands.add_parser("profile", help="show or change your applicant profile")
    profile.add_argument(
        "--img",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="you are an international medical graduate",
    )
    profile.add_argument(
        "--in-us",
        dest="in_us",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="you are in the US now",
    )
    _add_field_options(profile, PROFILE_OPTIONS)

    commands.add_parser(
        "chat",
        help="talk to SecondLook in this terminal (the same conversation as on Slack)",
        description="The conversation in a terminal. Type help inside; quit or Ctrl-D leaves"
        " and an unfinished question waits for next time. Works with piped input too.",
    )

    slack_main.add_parser(commands)
    discord_main.add_parser(commands)

    db = commands.add_parser("db", help="database schema")
    db_actions = db.add_subparsers(dest="action", metavar="ACTION", required=True)
    db_actions.add_parser("upgrade", help="apply migrations up to the newest")
    db_actions.add_parser("current", help="show the schema revision")
    return parser


def _read_input(source: str, stdin: TextIO) -> str:
    if source == "-":
        return stdin.read()
    try:
        return Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "not UTF-8 text"
        raise InputProblem([f"cannot read {source}: {reason}"]) from None


def _read_bytes(source: str, stdin: TextIO) -> str:
    """The whole input as UTF-8 text; a file or stdin that cannot be read is an InputProblem."""
    name = "stdin" if source == "-" else source
    try:
        if source == "-":
            buffer = getattr(stdin, "buffer", None)
            data = buffer.read() if buffer is not None else stdin.read()
        else:
            data = Path(source).read_bytes()
        return data.decode("utf-8-sig") if isinstance(data, bytes) else data
    except UnicodeDecodeError:
        raise InputProblem([f"cannot read {name}: not UTF-8 text"]) from None
    except OSError as error:
        raise InputProblem([f"cannot read {name}: {error.strerror or 'unreadable'}"]) from None


def _check(args: argparse.Namespace, stdin: TextIO) -> str:
    text = read_message(_read_bytes(args.file, stdin))
    side = "program" if args.from_program else "applicant"
    if args.json:
        return check_json(text, side)
    result = check(text, side)
    return f"Verdict: {result.verdict.value}. " + render(check_reply(result, side))


async def _with_container(settings: Settings, work: Callable[[Container], Awaitable[str]]) -> str:
    container = await build(settings)
    try:
        return await work(container)
    finally:
        await container.close()


async def _programs(args: argparse.Namespace, app: Container) -> str:
    tenant = local_tenant()
    store = app.programs
    if args.action == "list":
        return programs_table(await store.list_programs(tenant))
    if args.action == "remove":
        removed = await store.remove_program(tenant, args.name)
        return f"Removed {removed.name} and everything stored about it."
    changes = _changes(args, PROGRAM_OPTIONS, ["declined"])
    if args.action == "add":
        program = await store.add_program(tenant, {"name": args.name, **changes})
        verb = "Added"
    else:
        if args.new_name is not None:
            changes["name"] = args.new_name
        if not changes:
            raise UsageError("nothing to change: give at least one option, e.g. --travel 2")
        program = await store.update_program(tenant, args.name, changes)
        verb = "Updated"
    hint = ""
    if program.missing_scores:
        hint = f"\nStill missing: {', '.join(program.missing_scores)} (0-3) for a verdict."
    return f"{verb} {program.name}.{hint}\n" + programs_table([program])


async def _recommend_tracked(app: Container) -> str:
    tenant = local_tenant()
    programs = await app.programs.list_programs(tenant)
    profile = await app.programs.get_profile(tenant)
    recommendations = recommend_tracked(programs, profile, app.framework)
    return plan_report(programs, recommendations, max_visits(profile, app.framework))


async def _profile(args: argparse.Namespace, app: Container) -> str:
    tenant = local_tenant()
    changes = _changes(args, PROFILE_OPTIONS, ["img", "in_us"])
    if changes:
        profile = await app.programs.update_profile(tenant, changes)
    else:
        profile = await app.programs.get_profile(tenant)
    return profile_lines(profile, app.framework.budget.default_max_visits)


async def _db(args: argparse.Namespace, settings: Settings) -> str:
    container = await build(settings, migrate=False)
    try:
        if args.action == "upgrade":
            await upgrade(container.database)
        revision = await current_revision(container.database)
        state = (
            "up to date" if revision == head_revision() else f"behind (head is {head_revision()})"
        )
        return f"{container.database.describe()}: revision {revision or 'none'}, {state}"
    finally:
        await container.close()


async def _chat(settings: Settings, stdin: TextIO, stdout: TextIO) -> str:
    container = await build(settings)
    try:
        chat = TerminalChat(
            container.assistant,
            local_tenant(),
            settings.data_dir / "files",
            stdin,
            stdout,
            interactive=stdin.isatty() and stdout.isatty(),
        )
        await chat.run()
    finally:
        await container.close()
    return ""


def run(
    args: argparse.Namespace,
    settings: Settings,
    stdin: TextIO,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> str:
    if args.command == "check":
        return _check(args, stdin)
    if args.command == "recommend" and args.json is not None:
        text = _read_input(args.json, stdin)
        return recommend_json(text, load_config(settings.framework.rules_file))
    if args.command == "recommend":
        return asyncio.run(_with_container(settings, _recommend_tracked))
    if args.command == "programs":
        return asyncio.run(_with_container(settings, lambda app: _programs(args, app)))
    if args.command == "profile":
        return asyncio.run(_with_container(settings, lambda app: _profile(args, app)))
    if args.command in ("template", "questions", "dates"):
        handler = getattr(cli_visit, args.command)
        return asyncio.run(
            _with_container(
                settings, lambda app: handler(args, app, local_tenant(), stderr or sys.stderr)
            )
        )
    if args.command == "db":
        return asyncio.run(_db(args, settings))
    if args.command == "chat":
        return asyncio.run(_chat(settings, stdin, stdout or sys.stdout))
    if args.command == "slack":
        return asyncio.run(slack_main.run(args, settings))
    if args.command == "discord":
        return asyncio.run(discord_main.run(args, settings))
    raise UsageError(f"unknown command {args.command}")


def _quiet_stdout() -> None:
    """Point stdout at /dev/null so Python's flush at exit raises no second BrokenPipeError
    (the recipe in the signal module's documentation)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass  # stdout is not a real file (tests pass a StringIO): nothing to quiet


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
        configure_logging(settings.app.log_level, stderr)
        output = run(args, settings, stdin, stdout, stderr)
    except (*USER_ERRORS, UsageError) as error:
        print(f"secondlook: error: {error}", file=stderr)
        return EXIT_BAD_INPUT
    except (SQLAlchemyError, OSError) as error:
        log.debug("database failure", exc_info=True)
        print(
            f"secondlook: cannot use the database: {type(error).__name__}: "
            f"{str(error).splitlines()[0][:200]}",
            file=stderr,
        )
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"\n{FAREWELL}", file=stdout)
        return 130
    except Exception:  # the last line of defence: a user never sees a traceback
        log.debug("unexpected failure", exc_info=True)
        print(
            "secondlook: something went wrong inside SecondLook; run again with"
            " SECONDLOOK_LOG_LEVEL=DEBUG to see the details.",
            file=stderr,
        )
        return EXIT_FAILED
    if output:
        try:
            print(output, file=stdout, end="" if output.endswith("\n") else "\n")
            stdout.flush()
        except BrokenPipeError:  # `secondlook ... | head`: the reader left, which is fine
            _quiet_stdout()
    return EXIT_OK
