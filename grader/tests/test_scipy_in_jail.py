"""SciPy in the jail: a submission may import it (the jail binds the venv's site-packages),
and only that submission pays for it: the zygote does not preload SciPy."""

from __future__ import annotations

from pathlib import Path

from catalog.manifest import load_exercise_dir
from grader.grading import grade
from grader.sandbox import Call, run_in_sandbox

EXERCISES = Path(__file__).resolve().parents[2] / "content" / "exercises"

XLOGY_SOLUTION = """
import numpy as np
from scipy.special import xlog1py, xlogy


def bernoulli_mle(x):
    x = np.asarray(x, dtype=float)
    if x.ndim != 1 or x.size == 0:
        raise ValueError("need a non-empty 1-D array")
    if not np.all((x == 0) | (x == 1)):
        raise ValueError("observations must be 0 or 1")
    n, s = x.size, float(x.sum())
    p = s / n
    # xlogy(0, 0) == 0: the 0 log 0 terms vanish without special cases
    return p, float(xlogy(s, p) + xlog1py(n - s, -p))
"""


def test_bernoulli_mle_with_scipy_special_xlogy_scores_1() -> None:
    spec = load_exercise_dir(EXERCISES / "bernoulli-mle")
    assert not [entry for entry in spec.banned if entry.split(".")[0] == "scipy"]
    verdict = grade(spec, XLOGY_SOLUTION)
    assert verdict.status == "passed", verdict.to_dict()
    assert verdict.score == 1.0


def test_scipy_is_not_preloaded_and_loads_on_demand() -> None:
    code = """
import sys
PRELOADED = sorted(name for name in sys.modules if name.split(".")[0] == "scipy")
import scipy.special

def f():
    return PRELOADED, float(scipy.special.xlogy(0.0, 0.0))
"""
    result = run_in_sandbox(code, "f", [Call()])
    assert result.status == "ok", result.message
    assert result.outcomes[0].value == ([], 0.0)
