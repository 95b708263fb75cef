"""The `secondlook` command: the JSON contract, stored programs, exit codes, no tracebacks."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

PLAN = {
    "applicant": {"img": False, "max_visits": 2},
    "programs": [
        {
            "name": "Northwestern IM",
            "uncertainty": 3,
            "importance": 3,
            "travel": 1,
            "program_type": "elite_academic",
            "policy": "welcome",
            "goals": ["rank_order"],
        },
        {
            "name": "Hennepin",
            "uncertainty": 2,
            "importance": 3,
            "travel": 2,
            "program_type": "community",
            "policy": "neutral",
            "goals": ["training"],
        },
        {
            "name": "Rush",
            "uncertainty": 2,
            "importance": 2,
            "travel": 0,
            "program_type": "mid_academic",
            "policy": "neutral",
            "goals": ["relocation"],
        },
        {
            "name": "Mayo",
            "uncertainty": 3,
            "importance": 3,
            "travel": 1,
            "program_type": "elite_academic",
            "policy": "not_offered",
            "goals": ["rank_order"],
        },
        {
            "name": "Stanford",
            "uncertainty": 3,
            "importance": 3,
            "travel": 3,
            "program_type": "elite_academic",
            "policy": "welcome",
            "goals": ["training"],
        },
    ],
}


def run_cli(*argv: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def run_process(
    *argv: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *argv],
        input=stdin,
        text=True,
        capture_output=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_recommend_json_from_stdin_through_the_real_process() -> None:
    result = run_process("recommend", "--json", "-", stdin=json.dumps(PLAN))
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    verdicts = {p["name"]: p["verdict"] for p in answer["programs"]}
    assert verdicts == {
        "Northwestern IM": "prioritize",
        # Hennepin (2+3-1) and Rush (2+2-0) tie at priority 4: the tie goes to lower travel.
        "Hennepin": "consider",
        "Rush": "prioritize",
        "Mayo": "do_not_request",
        "Stanford": "virtual",  # travel 3 and rank order is not a goal
    }
    assert [p["name"] for p in answer["programs"]] == [p["name"] for p in PLAN["programs"]]
    for program in answer["programs"]:
        assert set(program) >= {"name", "verdict", "priority", "reasons", "next_step"}
        assert program["reasons"][0].startswith("Rule ")
        assert program["next_step"]
    hennepin = answer["programs"][1]
    assert hennepin["rule"] == 7
    assert any("budget is 2" in reason for reason in hennepin["reasons"])
    assert answer["budget"] == {"max_visits": 2, "prioritized": 2}


def test_recommend_json_reads_a_file_and_bare_flag_reads_stdin(tmp_path: Path) -> None:
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(PLAN), encoding="utf-8")
    code, out, _ = run_cli("recommend", "--json", str(plan))
    assert code == 0
    code2, out2, _ = run_cli("recommend", "--json", stdin=json.dumps(PLAN))
    assert code2 == 0 and json.loads(out) == json.loads(out2)


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        ("{not json", "not valid JSON"),
        ("", "input is empty"),
        ("[]", "JSON object"),
        (
            '{"programs": [{"name": "X", "importance": 2, "travel": 1, "goals": []}]}',
            "uncertainty: missing",
        ),
        ('{"programs": [{"name": "X", "uncertainty": 4, "importance": 2, "travel": 1}]}', "0-3"),
        (
            '{"programs": [{"name": "X", "uncertainty": 1, "importance": 2, "travel": 1,'
            ' "policy": "maybe"}]}',
            "welcome, neutral, discouraged, not_offered",
        ),
        ('{"programs": [], "applicant": {"max_visits": 7}}', "max_visits"),
    ],
)
def test_bad_input_exits_2_with_one_clear_line(document: str, expected: str) -> None:
    result = run_process("recommend", "--json", "-", stdin=document)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


def test_unreadable_file_exits_2(tmp_path: Path) -> None:
    code, out, err = run_cli("recommend", "--json", str(tmp_path / "missing.json"))
    assert code == 2 and out == ""
    assert "cannot read" in err and "missing.json" in err


def test_stored_programs_flow(isolated_env: Path) -> None:
    code, out, err = run_cli(
        "programs",
        "add",
        "Northwestern IM",
        "--uncertainty",
        "3",
        "--importance",
        "3",
        "--travel",
        "1",
        "--goals",
        "rank_order",
        "--type",
        "elite academic",
    )
    assert code == 0, err
    assert "Added Northwestern IM" in out
    code, out, err = run_cli("programs", "add", "Rush")
    assert code == 0 and "Still missing: uncertainty, importance, travel" in out

    code, out, _ = run_cli("recommend")
    assert code == 0
    assert "PRIORITIZE" in out and "needs scores" in out
    assert "secondlook programs update Rush --uncertainty N --importance N --travel N" in out

    code, _, err = run_cli(
        "programs",
        "update",
        "rush",
        "--uncertainty",
        "0",
        "--importance",
        "3",
        "--travel",
        "0",
        "--goals",
        "training",
    )
    assert code == 0, err
    code, out, _ = run_cli("recommend")
    assert "Rule 4" in out and "skip" in out

    code, out, _ = run_cli("programs", "list")
    assert "Northwestern IM" in out and "elite_academic" in out and "Rush" in out

    code, out, _ = run_cli("programs", "remove", "RUSH")
    assert code == 0 and "Removed Rush" in out
    code, out, _ = run_cli("programs", "list")
    assert "Rush" not in out
    assert (isolated_env / "secondlook.db").exists()


def test_cli_errors_name_the_field_and_store_nothing(isolated_env: Path) -> None:
    code, _, err = run_cli("programs", "add", "Yale", "--travel", "5")
    assert code == 2
    assert "travel: expected a whole number 0-3" in err
    code, out, _ = run_cli("programs", "list")
    assert "not tracking any programs" in out

    run_cli("programs", "add", "Yale")
    code, _, err = run_cli("programs", "remove", "Yael")
    assert code == 2 and "did you mean 'Yale'?" in err
    code, _, err = run_cli("programs", "add", "yale")
    assert code == 2 and "already track 'Yale'" in err
    code, _, err = run_cli("programs", "update", "Yale")
    assert code == 2 and "nothing to change" in err


def test_profile_changes_the_budget(isolated_env: Path) -> None:
    for name in ("A", "B"):
        run_cli(
            "programs",
            "add",
            name,
            "--uncertainty",
            "3",
            "--importance",
            "3",
            "--travel",
            "1",
            "--goals",
            "training",
        )
    code, out, _ = run_cli("profile", "--max-visits", "1", "--img", "--visa", "H-1B")
    assert code == 0 and "max_visits  1" in out and "h1b" in out
    _, out, _ = run_cli("recommend")
    assert "Visit budget: 1 of 1" in out
    assert "your budget is 1 visit(s), so this one waits" in out


def test_bad_database_url_is_a_clear_error(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/x")
    code, _, err = run_cli("programs", "list")
    assert code == 2 and "postgresql+asyncpg" in err


def test_unreachable_database_fails_without_traceback(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://nobody@127.0.0.1:9/none")
    code, _, err = run_cli("programs", "list")
    assert code == 1
    assert "cannot use the database" in err and "Traceback" not in err


def test_a_broken_rules_file_is_reported(
    isolated_env: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text("[thresholds]\nskip_importance_max = 9\n")
    monkeypatch.setenv("FRAMEWORK_RULES_FILE", str(rules))
    code, _, err = run_cli("recommend", "--json", stdin=json.dumps(PLAN))
    assert code == 2 and "skip_importance_max" in err


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "secondlook"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "recommend" in result.stdout


# --- secondlook check --------------------------------------------------------------------

ASKS_STANDING = "Where do I stand on your rank list?"
FINDING_KEYS = ["category", "severity", "start", "end", "text", "rule", "suggestion"]


def _check_answer(result: subprocess.CompletedProcess[str]) -> dict:
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert list(answer) == ["verdict", "findings", "notes"]
    assert answer["verdict"] in {"ok", "caution", "violation"}
    for finding in answer["findings"]:
        assert list(finding) == FINDING_KEYS
    return answer


def test_check_json_from_stdin_through_the_real_process() -> None:
    message = f"Dear Dr. Lee,\n\nThank you for a lovely day. {ASKS_STANDING}\n"
    answer = _check_answer(run_process("check", "--json", "-", stdin=message))
    assert answer["verdict"] == "violation"
    [finding] = answer["findings"]
    assert finding["category"] == "rank_inquiry" and finding["severity"] == "violation"
    assert finding["text"] == ASKS_STANDING
    assert message[finding["start"] : finding["end"]] == finding["text"]
    assert finding["rule"] and finding["suggestion"]
    assert answer["notes"] == []


def test_check_json_of_a_safe_message_exits_0() -> None:
    answer = _check_answer(run_process("check", "--json", stdin="Thank you for a lovely day."))
    assert answer == {"verdict": "ok", "findings": [], "notes": []}


def test_check_json_reads_a_file_and_a_json_text_field(tmp_path: Path) -> None:
    message = f"Hello — ça va? {ASKS_STANDING}"
    plain = tmp_path / "message.txt"
    plain.write_text(message, encoding="utf-8")
    wrapped = tmp_path / "message.json"
    wrapped.write_text(json.dumps({"text": message, "to": "Mayo"}), encoding="utf-8")

    from_file = _check_answer(run_process("check", "--json", str(plain)))
    from_json = _check_answer(run_process("check", str(wrapped), "--json"))
    from_stdin = _check_answer(run_process("check", "--json", stdin=json.dumps({"text": message})))
    assert from_file == from_json == from_stdin
    [finding] = from_file["findings"]
    assert message[finding["start"] : finding["end"]] == finding["text"] == ASKS_STANDING


def test_check_json_from_program_explains_and_points_to_the_policy_office() -> None:
    message = "We loved meeting you. Where else did you interview? You are ranked to match."
    answer = _check_answer(run_process("check", "--json", "--from-program", stdin=message))
    assert answer["verdict"] == "violation"
    assert [f["category"] for f in answer["findings"]] == ["other_programs_question"]
    for finding in answer["findings"]:
        assert message[finding["start"] : finding["end"]] == finding["text"]
    notes = " ".join(answer["notes"])
    assert "NRMP policy office" in notes
    assert "ranked to match" in notes.lower() and "ranked highly" in notes


def test_check_without_json_is_a_readable_report() -> None:
    code, out, err = run_cli("check", stdin=ASKS_STANDING)
    assert code == 0, err
    assert out.startswith("Verdict: violation.")
    assert "Do not send as written" in out
    assert f'"{ASKS_STANDING}"' in out and "Try instead:" in out
    code, out, _ = run_cli("check", "--from-program", stdin="You are ranked to match.")
    assert code == 0 and out.startswith("Verdict: ok.") and "Neither is a promise" in out


@pytest.mark.parametrize(
    ("stdin", "expected"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ('{"text": "  "}', "empty"),
        ('{"message": "hi"}', '"text"'),
        ('{"text": 3}', '"text"'),
    ],
)
def test_check_bad_input_exits_2_with_one_line(stdin: str, expected: str) -> None:
    result = run_process("check", "--json", stdin=stdin)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert expected in lines[0] and "Traceback" not in result.stderr


def test_check_unreadable_input_exits_2_with_one_line(tmp_path: Path) -> None:
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Café, où est-ce?".encode("latin-1"))
    cases = [
        (["check", "--json", str(tmp_path / "missing.txt")], b"", "missing.txt"),
        (["check", "--json", str(latin)], b"", "not UTF-8"),
        (["check", "--json", str(tmp_path)], b"", "cannot read"),
        (["check", "--json", "-"], b"\xff\xfe\xfa bad", "not UTF-8"),
    ]
    for argv, data, expected in cases:
        result = subprocess.run(
            [sys.executable, "-m", "bot", *argv],
            input=data,
            capture_output=True,
            timeout=60,
        )
        assert result.returncode == 2, (argv, result.stderr)
        assert result.stdout == b""
        lines = result.stderr.decode().strip().splitlines()
        assert len(lines) == 1 and expected in lines[0], (argv, result.stderr)


def test_check_needs_no_database() -> None:
    result = run_process(
        "check",
        "--json",
        stdin=ASKS_STANDING,
        env={"DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none"},
    )
    assert _check_answer(result)["verdict"] == "violation"
