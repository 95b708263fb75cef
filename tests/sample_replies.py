"""Realistic core replies, as the conversation builds them, for the chat adapters' render
tests (Slack Block Kit, Discord embeds): a program and its recommendation, a plan of many
programs, a confirmation with every button style, and dialog questions of each kind (pick
one, pick many, typed in words).
"""

from __future__ import annotations

from typing import Any

from core.conversation import interview, profile_dialog
from core.conversation.flow import question
from core.conversation.views import plan_reply
from core.models import Program, Recommendation, Verdict
from core.replies import Choice, ChoiceStyle, Reply
from core.storage.dialogs import DialogState


def program(name: str, **scores: Any) -> Program:
    return Program(name=name, uncertainty=2, importance=3, travel=1, **scores)


def recommendation(name: str, verdict: Verdict = Verdict.prioritize) -> Recommendation:
    return Recommendation(
        name=name,
        verdict=verdict,
        priority=7.5,
        rule=6,
        reasons=["High importance and real uncertainty: a visit can change your rank list."],
        next_step="Email the coordinator this week and ask for a second-look date.",
        expected_effect="Could move the program on your rank list.",
    )


def big_plan(count: int, name: str) -> Reply:
    """The plan for ``count`` programs named ``name.format(n=n)`` for n = 0…count-1 (each
    platform names them with what its renderer must escape, e.g. ``"Program {n:02d} & Sons"``)."""
    programs = [program(name.format(n=n)) for n in range(count)]
    recs = {p.name: recommendation(p.name, Verdict.consider) for p in programs}
    return plan_reply(programs, recs, budget=2)


def delete_confirmation(*more: Choice) -> Reply:
    """Asks before removing Rush: a danger, a primary and a plain choice, then ``more``."""
    return Reply(
        text="Delete Rush and everything stored about it?",
        choices=[
            Choice(id="cmd:remove Rush", label="Delete", style=ChoiceStyle.danger),
            Choice(id="cmd:plan", label="Keep it", style=ChoiceStyle.primary),
            Choice(id="cmd:help", label="Help"),
            *more,
        ],
    )


def goals_question() -> Reply:
    """Pick any: the interview's goals, in dialog 9e3b5a1f."""
    state = DialogState("interview", "goals", {"name": "Rush", "known": ["name"]}, [], "9e3b5a1f")
    return question(interview.build(None), state)  # type: ignore[arg-type]


def visa_question() -> Reply:
    """Pick one of many: the profile's visa question, in dialog 4c1e9a7b."""
    state = DialogState("profile", "visa", {}, ["img", "in_us"], "4c1e9a7b")
    return question(profile_dialog.build(None), state)  # type: ignore[arg-type]


def location_question() -> Reply:
    """Answered in words: the interview's location question, no choices."""
    state = DialogState("interview", "location", {"name": "Rush", "known": ["name"]}, [], "5d2c")
    return question(interview.build(None), state)  # type: ignore[arg-type]
