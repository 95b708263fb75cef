"""Visit dates: the season file, and the dates a second-look request proposes.

Every test passes an explicit ``today``; nothing is mocked. 2027 federal holidays in the
windows used here: Martin Luther King Jr. Day (Mon Jan 18) and Presidents' Day (Mon Feb 15).
"""

from __future__ import annotations

import datetime as dt
import itertools
import tomllib
from pathlib import Path
from typing import Any

import holidays
import pytest

import config
from bot.settings import Settings
from core.models import ApplicantProfile, Program
from core.validation import InputProblem
from core.visit.dates import (
    DateProposal,
    Season,
    load_season,
    propose_dates,
)

D = dt.date
US_HOLIDAYS = holidays.country_holidays("US", years=[2026, 2027])
MLK_DAY = D(2027, 1, 18)
PRESIDENTS_DAY = D(2027, 2, 15)
SEASON_FILE = config.path("season.toml")


def make_season(start: dt.date, end: dt.date, *, lead_days: int = 0, proposals: int = 3) -> Season:
    """A 2027 season with the given visit window."""
    return Season.model_validate(
        {
            "match": {
                "name": "2027 Main Residency Match",
                "rol_opens": {"date": D(2027, 2, 1), "source": "test: ROL opens"},
                "certification_deadline": {"date": D(2027, 3, 3), "source": "test: deadline"},
                "match_day": {"date": D(2027, 3, 19), "source": "test: Match Day"},
            },
            "visits": {
                "window_start": {"date": start, "source": "test: window start"},
                "window_end": {"date": end, "source": "test: window end"},
                "proposals": proposals,
                "lead_days": lead_days,
            },
        }
    )


def in_us() -> ApplicantProfile:
    return ApplicantProfile(in_us=True)


def abroad(arrival: dt.date | None) -> ApplicantProfile:
    return ApplicantProfile(in_us=False, img=True, arrival_date=arrival)


def program(**fields: Any) -> Program:
    return Program(name="Mayo Clinic", **fields)


def days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def assert_sound(
    proposal: DateProposal,
    season: Season,
    today: dt.date,
    *,
    arrival: dt.date | None = None,
) -> None:
    """What every proposal must satisfy, whatever the day."""
    dates = proposal.dates
    assert dates == sorted(set(dates))
    assert len(dates) <= 3
    assert (proposal.problem is None) == bool(dates)
    soonest = today + dt.timedelta(days=season.visits.lead_days)
    for day in dates:
        assert day.weekday() < 5, day
        assert day not in US_HOLIDAYS, day
        assert season.window_start <= day <= season.window_end
        assert day >= soonest
        assert arrival is None or day >= arrival
    if len(dates) == 3:
        assert all((b - a).days >= 2 for a, b in itertools.pairwise(dates)), dates


def joined(proposal: DateProposal) -> str:
    return "\n".join(proposal.notes)


# --- the season file -------------------------------------------------------------------


def test_season_file_loads_the_2027_match() -> None:
    season = load_season()
    assert "2027" in season.match.name
    assert season.match.certification_deadline.date.year == 2027
    assert season.visits.proposals == 3
    assert season.visits.lead_days == 7
    assert season.window_start < season.window_end < season.match.certification_deadline.date
    assert season.match.rol_opens.date < season.match.certification_deadline.date
    assert season.match.certification_deadline.date < season.match.match_day.date


def dates_without_source(node: Any, where: str = "") -> list[str]:
    """Every date in a parsed TOML that is not in a table with a non-empty ``source``."""
    missing: list[str] = []
    if isinstance(node, dict):
        has_source = isinstance(node.get("source"), str) and node["source"].strip()
        for key, value in node.items():
            here = f"{where}.{key}" if where else key
            if isinstance(value, dt.date) and not has_source:
                missing.append(here)
            else:
                missing.extend(dates_without_source(value, here))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            here = f"{where}[{index}]"
            if isinstance(value, dt.date):
                missing.append(here)
            else:
                missing.extend(dates_without_source(value, here))
    return missing


def all_dates(node: Any) -> list[dt.date]:
    if isinstance(node, dict):
        return [day for value in node.values() for day in all_dates(value)]
    if isinstance(node, list):
        return [day for value in node for day in all_dates(value)]
    return [node] if isinstance(node, dt.date) else []


