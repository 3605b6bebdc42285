"""Trusted-side grading: build cases, run the student's code in the sandbox, judge.

The flow of `grade`:
1. `prepare` has the exercise's `cases.py` and `reference.py` run in an authors' jail
   (`grader.authors`): the cases are drawn from `np.random.default_rng(seed)` there and
   every expected value (and each known mistake's output) comes back as data (cached per
   exercise and seed). Authors' code never runs on this side.
2. The student's source is parsed (never run) here: syntax errors and banned calls
   become a failed verdict without starting the sandbox.
3. `run_in_sandbox` gets only the student's code and the inputs; its outcomes come
   back as data, and every pass/fail is decided here by `grader.checks`.
"""

from __future__ import annotations

import ast
import builtins
import copy
import functools
import logging
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from grader import checks
from grader.authors import run_authors_code
from grader.banned import banned_message, could_use_banned, find_banned
from grader.cases import Case
from grader.exercise import ExerciseError, ExerciseSpec
from grader.sandbox import Call, CallOutcome, SandboxResult, SandboxUnavailable, run_in_sandbox
from grader.verdict import TestResult, Verdict, VerdictStatus

logger = logging.getLogger(__name__)

MAX_CODE_BYTES = 64 * 1024
# Per-test message cap: a student's 4 KiB exception text under each of 20 cases would
# otherwise make every stored verdict large.
MAX_MESSAGE_CHARS = 3000
GradeMode = Literal["run", "submit"]
NOT_RUN = "not run"
# Ends the printed output of a grading that held hidden cases (see `examples_output`).
HIDDEN_OUTPUT_NOTE = (
    "[output printed while running hidden and edge tests is not shown; "
    "above: what the examples alone printed]"
)


@dataclass(frozen=True)
class PreparedCase:
    case: Case
    expected: Any  # the reference's return value; None for must-raise cases
    rtol: float
    atol: float
    # Each known mistake's output on this case's inputs: (computed, value), MISTAKES order.
    mistake_outputs: tuple[tuple[bool, Any], ...] = ()


@dataclass(frozen=True)
class Prepared:
    cases: tuple[PreparedCase, ...]
    mistakes: tuple[tuple[str, str], ...]  # (name, hint)
    nonfinite_hint: str


# Hidden cases are drawn, per submission, from one seed of a pool of this many (0..63) chosen at
# random (`draw_seed`); the visible examples are the same for every seed. A student cannot
# choose the seed, so a table of hidden inputs → outputs would have to be mined for every seed
# of the pool from feedback that gives no digit of an expected value; a worker meanwhile
# prepares each (version, seed) once and serves it from the cache below.
SEED_POOL_SIZE = 64
# Every pool seed of 16 exercises at once; an entry is typically 10-300 KB (inputs, expected
# values and mistakes' outputs), ~1 MB for the largest exercise today.
PREPARE_CACHE_SIZE = 16 * SEED_POOL_SIZE
# What Run (examples only) grades with: its cases do not depend on the seed.
EXAMPLES_SEED = 0


def draw_seed() -> int:
    """A seed for one submission's hidden cases, uniformly from the pool."""
    return secrets.randbelow(SEED_POOL_SIZE)


@functools.lru_cache(maxsize=PREPARE_CACHE_SIZE)
def _prepare_cached(spec: ExerciseSpec, seed: int) -> Prepared:
    slug = spec.slug
    authored = run_authors_code(spec, seed=seed)
    prepared: list[PreparedCase] = []
    names: set[str] = set()
    for item in authored.cases:
        case = item.case
        if case.name in names:
            raise ExerciseError(f"{slug}: two cases are named {case.name!r}; names must be unique")
        names.add(case.name)
        case_rtol = spec.rtol if case.rtol is None else case.rtol
        case_atol = spec.atol if case.atol is None else case.atol
        if case.raises is None:
            # The reference must pass its own check: catches a check that does not fit
            # the value (a tuple check for a single array, NaN in the expected output...).
            try:
                self_check = checks.compare(
                    item.expected,
                    copy.deepcopy(item.expected),
                    check=case.check,
                    rtol=case_rtol,
                    atol=case_atol,
                    dtype=case.dtype,
                )
            except ValueError as exc:
                raise ExerciseError(f"{slug}: case {case.name!r}: {exc}") from exc
            if not self_check.passed:
                raise ExerciseError(
                    f"{slug}: case {case.name!r}: the reference fails its own check: "
                    f"{self_check.message}"
                )
        prepared.append(
            PreparedCase(case, item.expected, case_rtol, case_atol, item.mistake_outputs)
        )
    if not any(p.case.visible for p in prepared):
        raise ExerciseError(
            f"{slug}: at least one case must be visible=True (Run grades only those)"
        )
    return Prepared(tuple(prepared), authored.mistakes, authored.nonfinite_hint)


