"""`python manage.py bench_grader [--json]`: how fast the grader grades correct solutions.

Prints warm_p50_ms, warm_p95_ms, cold_p50_ms (same gradings through a cold
interpreter start, in the same run) and throughput_per_s (one grading process
per core, all busy) over the five required exercises. See docs/sandbox.md.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from catalog.manifest import load_exercise_dir
from grader._bench import run_benchmark

REQUIRED = ("dot-product", "inverse-2x2", "stable-softmax", "pca", "adam")


class Command(BaseCommand):
    help = "Benchmark grading of the five required exercises (warm, cold, throughput)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print one JSON line")
        parser.add_argument("--rounds", type=int, default=20, help="warm gradings per exercise")
        parser.add_argument("--cold-rounds", type=int, default=2, help="cold gradings per exercise")
        parser.add_argument("--workers", type=int, default=0, help="processes (default: cores)")

    def handle(self, *args: Any, **options: Any) -> None:
        exercises = Path(settings.CONTENT_DIR) / "exercises"
        figures = run_benchmark(
            [load_exercise_dir(exercises / slug) for slug in REQUIRED],
            warm_rounds=options["rounds"],
            cold_rounds=options["cold_rounds"],
            workers=options["workers"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(figures))
            return
        for key, value in figures.items():
            self.stdout.write(f"{key:>24}: {value}")
