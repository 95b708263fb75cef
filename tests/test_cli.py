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