def prepare(spec: ExerciseSpec, *, seed: int = 0) -> Prepared:
    """The cases of `spec` for `seed` with expected values, computed in an authors' jail
    (cached per exercise and seed: a spec is immutable, equal specs share the entry).

    Raises ExerciseError if the exercise is broken.
    """
    return _prepare_cached(spec, int(seed))


# ---------------------------------------------------------------------------
# Static checks of the student's source (parsed, never executed, on this side)


def _syntax_message(exc: SyntaxError) -> str:
    message = f"{type(exc).__name__} on line {exc.lineno}: {exc.msg}"
    if exc.text and exc.text.strip():
        text = exc.text.rstrip("\n")
        message += f"\n    {text.strip()}"
        if exc.offset:
            indent = len(text) - len(text.lstrip())
            message += "\n    " + " " * max(exc.offset - 1 - indent, 0) + "^"
    return message


def static_problem(spec: ExerciseSpec, code: str) -> str:
    """Why the code cannot run at all ("" if it can): size, NUL bytes, syntax, banned calls."""
    size = len(code.encode("utf-8", "surrogatepass"))
    if size > MAX_CODE_BYTES:
        return f"your code is {size} bytes long; the limit is {MAX_CODE_BYTES // 1024} KiB"
    if "\x00" in code:
        return "your code contains a NUL character; remove it and submit again"
    try:
        tree = ast.parse(code, filename="submission.py")
    except SyntaxError as exc:
        return _syntax_message(exc)
    except (RecursionError, MemoryError, ValueError):
        return "your code is too deeply nested to compile"
    uses = find_banned(tree, spec.banned) if could_use_banned(code, spec.banned) else []
    if uses:
        return banned_message(uses, spec.banned_reason)
    return ""


# ---------------------------------------------------------------------------
# Judging sandbox outcomes


def _exception_matches(error_type: str | None, expected: type[BaseException]) -> bool:
    """Does the student's exception (known only by class name) satisfy `except expected`?"""
    if not error_type:
        return False
    if error_type == expected.__name__:
        return True
    cls = _known_exceptions().get(error_type)
    return cls is not None and issubclass(cls, expected)


@functools.cache
def _known_exceptions() -> dict[str, type[BaseException]]:
    """Exception classes a student's code can raise without defining them, by name."""
    known: dict[str, type[BaseException]] = {
        name: obj
        for name, obj in vars(builtins).items()
        if isinstance(obj, type) and issubclass(obj, BaseException)
    }
    known["LinAlgError"] = np.linalg.LinAlgError
    for name in dir(np.exceptions):
        obj = getattr(np.exceptions, name)
        if isinstance(obj, type) and issubclass(obj, BaseException):
            known[name] = obj
    return known


def _raised_text(outcome: CallOutcome) -> str:
    text = f"raised {outcome.error_type or 'an exception'}"
    if outcome.error_message:
        text += f": {outcome.error_message}"
    return text


def _arg_text(value: Any) -> str:
    """One line per argument: a big matrix printed in full would bury the message."""
    if isinstance(value, np.ndarray) and (value.size > 8 or (value.ndim > 1 and value.size > 4)):
        return f"<array of shape {checks.format_shape(value.shape)}>"
    return " ".join(checks.compact_repr(value, limit=80).split())


def _call_text(function: str, case: Case) -> str:
    parts = [_arg_text(a) for a in case.args]
    parts += [f"{k}={_arg_text(v)}" for k, v in case.kwargs.items()]
    return f"{function}({', '.join(parts)})"


def _find_hint(prepared: Prepared, pc: PreparedCase, got: Any, result: checks.CheckResult) -> str:
    for (_, hint), (computed, wrong) in zip(prepared.mistakes, pc.mistake_outputs, strict=True):
        if computed and checks.values_match(
            wrong, got, check=pc.case.check, rtol=pc.rtol, atol=pc.atol
        ):
            return hint
    if result.nonfinite and prepared.nonfinite_hint:
        return prepared.nonfinite_hint
    return ""


