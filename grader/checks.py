"""Pure comparison of a student's return value against the expected one.

Everything here runs on the trusted side and is a function of plain data
(what the reference returned, what came back from the sandbox), so it can be
unit-tested without running any student code.

Message policy (see docs/grader-api.md): when `reveal` is true (visible
examples) a failure shows expected vs got; when false (hidden and edge cases)
it shows only the student's own value, where the errors are and their size as an
order of magnitude ("off by about 0.1") — never an expected value or a digit of one.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, SupportsInt

import numpy as np

from grader.cases import CheckName

MAX_REPR_CHARS = 500

_DTYPE_KINDS: dict[str, tuple[str, str]] = {
    # dtype rule -> (accepted numpy kinds, words for the message)
    "float": ("f", "floating-point values"),
    "int": ("iu", "integer values"),
    "bool": ("b", "booleans"),
}


@dataclass(frozen=True)
class CheckResult:
    passed: bool
    message: str = ""
    # True when the student's output holds NaN/inf where the expected value is
    # finite; the caller then appends the exercise's NONFINITE_HINT.
    nonfinite: bool = False


PASS = CheckResult(True, "")


def compact_repr(value: Any, *, limit: int = MAX_REPR_CHARS) -> str:
    """A short, readable rendering of a value for feedback messages."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]  # a 0-d array reads like the number it holds
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "fc":
            text = np.array2string(
                value, precision=6, threshold=24, edgeitems=3, separator=", ", max_line_width=90
            )
        else:
            text = np.array2string(
                value, threshold=24, edgeitems=3, separator=", ", max_line_width=90
            )
        if value.ndim >= 1 and value.size > 6:
            text = f"{text} (shape {format_shape(value.shape)})"
    elif isinstance(value, bool | np.bool_):
        text = repr(bool(value))
    elif isinstance(value, float | np.floating):
        text = f"{float(value):.6g}"
    elif isinstance(value, tuple | list):
        inner = ", ".join(compact_repr(v, limit=limit) for v in value)
        text = (
            f"({inner}{',' if len(value) == 1 else ''})"
            if isinstance(value, tuple)
            else f"[{inner}]"
        )
    else:
        text = repr(value)
    if len(text) > limit:
        text = text[: limit - 3] + "..."
    return text


def expected_vs_got(expected: Any, got: Any) -> str:
    """`expected [1., 2.], got [1., 3.]`, or one block each when a matrix spans lines."""
    exp_text, got_text = compact_repr(expected), compact_repr(got)
    if "\n" in exp_text or "\n" in got_text:
        return f"expected\n{exp_text}\ngot\n{got_text}"
    return f"expected {exp_text}, got {got_text}"


def format_shape(shape: tuple[int, ...]) -> str:
    """`(3,)`, `(3, 1)`, `()` — Python's own tuple repr, which students recognise."""
    return repr(tuple(int(n) for n in shape))


def _format_index(index: tuple[SupportsInt, ...]) -> str:
    return "[" + ", ".join(str(int(i)) for i in index) + "]"


def _describe(value: Any) -> str:
    """What kind of thing the student returned, for type-mismatch messages."""
    if value is None:
        return "None (did you forget to `return` the result?)"
    if isinstance(value, np.ndarray):
        return f"an array of shape {format_shape(value.shape)}"
    if isinstance(value, tuple | list):
        return f"a {type(value).__name__} of {len(value)} items"
    return f"{type(value).__name__} {compact_repr(value)}"


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Number | np.number) and not isinstance(value, bool | np.bool_)


def _as_numeric_array(value: Any) -> np.ndarray | None:
    """The student's value as a numeric array, or None if it is not one.

    Lists of numbers are accepted (a common and harmless habit); strings, None,
    ragged lists and objects are not.
    """
    if isinstance(value, np.ndarray):
        arr = value
    elif _is_number(value) or isinstance(value, bool | np.bool_ | list | tuple):
        try:
            arr = np.asarray(value)
        except (ValueError, TypeError):
            return None
    else:
        return None
    if arr.dtype.kind not in "biufc":
        return None
    return arr


