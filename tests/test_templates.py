"""Email drafts: which kinds a program gets, what each draft says, and that all pass the checker."""

from __future__ import annotations

import datetime as dt
import re
from itertools import product
from typing import Any

import pytest

from core.compliance import Severity, check
from core.models import ApplicantProfile, MessageKind, Policy, Program, Status
from core.templates import Draft, KindNotOffered, TemplateKind, offered_kinds, render
from core.templates.drafts import FILES, month_day, weekday_month_day

TODAY = dt.date(2027, 1, 25)
K = TemplateKind
BLOCKED_TRIO = [K.decline_reply, K.interest, K.resident_note]
BRACKETS = re.compile(r"\[[^\]]+\]")

FULL = {
    "specialty": "Internal Medicine",
    "city": "Saint Louis",
    "contact_name": "Dr. Lee",
    "contact_role": "director",
    "interview_date": "2026-11-14",
}

PROGRAMS: dict[str, dict[str, Any]] = {
    "welcome-full": {"name": "Barnes Medical Center", "policy": "welcome", **FULL},
    "neutral-bare": {"name": "Riverside"},
    "long-accented": {
        "name": "Hôpital Saint-Étienne & St. Mary's Children's Hospital – Pediatrics (Providence)",
        "specialty": "Pediatrics",
        "city": "Providence",
        "contact_name": "Mme. Bérénice D'Arcy",
        "contact_role": "coordinator",
    },
    "discouraged-contact": {
        "name": "Lakeside University",
        "policy": "discouraged",
        "contact_name": "Ms. Ortiz",
        "contact_role": "coordinator",
        "interview_date": "2026-12-02",
    },
    "discouraged-bare": {"name": "Lakeside Community", "policy": "discouraged"},
    "not-offered-full": {"name": "Northview Health", "policy": "not_offered", **FULL},
    "not-offered-bare": {"name": "Northview West", "policy": "not_offered"},
    "declined-flag": {
        "name": "Harbor General",
        "policy": "welcome",
        "declined": True,
        "contact_name": "Ms. Ortiz",
        "contact_role": "coordinator",
    },
    "declined-status": {"name": "Harbor East", "status": "declined_by_program", "city": "Tampa"},
    "requested-no-dates": {"name": "Hillcrest", "status": "requested", "specialty": "Surgery"},
    "requested-dates": {
        "name": "Hillcrest North",
        "status": "requested",
        "offered_dates": ["2027-02-11", "2027-02-09"],
        "contact_name": "Dr. Adebayo",
    },
    "offered-dates": {"name": "Maple Valley", "offered_dates": ["2027-02-16"], **FULL},
    "scheduled-future": {
        "name": "Summit Regional",
        "status": "scheduled",
        "visit_date": "2027-02-03",
        "contact_name": "Dr. Priya Shah",
        "contact_role": "resident",
    },
    "scheduled-past": {
        "name": "Summit East",
        "status": "scheduled",
        "visit_date": "2027-01-20",
        "visit_detail": "the simulation session with the PGY-2 class",
    },
    "visited-full": {
        "name": "Valley Medical",
        "status": "visited",
        "visit_date": "2027-01-22",
        "visit_detail": "Morning report with the cardiology team.",
        **{**FULL, "contact_role": "coordinator", "contact_name": "Ms. Kim"},
    },
    "visited-bare": {"name": "Valley West", "status": "visited"},
    "visited-not-offered": {"name": "Valley South", "status": "visited", "policy": "not_offered"},
    "skipped": {"name": "Pinecrest", "status": "skipped", "policy": "welcome"},
    "past-offers": {"name": "Oak Ridge", "offered_dates": ["2027-01-10", "2027-01-12"]},
    "director-unnamed": {"name": "Cedar Point", "policy": "welcome", "contact_role": "director"},
    "resident-contact": {
        "name": "Bayview",
        "contact_name": "Dr. Sam Park",
        "contact_role": "resident",
        "specialty": "Emergency Medicine",
    },
    "specialty-in-name": {
        "name": "Mercy Family Medicine Residency",
        "specialty": "Family Medicine",
        "city": "Omaha",
    },
    "discouraged-scheduled": {
        "name": "Granite State",
        "policy": "discouraged",
        "status": "scheduled",
        "visit_date": "2027-02-08",
    },
    "offers-around-arrival": {
        "name": "Coastal Regional",
        "offered_dates": ["2027-01-28", "2027-02-10"],
        "contact_name": "Mr. Diaz",
    },
}

