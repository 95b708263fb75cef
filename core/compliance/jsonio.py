"""The contract of ``secondlook check --json``: a message in, the checker's findings out.

Input is the message as plain text, or a JSON object whose "text" string is the message.
Output: {"verdict", "findings": [{"category", "severity", "start", "end", "text", "rule",
"suggestion"}], "notes"}; ``start`` and ``end`` index the checked text (Python string
offsets: Unicode code points), so ``text[start:end]`` is the finding's ``text``.
"""

from __future__ import annotations

import json
from typing import Any

from core.compliance.checker import Side, check
from core.validation import InputProblem


def read_message(document: str) -> str:
    """The message in ``document``: its "text" field when it is a JSON object, else itself."""
    if document.lstrip().startswith("{"):
        try:
            data: Any = json.loads(document)
        except json.JSONDecodeError:
            data = None  # a message that happens to start with a brace
        if isinstance(data, dict):
            text = data.get("text")
            if not isinstance(text, str):
                raise InputProblem(['a JSON object needs a "text" string: {"text": "..."}'])
            document = text
    if not document.strip():
        raise InputProblem(["the message is empty; give its text in FILE or on stdin"])
    return document


def check_document(text: str, side: Side = "applicant") -> dict[str, Any]:
    result = check(text, side)
    return {
        "verdict": result.verdict.value,
        "findings": [finding.model_dump(mode="json") for finding in result.findings],
        "notes": list(result.notes),
    }


def check_json(text: str, side: Side = "applicant") -> str:
    return json.dumps(check_document(text, side), indent=2, ensure_ascii=False)
