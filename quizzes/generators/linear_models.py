"""Least squares by the normal equation, ridge, lasso soft-thresholding, MSE."""

from __future__ import annotations

import numpy as np

from quizzes.checking import AnswerSpec
from quizzes.generators.base import Question, question, require
from quizzes.generators.tex import mat, num, rowvec, vec

TOPIC = "linear-models"


@question("normal-equation-fit", topic=TOPIC, title="Least-squares line by the normal equation")
def normal_equation_fit(rng: np.random.Generator) -> Question:
    x = np.sort(rng.choice(np.arange(0, 8), size=4, replace=False)).astype(float)
    y = rng.integers(-5, 11, 4).astype(float)
    X = np.column_stack([np.ones(4), x])
    XtX, Xty = X.T @ X, X.T @ y
    w = np.linalg.solve(XtX, Xty)
    require(abs(w[1]) > 0.05)
    return Question(
        params={"x": x, "y": y},
        prompt="Fit $y \\approx w_0 + w_1x$ by least squares to the points "
        + ", ".join(f"$({num(a)}, {num(b)})$" for a, b in zip(x, y, strict=True))
        + ". Give `[w0, w1]`; each earns half.",
        answer=AnswerSpec(w.tolist(), mode="absolute", tol=2e-3, partial=True),
        solution="With the design matrix $X$ (a column of ones, then $x$) the normal equation "
        "is $X^TX\\mathbf w = X^T\\mathbf y$:\n\n"
        f"$$X^TX = {mat(XtX)},\\qquad X^T\\mathbf y = {vec(Xty)}.$$\n\n"
        f"Solving: $\\mathbf w = (X^TX)^{{-1}}X^T\\mathbf y = {vec(w)}$. "
        "(`np.linalg.lstsq(X, y)` gives the same without forming $X^TX$.)",
    )


@question("ridge-1d", topic=TOPIC, title="Ridge regression with one feature")
def ridge_1d(rng: np.random.Generator) -> Question:
    x = rng.integers(-4, 5, 4).astype(float)
    y = rng.integers(-6, 7, 4).astype(float)
    lam = float(rng.choice([0.5, 1, 2, 5]))
    sxx, sxy = float(x @ x), float(x @ y)
    require(sxx > 0 and abs(sxy) > 0)
    w = sxy / (sxx + lam)
    return Question(
        params={"x": x, "y": y, "lambda": lam},
        prompt=f"Fit $y \\approx wx$ (no intercept) to $x = {rowvec(x)}$, $y = {rowvec(y)}$ "
        f"by ridge regression, minimising $\\sum_i (y_i - wx_i)^2 + \\lambda w^2$ with "
        f"$\\lambda = {num(lam)}$. What is $w$?",
        answer=AnswerSpec(w, mode="relative", tol=1e-3),
        solution="Setting the derivative $-2\\sum x_i(y_i - wx_i) + 2\\lambda w$ to zero gives "
        "$w = \\dfrac{\\sum x_iy_i}{\\sum x_i^2 + \\lambda}$:\n\n"
        f"$$w = \\frac{{{num(sxy)}}}{{{num(sxx)} + {num(lam)}}} \\approx {num(w)}.$$\n\n"
        f"Ordinary least squares would give ${num(sxy / sxx)}$; the penalty shrinks $w$ "
        "toward 0.",
    )


@question("lasso-soft-threshold", topic=TOPIC, title="Lasso soft-thresholding")
def lasso_soft_threshold(rng: np.random.Generator) -> Question:
    z = np.round(rng.uniform(-3, 3, 4), 1)
    lam = float(rng.choice([0.5, 1.0, 1.5]))
    require(np.any(np.abs(z) <= lam) and np.any(np.abs(z) > lam))
    out = np.sign(z) * np.maximum(np.abs(z) - lam, 0)
    return Question(
        params={"z": z, "lambda": lam},
        prompt="The lasso minimises $\\tfrac12\\lVert \\mathbf y - X\\mathbf w \\rVert_2^2 + "
        "\\lambda \\lVert \\mathbf w \\rVert_1$. With an orthonormal design its solution is the "
        "soft-thresholding $S_\\lambda(z) = \\mathrm{sign}(z)\\max(|z| - \\lambda, 0)$ of the "
        "least-squares "
        f"coefficients. Apply it with $\\lambda = {num(lam)}$ to $\\mathbf z = {rowvec(z)}$; "
        "each entry earns a quarter.",
        answer=AnswerSpec(out.tolist(), mode="absolute", tol=1e-6, partial=True),
        solution="Entries with $|z| \\le \\lambda$ become exactly 0; the rest move "
        f"$\\lambda$ toward 0:\n\n$$S_{{{num(lam)}}}(\\mathbf z) = {rowvec(out)}.$$\n\n"
        "The threshold is $\\lambda$ because of the $\\tfrac12$ on the squared error (without it, "
        "it would be $\\lambda/2$). This is why the lasso produces sparse models while ridge "
        "only shrinks.",
    )


@question("mse-loss", topic=TOPIC, title="Mean squared error of predictions")
def mse_loss(rng: np.random.Generator) -> Question:
    y = rng.integers(-5, 6, 4).astype(float)
    pred = y + rng.integers(-3, 4, 4)
    require(np.any(pred != y))
    err = pred - y
    value = float((err**2).mean())
    return Question(
        params={"y": y, "predictions": pred},
        prompt=f"Targets $y = {rowvec(y)}$, predictions $\\hat y = {rowvec(pred)}$. What is the "
        "mean squared error?",
        answer=AnswerSpec(value, mode="relative", tol=1e-3),
        solution=f"Errors $\\hat y - y = {rowvec(err)}$, squared ${rowvec(err**2)}$, mean "
        f"${num((err**2).sum())}/4 = {num(value)}$.",
    )
