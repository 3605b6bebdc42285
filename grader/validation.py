"""Is an exercise gradable? One check for every place that asks: `sync_content` (and its
`--check`), the authoring page's Validate and Publish, and the content tests.

An exercise passes when its cases are deterministic for a seed, its reference scores 1.0 on
every seed tried, and its starter scores less than 1.0, graded through the real sandbox.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from grader.authors import run_authors_code
from grader.exercise import ExerciseError, ExerciseSpec
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


def check_cases_deterministic(spec: ExerciseSpec, seed: int = 0) -> list[str]:
    """Build the cases twice from the same seed (in the authors' jail); any difference, or a
    broken exercise, is an error."""
    try:
        return list(run_authors_code(spec, seed=seed, check_determinism=True).problems)
    except ExerciseError as exc:
        return [str(exc)]


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
