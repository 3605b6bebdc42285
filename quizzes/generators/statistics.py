"""Descriptive statistics: mean, median, variance, covariance, correlation."""

from __future__ import annotations

import numpy as np

from quizzes.checking import AnswerSpec
from quizzes.generators.base import Question, question, require
from quizzes.generators.tex import num

TOPIC = "statistics"


def _listing(values: np.ndarray) -> str:
    return ", ".join(num(v) for v in values)


@question("mean-median", topic=TOPIC, title="Mean and median with an outlier")
def mean_median(rng: np.random.Generator) -> Question:
    n = int(rng.choice([6, 7]))
    data = rng.integers(1, 20, n - 1).astype(float)
    data = np.append(data, float(rng.integers(60, 120)))  # one outlier
    rng.shuffle(data)
    mean, median = float(data.mean()), float(np.median(data))
    ordered = np.sort(data)
    mid = (
        f"the middle value is ${num(median)}$"
        if n % 2
        else f"the two middle values are ${num(ordered[n // 2 - 1])}$ and "
        f"${num(ordered[n // 2])}$, whose average is ${num(median)}$"
    )
    return Question(
        params={"data": data},
        prompt=f"For the data ${_listing(data)}$ give `[mean, median]`; each earns half.",
        answer=AnswerSpec([mean, median], mode="relative", tol=1e-3, partial=True),
        solution=f"Mean: ${num(data.sum())}/{n} \\approx {num(mean)}$.\n\n"
        f"Median: sorted, the data are ${_listing(ordered)}$; {mid}.\n\n"
        f"The single outlier ${num(data.max())}$ drags the mean far above the median; the "
        "median is robust to it.",
    )


@question("variance-population-sample", topic=TOPIC, title="Population vs sample variance")
def variance_population_sample(rng: np.random.Generator) -> Question:
    n = int(rng.integers(4, 7))
    data = rng.integers(0, 13, n).astype(float)
    require(np.ptp(data) > 0)
    mean = float(data.mean())
    ss = float(((data - mean) ** 2).sum())
    pop, sample = ss / n, ss / (n - 1)
    devs = " + ".join(f"({num(x)} - {num(mean)})^2" for x in data)
    return Question(
        params={"data": data},
        prompt=f"For the data ${_listing(data)}$ give `[population variance, sample variance]`;"
        " each earns half.",
        answer=AnswerSpec([pop, sample], mode="relative", tol=1e-3, partial=True),
        solution=f"The mean is $\\bar x = {num(mean)}$ and the sum of squared deviations is\n\n"
        f"$$\\sum (x_i-\\bar x)^2 = {devs} = {num(ss)}.$$\n\n"
        f"Population variance divides by $n = {n}$: ${num(pop)}$. Sample variance divides by "
        f"$n-1 = {n - 1}$ (Bessel's correction, because $\\bar x$ was estimated from the same "
        f"data): ${num(sample)}$. In NumPy: `np.var(x)` vs `np.var(x, ddof=1)`.",
    )


def _paired(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    n = 5
    x = rng.choice(np.arange(0, 11), size=n, replace=False).astype(float)
    slope = float(rng.choice([-2, -1, 1, 2]))
    y = slope * x + rng.integers(-4, 5, n)
    return x, y.astype(float)


@question("sample-covariance", topic=TOPIC, title="Sample covariance")
def sample_covariance(rng: np.random.Generator) -> Question:
    x, y = _paired(rng)
    dx, dy = x - x.mean(), y - y.mean()
    sxy = float(dx @ dy)
    value = sxy / (len(x) - 1)
    require(abs(value) > 0.1)
    return Question(
        params={"x": x, "y": y},
        prompt=f"Paired observations: $x = ({_listing(x)})$, $y = ({_listing(y)})$. Compute "
        "the sample covariance (divide by $n-1$).",
        answer=AnswerSpec(value, mode="relative", tol=1e-3),
        solution=f"$\\bar x = {num(x.mean())}$, $\\bar y = {num(y.mean())}$. Deviations: "
        f"$x-\\bar x = ({_listing(dx)})$, $y - \\bar y = ({_listing(dy)})$. Sum of products "
        f"$= {num(sxy)}$, so\n\n$$s_{{xy}} = \\frac{{{num(sxy)}}}{{{len(x) - 1}}} = "
        f"{num(value)}.$$ (`np.cov(x, y)[0, 1]`)",
    )


@question("pearson-correlation", topic=TOPIC, title="Pearson correlation")
def pearson_correlation(rng: np.random.Generator) -> Question:
    x, y = _paired(rng)
    require(np.ptp(y) > 0)
    dx, dy = x - x.mean(), y - y.mean()
    sxy, sxx, syy = float(dx @ dy), float(dx @ dx), float(dy @ dy)
    value = sxy / np.sqrt(sxx * syy)
    require(abs(value) > 0.05)
    return Question(
        params={"x": x, "y": y},
        prompt=f"Paired observations: $x = ({_listing(x)})$, $y = ({_listing(y)})$. Compute "
        "the Pearson correlation coefficient $r$ to 3 decimal places.",
        answer=AnswerSpec(float(value), mode="absolute", tol=1e-3),
        solution="$r = \\dfrac{\\sum(x_i-\\bar x)(y_i-\\bar y)}{\\sqrt{\\sum(x_i-\\bar x)^2"
        "\\sum(y_i-\\bar y)^2}}$ (the $n-1$ factors cancel).\n\n"
        f"$\\bar x = {num(x.mean())}$, $\\bar y = {num(y.mean())}$, "
        f"$\\sum dx\\,dy = {num(sxy)}$, $\\sum dx^2 = {num(sxx)}$, $\\sum dy^2 = {num(syy)}$:\n\n"
        f"$$r = \\frac{{{num(sxy)}}}{{\\sqrt{{{num(sxx)}\\cdot{num(syy)}}}}} \\approx "
        f"{num(value)}.$$",
    )


@question("standardize", topic=TOPIC, title="Standardizing a data set")
def standardize(rng: np.random.Generator) -> Question:
    data = rng.integers(0, 21, 4).astype(float)
    require(np.ptp(data) > 0)
    mean, std = float(data.mean()), float(data.std())
    z = (data - mean) / std
    return Question(
        params={"data": data},
        prompt=f"Standardize the data ${_listing(data)}$ using the mean and the population "
        "standard deviation (divide by $n$). Give the four z-scores as a vector; each entry "
        "earns a quarter.",
        answer=AnswerSpec(z.tolist(), mode="absolute", tol=2e-3, partial=True),
        solution=f"$\\mu = {num(mean)}$, $\\sigma = \\sqrt{{\\tfrac1n\\sum(x_i-\\mu)^2}} = "
        f"{num(std)}$. Then $z_i = (x_i - \\mu)/\\sigma$ gives $({_listing(z)})$. "
        "The result has mean 0 and standard deviation 1.",
    )
