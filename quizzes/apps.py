from __future__ import annotations

from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = "Quizzes"

    def ready(self) -> None:
        # content/quizzes/ loads with the rest of content/ in `sync_content` (catalog calls
        # the section; it does not import this app).
        from catalog.sync import section_register
        from quizzes.loader import QuizSection

        section_register(QuizSection())
