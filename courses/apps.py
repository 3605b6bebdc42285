from __future__ import annotations

from django.apps import AppConfig


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = "Courses and progress"

    def ready(self) -> None:
        from catalog.access import policy_register
        from catalog.deadlines import policy_register as deadline_policy_register
        from courses import scoring
        from courses.access import CoursePolicy
        from courses.deadlines import CourseDeadlines
        from exercises.signals import verdict_stored
        from quizzes.signals import attempt_graded

        policy_register(CoursePolicy())
        deadline_policy_register(CourseDeadlines())
        verdict_stored.connect(scoring.on_verdict_stored, dispatch_uid="courses.results")
        attempt_graded.connect(scoring.on_attempt_graded, dispatch_uid="courses.results")
