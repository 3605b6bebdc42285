"""The question-generator registry and the value types a generator produces."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from quizzes.checking import AnswerSpec

# Topic slugs shared with the exercises app (docs/exercise-format.md), in teaching order.
TOPICS: dict[str, str] = {
    "linear-algebra": "Linear algebra",
    "eigen-svd": "Eigenvalues, SVD and PCA",
    "calculus": "Calculus",
    "optimization": "Optimization",
    "probability": "Probability",
    "statistics": "Statistics",
    "information-theory": "Information theory",
    "numerics": "Numerics",
    "linear-models": "Linear models",
    "deep-learning": "Deep learning",
}


class DegenerateDraw(Exception):
    """Raised inside a generator to ask for a fresh draw (singular matrix, zero variance...)."""


@dataclass(frozen=True)
class Question:
    """What a generator function returns for one draw."""

    params: dict[str, Any]
    prompt: str  # Markdown with $..$ math
    answer: AnswerSpec
    solution: str  # Markdown worked solution computed from the same params


@dataclass(frozen=True)
class Variant:
    """One concrete question: a generator evaluated at a seed."""

    name: str
    seed: int
    params: dict[str, Any]
    prompt: str
    answer: AnswerSpec
    solution: str

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "seed": self.seed,
            "params": self.params,
            "prompt": self.prompt,
            "answer": self.answer.text(),
            "solution": self.solution,
        }


GeneratorFunc = Callable[[np.random.Generator], Question]

MAX_REDRAWS = 200


def _jsonable(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


@dataclass(frozen=True)
class QuestionGenerator:
    name: str
    topic: str
    title: str
    func: GeneratorFunc

    def generate(self, seed: int) -> Variant:
        """Deterministic in `seed`: the same seed always gives the same variant."""
        rng = np.random.default_rng(seed)
        for _ in range(MAX_REDRAWS):
            try:
                question = self.func(rng)
            except DegenerateDraw:
                continue
            return Variant(
                name=self.name,
                seed=seed,
                params=_jsonable(question.params),
                prompt=question.prompt,
                answer=question.answer,
                solution=question.solution,
            )
        raise RuntimeError(f"generator {self.name} found no usable draw for seed {seed}")

    def describe(self) -> dict[str, str]:
        return {"name": self.name, "topic": self.topic, "title": self.title}


REGISTRY: dict[str, QuestionGenerator] = {}


def question(name: str, *, topic: str, title: str) -> Callable[[GeneratorFunc], GeneratorFunc]:
    """Register a generator function under `name`."""
    if topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}")

    def register(func: GeneratorFunc) -> GeneratorFunc:
        if name in REGISTRY:
            raise ValueError(f"duplicate question generator {name!r}")
        REGISTRY[name] = QuestionGenerator(name=name, topic=topic, title=title, func=func)
        return func

    return register


def require(condition: bool | np.bool_) -> None:
    """Reject the current draw unless `condition` holds (a NumPy comparison's bool too)."""
    if not condition:
        raise DegenerateDraw
