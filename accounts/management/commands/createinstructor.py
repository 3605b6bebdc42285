"""`python manage.py createinstructor USERNAME [--password P] [--email E]`.

Creates an instructor account, or gives the instructor role to an existing user.
"""

from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError, CommandParser

from accounts.services import user_create, user_make_instructor


class Command(BaseCommand):
    help = "Create an instructor account (or promote an existing user to instructor)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="Prompted for when omitted (new users only).")

    def handle(self, *args: Any, **options: Any) -> None:
        username: str = options["username"]
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            user_make_instructor(user=existing)
            self.stdout.write(self.style.SUCCESS(f"{username} is now an instructor."))
            return
        password = options["password"]
        if not password:
            if not options.get("interactive", True):
                raise CommandError("--password is required when not interactive.")
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("Passwords do not match.")
        if not password:
            raise CommandError("A password is required.")
        user_create(username=username, password=password, email=options["email"], instructor=True)
        self.stdout.write(self.style.SUCCESS(f"Created instructor {username}."))
