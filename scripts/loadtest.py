"""Load test of the deployed shape on loopback: gunicorn + Celery workers + Redis + PostgreSQL.

    .venv/bin/python scripts/loadtest.py --setup --start --stages 4,8,16,32 --stage-seconds 40

A realistic mix of virtual users (threads), each with a short think time:
students read lessons, open exercises, press Run and Submit (then wait for the verdict with the
page's long poll), take quizzes (start, autosave, submit), look at their progress; one user in
ten is an instructor opening the dashboard, the heatmap, an exercise's statistics, quiz results
and the gradebook. Each stage runs a fixed number of users for a fixed time (bounded in count
and time); the report gives p50/p95/p99 per endpoint, requests/s, gradings/s (from the
database), error counts, the end-to-end grading latency, and the CPU seconds used by the web,
the workers and the rest, which is how the bottleneck and the knee are found. `--profile`
samples the web and the workers with py-spy during the last stage.

Only 127.0.0.1; its own database (mlquiz_load) and Redis database number (12).
"""

from __future__ import annotations

import argparse
import collections
import json
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import loadstack
from loadstack import ROOT, STUDENT_PASSWORD, Browser, Stack

EXERCISES = sorted(p.name for p in (ROOT / "content" / "exercises").iterdir() if p.is_dir())
OK_STATUSES = {200, 202, 302}
# Refusals the product gives on purpose (rate limit, one grading in flight): not errors.
REFUSED = {409, 429}


@dataclass
class Recorder:
    samples: dict[str, list[float]] = field(default_factory=lambda: collections.defaultdict(list))
    errors: collections.Counter[str] = field(default_factory=collections.Counter)
    refused: collections.Counter[str] = field(default_factory=collections.Counter)
    grading_ms: list[float] = field(default_factory=list)
    login_ms: list[float] = field(default_factory=list)  # kept across the warm-up reset
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, name: str, reply: Any | None, *, error: str = "") -> None:
        with self.lock:
            if reply is None:
                self.errors[f"{name}: {error}"] += 1
                return
            self.samples[name].append(reply.ms)
            if reply.status in REFUSED:
                self.refused[f"{name} {reply.status}"] += 1
            elif reply.status not in OK_STATUSES:
                self.errors[f"{name}: HTTP {reply.status}"] += 1


def _source(slug: str, name: str) -> str:
    path = ROOT / "content" / "exercises" / slug / name
    return path.read_text() if path.exists() else ""


CODE = {slug: (_source(slug, "reference.py"), _source(slug, "starter.py")) for slug in EXERCISES}


