"""The five required exercises: references pass, starters fail, and each classic wrong
answer fails with the message that names its mistake.

Every submission here is graded through `grade`, i.e. inside the sandbox.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from catalog.manifest import load_exercise_dir
from grader import grading
from grader.exercise import ExerciseSpec
from grader.grading import grade, prepare
from grader.verdict import Verdict, format_report

EXERCISES = Path(__file__).resolve().parents[2] / "content" / "exercises"
REQUIRED = {
    "dot-product": ("dot_product", "linear-algebra"),
    "inverse-2x2": ("inverse_2x2", "linear-algebra"),
    "stable-softmax": ("softmax", "numerics"),
    "pca": ("pca", "eigen-svd"),
    "adam": ("adam_step", "optimization"),
}


def spec(slug: str) -> ExerciseSpec:
    return load_exercise_dir(EXERCISES / slug)


def failing(verdict: Verdict) -> dict[str, str]:
    return {t.name: t.message for t in verdict.tests if not t.passed}


@pytest.mark.parametrize("slug", sorted(REQUIRED))
def test_contract(slug: str) -> None:
    exercise = spec(slug)
    function, lesson = REQUIRED[slug]
    assert exercise.function == function
    assert exercise.meta["lesson"] == lesson
    for name in ("statement.md", "solution.md"):
        assert (EXERCISES / slug / name).read_text().strip()


@pytest.mark.parametrize("slug", sorted(REQUIRED))
def test_reference_passes_and_starter_fails(slug: str) -> None:
    exercise = spec(slug)
    for seed in (0, 1):
        verdict = grade(exercise, exercise.reference_source, seed=seed)
        assert verdict.status == "passed", format_report(verdict)
        assert verdict.score == 1.0
    starter = grade(exercise, exercise.starter_source)
    assert starter.status == "failed" and starter.score < 1.0
    kinds = {t.kind for t in starter.tests}
    assert kinds == {"example", "hidden", "edge"}


@pytest.mark.parametrize("slug", sorted(REQUIRED))
def test_cases_are_deterministic_and_vary_with_the_seed(slug: str) -> None:
    exercise = spec(slug)

    def inputs(seed: int) -> list[tuple[Any, ...]]:
        grading._prepare_cached.cache_clear()
        return [pc.case.args for pc in prepare(exercise, seed=seed).cases]

    def same(a: Any, b: Any) -> bool:
        if isinstance(a, tuple):
            return isinstance(b, tuple) and len(a) == len(b) and all(map(same, a, b))
        return bool(np.array_equal(a, b))

    first, again, other = inputs(11), inputs(11), inputs(12)
    assert all(same(a, b) for a, b in zip(first, again, strict=True))
    assert not all(same(a, b) for a, b in zip(first, other, strict=True))


# --- correct alternatives must pass (no false negatives) ----------------------------

ALTERNATIVES = {
    "dot-product": [
        """
def dot_product(a, b):
    if len(a) != len(b):
        raise ValueError("lengths differ")
    total = 0.0
    for x, y in zip(a, b):
        total += x * y
    return total
""",
    ],
    "inverse-2x2": [
        """
import numpy as np

def inverse_2x2(A):
    a, b, c, d = A[0, 0], A[0, 1], A[1, 0], A[1, 1]
    det = a * d - b * c
    if np.isclose(det, 0.0, atol=1e-12):
        raise ValueError("singular")
    return np.array([[d, -b], [-c, a]], dtype=float) / det
""",
    ],
    "stable-softmax": [
        """
import numpy as np

def softmax(x):
    m = np.max(x, axis=-1, keepdims=True)
    log_z = m + np.log(np.sum(np.exp(x - m), axis=-1, keepdims=True))
    return np.exp(x - log_z)
""",
    ],
    "pca": [
        """
import numpy as np

def pca(X, n_components):
    Xc = X - X.mean(axis=0)
    U, S, Vt = np.linalg.svd(Xc, full_matrices=False)
    return -(Xc @ Vt[:n_components].T), (S**2 / np.sum(S**2))[:n_components]
""",
        """
import numpy as np

def pca(X, n_components):
    Xc = X - X.mean(axis=0)
    values, vectors = np.linalg.eig(np.cov(Xc, rowvar=False, ddof=0))
    order = np.argsort(values)[::-1][:n_components]
    return Xc @ vectors[:, order], values[order] / values.sum()
""",
    ],
    "adam": [
        """
import numpy as np

