"""Gradient descent, learning rates, momentum and Adam."""

from __future__ import annotations

import math

import numpy as np

from quizzes.checking import AnswerSpec
from quizzes.generators.base import Question, question, require
from quizzes.generators.tex import num, paren, poly, terms, vec

TOPIC = "optimization"


@question("gradient-descent-steps", topic=TOPIC, title="k steps of gradient descent in 1-D")
def gradient_descent_steps(rng: np.random.Generator) -> Question:
    a = int(rng.integers(1, 4))
    c = int(rng.integers(-3, 4))
    x = float(rng.integers(-5, 6))
    lr = float(rng.choice([0.05, 0.1, 0.2]))
    k = int(rng.integers(2, 4))
    require(x != c)
    x0 = x
    lines = []
    for t in range(k):
        grad = 2 * a * (x - c)
        new = x - lr * grad
        lines.append(f"- $x_{{{t + 1}}} = {num(x)} - {num(lr)}\\cdot{paren(grad)} = {num(new)}$")
        x = new
    require(abs(x) > 1e-3)
    return Question(
        params={"a": a, "c": c, "x0": x0, "lr": lr, "k": k},
        prompt=f"Minimise $f(x) = {'' if a == 1 else a}(x {'-' if c >= 0 else '+'} {abs(c)})^2$ by "
        "gradient "
        f"descent from $x_0 = {num(x0)}$ with learning rate $\\eta = {num(lr)}$. What is "
        f"$x_{{{k}}}$, the value after {k} steps?",
        answer=AnswerSpec(x, mode="relative", tol=1e-3),
        solution=f"$f'(x) = {2 * a}(x {'-' if c >= 0 else '+'} {abs(c)})$ and each step is "
        "$x_{t+1} = x_t - \\eta f'(x_t)$:\n\n" + "\n".join(lines) + "\n\nEach step shrinks the "
        f"distance to the minimum $x^* = {c}$ by the factor $1 - 2\\cdot{a}\\cdot{num(lr)} = "
        f"{num(1 - 2 * a * lr)}$.",
    )


@question("gradient-descent-2d", topic=TOPIC, title="Gradient descent on a 2-D quadratic")
def gradient_descent_2d(rng: np.random.Generator) -> Question:
    a, b = (int(v) for v in rng.integers(1, 5, 2))
    p = rng.integers(-4, 5, 2).astype(float)
    lr = float(rng.choice([0.1, 0.2]))
    require(np.all(p != 0) and 2 * max(a, b) * lr < 2)
    p0 = p.copy()
    lines = []
    for t in range(2):
        g = np.array([2 * a * p[0], 2 * b * p[1]])
        new = p - lr * g
        lines.append(
            f"- step {t + 1}: $\\nabla f = {vec(g)}$, $\\mathbf p_{{{t + 1}}} = {vec(p)} - "
            f"{num(lr)}{vec(g)} = {vec(new)}$"
        )
        p = new
    require(np.all(np.abs(p) > 1e-3))
    return Question(
        params={"a": a, "b": b, "p0": p0, "lr": lr},
        prompt="Take two gradient-descent steps on "
        f"$f(x, y) = {terms([(a, 'x^2'), (b, 'y^2')])}$ from "
        f"$\\mathbf p_0 = ({num(p0[0])}, {num(p0[1])})$ with learning rate $\\eta = {num(lr)}$. "
        "Give $\\mathbf p_2$ as `[x, y]`; each component earns half.",
        answer=AnswerSpec(p.tolist(), mode="absolute", tol=1e-3, partial=True),
        solution=f"$\\nabla f(x, y) = ({2 * a}x, {2 * b}y)$ and $\\mathbf p_{{t+1}} = "
        "\\mathbf p_t - \\eta\\nabla f(\\mathbf p_t)$:\n\n" + "\n".join(lines),
    )


@question("gd-max-learning-rate", topic=TOPIC, title="Largest stable learning rate")
def gd_max_learning_rate(rng: np.random.Generator) -> Question:
    a = int(rng.integers(1, 21)) / 2
    b, c = (int(v) for v in rng.integers(-9, 10, 2))
    value = 1 / a
    return Question(
        params={"a": a, "b": b, "c": c},
        prompt=f"Gradient descent on $f(x) = {poly([a, b, c])}$ converges to the minimum from "
        "any start exactly when the learning rate $\\eta$ lies in $(0, \\eta_{\\max})$. "
        "What is $\\eta_{\\max}$?",
        answer=AnswerSpec(value, mode="relative", tol=1e-3),
        solution=f"The minimum is at $x^* = {num(-b / (2 * a))}$ and $f'(x) = {num(2 * a)}"
        f"(x - x^*)$, so a step moves the error $e_t = x_t - x^*$ to $e_{{t+1}} = "
        f"(1 - {num(2 * a)}\\eta)\\,e_t$. The error shrinks iff $|1 - {num(2 * a)}\\eta| < 1$, "
        f"i.e. $0 < \\eta < 2/{num(2 * a)} = {num(value)}$. In general $\\eta < 2/L$ where $L$ "
        f"is the largest curvature (here $L = f'' = {num(2 * a)}$); the linear and constant "
        "terms do not matter.",
    )


@question("momentum-steps", topic=TOPIC, title="Gradient descent with momentum")
def momentum_steps(rng: np.random.Generator) -> Question:
    a = int(rng.integers(1, 4))
    x = float(rng.integers(1, 21)) * float(rng.choice([-1, 1]))
    lr = float(rng.choice([0.05, 0.1]))
    beta = float(rng.choice([0.5, 0.8, 0.9]))
    x0, v = x, 0.0
    lines = []
    for t in range(2):
        g = 2 * a * x
        v_new = beta * v + g
        x_new = x - lr * v_new
        lines.append(
            f"- $g_{{{t}}} = {num(g)}$, $v_{{{t + 1}}} = {num(beta)}\\cdot{paren(v)} + {paren(g)} "
            f"= {num(v_new)}$, $x_{{{t + 1}}} = {num(x)} - {num(lr)}\\cdot{paren(v_new)} = "
            f"{num(x_new)}$"
        )
        x, v = x_new, v_new
    require(abs(x) > 1e-3)
    return Question(
        params={"a": a, "x0": x0, "lr": lr, "beta": beta},
        prompt=f"Minimise $f(x) = {terms([(a, 'x^2')])}$ with momentum: "
        "$v_{t+1} = \\beta v_t + f'(x_t)$, "
        f"$x_{{t+1}} = x_t - \\eta v_{{t+1}}$, starting at $x_0 = {num(x0)}$, $v_0 = 0$, with "
        f"$\\eta = {num(lr)}$ and $\\beta = {num(beta)}$. What is $x_2$?",
        answer=AnswerSpec(x, mode="relative", tol=1e-3),
        solution=f"$f'(x) = {2 * a}x$.\n\n" + "\n".join(lines) + "\n\nThe velocity remembers "
        "past gradients, so consecutive steps in the same direction grow.",
    )


@question("adam-steps", topic=TOPIC, title="Two steps of Adam")
def adam_steps(rng: np.random.Generator) -> Question:
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
    return Question(
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
        f"$g_2 = {num(g2)}$. What is $\\theta_2$? Give 4 decimal places.",
        answer=AnswerSpec(theta2, mode="absolute", tol=5e-4),
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
