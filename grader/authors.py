"""Authors' code runs in a jail too: the trusted side only ever receives data from it.

An exercise's `cases.py`, `reference.py` and `MISTAKES` functions are as untrusted as a
student's code (a hostile instructor, a compromised content repository): they run in the
same kind of jail, with limits for authors, and return the case inputs, the expected
values and the mistakes' outputs through the codec. No web, worker or command process
executes content code; `grade`, validation, previews and the CLI all come through here.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.cases import Case
from grader.exercise import ExerciseError, ExerciseSpec
from grader.sandbox import Call, Limits, run_in_sandbox

_HERE = Path(__file__).resolve().parent
_DRIVER = (_HERE / "_author.py").read_text(encoding="utf-8")
_CASES_LIBRARY = (_HERE / "cases.py").read_text(encoding="utf-8")
ENTRY = "mlquiz_author_run"
# Authors get more room than students: every case, the reference on each and every known
# mistake on each, in one run.
AUTHOR_LIMITS = Limits(
    cpu_seconds=10.0, wall_seconds=20.0, memory_mb=1024, max_result_bytes=64 * 1024 * 1024
)


@dataclass(frozen=True)
class AuthoredCase:
    """One case as the authors' jail described it, with the reference's expected value
    (None for a must-raise case) and each known mistake's output (ok, value)."""

    case: Case
    expected: Any
    mistake_outputs: tuple[tuple[bool, Any], ...]


@dataclass(frozen=True)
class AuthoredCases:
    cases: tuple[AuthoredCase, ...]
    mistakes: tuple[tuple[str, str], ...]  # (name, hint), in MISTAKES order
    nonfinite_hint: str
    problems: tuple[str, ...]  # from the determinism check, when asked for


def program(spec: ExerciseSpec) -> str:
    """The jail's program: the driver with this exercise's sources filled in."""
    return (
        f"{_DRIVER}\n\nCASES_LIBRARY = {_CASES_LIBRARY!r}\n"
        f"CASES_SOURCE = {spec.cases_source!r}\nREFERENCE_SOURCE = {spec.reference_source!r}\n"
    )


def _exception_class(name: Any, case_name: str) -> type[BaseException]:
    klass = getattr(builtins, str(name), None)
    if isinstance(klass, type) and issubclass(klass, BaseException):
        return klass
    raise ExerciseError(f"case {case_name!r}: raises must be an exception class like ValueError")


def _case(row: tuple[Any, ...]) -> AuthoredCase:
    (
        name,
        args,
        kwargs,
        visible,
        kind,
        raises,
        raises_exactly,
        rtol,
        atol,
        check,
        dtype,
        reason,
        expected,
        outs,
    ) = row
    case = Case(
        name=name,
        args=tuple(args),
        kwargs=dict(kwargs),
        visible=visible,
        kind=kind,
        raises=None if raises is None else _exception_class(raises, name),
        raises_exactly=bool(raises_exactly),
        rtol=rtol,
        atol=atol,
        check=check,
        dtype=dtype,
        reason=reason,
    )
    return AuthoredCase(case, expected, tuple((bool(ok), value) for ok, value in outs))


def run_authors_code(
    spec: ExerciseSpec, *, seed: int, check_determinism: bool = False
) -> AuthoredCases:
    """The cases of `spec` for `seed`, computed in an authors' jail; raises ExerciseError
    when the exercise is broken (or its code misbehaves: a timeout, a crash, bad output)."""
    result = run_in_sandbox(
        program(spec),
        ENTRY,
        [Call(args=(spec.slug, spec.function, int(seed), check_determinism))],
        AUTHOR_LIMITS,
    )
    outcome = result.outcomes[0] if result.outcomes else None
    if result.status != "ok" or outcome is None or not outcome.returned:
        why = result.message or (outcome.error_message if outcome else "") or result.status
        raise ExerciseError(f"{spec.slug}: running cases.py and reference.py failed: {why}")
    reply = outcome.value
    if isinstance(reply, tuple) and len(reply) == 2 and reply[0] == "broken":
        raise ExerciseError(str(reply[1]))
    try:
        _, rows, mistakes, hint, problems = reply
        return AuthoredCases(
            cases=tuple(_case(tuple(row)) for row in rows),
            mistakes=tuple((str(name), str(text)) for name, text in mistakes),
            nonfinite_hint=str(hint),
            problems=tuple(str(problem) for problem in problems),
        )
    except (TypeError, ValueError, IndexError) as exc:
        raise ExerciseError(
            f"{spec.slug}: the authors' jail sent a malformed reply ({exc})"
        ) from None
