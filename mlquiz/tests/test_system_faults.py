"""Faults and attacks on the running shape (HTTP → PostgreSQL → Redis → Celery worker → sandbox)
that exercises/tests/test_faults.py does not cover:

- the worker's sandbox zygote killed with -9 in the middle of a run, and while idle;
- a flood of queued submissions (500 here; 10,000 in scripts/faults.py) drained with every row
  graded exactly once, even when the sweep re-sends messages that are still queued;
- the grader's attacks sent through the web and the Celery path: a hostile submission cannot
  reach Redis, PostgreSQL, the worker's environment or the project's files.

Each test uses its own Redis database number and a real `celery worker` subprocess against
the PostgreSQL test database. PostgreSQL and Redis restarts are in scripts/faults.py: they
need private servers and take longer than a test should.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from catalog.models import Exercise
from exercises import services
from exercises.models import Submission
from exercises.tests import test_worker_integration
from exercises.tests.test_services import GOOD, make_exercise
from exercises.tests.test_worker_integration import (
    SLOW,
    Student,
    Worker,
    flush_redis,
    make_students,
    start_worker,
    stored_counts,
)

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

use_broker = test_worker_integration.use_broker

REDIS_URL = "redis://127.0.0.1:6379/11"  # this module's own database number
WORKER_SECRET = "worker-secret-key-7d1e9b"


@pytest.fixture
def exercise(db: None) -> Exercise:
    return make_exercise()


@pytest.fixture
def broker(use_broker) -> str:
    flush_redis(REDIS_URL)
    use_broker(REDIS_URL)
    return REDIS_URL


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # Field 4 (after the parenthesised command, which may contain spaces) is the parent.
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


def _descendants(pid: int) -> list[int]:
    todo, seen = [pid], []
    while todo:
        for child in _children(todo.pop()):
            seen.append(child)
            todo.append(child)
    return seen


def _zygotes(worker: Worker) -> list[int]:
    """The sandbox zygotes started by this worker's pool processes. Not their spare jails:
    those share the zygote's command line but live in their own pid namespace."""
    ours = os.readlink("/proc/self/ns/pid")
    pids = []
    for pid in _descendants(worker.process.pid):
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            namespace = os.readlink(f"/proc/{pid}/ns/pid")
        except OSError:
            continue
        if b"_zygote.py" in cmdline and namespace == ours:
            pids.append(pid)
    return pids


