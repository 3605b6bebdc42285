"""Bayes, the law of total probability, discrete and continuous distributions, MLE."""

from __future__ import annotations

import math
from importlib import import_module
from types import ModuleType

import numpy as np

from quizzes.checking import AnswerSpec
from quizzes.generators.base import Question, question, require
from quizzes.generators.tex import num, paren, sig

TOPIC = "probability"


def _stats() -> ModuleType:
    """scipy.stats, imported on first use: it costs about a second at start-up, and every
    web and worker process imports this module through the URL configuration. (By name, so
    its type is a module whether or not the type checker has SciPy's stubs.)"""
    return import_module("scipy.stats")


@question("bayes-posterior", topic=TOPIC, title="Bayes' rule for a diagnostic test")
def bayes_posterior(rng: np.random.Generator) -> Question:
    prior = float(rng.choice([0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.1, 0.15, 0.2]))
    sens = int(rng.integers(80, 100)) / 100
    fpr = int(rng.integers(1, 16)) / 100
    evidence = sens * prior + fpr * (1 - prior)
    value = sens * prior / evidence
    return Question(
        params={"prior": prior, "sensitivity": sens, "false_positive_rate": fpr},
        prompt=f"A condition affects {num(prior * 100)}% of people. A test detects it in "
        f"{num(sens * 100)}% of people who have it, and gives a false positive for "
        f"{num(fpr * 100)}% of people who do not. Someone tests positive. What is the "
        "probability they have the condition?",
        answer=AnswerSpec(value, mode="relative", tol=1e-3),
        solution="Let $D$ = has the condition, $+$ = tests positive. The law of total "
        "probability gives the chance of a positive test:\n\n"
        "$$P(+) = P(+\\mid D)P(D) + P(+\\mid \\neg D)P(\\neg D)$$\n\n"
        f"$$P(+) = {num(sens)}\\cdot{num(prior)} + {num(fpr)}\\cdot{num(1 - prior)} = "
        f"{sig(evidence)}.$$\n\nBayes' rule:\n\n"
        f"$$P(D\\mid +) = \\frac{{P(+\\mid D)P(D)}}{{P(+)}} = \\frac{{{sig(sens * prior)}}}"
        f"{{{sig(evidence)}}} \\approx {sig(value, 4)}.$$\n\nWhen the condition is rare, most "
        "positives are false positives.",
    )


@question("total-probability", topic=TOPIC, title="Law of total probability")
def total_probability(rng: np.random.Generator) -> Question:
    weights = rng.integers(1, 6, 3).astype(float)
    priors = weights / weights.sum()
    defect = rng.choice([0.01, 0.02, 0.03, 0.04, 0.05], size=3)
    value = float(priors @ defect)
    shares = [round(p * 100) for p in priors]
    require(sum(shares) == 100)
    priors = np.array(shares) / 100
    value = float(priors @ defect)
    terms = " + ".join(f"{num(p)}\\cdot{num(d)}" for p, d in zip(priors, defect, strict=True))
    return Question(
        params={"shares": priors, "defect_rates": defect},
        prompt="Three machines make "
        + ", ".join(f"{s}%" for s in shares)
        + " of a factory's parts. Their defect rates are "
        + ", ".join(f"{num(d * 100)}%" for d in defect)
        + ". What is the probability that a randomly chosen part is defective?",
        answer=AnswerSpec(value, mode="relative", tol=1e-3),
        solution="Condition on which machine made the part and average:\n\n"
        f"$$P(\\text{{defect}}) = \\sum_i P(\\text{{defect}}\\mid M_i)P(M_i) = {terms} = "
        f"{sig(value, 6)}.$$",
    )