def _realify(arr: np.ndarray, rtol: float, atol: float) -> tuple[np.ndarray | None, str]:
    """Drop negligible imaginary parts (e.g. from np.linalg.eig on a symmetric matrix)."""
    if arr.dtype.kind != "c":
        return arr, ""
    imag = np.abs(arr.imag)
    scale = float(np.max(np.abs(arr.real), initial=0.0))
    if imag.size == 0 or float(np.max(imag)) <= atol + rtol * scale:
        return arr.real, ""
    return None, (
        f"your result has complex values (dtype {arr.dtype}); the answer is real — for a "
        "symmetric matrix use np.linalg.eigh, which returns real eigenvalues and eigenvectors"
    )


def _check_dtype(got: np.ndarray | Any, dtype: str | None) -> str:
    if dtype is None:
        return ""
    kinds, words = _DTYPE_KINDS[dtype]
    kind = (
        got.dtype.kind if isinstance(got, np.ndarray | np.generic) else np.asarray(got).dtype.kind
    )
    if kind in kinds:
        return ""
    shown = got.dtype if isinstance(got, np.ndarray | np.generic) else type(got).__name__
    return f"expected {words}, got {shown}"


def _shape_message(expected: tuple[int, ...], got: tuple[int, ...]) -> str:
    message = f"expected shape {format_shape(expected)}, got {format_shape(got)}"
    if len(got) == 2 and got == expected[::-1] and got != expected:
        message += " (transposed?)"
    elif tuple(n for n in got if n != 1) == tuple(n for n in expected if n != 1):
        message += " (an extra or missing axis of length 1: check keepdims/reshape)"
    return message


def _compare_numeric(
    expected: np.ndarray, got: np.ndarray, *, rtol: float, atol: float, reveal: bool
) -> CheckResult:
    """Closeness of two arrays of the same shape, with NaN/inf handled first."""
    exp = expected.astype(np.float64) if expected.dtype.kind in "biu" else expected
    act = got.astype(np.float64) if got.dtype.kind in "biu" else got
    with np.errstate(all="ignore"):
        # Fast path for the common case, a pass: every entry finite and within tolerance
        # (any NaN/inf makes a comparison False and falls through to the detailed checks).
        if np.all(np.abs(act - exp) <= atol + rtol * np.abs(exp)):
            return PASS
    exp_finite = np.isfinite(exp)
    bad_nonfinite = exp_finite & ~np.isfinite(act)
    if bad_nonfinite.any():
        where = tuple(int(i) for i in np.argwhere(bad_nonfinite)[0])
        value = act[where] if act.ndim else act
        count = int(bad_nonfinite.sum())
        place = f" at index {_format_index(where)}" if act.ndim else ""
        message = f"your result contains {compact_repr(value)}{place}"
        if count > 1:
            message += f" ({count} non-finite values)"
        message += " where a finite number was expected"
        if reveal:
            message = f"{expected_vs_got(expected, got)}: {message}"
        return CheckResult(False, message, nonfinite=True)
    # Where the expected value is itself NaN/inf the student must match it exactly.
    special = ~exp_finite
    with np.errstate(all="ignore"):
        special_ok = np.where(np.isnan(exp), np.isnan(act), exp == act)
        diff = np.where(special, 0.0, np.abs(act - exp))
        tol = atol + rtol * np.abs(np.where(special, 0.0, exp))
    bad = (diff > tol) | (special & ~special_ok)
    if not bad.any():
        return PASS
    with np.errstate(all="ignore"):
        worst = np.unravel_index(int(np.argmax(np.where(bad, diff, -1.0))), diff.shape)
        max_abs = float(diff[worst])
        rel_all = np.where(bad & (exp != 0) & ~special, diff / np.abs(exp), 0.0)
        max_rel = float(np.max(rel_all, initial=0.0))
    place = f" at index {_format_index(worst)}" if diff.ndim else ""
    n_bad, n_all = int(bad.sum()), int(bad.size)
    if reveal:
        message = expected_vs_got(expected, got)
        message += f" (max abs error {max_abs:.3g}{place})"
        return CheckResult(False, message)
    # An order of magnitude only: any digit of the error next to the student's own output
    # would hand over digits of the hidden expected value (a table of inputs → outputs can be
    # built from a few submissions that way).
    if n_all > 1:
        message = f"wrong value: {n_bad} of {n_all} values are off, the worst by about "
    else:
        message = "wrong value: off by about "
    message += f"{order_of_magnitude(max_abs)}{place} ("
    if max_rel > 0:
        message += f"relative error about {order_of_magnitude(max_rel)}; "
    message += f"allowed: atol={atol:g}, rtol={rtol:g})"
    return CheckResult(False, message)


