"""What the exercises app announces, for apps above it (courses keeps per-student results)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent by the worker when a submit's verdict is stored (exactly once per stored verdict), inside
# the transaction that stores it, so what receivers write (course results, the LTI outbox)
# commits with the verdict: keyword arguments submission_id, user_id, exercise_id. Runs are
# not announced.
verdict_stored = Signal()
