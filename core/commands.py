"""The one command grammar every surface shares (architecture rule 4).

Slack's ``/secondlook score …``, Discord's subcommand and the terminal's ``score …`` all
end up here as text. :func:`parse_command` turns it into a :class:`Command` or raises a
:class:`CommandError` phrased for the user; :func:`to_text` writes a command back as text
that parses to the same command (buttons carry these texts). Pure: no I/O, no database.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from rapidfuzz import fuzz, process

from core.models import (
    MAX_NAME_LENGTH,
    SCORE_FIELDS,
    MessageKind,
    Program,
    Status,
    normalize_token,
)

__all__ = [
    "ALIASES",
    "COMMANDS",
    "FIELDS",
    "FIELD_ALIASES",
    "KIND_ALIASES",
    "MAX_INPUT",
    "STATUS_ALIASES",
    "USAGE",
    "Command",
    "CommandError",
    "Token",
    "parse_command",
    "to_text",
    "tokenize",
]

MAX_INPUT = 2000

COMMANDS = (
    "help",
    "score",
    "add",
    "plan",
    "show",
    "set",
    "status",
    "remove",
    "profile",
    "forget",
    "export",
    "check",
    "sent",
    "replied",
    "template",
    "questions",
    "dates",
    "debrief",
    "share",
    "unshare",
    "group",
    "policy",
    "trips",
    "calendar",
)

ALIASES = MappingProxyType(
    {
        "?": "help",
        "delete": "remove",
        "rm": "remove",
        "view": "show",
        "list": "plan",
        "programs": "plan",
    }
)

USAGE = MappingProxyType(
    {
        "help": "help [topic]",
        "score": "score [<program> [uncertainty] [importance] [travel]]",
        "add": "add <program>",
        "plan": "plan [chart]",
        "show": "show <program>",
        "set": "set <program> <field> <value>",
        "status": "status <program> <status>",
        "remove": "remove <program>",
        "profile": "profile [edit]",
        "forget": "forget me",
        "export": "export",
        "check": "check [--from-program | to <program>:] <message>",
        "sent": "sent <program> <kind> [YYYY-MM-DD] [first-choice]",
        "replied": "replied <program>",
        "template": "template [<kind>] <program>",
        "questions": "questions <program>",
        "dates": "dates <program>",
        "debrief": "debrief <program>",
        "share": "share",
        "unshare": "unshare",
        "group": "group",
        "policy": "policy <program> <welcome|neutral|discouraged|not_offered> [source]",
        "trips": "trips",
        "calendar": "calendar",
    }
)

FIELDS: tuple[str, ...] = tuple(Program.model_fields)

# Every spelling ``set`` accepts for a field (after lower-casing and '-' → '_').
FIELD_ALIASES = MappingProxyType(
    {
        **{name: name for name in FIELDS},
        "type": "program_type",
        "interest": "interest_signal",
        "signal": "interest_signal",
        "u": "uncertainty",
        "i": "importance",
        "t": "travel",
        "goal": "goals",
        "interview": "interview_date",
        "visit": "visit_date",
        "note": "notes",
        "contact": "contact_name",
        "role": "contact_role",
        "offered": "offered_dates",
        "dates": "offered_dates",
        "detail": "visit_detail",
        "concern": "concerns",
    }
)

STATUS_ALIASES = MappingProxyType(
    {
        **{status.value: status.value for status in Status},
        "consider": Status.considering.value,
        "request": Status.requested.value,
        "schedule": Status.scheduled.value,
        "visit": Status.visited.value,
        "declined": Status.declined_by_program.value,
        "skip": Status.skipped.value,
    }
)

# Every spelling ``template`` accepts for a kind of email (after normalize_token).
TEMPLATE_KINDS = (
    "request",
    "confirm",
    "thank_you",
    "decline_reply",
    "interest",
    "virtual_request",
    "resident_note",
)
TEMPLATE_ALIASES = MappingProxyType(
    {
        **{kind: kind for kind in TEMPLATE_KINDS},
        "thanks": "thank_you",
        "thankyou": "thank_you",
        "confirmation": "confirm",
        "decline": "decline_reply",
        "virtual": "virtual_request",
        "resident": "resident_note",
    }
)

# Every spelling ``sent`` accepts for a kind of message (after normalize_token).
KIND_ALIASES = MappingProxyType(
    {
        **{kind.value: kind.value for kind in MessageKind},
        "thanks": MessageKind.thank_you.value,
        "thankyou": MessageKind.thank_you.value,
        "followup": MessageKind.follow_up.value,
        "confirmation": MessageKind.confirm.value,
    }
)
FIRST_CHOICE_WORDS = frozenset({"first_choice", "firstchoice"})

PREFIXES = ("/secondlook", "secondlook")
DOUBLE_QUOTES = '"“”'
SINGLE_QUOTES = "'‘’"
QUOTES = tuple(DOUBLE_QUOTES + SINGLE_QUOTES)
FUZZY_CUTOFF = 75
_INTEGER = re.compile(r"[+-]?[0-9]+")
# Looks like numbers but is no whole number: "2.5", "2,", "2,3,1", "3/5".
_NUMBERISH = re.compile(r"[0-9.,;/+-]*[0-9][0-9.,;/+-]*")
_NUMBER_LIST = re.compile(r"[0-9]+(?:[,;][0-9]+)*[,;]?")
# check's text is taken raw, before any tokenizing: a message may hold "don't" or a lone quote.
_CHECK_HEAD = re.compile(r"\s*(?:/?secondlook\s+)?check(?=\s|$)", re.IGNORECASE)
_FROM_PROGRAM = re.compile(r"(?:--from-program(?=\s|$)|from\s+program\s*:)", re.IGNORECASE)
_TO_PROGRAM = re.compile(r"to\s+", re.IGNORECASE)
_END_OF_OPTIONS = re.compile(r"--(?=\s|$)")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATEISH = re.compile(r"[0-9]{1,4}[-/.][0-9]{1,2}[-/.][0-9]{1,4}")


@dataclass(frozen=True, slots=True)
class Command:
    """One parsed command; which fields are set depends on ``name``."""

    name: str
    program: str | None = None
    scores: tuple[int, ...] = ()
    field: str | None = None
    value: str | None = None
    topic: str | None = None


@dataclass(frozen=True, slots=True)
class Token:
    """A word of input; ``quoted`` when it was written in quotes, ``raw`` as typed."""

    text: str
    quoted: bool = False
    raw: str = field(default="", compare=False)

    @property
    def typed(self) -> str:
        return self.raw or self.text


class CommandError(ValueError):
    """Input that is not a command; ``message`` is shown to the user as is."""

    def __init__(self, message: str, suggestion: str | None = None):
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion


# --- Tokens ------------------------------------------------------------------------------


def tokenize(text: str) -> list[Token]:
    """Split on whitespace; a word starting with a quote runs to its closing quote.

    Raises :class:`CommandError` for a quote that is never closed.
    """
    tokens: list[Token] = []
    index, length = 0, len(text)
    while index < length:
        if text[index].isspace():
            index += 1
        elif text[index] in QUOTES:
            end = _closing_quote(text, index)
            tokens.append(Token(text[index + 1 : end], True, text[index : end + 1]))
            index = end + 1
        else:
            end = index
            while end < length and not text[end].isspace():
                end += 1
            tokens.append(Token(text[index:end], False, text[index:end]))
            index = end
    return tokens


def _closing_quote(text: str, start: int) -> int:
    """The closing quote of the quote at ``start``: same family, then a space or the end."""
    family = DOUBLE_QUOTES if text[start] in DOUBLE_QUOTES else SINGLE_QUOTES
    glued = False
    for index in range(start + 1, len(text)):
        if text[index] in family:
            if index + 1 == len(text) or text[index + 1].isspace():
                return index
            glued = True
    quote = text[start]
    if glued:
        raise CommandError(
            f"A quote ({quote}) is never closed: a closing quote must be followed by a space. "
            'For example: score "Area 51" 2 3 1'
        )
    raise CommandError(f'A quote ({quote}) is never closed. For example: score "Area 51" 2 3 1')


def _words(tokens: Sequence[Token]) -> str:
    """The tokens' texts, quotes removed, whitespace collapsed to single spaces."""
    return " ".join(" ".join(token.text for token in tokens).split())


