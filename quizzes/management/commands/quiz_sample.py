"""`quiz_sample --list --json`, `quiz_sample NAME --seed N --json` and
`quiz_sample --all --seeds 1,2,3 --json`: look at questions' variants.

Variants come from the question bank (stored rows, or the authors' jail for seeds not stored
yet: one run per question for all the seeds asked), never from code run in this process.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quizzes.bank import UnknownGenerator, Variant, all_generators, get_generator, variants_get


def _seeds(text: str) -> list[int]:
    try:
        seeds = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise CommandError(
            f"--seeds must be whole numbers separated by commas, got {text!r}"
        ) from None
    if not seeds or any(seed < 0 for seed in seeds):
        raise CommandError("--seeds needs at least one non-negative seed")
    return seeds


class Command(BaseCommand):
    help = "List questions, or print generated variants (one JSON line each with --json)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", nargs="?", help="question name (see --list)")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--list", action="store_true", help="list questions")
        parser.add_argument("--all", action="store_true", help="every question, at --seeds")
        parser.add_argument("--seeds", default="", help="with --all: seeds like 1,2,3")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            rows = [g.describe() for g in all_generators()]
            if options["json"]:
                self.stdout.write(json.dumps(rows))
            else:
                for row in rows:
                    self.stdout.write(f"{row['name']:<28} {row['topic']:<20} {row['title']}")
            return
        if options["all"]:
            seeds = _seeds(options["seeds"] or str(options["seed"]))
            names = [g.name for g in all_generators()]
            found = variants_get((name, seed) for name in names for seed in seeds)
            for name in names:
                for seed in seeds:
                    self._show(found[(name, seed)], as_json=options["json"])
            return
        if not options["name"]:
            raise CommandError("give a question NAME, --all or --list")
        try:
            variant = get_generator(options["name"]).generate(options["seed"])
        except UnknownGenerator:
            raise CommandError(f"unknown question {options['name']!r}; see --list") from None
        self._show(variant, as_json=options["json"])

    def _show(self, variant: Variant, *, as_json: bool) -> None:
        data = variant.to_json()
        if as_json:
            self.stdout.write(json.dumps(data))
            return
        self.stdout.write(f"{data['name']} (seed {data['seed']})\n\n{data['prompt']}\n")
        self.stdout.write(f"Answer: {data['answer']}   [{variant.answer.format_hint()}]\n")
        self.stdout.write(f"Solution:\n{data['solution']}\n")