def judge_outcome(
    spec: ExerciseSpec,
    prepared: Prepared,
    pc: PreparedCase,
    outcome: CallOutcome,
    *,
    show_traceback: bool = True,
) -> TestResult:
    """One case's verdict from the expected value and what the sandbox reported."""
    case = pc.case
    label = case.label
    if case.raises is not None:
        wanted = case.raises.__name__
        reason = f" for {case.reason}" if case.reason else f" ({case.name})"
        if outcome.returned:
            got = checks.compact_repr(outcome.value)
            message = f"expected {wanted}{reason}, but the function returned {got}"
            return TestResult(case.name, label, False, message)
        if _exception_matches(outcome.error_type, case.raises):
            if not case.raises_exactly or outcome.error_class == wanted:
                return TestResult(case.name, label, True, "")
            message = (
                f"raised {outcome.error_class}, a subclass of {wanted}"
                + (f": {outcome.error_message}" if outcome.error_message else "")
                + f"; expected {wanted} itself{reason}: a library's error (such as NumPy's "
                f"LinAlgError) does not count here, so check the input and raise {wanted} "
                "yourself"
            )
            return TestResult(case.name, label, False, message)
        return TestResult(
            case.name, label, False, f"{_raised_text(outcome)}; expected {wanted}{reason}"
        )
    if not outcome.returned:
        message = _raised_text(outcome)
        if outcome.error_type == "NotImplementedError":
            message += " (replace `raise NotImplementedError` with your implementation)"
        if outcome.traceback:
            if show_traceback:
                message += "\n" + outcome.traceback.rstrip()
            else:
                message += " (same traceback as in an earlier test)"
        if case.visible:
            message = f"{_call_text(spec.function, case)} {message}"
        return TestResult(case.name, label, False, message)
    result = checks.compare(
        pc.expected,
        outcome.value,
        check=case.check,
        rtol=pc.rtol,
        atol=pc.atol,
        dtype=case.dtype,
        reveal=case.visible,
    )
    if result.passed:
        return TestResult(case.name, label, True, "")
    message = result.message
    if case.visible:
        message = f"{_call_text(spec.function, case)}: {message}"
    hint = _find_hint(prepared, pc, outcome.value, result)
    if hint:
        message += f"\nHint: {hint}"
    return TestResult(case.name, label, False, message, hint)


def _not_run(cases: Sequence[PreparedCase], why: str) -> list[TestResult]:
    return [TestResult(pc.case.name, pc.case.label, False, f"{NOT_RUN}: {why}") for pc in cases]


def _score(tests: list[TestResult]) -> float:
    return sum(t.passed for t in tests) / len(tests) if tests else 0.0


def verdict_from_sandbox(
    spec: ExerciseSpec, prepared: Prepared, cases: Sequence[PreparedCase], result: SandboxResult
) -> Verdict:
    """Turn the sandbox's report into a verdict. Only trusted data decides a pass."""
    output = result.output + ("\n[... output truncated]" if result.output_truncated else "")
    message = ""
    if result.status == "syntax_error":
        tests = _not_run(cases, "fix the syntax error first")
        message = result.message
    elif result.status == "banned":  # reached while it ran: fails as a whole, like the AST check
        message = result.message
        tests = _not_run(cases, message.splitlines()[0])
    elif result.status == "missing_function":
        message = f"define a function named `{spec.function}`"
        if result.message:
            message += f" ({result.message})"
        tests = _not_run(cases, message)
    else:
        tests = []
        shown: set[str] = set()  # a traceback repeated on every case is noise
        for pc, outcome in zip(cases, result.outcomes, strict=False):
            # Same frames, different final line ("... with size 5"): still the same story.
            trace = (outcome.traceback or "").rstrip().rpartition("\n")[0]
            try:
                test = judge_outcome(spec, prepared, pc, outcome, show_traceback=trace not in shown)
            except Exception:  # a value no check anticipated must not lose the whole verdict
                logger.exception("checking case %r of %s failed", pc.case.name, spec.slug)
                test = TestResult(
                    pc.case.name,
                    pc.case.label,
                    False,
                    f"your return value could not be checked ({type(outcome.value).__name__})",
                )
            if len(test.message) > MAX_MESSAGE_CHARS:
                cut = test.message[:MAX_MESSAGE_CHARS] + "\n[... message truncated]"
                test = TestResult(test.name, test.kind, test.passed, cut, test.hint)
            tests.append(test)
            shown.add(trace)
        if len(tests) < len(cases):
            # The run stopped (time/memory limit, crash) while on the next case.
            stopped = result.message or f"the program stopped ({result.status})"
            if result.status == "ok":
                stopped = "the sandbox returned fewer results than calls"
            current = cases[len(tests)]
            tests.append(TestResult(current.case.name, current.case.label, False, stopped))
            tests += _not_run(cases[len(tests) :], "the program stopped at an earlier case")
            message = stopped
    score = _score(tests)
    status: VerdictStatus = "passed" if tests and all(t.passed for t in tests) else "failed"
    return Verdict(status, score, tests, output, message, result.duration_ms, result.mode)


