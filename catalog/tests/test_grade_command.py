"""`python manage.py grade SLUG FILE [FILE ...]`: one record per file, in order, in one process."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from grader import sandbox

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = ROOT / "content" / "exercises" / "stable-softmax" / "reference.py"
NAIVE = "import numpy as np\ndef softmax(x):\n    return np.exp(x) / np.exp(x).sum()\n"


def run_grade(*args: str) -> str:
    out = io.StringIO()
    call_command("grade", *args, stdout=out)
    return out.getvalue()


def json_lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines()]


@pytest.fixture
def naive(tmp_path: Path) -> Path:
    path = tmp_path / "naive.py"
    path.write_text(NAIVE)
    return path


def test_json_verdict_for_the_reference() -> None:
    output = run_grade("stable-softmax", str(REFERENCE), "--json")
    assert output.count("\n") == 1  # exactly one line
    data = json.loads(output)
    assert data["file"] == str(REFERENCE)
    assert data["status"] == "passed" and data["score"] == 1.0
    assert data["tests"] and all({"name", "passed", "message"} <= set(t) for t in data["tests"])
    assert isinstance(data["seed"], int) and 0 <= data["seed"] < 2**31
    assert data["duration_ms"] > 0


def test_json_verdict_for_a_syntax_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.py"
    broken.write_text("def softmax(x)\n    return x\n")
    data = json.loads(run_grade("stable-softmax", str(broken), "--json"))
    assert data["status"] == "failed" and data["score"] == 0.0
    assert data["message"].startswith("SyntaxError on line 1")


def test_run_mode_and_seed() -> None:
    data = json.loads(run_grade("adam", str(REFERENCE), "--json", "--mode", "run", "--seed", "3"))
    assert data["seed"] == 3
    assert data["status"] == "failed"  # softmax code for the adam exercise
    assert {t["kind"] for t in data["tests"]} == {"example"}
    assert "define a function named `adam_step`" in data["message"]


def test_several_files_in_order_one_line_each(naive: Path) -> None:
    lines = json_lines(run_grade("stable-softmax", str(REFERENCE), str(naive), "--json"))
    assert [(line["file"], line["status"]) for line in lines] == [
        (str(REFERENCE), "passed"),
        (str(naive), "failed"),
    ]
    assert all(line["duration_ms"] > 0 for line in lines)


def test_default_seed_is_fresh_per_file_and_printed_to_reproduce_the_run(naive: Path) -> None:
    first, second = json_lines(run_grade("stable-softmax", str(naive), str(naive), "--json"))
    assert first["seed"] != second["seed"]  # a fresh seed per file (equal: 1 chance in 2**31)
    (again,) = json_lines(
        run_grade("stable-softmax", str(naive), "--json", "--seed", str(first["seed"]))
    )
    ignore = {"duration_ms"}
    assert {k: v for k, v in again.items() if k not in ignore} == {
        k: v for k, v in first.items() if k not in ignore
    }


def test_fixed_seed_applies_to_every_file(naive: Path) -> None:
    lines = json_lines(
        run_grade("stable-softmax", str(REFERENCE), str(naive), "--json", "--seed", "7")
    )
    assert [line["seed"] for line in lines] == [7, 7]


def test_negative_seed_is_refused(naive: Path) -> None:
    with pytest.raises(CommandError, match="the seed must be 0 or more"):
        run_grade("stable-softmax", str(naive), "--seed", "-1")


def test_files_share_one_sandbox_zygote(naive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sandbox.shutdown()  # start from no zygote, so the count below is exact
    started: list[bool] = []
    original = sandbox._Zygote.__init__

    def counting(self: sandbox._Zygote, *, cold: bool, **kwargs: Any) -> None:
        started.append(cold)
        original(self, cold=cold, **kwargs)

    monkeypatch.setattr(sandbox._Zygote, "__init__", counting)
    lines = json_lines(
        run_grade("stable-softmax", str(REFERENCE), str(naive), str(naive), "--json")
    )
    assert [line["status"] for line in lines] == ["passed", "failed", "failed"]
    assert started == [False]  # one warm zygote, no cold start
    # e.g. "root-zygote+cgroup-v1": warm zygote mode, whatever the jail's budget
    assert all("-zygote" in line["sandbox_mode"] for line in lines)


def test_readable_report(naive: Path) -> None:
    report = run_grade("stable-softmax", str(naive), "--seed", "0")
    header, *rest = report.splitlines()
    assert header == f"==> {naive} (seed 0) <=="
    assert rest[0].startswith("stable-softmax: FAILED  score ")
    assert "[PASS] example: [1, 2, 3] (example)" in report
    assert "[FAIL] edge: large logits [1000, 2000, 3000] (edge)" in report
    assert "subtract the maximum of each row" in report


def test_readable_reports_of_several_files(naive: Path) -> None:
    report = run_grade("stable-softmax", str(REFERENCE), str(naive), "--seed", "1")
    headers = [line for line in report.splitlines() if line.startswith("==> ")]
    assert headers == [f"==> {REFERENCE} (seed 1) <==", f"==> {naive} (seed 1) <=="]
    assert "\n\n==> " in report  # a blank line between two reports
    assert "stable-softmax: PASSED" in report and "stable-softmax: FAILED" in report


def test_stdin(naive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(NAIVE.encode())))
    (data,) = json_lines(run_grade("stable-softmax", "-", "--json"))
    assert data["file"] == "-" and data["status"] == "failed"
    with pytest.raises(CommandError, match="only once"):
        run_grade("stable-softmax", "-", str(naive), "-")


def test_exercise_folder_path_is_accepted() -> None:
    folder = ROOT / "content" / "exercises" / "stable-softmax"
    data = json.loads(run_grade(str(folder), str(REFERENCE), "--json"))
    assert data["status"] == "passed"


def test_unknown_exercise_is_an_error_before_any_output() -> None:
    out = io.StringIO()
    with pytest.raises(CommandError, match="no exercise 'no-such-exercise'"):
        call_command("grade", "no-such-exercise", str(REFERENCE), "--json", stdout=out)
    assert out.getvalue() == ""


def test_unreadable_files_are_reported_and_the_others_still_graded(
    tmp_path: Path, naive: Path
) -> None:
    missing = tmp_path / "missing.py"
    binary = tmp_path / "binary.py"
    binary.write_bytes(b"\xff\xfe\x00")
    files = [str(REFERENCE), str(missing), str(naive), str(binary), str(tmp_path)]
    out = io.StringIO()
    with pytest.raises(CommandError, match=r"not graded \(3 of 5 files\)"):
        call_command("grade", "stable-softmax", *files, "--json", stdout=out)
    lines = json_lines(out.getvalue())
    assert [line["file"] for line in lines] == files
    assert [line["status"] for line in lines] == ["passed", "error", "failed", "error", "error"]
    assert lines[1]["message"] == f"cannot read {missing}: No such file or directory"
    assert lines[3]["message"] == f"cannot read {binary}: not UTF-8 text (invalid start byte)"
    assert lines[4]["message"] == f"cannot read {tmp_path}: Is a directory"
    # An unread file has the keys of every other line; no cases were drawn for it.
    assert set(lines[1]) == set(lines[0]) and lines[1]["seed"] is None


def test_one_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"cannot read .*missing\.py"):
        run_grade("stable-softmax", str(tmp_path / "missing.py"))
    binary = tmp_path / "binary.py"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(CommandError, match="not UTF-8"):
        run_grade("stable-softmax", str(binary))


def manage_py_grade(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "grade", "stable-softmax", *args, "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_cli_exits_zero_with_one_json_line_per_file_for_hostile_code(tmp_path: Path) -> None:
    hostile = tmp_path / "hostile.py"
    hostile.write_text(
        "import os, sys\n"
        'print(\'{"status": "passed", "score": 1.0}\')\n'
        "sys.stdout.flush()\n"
        "os._exit(0)\n"
    )
    done = manage_py_grade(str(hostile), str(REFERENCE))
    assert done.returncode == 0, done.stderr
    lines = json_lines(done.stdout)
    assert len(lines) == 2
    assert lines[0]["status"] == "failed" and lines[0]["score"] == 0.0
    assert lines[1]["status"] == "passed"


def test_cli_exit_status_one_when_a_file_could_not_be_read(tmp_path: Path) -> None:
    done = manage_py_grade(str(REFERENCE), str(tmp_path / "missing.py"))
    assert done.returncode == 1
    assert [line["status"] for line in json_lines(done.stdout)] == ["passed", "error"]
    assert "cannot read" in done.stderr
