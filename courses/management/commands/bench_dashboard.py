"""Time every dashboard page of the newest demo course: `python manage.py bench_dashboard`.

Server time as seen through Django's test client (URL resolution, views, SQL, templates;
no network), median of ``--repeat`` runs after one warm-up, and the number of SQL queries.
Run it after `seed_demo` on the database you want to measure.

"API gradebook" is the token API's endpoint, called with a personal token of the course's
owner (created for the run and revoked afterwards).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.services import api_token_create
from courses.models import Course, CourseExercise, CourseQuiz, Enrollment
from courses.seeding import TEACHER
from mlquiz import sql as dialect


class Command(BaseCommand):
    help = "Measure server time and query counts of the course dashboard pages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repeat", type=int, default=5)
        parser.add_argument(
            "--serial",
            action="store_true",
            help="no parallel query workers (PostgreSQL): their CPU is not the backend's, so "
            "without this flag the DB CPU column leaves it out",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        course = Course.objects.filter(owner__username=TEACHER).order_by("-pk").first()
        if course is None:
            raise CommandError("No demo course: run `manage.py seed_demo` first.")
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        token, raw = api_token_create(user=course.owner, name="bench_dashboard")
        client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")  # used by the API; ignored elsewhere
        client.force_login(course.owner)
        exercises = list(
            CourseExercise.objects.filter(course=course).values_list("exercise_id", flat=True)
        )
        student = Enrollment.objects.filter(course=course).values_list("user_id", flat=True)[0]
        quiz = CourseQuiz.objects.filter(course=course).values_list("quiz_id", flat=True).first()
        base = f"/instructor/courses/{course.pk}/"
        pages: list[tuple[str, str]] = [
            ("overview", base),
            ("heatmap", base + "heatmap"),
            ("heatmap by points, page 3", base + "heatmap?sort=-points&page=3"),
            ("heatmap by lesson", base + f"heatmap?lesson={self._a_lesson(course)}"),
            ("exercise stats", base + f"exercises/{exercises[len(exercises) // 2]}/"),
            ("student drill-down", base + f"students/{student}/"),
            ("gradebook CSV (plain)", base + "gradebook.csv"),
            ("gradebook CSV (Canvas)", base + "gradebook.csv?layout=canvas"),
            ("gradebook CSV (Moodle)", base + "gradebook.csv?layout=moodle"),
            ("API gradebook", f"/api/v1/courses/{course.pk}/gradebook"),
        ]
        if quiz is not None:
            pages.insert(5, ("quiz stats", base + f"quizzes/{quiz}/"))
        students = Enrollment.objects.filter(course=course).count()
        self.stdout.write(
            f"{connection.vendor}: course #{course.pk}, {students} students, "
            f"{course.course_exercises.count()} exercises"
        )
        if options["serial"] and dialect.is_postgresql():
            with connection.cursor() as cursor:
                cursor.execute("SET max_parallel_workers_per_gather = 0")
        backend = self._backend_cpu_reader()
        self.stdout.write(
            "| page | wall median ms | wall min ms | SQL wall ms | Python CPU ms "
            "| DB CPU ms | CPU total ms | queries | first request CPU ms |"
            "\n|---|---:|---:|---:|---:|---:|---:|---:|---:|"
        )
        for name, target in pages:

            def request(target: str = target) -> None:
                response = client.get(target)
                if response.status_code != 200:
                    raise CommandError(f"{target} answered {response.status_code}")

            # The first request also fills caches (the activity chart's closed days): its CPU
            # time is the cold cost.
            first_cpu, first_db = time.process_time(), backend()
            request()
            cold = (time.process_time() - first_cpu) * 1000 + backend() - first_db
            times, sql, cpu, db_cpu = [], [], [], []
            for _ in range(options["repeat"]):
                with CaptureQueriesContext(connection) as queries:
                    started, cpu_started = time.perf_counter(), time.process_time()
                    db_started = backend()
                    request()
                    times.append((time.perf_counter() - started) * 1000)
                    cpu.append((time.process_time() - cpu_started) * 1000)
                    db_cpu.append(backend() - db_started)
                sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
            self.stdout.write(
                f"| {name} | {statistics.median(times):.0f} | {min(times):.0f} "
                f"| {statistics.median(sql):.0f} | {statistics.median(cpu):.0f} "
                f"| {statistics.median(db_cpu):.0f} "
                f"| {statistics.median(a + b for a, b in zip(cpu, db_cpu, strict=True)):.0f} "
                f"| {len(queries.captured_queries)} | {cold:.0f} |"
            )
        token.delete()
        load = " ".join(f"{x:.1f}" for x in os.getloadavg())  # 1, 5 and 15 minutes
        self.stdout.write(f"load average during the run: {load} (2 cores shared)")

    @staticmethod
    def _backend_cpu_reader() -> Callable[[], float]:
        """CPU milliseconds used so far by this connection's PostgreSQL backend.

        Wall times on a shared machine mostly measure the other processes; CPU time spent
        for the request (ours plus the database backend's) is what it costs uncontended.
        Read from /proc (same host); 0 where that is not possible (e.g. SQLite: in-process).
        Parallel workers are other processes: a query that uses them costs more CPU than this
        counts (``--serial`` runs every query in the backend).
        """
        if not dialect.is_postgresql():
            return lambda: 0.0
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        path = Path(f"/proc/{pid}/schedstat")
        if not path.exists():
            return lambda: 0.0
        return lambda: int(path.read_text().split()[0]) / 1e6

    @staticmethod
    def _a_lesson(course: Course) -> int | str:
        lesson = (
            CourseExercise.objects.filter(course=course, exercise__lesson__isnull=False)
            .values_list("exercise__lesson_id", flat=True)
            .first()
        )
        return lesson or ""
