"""What the exercises app announces, for apps above it (courses keeps per-student results)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent by the worker after a submit's verdict is stored (exactly once per stored verdict):
# keyword arguments submission_id, user_id, exercise_id. Runs are not announced.
verdict_stored = Signal()
