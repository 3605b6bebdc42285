"""Access control for views."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from accounts.roles import is_instructor

View = Callable[..., HttpResponse]


def instructor_required(view: View) -> View:
    """Anonymous users go to the login page; logged-in students get 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_instructor(request.user):
            raise PermissionDenied("This page is for instructors.")
        return view(request, *args, **kwargs)

    # Lets the test suite find every instructor-only URL and check its protection.
    wrapper.instructor_only = True  # type: ignore[attr-defined]
    return wrapper
