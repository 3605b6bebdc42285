"""`quiz_check NAME --seed N --answer STR --json`: grade a typed answer against a variant."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quizzes.checking import check_answer
from quizzes.generators import UnknownGenerator, get_generator


class Command(BaseCommand):
    help = "Check an answer against the variant of generator NAME at --seed."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--answer", required=True)
        parser.add_argument("--json", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            variant = get_generator(options["name"]).generate(options["seed"])
        except UnknownGenerator:
            name = options["name"]
            raise CommandError(f"unknown generator {name!r}; see quiz_sample --list") from None
        result = check_answer(variant.answer, options["answer"])
        if options["json"]:
            self.stdout.write(json.dumps(result.to_dict()))
        else:
            self.stdout.write(f"{result.status}: score {result.score:g}. {result.message}")
