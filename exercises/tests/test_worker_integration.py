"""The submission path with real components: HTTP (live server), Redis, a Celery worker process.

Nothing is eager here: the test process enqueues into a real Redis (its own database number,
flushed before use) and a `celery -A mlquiz worker -Q grading` subprocess, started by the test,
grades against the same PostgreSQL test database.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.db import connection

from catalog.models import Exercise
from exercises.models import Submission
from exercises.tests.test_services import GOOD, NAIVE, make_exercise

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(sys.executable).with_name("celery"))
REDIS_DB_URL = "redis://127.0.0.1:6379/5"
STORED_RE = re.compile(r"stored verdict for submission (\d+)")


def _database_url() -> str:
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip(
            "worker integration tests need PostgreSQL (a worker process cannot share "
            "an in-memory SQLite test database); `make test` runs them"
        )
    user = urllib.parse.quote(db["USER"] or "")
    password = f":{urllib.parse.quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    auth = f"{user}{password}@" if user else ""
    return f"postgres://{auth}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def flush_redis(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


@dataclass
class Worker:
    process: subprocess.Popen[bytes]
    log: Path

    def stored_ids(self) -> list[int]:
        return [int(m) for m in STORED_RE.findall(self.log.read_text(errors="replace"))]

    def kill9(self) -> None:
        # The whole process group: the main process and its pool children, like a lost machine.
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def start_worker(
    *,
    broker_url: str,
    log: Path,
    name: str,
    concurrency: int = 2,
    wait_ready: bool = True,
    queues: str = "grading",
) -> Worker:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("CELERY_", "DJANGO_SETTINGS"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="mlquiz.settings",
        DATABASE_URL=_database_url(),
        REDIS_URL=broker_url,
        DJANGO_LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    handle = log.open("wb")
    process = subprocess.Popen(
        [
            CELERY,
            "-A",
            "mlquiz",
            "worker",
            "-Q",
            queues,
            "-n",
            f"{name}@%h",
            f"--concurrency={concurrency}",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    worker = Worker(process, log)
    if wait_ready:
        deadline = time.monotonic() + 60
        while b" ready." not in log.read_bytes():
            if process.poll() is not None:
                raise AssertionError(f"worker exited:\n{log.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                worker.stop()
                raise AssertionError(f"worker not ready:\n{log.read_text()[-3000:]}")
            time.sleep(0.1)
    return worker


@pytest.fixture
def use_broker(settings):
    """Point this process's Celery app, cache and long-poll notifications at a real Redis."""
    from mlquiz.celery import app

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}

    def configure(url: str) -> None:
        settings.REDIS_URL = url
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "mlquiz-test",
            }
        }
        app.conf.update(broker_url=url, task_always_eager=False)
        reset_celery_pools(app)

    yield configure
    app.conf.update(**saved)
    reset_celery_pools(app)


def reset_celery_pools(app) -> None:
    """Forget connections made for another broker (kombu caches pools per connection)."""
    import kombu.pools

    kombu.pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


