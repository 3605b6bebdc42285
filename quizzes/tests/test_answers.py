from __future__ import annotations

import math
import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizzes.answers import AnswerParseError, format_answer, parse_answer


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.25", 0.25),
        ("1/4", 0.25),
        ("2.5e-3", 0.0025),
        ("2.5E+3", 2500.0),
        ("-3", -3.0),
        (".5", 0.5),
        ("sqrt(2)/2", math.sqrt(2) / 2),
        ("pi/4", math.pi / 4),
        ("e^2", math.e**2),
        ("e**2", math.e**2),
        ("2^-3", 0.125),
        ("-2^2", -4.0),  # power binds tighter than unary minus, as in maths
        ("2^3^2", 512.0),  # right-associative
        ("2pi", 2 * math.pi),
        ("3sqrt(2)", 3 * math.sqrt(2)),
        ("ln(e)", 1.0),
        ("log(exp(3))", 3.0),
        ("log2(8)", 3.0),
        ("(1+2)*3", 9.0),
        ("1 − 3", -2.0),  # Unicode minus
        ("2×3", 6.0),
        ("π", math.pi),
        ("  7  ", 7.0),
    ],
)
def test_scalars(text: str, expected: float) -> None:
    value = parse_answer(text)
    assert value.shape == ()
    assert float(value) == pytest.approx(expected)


def test_vectors_and_matrices() -> None:
    assert parse_answer("[1, 2]").tolist() == [1.0, 2.0]
    assert parse_answer("[1/2, sqrt(4), -3,]").tolist() == [0.5, 2.0, -3.0]
    assert parse_answer("[[1, 2], [3, 4]]").tolist() == [[1.0, 2.0], [3.0, 4.0]]
    assert parse_answer("[[1; 2]; [3; 4]]").shape == (2, 2)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("1/0", "division by zero"),
        ("__import__('os')", "unexpected character"),
        ("os.system('ls')", "unexpected character"),
        ("foo", "unknown name"),
        ("1,2", "in brackets"),
        ("[1, [2]]", "in brackets"),
        ("[[1, 2], [3]]", "different lengths"),
        ("[[[1]]]", "vectors and matrices"),
        ("2 3", "unexpected"),
        ("(1+2", "expected ')'"),
        ("sqrt(-1)", "not defined"),
        ("(-8)^(1/3)", "not a real number"),
        ("9^9^9^9", "too large"),
        ("1e999", "too large"),
        ("exp(1000)", "too large"),
        ("10^308*10", "too large"),
        ("[1, 2] + 1", "unexpected"),
        ("1 + [1, 2]", "vector cannot appear"),
        ("(" * 40 + "1" + ")" * 40, "nested too deeply"),
        ("-" * 300 + "1", "nested too deeply"),
        ("1+" * 500 + "1", "too long"),
        ("9" * 100_000, "longer than"),
        ("[]", "unexpected"),
        ("1 +", "ends too early"),
    ],
)
def test_rejects_with_a_clear_message(text: str, fragment: str) -> None:
    with pytest.raises(AnswerParseError) as info:
        parse_answer(text)
    assert fragment in str(info.value)


def test_huge_inputs_are_fast() -> None:
    start = time.perf_counter()
    for text in ["9" * 1999, "[" * 1000, "2^" * 150 + "2", "sqrt(" * 100 + "2" + ")" * 100]:
        with pytest.raises(AnswerParseError):
            parse_answer(text)
    assert time.perf_counter() - start < 1.0


@settings(max_examples=300, deadline=None, database=None)
@given(st.text(max_size=300))
def test_never_crashes_on_random_text(text: str) -> None:
    try:
        value = parse_answer(text)
    except AnswerParseError as exc:
        assert str(exc)
    else:
        assert np.all(np.isfinite(value))


_alphabet = st.sampled_from(list("0123456789.eE+-*/^()[],; pisqrtxlogn_"))


@settings(max_examples=400, deadline=None, database=None)
@given(st.text(alphabet=_alphabet, max_size=80))
def test_never_crashes_on_answer_like_junk(text: str) -> None:
    try:
        value = parse_answer(text)
    except AnswerParseError:
        return
    assert np.all(np.isfinite(value))


@settings(max_examples=300, deadline=None, database=None)
@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300))
def test_format_round_trips(x: float) -> None:
    assert float(parse_answer(format_answer(x))) == pytest.approx(x, rel=1e-9, abs=1e-300)


@settings(max_examples=100, deadline=None, database=None)
@given(st.lists(st.lists(st.integers(-1000, 1000), min_size=2, max_size=2), min_size=1, max_size=4))
def test_matrix_round_trips(rows: list[list[int]]) -> None:
    array = np.array(rows, dtype=float)
    assert np.array_equal(parse_answer(format_answer(array)), array)