@question("binomial-pmf", topic=TOPIC, title="Binomial probability")
def binomial_pmf(rng: np.random.Generator) -> Question:
    n = int(rng.integers(4, 13))
    p = float(rng.choice([0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.9]))
    k = int(rng.integers(0, n + 1))
    value = float(_stats().binom.pmf(k, n, p))
    require(value > 1e-3)
    comb = math.comb(n, k)
    return Question(
        params={"n": n, "p": p, "k": k},
        prompt=f"A biased coin lands heads with probability {num(p)}. It is tossed {n} "
        f"times. What is the probability of exactly {k} heads? Give 3 significant figures.",
        answer=AnswerSpec(value, mode="sigfigs", tol=3),
        solution="The number of heads is $X\\sim\\text{Binomial}(n, p)$ with "
        "$P(X=k) = \\binom{n}{k}p^k(1-p)^{n-k}$:\n\n"
        f"$$P(X={k}) = \\binom{{{n}}}{{{k}}}({num(p)})^{{{k}}}({num(1 - p)})^{{{n - k}}} = "
        f"{comb}\\cdot{sig(p**k, 5)}\\cdot{sig((1 - p) ** (n - k), 5)} \\approx "
        f"{sig(value, 4)}.$$\n\n(`scipy.stats.binom.pmf({k}, {n}, {num(p)})`)",
    )


@question("poisson-pmf", topic=TOPIC, title="Poisson probability")
def poisson_pmf(rng: np.random.Generator) -> Question:
    lam = int(rng.integers(5, 61)) / 10
    k = int(rng.integers(0, 10))
    value = float(_stats().poisson.pmf(k, lam))
    require(value > 1e-3)
    return Question(
        params={"lambda": lam, "k": k},
        prompt=f"A help desk receives on average {num(lam)} calls per minute, modelled as a "
        f"Poisson process. What is the probability of exactly {k} call{'' if k == 1 else 's'} in a "
        "given minute? "
        "Give 3 significant figures.",
        answer=AnswerSpec(value, mode="sigfigs", tol=3),
        solution="$X\\sim\\text{Poisson}(\\lambda)$ has $P(X=k) = \\dfrac{\\lambda^k "
        "e^{-\\lambda}}{k!}$:\n\n"
        f"$$P(X={k}) = \\frac{{{num(lam)}^{{{k}}}e^{{-{num(lam)}}}}}{{{k}!}} = "
        f"\\frac{{{sig(lam**k, 5)}\\cdot{sig(math.exp(-lam), 5)}}}{{{math.factorial(k)}}} "
        f"\\approx {sig(value, 4)}.$$",
    )


@question("normal-probability", topic=TOPIC, title="Probability of an interval under a normal")
def normal_probability(rng: np.random.Generator) -> Question:
    mu = int(rng.integers(50, 151))
    sigma = int(rng.choice([5, 10, 15, 20]))
    za, zb = sorted(round(float(z), 1) for z in rng.uniform(-2.5, 2.5, 2))
    require(zb - za >= 0.3)
    a, b = mu + za * sigma, mu + zb * sigma
    value = float(_stats().norm.cdf(b, mu, sigma) - _stats().norm.cdf(a, mu, sigma))
    return Question(
        params={"mu": mu, "sigma": sigma, "a": a, "b": b},
        prompt=f"$X \\sim \\mathcal N(\\mu = {mu}, \\sigma = {sigma})$. Compute "
        f"$P({num(a)} < X < {num(b)})$ to 3 decimal places.",
        answer=AnswerSpec(value, mode="absolute", tol=1.5e-3),
        solution="Standardise with $z = (x-\\mu)/\\sigma$: "
        f"$z_a = ({num(a)} - {mu})/{sigma} = {num(za)}$ and $z_b = {num(zb)}$. Then\n\n"
        f"$$P = \\Phi({num(zb)}) - \\Phi({num(za)}) = {num(_stats().norm.cdf(zb))} - "
        f"{num(_stats().norm.cdf(za))} \\approx {num(value)}.$$\n\n"
        "(`scipy.stats.norm.cdf`)",
    )


@question("z-score", topic=TOPIC, title="z-score of an observation")
def z_score(rng: np.random.Generator) -> Question:
    mu = int(rng.integers(40, 121))
    sigma = int(rng.choice([4, 5, 8, 10, 12, 16, 20]))
    x = mu + int(rng.integers(-30, 31))
    require(x != mu)
    value = (x - mu) / sigma
    return Question(
        params={"x": x, "mu": mu, "sigma": sigma},
        prompt=f"Exam scores have mean {mu} and standard deviation {sigma}. What is the "
        f"z-score of a score of {x}?",
        answer=AnswerSpec(value, mode="relative", tol=1e-3),
        solution=f"$$z = \\frac{{x-\\mu}}{{\\sigma}} = \\frac{{{x} - {mu}}}{{{sigma}}} = "
        f"{num(value)}.$$ The score is {num(abs(value))} standard deviations "
        f"{'above' if value > 0 else 'below'} the mean.",
    )


