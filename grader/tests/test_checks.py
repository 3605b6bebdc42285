"""Unit tests of the pure checks (grader.checks) and the banned-call finder (grader.banned)."""

from __future__ import annotations

import ast
from typing import TypedDict

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.banned import banned_message, could_use_banned, find_banned
from grader.cases import CheckName
from grader.checks import (
    align_column_signs,
    compact_repr,
    compare,
    order_of_magnitude,
    values_match,
)


class Tolerances(TypedDict):
    rtol: float
    atol: float


TOL: Tolerances = {"rtol": 1e-7, "atol": 1e-9}


# --- shapes, types, dtypes -------------------------------------------------


def test_shape_message_is_exact() -> None:
    result = compare(np.zeros(3), np.zeros((3, 1)), **TOL)
    assert not result.passed
    assert result.message.startswith("expected shape (3,), got (3, 1)")


def test_transposed_shape_is_pointed_out() -> None:
    result = compare(np.zeros((2, 3)), np.zeros((3, 2)), **TOL)
    assert result.message == "expected shape (2, 3), got (3, 2) (transposed?)"


def test_none_says_forgot_return() -> None:
    result = compare(np.zeros(3), None, **TOL)
    assert not result.passed
    assert "forget to `return`" in result.message


def test_list_of_numbers_is_accepted_as_array() -> None:
    assert compare(np.array([1.0, 2.0]), [1.0, 2.0], **TOL).passed


def test_string_is_not_an_array() -> None:
    result = compare(np.array([1.0, 2.0]), "1, 2", **TOL)
    assert not result.passed
    assert "expected an array of shape (2,)" in result.message


def test_dtype_rule() -> None:
    result = compare(np.array([0.5, 1.0]), np.array([0, 1]), dtype="float", **TOL)
    assert not result.passed
    assert result.message == "expected floating-point values, got int64"
    assert compare(np.array([1, 2]), np.array([1, 2]), dtype="int", check="exact", **TOL).passed


def test_scalar_check_rejects_arrays() -> None:
    result = compare(32.0, np.array([4.0, 10.0, 18.0]), check="scalar", **TOL)
    assert not result.passed
    assert "expected a single number, got an array of shape (3,)" in result.message
    assert compare(32.0, np.float64(32.0), check="scalar", **TOL).passed
    assert compare(32.0, np.array(32.0), check="scalar", **TOL).passed
    assert compare(32.0, 32, check="scalar", **TOL).passed


def test_scalar_check_rejects_bool() -> None:
    assert not compare(1.0, True, check="scalar", **TOL).passed


# --- closeness and what the message reveals --------------------------------


def test_visible_case_shows_expected_and_got() -> None:
    result = compare(np.array([1.0, 2.0]), np.array([1.0, 2.5]), reveal=True, **TOL)
    assert not result.passed
    assert "expected [1., 2.], got [1. , 2.5]" in result.message
    assert "at index [1]" in result.message


def test_hidden_case_never_shows_expected_values() -> None:
    expected = np.array([[0.123456, 7.654321], [3.141592, 2.718281]])
    got = expected.copy()
    got[1, 0] = 9.0
    result = compare(expected, got, reveal=False, **TOL)
    assert not result.passed
    assert "1 of 4 values are off" in result.message
    assert "at index [1, 0]" in result.message
    for value in expected.ravel():
        assert f"{value:.3g}" not in result.message
        assert f"{value:g}" not in result.message


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0.31, "0.1"),
        (0.5, "1"),
        (2.9e-6, "1e-06"),
        (3.2e-6, "1e-05"),
        (42.0, "100"),
        (0.0, "0"),
        (1.7e308, "1e+308"),
        (float("inf"), "more than 1e+308"),
    ],
)
def test_error_sizes_are_orders_of_magnitude(size: float, shown: str) -> None:
    assert order_of_magnitude(size) == shown


