#!/usr/bin/env python3
"""End-to-end benchmark of the student flow: log in → submit → verdict.

Drives simulated students over HTTP against gunicorn + Redis + 2 Celery workers + PostgreSQL,
all on loopback, and prints submit-to-verdict latency (p50/p95/p99), sustained submissions/s
and the counts of lost submissions and 5xx answers.

What it needs and what it starts
--------------------------------
PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379 must already run
(`scripts/ensure_services.sh` starts them). With `--spawn` (the default, used by
`make bench-e2e`) the script itself, and nothing else:
  * drops and creates the database `mlquiz_bench`, migrates it, loads one exercise folder
    and creates the simulated students (throwaway data);
  * collects static files into a temporary directory;
  * starts `gunicorn mlquiz.wsgi` (2 processes × 16 threads, production settings: DEBUG off)
    on 127.0.0.1:8791 (or a free port) and two `celery -A mlquiz worker -Q grading` with one
    pool process each (`--concurrency`; as `docker compose --scale worker=2` runs);
    all use Redis database 6, which is flushed first;
  * stops all of them at the end.
With `--url URL` it starts nothing and benchmarks a stack you run yourself (see
docs/performance.md for the commands); the exercise and students must then exist there
(`--setup-only` against that database prepares them).

Phases (each bounded in count and time):
  1. log in every simulated student (real login form, CSRF, session cookie);
  2. open loop at `--rate` submissions/s (default 20) for `--duration` s: latency figures;
  3. closed loop, every student submitting again as soon as its verdict arrives, for
     `--duration` s: sustained submissions/s.
Students obey the per-user rate limit (20 gradings/minute) and the one-in-flight rule, so each
phase has its own pool of students, large enough for its rate.

Usage:  .venv/bin/python scripts/bench_e2e.py [--rate 20] [--duration 15] [--exercise dot-product]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

ROOT = Path(__file__).resolve().parents[1]
PY = ROOT / ".venv" / "bin" / "python"
BIN = ROOT / ".venv" / "bin"
DB_NAME = "mlquiz_bench"
PG = "postgres://postgres@127.0.0.1:5432"
REDIS = "redis://127.0.0.1:6379/6"
DEFAULT_PORT = 8791
PASSWORD = "bench-passphrase-0451"
PER_STUDENT_BUDGET = 18  # below the 20/minute rate limit, with a margin for the sliding window
# Submissions/s the closed loop's default pool of students can sustain for the whole phase
# without one running out of its budget (a faster stack would measure the budget instead).
CLOSED_LOOP_SIZED_FOR = 160


# --- stack -----------------------------------------------------------------------------------


def stack_env(static_root: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="mlquiz.settings",
        DATABASE_URL=f"{PG}/{DB_NAME}",
        REDIS_URL=REDIS,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="bench-only-" + "x" * 50,
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_STATIC_ROOT=static_root,
        DJANGO_LOG_LEVEL="WARNING",
        MLQUIZ_CACHE_PREFIX="mlquiz-bench",
    )
    return env


SETUP_CODE = r"""
import shutil, sys, tempfile
from pathlib import Path
import django
django.setup()
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from catalog.models import Exercise
from catalog.sync import content_sync

slug, count, prefix, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
if not Exercise.objects.filter(slug=slug, current_version__isnull=False).exists():
    source = Path(settings.CONTENT_DIR)
    meta = (source / "exercises" / slug / "exercise.yaml").read_text()
    lesson = next((l.split(":", 1)[1].strip() for l in meta.splitlines()
                   if l.startswith("lesson:")), "")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "exercises").mkdir()
        (tmp / "lessons").mkdir()
        shutil.copytree(source / "exercises" / slug, tmp / "exercises" / slug)
        lesson_file = source / "lessons" / f"{lesson}.md"
        if lesson_file.exists():  # its header only: the body's plots are not benchmarked
            text = lesson_file.read_text()
            (tmp / "lessons" / lesson_file.name).write_text(text[: text.index("---", 3) + 3])
        content_sync(content_dir=tmp, jobs=1)
    assert Exercise.objects.filter(slug=slug, current_version__isnull=False).exists(), slug
