"""What the quizzes app announces, for apps above it (courses keeps per-student results)."""

from __future__ import annotations

from django.dispatch import Signal

# Sent when an attempt is graded (submitted, auto-submitted at its deadline, or regraded),
# inside the transaction that grades it, so what receivers write (course results, the LTI
# outbox) commits with the attempt: keyword arguments attempt_id, user_id, quiz_id.
attempt_graded = Signal()
