"""Is an exercise gradable? One check for every place that asks: `sync_content` (and its
`--check`), the authoring page's Validate and Publish, and the content tests.

An exercise passes when its cases are deterministic for a seed, its reference scores 1.0 on
every seed tried, and its starter scores less than 1.0, graded through the real sandbox.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from grader.exercise import ExerciseSpec, load_trusted_module
from grader.grading import grade as grade_in_sandbox
from grader.sandbox import SandboxUnavailable
from grader.verdict import Verdict

# The grader's default seed and one more, so a reference that only passes for lucky random
# inputs (a tolerance chosen too tight) is caught before students are.
CHECK_SEEDS: tuple[int, ...] = (0, 1)
GradeFunction = Callable[..., Verdict]


@dataclass(frozen=True)
class ExerciseCheck:
    """What is wrong with an exercise ([] if nothing), and the verdicts it was judged on."""

    errors: list[str] = field(default_factory=list)
    reference: Verdict | None = None
    starter: Verdict | None = None

    @property
    def ok(self) -> bool:
        return not self.errors


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and isinstance(b, np.ndarray)
            and a.dtype == b.dtype
            and a.shape == b.shape
            and bool(np.array_equal(a, b, equal_nan=a.dtype.kind in "fc"))
        )
    if isinstance(a, tuple | list):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same_value, a, b))
    if isinstance(a, dict):
        return (
            isinstance(b, dict)
            and a.keys() == b.keys()
            and all(_same_value(a[key], b[key]) for key in a)
        )
    if isinstance(a, float) and isinstance(b, float) and np.isnan(a) and np.isnan(b):
        return True
    return type(a) is type(b) and bool(a == b)


def check_cases_deterministic(spec: ExerciseSpec, seed: int = 0) -> list[str]:
    """Build the cases twice from the same seed; any difference is an error."""
    try:
        builds = [
            load_trusted_module(spec.cases_source, f"{spec.slug}/cases.py").cases(
                np.random.default_rng(seed)
            )
            for _ in range(2)
        ]
    except Exception as exc:  # instructor code: report whatever it raised
        return [f"cases.py raised {type(exc).__name__}: {exc}"]
    first, second = builds
    if not isinstance(first, list) or not first:
        return ["cases() must return a non-empty list of Case"]
    if len(first) != len(second):
        return [
            f"cases() is not deterministic for seed {seed}: {len(first)} vs {len(second)} cases"
        ]
    errors: list[str] = []
    names = [case.name for case in first]
    if len(set(names)) != len(names):
        errors.append("two cases share a name; names identify tests to students")
    if not any(case.visible for case in first):
        errors.append("no visible case: Run would grade nothing")
    for a, b in zip(first, second, strict=True):
        if (a.name, a.raises, a.check, a.rtol, a.atol, a.visible) != (
            b.name,
            b.raises,
            b.check,
            b.rtol,
            b.atol,
            b.visible,
        ) or not (_same_value(a.args, b.args) and _same_value(a.kwargs, b.kwargs)):
            errors.append(f"cases() is not deterministic for seed {seed}: case {a.name!r} differs")
            break
    return errors


def _failures(verdict: Verdict, limit: int = 3) -> str:
    failing = [f"{t.name}: {t.message}" for t in verdict.tests if not t.passed]
    more = f" (+{len(failing) - limit} more)" if len(failing) > limit else ""
    head = f"{verdict.message} " if verdict.message else ""
    return head + "; ".join(failing[:limit]) + more


def check_exercise(
    spec: ExerciseSpec,
    *,
    seeds: tuple[int, ...] = CHECK_SEEDS,
    grade: GradeFunction | None = None,
) -> ExerciseCheck:
    """Deterministic cases, reference scores 1.0 on every seed, starter scores < 1.0."""
    grade = grade or grade_in_sandbox
    errors = check_cases_deterministic(spec, seeds[0])
    if errors:
        return ExerciseCheck(errors)
    try:
        shown: Verdict | None = None
        for seed in seeds:
            verdict = grade(spec, spec.reference_source, mode="submit", seed=seed)
            shown = shown or verdict
            if verdict.status != "passed" or verdict.score < 1.0:
                errors.append(
                    f"the reference scores {verdict.score:.0%} ({verdict.status}) with seed "
                    f"{seed}: it must pass every test. " + _failures(verdict)
                )
                shown = verdict
                break
        starter = grade(spec, spec.starter_source, mode="submit", seed=seeds[0])
    except SandboxUnavailable as exc:
        return ExerciseCheck([f"could not grade: the sandbox is not available here: {exc}"])
    if starter.score >= 1.0:
        errors.append("the starter already scores 100%: it must leave work for the student")
    return ExerciseCheck(errors, reference=shown, starter=starter)
