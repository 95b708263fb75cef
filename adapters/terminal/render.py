"""A core Reply as terminal text: sections, fields, numbered choices, saved files."""

from __future__ import annotations

import textwrap
from pathlib import Path

from core.replies import Attachment, Reply

WIDTH = 88


def _wrap(text: str, indent: str = "") -> list[str]:
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        bullet = paragraph.startswith("• ")
        lines.extend(
            textwrap.wrap(
                paragraph,
                WIDTH,
                initial_indent=indent,
                subsequent_indent=indent + ("  " if bullet else ""),
            )
            or [indent]
        )
    return lines


def render(reply: Reply, saved: list[Path] | None = None) -> str:
    lines = _wrap(reply.text)
    for section in reply.sections:
        lines.append("")
        if section.title:
            lines.append(section.title)
        if section.text:
            lines.extend(_wrap(section.text, "  "))
        for field in section.fields:
            lines.extend(_wrap(f"{field.label}: {field.value}", "  "))
    numbered = [c for c in reply.choices if c.shortcut]
    commands = [c for c in reply.choices if not c.shortcut and c.id.startswith("cmd:")]
    if numbered:
        lines.append("")
        lines.extend(f"  [{choice.shortcut}] {choice.label}" for choice in numbered)
    if commands:
        lines.append("")
        lines.append("Next: " + "   ".join(f"{c.id[4:]}" for c in commands))
    for path in saved or []:
        lines.append(f"Saved {path}")
    return "\n".join(lines)


def save_files(files: list[Attachment], folder: Path) -> list[Path]:
    """Write attachments into ``folder`` and return their paths (the terminal has no upload)."""
    if not files:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for attachment in files:
        path = folder / Path(attachment.name).name  # never a path from elsewhere
        path.write_bytes(attachment.data)
        paths.append(path)
    return paths