def test_every_date_in_the_season_file_has_a_source() -> None:
    data = tomllib.loads(SEASON_FILE.read_text(encoding="utf-8"))
    assert len(all_dates(data)) == 5
    assert dates_without_source(data) == []
    for key in ("rol_opens", "certification_deadline", "match_day"):
        assert "nrmp.org" in data["match"][key]["source"]
    text = SEASON_FILE.read_text(encoding="utf-8")
    assert "NOT copied from the published 2027 calendar" in text
    assert "Check every date against the NRMP calendar" in text


def test_the_source_check_catches_a_bare_date() -> None:
    bare = tomllib.loads(
        "[match]\nmatch_day = 2027-03-19\n"
        'rol_opens = {date = 2027-02-01, source = " "}\n'
        'deadline = {date = 2027-03-03, source = "NRMP"}\n'
    )
    assert dates_without_source(bare) == ["match.match_day", "match.rol_opens.date"]


def test_season_dates_follow_the_published_nrmp_pattern() -> None:
    """The pattern the values were derived from; a new season's file must still fit it."""
    season = load_season()
    deadline = season.match.certification_deadline.date
    match_day = season.match.match_day.date
    opens = season.match.rol_opens.date
    assert deadline.month == 3 and deadline.weekday() == 2 and deadline.day <= 7
    assert match_day.month == 3 and match_day.weekday() == 4 and 15 <= match_day.day <= 21
    assert abs((opens - D(deadline.year, 2, 1)).days) <= 3
    assert season.match.certification_deadline.time == "21:00 ET"
    assert 3 <= (deadline - season.window_end).days <= 7
    assert season.window_start.month == 1 and season.window_start.day >= 20


def write_season(tmp_path: Path, text: str) -> Path:
    target = tmp_path / "season.toml"
    target.write_text(text, encoding="utf-8")
    return target


def test_load_season_reads_the_file_named_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SEASON_FILE.read_text(encoding="utf-8").replace("lead_days = 7", "lead_days = 10")
    monkeypatch.setenv("SECONDLOOK_SEASON_FILE", str(write_season(tmp_path, text)))
    assert load_season(Settings().app.season_file).visits.lead_days == 10
    assert load_season().visits.lead_days == 7
    assert load_season(SEASON_FILE).visits.lead_days == 7


def test_load_season_rejects_a_date_without_source(tmp_path: Path) -> None:
    text = SEASON_FILE.read_text(encoding="utf-8")
    start = text.index("match_day = ")
    end = text.index("\n", start)
    broken = text[:start] + "match_day = { date = 2027-03-19 }" + text[end:]
    with pytest.raises(InputProblem) as caught:
        load_season(write_season(tmp_path, broken))
    assert "match_day" in str(caught.value)
    assert "source" in str(caught.value)


def test_load_season_rejects_a_window_after_the_deadline(tmp_path: Path) -> None:
    text = SEASON_FILE.read_text(encoding="utf-8")
    broken = text.replace("window_end = { date = 2027-02-26", "window_end = { date = 2027-03-05")
    assert broken != text
    with pytest.raises(InputProblem) as caught:
        load_season(write_season(tmp_path, broken))
    assert "visits.window_end (2027-03-05) must come before" in str(caught.value)


def test_load_season_names_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputProblem, match="cannot read season file"):
        load_season(tmp_path / "nowhere.toml")


# --- weekdays, holidays, spread --------------------------------------------------------


def test_early_in_the_season_three_mid_week_dates_a_week_apart() -> None:
    season = load_season()
    proposal = propose_dates(season, in_us(), program(), today=D(2026, 12, 1))
    assert proposal.dates == [D(2027, 1, 26), D(2027, 2, 3), D(2027, 2, 11)]
    assert [day.strftime("%a") for day in proposal.dates] == ["Tue", "Wed", "Thu"]
    assert proposal.problem is None
    assert "Tuesday to Thursday" in joined(proposal)
    assert proposal.sources[:2] == season.window_sources
    assert season.visits.window_start.source in proposal.sources


