"""`secondlook chat` as a user runs it: piped scripts, quitting mid-dialog, a real terminal."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from adapters.terminal.render import render
from core.replies import Attachment, Choice, InfoField, Reply, Section

FULL_INTERVIEW = [
    "score Mass General",
    "Boston, MA",
    "1",
    "welcome",
    "1, 3",
    "very uncertain",
    "three",
    "1",
]


@pytest.fixture
def chat_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"}}
    env.update(SECONDLOOK_DATA_DIR=str(tmp_path / "data"), SECONDLOOK_LOG_LEVEL="WARNING")
    return env


def chat(
    env: dict[str, str], *lines: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input="".join(f"{line}\n" for line in lines),
        text=True,
        capture_output=True,
        timeout=60,
        env=env,
        cwd=cwd,
    )


def stored_programs(env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "bot", "programs", "list"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout


def test_whole_interview_through_a_pipe(chat_env: dict[str, str]) -> None:
    result = chat(chat_env, *FULL_INTERVIEW, "plan", "quit")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout
    for question in (
        "Where is Mass General?",
        "What kind of program",
        "said about second looks",
        "What should a visit answer",
        "How uncertain",
        "How much does",
        "How hard",
    ):
        assert question in out
    assert "Mass General: Prioritize a second look." in out
    assert "Rule 6" in out and "Next step" in out
    assert "1 of 3 second look(s) prioritized" in out
    listed = stored_programs(chat_env)
    assert "Mass General" in listed and "elite_academic" in listed and "3 3 1" in listed
    assert "rank_order,training" in listed


def test_quit_mid_dialog_then_come_back_and_finish(chat_env: dict[str, str]) -> None:
    first = chat(chat_env, *FULL_INTERVIEW[:3], "quit")
    assert first.returncode == 0
    assert "Anything you were answering is kept" in first.stdout
    assert "Mass General" not in stored_programs(chat_env)  # nothing half-stored

    second = chat(chat_env, *FULL_INTERVIEW[3:], "quit")
    assert second.returncode == 0, second.stderr
    assert "Welcome back" in second.stdout
    # it resumes at the policy question, the one that was open
    welcome = second.stdout.split("Welcome back", 1)[1]
    assert welcome.index("said about second looks") < welcome.index("What should a visit")
    assert "Mass General: Prioritize a second look." in second.stdout


def test_end_of_input_leaves_cleanly_and_the_dialog_waits(chat_env: dict[str, str]) -> None:
    first = chat(chat_env, "score Rush")  # no quit: stdin just ends (Ctrl-D)
    assert first.returncode == 0 and first.stderr == ""
    assert "Bye." in first.stdout
    second = chat(chat_env, "cancel", "quit")
    assert "Welcome back" in second.stdout and "Where is Rush?" in second.stdout
    assert "Cancelled. Nothing was saved." in second.stdout


def test_wrong_answers_are_asked_again(chat_env: dict[str, str]) -> None:
    result = chat(
        chat_env,
        "score Yale 2",
        "New Haven, CT",
        "9",
        "2",
        "welcome",
        "training",
        "banana",
        "3",
        "1",
        "quit",
    )
    assert "Pick one of: 1 = Elite academic" in result.stdout
    assert "I need a number from 0 to 3" in result.stdout
    assert "Yale: Prioritize a second look." in result.stdout


def test_export_saves_files_and_prints_their_paths(
    chat_env: dict[str, str], tmp_path: Path
) -> None:
    result = chat(chat_env, "score Mayo 2 3 1", "export", "quit")
    assert result.returncode == 0, result.stderr
    saved = [
        line.removeprefix("Saved ")
        for line in result.stdout.splitlines()
        if line.startswith("Saved ")
    ]
    assert len(saved) == 2
    document = json.loads(Path(saved[0]).read_text())
    assert document["programs"][0]["name"] == "Mayo"
    assert Path(saved[1]).read_text().startswith("name,")
    assert all(Path(path).is_relative_to(tmp_path / "data") for path in saved)


def test_huge_and_odd_input_never_crashes(chat_env: dict[str, str]) -> None:
    result = chat(
        chat_env, "x" * 10_000, "", "   ", 'score "unclosed', "forget", "show Nowhere", "quit"
    )
    assert result.returncode == 0
    assert result.stderr == ""
    assert "10,000 characters" in result.stdout
    assert "never closed" in result.stdout
    assert "forget me" in result.stdout
    assert "not tracking a program called 'Nowhere'" in result.stdout


def test_interactive_terminal_shows_a_prompt_and_numbered_choices(chat_env: dict[str, str]) -> None:
    """A real pseudo-terminal: what a person at a keyboard sees."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat"],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=chat_env,
        close_fds=True,
    )
    os.close(follower)

    def read_until(marker: str, timeout: float = 20) -> str:
        seen, deadline = "", time.monotonic() + timeout
        while marker not in seen and time.monotonic() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.2)
            if ready:
                try:
                    seen += os.read(leader, 4096).decode(errors="replace")
                except OSError:
                    break
        return seen

    try:
        assert "you> " in read_until("you> ")
        os.write(leader, b"score Penn\r")
        screen = read_until("you> ")
        assert "Where is Penn?" in screen
        os.write(leader, b"skip\r")
        screen = read_until("you> ")
        assert "[1] Elite academic" in screen and "[4] New program" in screen
        os.write(leader, b"\x04")  # Ctrl-D
        assert "Bye." in read_until("Bye.")
        assert process.wait(timeout=20) == 0
    finally:
        os.close(leader)
        if process.poll() is None:
            process.kill()


def test_render_shows_sections_fields_choices_and_saved_files(tmp_path: Path) -> None:
    reply = Reply(
        text="Top line",
        sections=[
            Section(
                title="Why", text="• one reason", fields=[InfoField(label="Priority", value="5")]
            )
        ],
        choices=[
            Choice(id="dlg:a:b:1", label="Yes", shortcut="1"),
            Choice(id="cmd:plan", label="See my plan"),
        ],
        files=[Attachment(name="x.csv", mime="text/csv", data=b"a")],
    )
    text = render(reply, [tmp_path / "x.csv"])
    assert text.splitlines()[0] == "Top line"
    assert "Why" in text and "  • one reason" in text and "Priority: 5" in text
    assert "[1] Yes" in text and "Next: plan" in text
    assert f"Saved {tmp_path / 'x.csv'}" in text
