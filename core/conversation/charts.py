"""`plan chart`: the plan as two PNGs, drawn with matplotlib off screen (Agg).

- Priority matrix: uncertainty (x) against importance (y), marker size by travel, colour
  by verdict; programs with the same scores are fanned out around their point so none
  hides another.
- Timeline: the visit dates set, against the second-look window and the certification
  deadline.

matplotlib is imported here only, when a chart is asked for, and through ``Figure`` and
``FigureCanvasAgg``: no global backend or pyplot state, so it is safe in a server.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections import defaultdict

from core.conversation.verdicts import PlanView
from core.models import Verdict
from core.replies import Attachment
from core.visit.dates import Season

COLOURS = {
    Verdict.prioritize: "#1b7837",
    Verdict.consider: "#5aae61",
    Verdict.virtual: "#2166ac",
    Verdict.skip: "#999999",
    Verdict.do_not_request: "#b2182b",
}
LABELS = {verdict: verdict.value.replace("_", " ") for verdict in Verdict}
DPI = 110


def plan_charts(plan: PlanView, season: Season, today: dt.date) -> list[Attachment]:
    """The charts the plan has data for: the matrix (scored programs), the timeline (dates)."""
    charts = []
    if plan.recommendations:
        charts.append(Attachment(name="priority-matrix.png", mime="image/png", data=_matrix(plan)))
    if any(p.visit_date for p in plan.programs):
        charts.append(
            Attachment(
                name="visit-timeline.png", mime="image/png", data=_timeline(plan, season, today)
            )
        )
    return charts


def _png(figure: object) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(figure)  # type: ignore[arg-type]
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=DPI)  # type: ignore[attr-defined]
    return out.getvalue()


def _matrix(plan: PlanView) -> bytes:
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

    figure = Figure(figsize=(7, 6), layout="constrained")
    axes = figure.add_subplot()
    at_point: dict[tuple[int, int], list[str]] = defaultdict(list)
    for program in plan.programs:
        if program.name in plan.recommendations:
            at_point[(program.uncertainty or 0, program.importance or 0)].append(program.name)
    by_name = {p.name: p for p in plan.programs}
    for (x, y), names in at_point.items():
        for index, name in enumerate(sorted(names, key=str.lower)):
            dx, dy = _fan(index, len(names))
            program = by_name[name]
            verdict = plan.recommendations[name].verdict
            axes.scatter(
                x + dx,
                y + dy,
                s=80 + 120 * (program.travel or 0),
                color=COLOURS[verdict],
                alpha=0.85,
                edgecolors="black",
                linewidths=0.5,
            )
            axes.annotate(
                name, (x + dx, y + dy), xytext=(6, 4), textcoords="offset points", fontsize=8
            )
    axes.set_xlim(-0.6, 3.6)
    axes.set_ylim(-0.6, 3.6)
    axes.set_xticks(range(4), ["0 clear", "1", "2", "3 unsure"])
    axes.set_yticks(range(4), ["0 low", "1", "2", "3 dream"])
    axes.set_xlabel("Uncertainty: how much a visit could tell you")
    axes.set_ylabel("Importance")
    axes.set_title("Which programs deserve a second look (marker size: travel)")
    axes.grid(True, alpha=0.3)
    shown = sorted({rec.verdict for rec in plan.recommendations.values()}, key=list(Verdict).index)
    handles = [
        Line2D([], [], marker="o", linestyle="", color=COLOURS[v], label=LABELS[v]) for v in shown
    ]
    axes.legend(handles=handles, loc="lower right", fontsize=8, title="Verdict")
    return _png(figure)


def _fan(index: int, count: int) -> tuple[float, float]:
    """Offsets on a small circle for the ``index``-th of ``count`` programs at one point."""
    if count == 1:
        return 0.0, 0.0
    angle = 2 * math.pi * index / count
    return 0.22 * math.cos(angle), 0.22 * math.sin(angle)


def _timeline(plan: PlanView, season: Season, today: dt.date) -> bytes:
    from matplotlib.dates import DateFormatter
    from matplotlib.figure import Figure

    dated = sorted((p for p in plan.programs if p.visit_date), key=lambda p: (p.visit_date, p.name))
    figure = Figure(figsize=(8, 1.6 + 0.35 * len(dated)), layout="constrained")
    axes = figure.add_subplot()
    window = season.visits
    axes.axvspan(
        window.window_start.date,
        window.window_end.date,
        color="#d9f0d3",
        label="Second-look window",
    )
    deadline = season.match.certification_deadline.date
    axes.axvline(
        deadline, color="#b2182b", linewidth=2, label=f"Certification deadline {deadline:%d %b}"
    )
    if window.window_start.date <= today <= deadline:
        axes.axvline(today, color="black", linestyle=":", label="Today")
    for row, program in enumerate(dated):
        verdict = plan.recommendations.get(program.name)
        colour = COLOURS[verdict.verdict] if verdict else "#444444"
        axes.scatter(program.visit_date, row, color=colour, s=60, zorder=3)
        axes.annotate(
            f"{program.name} ({program.status.value})",
            (program.visit_date, row),
            xytext=(6, -3),
            textcoords="offset points",
            fontsize=8,
        )
    axes.set_yticks([])
    axes.set_ylim(-1, len(dated))
    axes.xaxis.set_major_formatter(DateFormatter("%d %b"))
    axes.set_title("Visits against the deadline")
    axes.legend(loc="upper left", fontsize=8)
    return _png(figure)
