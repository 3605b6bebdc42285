"""Vectors, norms, matrix products, determinants, inverses, systems and rank."""

from __future__ import annotations

import numpy as np

from quizzes.checking import AnswerSpec
from quizzes.generators.base import Question, question, require
from quizzes.generators.tex import mat, num, paren, vec

TOPIC = "linear-algebra"


def _ints(rng: np.random.Generator, low: int, high: int, size: int | tuple[int, ...]) -> np.ndarray:
    return rng.integers(low, high + 1, size=size)


@question("dot-product", topic=TOPIC, title="Dot product of two vectors")
def dot_product(rng: np.random.Generator) -> Question:
    n = int(rng.integers(3, 5))
    a, b = _ints(rng, -6, 6, n), _ints(rng, -6, 6, n)
    value = int(a @ b)
    require(value != 0)
    terms = " + ".join(f"{paren(x)}\\cdot{paren(y)}" for x, y in zip(a, b, strict=True))
    products = " + ".join(paren(x * y) for x, y in zip(a, b, strict=True))
    return Question(
        params={"a": a, "b": b},
        prompt=f"Compute the dot product $\\mathbf a\\cdot\\mathbf b$ of\n\n"
        f"$$\\mathbf a = {vec(a)},\\qquad \\mathbf b = {vec(b)}.$$",
        answer=AnswerSpec(value, mode="exact"),
        solution=f"Multiply matching components and add them up:\n\n"
        f"$$\\mathbf a\\cdot\\mathbf b = {terms} = {products} = {value}.$$",
    )


@question("matrix-product-entry", topic=TOPIC, title="One entry of a matrix product")
def matrix_product_entry(rng: np.random.Generator) -> Question:
    A, B = _ints(rng, -4, 4, (2, 3)), _ints(rng, -4, 4, (3, 2))
    i, j = int(rng.integers(0, 2)), int(rng.integers(0, 2))
    C = A @ B
    value = int(C[i, j])
    require(value != 0)
    row, col = A[i], B[:, j]
    terms = " + ".join(f"{paren(x)}\\cdot{paren(y)}" for x, y in zip(row, col, strict=True))
    return Question(
        params={"A": A, "B": B, "i": i + 1, "j": j + 1},
        prompt=f"Let $$A = {mat(A)},\\qquad B = {mat(B)}.$$\n\n"
        f"What is the entry in row {i + 1}, column {j + 1} of the product $AB$?",
        answer=AnswerSpec(value, mode="exact"),
        solution=f"Entry $(AB)_{{{i + 1}{j + 1}}}$ is row {i + 1} of $A$ dotted with column "
        f"{j + 1} of $B$:\n\n$$(AB)_{{{i + 1}{j + 1}}} = {terms} = {value}.$$\n\n"
        f"The full product is $$AB = {mat(C)}.$$",
    )


@question("determinant-2x2", topic=TOPIC, title="Determinant of a 2x2 matrix")
def determinant_2x2(rng: np.random.Generator) -> Question:
    A = _ints(rng, -9, 9, (2, 2))
    (a, b), (c, d) = A
    value = int(a * d - b * c)
    require(value != 0)
    return Question(
        params={"A": A},
        prompt=f"Compute $\\det A$ for $$A = {mat(A)}.$$",
        answer=AnswerSpec(value, mode="exact"),
        solution=f"For a $2\\times2$ matrix $\\det\\begin{{bmatrix}} a & b \\\\ c & d "
        f"\\end{{bmatrix}} = ad - bc$, so\n\n$$\\det A = {paren(a)}\\cdot{paren(d)} - "
        f"{paren(b)}\\cdot{paren(c)} = {num(a * d)} - {paren(b * c)} = {value}.$$",
    )


@question("determinant-3x3", topic=TOPIC, title="Determinant of a 3x3 matrix")
def determinant_3x3(rng: np.random.Generator) -> Question:
    A = _ints(rng, -3, 3, (3, 3))
    value = round(np.linalg.det(A))
    require(value != 0)
    minors = []
    for j in range(3):
        sub = np.delete(A[1:], j, axis=1)
        minors.append(int(sub[0, 0] * sub[1, 1] - sub[0, 1] * sub[1, 0]))
    signs = ["+", "-", "+"]
    expansion = " ".join(
        f"{signs[j]} {paren(A[0, j])}\\cdot{paren(minors[j])}" for j in range(3)
    ).lstrip("+ ")
    return Question(
        params={"A": A},
        prompt=f"Compute $\\det A$ for $$A = {mat(A)}.$$",
        answer=AnswerSpec(value, mode="exact"),
        solution="Expand along the first row. Each entry multiplies the determinant of the "
        "$2\\times2$ minor left after deleting its row and column, with alternating signs "
        "$+,-,+$:\n\n"
        f"$$\\det A = {expansion} = {value}.$$\n\n"
        f"The minors are ${', '.join(str(m) for m in minors)}$.",
    )