def order_of_magnitude(size: float) -> str:
    """`size` rounded to the nearest power of ten, in log scale: 0.31 → "0.1", 0.5 → "1",
    3.2e-6 → "1e-06". What hidden cases may say about an error: no digit of it."""
    if not math.isfinite(size):
        return "more than 1e+308"
    if size <= 0:
        return "0"
    return f"{10.0 ** min(round(math.log10(size)), 308):g}"


def _check_array(
    expected: np.ndarray,
    got: Any,
    *,
    rtol: float,
    atol: float,
    dtype: str | None,
    reveal: bool,
    sign_invariant: bool,
) -> CheckResult:
    arr = _as_numeric_array(got)
    if arr is None:
        return CheckResult(
            False,
            f"expected an array of shape {format_shape(expected.shape)}, got {_describe(got)}",
        )
    if arr.shape != expected.shape:
        return CheckResult(False, _shape_message(expected.shape, arr.shape))
    dtype_problem = _check_dtype(arr, dtype)
    if dtype_problem:
        return CheckResult(False, dtype_problem)
    real, problem = _realify(arr, rtol, atol)
    if real is None:
        return CheckResult(False, problem)
    if sign_invariant and real.ndim in (1, 2) and np.isfinite(real).all():
        # A 1-D result (a single eigenvector) is one column that may be flipped as a whole.
        column = real.ndim == 1
        aligned = align_column_signs(
            expected.reshape(-1, 1) if column else expected, real.reshape(-1, 1) if column else real
        )
        real = aligned.reshape(real.shape)
    result = _compare_numeric(expected, real, rtol=rtol, atol=atol, reveal=reveal)
    if not result.passed and sign_invariant:
        return CheckResult(
            False, result.message + " (each column's sign may be flipped)", result.nonfinite
        )
    return result


def align_column_signs(expected: np.ndarray, got: np.ndarray) -> np.ndarray:
    """Flip each column of `got` to point the same way as the expected column.

    Eigenvectors (and so PCA projections) are defined only up to sign, so a
    column equal to minus the expected one is just as correct.
    """
    dots = np.einsum("ij,ij->j", expected.astype(np.float64), got.astype(np.float64))
    signs = np.where(dots < 0, -1.0, 1.0)
    return got * signs


def _check_scalar(
    expected: Any, got: Any, *, rtol: float, atol: float, dtype: str | None, reveal: bool
) -> CheckResult:
    if isinstance(got, np.ndarray) and got.ndim == 0:
        got = got[()]
    if not _is_number(got):
        if isinstance(got, np.ndarray):
            return CheckResult(
                False,
                f"expected a single number, got an array of shape {format_shape(got.shape)}: "
                "return one value (e.g. float(total)), not an array",
            )
        return CheckResult(False, f"expected a single number, got {_describe(got)}")
    dtype_problem = _check_dtype(got, dtype)
    if dtype_problem:
        return CheckResult(False, dtype_problem)
    exp_arr = np.asarray(expected)
    got_arr = np.asarray(got)
    real, problem = _realify(got_arr, rtol, atol)
    if real is None:
        return CheckResult(False, problem)
    return _compare_numeric(exp_arr, real, rtol=rtol, atol=atol, reveal=reveal)


