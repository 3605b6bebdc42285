"""Property tests over every question generator and many seeds."""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.rendering import render_document
from quizzes.answers import format_number
from quizzes.checking import check_answer, spec_problems
from quizzes.generators import REGISTRY, TOPICS, all_generators, get_generator

NAMES = sorted(REGISTRY)
SEEDS = st.integers(min_value=0, max_value=2**63 - 1)
PROPERTY = settings(
    max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def test_at_least_thirty_generators_cover_every_seed_topic() -> None:
    assert len(REGISTRY) >= 30
    covered = {g.topic for g in all_generators()}
    assert covered == set(TOPICS)


def _alternative_forms(value: np.ndarray) -> list[str]:
    """Other ways a student might type the same value."""
    if value.ndim == 0:
        v = float(value)
        forms = [f"{v:.12e}", f"({format_number(v, 12)})", f"{format_number(4 * v, 14)}/4"]
        if v != 0:
            forms.append(f"1/({format_number(1 / v, 14)})")
        return forms
    if value.ndim == 1:
        return ["[" + ", ".join(f"{float(x):.12e}" for x in value) + "]"]
    return ["[" + ", ".join(_alternative_forms(row)[0] for row in value) + "]"]


def _wrong(value: np.ndarray) -> str:
    shift = max(1.0, 0.5 * float(np.abs(value).max())) + 0.37
    return _alternative_forms(value + shift)[0]


@pytest.mark.parametrize("name", NAMES)
@PROPERTY
@given(seed=SEEDS)
def test_generator_properties(name: str, seed: int) -> None:
    generator = get_generator(name)
    variant = generator.generate(seed)

    # Same seed, same variant; the public JSON form is serialisable.
    assert variant.to_json() == generator.generate(seed).to_json()
    json.dumps(variant.to_json())
    assert variant.prompt.strip() and variant.solution.strip()

    # Finite, sensibly sized answers that do not round to nothing under their tolerance.
    spec = variant.answer
    # The own answer is accepted, and each feedback rule can fire (checking.spec_problems).
    assert spec_problems(spec) == []
    if spec.kind != "number":
        return  # choice, symbolic and multi-part answers: tests/test_answer_types.py
    value = spec.array
    assert np.all(np.isfinite(value))
    assert np.abs(value).max() < 1e6
    if spec.mode == "absolute":
        assert np.abs(value).max() > 5 * spec.tolerance
    if spec.mode in ("relative", "sigfigs"):
        assert np.all(value != 0) or value.size > 1
    if spec.mode == "exact":
        assert np.all(value == np.round(value))

    # The canonical answer and equivalent forms are accepted.
    assert check_answer(spec, spec.text()).correct, spec.text()
    for form in _alternative_forms(value):
        assert check_answer(spec, form).correct, form

    # A clearly wrong answer is rejected; a wrong shape is reported as such.
    wrong = check_answer(spec, _wrong(value))
    assert not wrong.correct and wrong.score < 1
    other_shape = "[1, 2, 3, 4, 5]" if value.shape != (5,) else "1"
    assert check_answer(spec, other_shape).status == "wrong_shape"


@pytest.mark.parametrize("name", NAMES)
def test_different_seeds_give_different_variants(name: str) -> None:
    generator = get_generator(name)
    prompts = {generator.generate(seed).prompt for seed in range(40)}
    assert len(prompts) >= 5


@pytest.mark.parametrize("name", NAMES)
def test_prompt_and_solution_render_without_errors(name: str) -> None:
    variant = get_generator(name).generate(12345)
    for text in (variant.prompt, variant.solution):
        document = render_document(text)
        assert document.errors == []
        assert document.formulas or "$" not in text  # KaTeX parses them: test_katex.py


JUNK = st.one_of(
    st.text(max_size=200),
    st.sampled_from(
        [
            "__import__('os').system('ls')",
            "9^9^9^9",
            "10**10**10",
            "1e308*1e308",
            "[" * 500,
            "x" * 100_000,
            "[[1,2],[3]]",
            "nan",
            "inf",
            "\x00",
        ]
    ),
)


@settings(max_examples=200, deadline=None, database=None)
@given(name=st.sampled_from(NAMES), seed=SEEDS, text=JUNK)
def test_checker_never_crashes_on_junk(name: str, seed: int, text: str) -> None:
    result = check_answer(get_generator(name).generate(seed).answer, text)
    assert 0 <= result.score <= 1
    assert result.message