PROFILES: dict[str, dict[str, Any]] = {
    "us-unnamed": {},
    "us-named": {"name": "Jordan Reyes"},
    "img-in-us": {"img": True, "visa": "j1", "name": "Amara Okafor"},
    "img-abroad-arrival": {
        "img": True,
        "in_us": False,
        "visa": "b1_b2",
        "arrival_date": "2027-02-02",
        "name": "Nguyễn Thị Mai",
    },
    "img-abroad-unnamed": {"img": True, "in_us": False},
    "citizen-abroad": {
        "in_us": False,
        "visa": "none",
        "arrival_date": "2027-02-05",
        "name": "Siobhán O'Brien",
    },
}


def program(key: str, **changes: Any) -> Program:
    return Program(**{**PROGRAMS[key], **changes})


def profile(key: str, **changes: Any) -> ApplicantProfile:
    return ApplicantProfile(**{**PROFILES[key], **changes})


def words(text: str) -> int:
    return len(text.split())


def assert_sound(draft: Draft, kind: TemplateKind) -> None:
    """What every draft must be: checker-clean, short, complete about its gaps."""
    for text in (f"{draft.subject}\n{draft.body}", draft.subject + draft.body, draft.text):
        result = check(text)
        assert result.verdict is Severity.ok, (kind, text, result.findings)
    assert draft.kind is kind
    assert draft.subject and "\n" not in draft.subject
    assert words(draft.text) < 150
    lowered = draft.text.lower()
    assert "first choice" not in lowered
    assert not re.search(r"\brank", lowered)
    for leftover in ("{{", "{%", "None", "  ", "\n\n\n"):
        assert leftover not in draft.text
    *paragraphs, closing = draft.body.split("\n\n")
    assert all("\n" not in paragraph for paragraph in paragraphs)
    assert closing.count("\n") == 1 and draft.body.endswith(closing.split("\n")[1])
    assert sorted(set(BRACKETS.findall(draft.text))) == sorted(draft.placeholders)
    for placeholder in draft.placeholders:
        assert placeholder[1:-1] in draft.missing
    assert draft.complete is (not draft.missing)


# The full spread: every program against every profile, every kind it is offered.


@pytest.mark.parametrize(("program_key", "profile_key"), list(product(PROGRAMS, PROFILES)))
def test_every_offered_draft_passes_the_checker(program_key: str, profile_key: str) -> None:
    subject = program(program_key)
    kinds = offered_kinds(subject, TODAY)
    assert kinds, "every program gets at least one kind"
    for kind in kinds:
        assert_sound(render(kind, subject, profile(profile_key), TODAY), kind)


@pytest.mark.parametrize("program_key", list(PROGRAMS))
def test_excluded_kinds_raise_with_the_reason_and_the_alternatives(program_key: str) -> None:
    subject = program(program_key)
    offered = offered_kinds(subject, TODAY)
    for kind in set(TemplateKind) - set(offered):
        with pytest.raises(KindNotOffered) as caught:
            render(kind, subject, profile("us-named"), TODAY)
        assert isinstance(caught.value, ValueError)
        assert caught.value.kind is kind
        assert caught.value.available == offered
        message = str(caught.value)
        assert kind.value in message and caught.value.reason in message
        assert all(other.value in message for other in offered)


# offered_kinds: the rules, case by case.

OFFERED: list[tuple[str, list[TemplateKind]]] = [
    ("welcome-full", [K.request, K.interest, K.virtual_request, K.resident_note]),
    ("neutral-bare", [K.request, K.interest, K.virtual_request, K.resident_note]),
    ("discouraged-bare", [K.interest, K.virtual_request, K.resident_note]),
    ("not-offered-full", BLOCKED_TRIO),
    ("declined-flag", BLOCKED_TRIO),
    ("declined-status", BLOCKED_TRIO),
    ("requested-no-dates", [K.confirm, K.resident_note]),
    ("requested-dates", [K.confirm, K.resident_note]),
    ("offered-dates", [K.confirm, K.resident_note]),
    ("scheduled-future", [K.confirm, K.resident_note]),
    ("discouraged-scheduled", [K.confirm, K.resident_note]),
    ("scheduled-past", [K.thank_you, K.resident_note]),
    ("visited-full", [K.thank_you, K.resident_note]),
    ("visited-not-offered", [K.thank_you, K.resident_note]),
    ("skipped", [K.interest, K.virtual_request, K.resident_note]),
    ("past-offers", [K.request, K.interest, K.virtual_request, K.resident_note]),
]


@pytest.mark.parametrize(("program_key", "expected"), OFFERED)
def test_offered_kinds_by_case(program_key: str, expected: list[TemplateKind]) -> None:
    assert offered_kinds(program(program_key), TODAY) == expected