@pytest.mark.parametrize("today", days(D(2026, 11, 1), D(2027, 3, 5)))
def test_every_day_of_the_run_up_gives_a_sound_proposal(today: dt.date) -> None:
    season = load_season()
    proposal = propose_dates(season, in_us(), program(), today=today)
    assert_sound(proposal, season, today)
    assert proposal == propose_dates(season, in_us(), program(), today=today)
    if today <= D(2027, 2, 15):
        assert len(proposal.dates) == 3
    if today > D(2027, 2, 19):
        assert proposal.problem is not None


@pytest.mark.parametrize("today", days(D(2027, 1, 1), D(2027, 2, 19)))
def test_a_window_with_mlk_and_presidents_day_never_proposes_a_holiday(today: dt.date) -> None:
    season = make_season(D(2027, 1, 11), D(2027, 2, 19))
    proposal = propose_dates(season, in_us(), program(), today=today)
    assert_sound(proposal, season, today)
    assert MLK_DAY not in proposal.dates
    assert PRESIDENTS_DAY not in proposal.dates


def test_presidents_day_is_skipped_even_when_a_monday_is_needed() -> None:
    # Fri 12, Mon 15, Tue 16, Wed 17: without the holiday, Mon 15 would fill the list.
    season = make_season(D(2027, 2, 12), D(2027, 2, 17))
    proposal = propose_dates(season, in_us(), program(), today=D(2027, 2, 1))
    assert proposal.dates == [D(2027, 2, 12), D(2027, 2, 17)]
    assert "Skips Presidents' Day (Mon Feb 15), a federal holiday." in proposal.notes
    assert any("holidays" in source for source in proposal.sources)


def test_mlk_day_is_skipped_even_when_a_monday_is_needed() -> None:
    season = make_season(D(2027, 1, 15), D(2027, 1, 20))
    proposal = propose_dates(season, in_us(), program(), today=D(2027, 1, 4))
    assert proposal.dates == [D(2027, 1, 15), D(2027, 1, 20)]
    assert MLK_DAY not in proposal.dates
    assert "Skips Martin Luther King Jr. Day (Mon Jan 18), a federal holiday." in proposal.notes


def test_monday_and_friday_only_when_tuesday_to_thursday_cannot_be_spread() -> None:
    # From Mon Feb 22 only five weekdays are left; Tue-Wed-Thu would be consecutive.
    season = load_season()
    proposal = propose_dates(season, in_us(), program(), today=D(2027, 2, 15))
    assert proposal.dates == [D(2027, 2, 22), D(2027, 2, 24), D(2027, 2, 26)]
    assert "Mon Feb 22 and Fri Feb 26 only because too few of those days fit" in joined(proposal)


def test_two_spaced_dates_rather_than_three_consecutive_ones() -> None:
    # Wed 24, Thu 25, Fri 26 are all that is left.
    season = load_season()
    proposal = propose_dates(season, in_us(), program(), today=D(2027, 2, 17))
    assert proposal.dates == [D(2027, 2, 24), D(2027, 2, 26)]
    assert "Only 2 spaced-out dates fit between Wed Feb 24 and Fri Feb 26." in proposal.notes


def test_consecutive_days_only_when_nothing_else_gives_two() -> None:
    season = make_season(D(2027, 2, 23), D(2027, 2, 24))
    proposal = propose_dates(season, in_us(), program(), today=D(2027, 2, 1))
    assert proposal.dates == [D(2027, 2, 23), D(2027, 2, 24)]
    assert any("consecutive" in note for note in proposal.notes)


@pytest.mark.parametrize("today", days(D(2026, 12, 1), D(2027, 1, 31)))
def test_dates_are_spread_over_the_window(today: dt.date) -> None:
    proposal = propose_dates(load_season(), in_us(), program(), today=today)
    gaps = [(b - a).days for a, b in itertools.pairwise(proposal.dates)]
    assert len(proposal.dates) == 3
    assert min(gaps) >= 7, proposal.dates
    assert all(day.weekday() in (1, 2, 3) for day in proposal.dates)


# --- arrival and lead time -------------------------------------------------------------


@pytest.mark.parametrize("arrival", days(D(2027, 1, 20), D(2027, 2, 24)))
def test_an_applicant_abroad_gets_nothing_before_arrival(arrival: dt.date) -> None:
    season = load_season()
    today = D(2026, 12, 1)
    proposal = propose_dates(season, abroad(arrival), program(), today=today)
    assert_sound(proposal, season, today, arrival=arrival)
    assert proposal.dates
    if arrival > season.window_start:
        assert all(day >= arrival for day in proposal.dates)


