"""Time every dashboard page of the newest demo course: `python manage.py bench_dashboard`.

Server time as seen through Django's test client (URL resolution, views, SQL, templates;
no network), median of ``--repeat`` runs after one warm-up, and the number of SQL queries.
Run it after `seed_demo` on the database you want to measure.
"""

from __future__ import annotations

import statistics
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from courses.models import Course, CourseExercise, Enrollment
from courses.seeding import TEACHER


class Command(BaseCommand):
    help = "Measure server time and query counts of the course dashboard pages."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repeat", type=int, default=5)

    def handle(self, *args: Any, **options: Any) -> None:
        course = Course.objects.filter(owner__username=TEACHER).order_by("-pk").first()
        if course is None:
            raise CommandError("No demo course: run `manage.py seed_demo` first.")
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        client = Client()
        client.force_login(course.owner)
        exercises = list(
            CourseExercise.objects.filter(course=course).values_list("exercise_id", flat=True)
        )
        student = Enrollment.objects.filter(course=course).values_list("user_id", flat=True)[0]
        base = f"/instructor/courses/{course.pk}/"
        pages = [
            ("overview", base),
            ("heatmap", base + "heatmap"),
            ("heatmap sorted, page 3", base + "heatmap?sort=-solved&page=3"),
            ("heatmap by lesson", base + f"heatmap?lesson={self._a_lesson(course)}"),
            ("exercise stats", base + f"exercises/{exercises[len(exercises) // 2]}/"),
            ("student drill-down", base + f"students/{student}/"),
            ("gradebook CSV", base + "gradebook.csv"),
        ]
        students = Enrollment.objects.filter(course=course).count()
        self.stdout.write(
            f"{connection.vendor}: course #{course.pk}, {students} students, "
            f"{course.course_exercises.count()} exercises"
        )
        self.stdout.write("| page | median ms | min ms | queries |\n|---|---:|---:|---:|")
        for name, path in pages:
            client.get(path)  # warm-up: template loading, connection
            times = []
            for _ in range(options["repeat"]):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(path)
                    times.append((time.perf_counter() - started) * 1000)
                if response.status_code != 200:
                    raise CommandError(f"{path} answered {response.status_code}")
            self.stdout.write(
                f"| {name} | {statistics.median(times):.0f} | {min(times):.0f} "
                f"| {len(queries.captured_queries)} |"
            )

    @staticmethod
    def _a_lesson(course: Course) -> int | str:
        lesson = (
            CourseExercise.objects.filter(course=course, exercise__lesson__isnull=False)
            .values_list("exercise__lesson_id", flat=True)
            .first()
        )
        return lesson or ""
