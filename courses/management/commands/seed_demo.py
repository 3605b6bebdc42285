"""Seed a large demo class: `python manage.py seed_demo --students 500 --submissions 50000`."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from courses.seeding import TEACHER, seed_demo, seed_reset


class Command(BaseCommand):
    help = "Create a demo course with many students and submissions (bulk inserts)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--students", type=int, default=500)
        parser.add_argument("--submissions", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument(
            "--reset", action="store_true", help="delete earlier demo students and courses first"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        if options["reset"]:
            seed_reset()
        report = seed_demo(
            students=options["students"], submissions=options["submissions"], seed=options["seed"]
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded course #{report.course.pk} ({report.course.join_code}): "
                f"{report.students} students, {report.submissions} submissions on "
                f"{report.exercises} exercises, {report.quiz_attempts} quiz attempts "
                f"in {time.perf_counter() - started:.1f} s. "
                f"Instructor: {TEACHER} / demo-teacher-pw"
            )
        )
