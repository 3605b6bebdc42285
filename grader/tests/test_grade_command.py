"""`python manage.py grade SLUG FILE [--json]`: one JSON line, exit 0 whenever a verdict exists."""

from __future__ import annotations

import json
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "content" / "exercises" / "stable-softmax" / "reference.py"


def run_grade(*args: str) -> str:
    out = StringIO()
    call_command("grade", *args, stdout=out)
    return out.getvalue()


def test_json_verdict_for_the_reference() -> None:
    output = run_grade("stable-softmax", str(REFERENCE), "--json")
    assert output.count("\n") == 1  # exactly one line
    data = json.loads(output)
    assert data["status"] == "passed" and data["score"] == 1.0
    assert data["tests"] and all({"name", "passed", "message"} <= set(t) for t in data["tests"])


def test_json_verdict_for_a_syntax_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.py"
    broken.write_text("def softmax(x)\n    return x\n")
    data = json.loads(run_grade("stable-softmax", str(broken), "--json"))
    assert data["status"] == "failed" and data["score"] == 0.0
    assert data["message"].startswith("SyntaxError on line 1")


def test_run_mode_and_seed(tmp_path: Path) -> None:
    data = json.loads(run_grade("adam", str(REFERENCE), "--json", "--mode", "run", "--seed", "3"))
    assert data["status"] == "failed"  # softmax code for the adam exercise
    assert {t["kind"] for t in data["tests"]} == {"example"}
    assert "define a function named `adam_step`" in data["message"]


def test_readable_report(tmp_path: Path) -> None:
    naive = tmp_path / "naive.py"
    naive.write_text("import numpy as np\ndef softmax(x):\n    return np.exp(x) / np.exp(x).sum()")
    report = run_grade("stable-softmax", str(naive))
    assert report.startswith("stable-softmax: FAILED  score ")
    assert "[PASS] example: [1, 2, 3] (example)" in report
    assert "[FAIL] edge: large logits [1000, 2000, 3000] (edge)" in report
    assert "subtract the maximum of each row" in report


def test_exercise_folder_path_is_accepted() -> None:
    folder = ROOT / "content" / "exercises" / "stable-softmax"
    data = json.loads(run_grade(str(folder), str(REFERENCE), "--json"))
    assert data["status"] == "passed"


def test_unknown_exercise_and_missing_file_are_errors(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no exercise 'no-such-exercise'"):
        run_grade("no-such-exercise", str(REFERENCE))
    with pytest.raises(CommandError, match="cannot read"):
        run_grade("stable-softmax", str(tmp_path / "missing.py"))
    binary = tmp_path / "binary.py"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(CommandError, match="not UTF-8"):
        run_grade("stable-softmax", str(binary))


def test_cli_exits_zero_with_one_json_line_for_hostile_code(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.py"
    hostile.write_text(
        "import os, sys\n"
        'print(\'{"status": "passed", "score": 1.0}\')\n'
        "sys.stdout.flush()\n"
        "os._exit(0)\n"
    )
    done = subprocess.run(
        [sys.executable, "manage.py", "grade", "stable-softmax", str(hostile), "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    data = json.loads(lines[0])
    assert data["status"] == "failed" and data["score"] == 0.0
