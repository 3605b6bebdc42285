"""Grade passback through a real Celery worker process and a real Redis (nothing eager): the
score a staff member sets is committed with its outbox row, queued after the commit, and
posted to the test LMS by the worker; with Redis unreachable nothing is queued and nothing is
lost: the drain, run by the worker once Redis is back, sends it exactly once."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from courses import adjustments
from courses.models import Course
from exercises.tests.test_services import make_exercise
from exercises.tests.test_worker_integration import (
    Worker,
    flush_redis,
    reset_celery_pools,
    start_worker,
)
from lti.models import ScoreOutbox, ScoreStatus
from lti.tests.conftest import Browser, Lms, register
from lti.tests.test_grades import user
from lti.tests.test_launch import INSTRUCTOR, LEARNER

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

# A Redis database of the test run's own: make test passes MLQUIZ_TEST_REDIS_URL (db 3 by default).
REDIS_URL = os.environ.get("MLQUIZ_TEST_REDIS_URL", "redis://127.0.0.1:6379/3")


@pytest.fixture
def broker(settings: Any) -> Iterator[Callable[[str], None]]:
    """Point this process's Celery app at a broker URL (a real Redis, or nothing listening)."""
    from mlquiz.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}

    def configure(url: str) -> None:
        settings.REDIS_URL = url
        app.conf.update(broker_url=url, task_always_eager=False)
        reset_celery_pools(app)

    yield configure
    app.conf.update(**saved)
    reset_celery_pools(app)


@pytest.fixture
def maintenance_worker(
    tmp_path: Path, broker: Any, lms_process: str
) -> Iterator[tuple[Lms, Worker]]:
    flush_redis(REDIS_URL)
    broker(REDIS_URL)
    worker = start_worker(
        broker_url=REDIS_URL, log=tmp_path / "lti.log", name="lti", queues="maintenance"
    )
    lms = Lms(lms_process)
    lms.control(reset=True)
    register(lms)
    lms.control(
        tool_login_url="http://testserver/lti/login/",
        tool_launch_url="http://testserver/lti/launch/",
        tool_keyset=Client().get("/lti/jwks/").json(),
    )
    try:
        yield lms, worker
    finally:
        worker.stop()


def wait_for(check: Any, worker: Worker, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out; worker log:\n{worker.log.read_text()[-3000:]}")
        time.sleep(0.1)


def test_a_real_worker_posts_the_score_and_the_drain_sends_what_redis_missed(
    maintenance_worker: tuple[Lms, Worker], broker: Any
) -> None:
    lms, worker = maintenance_worker
    exercise = make_exercise()
    link = {"item": "exercise:scaled-exp"}
    assert Browser().open(lms.launch_url(user="teacher-1", role=INSTRUCTOR, **link))
    assert Browser().open(lms.launch_url(user="student-1", role=LEARNER, **link))
    course = Course.objects.get()
    item = adjustments.course_item_get(course=course, key=f"exercise:{exercise.pk}")
    student = user(lms, "student-1")

    adjustments.override_set(
        course=course, student=student, actor=course.owner, item=item, points=7, reason="oral"
    )
    wait_for(lambda: len(lms.scores()) == 1, worker)
    assert [(s["userId"], s["scoreGiven"]) for s in lms.scores()] == [("student-1", 7)]

    broker("redis://127.0.0.1:1/0")  # Redis unreachable: the task cannot be queued
    adjustments.override_set(
        course=course, student=student, actor=course.owner, item=item, points=9, reason="oral"
    )
    row = ScoreOutbox.objects.latest("pk")
    assert (row.score_given, row.status) == (9, ScoreStatus.PENDING)  # committed, kept
    broker(REDIS_URL)
    from lti.tasks import drain_score_outbox

    drain_score_outbox.delay()
    wait_for(lambda: len(lms.scores()) == 2, worker)
    drain_score_outbox.delay()  # a second drain finds nothing left to send
    time.sleep(1)
    assert [s["scoreGiven"] for s in lms.scores()] == [7, 9]
    assert set(ScoreOutbox.objects.values_list("status", flat=True)) == {ScoreStatus.SENT}