def test_arrival_day_itself_can_be_proposed_and_is_named() -> None:
    proposal = propose_dates(load_season(), abroad(D(2027, 2, 10)), program(), D(2026, 12, 1))
    assert proposal.dates == [D(2027, 2, 10), D(2027, 2, 17), D(2027, 2, 24)]
    assert "Nothing before your arrival in the US on Wed Feb 10." in proposal.notes


def test_arrival_only_matters_for_an_applicant_abroad() -> None:
    here = ApplicantProfile(in_us=True, arrival_date=D(2027, 2, 10))
    proposal = propose_dates(load_season(), here, program(), today=D(2026, 12, 1))
    assert proposal.dates[0] == D(2027, 1, 26)


def test_abroad_without_arrival_date_is_told_to_add_one() -> None:
    proposal = propose_dates(load_season(), abroad(None), program(), today=D(2026, 12, 1))
    assert len(proposal.dates) == 3
    assert any("arrival_date" in note for note in proposal.notes)


def test_arrival_after_the_window_is_a_problem() -> None:
    proposal = propose_dates(load_season(), abroad(D(2027, 3, 1)), program(), D(2027, 1, 2))
    assert proposal.dates == []
    assert proposal.problem is not None
    assert "You arrive in the US on Mon Mar 1, after the second-look window" in proposal.problem
    assert "between Mon Jan 25 and Fri Feb 26" in proposal.problem


@pytest.mark.parametrize("today", days(D(2027, 1, 10), D(2027, 2, 19)))
def test_the_lead_time_is_respected(today: dt.date) -> None:
    season = load_season()
    proposal = propose_dates(season, in_us(), program(), today=today)
    assert proposal.dates
    assert all((day - today).days >= 7 for day in proposal.dates)


def test_the_lead_time_is_explained() -> None:
    proposal = propose_dates(load_season(), in_us(), program(), today=D(2027, 2, 1))
    assert proposal.dates[0] == D(2027, 2, 9)
    assert "Nothing before Mon Feb 8: the program needs about 7 days to answer a request." in (
        proposal.notes
    )


def test_a_longer_lead_time_from_the_season_file() -> None:
    season = make_season(D(2027, 1, 25), D(2027, 2, 26), lead_days=14)
    proposal = propose_dates(season, in_us(), program(), today=D(2027, 2, 1))
    assert proposal.dates
    assert min(proposal.dates) >= D(2027, 2, 15)


# --- dates the program offered ---------------------------------------------------------


def test_offered_dates_come_first_even_on_monday_or_friday() -> None:
    offered = [D(2027, 2, 19), D(2027, 2, 8), D(2027, 2, 2)]
    proposal = propose_dates(
        load_season(), in_us(), program(offered_dates=offered), today=D(2027, 1, 4)
    )
    assert proposal.dates == sorted(offered)
    assert "Tue Feb 2, Mon Feb 8 and Fri Feb 19: the dates the program offered." in (proposal.notes)


def test_offered_dates_on_a_weekend_or_holiday_are_skipped_with_a_note() -> None:
    offered = [D(2027, 2, 13), PRESIDENTS_DAY, D(2027, 2, 17)]
    proposal = propose_dates(
        load_season(), in_us(), program(offered_dates=offered), today=D(2027, 2, 1)
    )
    assert D(2027, 2, 13) not in proposal.dates
    assert PRESIDENTS_DAY not in proposal.dates
    assert proposal.dates == [D(2027, 2, 9), D(2027, 2, 17), D(2027, 2, 25)]
    notes = joined(proposal)
    assert "Skips the offered Sat Feb 13: a weekend." in notes
    assert "Skips the offered Mon Feb 15: Presidents' Day, a federal holiday." in notes
    assert "Wed Feb 17: the date the program offered." in notes
    assert "Tue Feb 9 and Thu Feb 25: suggested to complete the list" in notes


