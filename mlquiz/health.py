"""Grading health: is grading keeping up? (`GET /healthz/grading`, JSON)

Liveness (`/healthz`) only says the web process and the database answer. When the grading
workers are gone, slow or flooded, submissions are still accepted and stored, so the web stays
up; this endpoint says how far behind grading is, in numbers for monitors and in one sentence
for people ("Grading is delayed: ..."). It reads only the submissions table (the source of
truth, indexed on status) and, when Redis is configured, the length of the `grading` queue.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Min, Q
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from exercises.models import Submission

# Beyond this wait for the oldest queued submission, grading counts as delayed.
DELAYED_AFTER_SECONDS = 15.0
# Beyond this wait with no verdict stored in the last minute, grading counts as stalled.
STALLED_AFTER_SECONDS = 120.0


@dataclass(frozen=True)
class GradingHealth:
    status: str  # "ok", "delayed" or "stalled"
    message: str
    queued: int
    running: int
    oldest_queued_seconds: float
    graded_last_minute: int
    broker_queue: int | None  # messages waiting in Redis; None without Redis or if unreachable
    broker_reachable: bool | None


def _broker_depth() -> tuple[int | None, bool | None]:
    url = getattr(settings, "REDIS_URL", "")
    if not url:
        return None, None
    try:
        return int(_redis_client(url).llen("grading")), True
    except Exception:  # a health probe reports failures, it does not raise them
        return None, False


@functools.lru_cache(maxsize=4)
def _redis_client(url: str) -> Any:
    import redis

    # Short timeouts: a health probe must answer quickly even when Redis does not.
    return redis.Redis.from_url(url, socket_timeout=0.5, socket_connect_timeout=0.5)


def grading_health(*, now: datetime | None = None) -> GradingHealth:
    now = now or timezone.now()
    in_flight = Submission.objects.filter(
        status__in=[Submission.Status.QUEUED, Submission.Status.RUNNING]
    ).aggregate(
        queued=Count("pk", filter=_status(Submission.Status.QUEUED)),
        running=Count("pk", filter=_status(Submission.Status.RUNNING)),
        oldest=Min("created_at", filter=_status(Submission.Status.QUEUED)),
    )
    recent = Submission.objects.filter(finished_at__gte=now - timedelta(minutes=1)).aggregate(
        n=Count("pk"), last=Max("finished_at")
    )
    oldest = in_flight["oldest"]
    waited = max(0.0, (now - oldest).total_seconds()) if oldest else 0.0
    depth, reachable = _broker_depth()
    queued, running = in_flight["queued"], in_flight["running"]
    if waited > STALLED_AFTER_SECONDS and not recent["n"]:
        status = "stalled"
        message = (
            f"Grading is stalled: {queued} attempts are waiting and none was graded in the "
            "last minute. Your code is saved and will be graded when the graders are back."
        )
    elif waited > DELAYED_AFTER_SECONDS or reachable is False:
        status = "delayed"
        message = (
            f"Grading is delayed: {queued} attempts are waiting; the oldest has waited "
            f"{waited:.0f} s. Your code is saved; its verdict will appear here."
        )
    else:
        status = "ok"
        message = "Grading is keeping up."
    return GradingHealth(
        status=status,
        message=message,
        queued=queued,
        running=running,
        oldest_queued_seconds=round(waited, 1),
        graded_last_minute=recent["n"],
        broker_queue=depth,
        broker_reachable=reachable,
    )


def _status(value: str) -> Q:
    return Q(status=value)


@require_GET
@never_cache
def grading_health_view(request: HttpRequest) -> JsonResponse:
    """Always 200 while the web works: a delay in grading is information, not an outage."""
    return JsonResponse(asdict(grading_health()))
