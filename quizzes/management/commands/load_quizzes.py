"""`load_quizzes [--check] [--dir DIR]`: load content/quizzes/*.yaml (idempotent, by slug)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quizzes.loader import load_quizzes


class Command(BaseCommand):
    help = "Load the ready-made quizzes from content/quizzes/*.yaml."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="validate only, write nothing")
        parser.add_argument("--dir", type=Path, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        report = load_quizzes(directory=options["dir"], check=options["check"])
        verb = "valid" if options["check"] else "loaded"
        for name, warning in report.warnings.items():
            self.stderr.write(f"warning: {name}: {warning}")
        for name, error in report.errors.items():
            self.stderr.write(f"error: {name}: {error}")
        self.stdout.write(f"{len(report.loaded)} quizzes {verb}: {', '.join(report.loaded)}")
        if report.errors:
            raise CommandError(f"{len(report.errors)} quiz file(s) have errors")
