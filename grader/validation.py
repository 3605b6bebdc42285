"""Is an exercise gradable? One check for every place that asks: `sync_content` (and its
`--check`), the authoring page's Validate and Publish, and the content tests.

An exercise passes when its cases are deterministic for a seed, its reference scores 1.0 on
every seed tried, its starter scores less than 1.0, and the author's extra solutions
(`tests/ok_*.py`, `tests/bad_*.py`) pass / fail on every seed tried, graded through the real
sandbox.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from grader.authors import run_authors_code
from grader.exercise import ExerciseError, ExerciseSpec
from grader.grading import SEED_POOL_SIZE
from grader.grading import grade as grade_in_sandbox
from grader.sandbox import SandboxUnavailable
from grader.verdict import Verdict

# Students meet hidden cases from any seed of the pool (grader.grading.SEED_POOL_SIZE), so a
# correct solution must pass on all of them: a reference (or an `ok_` solution) that only passes
# for lucky random inputs, a tolerance chosen too tight, must be caught before students are.
# Every validation grades the first 20 seeds of the pool (seed 0 first: Run's, and every
# submission's before seeds varied); `sync_content --check --seeds 64` grades the whole pool
# (about three times as long). 20 draws catch a tolerance that fails on 1 draw in 10 with
# probability 0.88, one failing on 1 in 4 with 0.997; a tolerance should have a margin anyway.
CHECK_SEEDS: tuple[int, ...] = tuple(range(20))
ALL_SEEDS: tuple[int, ...] = tuple(range(SEED_POOL_SIZE))
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
    solutions: Mapping[str, str] | None = None,
) -> ExerciseCheck:
    """Deterministic cases, reference scores 1.0 on every seed, starter scores < 1.0, and each
    of `solutions` ({"tests/ok_loop.py": source}) passes (`ok_*`) or fails (`bad_*`) on every
    seed."""
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
        if not errors:  # a broken reference says it all: its cases judge the solutions
            for name, source in sorted((solutions or {}).items()):
                errors.extend(_check_solution(spec, name, source, seeds, grade))
    except SandboxUnavailable as exc:
        return ExerciseCheck([f"could not grade: the sandbox is not available here: {exc}"])
    if starter.score >= 1.0:
        errors.append("the starter already scores 100%: it must leave work for the student")
    return ExerciseCheck(errors, reference=shown, starter=starter)


def _check_solution(
    spec: ExerciseSpec, name: str, source: str, seeds: tuple[int, ...], grade: GradeFunction
) -> list[str]:
    """An `ok_` solution passes on every seed; a `bad_` one fails on every seed."""
    must_pass = name.rpartition("/")[2].startswith("ok_")
    for seed in seeds:
        verdict = grade(spec, source, mode="submit", seed=seed)
        if verdict.status == "error":
            return [f"{name}: could not be graded with seed {seed}: {verdict.message}"]
        passed = verdict.status == "passed" and verdict.score >= 1.0
        if must_pass and not passed:
            return [
                f"{name} scores {verdict.score:.0%} with seed {seed}: a correct solution must "
                "pass every test on every seed (a tolerance too tight for it?). "
                + _failures(verdict)
            ]
        if not must_pass and passed:
            return [
                f"{name} passes every test with seed {seed}: a wrong solution must fail on "
                "every seed (do the hidden cases catch its mistake?)"
            ]
    return []
