"""What an adapter hands the core: who said what, where, by typing, clicking or submitting."""

from __future__ import annotations

from dataclasses import dataclass, field

from core.identity import Tenant


@dataclass(frozen=True, slots=True)
class Incoming:
    """One user input, platform-neutral.

    ``channel`` keys the dialog: the same user in two channels holds two conversations.
    ``text`` is what they typed (a slash command's arguments, a DM, a terminal line);
    ``action`` is the id of a :class:`core.replies.Choice` they picked; ``form_id`` and
    ``form_values`` are a submitted :class:`core.replies.Form`. ``direct`` is a DM.
    """

    tenant: Tenant
    channel: str
    text: str = ""
    action: str | None = None
    form_id: str | None = None
    form_values: dict[str, str | list[str]] = field(default_factory=dict)
    direct: bool = False
    # Typed as a slash command: always a command, never an answer to an open question.
    command: bool = False
    # The surface can open a form (modal) for this input: the interview comes as one form.
    forms: bool = False
