"""The production shape on loopback, for scripts/loadtest.py and scripts/faults.py.

gunicorn (DEBUG off, the production settings) + Celery grading workers + celery beat, against
a PostgreSQL database and a Redis database number of their own (never the ones the test suite
or the other engineers use), plus a small HTTP client that behaves like a browser (cookies,
CSRF token, Referer) without any third-party package.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PORT = 8100
DATABASE_URL = "postgres://postgres@127.0.0.1:5432/mlquiz_load"
REDIS_URL = "redis://127.0.0.1:6379/12"
# Throwaway accounts in a throwaway database.
STUDENT_PASSWORD = "load-Student-pw-1"


def stack_env(
    *, database_url: str = DATABASE_URL, redis_url: str = REDIS_URL, log_level: str = "WARNING"
) -> dict[str, str]:
    """Production settings (DEBUG off) on loopback; TLS is "terminated" by our client's header."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="mlquiz.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=os.environ.get("LOAD_SECRET_KEY") or secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT="/tmp/mlquiz-load-static",
        DJANGO_LOG_LEVEL=log_level,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        MLQUIZ_CACHE_PREFIX="mlquiz-load",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=check,
        capture_output=True,
        text=True,
    )


def ensure_database(database_url: str) -> None:
    parsed = urllib.parse.urlparse(database_url)
    name = parsed.path.lstrip("/")
    subprocess.run(
        [
            "createdb",
            "-h",
            parsed.hostname or "127.0.0.1",
            "-p",
            str(parsed.port or 5432),
            "-U",
            parsed.username or "postgres",
            name,
        ],
        capture_output=True,
        check=False,
    )  # exists already: fine


@dataclass
class Stack:
    env: dict[str, str]
    logs: Path
    web_workers: int = 3
    web_threads: int = 1
    grading_workers: int = 1
    grading_concurrency: int = 2
    beat: bool = True
    port: int = PORT
    # Restart workers that exit, like compose's `restart: unless-stopped` would.
    supervise: bool = False
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    restarts: list[tuple[float, str, int | None]] = field(default_factory=list)
    _argv: dict[str, list[str]] = field(default_factory=dict)
    _stopping: threading.Event = field(default_factory=threading.Event)

    def start(self) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        for old in self.logs.glob("*.log"):  # exactly-once counts read these logs
            old.unlink()
        gunicorn = [
            str(VENV_BIN / "gunicorn"),
            "mlquiz.wsgi:application",
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(self.web_workers),
            "--timeout",
            "30",
            "--graceful-timeout",
            "5",
        ]
        if self.web_threads > 1:
            gunicorn += ["--threads", str(self.web_threads)]
        self._spawn("web", gunicorn)
        for i in range(self.grading_workers):
            self.start_worker(f"worker{i}")
        if self.beat:
            self._spawn(
                "beat",
                [
                    str(VENV_BIN / "celery"),
                    "-A",
                    "mlquiz",
                    "beat",
                    "--loglevel=INFO",
                    "--schedule",
                    str(self.logs / "celerybeat-schedule"),
                ],
            )
        wait_http(self.port)
        if self.supervise:
            threading.Thread(target=self._supervise, daemon=True).start()

    def _supervise(self) -> None:
        while not self._stopping.wait(1.0):
            for name, process in list(self.processes.items()):
                if name.startswith("worker") and process.poll() is not None:
                    self.restarts.append((time.time(), name, process.returncode))
                    self._spawn(name, self._argv[name])

    def start_worker(self, name: str) -> None:
        self._spawn(
            name,
            [
                str(VENV_BIN / "celery"),
                "-A",
                "mlquiz",
                "worker",
                "-Q",
                "grading,maintenance",
                "-n",
                f"{name}@%h",
                f"--concurrency={self.grading_concurrency}",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
            ],
        )

    def _spawn(self, name: str, argv: list[str]) -> None:
        self._argv[name] = argv
        log = (self.logs / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self, name: str, sig: int = signal.SIGTERM) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)

    def stop(self) -> None:
        self._stopping.set()
        for name in list(self.processes):
            self.kill(name)

    def cpu_seconds(self) -> dict[str, float]:
        """CPU time used so far by each role's whole process tree (web, workers, beat)."""
        ticks = os.sysconf("SC_CLK_TCK")
        totals: dict[str, float] = {}
        for name, process in self.processes.items():
            total = 0.0
            for pid in [process.pid, *descendants(process.pid)]:
                try:
                    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                # utime, stime, cutime, cstime (fields 14-17): children reaped count too.
                total += sum(int(v) for v in fields[11:15]) / ticks
            role = "worker" if name.startswith("worker") else name
            totals[role] = totals.get(role, 0.0) + total
        return totals

    def stored_verdicts(self) -> list[int]:
        found: list[int] = []
        for log in self.logs.glob("worker*.log"):
            found += [
                int(m)
                for m in re.findall(
                    r"stored verdict for submission (\d+)", log.read_text(errors="replace")
                )
            ]
        return found


def descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def wait_http(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"nothing answers on port {port}")


# --- data --------------------------------------------------------------------------------------


def prepare_data(env: dict[str, str], *, students: int, instructors: int = 2) -> None:
    """Migrate, load content/ (quizzes too), create accounts, one course with everyone in it."""
    manage(env, "migrate", "--noinput", "-v", "0")
    manage(env, "collectstatic", "--noinput", "-v", "0")
    if not os.environ.get("LOAD_SKIP_SYNC"):
        manage(env, "sync_content", "--quiet")  # lessons, exercises and quizzes
    script = f"""
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from accounts.roles import instructor_group
from courses.models import Course, CourseExercise, CourseLesson, Enrollment
from catalog.models import Exercise, Lesson
hashed = make_password({STUDENT_PASSWORD!r})
wanted = [f"load{{i}}" for i in range({students})]
wanted += [f"loadteach{{i}}" for i in range({instructors})]
have = set(User.objects.filter(username__in=wanted).values_list("username", flat=True))
User.objects.bulk_create([User(username=u, password=hashed) for u in wanted if u not in have])
group = instructor_group()
for user in User.objects.filter(username__startswith="loadteach"):
    user.groups.add(group)
owner = User.objects.get(username="loadteach0")
course, _ = Course.objects.get_or_create(title="Load course", owner=owner)
for i, lesson in enumerate(Lesson.objects.filter(is_active=True)):
    CourseLesson.objects.get_or_create(course=course, lesson=lesson, defaults={{"order": i}})
for i, exercise in enumerate(Exercise.objects.filter(is_active=True)):
    CourseExercise.objects.get_or_create(course=course, exercise=exercise, defaults={{"order": i}})
students = User.objects.filter(username__startswith="load")
for user in students.exclude(username__startswith="loadteach"):
    Enrollment.objects.get_or_create(course=course, user=user)
print(course.pk)
"""
    result = subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    Path("/tmp/mlquiz-load-course").write_text(result.stdout.strip().splitlines()[-1])


# --- HTTP ------------------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    body: bytes
    headers: dict[str, str]
    ms: float

    def json(self) -> Any:
        return json.loads(self.body or b"{}")


class Browser:
    """Cookies, CSRF and the headers a proxy in front of gunicorn would add (X-Forwarded-Proto:
    https, so the production settings' secure cookies and CSRF checks apply unchanged)."""

    def __init__(self, port: int | None = None, timeout: float = 30) -> None:
        self.port = port or PORT  # read at call time: faults.py moves the stack to another port
        self.timeout = timeout
        self.cookies: dict[str, str] = {}

    def request(
        self,
        method: str,
        path: str,
        data: dict[str, Any] | None = None,
        *,
        json_accept: bool = False,
    ) -> Reply:
        headers = {
            "X-Forwarded-Proto": "https",
            "Host": f"127.0.0.1:{self.port}",
            "Referer": f"https://127.0.0.1:{self.port}/",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if method == "POST":
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urllib.parse.urlencode(data or {}, doseq=True).encode()
        if json_accept:
            headers["Accept"] = "application/json"
        started = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            payload = response.read()
        finally:
            connection.close()
        for value in response.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(value)
            for key, morsel in jar.items():
                self.cookies[key] = morsel.value
        return Reply(
            response.status, payload, dict(response.headers), (time.perf_counter() - started) * 1000
        )

    def login(self, username: str, password: str) -> None:
        page = self.request("GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        assert token, "no CSRF token on the login page"
        reply = self.request(
            "POST",
            "/accounts/login/",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": token.group(1).decode(),
            },
        )
        if reply.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login of {username} failed: {reply.status}")
