""" "Try it": run the student's function on arguments the student typed, beside the reference.

The typed arguments are never evaluated by the trusted side: an authors' jail evaluates them
(``_try.py``: a Python literal or a NumPy expression) and calls the reference; the arguments
come back as data through the codec and go to the student's jail like any test case. The
trusted side only checks the text's length and that it parses as an expression.
"""

from __future__ import annotations

import ast
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from grader import checks
from grader.authors import AUTHOR_LIMITS
from grader.exercise import ExerciseSpec
from grader.grading import static_problem
from grader.sandbox import Call, Limits, SandboxUnavailable, run_in_sandbox

MAX_INPUT_CHARS = 2000
_DRIVER = (Path(__file__).resolve().parent / "_try.py").read_text(encoding="utf-8")
ENTRY = "mlquiz_try_reference"
# One call of the reference: far less room than preparing every case.
_TRY_LIMITS = Limits(
    cpu_seconds=5.0,
    wall_seconds=10.0,
    memory_mb=AUTHOR_LIMITS.memory_mb,
    max_result_bytes=8 * 1024 * 1024,
)


@dataclass(frozen=True)
class TryResult:
    status: str  # "ok" (both ran), "input" (bad input), "failed" (your code could not run),
    # "error" (the grader could not run it)
    message: str = ""
    call: str = ""  # f(<your arguments>)
    got: str = ""  # what your function returned (or raised)
    expected: str = ""  # what the reference returned (or raised)
    agree: bool | None = None  # within the exercise's tolerance
    output: str = ""  # what your function printed

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def input_problem(text: str) -> str:
    """Why `text` cannot be tried ("" if it can): length, NUL bytes, not an expression."""
    if not text.strip():
        return "Type the arguments to call your function with, e.g. np.array([1.0, 2.0])."
    if len(text) > MAX_INPUT_CHARS:
        return f"Your input is longer than {MAX_INPUT_CHARS} characters."
    if "\x00" in text:
        return "Your input contains a NUL character."
    try:
        ast.parse(text, mode="eval")  # parsing only: nothing is evaluated here
    except SyntaxError as exc:
        where = f" (column {exc.offset})" if exc.offset else ""
        return f"Your input is not a Python expression: {exc.msg}{where}."
    return ""


def _program(spec: ExerciseSpec) -> str:
    return f"{_DRIVER}\n\nREFERENCE_SOURCE = {spec.reference_source!r}\n"


def try_it(spec: ExerciseSpec, code: str, text: str) -> TryResult:
    """Call the student's function and the reference on the typed arguments (both jailed)."""
    problem = input_problem(text)
    if problem:
        return TryResult("input", problem)
    static = static_problem(spec, code)
    if static:
        return TryResult("failed", static)
    try:
        reference = run_in_sandbox(
            _program(spec), ENTRY, [Call(args=(text, spec.function))], _TRY_LIMITS
        )
    except SandboxUnavailable as exc:
        return TryResult("error", f"the grader's sandbox is unavailable: {exc}")
    outcome = reference.outcomes[0] if reference.outcomes else None
    if reference.status != "ok" or outcome is None or not outcome.returned:
        why = reference.message or (outcome.error_message if outcome else "") or reference.status
        return TryResult("input", f"your input could not be used: {why}")
    reply = outcome.value
    if not isinstance(reply, tuple) or not reply or reply[0] not in ("ok", "input", "raised"):
        return TryResult("error", "the reference's jail sent a malformed reply")
    if reply[0] == "input":
        return TryResult("input", str(reply[1]))
    args = tuple(reply[1])
    call = f"{spec.function}({', '.join(checks.compact_repr(arg) for arg in args)})"
    expected = (
        f"raises {reply[2]}: {reply[3]}" if reply[0] == "raised" else checks.compact_repr(reply[2])
    )
    try:
        result = run_in_sandbox(
            code,
            spec.function,
            [Call(args=args)],
            spec.limits,
            banned=spec.banned,
            banned_reason=spec.banned_reason,
        )
    except SandboxUnavailable as exc:
        return TryResult("error", f"the grader's sandbox is unavailable: {exc}", call)
    mine = result.outcomes[0] if result.outcomes else None
    if result.status != "ok" or mine is None:
        return TryResult(
            "failed", result.message or result.status, call, "", expected, None, result.output
        )
    if not mine.returned:
        got = f"raises {mine.error_type}: {mine.error_message}"
        agree = reply[0] == "raised" and mine.error_type == reply[2]
        return TryResult("ok", "", call, got, expected, agree, result.output)
    if reply[0] == "raised":
        return TryResult(
            "ok", "", call, checks.compact_repr(mine.value), expected, False, result.output
        )
    verdict = checks.compare(reply[2], mine.value, rtol=spec.rtol, atol=spec.atol, reveal=True)
    return TryResult(
        "ok",
        "" if verdict.passed else verdict.message,
        call,
        checks.compact_repr(mine.value),
        expected,
        verdict.passed,
        result.output,
    )