def test_hidden_case_gives_no_digit_of_the_error() -> None:
    result = compare(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.2345]), **TOL)
    assert result.message == (
        "wrong value: 1 of 3 values are off, the worst by about 0.1 at index [2] "
        "(relative error about 0.1; allowed: atol=1e-09, rtol=1e-07)"
    )
    scalar = compare(2.5, 2.5 + 3.7e-4, check="scalar", **TOL)
    assert scalar.message == (
        "wrong value: off by about 0.001 (relative error about 0.0001; "
        "allowed: atol=1e-09, rtol=1e-07)"
    )
    shown = compare(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 3.4567]), reveal=True, **TOL)
    assert "(max abs error 0.457 at index [2])" in shown.message  # examples keep the digits


def test_tolerance_is_respected() -> None:
    expected = np.array([1.0, 1e-12])
    assert compare(expected, expected * (1 + 5e-8), **TOL).passed
    assert not compare(expected, expected * (1 + 5e-6), **TOL).passed
    assert compare(expected, expected * (1 + 5e-6), rtol=1e-5, atol=0).passed


def test_nan_where_finite_expected_is_flagged() -> None:
    result = compare(np.array([0.1, 0.2, 0.7]), np.array([np.nan, np.nan, np.nan]), **TOL)
    assert not result.passed
    assert result.nonfinite
    assert "nan at index [0] (3 non-finite values)" in result.message


def test_inf_is_flagged() -> None:
    result = compare(1.0, float("inf"), check="scalar", **TOL)
    assert result.nonfinite and "inf" in result.message


def test_expected_nan_must_be_matched() -> None:
    expected = np.array([np.nan, 1.0])
    assert compare(expected, np.array([np.nan, 1.0]), **TOL).passed
    assert not compare(expected, np.array([0.0, 1.0]), **TOL).passed


def test_negligible_imaginary_part_is_accepted() -> None:
    assert compare(np.array([1.0, 2.0]), np.array([1.0 + 1e-17j, 2.0]), **TOL).passed
    result = compare(np.array([1.0, 2.0]), np.array([1.0 + 1j, 2.0]), **TOL)
    assert not result.passed and "complex" in result.message


# --- tuples and sign-invariant columns -------------------------------------


def test_tuple_elements_are_checked_in_order() -> None:
    expected = (np.ones((3, 2)), np.array([0.7, 0.2]))
    good = (-np.ones((3, 2)), np.array([0.7, 0.2]))
    assert compare(expected, good, check=("sign_invariant_columns", "allclose"), **TOL).passed
    bad = (np.ones((3, 2)), np.array([0.2, 0.7]))
    result = compare(expected, bad, check=("sign_invariant_columns", "allclose"), **TOL)
    assert not result.passed
    assert result.message.startswith("returned value #2 of 2:")


def test_tuple_length_and_type() -> None:
    expected = (np.ones(2), np.ones(2))
    assert "expected a tuple of 2 values, got 3" in compare(expected, (1, 2, 3), **TOL).message
    assert "expected a tuple of 2 values" in compare(expected, np.ones(2), **TOL).message


def test_sign_flip_only_accepted_with_sign_invariant_check() -> None:
    expected = np.array([[1.0, 2.0], [3.0, -4.0], [5.0, 6.0]])
    flipped = expected * np.array([1.0, -1.0])
    assert compare(expected, flipped, check="sign_invariant_columns", **TOL).passed
    assert not compare(expected, flipped, check="allclose", **TOL).passed
    # A flip of part of a column is not a sign flip.
    partial = expected.copy()
    partial[0, 0] *= -1
    result = compare(expected, partial, check="sign_invariant_columns", **TOL)
    assert not result.passed and "sign may be flipped" in result.message


@given(
    st.lists(st.sampled_from([-1.0, 1.0]), min_size=3, max_size=3),
    st.integers(min_value=0, max_value=2**32 - 1),
)
def test_align_column_signs_undoes_any_flip(signs: list[float], seed: int) -> None:
    expected = np.random.default_rng(seed).normal(size=(5, 3))
    got = expected * np.array(signs)
    np.testing.assert_allclose(align_column_signs(expected, got), expected)