def _typed(tokens: Sequence[Token]) -> str:
    return " ".join(token.typed for token in tokens)


def _shown(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _closest(word: str, candidates: Sequence[str]) -> tuple[str, float] | None:
    """The candidate most like ``word`` (edit-distance ratio), if close enough to suggest."""
    match = process.extractOne(
        word.lower(), candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
    )
    return (match[0], match[1]) if match else None


def _listed(names: Sequence[str]) -> str:
    return ", ".join(names)


# --- Parsing -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Input:
    """What a command's parser gets: the command word as typed and the words after it."""

    word: Token
    args: tuple[Token, ...]
    suggest: bool

    def suggestion(self, *parts: str) -> str | None:
        """``parts`` as a command text, offered only when it parses."""
        if not self.suggest:
            return None
        text = " ".join(part for part in parts if part)
        try:
            _parse(text, suggest=False)
        except CommandError:
            return None
        return text


def parse_command(text: str) -> Command:
    """Parse one line of user input; raise :class:`CommandError` when it is no command."""
    return _parse(text, suggest=True)


def _parse(text: str, *, suggest: bool) -> Command:
    if len(text) > MAX_INPUT:
        raise CommandError(
            f"That message is {len(text):,} characters long; "
            f"a command can be at most {MAX_INPUT:,} characters."
        )
    head = _CHECK_HEAD.match(text)
    if head:
        return _parse_check(text[head.end() :])
    tokens = tokenize(text)
    if tokens and not tokens[0].quoted and tokens[0].text.lower() in PREFIXES:
        tokens = tokens[1:]
    if not tokens:
        return Command("help")
    word = tokens[0].text.lower()
    name = ALIASES.get(word, word)
    given = _Input(tokens[0], tuple(tokens[1:]), suggest)
    handler = _PARSERS.get(name)
    if handler is None:
        raise _unknown_command(given)
    return handler(given)


def _unknown_command(given: _Input) -> CommandError:
    typed = given.word.text
    match = _closest(typed, [*COMMANDS, *(alias for alias in ALIASES if alias != "?")])
    hint = f" Did you mean '{match[0]}'?" if match else ""
    suggestion = given.suggestion(match[0], _typed(given.args)) if match else None
    return CommandError(
        f"Unknown command '{_shown(typed)}'.{hint} Commands: {_listed(COMMANDS)}.", suggestion
    )


def _usage_error(name: str, what: str) -> CommandError:
    return CommandError(f"{what}. Usage: {USAGE[name]}")


def _program(tokens: Sequence[Token], name: str) -> str:
    """The program name the tokens spell, checked for presence and length."""
    program = _words(tokens)
    if not program:
        raise _usage_error(name, f"{name} needs a program name")
    if len(program) > MAX_NAME_LENGTH:
        raise CommandError(
            f"Program names are at most {MAX_NAME_LENGTH} characters; that one has {len(program)}."
        )
    return program


def _parse_help(given: _Input) -> Command:
    topic = _words(given.args).lower()
    return Command("help", topic=topic or None)


def _parse_program_only(name: str) -> Callable[[_Input], Command]:
    def parse(given: _Input) -> Command:
        if not given.args:
            raise _usage_error(name, f"{name} needs a program name")
        return Command(name, program=_program(given.args, name))

    return parse


def _parse_bare(name: str) -> Callable[[_Input], Command]:
    def parse(given: _Input) -> Command:
        if given.args:
            raise CommandError(
                f"{given.word.text.lower()} takes no arguments.", given.suggestion(name)
            )
        return Command(name)

    return parse


def _parse_profile(given: _Input) -> Command:
    if not given.args:
        return Command("profile")
    if len(given.args) == 1 and given.args[0].text.lower() == "edit":
        return Command("profile", value="edit")
    close = len(given.args) == 1 and _closest(given.args[0].text, ["edit"])
    raise CommandError(
        "profile takes nothing or the word edit: profile, or profile edit.",
        given.suggestion("profile", "edit") if close else None,
    )


CHART_WORDS = frozenset({"chart", "charts", "picture", "pictures", "png"})


def _parse_plan(given: _Input) -> Command:
    """``plan``, or ``plan chart`` for the plan with its pictures attached."""
    if not given.args:
        return Command("plan")
    if len(given.args) == 1 and given.args[0].text.lower() in CHART_WORDS:
        return Command("plan", value="chart")
    close = len(given.args) == 1 and _closest(given.args[0].text, ["chart"])
    raise CommandError(
        f"{given.word.text.lower()} takes nothing or the word chart: plan, or plan chart"
        " (with pictures).",
        given.suggestion("plan", "chart") if close else given.suggestion("plan"),
    )


# Every spelling ``policy`` accepts (after normalize_token); "not offered" may be two words.
POLICY_ALIASES = MappingProxyType(
    {
        "welcome": "welcome",
        "welcomes": "welcome",
        "welcoming": "welcome",
        "neutral": "neutral",
        "discouraged": "discouraged",
        "discourage": "discouraged",
        "discourages": "discouraged",
        "not_offered": "not_offered",
        "notoffered": "not_offered",
        "none": "not_offered",
    }
)


def _parse_policy(given: _Input) -> Command:
    """``policy <program> <policy> [source]``: the first policy word ends the program name."""
    args = given.args
    for index, token in enumerate(args):
        if index == 0 or token.quoted:
            continue  # the program comes first, and a quoted word is part of a name
        word = normalize_token(token.text)
        after = 1
        following = normalize_token(args[index + 1].text) if index + 1 < len(args) else ""
        if word == "not" and following == "offered":
            word, after = "not_offered", 2
        if word in POLICY_ALIASES:
            source = _words(args[index + after :])
            return Command(
                "policy",
                program=_program(args[:index], "policy"),
                value=POLICY_ALIASES[word],
                topic=source[:300] or None,
            )
    raise _usage_error(
        "policy",
        "policy needs a program and what it said: welcome, neutral, discouraged or not_offered",
    )


def _parse_forget(given: _Input) -> Command:
    if len(given.args) == 1 and given.args[0].text.lower() == "me":
        return Command("forget")
    # No suggestion on purpose: a button should never lead to deleting everything.
    raise CommandError(
        'To delete everything SecondLook keeps about you, type exactly "forget me"; '
        "you will be asked to confirm first."
    )


# --- score -------------------------------------------------------------------------------


def _score_value(token: Token) -> int | None:
    """The token's integer, or None when it is not a plain whole number."""
    if token.quoted or not _INTEGER.fullmatch(token.text):
        return None
    return int(token.text)


def _check_scores(scores: Sequence[int]) -> None:
    bad = [
        f"{value} ({SCORE_FIELDS[position]})"
        for position, value in enumerate(scores)
        if not 0 <= value <= 3
    ]
    if bad:
        verb = "is" if len(bad) == 1 else "are"
        raise CommandError(
            "Scores are whole numbers 0-3, in the order uncertainty, importance, travel; "
            f"{' and '.join(bad)} {verb} not."
        )


def _spaced_numbers(tokens: Sequence[Token]) -> list[str] | None:
    """ "2," "3,1" → ["2", "3", "1"] when every token is numbers and separators only."""
    if not all(not t.quoted and _NUMBER_LIST.fullmatch(t.text) for t in tokens):
        return None
    return [number for t in tokens for number in re.findall(r"[0-9]+", t.text)]


def _parse_score(given: _Input) -> Command:
    args = given.args
    if not args:
        return Command("score")  # the interview asks for the program first
    if args[0].quoted:
        return _score_quoted(given)
    run = 0
    while run < len(args) and _score_value(args[-1 - run]) is not None:
        run += 1
    numberish = run
    while numberish < len(args) and _is_numberish(args[-1 - numberish]):
        numberish += 1
    if numberish > run:
        _reject_numberish(given, len(args) - numberish)
    run = min(run, 3)
    name_tokens, score_tokens = args[: len(args) - run], args[len(args) - run :]
    if not name_tokens:
        raise _usage_error("score", "Give a program name before the scores")
    scores = [int(token.text) for token in score_tokens]
    program = _program(name_tokens, "score")
    try:
        _check_scores(scores)
    except CommandError as error:
        raise _maybe_part_of_name(given, error, name_tokens, score_tokens) from None
    return Command("score", program=program, scores=tuple(scores))


def _is_numberish(token: Token) -> bool:
    return not token.quoted and _NUMBERISH.fullmatch(token.text) is not None


def _reject_numberish(given: _Input, start: int) -> None:
    """Numbers that are not whole numbers after the name: "2.5", "2,3,1", "2," …"""
    name_tokens, tail = given.args[:start], given.args[start:]
    odd = next(t.text for t in tail if _score_value(t) is None)
    numbers = _spaced_numbers(tail)
    suggestion = (
        given.suggestion("score", _typed(name_tokens), *numbers)
        if numbers and name_tokens
        else None
    )
    raise CommandError(
        "Scores are whole numbers 0-3 separated by spaces (uncertainty, importance, travel); "
        f"'{_shown(odd)}' is not one. If it is part of the program's name, put the name in quotes.",
        suggestion,
    )


def _maybe_part_of_name(
    given: _Input, error: CommandError, name_tokens: Sequence[Token], scores: Sequence[Token]
) -> CommandError:
    """ "score Area 51 2": offer the quoted name when big numbers lead the scores."""
    leading = list(itertools.takewhile(lambda t: t.text.isdigit() and int(t.text) > 9, scores))
    rest = scores[len(leading) :]
    if not leading or any(not 0 <= (_score_value(t) or 0) <= 3 for t in rest):
        return error
    name = _words([*name_tokens, *leading])
    suggestion = given.suggestion("score", _quoted_name(name), *(t.text for t in rest))
    hint = f" If {_words(leading)} is part of the name, put the name in quotes."
    return CommandError(error.message + hint, suggestion)


def _score_quoted(given: _Input) -> Command:
    program = _program(given.args[:1], "score")
    rest = given.args[1:]
    values = [_score_value(token) for token in rest]
    if None in values:
        odd = rest[values.index(None)].text
        numbers = _spaced_numbers(rest)
        suggestion = given.suggestion("score", given.args[0].typed, *numbers) if numbers else None
        raise CommandError(
            "After the program name only scores may follow: up to three whole numbers 0-3 "
            f"(uncertainty, importance, travel); '{_shown(odd)}' is not one.",
            suggestion,
        )
    if len(values) > 3:
        raise CommandError(
            "At most three scores may follow the program name: uncertainty, importance, travel."
        )
    scores = [value or 0 for value in values]
    _check_scores(scores)
    return Command("score", program=program, scores=tuple(scores))


# --- set ---------------------------------------------------------------------------------


def _field_name(text: str) -> str | None:
    return FIELD_ALIASES.get(str(normalize_token(text)))


def _field_of(token: Token) -> str | None:
    """The field an unquoted word names; quoting a word keeps it in the program's name."""
    return None if token.quoted else _field_name(token.text)


def _parse_set(given: _Input) -> Command:
    args = given.args
    if len(args) < 2:
        raise _usage_error("set", "set needs a program, a field and a value")
    if args[0].quoted:
        field_at = 1 if _field_name(args[1].text) and len(args) > 2 else None
        candidates = range(1, 2)
    else:
        field_at = next((i for i in range(1, len(args) - 1) if _field_of(args[i])), None)
        candidates = range(1, len(args))
    if field_at is None:
        last = args[-1]
        named = _field_name(last.text) if args[0].quoted else _field_of(last)
        if named and len(args) - 1 in candidates:
            raise _usage_error("set", f"Give a value after {last.text}")
        raise _no_field(given, candidates)
    value = _words(args[field_at + 1 :])
    if not value:
        raise _usage_error("set", f"Give a value after {args[field_at].text}")
    field_name = _field_name(args[field_at].text)
    program = _program(args[:field_at], "set")
    return Command("set", program=program, field=field_name, value=value)


def _no_field(given: _Input, candidates: range) -> CommandError:
    """No field name found: list them, with a did-you-mean for a misspelt one."""
    keys = [key for key in FIELD_ALIASES if len(key) > 2]
    best: tuple[int, str, float] | None = None
    for index in candidates:
        token = given.args[index]
        match = None if token.quoted else _closest(str(normalize_token(token.text)), keys)
        if match and (best is None or match[1] > best[2]):
            best = (index, match[0], match[1])
    hint, suggestion = "", None
    if best is not None:
        index, key, _ = best
        hint = f" Did you mean '{key}'?"
        parts = [token.typed for token in given.args]
        parts[index] = key
        suggestion = given.suggestion("set", *parts)
    return CommandError(
        f"That set command names no field.{hint} Fields: {_listed(FIELDS)}.", suggestion
    )


# --- status ------------------------------------------------------------------------------


def _status_of(tokens: Sequence[Token]) -> str | None:
    return STATUS_ALIASES.get(str(normalize_token(_words(tokens))))


def _parse_status(given: _Input) -> Command:
    args = given.args
    statuses = _listed([status.value for status in Status])
    if not args:
        raise _usage_error("status", "Say which program and its status")
    for width in (3, 2, 1):
        if len(args) > width and (status := _status_of(args[-width:])):
            program = _program(args[:-width], "status")
            return Command("status", program=program, value=status)
    if len(args) == 1:
        if _status_of(args):
            raise _usage_error("status", "Give the program name before the status")
        raise CommandError(f"Give a status after the program name. Statuses: {statuses}.")
    last = args[-1]
    keys = [key for key in STATUS_ALIASES if len(key) > 2]
    match = _closest(str(normalize_token(last.text)), keys)
    hint = f" Did you mean '{match[0]}'?" if match else ""
    suggestion = given.suggestion("status", _typed(args[:-1]), match[0]) if match else None
    raise CommandError(
        f"Unknown status '{_shown(last.text)}'.{hint} Statuses: {statuses}.", suggestion
    )


# --- check ------------------------------------------------------------------------------


def _parse_check(rest: str) -> Command:
    """``check [--from-program | from program: | to <program>: | --] <message>``.

    The message is everything after that, as typed: spacing, newlines and quotes are
    kept, and only the whitespace around it is dropped.
    """
    body = rest.strip()
    topic = program = None
    if ends := _END_OF_OPTIONS.match(body):
        body = body[ends.end() :]
    elif side := _FROM_PROGRAM.match(body):
        topic, body = "program", body[side.end() :]
    elif to := _TO_PROGRAM.match(body):
        named = _addressee(body[to.end() :])
        if named is not None:
            program, body = named
    message = body.strip()
    if not message:
        raise _usage_error("check", "check needs the message to read")
    return Command("check", program=program, value=message, topic=topic)


def _addressee(text: str) -> tuple[str, str] | None:
    """ "Mayo: text" or "\"Mayo: Rochester\": text" → (name, text); None without a colon."""
    if text[:1] in QUOTES:
        family = DOUBLE_QUOTES if text[0] in DOUBLE_QUOTES else SINGLE_QUOTES
        for close in range(1, len(text)):
            after = text[close + 1 :].lstrip(" \t")
            if text[close] in family and after.startswith(":"):
                return _program([Token(text[1:close], True)], "check"), after[1:]
        return None
    line = text.split("\n", 1)[0]
    if ":" not in line:
        return None
    name, body = text.split(":", 1)
    if len(name.strip()) > MAX_NAME_LENGTH:
        return None  # a sentence with a colon in it, not a program's name
    return _program([Token(name, True)], "check"), body


# --- template ----------------------------------------------------------------------------


def _parse_template(given: _Input) -> Command:
    """``template <kind> <program>``; ``template <program>`` lists the kinds it offers."""
    args = given.args
    if not args:
        raise _usage_error("template", "template needs a program name")
    kind = None if args[0].quoted else TEMPLATE_ALIASES.get(str(normalize_token(args[0].text)))
    if kind is not None and len(args) == 1:
        raise _usage_error("template", f"Give the program after {args[0].text}")
    rest = args[1:] if kind else args
    return Command("template", program=_program(rest, "template"), field=kind)


# --- sent, replied -----------------------------------------------------------------------


def _parse_sent(given: _Input) -> Command:
    args = list(given.args)
    kinds = _listed([kind.value for kind in MessageKind])
    first = when = None
    for _ in range(2):
        last = args[-1] if len(args) > 1 else None
        if last is None or last.quoted:
            break
        if first is None and str(normalize_token(last.text)) in FIRST_CHOICE_WORDS:
            first = "first_choice"
        elif when is None and _DATEISH.fullmatch(last.text):
            when = _date(last.text)
        else:
            break
        args.pop()
    if not args:
        raise _usage_error("sent", "Say which program and what kind of message")
    for width in (2, 1):
        if len(args) > width and (kind := _kind(args[-width:])):
            program = _program(args[:-width], "sent")
            return Command("sent", program=program, field=kind, value=when, topic=first)
    if len(args) == 1:
        if _kind(args):
            raise _usage_error("sent", "Give the program name before the kind of message")
        raise CommandError(f"Give the kind of message after the program name. Kinds: {kinds}.")
    tail = [when or "", "first-choice" if first else ""]
    if kind := _kind(args[:1]):
        raise CommandError(
            "The program comes first, then the kind of message.",
            given.suggestion("sent", _typed(args[1:]), kind, *tail),
        )
    last = args[-1]
    keys = [key for key in KIND_ALIASES if len(key) > 2]
    match = _closest(str(normalize_token(last.text)), keys)
    hint = f" Did you mean '{match[0]}'?" if match else ""
    suggestion = given.suggestion("sent", _typed(args[:-1]), match[0], *tail) if match else None
    raise CommandError(
        f"Unknown kind of message '{_shown(last.text)}'.{hint} Kinds: {kinds}.", suggestion
    )


def _kind(tokens: Sequence[Token]) -> str | None:
    if any(token.quoted for token in tokens):
        return None
    return KIND_ALIASES.get(str(normalize_token(_words(tokens))))


def _date(text: str) -> str:
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError(text)
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise CommandError(
            f"'{_shown(text)}' is not a date I can read; write it as YYYY-MM-DD, e.g. 2027-02-04."
        ) from None


_PARSERS: MappingProxyType[str, Callable[[_Input], Command]] = MappingProxyType(
    {
        "help": _parse_help,
        "score": _parse_score,
        "add": _parse_program_only("add"),
        "plan": _parse_plan,
        "show": _parse_program_only("show"),
        "set": _parse_set,
        "status": _parse_status,
        "remove": _parse_program_only("remove"),
        "profile": _parse_profile,
        "forget": _parse_forget,
        "export": _parse_bare("export"),
        "check": lambda given: _parse_check(_typed(given.args)),
        "sent": _parse_sent,
        "replied": _parse_program_only("replied"),
        "template": _parse_template,
        "questions": _parse_program_only("questions"),
        "dates": _parse_program_only("dates"),
        "debrief": _parse_program_only("debrief"),
        "share": _parse_bare("share"),
        "unshare": _parse_bare("unshare"),
        "group": _parse_bare("group"),
        "policy": _parse_policy,
        "trips": _parse_bare("trips"),
        "calendar": _parse_bare("calendar"),
    }
)


# --- Writing commands back ---------------------------------------------------------------


def _quoted_name(name: str) -> str:
    return f"'{name}'" if '"' in name else f'"{name}"'


def _quote_word(word: str, first: bool) -> str:
    """A word that would read as a quote, or (after the first) as a number or a field,
    is written in double quotes."""
    special = word.startswith(QUOTES) or (
        not first and (_INTEGER.fullmatch(word) or _field_name(word))
    )
    return f'"{word}"' if special else word


def _word_by_word(text: str) -> str:
    """Each risky word quoted on its own: works where quoting the whole text cannot."""
    return " ".join(_quote_word(word, i == 0) for i, word in enumerate(text.split()))


def _name_forms(name: str) -> list[str]:
    """Ways to write a program name, the preferred first: quoted when it has a space,
    ends in a number or holds a quote."""
    words = name.split()
    needs_quotes = len(words) != 1 or words[-1].isdigit() or name.startswith(QUOTES)
    forms = [_quoted_name(name), f'"{name}"', f"'{name}'", name, _word_by_word(name)]
    if not needs_quotes:
        forms.insert(0, name)
    return list(dict.fromkeys(forms))


def _text_forms(text: str) -> list[str]:
    """Ways to write free text (a value, a topic), bare first."""
    return list(dict.fromkeys([text, f'"{text}"', f"'{text}'", _word_by_word(text)]))


def _slots(command: Command) -> list[list[str]]:
    name = command.name
    program = _name_forms(command.program) if command.program is not None else []
    if name == "help":
        return [["help"], *([_text_forms(command.topic)] if command.topic else [])]
    if name == "score":
        named = [program] if command.program is not None else []
        return [["score"], *named, *([str(score)] for score in command.scores)]
    if name == "set":
        value = _text_forms(command.value) if command.value is not None else []
        return [["set"], program, [command.field or ""], value]
    if name == "status":
        return [["status"], program, [command.value or ""]]
    if name == "check":
        return [["check"], _check_heads(command), [command.value or ""]]
    if name == "sent":
        when = [[command.value]] if command.value else []
        first = [["first-choice"]] if command.topic else []
        return [["sent"], program, [command.field or ""], *when, *first]
    if name in ("add", "show", "remove", "replied", "questions", "dates", "debrief"):
        return [[name], program]
    if name == "template":
        return [["template"], *([[command.field]] if command.field else []), program]
    if name == "policy":
        source = [_text_forms(command.topic)] if command.topic else []
        return [["policy"], program, [command.value or ""], *source]
    if name in ("profile", "plan"):
        return [[name], *([[command.value]] if command.value else [])]
    if name == "forget":
        return [["forget"], ["me"]]
    return [[name]]


def _check_heads(command: Command) -> list[str]:
    """What goes between check and the message: the side, or the addressee."""
    if command.topic == "program":
        return ["--from-program", "from program:"]
    if command.program is not None:
        return [f"to {form}:" for form in _name_forms(command.program)]
    return ["", "--"]


def _renderings(command: Command) -> Iterator[str]:
    for parts in itertools.product(*_slots(command)):
        yield " ".join(part for part in parts if part)


def to_text(command: Command) -> str:
    """Command text that parses back to ``command``; ValueError if there is none."""
    for text in _renderings(command):
        try:
            if _parse(text, suggest=False) == command:
                return text
        except CommandError:
            continue
    raise ValueError(f"{command!r} cannot be written as a command")