@pytest.mark.parametrize(("policy", "status"), list(product(Policy, Status)))
@pytest.mark.parametrize("declined", [False, True])
def test_offered_kinds_rules_hold_for_every_policy_and_status(
    policy: Policy, status: Status, declined: bool
) -> None:
    subject = Program(name="Any", policy=policy, status=status, declined=declined)
    kinds = offered_kinds(subject, TODAY)
    blocked = policy is Policy.not_offered or declined or status is Status.declined_by_program
    visited = status is Status.visited
    assert K.resident_note in kinds
    assert (K.thank_you in kinds) is visited
    assert (K.decline_reply in kinds) is (blocked and not visited)
    if blocked:
        assert not {K.request, K.virtual_request, K.confirm} & set(kinds)
    if policy is Policy.discouraged or status is Status.skipped:
        assert K.request not in kinds
    if status in (Status.requested, Status.scheduled) and not blocked:
        assert K.confirm in kinds and K.request not in kinds and K.interest not in kinds
    if K.confirm in kinds:
        assert status in (Status.requested, Status.scheduled)
    if visited:
        assert kinds == [K.thank_you, K.resident_note]
    if policy in (Policy.welcome, Policy.neutral) and status is Status.considering:
        assert kinds == [K.request, K.interest, K.virtual_request, K.resident_note] or blocked


def test_a_visit_date_in_the_past_makes_it_thank_you_time() -> None:
    subject = Program(name="Any", status="scheduled", visit_date="2027-02-03")
    assert K.confirm in offered_kinds(subject, dt.date(2027, 2, 3))
    assert K.thank_you not in offered_kinds(subject, dt.date(2027, 2, 3))
    assert K.thank_you in offered_kinds(subject, dt.date(2027, 2, 4))
    assert K.confirm not in offered_kinds(subject, dt.date(2027, 2, 4))
    assert K.thank_you not in offered_kinds(subject)  # no today: only the status says visited


def test_offered_dates_decide_confirm_and_only_upcoming_ones_count() -> None:
    future = Program(name="Any", offered_dates=["2027-02-10"])
    assert K.confirm in offered_kinds(future, TODAY)
    assert K.request not in offered_kinds(future, TODAY)
    assert K.confirm not in offered_kinds(future, dt.date(2027, 2, 11))
    assert K.request in offered_kinds(future, dt.date(2027, 2, 11))
    assert K.confirm not in offered_kinds(Program(name="Any"), TODAY)


def test_kinds_match_the_message_log_and_each_has_a_template_file() -> None:
    for kind in TemplateKind:
        assert MessageKind(kind.value)
        assert (FILES / f"{kind.value}.j2").is_file()
        assert kind.label


# KindNotOffered


def test_no_request_to_a_program_that_does_not_offer_visits() -> None:
    with pytest.raises(KindNotOffered, match="does not offer second looks") as caught:
        render(K.request, program("not-offered-full"), profile("us-named"), TODAY)
    assert "decline_reply" in str(caught.value) and "interest" in str(caught.value)


def test_no_request_after_the_program_said_no() -> None:
    for key in ("declined-flag", "declined-status"):
        for kind in (K.request, K.virtual_request, K.confirm):
            with pytest.raises(KindNotOffered, match="already said no"):
                render(kind, program(key), profile("us-named"), TODAY)


def test_discouraged_gets_no_request_and_says_what_to_send_instead() -> None:
    with pytest.raises(KindNotOffered, match="virtual") as caught:
        render("request", program("discouraged-bare"), profile("us-named"), TODAY)
    assert caught.value.available == [K.interest, K.virtual_request, K.resident_note]


def test_no_thank_you_before_the_visit_and_no_confirm_without_a_visit() -> None:
    with pytest.raises(KindNotOffered, match="no visit"):
        render(K.thank_you, program("scheduled-future"), profile("us-named"), TODAY)
    with pytest.raises(KindNotOffered, match="no dates"):
        render(K.confirm, program("welcome-full"), profile("us-named"), TODAY)


def test_an_unknown_kind_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        render("bribe", program("welcome-full"), profile("us-named"), TODAY)


# Filling from the data, and placeholders exactly where data is missing.


def test_contact_interview_date_and_specialty_fill_the_request() -> None:
    draft = render(K.request, program("welcome-full"), profile("us-named"), TODAY)
    assert draft.body.startswith("Dear Dr. Lee,\n")
    assert "November 14" in draft.body
    assert "Barnes Medical Center" in draft.body
    assert "Internal Medicine" in draft.subject and "Jordan Reyes" in draft.subject
    assert draft.body.endswith("Jordan Reyes")
    assert draft.missing == [] and draft.placeholders == [] and draft.complete