def grade(spec: ExerciseSpec, code: str, *, mode: GradeMode = "submit", seed: int = 0) -> Verdict:
    """Grade `code` against `spec`. Always returns a verdict; never runs `code` outside the sandbox.

    mode="run" grades only the visible examples. status "error" means nothing could
    be graded (broken exercise, sandbox unavailable); everything the student did
    wrong, including syntax errors, is a "failed" verdict.
    """
    started = time.perf_counter()

    def elapsed() -> float:
        return (time.perf_counter() - started) * 1000

    if mode not in ("run", "submit"):
        raise ValueError(f"mode must be 'run' or 'submit', got {mode!r}")
    try:
        prepared = prepare(spec, seed=seed)  # the authors' code runs in a jail too
    except ExerciseError as exc:
        logger.error("exercise %s is broken: %s", spec.slug, exc)
        return Verdict(
            "error", 0.0, [], "", f"this exercise cannot be graded right now: {exc}", elapsed()
        )
    except SandboxUnavailable as exc:
        logger.error("sandbox unavailable: %s", exc)
        return Verdict(
            "error", 0.0, [], "", f"the grader's sandbox is unavailable: {exc}", elapsed()
        )
    cases = [pc for pc in prepared.cases if mode == "submit" or pc.case.visible]
    if not isinstance(code, str):
        raise TypeError("code must be a str")
    problem = static_problem(spec, code)
    if problem:
        tests = _not_run(cases, problem.splitlines()[0])
        return Verdict("failed", 0.0, tests, "", problem, elapsed())
    # No copies needed: the sandbox encodes each call's inputs, so it never holds ours.
    calls = [Call(args=pc.case.args, kwargs=pc.case.kwargs) for pc in cases]
    try:
        result = run_in_sandbox(
            code,
            spec.function,
            calls,
            spec.limits,
            banned=spec.banned,
            banned_reason=spec.banned_reason,
        )
    except SandboxUnavailable as exc:
        logger.error("sandbox unavailable: %s", exc)
        return Verdict(
            "error", 0.0, [], "", f"the grader's sandbox is unavailable: {exc}", elapsed()
        )
    except Exception:
        logger.exception("sandbox failed grading %s", spec.slug)
        return Verdict(
            "error", 0.0, [], "", "internal grader error; your submission was not graded", elapsed()
        )
    verdict = verdict_from_sandbox(spec, prepared, cases, result)
    output = verdict.output
    if any(not pc.case.visible for pc in cases):
        output = examples_output(spec, code, cases, result)
    return Verdict(
        verdict.status,
        verdict.score,
        verdict.tests,
        output,
        verdict.message,
        elapsed(),
        verdict.sandbox_mode,
    )


def examples_output(
    spec: ExerciseSpec, code: str, cases: Sequence[PreparedCase], result: SandboxResult
) -> str:
    """The printed output to show for a run that held hidden cases: never that run's own.

    A jail receives all its calls at once, so anything printed in it (at import, in an
    example's call, in a hidden one) may show hidden inputs. When the student printed
    anything, the examples are run once more on their own, in a jail that never saw a
    hidden input, and that output is shown, with a note. Code that prints nothing costs
    no second run.
    """
    if not result.output and not result.output_truncated:
        return ""
    examples = [pc for pc in cases if pc.case.visible]
    shown = ""
    if examples:
        calls = [Call(args=pc.case.args, kwargs=pc.case.kwargs) for pc in examples]
        try:
            rerun = run_in_sandbox(code, spec.function, calls, spec.limits)
        except Exception:  # the verdict stands; only the examples' output is missing
            logger.warning("rerunning the examples of %s failed", spec.slug, exc_info=True)
        else:
            shown = rerun.output
            if rerun.output_truncated:
                shown += "\n[... output truncated]"
    if shown and not shown.endswith("\n"):
        shown += "\n"
    return shown + HIDDEN_OUTPUT_NOTE
