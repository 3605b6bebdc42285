from __future__ import annotations

import pytest

from quizzes.checking import AnswerSpec, check_answer


@pytest.mark.parametrize("text", ["0.5", "1/2", "5e-1", "2^-1", "sqrt(1/4)", " .5 ", "0.5000"])
def test_equivalent_forms_are_accepted(text: str) -> None:
    assert check_answer(AnswerSpec(0.5), text).correct


@pytest.mark.parametrize("text", ["0.6", "-0.5", "1/3", "5", "0"])
def test_wrong_values_are_rejected(text: str) -> None:
    result = check_answer(AnswerSpec(0.5), text)
    assert result.status == "incorrect"
    assert result.score == 0
    assert result.counts_as_attempt


def test_relative_tolerance_edges() -> None:
    spec = AnswerSpec(1000.0, mode="relative", tol=1e-3)
    assert check_answer(spec, "1000.9").correct
    assert not check_answer(spec, "1001.1").correct


def test_absolute_tolerance_edges() -> None:
    spec = AnswerSpec(0.1234, mode="absolute", tol=1e-3)
    assert check_answer(spec, "0.124").correct
    assert not check_answer(spec, "0.125").correct


def test_significant_figures() -> None:
    spec = AnswerSpec(0.0823543, mode="sigfigs", tol=3)
    assert check_answer(spec, "0.0824").correct
    assert check_answer(spec, "0.08235").correct
    assert not check_answer(spec, "0.082").correct  # only 2 s.f.: off by more than half a unit
    assert not check_answer(spec, "0.0826").correct


def test_exact_integers() -> None:
    spec = AnswerSpec(12, mode="exact")
    assert check_answer(spec, "12").correct
    assert check_answer(spec, "24/2").correct
    assert not check_answer(spec, "12.001").correct
    assert not check_answer(spec, "11").correct


def test_unparseable_input_does_not_count() -> None:
    result = check_answer(AnswerSpec(1.0), "one half")
    assert result.status == "invalid"
    assert not result.counts_as_attempt
    assert "Could not read" in result.message


def test_wrong_shape_is_told_apart_from_wrong_value() -> None:
    spec = AnswerSpec([1.0, 2.0])
    scalar = check_answer(spec, "1")
    assert scalar.status == "wrong_shape"
    assert "vector of 2 numbers" in scalar.message and "single number" in scalar.message
    longer = check_answer(spec, "[1, 2, 3]")
    assert longer.status == "wrong_shape"
    assert "vector of 3" in longer.message
    matrix = check_answer(AnswerSpec([[1, 0], [0, 1]]), "[1, 0, 0, 1]")
    assert matrix.status == "wrong_shape" and "2x2 matrix" in matrix.message
    assert check_answer(spec, "[1, 3]").status == "incorrect"
    # A vector written as a column or a single row is the same vector.
    assert check_answer(spec, "[[1], [2]]").correct
    assert check_answer(spec, "[[1, 2]]").correct
    assert check_answer(spec, "[[1, 2], [3, 4]]").status == "wrong_shape"


def test_partial_credit_per_component() -> None:
    spec = AnswerSpec([[1, 2], [3, 4]], mode="exact", partial=True)
    result = check_answer(spec, "[[1, 2], [3, 5]]")
    assert result.status == "partial"
    assert result.score == pytest.approx(0.75)
    assert "entry 4" in result.message
    assert check_answer(spec, "[[0, 0], [0, 0]]").score == 0


def test_no_partial_credit_unless_the_question_says_so() -> None:
    spec = AnswerSpec([1, 2], mode="exact")
    result = check_answer(spec, "[1, 3]")
    assert result.status == "incorrect" and result.score == 0


def test_unordered_answers() -> None:
    spec = AnswerSpec([3.0, -1.0], unordered=True, partial=True)
    assert check_answer(spec, "[-1, 3]").correct
    assert check_answer(spec, "[3, -1]").correct
    assert check_answer(spec, "[3, 7]").score == pytest.approx(0.5)


def test_spec_round_trips_through_json() -> None:
    spec = AnswerSpec([0.5, 2.0], mode="absolute", tol=0.01, partial=True, unordered=True)
    assert AnswerSpec.from_dict(spec.to_dict()) == AnswerSpec(
        [0.5, 2.0], mode="absolute", tol=0.01, partial=True, unordered=True
    )
    assert "vector of 2" in spec.format_hint()
