"""`quiz_sample --list --json` and `quiz_sample NAME --seed N --json`: look at generators."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quizzes.generators import UnknownGenerator, all_generators, get_generator


class Command(BaseCommand):
    help = "List question generators, or print one generated variant."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", nargs="?", help="generator name (see --list)")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--list", action="store_true", help="list generators")
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
        if not options["name"]:
            raise CommandError("give a generator NAME or --list")
        try:
            variant = get_generator(options["name"]).generate(options["seed"])
        except UnknownGenerator:
            raise CommandError(f"unknown generator {options['name']!r}; see --list") from None
        data = variant.to_json()
        if options["json"]:
            self.stdout.write(json.dumps(data))
            return
        self.stdout.write(f"{data['name']} (seed {data['seed']})\n\n{data['prompt']}\n")
        self.stdout.write(f"Answer: {data['answer']}   [{variant.answer.format_hint()}]\n")
        self.stdout.write(f"Solution:\n{data['solution']}")
