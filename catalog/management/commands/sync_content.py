"""`python manage.py sync_content [--check]`: load content/ into the database, or validate it."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from catalog.sync import content_check, content_sync
from grader.grading import SEED_POOL_SIZE
from grader.validation import CHECK_SEEDS


class Command(BaseCommand):
    help = (
        "Load content/lessons and content/exercises into the database (matched by uuid; "
        "removed items are hidden, not deleted). With --check, validate without writing: "
        "references score 1.0 and tests/ok_*.py pass on every seed checked, starters < 1.0 "
        "and tests/bad_*.py fail, cases are deterministic, everything renders, every link "
        "resolves. Exits non-zero if any item has errors."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--check", action="store_true", help="validate only; write nothing")
        parser.add_argument(
            "--content-dir",
            type=Path,
            default=None,
            help="folder holding lessons/ and exercises/ (default: settings.CONTENT_DIR)",
        )
        parser.add_argument(
            "--jobs",
            type=int,
            default=min(4, os.cpu_count() or 1),
            help="exercises graded in parallel while validating",
        )
        parser.add_argument(
            "--seeds",
            type=int,
            default=len(CHECK_SEEDS),
            choices=range(1, SEED_POOL_SIZE + 1),
            metavar=f"1..{SEED_POOL_SIZE}",
            help=f"grade references and tests/ solutions on the first N seeds of the pool of "
            f"{SEED_POOL_SIZE} that submissions draw from (default {len(CHECK_SEEDS)}; "
            f"{SEED_POOL_SIZE} checks every seed a student can meet)",
        )
        parser.add_argument(
            "--quiet", action="store_true", help="print only items with errors and the summary"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        content_dir = Path(options["content_dir"] or settings.CONTENT_DIR)
        if not (content_dir / "lessons").is_dir() and not (content_dir / "exercises").is_dir():
            raise CommandError(f"{content_dir} has neither lessons/ nor exercises/")
        started = time.monotonic()
        seeds = tuple(range(options["seeds"]))
        if options["check"]:
            report = content_check(content_dir=content_dir, jobs=options["jobs"], seeds=seeds)
        else:
            report = content_sync(content_dir=content_dir, jobs=options["jobs"], seeds=seeds)
        for item in report.items:
            if item.errors or not options["quiet"]:
                style = self.style.ERROR if item.errors else self.style.SUCCESS
                self.stdout.write(style(item.line()) if item.errors else item.line())
        elapsed = time.monotonic() - started
        self.stdout.write(f"{report.summary()} in {elapsed:.1f} s")
        if not report.ok:
            raise CommandError(f"{len(report.failed)} item(s) have errors (listed above)")