class VirtualUser(threading.Thread):
    def __init__(
        self,
        username: str,
        instructor: bool,
        recorder: Recorder,
        stop: threading.Event,
        course_id: int,
        lessons: list[str],
        quizzes: list[str],
        think: float,
    ) -> None:
        super().__init__(daemon=True)
        self.username, self.instructor = username, instructor
        self.recorder, self.stop = recorder, stop
        self.course_id, self.lessons, self.quizzes = course_id, lessons, quizzes
        self.think = think
        self.rng = random.Random(username)
        self.browser = Browser()

    def call(
        self, name: str, method: str, path: str, data: dict[str, Any] | None = None, **kwargs: Any
    ) -> Any:
        try:
            reply = self.browser.request(method, path, data, **kwargs)
        except Exception as error:
            self.recorder.add(name, None, error=type(error).__name__)
            return None
        self.recorder.add(name, reply)
        return reply

    def run(self) -> None:
        started = time.perf_counter()
        try:
            self.browser.login(self.username, STUDENT_PASSWORD)
        except Exception as error:
            self.recorder.add("login", None, error=str(error)[:80])
            return
        with self.recorder.lock:
            self.recorder.login_ms.append((time.perf_counter() - started) * 1000)
        actions = self.instructor_actions() if self.instructor else self.student_actions()
        names, weights = zip(*actions, strict=True)
        while not self.stop.is_set():
            self.rng.choices(names, weights)[0]()
            self.stop.wait(self.rng.uniform(0.5, 1.5) * self.think)

    # --- students

    def student_actions(self) -> list[tuple[Any, int]]:
        return [
            (self.read_lesson, 25),
            (self.open_exercise, 20),
            (self.run_code, 15),
            (self.submit_code, 15),
            (self.take_quiz, 10),
            (self.progress, 5),
            (self.exercise_list, 10),
        ]

    def read_lesson(self) -> None:
        self.call("GET /lessons/", "GET", "/lessons/")
        if self.lessons:
            self.call("GET /lessons/<slug>/", "GET", f"/lessons/{self.rng.choice(self.lessons)}/")

    def exercise_list(self) -> None:
        self.call("GET /exercises/", "GET", "/exercises/")

    def open_exercise(self) -> None:
        self.call("GET /exercises/<slug>/", "GET", f"/exercises/{self.rng.choice(EXERCISES)}/")

    def run_code(self) -> None:
        self._grade("run")

    def submit_code(self) -> None:
        self._grade("submit")

    def _grade(self, kind: str) -> None:
        slug = self.rng.choice(EXERCISES)
        reference, starter = CODE[slug]
        code = reference if self.rng.random() < 0.6 else (starter or reference)
        started = time.perf_counter()
        reply = self.call(
            f"POST submit ({kind})",
            "POST",
            f"/exercises/{slug}/submit",
            {"code": code, "kind": kind},
            json_accept=True,
        )
        if reply is None or reply.status != 202:
            return
        url = reply.json()["url"]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not self.stop.is_set():
            poll = self.call(
                "GET submission?wait=1500", "GET", f"{url}?wait=1500", json_accept=True
            )
            if poll is None or poll.status != 200:
                return
            if poll.json().get("done"):
                with self.recorder.lock:
                    self.recorder.grading_ms.append((time.perf_counter() - started) * 1000)
                return

    def take_quiz(self) -> None:
        if not self.quizzes:
            return
        slug = self.rng.choice(self.quizzes)
        self.call("GET /quizzes/<slug>/", "GET", f"/quizzes/{slug}/")
        start = self.call("POST quiz start", "POST", f"/quizzes/{slug}/start/")
        if start is None or start.status != 302:
            return
        location = start.headers.get("Location", "")
        match = re.search(r"/quizzes/attempts/(\d+)/", location)
        if not match:
            return  # no attempts left: the detail page says so
        attempt = f"/quizzes/attempts/{match.group(1)}/"
        page = self.call("GET attempt", "GET", attempt)
        if page is None or page.status != 200:
            return
        positions = sorted({int(p) for p in re.findall(rb'name="answer-(\d+)"', page.body)})
        answers = {f"answer-{p}": str(self.rng.randint(-5, 5)) for p in positions}
        self.call("POST autosave", "POST", f"{attempt}autosave/", answers, json_accept=True)
        self.call("POST attempt submit", "POST", attempt, {**answers, "action": "submit"})

    def progress(self) -> None:
        self.call("GET /progress/", "GET", "/progress/")

    # --- instructors

    def instructor_actions(self) -> list[tuple[Any, int]]:
        return [
            (self.dashboard, 30),
            (self.heatmap, 20),
            (self.exercise_stats, 20),
            (self.quiz_results, 15),
            (self.gradebook, 5),
            (self.grading_health, 10),
        ]

    def dashboard(self) -> None:
        self.call("GET dashboard", "GET", f"/instructor/courses/{self.course_id}/")

    def heatmap(self) -> None:
        self.call("GET heatmap", "GET", f"/instructor/courses/{self.course_id}/heatmap")

    def exercise_stats(self) -> None:
        exercise_id = self.rng.choice(EXERCISE_IDS or [1])
        self.call(
            "GET exercise stats",
            "GET",
            f"/instructor/courses/{self.course_id}/exercises/{exercise_id}/",
        )

    def quiz_results(self) -> None:
        if self.quizzes:
            self.call(
                "GET quiz results",
                "GET",
                f"/quizzes/manage/{self.rng.choice(self.quizzes)}/results/",
            )

    def gradebook(self) -> None:
        self.call("GET gradebook.csv", "GET", f"/instructor/courses/{self.course_id}/gradebook.csv")

    def grading_health(self) -> None:
        self.call("GET /healthz/grading", "GET", "/healthz/grading")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


EXERCISE_IDS: list[int] = []


def discover(browser: Browser, course_id: int) -> tuple[list[str], list[str]]:
    dashboard = browser.request("GET", f"/instructor/courses/{course_id}/").body
    EXERCISE_IDS.extend(
        sorted(
            {int(i) for i in re.findall(rb"/instructor/courses/\d+/exercises/(\d+)/", dashboard)}
        )
    )
    lessons = re.findall(rb'href="/lessons/([\w-]+)/"', browser.request("GET", "/lessons/").body)
    quizzes = re.findall(rb'href="/quizzes/([\w-]+)/"', browser.request("GET", "/quizzes/").body)
    skip = {b"manage", b"attempts"}
    return (
        sorted({s.decode() for s in lessons}),
        sorted({s.decode() for s in quizzes if s not in skip}),
    )