def _check_exact(expected: Any, got: Any, *, dtype: str | None, reveal: bool) -> CheckResult:
    if isinstance(expected, np.ndarray):
        arr = got if isinstance(got, np.ndarray) else _as_numeric_array(got)
        if arr is None:
            return CheckResult(
                False,
                f"expected an array of shape {format_shape(expected.shape)}, got {_describe(got)}",
            )
        if arr.shape != expected.shape:
            return CheckResult(False, _shape_message(expected.shape, arr.shape))
        dtype_problem = _check_dtype(arr, dtype)
        if dtype_problem:
            return CheckResult(False, dtype_problem)
        wrong = arr != expected
        if not np.any(wrong):
            return PASS
        if reveal:
            return CheckResult(False, expected_vs_got(expected, arr))
        first = tuple(int(i) for i in np.argwhere(wrong)[0]) if arr.ndim else ()
        place = f", first at index {_format_index(first)}" if arr.ndim else ""
        return CheckResult(
            False, f"wrong value: {int(np.sum(wrong))} of {arr.size} entries differ{place}"
        )
    if isinstance(got, np.generic):
        got = got.item()
    if isinstance(got, np.ndarray) and got.ndim == 0:
        got = got.item()
    same_kind = isinstance(got, bool) == isinstance(expected, bool | np.bool_) and (
        type(got) is type(expected) or (_is_number(got) and _is_number(expected))
    )
    dtype_problem = _check_dtype(got, dtype) if same_kind else ""
    if dtype_problem:
        return CheckResult(False, dtype_problem)
    if same_kind and got == expected:
        return PASS
    if reveal:
        return CheckResult(False, expected_vs_got(expected, got))
    return CheckResult(False, f"wrong value: got {compact_repr(got)}")


def compare(
    expected: Any,
    got: Any,
    *,
    check: CheckName | Sequence[CheckName] = "allclose",
    rtol: float,
    atol: float,
    dtype: str | None = None,
    reveal: bool = False,
) -> CheckResult:
    """Judge one returned value. Tuples are compared item by item."""
    if isinstance(expected, tuple):
        checks = tuple(check) if not isinstance(check, str) else (check,) * len(expected)
        if len(checks) != len(expected):
            raise ValueError(f"{len(checks)} checks given for a tuple of {len(expected)} values")
        if not isinstance(got, tuple | list):
            return CheckResult(
                False, f"expected a tuple of {len(expected)} values, got {_describe(got)}"
            )
        if len(got) != len(expected):
            return CheckResult(False, f"expected a tuple of {len(expected)} values, got {len(got)}")
        for position, (exp_item, got_item, item_check) in enumerate(
            zip(expected, got, checks, strict=True)
        ):
            result = compare(
                exp_item,
                got_item,
                check=item_check,
                rtol=rtol,
                atol=atol,
                dtype=dtype,
                reveal=reveal,
            )
            if not result.passed:
                label = f"returned value #{position + 1} of {len(expected)}"
                return CheckResult(False, f"{label}: {result.message}", result.nonfinite)
        return PASS
    if not isinstance(check, str):
        raise ValueError(f"a tuple of checks needs a tuple result, got {type(expected).__name__}")
    if isinstance(expected, list):
        expected = np.asarray(expected)  # a reference returning a list means an array
    if check == "exact":
        return _check_exact(expected, got, dtype=dtype, reveal=reveal)
    if check == "scalar" or (check == "allclose" and not isinstance(expected, np.ndarray)):
        if not _is_number(expected) and not (
            isinstance(expected, np.ndarray) and expected.ndim == 0
        ):
            return _check_exact(expected, got, dtype=dtype, reveal=reveal)
        return _check_scalar(expected, got, rtol=rtol, atol=atol, dtype=dtype, reveal=reveal)
    if check in ("allclose", "sign_invariant_columns"):
        return _check_array(
            np.asarray(expected),
            got,
            rtol=rtol,
            atol=atol,
            dtype=dtype,
            reveal=reveal,
            sign_invariant=check == "sign_invariant_columns",
        )
    raise ValueError(f"unknown check {check!r}")


def values_match(
    expected: Any, got: Any, *, check: CheckName | Sequence[CheckName], rtol: float, atol: float
) -> bool:
    """Quiet closeness test, used to recognise a known wrong answer."""
    try:
        return compare(expected, got, check=check, rtol=rtol, atol=atol).passed
    except (ValueError, TypeError, FloatingPointError):
        return False