def test_missing_contact_falls_back_to_the_role_and_names_what_to_add() -> None:
    bare = render(K.request, program("neutral-bare"), profile("us-named"), TODAY)
    assert bare.body.startswith("Dear Program Coordinator,\n")
    assert bare.missing == ["the coordinator's name"] and bare.placeholders == []
    director = render(K.request, program("director-unnamed"), profile("us-named"), TODAY)
    assert director.body.startswith("Dear Program Director,\n")
    assert director.missing == ["the program director's name"]


def test_missing_name_leaves_a_placeholder_in_subject_and_signature() -> None:
    draft = render(K.request, program("welcome-full"), profile("us-unnamed"), TODAY)
    assert draft.placeholders == ["[your name]"]
    assert draft.missing == ["your name"]
    assert "[your name]" in draft.subject and draft.body.endswith("[your name]")
    named = render(K.request, program("welcome-full"), profile("us-named"), TODAY)
    assert "[" not in named.text


def test_thank_you_uses_the_visit_detail_or_asks_for_one() -> None:
    full = render(K.thank_you, program("visited-full"), profile("us-named"), TODAY)
    assert "valued morning report with the cardiology team;" in full.body  # sentence case
    assert "Friday, January 22" in full.body
    assert full.body.startswith("Dear Ms. Kim,")
    assert full.placeholders == [] and full.missing == []
    bare = render(K.thank_you, program("visited-bare"), profile("us-named"), TODAY)
    assert bare.placeholders == ["[a detail from your visit]"]
    assert bare.missing == ["the coordinator's name", "a detail from your visit"]
    unnamed = render(K.thank_you, program("visited-bare"), profile("us-unnamed"), TODAY)
    assert unnamed.placeholders == ["[your name]", "[a detail from your visit]"]  # subject first


@pytest.mark.parametrize("program_key", ["visited-full", "visited-bare", "scheduled-past"])
def test_thank_you_is_short(program_key: str) -> None:
    draft = render(K.thank_you, program(program_key), profile("img-abroad-arrival"), TODAY)
    assert words(draft.body) < 120
    paragraph = draft.body.split("\n\n")[1]
    assert 1 <= len(re.findall(r"[.!?](?:\s|$)", paragraph)) <= 3


def test_confirm_names_the_scheduled_day() -> None:
    draft = render(K.confirm, program("scheduled-future"), profile("us-named"), TODAY)
    assert "Wednesday, February 3" in draft.body
    assert draft.body.startswith("Dear Dr. Priya Shah,")
    assert draft.placeholders == []


def test_confirm_chooses_the_first_offered_date_and_lists_the_next() -> None:
    draft = render(K.confirm, program("requested-dates"), profile("us-named"), TODAY)
    assert "Tuesday, February 9 would suit me best" in draft.body
    assert "Thursday, February 11 would work as well" in draft.body
    assert draft.placeholders == []


def test_confirm_without_a_date_leaves_a_placeholder() -> None:
    draft = render(K.confirm, program("requested-no-dates"), profile("us-named"), TODAY)
    assert draft.placeholders == ["[the date of your visit]"]
    assert "the date of your visit" in draft.missing


def test_confirm_skips_offered_dates_before_the_applicant_arrives() -> None:
    subject = program("offers-around-arrival")
    in_us = render(K.confirm, subject, profile("us-named"), TODAY)
    assert "Thursday, January 28 would suit me best" in in_us.body
    abroad = render(K.confirm, subject, profile("img-abroad-arrival"), TODAY)
    assert "January 28" not in abroad.body
    assert "Wednesday, February 10 would suit me best" in abroad.body
    assert "arrive in the US on February 2" in abroad.body
    late = render(
        K.confirm, subject, profile("img-abroad-arrival", arrival_date="2027-03-01"), TODAY
    )
    assert late.placeholders == ["[the date of your visit]"]


def test_resident_note_greets_the_resident_or_leaves_a_gap() -> None:
    named = render(K.resident_note, program("resident-contact"), profile("us-named"), TODAY)
    assert named.body.startswith("Dear Dr. Sam Park,")
    assert "Emergency Medicine" in named.body
    assert named.placeholders == []
    # The program's contact is its director, not a resident: not greeted in a resident note.
    other = render(K.resident_note, program("welcome-full"), profile("us-named"), TODAY)
    assert other.body.startswith("Dear [the resident's name],")
    assert "Dr. Lee" not in other.body
    assert other.placeholders == ["[the resident's name]"]
    assert other.missing == ["the resident's name"]
    assert "Saint Louis" in other.body


