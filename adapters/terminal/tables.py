"""Plain-text tables for the terminal: programs, plans with verdicts, the profile."""

from __future__ import annotations

import shlex
import textwrap
from collections.abc import Sequence

from core.models import ApplicantProfile, Program, Recommendation, Verdict

VERDICT_LABELS = {
    Verdict.prioritize: "PRIORITIZE",
    Verdict.consider: "consider",
    Verdict.virtual: "virtual",
    Verdict.skip: "skip",
    Verdict.do_not_request: "DO NOT REQUEST",
}


def _cell(value: object, width: int = 32) -> str:
    text = "" if value is None else str(value)
    text = " ".join(text.split())  # no newline or tab may break a row
    return text if len(text) <= width else text[: width - 1] + "…"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [
        max(len(h), *(len(row[i]) for row in cells)) if cells else len(h)
        for i, h in enumerate(headers)
    ]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True))
    rule = "  ".join("-" * w for w in widths)
    body = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join([line.rstrip(), rule, *body])


def _scores(program: Program) -> str:
    return " ".join(
        "-" if s is None else str(s)
        for s in (program.uncertainty, program.importance, program.travel)
    )


def programs_table(programs: Sequence[Program]) -> str:
    if not programs:
        return 'You are not tracking any programs yet. Add one: secondlook programs add "Name"'
    rows = [
        (
            p.name,
            p.program_type.value if p.program_type else "-",
            p.policy.value,
            _scores(p),
            ",".join(g.value for g in p.goals) or "-",
            p.status.value,
        )
        for p in programs
    ]
    return table(["Program", "Type", "Policy", "U I T", "Goals", "Status"], rows)


def plan_report(
    programs: Sequence[Program],
    recommendations: dict[str, Recommendation],
    budget: int,
) -> str:
    """A table of verdicts, then each program's reasons and next step."""
    if not programs:
        return programs_table(programs)
    rows = []
    for program in programs:
        rec = recommendations.get(program.name)
        if rec is None:
            rows.append((program.name, "needs scores", "-", _scores(program), "-"))
        else:
            rows.append(
                (
                    program.name,
                    VERDICT_LABELS[rec.verdict],
                    f"{rec.priority:g}",
                    _scores(program),
                    rec.rule,
                )
            )
    used = sum(1 for rec in recommendations.values() if rec.verdict is Verdict.prioritize)
    parts = [
        table(["Program", "Verdict", "Priority", "U I T", "Rule"], rows),
        "",
        f"Visit budget: {used} of {budget} second look(s) prioritized.",
        "",
    ]
    wrap = textwrap.TextWrapper(width=92, initial_indent="  - ", subsequent_indent="    ")
    for program in programs:
        rec = recommendations.get(program.name)
        parts.append(f"{program.name}")
        if rec is None:
            missing = ", ".join(program.missing_scores)
            flags = " ".join(f"--{name} N" for name in program.missing_scores)
            parts.append(wrap.fill(f"Missing {missing} (0-3 each). Add them with:"))
            parts.append(f"    secondlook programs update {shlex.quote(program.name)} {flags}")
        else:
            parts.extend(wrap.fill(reason) for reason in rec.reasons)
            parts.append(wrap.fill(f"Next: {rec.next_step}"))
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def profile_lines(profile: ApplicantProfile, default_max_visits: int) -> str:
    max_visits = profile.max_visits or f"{default_max_visits} (default)"
    rows = [
        ("img", "yes" if profile.img else "no"),
        ("in_us", "yes" if profile.in_us else "no"),
        ("visa", profile.visa.value if profile.visa else "-"),
        ("home", ", ".join(x for x in (profile.home_city, profile.home_state) if x) or "-"),
        ("max_visits", max_visits),
        ("name", profile.name or "-"),
        ("arrival", profile.arrival_date.isoformat() if profile.arrival_date else "-"),
        (
            "interviews",
            f"{profile.interviews_attended} attended of {profile.interviews_needed} wanted",
        ),
    ]
    return table(["Profile", "Value"], rows)
