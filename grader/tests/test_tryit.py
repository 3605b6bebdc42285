""" "Try it": the student's arguments are evaluated in a jail, never by the trusted side; the
student's function and the reference both run jailed on them."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.manifest import load_exercise_dir
from grader.exercise import ExerciseSpec
from grader.tryit import MAX_INPUT_CHARS, try_it

DOT = Path(__file__).resolve().parents[2] / "content" / "exercises" / "dot-product"
REFERENCE = (DOT / "reference.py").read_text()


@pytest.fixture(scope="module")
def spec() -> ExerciseSpec:
    return load_exercise_dir(DOT)


def test_both_results_side_by_side_with_printed_output(spec: ExerciseSpec) -> None:
    result = try_it(spec, REFERENCE, "np.array([1.0, 2.0]), np.array([3.0, 4.0])")
    assert (result.status, result.got, result.expected, result.agree) == ("ok", "11", "11", True)
    assert result.call == "dot_product([1., 2.], [3., 4.])"
    wrong = "def dot_product(a, b):\n    print('partial', a[0] * b[0])\n    return 0.0\n"
    result = try_it(spec, wrong, "[1.0, 2.0], [3.0, 4.0]")
    assert (result.got, result.expected, result.agree) == ("0", "11", False)
    assert result.output == "partial 3.0\n"
    assert "expected 11, got 0" in result.message


def test_exceptions_on_both_sides_are_compared(spec: ExerciseSpec) -> None:
    result = try_it(spec, REFERENCE, "[1.0], [1.0, 2.0]")
    assert result.agree and result.expected.startswith("raises ValueError")
    silent = "def dot_product(a, b):\n    return 1.0\n"
    result = try_it(spec, silent, "[1.0], [1.0, 2.0]")
    assert result.agree is False and result.got == "1"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "Type the arguments"),
        ("1 +", "not a Python expression"),
        ("x" * (MAX_INPUT_CHARS + 1), "longer than"),
        ("__import__('os').system('id')", "NameError"),
        ("open('/etc/passwd').read()", "NameError"),
        ("np.zeros(10**11), 1", "MemoryError"),
        ("np.sum, 1", "must be values"),
    ],
)
def test_bad_or_hostile_input_is_a_clear_message(spec: ExerciseSpec, text: str, says: str) -> None:
    result = try_it(spec, REFERENCE, text)
    assert result.status == "input" and says in result.message, result


def test_the_input_is_never_evaluated_by_the_trusted_side(
    spec: ExerciseSpec, tmp_path: Path
) -> None:
    """NumPy can write files: if the input ran in this process, the marker would exist."""
    marker = tmp_path / "written-by-the-input.npy"
    result = try_it(spec, REFERENCE, f"np.save({str(marker)!r}, 1), 2")
    assert result.status == "input"  # in the jail that folder does not exist
    assert not marker.exists()


def test_banned_calls_and_syntax_errors_stop_before_running(spec: ExerciseSpec) -> None:
    result = try_it(
        spec,
        "import numpy as np\ndef dot_product(a, b):\n    return np.dot(a, b)\n",
        "[1.0], [2.0]",
    )
    assert result.status == "failed" and "np.dot" in result.message
    result = try_it(spec, "def dot_product(a, b)\n    return 0\n", "[1.0], [2.0]")
    assert result.status == "failed" and "line 1" in result.message.lower()
