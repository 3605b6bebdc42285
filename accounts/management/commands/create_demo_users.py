"""Create the demo accounts that `make run` prints: one instructor, two students.

Idempotent: existing demo users keep their data and get their password reset
to the printed one, so the printed credentials always work.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.core.management.base import BaseCommand

from accounts.services import user_create, user_make_instructor

DEMO_USERS = [
    ("instructor", "mlquiz-teach", True),
    ("alice", "mlquiz-learn", False),
    ("bob", "mlquiz-learn", False),
]


class Command(BaseCommand):
    help = "Create or refresh the demo accounts (instructor, alice, bob)."

    def handle(self, *args: Any, **options: Any) -> None:
        for username, password, instructor in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = user_create(username=username, password=password, instructor=instructor)
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
                if instructor:
                    user_make_instructor(user=user)
            role = "instructor" if instructor else "student"
            self.stdout.write(f"  {role:<10}  username: {username:<10}  password: {password}")