class Student:
    """A browser-less student talking HTTP to the live server: cookies, CSRF, JSON."""

    def __init__(self, base_url: str, username: str, password: str) -> None:
        self.base = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        page = self.opener.open(f"{base_url}/accounts/login/").read().decode()
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert match is not None, "no CSRF token on the login page"
        token = match.group(1)
        body = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": token}
        ).encode()
        self.opener.open(
            urllib.request.Request(
                f"{base_url}/accounts/login/", data=body, headers={"Referer": base_url}
            )
        )
        assert any(cookie.name == "sessionid" for cookie in self.jar), "login failed"

    def csrf(self) -> str:
        token = next(cookie.value for cookie in self.jar if cookie.name == "csrftoken")
        assert token is not None
        return token

    def request(
        self, method: str, path: str, data: dict[str, str] | None = None
    ) -> tuple[int, dict[str, Any]]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        request = urllib.request.Request(
            f"{self.base}{path}",
            data=body,
            method=method,
            headers={
                "Accept": "application/json",
                "X-CSRFToken": self.csrf(),
                "Referer": self.base,
            },
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")

    def submit(self, slug: str, code: str, kind: str = "submit") -> tuple[int, dict[str, Any]]:
        return self.request("POST", f"/exercises/{slug}/submit", {"code": code, "kind": kind})

    def verdict(self, url: str, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            status, data = self.request("GET", f"{url}?wait=2000")
            assert status == 200, (status, data)
            if data["done"]:
                return data
        raise AssertionError(f"no verdict for {url} within {timeout} s")


def make_students(count: int) -> list[tuple[str, str]]:
    from accounts.services import user_create

    creds = [(f"flow{i}", f"pw-flow-{i}-x") for i in range(count)]
    for username, password in creds:
        user_create(username=username, password=password)
    return creds


def stored_counts(workers: list[Worker]) -> Counter[int]:
    """How many times the workers logged "stored verdict" for each submission."""
    return Counter(pk for worker in workers for pk in worker.stored_ids())


def assert_graded_exactly_once(ids: list[int], workers: list[Worker]) -> None:
    rows = dict(Submission.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert rows == {pk: "graded" for pk in ids}, rows
    # A worker logs "stored verdict" after the commit and after it has woken the waiting
    # request, so the verdict can reach the test before the line reaches the log (a CI run
    # saw the last of three missing): wait for every id's line, then count.
    deadline = time.monotonic() + 30
    while not all(stored_counts(workers)[pk] for pk in ids) and time.monotonic() < deadline:
        time.sleep(0.05)
    found = stored_counts(workers)
    assert {pk: found[pk] for pk in ids} == {pk: 1 for pk in ids}, found


@pytest.fixture
def worker_factory(tmp_path: Path) -> Iterator[Callable[..., Worker]]:
    started: list[Worker] = []

    def factory(
        broker_url: str, name: str, *, concurrency: int = 2, wait_ready: bool = True
    ) -> Worker:
        worker = start_worker(
            broker_url=broker_url,
            log=tmp_path / f"{name}.log",
            name=name,
            concurrency=concurrency,
            wait_ready=wait_ready,
        )
        started.append(worker)
        return worker

    yield factory
    for worker in started:
        worker.stop()


@pytest.fixture(scope="module")
def grading_worker(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[Worker]:
    """One worker for this module's tests (starting one costs seconds)."""
    with django_db_blocker.unblock():
        flush_redis(REDIS_DB_URL)
        worker = start_worker(
            broker_url=REDIS_DB_URL,
            name="flow-main",
            log=tmp_path_factory.mktemp("worker") / "flow-main.log",
        )
    yield worker
    worker.stop()


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    # Logins are not what is under test; the default hasher costs ~0.5 s per login here.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def exercise(db: None) -> Exercise:
    return make_exercise()


# Correct but slow: 0.4 s per call, three calls on Submit (~1.2 s), to keep a grading in flight.
SLOW = (
    "import time\nimport numpy as np\n\ndef scaled_exp(x):\n    time.sleep(0.4)\n"
    "    return np.exp(x - np.max(x))\n"
)


def test_submit_over_http_is_graded_by_a_real_worker(
    live_server, use_broker, grading_worker: Worker, exercise: Exercise, student: User
) -> None:
    use_broker(REDIS_DB_URL)
    worker = grading_worker
    alice = Student(live_server.url, "student1", "pw-student-1")

    # Run: only the visible example; the naive version passes it.
    status, created = alice.submit(exercise.slug, NAIVE, kind="run")
    assert status == 202, created
    run = alice.verdict(created["url"])
    assert run["status"] == "graded" and run["kind"] == "run"
    assert [t["kind"] for t in run["verdict"]["tests"]] == ["example"]
    assert run["verdict"]["status"] == "passed" and run["solved"] is False

    # Submit: the edge case overflows and the feedback says why.
    status, created = alice.submit(exercise.slug, NAIVE)
    naive = alice.verdict(created["url"])
    assert naive["verdict"]["status"] == "failed"
    failing = [t for t in naive["verdict"]["tests"] if not t["passed"]]
    assert failing and "subtract the maximum" in failing[0]["message"]

    status, created = alice.submit(exercise.slug, GOOD)
    good = alice.verdict(created["url"])
    assert good["verdict"]["status"] == "passed" and good["verdict"]["score"] == 1.0
    assert good["solved"] is True
    assert good["grading_ms"] is not None and good["grading_ms"] < 5000

    ids = list(Submission.objects.values_list("pk", flat=True))
    assert_graded_exactly_once(ids, [worker])
    rows = Submission.objects.filter(pk__in=ids)
    assert all(r.started_at and r.finished_at and r.created_at <= r.started_at for r in rows)


def test_limits_through_the_real_stack(
    live_server, use_broker, grading_worker: Worker, exercise: Exercise, student: User, settings
) -> None:
    """In-flight and rate limits are enforced with the real Redis cache."""
    use_broker(REDIS_DB_URL)
    settings.GRADING_RATE_LIMIT_PER_MINUTE = 3
    alice = Student(live_server.url, "student1", "pw-student-1")
    # A slow attempt keeps a grading in flight for a while: a second one is refused meanwhile.
    status, first = alice.submit(exercise.slug, SLOW)
    assert status == 202
    status, body = alice.submit(exercise.slug, GOOD)
    assert status == 409 and body["pending"]["id"] == first["id"]
    status, body = alice.submit(exercise.slug, "def f(:\n", kind="run")
    assert status == 409

    assert alice.verdict(first["url"])["verdict"]["status"] == "passed"
    status, second = alice.submit(exercise.slug, "def scaled_exp(x:\n", kind="run")
    assert status == 202
    syntax = alice.verdict(second["url"])
    # A syntax error is a verdict, not a crash.
    assert syntax["status"] == "graded" and syntax["verdict"]["status"] == "failed"
    assert "SyntaxError" in (syntax["verdict"]["message"] + json.dumps(syntax["verdict"]))
    status, third = alice.submit(exercise.slug, GOOD, kind="run")
    alice.verdict(third["url"])
    status, body = alice.submit(exercise.slug, GOOD, kind="run")
    assert status == 429 and "try again" in body["error"]


def test_many_students_at_once_each_graded_once(
    live_server, use_broker, grading_worker: Worker, exercise: Exercise
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    use_broker(REDIS_DB_URL)
    worker = grading_worker
    students = [Student(live_server.url, u, p) for u, p in make_students(8)]

    def journey(student: Student) -> list[int]:
        ids = []
        for code in (NAIVE, GOOD):
            status, created = student.submit(exercise.slug, code)
            assert status == 202, created
            ids.append(student.verdict(created["url"])["id"])
        return ids

    with ThreadPoolExecutor(max_workers=8) as pool:
        ids = [pk for result in pool.map(journey, students) for pk in result]
    assert len(ids) == 16
    assert_graded_exactly_once(ids, [worker])
    # The worker kept its database connections across those gradings (Celery's Django
    # fixup would otherwise close them around every task, a new connection per grading):
    # one per pool process that graded, still open, none opened per task.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = 'mlquiz-worker'"
        )
        (open_connections,) = cursor.fetchone()
    assert 1 <= open_connections <= 2
