from __future__ import annotations

from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses and progress"

    def ready(self) -> None:
        from catalog.access import policy_register
        from courses.access import CoursePolicy

        policy_register(CoursePolicy())