@question("discrete-expectation", topic=TOPIC, title="Mean and variance of a discrete variable")
def discrete_expectation(rng: np.random.Generator) -> Question:
    values = np.sort(rng.choice(np.arange(-3, 8), size=3, replace=False)).astype(float)
    weights = rng.integers(1, 5, 3)
    probs = weights / weights.sum()
    require(weights.sum() in (4, 5, 8, 10))
    mean = float(values @ probs)
    ex2 = float(values**2 @ probs)
    var = ex2 - mean**2
    table = " | ".join(num(v) for v in values)
    ptable = " | ".join(num(p) for p in probs)
    return Question(
        params={"values": values, "probabilities": probs},
        prompt="A random variable $X$ takes these values:\n\n"
        f"| $x$ | {table} |\n|---|---|---|---|\n| $P(X=x)$ | {ptable} |\n\n"
        "Give `[E[X], Var(X)]`; each earns half.",
        answer=AnswerSpec([mean, var], mode="relative", tol=1e-3, partial=True),
        solution=f"$E[X] = \\sum x\\,P(x) = {num(mean)}$. $E[X^2] = \\sum x^2P(x) = "
        f"{num(ex2)}$. $\\mathrm{{Var}}(X) = E[X^2] - E[X]^2 = {num(ex2)} - {num(mean)}^2 = "
        f"{num(var)}$.",
    )


@question("uniform-probability", topic=TOPIC, title="Continuous uniform distribution")
def uniform_probability(rng: np.random.Generator) -> Question:
    a = int(rng.integers(-5, 5))
    b = a + int(rng.integers(2, 11))
    c, d = sorted(float(v) for v in rng.integers(a, b + 1, 2))
    require(c < d and (c, d) != (a, b))
    value = (d - c) / (b - a)
    var = (b - a) ** 2 / 12
    return Question(
        params={"a": a, "b": b, "c": c, "d": d},
        prompt=f"$X$ is uniform on $[{a}, {b}]$. Give `[P({num(c)} < X < {num(d)}), Var(X)]`; "
        "each earns half.",
        answer=AnswerSpec([value, var], mode="relative", tol=1e-3, partial=True),
        solution=f"The density is $1/(b-a) = 1/{b - a}$ on the interval, so probabilities are "
        f"lengths over ${b - a}$: $P = ({num(d)} - {paren(c)})/{b - a} = {num(value)}$.\n\n"
        f"$\\mathrm{{Var}}(X) = (b-a)^2/12 = {(b - a) ** 2}/12 = {num(var)}$.",
    )


@question("bernoulli-mle", topic=TOPIC, title="Maximum-likelihood estimate of a Bernoulli p")
def bernoulli_mle(rng: np.random.Generator) -> Question:
    n = int(rng.integers(8, 16))
    p = float(rng.uniform(0.2, 0.8))
    outcomes = (rng.random(n) < p).astype(int)
    k = int(outcomes.sum())
    require(0 < k < n)
    value = k / n
    return Question(
        params={"outcomes": outcomes},
        prompt="A coin is tossed and gives (1 = heads) "
        f"`{' '.join(str(int(o)) for o in outcomes)}`. What is the maximum-likelihood "
        "estimate of the probability of heads?",
        answer=AnswerSpec(value, mode="relative", tol=1e-3),
        solution="The log-likelihood of $k$ heads in $n$ tosses is "
        "$\\ell(p) = k\\log p + (n-k)\\log(1-p)$. Setting $\\ell'(p) = k/p - (n-k)/(1-p) = 0$ "
        f"gives $\\hat p = k/n = {k}/{n} \\approx {num(value)}$: the fraction of heads.",
    )
