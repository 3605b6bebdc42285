from __future__ import annotations

import pytest

from grader.questionlib import mat, num, paren, poly, terms, vec


@pytest.mark.parametrize(
    ("value", "text"),
    [(3.0, "3"), (-2.5, "-2.5"), (1 / 3, "0.3333"), (0.00001234, "1.234e-05"), (-0.0, "0")],
)
def test_num(value: float, text: str) -> None:
    assert num(value) == text


def test_terms_merge_signs_and_drop_zeros_and_ones() -> None:
    assert terms([(-3, "x^2"), (1, "xy"), (0, "y"), (-1, "")]) == "-3x^2 + xy - 1"
    assert terms([(0, "x")]) == "0"
    assert terms([(-1, "x"), (2.5, "y")]) == "-x + 2.5y"


def test_poly_and_matrices() -> None:
    assert poly([1, 0, -4, 2]) == "x^3 - 4x + 2"
    assert paren(-2) == "(-2)" and paren(2) == "2"
    assert vec([1, 2]) == r"\begin{bmatrix} 1 \\ 2 \end{bmatrix}"
    assert mat([[1, 0], [0, 1]]) == r"\begin{bmatrix} 1 & 0 \\ 0 & 1 \end{bmatrix}"
