"""`export`: everything stored about the user, as JSON (complete) and CSV (one row a program)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from core.conversation.verdicts import PlanView
from core.models import Program, SentMessage
from core.replies import Attachment

CSV_COLUMNS = ("name", *[f for f in Program.model_fields if f != "name"], "verdict", "priority")


def export_document(plan: PlanView, messages: Sequence[SentMessage] = ()) -> dict[str, Any]:
    programs = []
    for program in plan.programs:
        entry = program.model_dump(mode="json")
        rec = plan.recommendations.get(program.name)
        entry["recommendation"] = rec.model_dump(mode="json") if rec else None
        programs.append(entry)
    return {
        "profile": plan.profile.model_dump(mode="json"),
        "programs": programs,
        "messages": [message.model_dump(mode="json") for message in messages],
    }


def export_csv(plan: PlanView) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for program in plan.programs:
        row = program.model_dump(mode="json")
        row["goals"] = ",".join(row["goals"])
        rec = plan.recommendations.get(program.name)
        row["verdict"] = rec.verdict.value if rec else ""
        row["priority"] = rec.priority if rec else ""
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return buffer.getvalue()


def _cell(value: Any) -> Any:
    """Keep spreadsheet apps from running a name like "=cmd()" as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def export_files(plan: PlanView, messages: Sequence[SentMessage] = ()) -> list[Attachment]:
    document = json.dumps(export_document(plan, messages), indent=2, ensure_ascii=False)
    return [
        Attachment(
            name="secondlook-export.json", mime="application/json", data=document.encode("utf-8")
        ),
        Attachment(
            name="secondlook-programs.csv", mime="text/csv", data=export_csv(plan).encode("utf-8")
        ),
    ]