# One hash for every simulated student: hashing is deliberately slow and not what we measure.
encoded = make_password(password)
User.objects.bulk_create(
    [User(username=f"{prefix}{i}", password=encoded) for i in range(count)],
    ignore_conflicts=True,
)
print("setup ok")
"""


def run(cmd: list[str], env: dict[str, str]) -> None:
    subprocess.run(cmd, cwd=ROOT, env=env, check=True)


def setup_database(env: dict[str, str], *, slug: str, students: int, prefix: str) -> None:
    subprocess.run(
        ["psql", PG + "/postgres", "-q", "-c", f"DROP DATABASE IF EXISTS {DB_NAME}"],
        check=True,
        capture_output=True,
    )
    subprocess.run(
        ["psql", PG + "/postgres", "-q", "-c", f"CREATE DATABASE {DB_NAME}"],
        check=True,
        capture_output=True,
    )
    run([str(PY), "manage.py", "migrate", "--noinput", "-v", "0"], env)
    run([str(PY), "-c", SETUP_CODE, slug, str(students), prefix, PASSWORD], env)


def free_port(preferred: int) -> int:
    """The preferred port if nobody listens there, else any free loopback port."""
    import socket

    for port in (preferred, 0):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            bound: int = sock.getsockname()[1]  # (host, port) for AF_INET
            return bound
    raise SystemExit("no free port on 127.0.0.1")


SESSIONS_FILE = Path(tempfile.gettempdir()) / "mlquiz-bench-sessions.json"


class SavedSessions(TypedDict):
    """What SESSIONS_FILE holds: the logged-in students of an earlier run."""

    prefix: str
    count: int
    cookies: dict[str, dict[str, str]]  # username -> cookie name -> value


def save_sessions(prefix: str, students: list[Student]) -> None:
    saved: SavedSessions = {
        "prefix": prefix,
        "count": len(students),
        "cookies": {s.username: s.cookies for s in students},
    }
    SESSIONS_FILE.write_text(json.dumps(saved))


def load_sessions(count: int) -> SavedSessions | None:
    try:
        saved: SavedSessions = json.loads(SESSIONS_FILE.read_text())
    except (OSError, ValueError):
        return None
    return saved if saved.get("count") == count else None


def spawn_stack(
    env: dict[str, str],
    logs: Path,
    port: int,
    *,
    concurrency: int = 0,
    pool_kind: str = "prefork",
) -> list[subprocess.Popen[bytes]]:
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    run([str(PY), "manage.py", "collectstatic", "--noinput", "-v", "0"], env)
    procs = [
        subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "mlquiz.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "--workers",
                "2",
                "--worker-class",
                "gthread",
                "--threads",
                "16",
                "--access-logfile",
                "-",
            ],
            cwd=ROOT,
            env=env,
            stdout=(logs / "gunicorn.log").open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    ]
    pool = [f"--concurrency={concurrency}"] if concurrency else []
    if pool_kind != "prefork":
        pool = [f"--pool={pool_kind}"]
    for n in (1, 2):
        procs.append(
            subprocess.Popen(
                [
                    str(BIN / "celery"),
                    "-A",
                    "mlquiz",
                    "worker",
                    "-Q",
                    "grading",
                    "-n",
                    f"bench{n}@%h",
                    "--without-gossip",
                    "--without-mingle",
                    *pool,
                    "--loglevel=INFO",
                ],
                cwd=ROOT,
                env=env,
                stdout=(logs / f"worker{n}.log").open("wb"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready = all(b" ready." in (logs / f"worker{n}.log").read_bytes() for n in (1, 2))
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            up = conn.getresponse().status == 200
        except OSError:
            up = False
        if ready and up:
            return procs
        if any(p.poll() is not None for p in procs):
            break
        time.sleep(0.5)
    stop_stack(procs)
    raise SystemExit(f"the stack did not come up; see the logs in {logs}")


def stop_stack(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in procs:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


# --- simulated students ------------------------------------------------------------------------


@dataclass
class Stats:
    latencies_ms: list[float] = field(default_factory=list)
    accepted: int = 0
    done: int = 0
    lost: int = 0
    http_5xx: int = 0
    refused: dict[int, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(
        self,
        *,
        accepted: int = 0,
        done: int = 0,
        lost: int = 0,
        http_5xx: int = 0,
        latency: float | None = None,
        refused: int | None = None,
        error: str | None = None,
    ) -> None:
        """Add counts, and note a latency (ms), a refusal's HTTP status or an error."""
        with self.lock:
            self.accepted += accepted
            self.done += done
            self.lost += lost
            self.http_5xx += http_5xx
            if latency is not None:
                self.latencies_ms.append(float(latency))
            if refused is not None:
                self.refused[refused] = self.refused.get(refused, 0) + 1
            if error is not None:
                self.errors.append(error)


