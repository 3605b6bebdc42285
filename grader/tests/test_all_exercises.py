"""CI gate for content: every folder in content/exercises loads, its reference scores 1.0
(on two seeds) and its starter scores < 1.0, graded through the sandbox; its visible examples
are the same whatever the seed; its tests/ solutions pass or fail as their names say.
(`sync_content --check` grades every reference on more seeds: see grader/validation.py.)"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from catalog.manifest import load_exercise_dir, read_test_solutions
from grader.authors import AuthoredCase, run_authors_code
from grader.grading import SEED_POOL_SIZE, grade, prepare
from grader.validation import check_exercise
from grader.verdict import format_report

EXERCISES = Path(__file__).resolve().parents[2] / "content" / "exercises"
FOLDERS = sorted(
    p.name for p in EXERCISES.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
)
WITH_TESTS = [slug for slug in FOLDERS if (EXERCISES / slug / "tests").is_dir()]


def test_there_are_exercises() -> None:
    assert len(FOLDERS) >= 5


POINTS_BY_DIFFICULTY = {"easy": 10, "medium": 15, "hard": 20}


def test_points_follow_difficulty() -> None:
    """Points are the difficulty's, so a course's total weighs exercises consistently."""
    wrong = []
    for slug in FOLDERS:
        meta = yaml.safe_load((EXERCISES / slug / "exercise.yaml").read_text(encoding="utf-8"))
        expected = POINTS_BY_DIFFICULTY.get(meta.get("difficulty", "easy"))
        if meta.get("points", 10) != expected:
            wrong.append(f"{slug}: {meta.get('difficulty')} with {meta.get('points')} points")
    assert wrong == [], "easy is 10 points, medium 15, hard 20"


@pytest.mark.parametrize("slug", FOLDERS)
def test_exercise_reference_passes_and_starter_fails(slug: str) -> None:
    spec = load_exercise_dir(EXERCISES / slug)
    assert check_exercise(spec, seeds=(0,)).errors == []
    # A second seed: randomized cases must not pass the reference only by luck.
    verdict = grade(spec, spec.reference_source, seed=1)
    assert verdict.status == "passed", format_report(verdict)


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (
            isinstance(a, np.ndarray)
            and isinstance(b, np.ndarray)
            and a.dtype == b.dtype
            and np.array_equal(a, b, equal_nan=a.dtype.kind in "fc")
        )
    if isinstance(a, tuple | list):
        return type(a) is type(b) and len(a) == len(b) and all(map(_same, a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, float) and isinstance(b, float) and np.isnan(a) and np.isnan(b):
        return True
    return type(a) is type(b) and bool(a == b)


def _examples(slug: str, seed: int) -> list[AuthoredCase]:
    authored = run_authors_code(load_exercise_dir(EXERCISES / slug), seed=seed)
    return [item for item in authored.cases if item.case.visible]


@pytest.mark.parametrize("slug", FOLDERS)
def test_visible_examples_are_the_same_for_every_seed(slug: str) -> None:
    """Run shows the examples with expected values and printed output, from any seed: they
    must not draw from rng (hidden cases vary per submission, examples never do)."""
    first = _examples(slug, 0)
    assert first, "no visible example"
    for seed in (1, SEED_POOL_SIZE - 1, 2**31 - 1):
        other = _examples(slug, seed)
        assert [e.case.name for e in other] == [e.case.name for e in first], seed
        for a, b in zip(first, other, strict=True):
            where = f"{a.case.name!r} with seed {seed}"
            assert _same(a.case.args, b.case.args) and _same(a.case.kwargs, b.case.kwargs), (
                f"example {where}: its inputs depend on the seed"
            )
            settings = ("kind", "raises", "rtol", "atol", "check", "dtype", "reason")
            assert [getattr(a.case, s) for s in settings] == [
                getattr(b.case, s) for s in settings
            ], f"example {where}: its settings depend on the seed"
            assert _same(a.expected, b.expected), f"example {where}: its expected value changes"


@pytest.mark.parametrize("slug", WITH_TESTS)
def test_exercise_test_solutions_pass_or_fail_as_named(slug: str) -> None:
    spec = load_exercise_dir(EXERCISES / slug)
    solutions = read_test_solutions(EXERCISES / slug)
    assert solutions
    assert check_exercise(spec, seeds=(0, 1, 2), solutions=solutions).errors == []


PERTURBED = """

_reference_function = {function}


def _perturb(value):
    import numpy as np

    if isinstance(value, tuple | list):
        return type(value)(_perturb(v) for v in value)
    if isinstance(value, float | np.floating):
        return float(value) * 1.0123 + 0.0456
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value * 1.0123 + 0.0456
    if isinstance(value, np.ndarray) and value.dtype.kind in "iu":
        return value + 1  # labels and counts (checked "exact"): every entry wrong by one
    return value


def {function}(*args, **kwargs):
    return _perturb(_reference_function(*args, **kwargs))
"""
_NUMBER = re.compile(r"(?<![\w.])\d+\.\d+(?:e[-+]?\d+)?|(?<![\w.])\d+e[-+]?\d+")


def _floats(value: Any) -> list[float]:
    if isinstance(value, tuple | list):
        return [x for item in value for x in _floats(item)]
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return [float(x) for x in value.ravel()]
    if isinstance(value, float | np.floating):
        return [float(value)]
    return []


@pytest.mark.parametrize("slug", FOLDERS)
def test_hidden_messages_give_no_digit_of_expected_values_or_errors(slug: str) -> None:
    """The reference's answers, scaled by 1.0123 and shifted by 0.0456 (integer arrays: plus
    one): every hidden and edge case that fails says so with errors as orders of magnitude
    ("off by about 0.01") — no number in its message has a digit other than a leading 1, and
    no expected value shows."""
    spec = load_exercise_dir(EXERCISES / slug)
    code = spec.reference_source + PERTURBED.format(function=spec.function)
    seed = 5
    verdict = grade(spec, code, seed=seed)
    expected = {pc.case.name: pc.expected for pc in prepare(spec, seed=seed).cases}
    hidden = [t for t in verdict.tests if t.kind != "example" and not t.passed]
    assert hidden, format_report(verdict)
    for test in hidden:
        message = test.message.removesuffix(f"\nHint: {test.hint}" if test.hint else "")
        values = [v for v in _floats(expected[test.name]) if math.isfinite(v)]
        # What the student returned may be quoted ("wrong value: got 1.95922"): theirs anyway.
        own = [v * 1.0123 + 0.0456 for v in values]
        for number in _NUMBER.findall(message):
            size = float(number)
            power = 10.0 ** round(math.log10(size)) if size > 0 else 0.0
            assert math.isclose(size, power) or any(
                math.isclose(size, abs(v), rel_tol=1e-5) for v in own
            ), f"{test.name}: {number} in {message!r}"
        for value in values:
            shown = f"{value:.3g}"
            if sum(c in "123456789" for c in shown.partition("e")[0]) >= 2:
                assert shown not in message, f"{test.name}: {value} in {message!r}"
