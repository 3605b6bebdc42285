"""Derivatives, the chain rule, partial derivatives, gradients, Jacobians and Hessians."""

from __future__ import annotations

import math

import numpy as np

from quizzes.checking import AnswerSpec
from quizzes.generators.base import Question, question, require
from quizzes.generators.tex import mat, num, paren, poly, terms, vec

TOPIC = "calculus"


def _nonzero(rng: np.random.Generator, low: int, high: int) -> int:
    value = 0
    while value == 0:
        value = int(rng.integers(low, high + 1))
    return value


@question("polynomial-derivative", topic=TOPIC, title="Derivative of a polynomial at a point")
def polynomial_derivative(rng: np.random.Generator) -> Question:
    c = [_nonzero(rng, -4, 4), *(int(x) for x in rng.integers(-6, 7, 3))]
    x0 = _nonzero(rng, -3, 3)
    d = [3 * c[0], 2 * c[1], c[2]]
    value = d[0] * x0**2 + d[1] * x0 + d[2]
    require(value != 0)
    return Question(
        params={"coefficients": c, "x0": x0},
        prompt=f"Let $f(x) = {poly(c)}$. Compute $f'({x0})$.",
        answer=AnswerSpec(value, mode="exact"),
        solution="Differentiate term by term with the power rule $\\frac{d}{dx}x^n = "
        f"nx^{{n-1}}$:\n\n$$f'(x) = {poly(d)}.$$\n\n"
        f"$$f'({x0}) = {num(d[0])}\\cdot{paren(x0)}^2 + {paren(d[1])}\\cdot{paren(x0)} + "
        f"{paren(d[2])} = {value}.$$",
    )


@question("chain-rule", topic=TOPIC, title="Chain rule at a point")
def chain_rule(rng: np.random.Generator) -> Question:
    a = _nonzero(rng, -3, 3)
    b = int(rng.integers(-4, 5))
    x0 = int(rng.integers(-2, 3))
    inner = a * x0 + b
    if rng.random() < 0.5:
        n = int(rng.integers(2, 5))
        require(inner != 0)
        value = float(n * a * inner ** (n - 1))
        f = f"({poly([a, b])})^{{{n}}}"
        work = (
            f"Outer $u^{n}$, inner $u = {poly([a, b])}$ with $u' = {a}$:\n\n"
            f"$$f'(x) = {n}({poly([a, b])})^{{{n - 1}}}\\cdot {paren(a)},\\qquad "
            f"f'({x0}) = {n}\\cdot{paren(inner)}^{{{n - 1}}}\\cdot{paren(a)} = {num(value)}.$$"
        )
        spec = AnswerSpec(value, mode="exact")
    else:
        require(abs(inner) <= 3)
        value = a * math.exp(inner)
        f = f"e^{{{poly([a, b])}}}"
        work = (
            f"Outer $e^u$, inner $u = {poly([a, b])}$ with $u' = {a}$:\n\n"
            f"$$f'(x) = {paren(a)}\\,e^{{{poly([a, b])}}},\\qquad f'({x0}) = {paren(a)}\\,"
            f"e^{{{inner}}} \\approx {num(value)}.$$"
        )
        spec = AnswerSpec(value, mode="relative", tol=1e-3)
    return Question(
        params={"f": f, "x0": x0},
        prompt=f"Let $f(x) = {f}$. Compute $f'({x0})$. Expressions such as `2e^3` are fine.",
        answer=spec,
        solution="Chain rule: $\\frac{d}{dx} g(u(x)) = g'(u(x))\\,u'(x)$. " + work,
    )


@question("partial-derivative", topic=TOPIC, title="Partial derivative at a point")
def partial_derivative(rng: np.random.Generator) -> Question:
    a, b, c = (_nonzero(rng, -4, 4) for _ in range(3))
    x0, y0 = _nonzero(rng, -2, 2), _nonzero(rng, -2, 2)
    wrt = str(rng.choice(["x", "y"]))
    f = terms([(a, "x^2y"), (b, "xy^3"), (c, "y")])
    if wrt == "x":
        value = 2 * a * x0 * y0 + b * y0**3
        deriv = terms([(2 * a, "xy"), (b, "y^3")])
        sub = f"{2 * a}\\cdot{paren(x0)}\\cdot{paren(y0)} + {paren(b)}\\cdot{paren(y0)}^3"
    else:
        value = a * x0**2 + 3 * b * x0 * y0**2 + c
        deriv = terms([(a, "x^2"), (3 * b, "xy^2"), (c, "")])
        sub = (
            f"{a}\\cdot{paren(x0)}^2 + {paren(3 * b)}\\cdot{paren(x0)}\\cdot{paren(y0)}^2 + "
            f"{paren(c)}"
        )
    require(value != 0)
    return Question(
        params={"a": a, "b": b, "c": c, "point": [x0, y0], "wrt": wrt},
        prompt=f"Let $f(x, y) = {f}$. Compute $\\dfrac{{\\partial f}}{{\\partial {wrt}}}$ at "
        f"$(x, y) = ({x0}, {y0})$.",
        answer=AnswerSpec(value, mode="exact"),
        solution=f"Differentiate with respect to ${wrt}$, treating the other variable as a "
        f"constant:\n\n$$\\frac{{\\partial f}}{{\\partial {wrt}}} = {deriv}.$$\n\n"
        f"At $({x0}, {y0})$: ${sub} = {value}$.",
    )


