"""R of the QR decomposition of a 2x2 matrix (positive diagonal), by Gram–Schmidt."""

from __future__ import annotations

from typing import Any

import numpy as np
from questionlib import answer, feedback, mat, num, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    A = rng.integers(-4, 5, (2, 2)).astype(float)
    det = float(round(np.linalg.det(A)))
    a1, a2 = A[:, 0], A[:, 1]
    require(det != 0 and float(a1 @ a2) != 0)
    r11 = float(np.linalg.norm(a1))
    r12 = float(a1 @ a2) / r11
    r22 = abs(det) / r11
    R = np.array([[r11, r12], [0.0, r22]])
    norm_a2 = float(np.linalg.norm(a2))
    require(abs(norm_a2 - r22) > 0.01)
    v2 = a2 - r12 * a1 / r11
    return dict(
        params={"A": A},
        prompt=f"Let $$A = {mat(A)}.$$\n\nIn its QR decomposition $A = QR$ ($Q$ orthogonal, "
        "$R$ upper triangular with a positive diagonal), what is $R$? Answer as "
        "`[[r11, r12], [0, r22]]`; `sqrt(...)` and fractions are fine, each entry earns a "
        "quarter.",
        answer=answer(R, mode="absolute", tol=1e-3, partial=True),
        feedback=[
            feedback(
                "r22-norm-of-a2",
                [[r11, r12], [0.0, norm_a2]],
                "r₂₂ is the length of what is left of a₂ after removing its component along "
                "q₁, not the length of a₂ itself.",
                credit=0.75,
            ),
        ],
        solution="Gram–Schmidt on the columns $\\mathbf a_1, \\mathbf a_2$ keeps its "
        "coefficients in $R$:\n\n"
        f"$$r_{{11}} = \\lVert\\mathbf a_1\\rVert = \\sqrt{{{num(a1 @ a1)}}} \\approx {num(r11)},"
        f"\\qquad r_{{12}} = \\mathbf q_1^\\top\\mathbf a_2 = "
        f"\\frac{{\\mathbf a_1^\\top\\mathbf a_2}}{{r_{{11}}}} = "
        f"\\frac{{{num(a1 @ a2)}}}{{{num(r11)}}} \\approx {num(r12)}.$$\n\n"
        f"What is left of $\\mathbf a_2$ is $\\mathbf v_2 = \\mathbf a_2 - r_{{12}}\\mathbf q_1 = "
        f"({num(v2[0])}, {num(v2[1])})$, of length $r_{{22}} \\approx {num(r22)}$. (Shortcut: "
        f"$r_{{11}} r_{{22}} = |\\det A| = {num(abs(det))}$.)\n\n"
        f"$$R = {mat(R)}.$$\n\nA library may return the rows of $R$ with other signs "
        f"(`np.linalg.qr` often gives $r_{{11}} = {num(-r11)}$): flipping the sign of a "
        "column of $Q$ and the matching row of $R$ leaves $QR$ unchanged.",
    )
