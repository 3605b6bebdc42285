from __future__ import annotations

import numpy as np

from grader.cases import Case, Mistake

ADAM_CHECK = ("allclose", "allclose", "allclose")


def _state(rng: np.random.Generator, shape: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    """Parameters, gradients and plausible moment estimates from earlier steps."""
    params = rng.normal(size=shape)
    grads = rng.normal(scale=0.5, size=shape)
    m = rng.normal(scale=0.1, size=shape)
    v = rng.uniform(0.001, 0.5, size=shape)
    return params, grads, m, v


def cases(rng: np.random.Generator) -> list[Case]:
    zeros = np.zeros(2)
    return [
        Case("example: first step from zero moments",
             args=(np.array([1.0, 2.0]), np.array([0.1, -0.2]), zeros, zeros, 1), visible=True,
             check=ADAM_CHECK),
        Case("example: step 2",
             args=(np.array([0.999, 2.001]), np.array([0.05, -0.1]), np.array([0.01, -0.02]),
                   np.array([1e-5, 4e-5]), 2), visible=True, check=ADAM_CHECK),
        *[
            Case(f"hidden: random state, shape {shape}, t={t}", args=(*_state(rng, shape), t),
                 check=ADAM_CHECK)
            for shape, t in (((5,), 3), ((3, 4), 10), ((100,), 50), ((8, 8), 1000))
        ],
        Case("hidden: first step of a matrix parameter",
             args=(rng.normal(size=(4, 3)), rng.normal(size=(4, 3)), np.zeros((4, 3)),
                   np.zeros((4, 3)), 1), check=ADAM_CHECK),
        Case("hidden: custom lr and betas",
             args=(*_state(rng, (6,)), 4),
             kwargs={"lr": 0.01, "beta1": 0.8, "beta2": 0.99}, check=ADAM_CHECK),
        Case("hidden: custom eps", args=(*_state(rng, (6,)), 7), kwargs={"eps": 1e-3},
             check=ADAM_CHECK),
        Case("edge: zero gradient", args=(np.array([1.0, -1.0]), np.zeros(2), np.array([0.05, 0.0]),
                                          np.array([0.01, 0.0]), 5), kind="edge", check=ADAM_CHECK),
        Case("edge: very large step number (corrections vanish)",
             args=(*_state(rng, (4,)), 100_000), kind="edge", check=ADAM_CHECK),
    ]


def _adam(params, grads, m, v, t, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8, *,
          correct=True, t_shift=0, grad_sq=True, sign=-1.0, return_hats=False):
    params, grads = np.asarray(params, dtype=float), np.asarray(grads, dtype=float)
    m = beta1 * np.asarray(m, dtype=float) + (1 - beta1) * grads
    v = beta2 * np.asarray(v, dtype=float) + (1 - beta2) * (grads**2 if grad_sq else grads)
    tt = t + t_shift
    m_hat = m / (1 - beta1**tt) if correct else m
    v_hat = v / (1 - beta2**tt) if correct else v
    new = params + sign * lr * m_hat / (np.sqrt(v_hat) + eps)
    if return_hats:
        return new, m_hat, v_hat
    return new, m, v


MISTAKES = [
    Mistake("no bias correction", wrong=lambda *a, **k: _adam(*a, **k, correct=False),
            hint="Bias correction is missing: divide m by (1 - beta1**t) and v by "
            "(1 - beta2**t) before the update. Without it the early steps have the wrong size "
            "(with the default betas the first one is about 3x too large)."),
    Mistake("t counted from 0", wrong=lambda *a, **k: _adam(*a, **k, t_shift=1),
            hint="t already counts from 1: use beta**t with the t you are given, not t + 1."),
    Mistake("t - 1 in the correction", wrong=lambda *a, **k: _adam(*a, **k, t_shift=-1),
            hint="Use beta**t with the t you are given, not t - 1 (t counts from 1)."),
    Mistake("gradient not squared in v", wrong=lambda *a, **k: _adam(*a, **k, grad_sq=False),
            hint="v averages the squared gradients: (1 - beta2) * grads**2."),
    Mistake("step in the gradient's direction", wrong=lambda *a, **k: _adam(*a, **k, sign=1.0),
            hint="Move against the gradient: params - lr * m_hat / (sqrt(v_hat) + eps)."),
    Mistake("bias-corrected moments returned", wrong=lambda *a, **k: _adam(*a, **k,
                                                                           return_hats=True),
            hint="Return the raw averages m and v, not m_hat and v_hat: the next step builds "
            "on the raw ones."),
]

NONFINITE_HINT = (
    "1 - beta**t is 0 when t = 0, and dividing by it gives inf/nan: t counts from 1, so use the "
    "t you are given."
)
