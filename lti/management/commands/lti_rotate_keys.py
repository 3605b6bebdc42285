"""Rotate the tool's signing key: a new key signs from now on, and keys older than
--keep-days stop being published in /lti/jwks/ (the previous one stays meanwhile, so a platform
that cached our key set still verifies what we signed before)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from lti.services import tool_keys_rotate


class Command(BaseCommand):
    help = "Create a new LTI signing key; retire keys older than --keep-days."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--keep-days", type=int, default=7, help="Keep older keys published this long"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        kid, retired = tool_keys_rotate(keep_days=options["keep_days"])
        self.stdout.write(
            self.style.SUCCESS(f"New signing key {kid}; retired {retired} old key(s).")
        )