@question("gradient-quadratic", topic=TOPIC, title="Gradient of a quadratic in two variables")
def gradient_quadratic(rng: np.random.Generator) -> Question:
    a, b, c, d, e = (int(v) for v in rng.integers(-4, 5, 5))
    require(a != 0 and c != 0)
    x0, y0 = (int(v) for v in rng.integers(-3, 4, 2))
    gx = 2 * a * x0 + b * y0 + d
    gy = b * x0 + 2 * c * y0 + e
    require(gx != 0 or gy != 0)
    f = terms([(a, "x^2"), (b, "xy"), (c, "y^2"), (d, "x"), (e, "y")])
    return Question(
        params={"coefficients": [a, b, c, d, e], "point": [x0, y0]},
        prompt=f"Let $f(x, y) = {f}$. Compute the gradient $\\nabla f$ at "
        f"$({x0}, {y0})$ as `[df/dx, df/dy]`. Each component earns half.",
        answer=AnswerSpec([gx, gy], mode="exact", partial=True),
        solution="The gradient collects the partial derivatives:\n\n"
        f"$$\\frac{{\\partial f}}{{\\partial x}} = {terms([(2 * a, 'x'), (b, 'y'), (d, '')])},"
        f"\\qquad \\frac{{\\partial f}}{{\\partial y}} = {terms([(b, 'x'), (2 * c, 'y'), (e, '')])}"
        ".$$\n\n"
        f"At $({x0}, {y0})$: $$\\nabla f = {vec([gx, gy])}.$$ It points in the direction of "
        "steepest increase; gradient descent steps the opposite way.",
    )


@question("sigmoid-derivative", topic=TOPIC, title="Derivative of the sigmoid")
def sigmoid_derivative(rng: np.random.Generator) -> Question:
    z = round(float(rng.uniform(-4, 4)), 2)
    s = 1 / (1 + math.exp(-z))
    value = s * (1 - s)
    return Question(
        params={"z": z},
        prompt="The logistic sigmoid is $\\sigma(z) = \\dfrac{1}{1+e^{-z}}$. Compute "
        f"$\\sigma'({num(z)})$ to at least 3 significant figures.",
        answer=AnswerSpec(value, mode="relative", tol=1e-3),
        solution="The sigmoid's derivative can be written with its own value: "
        "$\\sigma'(z) = \\sigma(z)\\,(1-\\sigma(z))$.\n\n"
        f"$\\sigma({num(z)}) = 1/(1+e^{{{num(-z)}}}) \\approx {num(s, 5)}$, so "
        f"$\\sigma'({num(z)}) \\approx {num(s, 5)}\\cdot{num(1 - s, 5)} \\approx "
        f"{num(value, 5)}$.\n\nIt is largest at $z=0$ ($0.25$) and vanishes for large "
        "$|z|$, the reason deep sigmoid networks suffer vanishing gradients.",
    )


@question("hessian-2x2", topic=TOPIC, title="Hessian of a function of two variables")
def hessian_2x2(rng: np.random.Generator) -> Question:
    a, b, c = (_nonzero(rng, -3, 3) for _ in range(3))
    x0, y0 = (int(v) for v in rng.integers(-2, 3, 2))
    # f = a x^3 + b x^2 y + c y^2
    H = np.array([[6 * a * x0 + 2 * b * y0, 2 * b * x0], [2 * b * x0, 2 * c]])
    return Question(
        params={"a": a, "b": b, "c": c, "point": [x0, y0]},
        prompt=f"Let $f(x, y) = {terms([(a, 'x^3'), (b, 'x^2y'), (c, 'y^2')])}$. "
        "Compute the Hessian "
        f"matrix of $f$ at $({x0}, {y0})$ as `[[fxx, fxy], [fyx, fyy]]`. Each entry earns a "
        "quarter.",
        answer=AnswerSpec(H.tolist(), mode="exact", partial=True),
        solution="The Hessian holds the second partial derivatives:\n\n"
        f"$$f_{{xx}} = {terms([(6 * a, 'x'), (2 * b, 'y')])},\\quad f_{{xy}} = f_{{yx}} = "
        f"{terms([(2 * b, 'x')])},\\quad "
        f"f_{{yy}} = {2 * c}.$$\n\nAt $({x0}, {y0})$: $$H = {mat(H)}.$$ It is symmetric "
        "because mixed partials commute for smooth functions.",
    )


@question("jacobian-2x2", topic=TOPIC, title="Jacobian of a map from R^2 to R^2")
def jacobian_2x2(rng: np.random.Generator) -> Question:
    a, b = _nonzero(rng, -3, 3), _nonzero(rng, -3, 3)
    x0, y0 = _nonzero(rng, -2, 2), _nonzero(rng, -2, 2)
    # F(x, y) = (a x^2 y, b x + y^3)
    J = np.array([[2 * a * x0 * y0, a * x0**2], [b, 3 * y0**2]])
    return Question(
        params={"a": a, "b": b, "point": [x0, y0]},
        prompt=f"Let $F(x, y) = \\big({terms([(a, 'x^2y')])},\\; {terms([(b, 'x'), (1, 'y^3')])}"
        "\\big)$. Compute the Jacobian "
        f"$J_F$ at $({x0}, {y0})$ as a $2\\times2$ matrix `[[..], [..]]` (row $i$ holds the "
        "partial derivatives of component $i$). Each entry earns a quarter.",
        answer=AnswerSpec(J.tolist(), mode="exact", partial=True),
        solution="Row 1 differentiates $F_1 = "
        f"{terms([(a, 'x^2y')])}$: $({terms([(2 * a, 'xy')])},\\; {terms([(a, 'x^2')])})$. "
        f"Row 2 differentiates $F_2 = {terms([(b, 'x'), (1, 'y^3')])}$: "
        f"$({b},\\; 3y^2)$.\n\nAt $({x0}, {y0})$: $$J_F = {mat(J)}.$$",
    )
