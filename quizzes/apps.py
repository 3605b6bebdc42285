from __future__ import annotations

from django.apps import AppConfig


class QuizzesConfig(AppConfig):
    name = "quizzes"
    verbose_name = "Quizzes"

    def ready(self) -> None:
        # content/questions/ and content/quizzes/ load with the rest of content/ in
        # `sync_content` (catalog calls the sections; it does not import this app).
        from catalog.sync import section_register
        from quizzes.loader import QuizSection
        from quizzes.question_folders import QuestionSection

        # Questions first: quiz files name them.
        section_register(QuestionSection())
        section_register(QuizSection())
