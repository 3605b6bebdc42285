"""`/healthz/grading`: says when grading is behind, in numbers and in words."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from exercises.models import Submission
from mlquiz.health import grading_health
from mlquiz.tests.matrix_world import exercise_make, submission_make, users_make

pytestmark = pytest.mark.django_db


def _queued(age_seconds: float) -> Submission:
    student = users_make()["student"]
    assert student is not None
    exercise = exercise_make()
    submission = submission_make(user=student, exercise=exercise, status="queued")
    Submission.objects.filter(pk=submission.pk).update(
        created_at=timezone.now() - timedelta(seconds=age_seconds)
    )
    return submission


def test_ok_when_nothing_waits(client: Client) -> None:
    body = client.get("/healthz/grading").json()
    assert body["status"] == "ok" and body["queued"] == 0
    assert body["broker_queue"] is None  # no Redis configured in this test process


def test_a_fresh_submission_is_not_a_delay() -> None:
    _queued(age_seconds=1)
    health = grading_health()
    assert health.status == "ok" and health.queued == 1


def test_delayed_when_the_oldest_waits_too_long(client: Client) -> None:
    _queued(age_seconds=40)
    body = client.get("/healthz/grading").json()
    assert body["status"] == "delayed"
    assert body["message"].startswith("Grading is delayed: 1 attempts are waiting")
    assert 39 <= body["oldest_queued_seconds"] <= 60


def test_stalled_when_nothing_was_graded_recently() -> None:
    _queued(age_seconds=600)
    assert grading_health().status == "stalled"


def test_not_stalled_while_verdicts_keep_coming() -> None:
    submission = _queued(age_seconds=600)
    other = Submission.objects.create(
        user=submission.user,
        exercise=submission.exercise,
        exercise_version=submission.exercise_version,
        code="x",
        status="graded",
        finished_at=timezone.now(),
    )
    assert other.pk
    assert grading_health().status == "delayed"


def test_unreachable_broker_is_reported(settings) -> None:
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    health = grading_health()
    assert health.broker_reachable is False and health.status == "delayed"