def test_specialty_is_not_repeated_when_the_name_says_it() -> None:
    draft = render(K.resident_note, program("specialty-in-name"), profile("us-named"), TODAY)
    assert draft.body.count("Family Medicine") == 1
    assert "Omaha" in draft.body


def test_long_names_with_apostrophes_and_accents_come_through_unchanged() -> None:
    subject = program("long-accented")
    for kind in offered_kinds(subject, TODAY):
        draft = render(kind, subject, profile("img-abroad-arrival"), TODAY)
        assert "Nguyễn Thị Mai" in draft.text
        if kind is not K.resident_note:
            assert draft.body.startswith("Dear Mme. Bérénice D'Arcy,")
        assert "&amp;" not in draft.text and "&#39;" not in draft.text  # no HTML escaping
    request = render(K.request, subject, profile("us-named"), TODAY)
    assert subject.name in request.body


# The applicant: IMG or not, in the US or abroad.


def test_img_and_abroad_change_the_request_visibly() -> None:
    subject = program("welcome-full")
    us = render(K.request, subject, profile("us-named"), TODAY).body
    img = render(K.request, subject, profile("img-in-us"), TODAY).body
    abroad = render(K.request, subject, profile("img-abroad-arrival"), TODAY).body
    citizen = render(K.request, subject, profile("citizen-abroad"), TODAY).body
    unknown = render(K.request, subject, profile("img-abroad-unnamed"), TODAY).body
    assert "international medical graduate" not in us and "abroad" not in us
    assert "flexible" in us
    assert "international medical graduate" in img and "abroad" not in img
    assert "abroad" in abroad and "February 2" in abroad and "visa" in abroad
    assert "abroad" in citizen and "February 5" in citizen and "visa" not in citizen
    assert "abroad" in unknown and "arrive" not in unknown and "visa" not in unknown


def test_a_past_arrival_date_is_not_mentioned() -> None:
    body = render(
        K.request,
        program("welcome-full"),
        profile("img-abroad-arrival", arrival_date="2027-01-02"),
        TODAY,
    ).body
    assert "January 2" not in body and "abroad" in body


def test_img_and_abroad_change_the_resident_note_visibly() -> None:
    subject = program("resident-contact")
    us = render(K.resident_note, subject, profile("us-named"), TODAY).body
    img = render(K.resident_note, subject, profile("img-in-us"), TODAY).body
    abroad = render(K.resident_note, subject, profile("img-abroad-arrival"), TODAY).body
    assert "mentorship" not in us and "outside the US" not in us
    assert "mentorship" in img and "US documentation" in img and "outside the US" not in img
    assert "mentorship" in abroad and "video call" in abroad and "outside the US" in abroad


def test_interest_says_why_there_is_no_visit() -> None:
    open_program = program("welcome-full")
    us = render(K.interest, open_program, profile("us-named"), TODAY).body
    abroad = render(K.interest, open_program, profile("img-abroad-arrival"), TODAY).body
    assert "Travel and my clinical schedule" in us
    assert "outside the US" in abroad and "visa" in abroad
    # To a program that offers no visits, no excuse about travel: interest only.
    closed = render(K.interest, program("not-offered-full"), profile("img-abroad-arrival"), TODAY)
    assert "outside the US" not in closed.body and "Travel" not in closed.body
    assert "interest" in closed.body


def test_virtual_request_abroad_and_img_variants() -> None:
    subject = program("discouraged-contact")
    us = render(K.virtual_request, subject, profile("us-named"), TODAY).body
    abroad = render(K.virtual_request, subject, profile("img-abroad-arrival"), TODAY).body
    assert "virtual" in us and "December 2" in us
    assert "outside the US" not in us and "international medical graduate" not in us
    assert "outside the US" in abroad and "international medical graduate" in abroad


def test_decline_reply_thanks_them_and_does_not_ask_again() -> None:
    asked = render(K.decline_reply, program("declined-flag"), profile("us-named"), TODAY).body
    policy = render(K.decline_reply, program("not-offered-full"), profile("us-named"), TODAY).body
    for body in (asked, policy):
        assert "Thank you" in body and "completely understand" in body
        assert "?" not in body
        assert "virtual" not in body.lower()
    assert "getting back to me" in asked and "getting back to me" not in policy
    assert "November 14" in policy


def test_month_and_weekday_formatting() -> None:
    assert month_day(dt.date(2027, 1, 14)) == "January 14"
    assert weekday_month_day(dt.date(2027, 2, 3)) == "Wednesday, February 3"
