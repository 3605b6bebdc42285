"""Question generators, registered by name. Importing this package registers all of them."""

from __future__ import annotations

from quizzes.generators import (  # noqa: F401  (imported for their registrations)
    calculus,
    deep_learning,
    eigen_svd,
    information_theory,
    linear_algebra,
    linear_models,
    numerics,
    optimization,
    probability,
    statistics,
    symbolic_examples,
)
from quizzes.generators.base import (
    REGISTRY,
    TOPICS,
    QuestionGenerator,
    Variant,
)


class UnknownGenerator(KeyError):
    pass


def get_generator(name: str) -> QuestionGenerator:
    try:
        return REGISTRY[name]
    except KeyError:
        raise UnknownGenerator(name) from None


def all_generators() -> list[QuestionGenerator]:
    """Every generator, grouped by topic in teaching order, then by name."""
    order = {topic: i for i, topic in enumerate(TOPICS)}
    return sorted(REGISTRY.values(), key=lambda g: (order[g.topic], g.name))


def generate_variant(name: str, seed: int) -> Variant:
    return get_generator(name).generate(seed)


__all__ = [
    "REGISTRY",
    "TOPICS",
    "QuestionGenerator",
    "UnknownGenerator",
    "Variant",
    "all_generators",
    "generate_variant",
    "get_generator",
]