@question("inverse-2x2", topic=TOPIC, title="Inverse of a 2x2 matrix by formula")
def inverse_2x2(rng: np.random.Generator) -> Question:
    A = _ints(rng, -6, 6, (2, 2))
    (a, b), (c, d) = A
    det = int(a * d - b * c)
    require(det in (-5, -4, -2, -1, 1, 2, 4, 5))
    adj = np.array([[d, -b], [-c, a]])
    inv = adj / det
    return Question(
        params={"A": A},
        prompt=f"Find the inverse of $$A = {mat(A)}.$$\n\nFractions such as `1/2` are fine.",
        answer=AnswerSpec(inv.tolist(), mode="absolute", tol=1e-3, partial=True),
        solution="For $A = \\begin{bmatrix} a & b \\\\ c & d \\end{bmatrix}$ with "
        "$ad-bc\\neq0$, $A^{-1} = \\frac{1}{ad-bc}\\begin{bmatrix} d & -b \\\\ -c & a "
        "\\end{bmatrix}$: swap the diagonal, negate the off-diagonal, divide by the "
        f"determinant.\n\n$$\\det A = {paren(a)}\\cdot{paren(d)} - {paren(b)}\\cdot{paren(c)} "
        f"= {det},\\qquad A^{{-1}} = \\frac{{1}}{{{det}}}{mat(adj)} = {mat(inv)}.$$\n\n"
        "Check: $AA^{-1} = I$.",
    )


@question("cosine-similarity", topic=TOPIC, title="Cosine similarity of two vectors")
def cosine_similarity(rng: np.random.Generator) -> Question:
    a, b = _ints(rng, -5, 5, 3), _ints(rng, -5, 5, 3)
    na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
    require(na > 0 and nb > 0)
    dot = int(a @ b)
    value = dot / (na * nb)
    require(abs(value) > 0.05)
    return Question(
        params={"a": a, "b": b},
        prompt=f"Compute the cosine similarity of $$\\mathbf a = {vec(a)},\\qquad "
        f"\\mathbf b = {vec(b)}.$$\n\nGive the answer to 3 decimal places or as an "
        "exact expression.",
        answer=AnswerSpec(value, mode="absolute", tol=1e-3),
        solution="$\\cos\\theta = \\dfrac{\\mathbf a\\cdot\\mathbf b}"
        "{\\lVert\\mathbf a\\rVert\\,\\lVert\\mathbf b\\rVert}$.\n\n"
        f"$\\mathbf a\\cdot\\mathbf b = {dot}$, $\\lVert\\mathbf a\\rVert = "
        f"\\sqrt{{{int(a @ a)}}} \\approx {num(na)}$, $\\lVert\\mathbf b\\rVert = "
        f"\\sqrt{{{int(b @ b)}}} \\approx {num(nb)}$, so\n\n$$\\cos\\theta = "
        f"\\frac{{{dot}}}{{\\sqrt{{{int(a @ a)}}}\\sqrt{{{int(b @ b)}}}}} \\approx {num(value)}.$$",
    )