def adam_step(params, grads, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
    m *= beta1
    m += (1 - beta1) * grads
    v *= beta2
    v += (1 - beta2) * grads * grads
    step = lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
    params -= step
    return params, m, v
""",
    ],
}


@pytest.mark.parametrize(
    ("slug", "code"),
    [(slug, code) for slug, codes in ALTERNATIVES.items() for code in codes],
)
def test_correct_alternatives_pass(slug: str, code: str) -> None:
    verdict = grade(spec(slug), code)
    assert verdict.status == "passed", format_report(verdict)


# --- classic wrong answers ---------------------------------------------------------------
# (slug, code, case name, text the failing message must contain)

WRONG = [
    (
        "dot-product",
        "def dot_product(a, b):\n    return float(sum(x * y for x, y in zip(a, b)))\n",
        "edge: lengths 1 and 3",
        "expected ValueError for vectors of different lengths (1 and 3), "
        "but the function returned 2",
    ),
    (
        "dot-product",
        "import numpy as np\ndef dot_product(a, b):\n    return float(np.sum(a * b))\n",
        "edge: lengths 1 and 3",
        "expected ValueError for vectors of different lengths (1 and 3)",
    ),
    (
        "dot-product",
        "import numpy as np\ndef dot_product(a, b):\n    return a * b\n",
        "example: [1, 2, 3] . [4, 5, 6]",
        "expected a single number, got an array of shape (3,)",
    ),
    (
        "inverse-2x2",
        "import numpy as np\ndef inverse_2x2(A):\n    (a, b), (c, d) = A\n"
        "    det = a * d - b * c\n    if det == 0:\n        raise ValueError\n"
        "    return np.array([[d, -c], [-b, a]]) / det\n",
        "example: [[4, 7], [2, 6]]",
        "Hint: Your result is the transpose of the inverse",
    ),
    (
        "inverse-2x2",
        "import numpy as np\ndef inverse_2x2(A):\n    (a, b), (c, d) = A\n"
        "    return np.array([[d, -b], [-c, a]]) / (a * d - b * c)\n",
        "edge: singular, second row twice the first",
        "expected ValueError for a singular matrix (det = 0), but the function returned",
    ),
    (
        "inverse-2x2",
        "import numpy as np\ndef inverse_2x2(A):\n    (a, b), (c, d) = A\n"
        "    det = a * d - b * c\n    if det == 0:\n        raise ValueError\n"
        "    return np.array([[d, b], [c, a]]) / det\n",
        "hidden: random matrix #1",
        "Hint: Negate the off-diagonal entries",
    ),
    (
        "stable-softmax",
        "import numpy as np\ndef softmax(x):\n    e = np.exp(x)\n"
        "    return e / e.sum(axis=-1, keepdims=True)\n",
        "edge: large logits [1000, 2000, 3000]",
        "subtract the maximum of each row before exponentiating",
    ),
    (
        "stable-softmax",
        "import numpy as np\ndef softmax(x):\n    e = np.exp(x)\n"
        "    return e / e.sum(axis=-1, keepdims=True)\n",
        "edge: very negative logits",
        "your result contains nan",
    ),
    (
        "stable-softmax",
        "import numpy as np\ndef softmax(x):\n    e = np.exp(x - np.max(x))\n"
        "    return e / e.sum()\n",
        "example: a batch of two rows",
        "Hint: Each row must sum to 1 on its own",
    ),
    (
        "stable-softmax",
        "import numpy as np\ndef softmax(x):\n    e = np.exp(x - x.max(axis=0, keepdims=True))\n"
        "    return e / e.sum(axis=0, keepdims=True)\n",
        "example: a batch of two rows",
        "Hint: You normalised down the columns (axis=0)",
    ),
    (
        "stable-softmax",
        "import numpy as np\ndef softmax(x):\n    e = np.exp(x - np.max(x))\n"
        "    return e / e.sum(axis=-1, keepdims=True)\n",
        "edge: batch with rows of very different scale",
        "Hint: Subtract each row's own maximum",
    ),
    (
        "stable-softmax",
        "import numpy as np\ndef softmax(x):\n    e = np.exp(x - np.max(x))\n"
        "    return e / e.sum(axis=-1)\n",
        "hidden: random batch 4x4",
        "Keep the summed axis (keepdims=True)",
    ),
    (
        "pca",
        "import numpy as np\ndef pca(X, k):\n"
        "    vals, vecs = np.linalg.eigh(X.T @ X / (len(X) - 1))\n"
        "    order = np.argsort(vals)[::-1]\n    vals, vecs = vals[order], vecs[:, order]\n"
        "    return X @ vecs[:, :k], vals[:k] / vals.sum()\n",
        "edge: data far from the origin (mean ~1000)",
        "Hint: Center X first",
    ),
    (
        "pca",
        "import numpy as np\ndef pca(X, k):\n    Xc = X - X.mean(axis=0)\n"
        "    vals, vecs = np.linalg.eigh(np.cov(Xc.T))\n"
        "    return Xc @ vecs[:, :k], vals[:k] / vals.sum()\n",
        "example: 10 correlated points, k=1",
        "Hint: np.linalg.eigh returns eigenvalues in ascending order",
    ),
    (
        "pca",
        "import numpy as np\ndef pca(X, k):\n    Xc = X - X.mean(axis=0)\n"
        "    vals, vecs = np.linalg.eigh(np.cov(Xc.T))\n"
        "    order = np.argsort(vals)[::-1][:k]\n"
        "    return Xc @ vecs[:, order], vals[order] / vals[order].sum()\n",
        "example: 3 features, k=2",
        "Hint: Divide by the sum of all d eigenvalues",
    ),
    (
        "adam",
        "import numpy as np\ndef adam_step(p, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, "
        "eps=1e-8):\n    m = beta1 * m + (1 - beta1) * g\n    v = beta2 * v + (1 - beta2) * g**2\n"
        "    return p - lr * m / (np.sqrt(v) + eps), m, v\n",
        "example: first step from zero moments",
        "Hint: Bias correction is missing",
    ),
    (
        "adam",
        "import numpy as np\ndef adam_step(p, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, "
        "eps=1e-8):\n    t = t + 1\n    m = beta1 * m + (1 - beta1) * g\n"
        "    v = beta2 * v + (1 - beta2) * g**2\n"
        "    mh, vh = m / (1 - beta1**t), v / (1 - beta2**t)\n"
        "    return p - lr * mh / (np.sqrt(vh) + eps), m, v\n",
        "example: first step from zero moments",
        "Hint: t already counts from 1",
    ),
    (
        "adam",
        "import numpy as np\ndef adam_step(p, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, "
        "eps=1e-8):\n    m = beta1 * m + (1 - beta1) * g\n"
        "    v = beta2 * v + (1 - beta2) * g**2\n"
        "    mh, vh = m / (1 - beta1**(t - 1)), v / (1 - beta2**(t - 1))\n"
        "    return p - lr * mh / (np.sqrt(vh) + eps), m, v\n",
        "example: first step from zero moments",
        "not t - 1",
    ),
    (
        "adam",
        "import numpy as np\ndef adam_step(p, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, "
        "eps=1e-8):\n    m = beta1 * m + (1 - beta1) * g\n"
        "    v = beta2 * v + (1 - beta2) * g**2\n"
        "    mh, vh = m / (1 - beta1**t), v / (1 - beta2**t)\n"
        "    return p - lr * mh / (np.sqrt(vh) + eps), mh, vh\n",
        "example: step 2",
        "Hint: Return the raw averages m and v",
    ),
    (
        "adam",
        "import numpy as np\ndef adam_step(p, g, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, "
        "eps=1e-8):\n    m = beta1 * m + (1 - beta1) * g\n"
        "    v = beta2 * v + (1 - beta2) * g**2\n"
        "    mh, vh = m / (1 - beta1**t), v / (1 - beta2**t)\n"
        "    return p + lr * mh / (np.sqrt(vh) + eps), m, v\n",
        "hidden: random state, shape (5,), t=3",
        "Hint: Move against the gradient",
    ),
]


@pytest.mark.parametrize(
    ("slug", "code", "case", "text"), WRONG, ids=[f"{w[0]}-{i}" for i, w in enumerate(WRONG)]
)
def test_classic_wrong_answer_fails_with_targeted_message(
    slug: str, code: str, case: str, text: str
) -> None:
    verdict = grade(spec(slug), code)
    assert verdict.status == "failed" and verdict.score < 1.0
    messages = failing(verdict)
    assert case in messages, format_report(verdict)
    assert text in messages[case], messages[case]


@pytest.mark.parametrize(
    ("slug", "code", "text"),
    [
        (
            "dot-product",
            "import numpy as np\ndef dot_product(a, b):\n    return np.dot(a, b)\n",
            "`np.dot` is not allowed here (line 3)",
        ),
        ("dot-product", "def dot_product(a, b):\n    return a @ b\n", "`@` is not allowed here"),
        ("dot-product", "def dot_product(a, b):\n    return a.dot(b)\n", "`.dot` is not allowed"),
        (
            "inverse-2x2",
            "import numpy as np\ndef inverse_2x2(A):\n    return np.linalg.inv(A)\n",
            "`np.linalg.inv` is not allowed here (line 3): "
            "compute the inverse from the 2x2 formula",
        ),
        (
            "inverse-2x2",
            "from numpy.linalg import inv\ndef inverse_2x2(A):\n    return inv(A)\n",
            "`from numpy.linalg import inv` (that is `np.linalg.inv`) is not allowed here (line 1)",
        ),
        (
            "pca",
            "from sklearn.decomposition import PCA\ndef pca(X, k):\n    return None\n",
            "is not allowed here (line 1)",
        ),
    ],
)
def test_banned_shortcuts(slug: str, code: str, text: str) -> None:
    verdict = grade(spec(slug), code)
    assert verdict.status == "failed" and verdict.score == 0.0
    assert text in verdict.message


def test_the_overflowing_softmax_fails_the_same_tests_on_every_seed() -> None:
    """Every hidden draw keeps what a case is named for: "edge: batch of large random logits"
    holds logits beyond exp's range on every seed of the pool, so the classic mistake fails
    the same six tests whichever seed a submission draws (the browser tests count them; on
    one seed in 64 the batch used to have none, and the mistake passed it)."""
    softmax = spec("stable-softmax")
    naive = (
        "import numpy as np\ndef softmax(x):\n    e = np.exp(x)\n"
        "    return e / e.sum(axis=-1, keepdims=True)\n"
    )
    failed = {
        seed: sorted(failing(grade(softmax, naive, seed=seed)))
        for seed in range(grading.SEED_POOL_SIZE)
    }
    assert "edge: batch of large random logits" in failed[0]
    assert len(failed[0]) == 6, failed[0]
    assert all(names == failed[0] for names in failed.values()), failed
