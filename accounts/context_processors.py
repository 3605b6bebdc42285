from __future__ import annotations

from django.http import HttpRequest

from accounts.roles import is_instructor


def roles(request: HttpRequest) -> dict[str, bool]:
    return {"user_is_instructor": is_instructor(getattr(request, "user", None))}
