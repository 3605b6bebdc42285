"""Write operations on accounts."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from accounts.roles import instructor_group


@transaction.atomic
def user_create(*, username: str, password: str, email: str = "", instructor: bool = False) -> User:
    user = User.objects.create_user(username=username, email=email, password=password)
    if instructor:
        user.groups.add(instructor_group())
    return user


@transaction.atomic
def user_make_instructor(*, user: User) -> User:
    user.groups.add(instructor_group())
    return user
