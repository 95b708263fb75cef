"""`secondlook template | questions | dates` on the command line, through bot.cli.main.

Each test runs on a fresh data directory (the ``isolated_env`` fixture) and first stores
its programs with ``secondlook programs add``, as a user would. The CLI reads the real
clock, so no test here depends on today's date: dates are checked for what always holds
(weekdays inside the season's window, never a federal holiday), not for which ones.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import holidays
import pytest

from bot.cli import main
from core.compliance import Severity, check
from core.templates import TemplateKind
from core.visit.dates import load_season

pytestmark = pytest.mark.usefixtures("isolated_env")

SEASON = load_season()
US_HOLIDAYS = holidays.country_holidays("US", years=[SEASON.window_start.year])
# Offered dates a month ahead of whatever today is: always upcoming, so a visit is arranged.
SOON = ",".join((dt.date.today() + dt.timedelta(days=days)).isoformat() for days in (30, 32))
DRAFT_KEYS = {"program", "kind", "subject", "body", "missing", "placeholders", "verdict"}


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(""), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def add(name: str, *options: str) -> None:
    code, out, err = run_cli("programs", "add", name, *options)
    assert code == 0, err
    assert f"Added {name}." in out


@pytest.fixture
def tracked(isolated_env: Path) -> None:
    """Four programs, one for each situation the drafts tell apart, in the fresh data dir."""
    add("Rush IM", "--policy", "welcome", "--contact", "Dr. Lee", "--offered-dates", SOON)
    add(
        "Cook County",
        "--policy",
        "welcome",
        "--contact",
        "Dr. Lee",
        "--concerns",
        "call schedule",
        "--goals",
        "training",
    )
    add("Lakeside", "--policy", "not_offered")
    add(
        "Hennepin",
        "--policy",
        "welcome",
        "--status",
        "visited",
        "--contact",
        "Ms. Ortiz",
        "--visit-detail",
        "the morning report with the chiefs",
    )


def one_error_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("secondlook: error: "), err
    assert "Traceback" not in err
    return lines[0].removeprefix("secondlook: error: ")


def listed_kinds(out: str) -> list[str]:
    kinds = []
    for line in out.strip().splitlines():
        kind, label = line.split(maxsplit=1)
        assert label == TemplateKind(kind).label, line
        kinds.append(kind)
    return kinds


# --- template ------------------------------------------------------------------------------


@pytest.mark.usefixtures("tracked")
@pytest.mark.parametrize(
    ("program", "kinds"),
    [
        ("Cook County", ["request", "interest", "virtual_request", "resident_note"]),
        ("Rush IM", ["confirm", "resident_note"]),  # dates offered: confirm, do not ask
        ("Lakeside", ["decline_reply", "interest", "resident_note"]),
        ("Hennepin", ["thank_you", "resident_note"]),
    ],
)
def test_template_without_a_kind_lists_the_kinds_that_fit(program: str, kinds: list[str]) -> None:
    code, out, err = run_cli("template", program)

    assert code == 0, err
    assert listed_kinds(out) == kinds

    code, out, err = run_cli("template", program, "--json")
    assert code == 0, err
    document = json.loads(out)
    assert document["program"] == program
    assert [k["kind"] for k in document["kinds"]] == kinds
    assert all(k["label"] == TemplateKind(k["kind"]).label for k in document["kinds"])


@pytest.mark.usefixtures("tracked")
def test_template_request_prints_the_email_and_names_the_gaps_on_stderr() -> None:
    code, out, err = run_cli("template", "request", "Cook County")

    assert code == 0
    assert out.startswith("Subject: Second look request – [your name]\n\nDear Dr. Lee,\n")
    assert "Cook County" in out
    assert out.endswith("Best regards,\n[your name]\n")
    assert "secondlook:" not in out  # stdout is the email alone, ready to pipe
    assert check(out).verdict is Severity.ok
    # The gaps go to the stderr main() was given, not to the process's own.
    assert err.strip() == "secondlook: fill in before sending: your name"


@pytest.mark.usefixtures("tracked")
@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (("template", "nonsense", "Cook County"), "'nonsense' is not a kind of email; kinds:"),
        (("template", "thank_you", "Cook", "County"), 'template thank_you "Rush IM"'),
        (("template", "request"), "give the program after request"),
    ],
)
def test_an_unknown_kind_exits_2_and_shows_how_to_write_it(
    argv: tuple[str, ...], said: str
) -> None:
    code, out, err = run_cli(*argv)

    assert code == 2
    assert out == ""
    assert said in one_error_line(err)


# --- questions -----------------------------------------------------------------------------


@pytest.mark.usefixtures("tracked")
def test_questions_as_json_has_five_to_eight_aimed_at_the_concern() -> None:
    code, out, err = run_cli("questions", "Cook County", "--json")

    assert code == 0, err
    plan = json.loads(out)
    assert plan["program"] == "Cook County"
    asked = plan["questions"]
    assert 5 <= len(asked) <= 8, asked
    assert all(set(q) == {"theme", "text", "reason"} and q["text"] for q in asked)
    assert any("call schedule" in q["reason"] for q in asked), asked
    assert plan["checklist"] and plan["avoid"]
    assert plan["unanswered_concerns"] == []
    assert all(check(q["text"]).verdict is Severity.ok for q in asked)

    code, text, err = run_cli("questions", "Cook County")

    assert code == 0, err
    numbered = [line for line in text.splitlines() if line[:1].isdigit()]
    assert [line.split(".", 1)[0] for line in numbered] == [
        str(n) for n in range(1, len(asked) + 1)
    ]
    assert "Watch for:" in text


# --- dates ---------------------------------------------------------------------------------


@pytest.mark.usefixtures("tracked")
@pytest.mark.parametrize("program", ["Cook County", "Rush IM"])
def test_dates_as_json_gives_sound_dates_or_a_problem(program: str) -> None:
    code, out, err = run_cli("dates", program, "--json")

    assert code == 0, err
    proposal = json.loads(out)
    assert set(proposal) == {"dates", "notes", "sources", "problem"}
    for source in SEASON.window_sources:
        assert source in proposal["sources"]
    days = [dt.date.fromisoformat(day) for day in proposal["dates"]]
    if days:
        assert proposal["problem"] is None
        assert 2 <= len(days) <= 3
        for day in days:
            assert day.weekday() < 5, day
            assert SEASON.window_start <= day <= SEASON.window_end, day
            assert day not in US_HOLIDAYS, day
    else:
        assert proposal["problem"]

    # The plain output says the same: the dates, or the problem as one error line.
    code, text, err = run_cli("dates", program)
    if days:
        assert code == 0, err
        shown = [line.split()[0] for line in text.splitlines() if line[:1].isdigit()]
        assert shown == proposal["dates"]
    else:
        assert code == 2
        assert one_error_line(err) == proposal["problem"]


# --- unknown programs ----------------------------------------------------------------------


@pytest.mark.usefixtures("tracked")
@pytest.mark.parametrize(
    "argv",
    [
        ("template", "Rush I"),
        ("template", "confirm", "Rush I"),
        ("questions", "Rush I"),
        ("dates", "Rush I"),
        ("dates", "Rush I", "--json"),
    ],
)
def test_an_unknown_program_exits_2_with_the_closest_name(argv: tuple[str, ...]) -> None:
    code, out, err = run_cli(*argv)

    assert code == 2
    assert out == ""
    assert one_error_line(err) == (
        "you are not tracking a program called 'Rush I'; did you mean 'Rush IM'?"
    )


@pytest.mark.usefixtures("tracked")
def test_a_program_like_none_tracked_exits_2_without_a_guess() -> None:
    code, out, err = run_cli("questions", "Zzyzx Regional")

    assert code == 2
    assert out == ""
    assert one_error_line(err) == "you are not tracking a program called 'Zzyzx Regional'"
