"""Access control for views, and the request type the guarded views receive."""

from __future__ import annotations

from collections.abc import Callable
from functools import update_wrapper
from typing import Concatenate, cast

from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from accounts.roles import is_instructor


class AuthenticatedHttpRequest(HttpRequest):
    """A request whose user has signed in: what a view behind `login_required` or
    `instructor_required` receives (healthchecks' pattern). Only a type: Django builds the
    request; the decorator is what makes the annotation true."""

    user: User


def instructor_required[**P](
    view: Callable[Concatenate[AuthenticatedHttpRequest, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """Anonymous users go to the login page; logged-in students get 403."""

    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_instructor(request.user):
            raise PermissionDenied("This page is for instructors.")
        return view(cast(AuthenticatedHttpRequest, request), *args, **kwargs)

    update_wrapper(wrapper, view)
    # Lets the test suite find every instructor-only URL and check its protection.
    setattr(wrapper, "instructor_only", True)  # noqa: B010 - a marker attribute on a function
    return wrapper


def signed_in_user(request: HttpRequest) -> User | None:
    """The request's user when signed in (typed as a User), else None: for pages that serve
    everyone but show more to a signed-in student."""
    user = request.user
    return user if isinstance(user, User) and user.is_authenticated else None