def test_offered_dates_pass_the_same_filters() -> None:
    offered = [
        D(2027, 1, 20),  # before the window
        D(2027, 2, 3),  # before arrival
        D(2027, 2, 9),  # the interview day
        D(2027, 2, 16),
        D(2027, 3, 1),  # after the window
    ]
    subject = program(offered_dates=offered, interview_date=D(2027, 2, 9))
    proposal = propose_dates(load_season(), abroad(D(2027, 2, 8)), subject, today=D(2027, 1, 4))
    assert proposal.dates[0] == D(2027, 2, 10)
    assert D(2027, 2, 16) in proposal.dates
    assert not set(offered) - {D(2027, 2, 16)} & set(proposal.dates)
    notes = joined(proposal)
    assert "Skips the offered Wed Jan 20: outside the second-look window" in notes
    assert "Skips the offered Wed Feb 3: before your arrival in the US on Mon Feb 8." in notes
    assert "Skips the offered Tue Feb 9: your interview day there." in notes
    assert "Skips the offered Mon Mar 1: outside the second-look window" in notes


def test_more_offered_dates_than_needed_picks_spread_ones() -> None:
    offered = [D(2027, 2, day) for day in (2, 3, 4, 9, 10, 11, 16, 17, 18)]
    proposal = propose_dates(
        load_season(), in_us(), program(offered_dates=offered), today=D(2027, 1, 4)
    )
    assert proposal.dates == [D(2027, 2, 2), D(2027, 2, 10), D(2027, 2, 18)]
    assert any(note.startswith("The program also offered Wed Feb 3") for note in proposal.notes)


def test_no_usable_offered_date_falls_back_to_suggestions() -> None:
    offered = [D(2027, 2, 13), D(2027, 2, 14)]
    proposal = propose_dates(
        load_season(), in_us(), program(offered_dates=offered), today=D(2027, 2, 1)
    )
    assert len(proposal.dates) == 3
    assert not set(offered) & set(proposal.dates)
    assert "None of the dates the program offered fits, so these are suggestions." in (
        proposal.notes
    )


def test_the_interview_day_is_never_proposed() -> None:
    subject = program(interview_date=D(2027, 1, 26))
    proposal = propose_dates(load_season(), in_us(), subject, today=D(2026, 12, 1))
    assert D(2027, 1, 26) not in proposal.dates
    assert proposal.dates[0] == D(2027, 1, 27)
    assert "Avoids Tue Jan 26, your interview day at Mayo Clinic." in proposal.notes


# --- problems and count ----------------------------------------------------------------


def test_a_passed_window_is_a_problem_not_an_empty_list() -> None:
    proposal = propose_dates(load_season(), in_us(), program(), today=D(2027, 3, 1))
    assert proposal.dates == []
    assert proposal.problem is not None
    assert "ended on Fri Feb 26" in proposal.problem
    assert "between Mon Jan 25 and Fri Feb 26" in proposal.problem
    assert "certification deadline (Wed Mar 3)" in proposal.problem
    assert proposal.sources == load_season().window_sources


def test_too_late_for_the_lead_time_is_a_problem() -> None:
    proposal = propose_dates(load_season(), in_us(), program(), today=D(2027, 2, 22))
    assert proposal.dates == []
    assert proposal.problem is not None
    assert "the earliest date would be Mon Mar 1" in proposal.problem


def test_a_window_of_weekends_and_holidays_is_a_problem() -> None:
    season = make_season(D(2027, 2, 13), D(2027, 2, 15))
    proposal = propose_dates(season, in_us(), program(), today=D(2027, 2, 1))
    assert proposal.dates == []
    assert proposal.problem is not None
    assert "Monday-to-Friday" in proposal.problem


@pytest.mark.parametrize(("count", "expected"), [(None, 3), (2, 2), (3, 3)])
def test_count_gives_two_or_three_dates(count: int | None, expected: int) -> None:
    proposal = propose_dates(load_season(), in_us(), program(), D(2026, 12, 1), count=count)
    assert len(proposal.dates) == expected


def test_the_season_file_sets_the_default_count() -> None:
    season = make_season(D(2027, 1, 25), D(2027, 2, 26), proposals=2)
    assert len(propose_dates(season, in_us(), program(), today=D(2026, 12, 1)).dates) == 2


@pytest.mark.parametrize("count", [0, 1, 4])
def test_count_outside_two_to_three_is_refused(count: int) -> None:
    with pytest.raises(ValueError, match="count must be 2 or 3"):
        propose_dates(load_season(), in_us(), program(), D(2026, 12, 1), count=count)
