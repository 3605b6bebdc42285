"""`quiz_check NAME --seed N --answer A [--answer B ...] --json`: grade typed answers
against a variant, one line (one JSON object with --json) per answer, in order."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quizzes.bank import UnknownGenerator, get_generator, grade_response


class Command(BaseCommand):
    help = "Check answers against the variant of question NAME at --seed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--answer", action="append", required=True)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            variant = get_generator(options["name"]).generate(options["seed"])
        except UnknownGenerator:
            name = options["name"]
            raise CommandError(f"unknown question {name!r}; see quiz_sample --list") from None
        for text in options["answer"]:
            result = grade_response(variant, text)
            if options["json"]:
                self.stdout.write(json.dumps(result.to_dict()))
            else:
                self.stdout.write(f"{result.status}: score {result.score:g}. {result.message}")
