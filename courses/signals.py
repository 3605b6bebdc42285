"""What the courses app announces, for apps above it (LTI grade passback)."""

from __future__ import annotations

from dataclasses import dataclass

from django.dispatch import Signal


@dataclass(frozen=True)
class ResultScore:
    """One student's effective score on one course item: the override when there is one,
    else the computed credit. ``fraction`` is 0..1 of ``points_possible``."""

    user_id: int
    exercise_id: int | None
    quiz_id: int | None
    fraction: float
    points_possible: float
    late: bool


# Sent inside the transaction that rewrote ItemResult rows (courses.scoring.results_rebuild),
# so a receiver's own writes (an outbox) commit or roll back with them: keyword arguments
# course_id and results (list[ResultScore], every row rebuilt, changed or not; receivers
# compare with what they last sent).
results_rebuilt = Signal()