@question("vector-norms", topic=TOPIC, title="L1, L2 and max norms of a vector")
def vector_norms(rng: np.random.Generator) -> Question:
    v = _ints(rng, -7, 7, 4)
    require(np.count_nonzero(v) >= 3)
    l1, l2, linf = float(np.abs(v).sum()), float(np.linalg.norm(v)), float(np.abs(v).max())
    squares = " + ".join(str(int(x * x)) for x in v)
    return Question(
        params={"v": v},
        prompt=f"For $$\\mathbf v = {vec(v)}$$ give "
        "$[\\lVert\\mathbf v\\rVert_1, \\lVert\\mathbf v\\rVert_2, "
        "\\lVert\\mathbf v\\rVert_\\infty]$ as a vector of three numbers. "
        "`sqrt(...)` is fine for the $L_2$ norm. Each entry earns a third of the points.",
        answer=AnswerSpec([l1, l2, linf], mode="relative", tol=1e-3, partial=True),
        solution=f"- $L_1$: sum of absolute values, $\\lVert\\mathbf v\\rVert_1 = {num(l1)}$.\n"
        f"- $L_2$: square root of the sum of squares, $\\sqrt{{{squares}}} = "
        f"\\sqrt{{{int(v @ v)}}} \\approx {num(l2)}$.\n"
        f"- $L_\\infty$: the largest absolute value, ${num(linf)}$.\n\n"
        f"Answer: `[{num(l1)}, {num(l2)}, {num(linf)}]`.",
    )


@question("solve-2x2-system", topic=TOPIC, title="Solve a 2x2 linear system")
def solve_2x2_system(rng: np.random.Generator) -> Question:
    A = _ints(rng, -5, 5, (2, 2))
    x = _ints(rng, -4, 4, 2)
    det = round(np.linalg.det(A))
    require(det != 0 and np.count_nonzero(A) == 4 and np.any(x != 0))
    b = A @ x
    Ax = np.column_stack([b, A[:, 1]])
    Ay = np.column_stack([A[:, 0], b])
    dx, dy = round(np.linalg.det(Ax)), round(np.linalg.det(Ay))
    return Question(
        params={"A": A, "b": b},
        prompt=f"Solve $A\\mathbf x = \\mathbf b$ for $$A = {mat(A)},\\qquad "
        f"\\mathbf b = {vec(b)}.$$\n\nAnswer as `[x1, x2]`; each component earns half.",
        answer=AnswerSpec(x.astype(float).tolist(), mode="absolute", tol=1e-3, partial=True),
        solution=f"By Cramer's rule, with $\\det A = {det}$, replace one column of $A$ by "
        f"$\\mathbf b$ at a time:\n\n$$x_1 = \\frac{{\\det{mat(Ax)}}}{{{det}}} = "
        f"\\frac{{{dx}}}{{{det}}} = {num(x[0])},\\qquad x_2 = \\frac{{\\det{mat(Ay)}}}{{{det}}} "
        f"= \\frac{{{dy}}}{{{det}}} = {num(x[1])}.$$\n\n"
        f"Check: $A{vec(x)} = {vec(b)}$.",
    )


@question("matrix-rank", topic=TOPIC, title="Rank of a 3x3 matrix")
def matrix_rank(rng: np.random.Generator) -> Question:
    rank = int(rng.integers(1, 4))
    if rank == 1:
        u, v = _ints(rng, -3, 3, 3), _ints(rng, -3, 3, 3)
        require(np.count_nonzero(u) == 3 and np.count_nonzero(v) >= 2)
        A = np.outer(u, v)
        why = (
            f"Every row is a multiple of ${vec(v).replace('bmatrix', 'pmatrix')}^T$ "
            f"(by factors ${', '.join(str(int(c)) for c in u)}$), so only one row is "
            "independent."
        )
    elif rank == 2:
        r1, r2 = _ints(rng, -4, 4, 3), _ints(rng, -4, 4, 3)
        s, t = (int(c) for c in _ints(rng, -2, 2, 2))
        require(s != 0 and t != 0)
        A = np.vstack([r1, r2, s * r1 + t * r2])
        require(np.linalg.matrix_rank(A[:2]) == 2)
        why = (
            f"Row 3 $= {s}\\cdot$row 1 $+ {paren(t)}\\cdot$row 2, and rows 1 and 2 are not "
            "multiples of each other, so exactly two rows are independent."
        )
    else:
        A = _ints(rng, -4, 4, (3, 3))
        det = round(np.linalg.det(A))
        require(det != 0)
        why = f"$\\det A = {det} \\neq 0$, so all three rows are independent."
    require(int(np.linalg.matrix_rank(A)) == rank and np.abs(A).max() <= 20)
    return Question(
        params={"A": A},
        prompt=f"What is the rank of $$A = {mat(A)}?$$",
        answer=AnswerSpec(rank, mode="exact"),
        solution=f"The rank is the number of linearly independent rows (or columns). {why}\n\n"
        f"Rank $= {rank}$.",
    )
