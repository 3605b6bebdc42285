"""Cosine similarity of two vectors."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, num, require, vec


def _ints(rng: np.random.Generator, low: int, high: int, size: int | tuple[int, ...]) -> np.ndarray:
    return rng.integers(low, high + 1, size=size)


def generate(rng: np.random.Generator) -> dict[str, Any]:
    a, b = _ints(rng, -5, 5, 3), _ints(rng, -5, 5, 3)
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    require(na > 0 and nb > 0)
    dot = int(a @ b)
    value = dot / (na * nb)
    require(abs(value) > 0.05)
    return dict(
        params={"a": a, "b": b},
        prompt=f"Compute the cosine similarity of $$\\mathbf a = {vec(a)},\\qquad "
        f"\\mathbf b = {vec(b)}.$$\n\nAn exact expression such as "
        "`5/sqrt(6)` is fine too.",
        answer=answer(value, mode="absolute", tol=1e-3),
        solution="$\\cos\\theta = \\dfrac{\\mathbf a\\cdot\\mathbf b}"
        "{\\lVert\\mathbf a\\rVert\\,\\lVert\\mathbf b\\rVert}$.\n\n"
        f"$\\mathbf a\\cdot\\mathbf b = {dot}$, $\\lVert\\mathbf a\\rVert = "
        f"\\sqrt{{{int(a @ a)}}} \\approx {num(na)}$, $\\lVert\\mathbf b\\rVert = "
        f"\\sqrt{{{int(b @ b)}}} \\approx {num(nb)}$, so\n\n$$\\cos\\theta = "
        f"\\frac{{{dot}}}{{\\sqrt{{{int(a @ a)}}}\\sqrt{{{int(b @ b)}}}}} \\approx {num(value)}.$$",
    )
