"""`python manage.py export_content [DIR]`: write lessons and exercises from the database to
the folder format (default: ./content), so browser-authored material can go to git."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from catalog.export import content_export


class Command(BaseCommand):
    help = "Export lessons and exercises from the database to content/ folders."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "content_dir",
            nargs="?",
            default=None,
            help="target folder (default: settings.CONTENT_DIR)",
        )
        parser.add_argument(
            "--include-inactive", action="store_true", help="also export hidden rows"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["content_dir"] or settings.CONTENT_DIR)
        report = content_export(content_dir=target, include_inactive=options["include_inactive"])
        for slug in report.skipped:
            self.stderr.write(f"exercise {slug}: no version to export, skipped")
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {len(report.lessons)} lessons and {len(report.exercises)} exercises "
                f"to {target}"
            )
        )
