"""`python manage.py api_token USERNAME [--name NAME]`: a new personal API token.

The token is the last line of standard output with nothing else on it, so a script can take
it with ``| tail -n 1``; the explanation goes to standard error. The value is shown only
here: the database keeps its SHA-256.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.services import api_token_create


class Command(BaseCommand):
    help = "Create a personal API token for USERNAME and print it (last line of the output)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="A label shown on the account page.")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}: create the account first.")
        if not user.is_active:
            raise CommandError(f"{username} is deactivated: its tokens would not work.")
        token, raw = api_token_create(user=user, name=options["name"] or "command line")
        self.stderr.write(
            f"Created API token {token.prefix}… for {username}. It is shown once; send it as "
            "'Authorization: Bearer <token>'. Revoke it on the account page."
        )
        # No styling: the line must be exactly the token.
        self.stdout.write(raw)