# --- exact and misc ----------------------------------------------------------


def test_exact_check() -> None:
    assert compare(3, 3, check="exact", **TOL).passed
    assert not compare(3, 4, check="exact", **TOL).passed
    assert not compare(True, 1, check="exact", **TOL).passed
    assert compare("abc", "abc", check="exact", **TOL).passed
    hidden = compare(np.array([1, 2, 3]), np.array([1, 5, 3]), check="exact", **TOL)
    assert hidden.message == "wrong value: 1 of 3 entries differ, first at index [1]"


def test_values_match_is_quiet() -> None:
    assert values_match(np.ones(2), np.ones(2), check="allclose", **TOL)
    assert not values_match(np.ones(2), "x", check="allclose", **TOL)
    assert not values_match((np.ones(2),), np.ones(2), check=("allclose", "allclose"), **TOL)


def test_compact_repr_is_short() -> None:
    text = compact_repr(np.arange(10_000, dtype=float))
    assert len(text) < 200 and "(shape (10000,))" in text
    assert compact_repr((np.array([1.0]), 2.5)) == "([1.], 2.5)"


# --- banned calls --------------------------------------------------------------


def _banned(source: str, banned: tuple[str, ...]) -> list[str]:
    return [use.written for use in find_banned(ast.parse(source), banned)]


@pytest.mark.parametrize(
    "source",
    [
        "import numpy as np\nnp.linalg.inv(A)",
        "import numpy\nnumpy.linalg.inv(A)",
        "import numpy.linalg as la\nla.inv(A)",
        "from numpy.linalg import inv\ninv(A)",
        "from numpy.linalg import inv as invert\ninvert(A)",
        "from numpy import linalg\nlinalg.inv(A)",
        "import numpy as np\nf = np.linalg.inv\nf(A)",
        "import numpy as np\ngetattr(np.linalg, 'inv')(A)",
        "np.linalg.inv(A)",
    ],
)
def test_banned_spellings_are_caught(source: str) -> None:
    assert _banned(source, ("np.linalg.inv",))


def test_banned_module_covers_its_members() -> None:
    assert _banned("import scipy.linalg\nscipy.linalg.inv(A)", ("scipy",))
    assert _banned("from scipy import linalg", ("scipy.linalg",))


def test_allowed_code_is_not_flagged() -> None:
    source = "import numpy as np\ndef f(a, b):\n    return float(np.sum(a * b)) + np.linalg.norm(a)"
    assert _banned(source, ("np.dot", "np.linalg.inv", "@", ".dot")) == []


def test_matmul_operator_and_method() -> None:
    assert _banned("c = a @ b", ("@",)) == ["@"]
    assert _banned("a @= b", ("@",)) == ["@="]
    assert _banned("c = a.dot(b)", (".dot",)) == [".dot"]
    assert _banned("from numpy import *\nc = dot(a, b)", ("np.dot",)) == ["dot"]


def test_banned_message_names_call_and_line() -> None:
    tree = ast.parse("import numpy as np\n\n\nx = np.linalg.inv(A)")
    uses = find_banned(tree, ("np.linalg.inv",))
    message = banned_message(uses, "compute the inverse from the formula")
    assert message == (
        "`np.linalg.inv` is not allowed here (line 4): compute the inverse from the formula"
    )
    aliased = find_banned(ast.parse("import numpy.linalg as la\nla.inv(A)"), ("np.linalg.inv",))
    assert banned_message(aliased).startswith("`la.inv` (that is `np.linalg.inv`)")


def test_text_prefilter_is_sound() -> None:
    banned = ("np.linalg.inv", "@", ".dot")
    assert not could_use_banned("def f(A):\n    return A * 2\n", banned)
    for source in ("la.inv(A)", "a @ b", "a.dot(b)", "getattr(np.linalg, 'inv')"):
        assert could_use_banned(source, banned)
    # Full-width letters are normalised to `inv` by the parser: the pre-filter must not skip.
    sneaky = "import numpy as np\nnp.linalg.\uff49\uff4e\uff56(A)"
    assert could_use_banned(sneaky, banned)
    assert _banned(sneaky, banned) == ["np.linalg.inv"]
    # Whole words only: a function named after the operation is no reason to walk the tree.
    dot = ("np.dot", ".dot", "@", "scipy")
    assert not could_use_banned("def dot_product(a, b):\n    return sum(a)  # dotted\n", dot)
    assert could_use_banned("from scipy import linalg", dot)
    assert could_use_banned("def f(a, b):\n    return a.dot(b)", dot)