class Student:
    """One simulated student: a keep-alive HTTP connection, cookies and CSRF like a browser."""

    def __init__(self, host: str, port: int, username: str, stats: Stats) -> None:
        self.host, self.port, self.username, self.stats = host, port, username, stats
        self.conn = http.client.HTTPConnection(host, port, timeout=60)
        self.cookies: dict[str, str] = {}
        self.budget = PER_STUDENT_BUDGET

    def _request(
        self,
        method: str,
        path: str,
        body: dict[str, str] | None = None,
        accept: str = "application/json",
    ) -> tuple[int, bytes]:
        headers = {
            "Accept": accept,
            # Production settings trust the proxy's scheme header; this stands in for nginx.
            "X-Forwarded-Proto": "https",
            "Referer": f"https://{self.host}:{self.port}/",
            "Host": f"{self.host}:{self.port}",
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        data = None
        if body is not None:
            data = urllib.parse.urlencode(body).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=data, headers=headers)
                response = self.conn.getresponse()
                payload = response.read()
                break
            except (http.client.HTTPException, OSError):
                self.conn.close()
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.status >= 500:
            self.stats.record(http_5xx=1)
        return response.status, payload

    def login(self) -> None:
        status, page = self._request("GET", "/accounts/login/", accept="text/html")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None:
            raise RuntimeError(f"login page: HTTP {status}")
        status, _ = self._request(
            "POST",
            "/accounts/login/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": token.group(1).decode(),
            },
            accept="text/html",
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"{self.username}: login failed (HTTP {status})")

    def submit_and_wait(self, slug: str, code: str, deadline: float) -> None:
        self.budget -= 1
        started = time.perf_counter()
        # Like the page: the submit request itself waits briefly for the verdict (200), and
        # the submission is long-polled by id only when grading takes longer (202).
        status, payload = self._request(
            "POST", f"/exercises/{slug}/submit?wait=2000", {"code": code, "kind": "submit"}
        )
        if status not in (200, 202):
            self.stats.record(refused=status)
            return
        self.stats.record(accepted=1)
        data = json.loads(payload)
        url = data["url"]
        if data["done"]:
            self.stats.record(done=1, latency=(time.perf_counter() - started) * 1000)
            return
        while time.monotonic() < deadline:
            status, payload = self._request("GET", f"{url}?wait=5000")
            if status != 200:
                continue
            data = json.loads(payload)
            if data["done"]:
                self.stats.record(done=1, latency=(time.perf_counter() - started) * 1000)
                if data["status"] != "graded":
                    self.stats.record(error=f"{url}: {data['status']} {data['error_reason']}")
                return
        self.stats.record(lost=1)


def log_in_all(students: list[Student]) -> float:
    from concurrent.futures import ThreadPoolExecutor

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(Student.login, students))
    return time.monotonic() - started


def open_loop(
    students: list[Student],
    *,
    slug: str,
    codes: list[str],
    rate: float,
    duration: float,
    grace: float,
) -> tuple[Stats, float, int]:
    """Submissions start on a fixed schedule (rate/s), each by a student with nothing in flight."""
    idle = list(students)
    idle_lock = threading.Lock()
    threads: list[threading.Thread] = []
    skipped = 0
    stats = students[0].stats
    start = time.monotonic()
    deadline = start + duration + grace

    def one(student: Student, code: str) -> None:
        try:
            student.submit_and_wait(slug, code, deadline)
        except Exception as exc:
            stats.record(error=f"{type(exc).__name__}: {exc}")
        finally:
            with idle_lock:
                if student.budget > 0:
                    idle.append(student)

    count = int(rate * duration)
    for i in range(count):
        target = start + i / rate
        delay = target - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        with idle_lock:
            student = idle.pop(0) if idle else None
        if student is None:
            skipped += 1
            continue
        thread = threading.Thread(target=one, args=(student, codes[i % len(codes)]), daemon=True)
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + 1)
    return stats, time.monotonic() - start, skipped


