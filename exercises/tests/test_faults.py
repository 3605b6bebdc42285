"""Fault tests: a worker killed with -9 mid-grade, Redis stopped and restarted.

Each time, every submission must end `graded`, and the worker logs must show each verdict
stored exactly once. The periodic sweep (normally run by celery beat every 30 s) is run here by
the test with short thresholds, so recovery takes seconds instead of minutes.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from datetime import timedelta
from pathlib import Path

import pytest

from catalog.models import Exercise
from exercises import services
from exercises.models import Submission
from exercises.tests import test_worker_integration
from exercises.tests.test_services import GOOD, NAIVE, make_exercise
from exercises.tests.test_worker_integration import (
    REDIS_DB_URL,
    SLOW,
    Student,
    assert_graded_exactly_once,
    flush_redis,
    make_students,
    start_worker,
)

# Shared fixture, made visible to pytest in this module.
use_broker = test_worker_integration.use_broker

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

FAULT_REDIS_PORT = 6390
FAULT_REDIS_URL = f"redis://127.0.0.1:{FAULT_REDIS_PORT}/0"


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def exercise(db: None) -> Exercise:
    return make_exercise()


def sweep_until_graded(ids: list[int], *, timeout: float = 60) -> None:
    """What celery beat does in production, at a faster pace and with short thresholds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pending = Submission.objects.filter(pk__in=ids).exclude(status="graded").count()
        if not pending:
            return
        services.submissions_sweep_stuck(
            queued_after=timedelta(seconds=2), running_after=timedelta(seconds=6), max_attempts=5
        )
        time.sleep(0.5)
    states = dict(Submission.objects.filter(pk__in=ids).values_list("pk", "status"))
    raise AssertionError(f"not all graded after {timeout} s: {states}")


def wait_for(predicate, *, timeout: float = 30, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def verdict_status(submission_id: int) -> object:
    """The status in a submission's stored verdict (it must have one)."""
    verdict = Submission.objects.get(pk=submission_id).verdict
    assert verdict is not None, f"submission {submission_id} has no verdict"
    return verdict["status"]


def test_kill_9_worker_mid_grade_then_new_worker(
    live_server, use_broker, exercise: Exercise, tmp_path: Path
) -> None:
    flush_redis(REDIS_DB_URL)
    use_broker(REDIS_DB_URL)
    first = start_worker(
        broker_url=REDIS_DB_URL, log=tmp_path / "a.log", name="doomed", concurrency=2
    )
    second = None
    try:
        students = [Student(live_server.url, u, p) for u, p in make_students(6)]
        ids = []
        # Two slow ones occupy both pool processes; the rest wait in the queue (some prefetched).
        for student, code in zip(students, [SLOW, SLOW, GOOD, NAIVE, GOOD, NAIVE], strict=True):
            status, created = student.submit(exercise.slug, code)
            assert status == 202, created
            ids.append(created["id"])
        wait_for(
            lambda: Submission.objects.filter(pk__in=ids, status="running").count() >= 1,
            what="a grading to start",
        )
        first.kill9()
        killed_running = list(
            Submission.objects.filter(pk__in=ids, status="running").values_list("pk", flat=True)
        )
        assert killed_running, "the kill should have caught a grading in progress"

        second = start_worker(broker_url=REDIS_DB_URL, log=tmp_path / "b.log", name="rescuer")
        sweep_until_graded(ids)
        assert_graded_exactly_once(ids, [first, second])
        for pk in killed_running:
            # Claimed by the dead worker, then once more by the new one.
            assert Submission.objects.get(pk=pk).grading_attempts == 2
        statuses = [
            s.verdict(f"/exercises/submissions/{pk}")["verdict"]["status"]
            for s, pk in zip(students, ids, strict=True)
        ]
        assert statuses == ["passed", "passed", "passed", "failed", "passed", "failed"]
    finally:
        first.stop()
        if second:
            second.stop()


@pytest.fixture
def own_redis(tmp_path: Path):
    """A throwaway Redis on its own port: this test stops it, never the shared one."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is required (scripts/ensure_services.sh installs it)")
    pidfile = tmp_path / "redis.pid"

    def start() -> None:
        subprocess.run(
            [
                server,
                "--port",
                str(FAULT_REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
                "--pidfile",
                str(pidfile),
                "--dir",
                str(tmp_path),
                "--logfile",
                str(tmp_path / "redis.log"),
            ],
            check=True,
        )
        wait_for(lambda: _ping(), what="redis to start")

    def stop() -> None:
        subprocess.run(
            ["redis-cli", "-p", str(FAULT_REDIS_PORT), "shutdown", "nosave"],
            capture_output=True,
            check=False,
        )
        wait_for(lambda: not _ping(), what="redis to stop")

    def _ping() -> bool:
        result = subprocess.run(
            ["redis-cli", "-p", str(FAULT_REDIS_PORT), "ping"],
            capture_output=True,
            text=True,
            check=False,
        )
        return result.stdout.strip() == "PONG"

    if _ping():
        stop()  # a leftover from an interrupted run
    start()
    yield start, stop
    if _ping():
        stop()


def test_redis_stopped_and_restarted_while_submissions_are_queued(
    live_server, use_broker, own_redis, exercise: Exercise, tmp_path: Path
) -> None:
    start_redis, stop_redis = own_redis
    use_broker(FAULT_REDIS_URL)
    worker = start_worker(
        broker_url=FAULT_REDIS_URL, log=tmp_path / "w.log", name="survivor", concurrency=1
    )
    try:
        students = [Student(live_server.url, u, p) for u, p in make_students(6)]
        ids = []
        # One slow grading blocks the single pool process; the next two wait inside Redis.
        for student, code in zip(students[:3], [SLOW, GOOD, NAIVE], strict=True):
            status, created = student.submit(exercise.slug, code)
            assert status == 202
            ids.append(created["id"])
        wait_for(
            lambda: Submission.objects.filter(pk=ids[0], status="running").exists(),
            what="the slow grading to start",
        )
        stop_redis()  # without persistence: the queued messages are gone
        # During the outage submissions are still accepted (stored, sent later by the sweep).
        for student, code in zip(students[3:], [GOOD, NAIVE, GOOD], strict=True):
            status, created = student.submit(exercise.slug, code)
            assert status == 202, created
            ids.append(created["id"])
        assert Submission.objects.filter(pk__in=ids[3:], enqueued_at__isnull=True).count() == 3
        start_redis()
        sweep_until_graded(ids)
        assert_graded_exactly_once(ids, [worker])
        verdicts = [verdict_status(pk) for pk in ids]
        assert verdicts == ["passed", "passed", "failed", "passed", "failed", "passed"]
    finally:
        worker.stop()