def _wait(predicate, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def test_zygote_killed_mid_run_and_while_idle(
    live_server, broker: str, exercise: Exercise, tmp_path: Path
) -> None:
    worker = start_worker(broker_url=broker, log=tmp_path / "w.log", name="zyg", concurrency=1)
    try:
        alice, bob, carol, dave = (Student(live_server.url, u, p) for u, p in make_students(4))
        status, created = alice.submit(exercise.slug, GOOD)
        assert status == 202
        assert alice.verdict(created["url"])["verdict"]["status"] == "passed"
        (zygote,) = _zygotes(worker)

        # Mid-run: a slow grading is in the sandbox when its zygote dies. Either the jail
        # finishes on its own or the run is retried on a fresh zygote; never the student's
        # fault, never lost.
        status, slow = bob.submit(exercise.slug, SLOW)
        assert status == 202
        _wait(
            lambda: Submission.objects.filter(pk=slow["id"], status="running").exists(),
            timeout=30,
            what="the slow grading to start",
        )
        time.sleep(0.3)
        os.kill(zygote, 9)
        verdict = bob.verdict(slow["url"], timeout=60)
        assert verdict["status"] == "graded", verdict
        assert verdict["verdict"]["status"] == "passed", verdict["verdict"]

        # The next grading gets a new zygote.
        status, created = carol.submit(exercise.slug, GOOD)
        assert status == 202
        assert carol.verdict(created["url"])["verdict"]["status"] == "passed"
        (replacement,) = _zygotes(worker)
        assert replacement != zygote

        # Killed while idle: the next grading notices and starts another one.
        os.kill(replacement, 9)
        time.sleep(0.2)
        status, created = dave.submit(exercise.slug, GOOD)
        assert status == 202
        assert dave.verdict(created["url"])["verdict"]["status"] == "passed"

        ids = list(Submission.objects.values_list("pk", flat=True))
        assert dict(Submission.objects.values_list("pk", "status")) == {pk: "graded" for pk in ids}
        # The worker logs "stored verdict" after the row is committed (and after the course
        # results are updated), so the last line can trail the verdict the student saw.
        _wait(
            lambda: all(stored_counts([worker])[pk] for pk in ids),
            timeout=30,
            what="the worker to log every stored verdict",
        )
    finally:
        worker.stop()
    counts = stored_counts([worker])
    assert {pk: counts[pk] for pk in ids} == {pk: 1 for pk in ids}


FLOOD = 500


def _flood(exercise: Exercise, count: int) -> list[int]:
    """`count` queued submissions from `count` students, stored then enqueued like the web does."""
    version = exercise.current_version
    now = timezone.now()
    users = User.objects.bulk_create(
        [User(username=f"flood{i}", password="!") for i in range(count)]
    )
    rows = Submission.objects.bulk_create(
        [
            Submission(
                user=user,
                exercise=exercise,
                exercise_version=version,
                code=GOOD,
                kind="submit",
                status="queued",
                enqueued_at=now,
            )
            for user in users
        ]
    )
    ids = [row.pk for row in rows]
    for pk in ids:
        assert services.submission_enqueue(submission_id=pk)
    return ids


def test_a_flood_of_queued_submissions_drains_exactly_once(
    broker: str, exercise: Exercise, tmp_path: Path
) -> None:
    ids = _flood(exercise, FLOOD)
    health = Client().get("/healthz/grading").json()
    assert health["queued"] == FLOOD and health["broker_queue"] == FLOOD

    worker = start_worker(broker_url=broker, log=tmp_path / "f.log", name="flood", concurrency=2)
    started = time.monotonic()
    try:
        # Half-way, the sweep (beat, every 30 s in production) finds rows that have waited
        # longer than its threshold and sends them again although their messages still
        # wait in Redis: duplicates must be harmless.
        _wait(
            lambda: Submission.objects.filter(pk__in=ids, status="graded").count() >= FLOOD // 2,
            timeout=240,
            what="half of the flood to be graded",
        )
        report = services.submissions_sweep_stuck(queued_after=timedelta(microseconds=1))
        assert report.requeued, "the sweep should have re-sent the still-queued rows"
        _wait(
            lambda: not Submission.objects.filter(pk__in=ids).exclude(status="graded").exists(),
            timeout=240,
            what="the flood to drain",
        )
        elapsed = time.monotonic() - started
        # Let the duplicate messages reach the worker too, then count.
        _wait(
            lambda: Client().get("/healthz/grading").json()["broker_queue"] == 0,
            timeout=120,
            what="the duplicate messages to be consumed",
        )
    finally:
        worker.stop()
    counts = stored_counts([worker])
    assert {pk: counts[pk] for pk in ids} == {pk: 1 for pk in ids}
    attempts = Counter(
        Submission.objects.filter(pk__in=ids).values_list("grading_attempts", flat=True)
    )
    assert attempts == {1: FLOOD}, attempts  # no row was claimed twice
    assert not Submission.objects.filter(pk__in=ids, passed=False).exists()
    print(
        f"\nflood: {FLOOD} gradings in {elapsed:.1f} s ({FLOOD / elapsed:.1f}/s) with 2 "
        f"processes; {len(report.requeued)} duplicate messages dropped"
    )


ATTACK = r"""
import os, socket, sys

def _try(tag, action):
    try:
        value = action()
    except BaseException as error:
        print(f"BLOCKED {tag}: {type(error).__name__}", flush=True)
        return
    print(f"LEAKED {tag}: {value!r}"[:200], flush=True)

def _unix(path):
    s = socket.socket(socket.AF_UNIX)
    s.settimeout(1)
    s.connect(path)
    return path

def scaled_exp(x):
    _try("redis", lambda: socket.create_connection(("127.0.0.1", 6379), 1))
    _try("postgres", lambda: socket.create_connection(("127.0.0.1", 5432), 1))
    _try("web", lambda: socket.create_connection(("127.0.0.1", WEB_PORT), 1))
    _try("pg-socket", lambda: _unix("/var/run/postgresql/.s.PGSQL.5432"))
    _try("pg-socket-tmp", lambda: _unix("/tmp/.s.PGSQL.5432"))
    _try("settings", lambda: open("PROJECT/mlquiz/settings.py").read(40))
    _try("worker-environ", lambda: open("/proc/1/environ").read() if "SECRET" in
         open("/proc/1/environ").read() else 1 / 0)
    _try("parent-environ", lambda: open(f"/proc/{os.getppid()}/environ").read()
         if os.getppid() > 1 else 1 / 0)
    print("ENV", sorted(os.environ), flush=True)
    return x
"""


def test_hostile_submission_through_the_web_and_celery_reaches_nothing(
    live_server, broker: str, exercise: Exercise, tmp_path: Path, monkeypatch
) -> None:
    # The worker holds real secrets in its environment; the student's code must not see them.
    monkeypatch.setenv("DJANGO_SECRET_KEY", WORKER_SECRET)
    monkeypatch.setenv("MLQUIZ_ATTACK_MARKER", WORKER_SECRET)
    worker = start_worker(broker_url=broker, log=tmp_path / "a.log", name="attacked", concurrency=1)
    try:
        (mallory,) = (Student(live_server.url, u, p) for u, p in make_students(1))
        port = live_server.url.rsplit(":", 1)[1]
        code = ATTACK.replace("WEB_PORT", port).replace(
            "PROJECT", str(Path(__file__).resolve().parents[2])
        )
        status, created = mallory.submit(exercise.slug, code, kind="run")
        assert status == 202
        result = mallory.verdict(created["url"], timeout=60)
        output = result["verdict"]["output"]
        assert "LEAKED" not in output, output
        for tag in ("redis", "postgres", "web", "pg-socket", "settings", "worker-environ"):
            assert f"BLOCKED {tag}" in output, (tag, output)
        assert WORKER_SECRET not in output
        env_line = next(line for line in output.splitlines() if line.startswith("ENV"))
        assert "SECRET" not in env_line and "DATABASE" not in env_line
        assert "REDIS" not in env_line
        # And the worker is fine afterwards.
        status, created = mallory.submit(exercise.slug, GOOD)
        assert mallory.verdict(created["url"])["verdict"]["status"] == "passed"
    finally:
        worker.stop()