def test_text_prefilter_never_skips_what_the_tree_check_finds() -> None:
    """Every banned use the AST finds in these spellings (the unit tests' and a few more),
    the text pre-filter lets through."""
    cases = [
        ("import numpy as np\nnp.dot(a, b)", ("np.dot",)),
        ("from numpy import dot as d\nd(a, b)", ("np.dot",)),
        ("from numpy import *\nc = dot(a, b)", ("np.dot",)),
        ("import numpy.linalg as la\nla.inv(A)", ("np.linalg.inv",)),
        ("x = getattr(np.linalg, 'inv')(A)", ("np.linalg.inv",)),
        ('y = getattr(a, "dot")(b)', (".dot",)),
        ("a @= b", ("@",)),
        ("import scipy.special as s\ns.xlogy(a, b)", ("scipy",)),
        ("from scipy.special import xlogy", ("scipy",)),
        ("import math\nmath.sumprod(a, b)", ("math.sumprod",)),
        ("import operator as op\nop.matmul(a, b)", ("operator.matmul",)),
    ]
    for source, banned in cases:
        assert _banned(source, banned), source
        assert could_use_banned(source, banned), source


def test_reference_returning_a_list_is_compared_as_an_array() -> None:
    assert compare([1.0, 2.0], np.array([1.0, 2.0]), **TOL).passed
    assert compare([1.0, 2.0], np.array([1.0, 2.0]), **TOL).passed
    assert "expected shape (2,)" in compare([1.0, 2.0], np.ones(3), **TOL).message


def test_sign_invariant_single_vector() -> None:
    expected = np.array([0.6, -0.8])
    assert compare(expected, -expected, check="sign_invariant_columns", **TOL).passed
    assert not compare(expected, np.array([0.6, 0.8]), check="sign_invariant_columns", **TOL).passed


def test_deep_expressions_do_not_hit_the_recursion_limit() -> None:
    source = "x = " + "+".join(["a"] * 2000) + "\ny = np.linalg.inv(A)"
    assert _banned(source, ("np.linalg.inv",)) == ["np.linalg.inv"]


def test_one_report_per_chain_and_order_independent_imports() -> None:
    assert _banned("import scipy.linalg\nscipy.linalg.inv(A)", ("scipy",)) == [
        "scipy.linalg",
        "scipy.linalg.inv",
    ]
    late = "def f(A):\n    return la.inv(A)\n\nimport numpy.linalg as la\n"
    assert _banned(late, ("np.linalg.inv",)) == ["la.inv"]


def test_zero_d_array_reads_as_a_number() -> None:
    assert compact_repr(np.array(32.0)) == "32"


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(st.lists(finite, min_size=1, max_size=30), st.sampled_from(["allclose", "exact"]))
def test_a_value_always_matches_itself(values: list[float], check: CheckName) -> None:
    arr = np.array(values)
    assert compare(arr, arr.copy(), check=check, **TOL).passed
    assert compare(
        arr.reshape(-1, 1),
        -arr.reshape(-1, 1),
        check="sign_invariant_columns",
        **TOL,
    ).passed


@given(st.lists(finite, min_size=1, max_size=30), st.integers(min_value=0, max_value=29))
def test_a_changed_entry_is_found_where_it_is(values: list[float], where: int) -> None:
    expected = np.array(values)
    index = where % expected.size
    got = expected.copy()
    got[index] += 1.0 + abs(got[index])
    result = compare(expected, got, **TOL)
    assert not result.passed
    assert f"at index [{index}]" in result.message
