"""What the quizzes app announces, for apps above it (courses keeps per-student results)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent after an attempt is graded (submitted, auto-submitted at its deadline, or regraded),
# once the transaction commits: keyword arguments attempt_id, user_id, quiz_id.
attempt_graded = Signal()
