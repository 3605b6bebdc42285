"""Examples of the richer answer types of issue #17: a symbolic derivative, a multiple-choice
question with shuffled options, and a multi-part question with per-part points; each lists
anticipated wrong answers as feedback rules. (To move to content/questions/ with the rest.)"""

from __future__ import annotations

import numpy as np

from quizzes.checking import AnswerSpec, FeedbackRule, Part
from quizzes.generators.base import Question, question, require
from quizzes.generators.tex import num


def _power(n: int) -> str:
    return "x" if n == 1 else f"x^{n}"


@question("chain-rule-expression", topic="calculus", title="Chain rule, answered as a formula")
def chain_rule_expression(rng: np.random.Generator) -> Question:
    a = int(rng.integers(2, 6))
    n = int(rng.integers(2, 4))
    outer = str(rng.choice(["sin", "cos"]))
    inner = f"{a}*{_power(n)}"
    inner_prime = f"{a * n}*{_power(n - 1)}"
    other = "cos" if outer == "sin" else "sin"
    sign = "" if outer == "sin" else "-"
    derivative = f"{sign}{inner_prime}*{other}({inner})"
    wrong_sign = f"{'-' if sign == '' else ''}{inner_prime}*{other}({inner})"
    spec = AnswerSpec(
        derivative,
        kind="symbolic",
        variables=("x",),
        feedback=(
            FeedbackRule(
                f"{sign}{other}({inner})",
                "That is the outer derivative alone: the chain rule also multiplies by the "
                f"derivative of the inside, ${a}{_power(n)}$.",
                id="forgot-inner-derivative",
            ),
            FeedbackRule(
                wrong_sign,
                f"Check the sign: $\\frac{{d}}{{du}}\\{outer} u = "
                f"{'' if outer == 'sin' else '-'}\\{other} u$.",
                credit=0.5,
                id="sign",
            ),
        ),
    )
    inner_tex = f"{a}{_power(n)}"
    return Question(
        params={"a": a, "n": n, "outer": outer},
        prompt=f"Let $f(x) = \\{outer}({inner_tex})$. Write $f'(x)$ as a formula in $x$.",
        answer=spec,
        solution=f"With $u = {inner_tex}$, $\\frac{{du}}{{dx}} = {a * n}{_power(n - 1)}$ and "
        f"$\\frac{{d}}{{du}}\\{outer} u = {'' if outer == 'sin' else '-'}\\{other} u$, so "
        f"$$f'(x) = {sign}{a * n}{_power(n - 1)}\\,\\{other}({inner_tex}).$$",
    )


@question("sample-variance-choice", topic="statistics", title="Which number is the variance?")
def sample_variance_choice(rng: np.random.Generator) -> Question:
    data = rng.integers(1, 10, 5).astype(float)
    require(np.ptp(data) > 0)
    n = data.size
    centred = data - data.mean()
    squares = float(centred @ centred)
    unbiased = squares / (n - 1)
    biased = squares / n
    candidates = [unbiased, biased, float(np.sqrt(unbiased)), float(np.abs(centred).sum() / n)]
    require(len({round(c, 4) for c in candidates}) == len(candidates))
    options = tuple(f"${num(c)}$" for c in candidates)
    spec = AnswerSpec(
        [0],
        kind="choice",
        options=options,
        feedback=(
            FeedbackRule(
                1,
                "That divides by $n$: the sample mean sits closer to the data than "
                "the true mean, so dividing by $n-1$ makes the estimate unbiased.",
                id="divided-by-n",
            ),
            FeedbackRule(
                2,
                "That is the standard deviation, the square root of the variance.",
                id="standard-deviation",
            ),
            FeedbackRule(
                3,
                "That is the mean absolute deviation: variance squares the deviations.",
                id="absolute-deviation",
            ),
        ),
    )
    listing = ", ".join(num(v) for v in data)
    return Question(
        params={"data": data},
        prompt=f"A sample of ${n}$ values: ${listing}$. Which number is its unbiased sample "
        "variance $s^2$?",
        answer=spec,
        solution=f"The mean is ${num(data.mean())}$; the squared deviations sum to "
        f"${num(squares)}$, and $s^2 = {num(squares)}/{n - 1} = "
        f"{num(unbiased)}$.",
    )


@question("mean-variance-parts", topic="statistics", title="Mean, variance and shifts (parts)")
def mean_variance_parts(rng: np.random.Generator) -> Question:
    data = rng.integers(0, 12, 6).astype(float)
    require(np.ptp(data) > 0)
    n = data.size
    mean = float(data.mean())
    centred = data - mean
    squares = float(centred @ centred)
    unbiased = squares / (n - 1)
    biased = squares / n
    require(abs(unbiased - biased) > 0.01 * unbiased)
    spec = AnswerSpec(
        kind="parts",
        parts=(
            Part("a", AnswerSpec(mean), points=1, label="(a) the mean"),
            Part(
                "b",
                AnswerSpec(
                    unbiased,
                    feedback=(
                        FeedbackRule(
                            biased,
                            "You divided by $n$; the unbiased estimate divides by $n-1$.",
                            credit=0.5,
                            id="divided-by-n",
                        ),
                    ),
                ),
                points=2,
                label="(b) the unbiased variance s²",
            ),
            Part(
                "c",
                AnswerSpec(
                    [0, 1],
                    kind="choice",
                    multiple=True,
                    partial=True,
                    options=(
                        "adding $5$ to every value",
                        "multiplying every value by $-1$",
                        "doubling every value",
                        "appending one more value equal to the mean",
                    ),
                ),
                points=1,
                label="(c) which changes leave s² unchanged?",
            ),
        ),
    )
    listing = ", ".join(num(v) for v in data)
    return Question(
        params={"data": data},
        prompt=f"The sample is ${listing}$ ($n = {n}$).",
        answer=spec,
        solution=f"(a) $\\bar x = {num(data.sum())}/{n} = {num(mean)}$. (b) The squared "
        f"deviations sum to ${num(squares)}$, so $s^2 = {num(squares)}/"
        f"{n - 1} = {num(unbiased)}$. (c) A shift moves the mean with the data and a sign flip "
        "keeps the squares: both leave $s^2$ alone; doubling multiplies it by 4; a new value at "
        "the mean adds nothing to the sum but one to $n-1$.",
    )
