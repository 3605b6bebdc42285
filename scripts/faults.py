"""Fault runs on the deployed shape (gunicorn + Celery worker + beat + Redis + PostgreSQL).

    .venv/bin/python scripts/faults.py flood --count 10000     # after loadtest.py --setup
    .venv/bin/python scripts/faults.py postgres                # private cluster on port 5441
    .venv/bin/python scripts/faults.py redis                   # private redis-server on port 6391
    .venv/bin/python scripts/faults.py kill-worker             # kill -9 the worker mid-grade

`flood` fills the grading queue and watches it drain while students keep using the site.
The other three run students that keep submitting and reading while the fault happens, then
check that every submission ended graded exactly once or marked error with a reason, and that
the web answered (or said what was wrong) instead of hanging. PostgreSQL and Redis are private
servers started here: the shared ones on 5432/6379 are never stopped. The outage scenarios use
scripts/fault_settings.py (the sweep every 5 s instead of 30 s; same mechanism).
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import loadstack
from loadstack import ROOT, STUDENT_PASSWORD, Browser, Stack

PG_PORT = 5441
PG_DIR = Path("/tmp/mlquiz-pgfault")
REDIS_PORT = 6391
GOOD = (ROOT / "content/exercises/stable-softmax/reference.py").read_text()


def django_setup(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# --- private servers -------------------------------------------------------------------------


def as_postgres(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *argv], capture_output=True, text=True, check=False
    )


def pg_start() -> None:
    result = as_postgres(
        "pg_ctl",
        "-D",
        str(PG_DIR / "data"),
        "-l",
        str(PG_DIR / "pg.log"),
        "-o",
        f"-p {PG_PORT} -k {PG_DIR} -c listen_addresses=127.0.0.1",
        "-w",
        "start",
    )
    if result.returncode:
        raise RuntimeError(result.stdout + result.stderr)


def pg_stop() -> None:
    as_postgres("pg_ctl", "-D", str(PG_DIR / "data"), "-m", "fast", "-w", "stop")


def private_postgres() -> str:
    """A throwaway cluster with a copy of the load database (never the shared server)."""
    if (PG_DIR / "data" / "postmaster.pid").exists():
        pg_stop()
    shutil.rmtree(PG_DIR, ignore_errors=True)
    PG_DIR.mkdir(parents=True)
    shutil.chown(PG_DIR, "postgres", "postgres")
    result = as_postgres("initdb", "-D", str(PG_DIR / "data"), "-U", "postgres", "--auth=trust")
    if result.returncode:
        raise RuntimeError(result.stdout + result.stderr)
    pg_start()
    as_postgres("createdb", "-h", "127.0.0.1", "-p", str(PG_PORT), "mlquiz_fault")
    dump = subprocess.run(
        ["pg_dump", "-h", "127.0.0.1", "-U", "postgres", "mlquiz_load"],
        capture_output=True,
        check=True,
    )
    subprocess.run(
        ["psql", "-q", "-h", "127.0.0.1", "-p", str(PG_PORT), "-U", "postgres", "mlquiz_fault"],
        input=dump.stdout,
        capture_output=True,
        check=True,
    )
    return f"postgres://postgres@127.0.0.1:{PG_PORT}/mlquiz_fault"


def redis_start() -> None:
    subprocess.run(
        [
            "redis-server",
            "--port",
            str(REDIS_PORT),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "yes",
            "--pidfile",
            f"/tmp/mlquiz-redis-{REDIS_PORT}.pid",
            "--logfile",
            f"/tmp/mlquiz-redis-{REDIS_PORT}.log",
        ],
        check=True,
    )
    for _ in range(100):
        if redis_ping():
            return
        time.sleep(0.05)


def redis_stop() -> None:
    subprocess.run(
        ["redis-cli", "-p", str(REDIS_PORT), "shutdown", "nosave"], capture_output=True, check=False
    )
    for _ in range(100):
        if not redis_ping():
            return
        time.sleep(0.05)


def redis_ping() -> bool:
    result = subprocess.run(
        ["redis-cli", "-p", str(REDIS_PORT), "ping"], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() == "PONG"


# --- students under fault --------------------------------------------------------------------


class Traffic:
    """Students submitting (and reading) continuously; every answer is logged by second."""

    def __init__(self, students: list[str], slugs: list[str]) -> None:
        self.students, self.slugs = students, slugs
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.log: list[tuple[float, str, str, float]] = []  # (t, what, status, ms)
        self.submitted: list[int] = []
        self.t0 = time.monotonic()
        self.t0_wall = time.time()

    def note(self, what: str, status: str, ms: float) -> None:
        with self.lock:
            self.log.append((time.monotonic() - self.t0, what, status, ms))

    def student(self, username: str) -> None:
        rng = random.Random(username)
        browser = Browser(timeout=20)
        while not self.stop.is_set():
            started = time.perf_counter()
            try:
                browser.login(username, STUDENT_PASSWORD)
                self.note("login", "ok", (time.perf_counter() - started) * 1000)
                break
            except Exception as error:
                self.note("login", type(error).__name__, (time.perf_counter() - started) * 1000)
                time.sleep(1)
        while not self.stop.is_set():
            slug = rng.choice(self.slugs)
            try:
                page = browser.request("GET", f"/exercises/{slug}/")
                self.note("page", str(page.status), page.ms)
                reply = browser.request(
                    "POST",
                    f"/exercises/{slug}/submit",
                    {"code": GOOD, "kind": "run"},
                    json_accept=True,
                )
                self.note("submit", str(reply.status), reply.ms)
                if reply.status == 202:
                    data = reply.json()
                    with self.lock:
                        self.submitted.append(data["id"])
                    for _ in range(10):
                        poll = browser.request("GET", f"{data['url']}?wait=1500", json_accept=True)
                        self.note("poll", str(poll.status), poll.ms)
                        if poll.status != 200 or poll.json().get("done"):
                            break
            except Exception as error:
                self.note("any", type(error).__name__, 0.0)
                time.sleep(0.5)
            self.stop.wait(rng.uniform(0.3, 1.0))

    def start(self) -> None:
        for username in self.students:
            threading.Thread(target=self.student, args=(username,), daemon=True).start()

    def summary(self, outage: tuple[float, float]) -> dict[str, Any]:
        before: collections.Counter[str] = collections.Counter()
        during: collections.Counter[str] = collections.Counter()
        after: collections.Counter[str] = collections.Counter()
        slowest = 0.0
        for t, what, status, ms in self.log:
            bucket = before if t < outage[0] else during if t < outage[1] + 2 else after
            bucket[f"{what} {status}"] += 1
            slowest = max(slowest, ms)
        recovered = next(
            (
                t - outage[1]
                for t, what, status, _ in self.log
                if t > outage[1] and what == "submit" and status == "202"
            ),
            None,
        )
        return {
            "before": dict(before),
            "during_outage": dict(during),
            "after": dict(after),
            "slowest_ms": round(slowest),
            "first_accepted_submit_after_s": None if recovered is None else round(recovered, 1),
        }


def settle(ids: list[int], stack: Stack, timeout: float) -> dict[str, Any]:
    """Wait until every submission is graded or error; then check exactly-once."""
    from django.db import connection

    from exercises.models import Submission

    connection.close()  # this process's connection may predate a database restart
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not Submission.objects.filter(pk__in=ids, status__in=["queued", "running"]).exists():
            break
        time.sleep(1)
    states = collections.Counter(
        Submission.objects.filter(pk__in=ids).values_list("status", flat=True)
    )
    reasons = collections.Counter(
        Submission.objects.filter(pk__in=ids, status="error").values_list("error_reason", flat=True)
    )
    stored = collections.Counter(stack.stored_verdicts())
    twice = [pk for pk in ids if stored[pk] > 1]
    graded_without_log = Submission.objects.filter(pk__in=ids, status="graded").count() - sum(
        1 for pk in ids if stored[pk] == 1
    )
    return {
        "submissions": len(ids),
        "states": dict(states),
        "error_reasons": {k[:90]: v for k, v in reasons.items()},
        "stored_twice": len(twice),
        "graded_rows_without_exactly_one_store": graded_without_log,
        "lost": len(ids) - sum(states.values()),
    }


def outage_scenario(
    name: str,
    *,
    stop_fn: Any,
    start_fn: Any,
    outage_s: float,
    database_url: str,
    redis_url: str,
    out: Path,
    kill_worker: bool = False,
    supervise: bool = False,
) -> dict[str, Any]:
    env = loadstack.stack_env(database_url=database_url, redis_url=redis_url, log_level="INFO")
    env.update(DJANGO_SETTINGS_MODULE="fault_settings", PYTHONPATH=f"{ROOT / 'scripts'}:{ROOT}")
    django_setup(env)
    from catalog.models import Exercise

    slugs = list(Exercise.objects.filter(is_active=True).values_list("slug", flat=True))[:10]
    stack = Stack(
        env=env,
        logs=out / f"logs-{name}",
        web_workers=2,
        grading_workers=1,
        grading_concurrency=2,
        port=8101,
        supervise=supervise,
    )
    stack.start()
    _point_browsers(8101)
    traffic = Traffic([f"load{i}" for i in range(8)], slugs)
    try:
        traffic.start()
        time.sleep(15)
        began = time.monotonic() - traffic.t0
        if kill_worker:
            os.killpg(stack.processes.pop("worker0").pid, signal.SIGKILL)
        else:
            stop_fn()
        time.sleep(outage_s)
        if kill_worker:
            stack.start_worker("worker1")
        else:
            start_fn()
        ended = time.monotonic() - traffic.t0
        time.sleep(30)
        traffic.stop.set()
        time.sleep(3)
        with traffic.lock:
            ids = list(traffic.submitted)
        result = {
            "scenario": name,
            "outage_s": outage_s,
            **traffic.summary((began, ended)),
            **settle(ids, stack, timeout=180),
            "worker_restarts_by_supervisor": [
                {
                    "after_outage_start_s": round(t - (traffic.t0_wall + began), 1),
                    "worker": w,
                    "exit_code": code,
                }
                for t, w, code in stack.restarts
            ],
        }
    finally:
        stack.stop()
    return result


def _point_browsers(port: int) -> None:
    loadstack.PORT = port


# --- flood -------------------------------------------------------------------------------------


def flood(count: int, cap_s: float, out: Path) -> dict[str, Any]:
    env = loadstack.stack_env(log_level="INFO")
    django_setup(env)
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.utils import timezone

    from catalog.models import Exercise
    from exercises import services
    from exercises.models import Submission

    exercises = list(Exercise.objects.filter(is_active=True).select_related("current_version"))
    needed_users = -(-count // len(exercises))
    hashed = make_password("unused-flood-password")
    have = set(User.objects.filter(username__startswith="flood").values_list("username", flat=True))
    User.objects.bulk_create(
        [
            User(username=f"flood{i}", password=hashed)
            for i in range(needed_users)
            if f"flood{i}" not in have
        ]
    )
    users = list(User.objects.filter(username__startswith="flood").order_by("pk")[:needed_users])
    Submission.objects.filter(user__in=users, status__in=["queued", "running"]).delete()
    now = timezone.now()
    rows = [
        Submission(
            user=user,
            exercise=exercise,
            exercise_version=exercise.current_version,
            code=(ROOT / "content/exercises" / exercise.slug / "reference.py").read_text(),
            kind="submit",
            status="queued",
            enqueued_at=now,
        )
        for user in users
        for exercise in exercises
    ][:count]
    # The web first, no worker yet: the queue fills exactly as it would behind dead workers.
    stack = Stack(
        env=env, logs=out / "logs-flood", web_workers=3, grading_workers=0, grading_concurrency=2
    )
    stack.start()
    t = time.monotonic()
    ids = [row.pk for row in Submission.objects.bulk_create(rows, batch_size=1000)]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda pk: services.submission_enqueue(submission_id=pk), ids))
    enqueue_s = time.monotonic() - t
    samples: list[dict[str, Any]] = []
    student = Browser()
    student.login("load1", STUDENT_PASSWORD)
    stack.start_worker("worker0")
    started = time.monotonic()
    try:
        while time.monotonic() - started < cap_s:
            health = student.request("GET", "/healthz/grading")
            page = student.request("GET", "/exercises/stable-softmax/")
            sample = {
                "t": round(time.monotonic() - started),
                "page_ms": round(page.ms),
                "page_status": page.status,
                "health_ms": round(health.ms),
                **{
                    k: health.json()[k]
                    for k in (
                        "status",
                        "queued",
                        "running",
                        "oldest_queued_seconds",
                        "graded_last_minute",
                        "broker_queue",
                    )
                },
            }
            if len(samples) % 15 == 0:
                sample["message"] = health.json()["message"]
                print(json.dumps(sample), flush=True)
            samples.append(sample)
            if sample["queued"] == 0 and sample["running"] == 0:
                break
            time.sleep(2)
        drained_s = time.monotonic() - started
        done = Submission.objects.filter(pk__in=ids, status__in=["graded", "error"]).count()
        checks = settle(ids, stack, timeout=5)
    finally:
        stack.stop()
    page_ms = sorted(s["page_ms"] for s in samples)
    beat_log = (out / "logs-flood" / "beat.log").read_text(errors="replace")
    worker_log = (out / "logs-flood" / "worker0.log").read_text(errors="replace")
    sweeps_sent = beat_log.count("Sending due task sweep-stuck-submissions")
    sweeps_run = len(re.findall(r"sweep_stuck_submissions\[[^]]+\] succeeded", worker_log))
    resent = sum(
        line.count(",") + 1 for line in re.findall(r"sweep: requeued \[([^]]+)\]", worker_log)
    )
    return {
        "scenario": "flood",
        "sweeps_sent_by_beat": sweeps_sent,
        "sweeps_run_by_worker": sweeps_run,
        "messages_resent_by_sweep": resent,
        "count": count,
        "enqueue_s": round(enqueue_s, 1),
        "elapsed_s": round(drained_s, 1),
        "done": done,
        "gradings_per_s": round(done / drained_s, 1),
        "page_p50_ms": page_ms[len(page_ms) // 2],
        "page_max_ms": page_ms[-1],
        "page_errors": sum(s["page_status"] != 200 for s in samples),
        "health_statuses": dict(collections.Counter(s["status"] for s in samples)),
        **checks,
    }


# --- long polls against sync workers --------------------------------------------------------------

SLOW_CODE = """import time
import numpy as np

