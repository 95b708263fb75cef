"""The profile dialog: the applicant facts that change what a visit is worth."""

from __future__ import annotations

import datetime as dt

from core.conversation import answers
from core.conversation.answers import YES_NO, Option, Reask
from core.conversation.flow import Data, DialogSpec, Step
from core.conversation.services import Services
from core.conversation.views import profile_reply
from core.incoming import Incoming
from core.models import ApplicantProfile
from core.replies import Reply

KIND = "profile"

VISAS = (
    Option("none", "No visa needed", ("citizen", "green card", "us citizen"), "1"),
    Option("b1_b2", "B-1/B-2 visitor", ("b1", "b2", "b1/b2", "b-1/b-2", "visitor"), "2"),
    Option("j1", "J-1", ("j-1",), "3"),
    Option("h1b", "H-1B", ("h-1b", "h1"), "4"),
    Option("f1", "F-1", ("f-1",), "5"),
    Option("other", "Other", (), "6"),
)
PROFILE_KEYS = tuple(ApplicantProfile.model_fields)


def _now(data: Data, key: str) -> str:
    value = data.get(f"current_{key}")
    if key == "home_city":
        value = ", ".join(x for x in (value, data.get("current_home_state")) if x)
    if isinstance(value, bool):
        value = "yes" if value else "no"
    return f" (now: {value}; skip keeps it)" if value not in (None, "") else ""


def _yes_no(key: str):  # type: ignore[no-untyped-def]
    return lambda incoming, text, data: {key: answers.yes_no(text)}


def _number(key: str, low: int, high: int):  # type: ignore[no-untyped-def]
    return lambda incoming, text, data: {key: answers.whole_number(text, low, high)}


def _home(incoming: Incoming, text: str, data: Data) -> Data:
    city, state = answers.place(text)
    return {"home_city": city, "home_state": state}


def _name(incoming: Incoming, text: str, data: Data) -> Data:
    name = " ".join(text.split())
    if len(name) > 80:
        raise Reask(f"Keep your name to 80 characters (that was {len(name)}).")
    return {"name": name}


def _arrival(incoming: Incoming, text: str, data: Data) -> Data:
    try:
        return {"arrival_date": dt.date.fromisoformat(text.strip()).isoformat()}
    except ValueError:
        raise Reask("Write the date as YYYY-MM-DD, e.g. 2027-01-28, or type skip.") from None


def _abroad(data: Data) -> bool:
    return data.get("in_us", data.get("current_in_us")) is False


def _needs_visa(data: Data) -> bool:
    img = data.get("img", data.get("current_img"))
    in_us = data.get("in_us", data.get("current_in_us"))
    return bool(img) or in_us is False


def build(services: Services) -> DialogSpec:
    steps = (
        Step(
            "img",
            lambda d: "Are you an international medical graduate (IMG)?" + _now(d, "img"),
            _yes_no("img"),
            options=lambda d: YES_NO,
        ),
        Step(
            "in_us",
            lambda d: "Are you in the US right now?" + _now(d, "in_us"),
            _yes_no("in_us"),
            options=lambda d: YES_NO,
        ),
        Step(
            "visa",
            lambda d: "Which visa would you travel on?" + _now(d, "visa"),
            lambda incoming, text, data: {"visa": answers.pick(text, VISAS).value},
            options=lambda d: VISAS,
            applies=_needs_visa,
        ),
        Step(
            "arrival_date",
            lambda d: (
                "When do you arrive in the US (YYYY-MM-DD)? I won't propose visit dates"
                " before it." + _now(d, "arrival_date")
            ),
            _arrival,
            applies=_abroad,
        ),
        Step(
            "home",
            lambda d: (
                "Where do you live now? City and state or country, like:"
                " Chicago, IL" + _now(d, "home_city")
            ),
            _home,
        ),
        Step(
            "max_visits",
            lambda d: "How many second looks can you make (1-3)?" + _now(d, "max_visits"),
            _number("max_visits", 1, 3),
            options=lambda d: tuple(Option(str(n), str(n), (), str(n)) for n in (1, 2, 3)),
        ),
        Step(
            "interviews_attended",
            lambda d: "How many interviews have you done?" + _now(d, "interviews_attended"),
            _number("interviews_attended", 0, 200),
        ),
        Step(
            "interviews_needed",
            lambda d: "How many interviews do you want in all?" + _now(d, "interviews_needed"),
            _number("interviews_needed", 0, 200),
        ),
        Step(
            "name",
            lambda d: "Your name, as you sign emails?" + _now(d, "name"),
            _name,
        ),
    )

    async def finish(incoming: Incoming, data: Data) -> list[Reply]:
        changes = {key: data[key] for key in PROFILE_KEYS if key in data}
        if not _needs_visa(data):
            changes["visa"] = None  # a US graduate living in the US travels on no visa
        if not _abroad(data):
            changes["arrival_date"] = None  # only someone abroad has an arrival to wait for
        profile = await services.programs.update_profile(incoming.tenant, changes)
        reply = profile_reply(profile, services.framework.budget.default_max_visits)
        reply.text = "Saved your profile. Verdicts use it from now on."
        return [reply]

    return DialogSpec(KIND, steps, finish, cancelled="Cancelled. Your profile is unchanged.")


def current(profile: ApplicantProfile) -> Data:
    dumped = profile.model_dump(mode="json")
    return {f"current_{key}": value for key, value in dumped.items()}