def closed_loop(
    students: list[Student], *, slug: str, codes: list[str], duration: float, grace: float
) -> tuple[Stats, float]:
    stats = students[0].stats
    start = time.monotonic()
    stop_at = start + duration
    deadline = stop_at + grace
    finished_at: list[float] = []

    def loop(student: Student, offset: int) -> None:
        i = offset
        while time.monotonic() < stop_at and student.budget > 0:
            try:
                student.submit_and_wait(slug, codes[i % len(codes)], deadline)
            except Exception as exc:
                stats.record(error=f"{type(exc).__name__}: {exc}")
            i += 1
        finished_at.append(time.monotonic())

    threads = [
        threading.Thread(target=loop, args=(s, n), daemon=True) for n, s in enumerate(students)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + grace + 5)
    # Sustained rate over the loaded window: until the last student stopped submitting.
    elapsed = max(finished_at, default=time.monotonic()) - start
    return stats, elapsed


# --- CPU accounting: what one submission costs, independent of other load on the machine ----

CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_stat(pid: int) -> tuple[int, float, float] | None:
    """(parent pid, own CPU seconds, CPU seconds of its reaped children) of a process, or
    None if it is gone."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = raw[raw.rindex(")") + 2 :].split()
    ppid = int(fields[1])
    utime, stime, cutime, cstime = (int(v) for v in fields[11:15])
    return ppid, (utime + stime) / CLK_TCK, (cutime + cstime) / CLK_TCK


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def stack_cpu_seconds(roots: list[int]) -> dict[str, float]:
    """CPU used so far, by part: the web server (gunicorn and its workers); each Celery
    worker's own processes ("celery"); the jails that graded ("sandbox": they are clones of
    the worker's zygote, but the pool process that ran the grading reaps them, so their CPU
    is in that process's children's time, with the zygote's own); the PostgreSQL backends of
    the bench database; and the Redis server.

    A pool process recycled during the run (max tasks per child) moves its whole CPU, its
    jails' included, into the Celery main process's children's time: the total stays right,
    and those jails then count as Celery."""
    parents: dict[int, int] = {}
    own: dict[int, float] = {}
    reaped: dict[int, float] = {}
    parts = {"postgresql": 0.0, "redis": 0.0}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        stat = _proc_stat(pid)
        if stat is None:
            continue
        parents[pid], own[pid], reaped[pid] = stat
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if b"postgres: " in cmdline and DB_NAME.encode() in cmdline:
            parts["postgresql"] += stat[1] + stat[2]
        elif cmdline.startswith(b"redis-server") or b"/redis-server" in cmdline:
            parts["redis"] += stat[1] + stat[2]
    for index, root in enumerate(roots):
        tree = {root}
        changed = True
        while changed:
            changed = False
            for pid, ppid in parents.items():
                if ppid in tree and pid not in tree:
                    tree.add(pid)
                    changed = True
        if index == 0:
            parts["gunicorn"] = sum(own.get(pid, 0.0) + reaped.get(pid, 0.0) for pid in tree)
            continue
        # A worker: its main process, its pool processes, and the sandbox (zygote + children).
        sandbox = {pid for pid in tree if b"_zygote" in _cmdline(pid)}
        changed = True
        while changed:
            changed = False
            for pid in tree:
                if parents.get(pid) in sandbox and pid not in sandbox:
                    sandbox.add(pid)
                    changed = True
        pool = {pid for pid in tree - sandbox if parents.get(pid) == root}
        jails = sum(reaped.get(pid, 0.0) for pid in pool)
        worker = sum(own.get(pid, 0.0) + reaped.get(pid, 0.0) for pid in tree - sandbox)
        parts["celery"] = parts.get("celery", 0.0) + worker - jails
        parts["sandbox"] = (
            parts.get("sandbox", 0.0)
            + sum(own.get(pid, 0.0) + reaped.get(pid, 0.0) for pid in sandbox)
            + jails
        )
    return parts


def server_side_check(since: float, *, wait: float = 30.0) -> str:
    """Every submission this run stored must end graded: wait for stragglers, then count."""
    query = (
        "SELECT count(*) FILTER (WHERE status = 'graded'), "
        "count(*) FILTER (WHERE status IN ('queued', 'running')), "
        "count(*) FILTER (WHERE status = 'error') "
        f"FROM exercises_submission WHERE created_at >= to_timestamp({since})"
    )
    deadline = time.monotonic() + wait
    while True:
        out = subprocess.run(
            ["psql", f"{PG}/{DB_NAME}", "-Atc", query], check=True, capture_output=True, text=True
        ).stdout.strip()
        graded, pending, failed = (int(v) for v in out.split("|"))
        if pending == 0 or time.monotonic() > deadline:
            return (
                f"{graded} graded, {pending} never finished (lost), {failed} error "
                "(rows stored since the start)"
            )
        time.sleep(0.5)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def report(name: str, stats: Stats, elapsed: float, extra: str = "") -> dict[str, float]:
    lat = stats.latencies_ms
    figures = {
        "p50_ms": percentile(lat, 50),
        "p95_ms": percentile(lat, 95),
        "p99_ms": percentile(lat, 99),
        "mean_ms": statistics.fmean(lat) if lat else float("nan"),
        "accepted": stats.accepted,
        "graded": stats.done,
        "lost": stats.lost,
        "http_5xx": stats.http_5xx,
        "per_s": stats.done / elapsed if elapsed else 0.0,
    }
    refused = ", ".join(f"HTTP {k}: {v}" for k, v in sorted(stats.refused.items())) or "none"
    print(f"\n== {name} {extra}")
    print(
        f"   submit→verdict latency: p50 {figures['p50_ms']:.1f} ms · p95 "
        f"{figures['p95_ms']:.1f} ms · p99 {figures['p99_ms']:.1f} ms · mean "
        f"{figures['mean_ms']:.1f} ms (n={len(lat)})"
    )
    print(
        f"   verdicts {stats.done} / accepted {stats.accepted} in {elapsed:.1f} s → "
        f"{figures['per_s']:.1f} submissions/s sustained"
    )
    print(f"   lost {stats.lost} · 5xx {stats.http_5xx} · refused {refused}")
    for error in stats.errors[:5]:
        print(f"   ! {error}")
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="benchmark a running stack instead of spawning one")
    parser.add_argument("--exercise", default="dot-product")
    parser.add_argument("--rate", type=float, default=20.0, help="open-loop submissions/s")
    parser.add_argument("--duration", type=float, default=12.0, help="seconds per phase (≤ 60)")
    parser.add_argument(
        "--closed-students",
        type=int,
        default=0,
        help="students in the closed loop (default: enough that the per-student budget of "
        f"{PER_STUDENT_BUDGET} gradings lasts the phase at {CLOSED_LOOP_SIZED_FOR}/s, at least 36)",
    )
    parser.add_argument("--setup-only", action="store_true")
    parser.add_argument(
        "--reuse-sessions",
        action="store_true",
        help="keep mlquiz_bench and the students' sessions from the previous run (skips the "
        "slow logins; for repeated measurements)",
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=1,
        help="pool processes per worker (default 1: two workers × one process "
        "measured faster than Celery's one-per-core on 2 cores; 0 = Celery's)",
    )
    parser.add_argument(
        "--pool",
        choices=("prefork", "solo"),
        default="prefork",
        help="Celery pool of the workers (solo: no pool process; no hard "
        "time limit, see docs/performance.md)",
    )
    parser.add_argument("--keep-logs", action="store_true")
    args = parser.parse_args()
    duration = min(args.duration, 60.0)
    open_students = int(args.rate * duration / PER_STUDENT_BUDGET) + 4
    # A student who has used its budget stops; too few students would end the closed loop
    # early and measure the budget, not the stack.
    closed_students = args.closed_students or max(
        36, -(-int(CLOSED_LOOP_SIZED_FOR * duration) // PER_STUDENT_BUDGET)
    )
    total = open_students + closed_students
    prefix = f"bench{random.randrange(10**6)}-"

    source = ROOT / "content" / "exercises" / args.exercise
    codes = [(source / "reference.py").read_text(), (source / "starter.py").read_text()]

    procs: list[subprocess.Popen[bytes]] = []
    tmp = Path(tempfile.mkdtemp(prefix="mlquiz-bench-"))
    env = stack_env(str(tmp / "static"))
    if args.url:
        if args.setup_only:
            env["DATABASE_URL"] = os.environ.get("DATABASE_URL", env["DATABASE_URL"])
            run([str(PY), "-c", SETUP_CODE, args.exercise, str(total), "bench-", PASSWORD], env)
            return 0
        prefix = "bench-"
        parsed = urllib.parse.urlsplit(args.url)
        host, port = parsed.hostname or "127.0.0.1", parsed.port or 80
    else:
        host, port = "127.0.0.1", free_port(DEFAULT_PORT)
        saved = load_sessions(total) if args.reuse_sessions else None
        if saved:
            prefix = saved["prefix"]
            # Redis is flushed below, so rows a previous run left in flight would block their
            # students with 409 forever (the bench runs no beat/sweep): close them.
            subprocess.run(
                [
                    "psql",
                    f"{PG}/{DB_NAME}",
                    "-q",
                    "-c",
                    "UPDATE exercises_submission SET status = 'error', "
                    "error_reason = 'bench reset' WHERE status IN ('queued', 'running')",
                ],
                check=True,
                capture_output=True,
            )
        else:
            print(f"setting up {DB_NAME}, {total} students, exercise {args.exercise} …", flush=True)
            setup_database(env, slug=args.exercise, students=total, prefix=prefix)
        print(f"starting gunicorn on :{port} + 2 celery workers (logs in {tmp}) …", flush=True)
        procs = spawn_stack(env, tmp, port, concurrency=args.concurrency, pool_kind=args.pool)
    run_started = time.time()
    try:
        stats_open, stats_closed = Stats(), Stats()
        group_open = [Student(host, port, f"{prefix}{i}", stats_open) for i in range(open_students)]
        group_closed = [
            Student(host, port, f"{prefix}{open_students + i}", stats_closed)
            for i in range(closed_students)
        ]
        everyone = group_open + group_closed
        if not args.url and saved:
            for student in everyone:
                student.cookies = dict(saved["cookies"][student.username])
            print(f"reusing the sessions of {total} students", flush=True)
        else:
            login_s = log_in_all(everyone)
            print(f"logged in {total} students in {login_s:.1f} s", flush=True)
            if not args.url:
                save_sessions(prefix, everyone)
        # Warm-up: first gradings load the exercise into each worker.
        warm = Stats()
        for student in group_closed[:4]:
            student.stats = warm
            student.submit_and_wait(args.exercise, codes[0], time.monotonic() + 30)
            student.stats = stats_closed

        stats, elapsed, skipped = open_loop(
            group_open, slug=args.exercise, codes=codes, rate=args.rate, duration=duration, grace=30
        )
        report(
            "open loop",
            stats,
            elapsed,
            f"({args.rate:g}/s offered for {duration:g} s; {skipped} skipped: no idle student)",
        )
        roots = [p.pid for p in procs]
        cpu_before = stack_cpu_seconds(roots) if roots else {}
        client_before = time.process_time()
        stats, elapsed = closed_loop(
            group_closed, slug=args.exercise, codes=codes, duration=duration, grace=30
        )
        client_cpu = time.process_time() - client_before
        report(
            "closed loop",
            stats,
            elapsed,
            f"({len(group_closed)} students submitting back to back for {duration:g} s)",
        )
        if roots and stats.done:
            after = stack_cpu_seconds(roots)
            per = {k: (after[k] - cpu_before.get(k, 0.0)) * 1000 / stats.done for k in after}
            cpu_ms = sum(per.values())
            cores = os.cpu_count() or 1
            detail = ", ".join(f"{k} {v:.1f}" for k, v in per.items())
            print(
                f"   CPU per submission: {cpu_ms:.1f} ms ({detail}) → capacity of {cores} "
                f"idle cores ≈ {cores * 1000 / cpu_ms:.0f} submissions/s"
            )
            print(
                f"   this load generator used {client_cpu * 1000 / stats.done:.1f} ms of CPU per "
                "submission on the same cores"
            )
            print(f"   load average now: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
        if not args.url:
            print(f"\n   server side, whole run: {server_side_check(run_started)}")
    finally:
        if procs:
            stop_stack(procs)
            if args.keep_logs:
                print(f"logs kept in {tmp}")
            else:
                shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
