"""`quiz_regrade SLUG`: regrade every submitted attempt of a quiz from its stored seeds."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quizzes.models import Attempt, Quiz
from quizzes.services import quiz_regrade


class Command(BaseCommand):
    help = "Regrade submitted attempts of a quiz (after fixing a generator or a tolerance)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug")

    def handle(self, *args: Any, **options: Any) -> None:
        quiz = Quiz.objects.filter(slug=options["slug"]).first()
        if quiz is None:
            raise CommandError(f"no quiz {options['slug']!r}")
        attempts = Attempt.objects.filter(quiz=quiz, status=Attempt.Status.SUBMITTED)
        changed = quiz_regrade(quiz=quiz)
        self.stdout.write(f"regraded {attempts.count()} attempts; {changed} scores changed")
