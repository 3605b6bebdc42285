from __future__ import annotations

import pytest

from quizzes.models import Quiz
from quizzes.services import SlotSpec, quiz_save


@pytest.fixture
def quiz(db: None) -> Quiz:
    return quiz_save(
        slug="warm-up",
        fields={"title": "Warm-up", "attempts_allowed": 2},
        slots=[
            SlotSpec("dot-product", count=2, points=1),
            SlotSpec("vector-norms", count=1, points=3),
        ],
    )


@pytest.fixture
def timed_quiz(db: None) -> Quiz:
    return quiz_save(
        slug="timed",
        fields={"title": "Timed", "attempts_allowed": 1, "time_limit_minutes": 10},
        slots=[SlotSpec("determinant-2x2", count=1, points=2)],
    )