def gradings_between(env: dict[str, str], start: float, end: float) -> int:
    script = (
        "from datetime import datetime, UTC\n"
        "from exercises.models import Submission\n"
        f"a = datetime.fromtimestamp({start}, UTC); b = datetime.fromtimestamp({end}, UTC)\n"
        "print(Submission.objects.filter(finished_at__gte=a, finished_at__lt=b).count())\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout.strip().splitlines()[-1])


def run_stage(
    users: int,
    seconds: float,
    *,
    course_id: int,
    lessons: list[str],
    quizzes: list[str],
    think: float,
    stack: Stack | None,
    profile_seconds: int = 0,
    out: Path | None = None,
) -> dict[str, Any]:
    recorder, stop = Recorder(), threading.Event()
    instructors = max(1, users // 10)
    threads = [
        VirtualUser(
            "loadteach0" if i < instructors else f"load{i}",
            i < instructors,
            recorder,
            stop,
            course_id,
            lessons,
            quizzes,
            think,
        )
        for i in range(users)
    ]
    cpu_before = stack.cpu_seconds() if stack else {}
    for thread in threads:
        thread.start()
    # Everyone logs in at once (the start of a class); measured apart from the steady state.
    deadline = time.monotonic() + 60
    while len(recorder.login_ms) + sum(recorder.errors.values()) < users and (
        time.monotonic() < deadline
    ):
        time.sleep(0.2)
    recorder.samples.clear()
    recorder.errors.clear()
    recorder.refused.clear()
    recorder.grading_ms.clear()
    cpu_start = stack.cpu_seconds() if stack else cpu_before
    started = time.time()
    profiled: dict[str, Any] = {}
    profiler = None
    if profile_seconds and stack and out:
        # Steady state only: the login burst (password hashing) is measured separately.
        profiler = threading.Thread(
            target=_profile_into, args=(profiled, stack, profile_seconds, out)
        )
        profiler.start()
    time.sleep(seconds)
    ended = time.time()
    stop.set()
    cpu_end = stack.cpu_seconds() if stack else {}
    for thread in threads:
        thread.join(timeout=35)
    elapsed = ended - started
    with recorder.lock:
        endpoints = {
            name: {
                "n": len(v),
                "p50": percentile(v, 50),
                "p95": percentile(v, 95),
                "p99": percentile(v, 99),
            }
            for name, v in sorted(recorder.samples.items())
        }
        total = sum(len(v) for v in recorder.samples.values())
        grading = list(recorder.grading_ms)
        errors, refused = dict(recorder.errors), dict(recorder.refused)
    cpu = {role: round(cpu_end.get(role, 0) - cpu_start.get(role, 0), 1) for role in cpu_end}
    if profiler is not None:
        profiler.join(timeout=profile_seconds + 90)
    return {
        "profile": profiled,
        "users": users,
        "seconds": round(elapsed, 1),
        "requests": total,
        "rps": round(total / elapsed, 1),
        "endpoints": endpoints,
        "errors": errors,
        "refused": refused,
        "grading_e2e_ms": {
            "n": len(grading),
            "p50": percentile(grading, 50),
            "p95": percentile(grading, 95),
            "p99": percentile(grading, 99),
        },
        "window": [started, ended],
        "cpu_seconds": cpu,
        "login_burst_ms": {
            "n": len(recorder.login_ms),
            "p50": percentile(recorder.login_ms, 50),
            "max": max(recorder.login_ms, default=float("nan")),
        },
    }


def profile(stack: Stack, seconds: int, out: Path) -> dict[str, list[tuple[str, int]]]:
    """Sample the web and one worker with py-spy; the frames where time goes, by self time."""
    py_spy = Path(sys.executable).with_name("py-spy")
    results: dict[str, list[tuple[str, int]]] = {}
    jobs = []
    for role in ("web", "worker0"):
        process = stack.processes.get(role)
        if process is None or not py_spy.exists():
            continue
        target = out / f"profile-{role}.txt"
        jobs.append(
            (
                role,
                target,
                subprocess.Popen(
                    [
                        str(py_spy),
                        "record",
                        "--pid",
                        str(process.pid),
                        "--subprocesses",
                        "--duration",
                        str(seconds),
                        "--format",
                        "raw",
                        "--rate",
                        "50",
                        "--nonblocking",
                        "--output",
                        str(target),
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                ),
            )
        )
    for role, target, job in jobs:
        job.wait(timeout=seconds + 60)
        if not target.exists():
            continue
        own: collections.Counter[str] = collections.Counter()
        project: collections.Counter[str] = collections.Counter()
        for line in target.read_text().splitlines():
            stack_text, _, count = line.rpartition(" ")
            frames = stack_text.split(";")
            own[frames[-1]] += int(count)
            for frame in {
                f
                for f in frames
                if re.search(r"\((?:exercises|courses|quizzes|grader|accounts|mlquiz)/", f)
            }:
                project[frame] += int(count)
        results[role] = own.most_common(12)
        results[f"{role} (project frames, inclusive)"] = project.most_common(12)
    return results


def _profile_into(into: dict[str, Any], stack: Stack, seconds: int, out: Path) -> None:
    into.update(profile(stack, seconds, out))


def report_markdown(stages: list[dict[str, Any]]) -> str:
    lines = [
        "| users | req/s | gradings/s | errors | refused | grading e2e p50/p95 ms | "
        "CPU s web / workers / beat | login burst p50/max ms |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for s in stages:
        cpu = s["cpu_seconds"]
        lines.append(
            f"| {s['users']} | {s['rps']} | {s.get('gradings_per_s', '?')} | "
            f"{sum(s['errors'].values())} | {sum(s['refused'].values())} | "
            f"{s['grading_e2e_ms']['p50']:.0f} / {s['grading_e2e_ms']['p95']:.0f} | "
            f"{cpu.get('web', 0)} / {cpu.get('worker', 0)} / {cpu.get('beat', 0)} | "
            f"{s['login_burst_ms']['p50']:.0f} / {s['login_burst_ms']['max']:.0f} |"
        )
    last = stages[-1]
    lines += [
        "",
        f"Per endpoint at {last['users']} users (ms):",
        "",
        "| endpoint | n | p50 | p95 | p99 |",
        "|---|---|---|---|---|",
    ]
    for name, e in last["endpoints"].items():
        lines.append(f"| {name} | {e['n']} | {e['p50']:.0f} | {e['p95']:.0f} | {e['p99']:.0f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--setup", action="store_true", help="create/migrate/load the database")
    parser.add_argument("--start", action="store_true", help="start gunicorn, workers and beat")
    parser.add_argument("--students", type=int, default=120)
    parser.add_argument("--stages", default="4,8,16,32", help="users per stage")
    parser.add_argument("--stage-seconds", type=float, default=40)
    parser.add_argument("--think", type=float, default=1.0, help="mean think time (s)")
    parser.add_argument("--web-workers", type=int, default=3)
    parser.add_argument("--web-threads", type=int, default=1)
    parser.add_argument("--grading-workers", type=int, default=1)
    parser.add_argument("--grading-concurrency", type=int, default=2)
    parser.add_argument("--profile", type=int, default=0, help="py-spy seconds in last stage")
    parser.add_argument("--out", type=Path, default=Path("/tmp/mlquiz-load"))
    args = parser.parse_args()

    env = loadstack.stack_env()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.setup:
        loadstack.ensure_database(loadstack.DATABASE_URL)
        loadstack.prepare_data(env, students=args.students)
    course_id = int(Path("/tmp/mlquiz-load-course").read_text())
    stack = None
    if args.start:
        # The code may be newer than the database (others keep adding migrations).
        loadstack.manage(env, "migrate", "--noinput", "-v", "0")
        loadstack.manage(env, "collectstatic", "--noinput", "-v", "0")
        stack = Stack(
            env=env,
            logs=args.out / "logs",
            web_workers=args.web_workers,
            web_threads=args.web_threads,
            grading_workers=args.grading_workers,
            grading_concurrency=args.grading_concurrency,
        )
        stack.start()
    try:
        probe = Browser()
        probe.login("loadteach0", STUDENT_PASSWORD)
        lessons, quizzes = discover(probe, course_id)
        stages = []
        counts = [int(n) for n in args.stages.split(",")]
        for index, users in enumerate(counts):
            last = index == len(counts) - 1
            stage = run_stage(
                users,
                args.stage_seconds,
                course_id=course_id,
                lessons=lessons,
                quizzes=quizzes,
                think=args.think,
                stack=stack,
                profile_seconds=args.profile if last else 0,
                out=args.out,
            )
            graded = gradings_between(env, *stage["window"])
            stage["gradings"] = graded
            stage["gradings_per_s"] = round(graded / stage["seconds"], 1)
            stages.append(stage)
            print(
                json.dumps({k: v for k, v in stage.items() if k not in ("endpoints", "profile")}),
                flush=True,
            )
            time.sleep(3)  # let the queue settle between stages
        result = {"args": {k: str(v) for k, v in vars(args).items()}, "stages": stages}
        (args.out / "loadtest.json").write_text(json.dumps(result, indent=1))
        (args.out / "loadtest.md").write_text(report_markdown(stages))
        print(report_markdown(stages))
        for stage in stages:
            for role, frames in stage.get("profile", {}).items():
                print(f"\n{role}:")
                for frame, count in frames:
                    print(f"  {count:6d}  {frame[:150]}")
        grading = [s["grading_e2e_ms"] for s in stages]
        print(
            "\ngrading e2e by stage:",
            [(s["users"], g["p50"], g["p95"]) for s, g in zip(stages, grading, strict=True)],
        )
        print("median req/s:", statistics.median([s["rps"] for s in stages]))
    finally:
        if stack:
            stack.stop()


if __name__ == "__main__":
    main()