def softmax(x):
    time.sleep(1.5)
    e = np.exp(x - np.max(x))
    return e / e.sum()
"""


def _hold(browser: Browser, url: str, stop: threading.Event) -> None:
    while not stop.is_set() and url:
        try:
            browser.request("GET", f"{url}?wait=5000", json_accept=True)
        except OSError:
            time.sleep(0.1)


def longpoll(threads: int, out: Path) -> dict[str, Any]:
    """One student holds `3 x web workers` long polls on a slow grading: can others still load
    a page? Compares gunicorn's sync workers (the default) with threaded workers."""
    env = loadstack.stack_env(log_level="INFO")
    results: dict[str, Any] = {}
    for label, web_threads in (("sync", 1), (f"gthread x{threads}", threads)):
        stack = Stack(
            env=env,
            logs=out / f"logs-longpoll-{web_threads}",
            web_workers=3,
            web_threads=web_threads,
            grading_workers=1,
            grading_concurrency=2,
        )
        stack.start()
        try:
            attacker, bystander = Browser(), Browser()
            attacker.login("load2", STUDENT_PASSWORD)
            bystander.login("load3", STUDENT_PASSWORD)
            reply = attacker.request(
                "POST",
                "/exercises/stable-softmax/submit",
                {"code": SLOW_CODE, "kind": "submit"},
                json_accept=True,
            )
            url = reply.json().get("url") if reply.status == 202 else None
            latencies: list[float] = []
            stop = threading.Event()
            holders = [
                threading.Thread(target=_hold, args=(attacker, url or "", stop), daemon=True)
                for _ in range(3 * 3)
            ]
            for holder in holders:
                holder.start()
            time.sleep(0.5)
            for _ in range(10):
                latencies.append(bystander.request("GET", "/lessons/").ms)
            stop.set()
            results[label] = {
                "submit_status": reply.status,
                "bystander_page_ms_p50": round(sorted(latencies)[5]),
                "bystander_page_ms_max": round(max(latencies)),
            }
        finally:
            stack.stop()
    return {"scenario": "longpoll", **results}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "scenario", choices=["flood", "postgres", "redis", "kill-worker", "longpoll"]
    )
    parser.add_argument("--count", type=int, default=10000)
    parser.add_argument("--cap", type=float, default=900, help="flood: stop watching after (s)")
    parser.add_argument("--outage", type=float, default=10)
    parser.add_argument(
        "--supervise",
        action="store_true",
        help="restart exited workers (as compose's restart policy does)",
    )
    parser.add_argument("--out", type=Path, default=Path("/tmp/mlquiz-faults"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.scenario == "flood":
        result = flood(args.count, args.cap, args.out)
    elif args.scenario == "longpoll":
        result = longpoll(8, args.out)
    elif args.scenario == "postgres":
        url = private_postgres()
        redis_start()
        try:
            result = outage_scenario(
                "postgres",
                stop_fn=pg_stop,
                start_fn=pg_start,
                outage_s=args.outage,
                database_url=url,
                redis_url=f"redis://127.0.0.1:{REDIS_PORT}/0",
                out=args.out,
            )
        finally:
            redis_stop()
            pg_stop()
    else:
        url = private_postgres()
        redis_start()
        try:
            result = outage_scenario(
                args.scenario,
                stop_fn=redis_stop,
                start_fn=redis_start,
                outage_s=args.outage,
                database_url=url,
                redis_url=f"redis://127.0.0.1:{REDIS_PORT}/0",
                out=args.out,
                kill_worker=args.scenario == "kill-worker",
                supervise=args.supervise,
            )
        finally:
            redis_stop()
            pg_stop()
    text = json.dumps(result, indent=1)
    suffix = "-supervised" if args.supervise else ""
    (args.out / f"{args.scenario}{suffix}.json").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
