"""Two steps of Adam."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from questionlib import answer, num, paren, require


def generate(rng: np.random.Generator) -> dict[str, Any]:
    theta0 = float(rng.integers(-3, 4))
    g1 = round(float(rng.uniform(-2, 2)), 1)
    g2 = round(float(rng.uniform(-2, 2)), 1)
    require(abs(g1) >= 0.2 and abs(g2) >= 0.2)
    alpha, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    m1, v1 = (1 - b1) * g1, (1 - b2) * g1**2
    theta1 = theta0 - alpha * (m1 / (1 - b1)) / (math.sqrt(v1 / (1 - b2)) + eps)
    m2, v2 = b1 * m1 + (1 - b1) * g2, b2 * v1 + (1 - b2) * g2**2
    mh2, vh2 = m2 / (1 - b1**2), v2 / (1 - b2**2)
    theta2 = theta1 - alpha * mh2 / (math.sqrt(vh2) + eps)
    require(abs(theta2) > 1e-2)
    return dict(
        params={
            "theta0": theta0,
            "gradients": [g1, g2],
            "alpha": alpha,
            "beta1": b1,
            "beta2": b2,
            "eps": eps,
        },
        prompt=f"A parameter starts at $\\theta_0 = {num(theta0)}$ and is updated by Adam with "
        f"$\\alpha = {alpha}$, $\\beta_1 = {b1}$, $\\beta_2 = {b2}$, $\\epsilon = 10^{{-8}}$, "
        f"$m_0 = v_0 = 0$. The gradients at the first two steps are $g_1 = {num(g1)}$ and "
        f"$g_2 = {num(g2)}$. What is $\\theta_2$?",
        answer=answer(theta2, mode="absolute", tol=5e-4),
        solution="Adam keeps running means of the gradient and squared gradient, corrects "
        "their bias toward 0, and steps by their ratio:\n\n"
        "$m_t = \\beta_1 m_{t-1} + (1-\\beta_1)g_t$, $v_t = \\beta_2 v_{t-1} + (1-\\beta_2)g_t^2$,"
        " $\\hat m_t = m_t/(1-\\beta_1^t)$, $\\hat v_t = v_t/(1-\\beta_2^t)$, "
        "$\\theta_t = \\theta_{t-1} - \\alpha\\,\\hat m_t/(\\sqrt{\\hat v_t}+\\epsilon)$.\n\n"
        f"- Step 1: $m_1 = {num(m1, 6)}$, $v_1 = {num(v1, 8)}$, $\\hat m_1 = {num(g1)}$, "
        f"$\\hat v_1 = {num(g1**2)}$, so the step is $\\alpha\\,\\mathrm{{sign}}(g_1)$ and "
        f"$\\theta_1 = {num(theta1, 6)}$.\n"
        f"- Step 2: $m_2 = {num(m2, 6)}$, $v_2 = {num(v2, 8)}$, $\\hat m_2 = {num(mh2, 6)}$, "
        f"$\\hat v_2 = {num(vh2, 6)}$, $\\theta_2 = {num(theta1, 6)} - {alpha}\\cdot"
        f"{paren(mh2, 6)}/{num(math.sqrt(vh2), 6)} \\approx {num(theta2, 6)}$.",
    )
